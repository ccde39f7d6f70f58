#include "client/core/outbox.hpp"

#include <algorithm>

#include "client/core/files.hpp"
#include "client/core/journal.hpp"
#include "client/core/today.hpp"
#include "protocol/codec.hpp"
#include "protocol/limits.hpp"
#include "protocol/state_codec.hpp"

namespace jos::client {
namespace {

using clock = std::chrono::steady_clock;

// How often the confirmed state alone (nothing pending) is written, for a quick start and
// for reading while offline; pending ops are written at once.
constexpr auto state_save_interval = std::chrono::seconds(2);

}  // namespace

outbox::outbox(bool own_thread, std::function<void()> written)
    : own_thread_(own_thread), written_(std::move(written)) {}

outbox::~outbox() {
  if (writer_) writer_->flush();
}

std::vector<std::string> outbox::open(std::filesystem::path file, std::string client_id,
                                      std::string trajectory_id, replica& r) {
  std::vector<std::string> notices;
  client_id_ = std::move(client_id);
  trajectory_id_ = std::move(trajectory_id);
  // Without our journal we do not know which numbers the server has seen from us (it
  // acknowledges those again without applying anything): start above them, at the clock.
  next_client_seq_ = static_cast<std::uint64_t>(std::max<std::int64_t>(1, wall_clock_ms()));
  if (auto text = read_file(file)) {
    std::string error;
    auto contents = decode_journal(*text, error);
    if (!contents) {
      notices.emplace_back("Het lokale journaal was beschadigd (" + error +
                           "); de server-versie wordt gebruikt.");
    } else if (contents->client_id == client_id_) {
      next_client_seq_ = std::max<std::uint64_t>(1, contents->next_client_seq);
      if (contents->state) {
        r.restore(contents->seq, std::move(*contents->state), std::move(contents->ops));
      } else if (!contents->ops.empty()) {
        notices.emplace_back(
            "Het lokale journaal had wijzigingen zonder basis; die zijn overgeslagen.");
      }
    }
  }
  writer_ = make_journal_writer(std::move(file), written_, own_thread_);
  journal_generation_ = 0;
  saved_revision_ = r.revision();
  return notices;
}

void outbox::close(const replica& r) {
  if (writer_) {
    save(r, true);
    writer_->flush();
    writer_.reset();
  }
  trajectory_id_.clear();
  queued_.clear();
}

std::vector<dropped_change> outbox::after_change(replica& r, std::uint64_t link, bool may_send) {
  std::vector<outgoing> out;
  if (may_send) out = r.take_outgoing([this] { return next_client_seq_++; });
  if (!out.empty() || r.revision() != saved_revision_) save(r, !out.empty());
  std::vector<dropped_change> dropped;
  for (auto& o : out) {
    const std::uint64_t client_seq = o.client_seq;
    std::string text =
        protocol::encode(protocol::submit{client_seq, o.base_seq, std::move(o.op), o.ballot});
    if (text.size() > protocol::max_message_bytes) {
      // The server would refuse the frame unread and close the connection, and the op would
      // go again after every reconnect. The replica splits what it can (long pastes);
      // anything else that large is given up here, its text kept.
      if (auto d = r.on_reject({client_seq, protocol::error_code::too_large,
                                "de wijziging is te groot om te versturen."}))
        dropped.push_back(std::move(*d));
      continue;
    }
    queued_.push_back({link, journal_generation_, std::move(text)});
  }
  return dropped;
}

void outbox::save(const replica& r, bool force) {
  if (!writer_) return;
  const bool pending_changed = r.revision() != saved_revision_;
  if (!force && !pending_changed) return;
  // With nothing pending, only the state changed: that can wait a little.
  if (!force && r.pending().empty() && clock::now() - saved_at_ < state_save_interval) return;
  if (r.has_state() && (state_json_seq_ != r.seq() || state_json_resets_ != resets_)) {
    state_json_ = protocol::encode_state(r.confirmed(), false)
                      .dump(-1, ' ', false, protocol::json::error_handler_t::replace);
    state_json_seq_ = r.seq();
    state_json_resets_ = resets_;
  }
  journal_generation_ =
      writer_->save(encode_journal(client_id_, trajectory_id_, next_client_seq_, r.seq(),
                                   r.has_state() ? state_json_ : std::string{}, r.pending()));
  saved_revision_ = r.revision();
  saved_at_ = clock::now();
}

void outbox::flush(std::uint64_t link, const send_function& send) {
  if (queued_.empty()) return;
  const std::uint64_t durable = writer_ ? writer_->durable() : ~std::uint64_t{0};
  std::size_t sent = 0;
  // In order: an op goes out only once the journal that numbers it is durable.
  for (; sent < queued_.size(); ++sent) {
    auto& q = queued_[sent];
    if (q.journal_generation > durable) break;
    if (q.link == link) send(q.link, std::move(q.text));
  }
  queued_.erase(queued_.begin(), queued_.begin() + static_cast<std::ptrdiff_t>(sent));
}

std::string outbox::last_error() const { return writer_ ? writer_->last_error() : std::string{}; }

}  // namespace jos::client
