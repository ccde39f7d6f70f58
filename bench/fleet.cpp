#include "bench/fleet.hpp"

#include <algorithm>

#include "bench/server_process.hpp"
#include "bench/wire.hpp"
#include "protocol/codec.hpp"
#include "shared/content.hpp"

namespace jos::bench {
namespace {

constexpr std::array<std::string_view, 8> words{"samen ", "school ", "jongeren ", "leerlijn ",
                                                "plan ",  "doel ",   "klas ",     "wijk "};
constexpr long max_typed_length = 300;  // then the invuller deletes a stretch
constexpr long deleted_stretch = 120;
constexpr int max_reactions_sent = 4000;   // the server allows 5,000 per meeting
constexpr std::size_t history_window = 4;  // ops in flight per member in history mode
constexpr std::uint64_t not_welcomed = ~std::uint64_t{0};

protocol::profile profile_for(std::uint32_t index, int slot) {
  protocol::profile p;
  p.name = "Deelnemer " + std::to_string(index);
  p.org = slot % 2 == 0 ? shared::organisation::school : shared::organisation::jongerenwerk;
  p.function = slot % 2 == 0 ? "docent" : "jongerenwerker";
  p.level = slot == 0 ? shared::staff_level::manager : shared::staff_level::uitvoerder;
  return p;
}

std::uint32_t micros(bench_clock::duration d) {
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(d).count();
  return static_cast<std::uint32_t>(std::clamp<long long>(us, 0, 0xFFFFFFFF));
}

}  // namespace

fleet::fleet(net::io_context& io, fleet_options options)
    : io_(io), options_(std::move(options)), random_(options_.seed), ticker_(io) {
  work_.emplace(io_.get_executor());
  agenda_size_ = shared::leerlijn().meetings.at(0).agenda.size();
}

fleet::~fleet() {
  ticking_ = false;
  ticker_.cancel();
  work_.reset();
}

int fleet::add_room(int clients, int writers) {
  const int index = static_cast<int>(rooms_.size());
  rooms_.emplace_back();
  rooms_.back().credit = std::uniform_real_distribution<double>(0, 1)(random_);
  add_members(index, clients + writers);
  auto& r = rooms_.back();
  for (int w = 0; w < writers && 2 + w < static_cast<int>(r.members.size()); ++w)
    at(r.members[static_cast<std::size_t>(2 + w)]).writer = true;
  if (writers > 0 && r.members.size() > 1) {
    // History mode: the invuller and each writer own one row, so every text model is exact.
    for (std::size_t s = 1; s < r.members.size() && s <= static_cast<std::size_t>(1 + writers); ++s)
      at(r.members[s]).edit_row = static_cast<int>(s - 1) % 10;
  }
  return index;
}

void fleet::add_members(int room_index, int count) {
  for (int i = 0; i < count; ++i) {
    const auto index = static_cast<std::uint32_t>(members_.size());
    members_.emplace_back();
    auto& m = members_.back();
    auto& r = rooms_[static_cast<std::size_t>(room_index)];
    m.link = std::make_unique<load_client>(io_, *this, index);
    m.room = room_index;
    m.slot = static_cast<int>(r.members.size());
    m.tokens = options_.client_burst;
    m.refilled = bench_clock::now();
    r.members.push_back(index);
    const bool needs_code = options_.kind == target::jos && !options_.handshake_only && m.slot > 0;
    if (needs_code && r.join_code.empty())
      r.waiting_for_code.push_back(index);
    else
      enqueue_setup(index);
  }
}

void fleet::make_slow(int room_index) {
  auto& r = rooms_[static_cast<std::size_t>(room_index)];
  if (r.members.size() > 2) at(r.members.back()).slow = true;
}

void fleet::enqueue_setup(std::uint32_t index) {
  setup_queue_.push_back(index);
  pump_setups();
}

void fleet::pump_setups() {
  while (in_setup_ < options_.max_concurrent_setups && !setup_queue_.empty()) {
    const auto index = setup_queue_.front();
    setup_queue_.pop_front();
    ++in_setup_;
    at(index).in_setup = true;
    start_connect(index);
  }
}

void fleet::start_connect(std::uint32_t index) {
  auto& m = at(index);
  m.state = phase::connecting;
  m.closing = false;
  // A slow consumer's small receive buffer puts its backlog in the server's queue.
  m.link->connect(options_.server, m.slow ? 4096 : 0);
}

void fleet::on_open(load_client& c) {
  auto& m = at(c.index());
  if (options_.handshake_only) return became_ready(m);
  if (options_.kind == target::relay) {
    m.state = phase::hello;
    c.send(R"({"room":"r)" + std::to_string(m.room) + R"("})");
    return;
  }
  if (!m.token.empty()) {
    // A reconnect: the same person and client id, with the last sequence it had.
    m.state = phase::hello;
    m.welcome_seq = not_welcomed;
    c.send(protocol::encode(protocol::client_message{
        protocol::hello{m.token, client_id_of(c.index()), m.last_seq, m.epoch}}));
    return;
  }
  if (m.slot == 0) {
    m.state = phase::creating;
    shared::partnership p;
    p.school = "School " + std::to_string(m.room);
    p.youth_organisation = "Jongerenwerk " + std::to_string(m.room);
    c.send(protocol::encode(protocol::client_message{
        protocol::create_trajectory{p, profile_for(c.index(), m.slot), {}}}));
    return;
  }
  m.state = phase::joining;
  c.send(protocol::encode(protocol::client_message{protocol::join_trajectory{
      rooms_[static_cast<std::size_t>(m.room)].join_code, profile_for(c.index(), m.slot)}}));
}

void fleet::on_message(load_client& c, std::string_view message) {
  auto& m = at(c.index());
  // When this receiver's kernel had it, not when this one thread got round to it.
  const auto now = c.received_at();
  if (measuring_) ++window_.messages;
  switch (kind_of(message)) {
    case message_kind::ops: {
      std::size_t pos = 0;
      delivered_op d;
      auto& r = rooms_[static_cast<std::size_t>(m.room)];
      while (next_delivered_op(message, true, pos, d)) {
        if (measuring_) ++window_.deliveries;
        if (d.seq == m.last_seq + 1) {
          m.last_seq = d.seq;
        } else if (d.seq <= m.last_seq) {
          ++window_.duplicates;
        } else {
          ++window_.gaps;
          m.last_seq = d.seq;
        }
        r.seq = std::max(r.seq, d.seq);
        if (!d.client) continue;
        on_delivered(*d.client, d.client_seq, c.index(), now);
        // Our own op back, once durable, is its acknowledgement (anonymous ballots aside).
        if (*d.client == c.index()) on_ack(m, d.client_seq, now);
      }
      if (m.state == phase::hello) check_synced(m);
      return;
    }
    case message_kind::relayed_op: {
      std::size_t pos = 0;
      delivered_op d;
      if (!next_delivered_op(message, false, pos, d) || !d.client) return;
      if (measuring_) ++window_.deliveries;
      on_delivered(*d.client, d.client_seq, c.index(), now);
      if (*d.client == c.index()) on_ack(m, d.client_seq, now);
      return;
    }
    case message_kind::ack: {
      std::size_t pos = 0;
      std::uint64_t client_seq = 0;
      if (read_uint(message, R"("client_seq":)", pos, client_seq)) on_ack(m, client_seq, now);
      return;
    }
    case message_kind::reject: return on_reject(m, message);
    case message_kind::snapshot: {
      std::size_t pos = 0;
      std::uint64_t seq = 0;
      if (read_uint(message, R"("seq":)", pos, seq)) m.last_seq = seq;
      auto& r = rooms_[static_cast<std::size_t>(m.room)];
      r.seq = std::max(r.seq, seq);
      return check_synced(m);
    }
    case message_kind::other: return on_setup_message(m, message);
  }
}

void fleet::on_setup_message(member& m, std::string_view message) {
  const auto type = type_of(message);
  // Presence, who-is-editing and the like are counted above and need no decoding.
  if (type != "created" && type != "joined" && type != "welcome" && type != "error") return;
  if (options_.kind == target::relay) {
    if (type == "welcome") became_ready(m);
    return;
  }
  if (type == "error") {
    // A restart's goodbye is expected when clients reconnect by themselves.
    if (options_.reconnect && message.find("restarting") != std::string_view::npos) return;
    return note_error("error: " + std::string(message));
  }
  auto decoded = protocol::decode_server(message);
  auto* parsed = std::get_if<protocol::server_message>(&decoded);
  if (parsed == nullptr) return note_error("undecodable: " + std::string(message.substr(0, 200)));
  auto say_hello = [&] {
    m.state = phase::hello;
    m.welcome_seq = not_welcomed;
    m.link->send(protocol::encode(
        protocol::client_message{protocol::hello{m.token, client_id_of(m.link->index()), 0}}));
  };
  if (auto* created = std::get_if<protocol::created>(parsed)) {
    m.token = created->token;
    m.person = created->person;
    auto& r = rooms_[static_cast<std::size_t>(m.room)];
    r.join_code = created->join_code;
    for (auto w : r.waiting_for_code) enqueue_setup(w);
    r.waiting_for_code.clear();
    return say_hello();
  }
  if (auto* joined = std::get_if<protocol::joined>(parsed)) {
    m.token = joined->token;
    m.person = joined->person;
    return say_hello();
  }
  if (auto* welcome = std::get_if<protocol::welcome>(parsed)) {
    m.welcome_seq = welcome->seq;
    m.person = welcome->person;
    m.epoch = welcome->epoch;
    return check_synced(m);
  }
}

void fleet::check_synced(member& m) {
  if (m.state != phase::hello || m.welcome_seq == not_welcomed) return;
  if (m.last_seq > 0 && m.last_seq >= m.welcome_seq) became_ready(m);
}

void fleet::became_ready(member& m) {
  m.state = phase::ready;
  ++ready_count_;
  m.backoff_ms = 0;
  if (m.in_setup) {
    m.in_setup = false;
    --in_setup_;
    pump_setups();
  }
  if (m.was_ready) {
    ++reconnections_;
    // Back after a reconnect: resend what the server never acknowledged, in order, with
    // the same client sequence (the server acknowledges a duplicate without applying it).
    for (auto& op : m.in_flight) {
      op.measured = false;
      if (!op.acked && !op.rejected) {
        m.link->send(op.message);
        ++resent_;
      }
    }
  }
  m.was_ready = true;
  if (m.slow) m.link->stop_reading();
  advance_room(m.room);
}

void fleet::advance_room(int room_index) {
  auto& r = rooms_[static_cast<std::size_t>(room_index)];
  if (r.ready) return;
  auto& coordinator = at(r.members.front());
  if (options_.kind == target::relay || options_.handshake_only) {
    r.ready = std::all_of(r.members.begin(), r.members.end(),
                          [&](auto i) { return at(i).state == phase::ready; });
    return;
  }
  if (coordinator.state != phase::ready) return;
  if (!r.start_sent) {
    r.start_sent = true;
    r.setup_pending = 1;
    send_op(coordinator, op_json::start_meeting(), true);
    return;
  }
  if (!r.started) return;
  const bool everyone =
      std::all_of(r.members.begin(), r.members.end(), [&](auto i) { return at(i).was_ready; });
  if (!everyone) return;
  if (!r.roles_sent) {
    r.roles_sent = true;
    r.setup_pending = 0;
    if (r.members.size() > 1) {
      send_op(coordinator, op_json::assign_invuller(at(r.members[1]).person), true);
      ++r.setup_pending;
    }
    for (auto i : r.members)
      if (at(i).writer) {
        send_op(coordinator, op_json::set_writer(at(i).person), true);
        ++r.setup_pending;
      }
    send_op(coordinator, op_json::open_vote(), true);
    ++r.setup_pending;
    return;
  }
  if (r.setup_pending == 0) r.ready = true;
}

bool fleet::all_ready() const {
  if (ready_count_ < members_.size()) return false;
  return std::all_of(rooms_.begin(), rooms_.end(), [](const room& r) { return r.ready; });
}

bool fleet::settle(std::chrono::milliseconds timeout) {
  return run_until([this] { return all_ready(); }, timeout);
}

void fleet::run_for(std::chrono::milliseconds d) { io_.run_for(d); }

bool fleet::run_until(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto deadline = bench_clock::now() + timeout;
  while (!done()) {
    if (bench_clock::now() >= deadline) return false;
    io_.run_for(std::chrono::milliseconds(2));
  }
  return true;
}

void fleet::set_rate(double rate) {
  for (std::size_t i = 0; i < rooms_.size(); ++i) set_rate(static_cast<int>(i), rate);
}

void fleet::set_rate(int room_index, double rate) {
  rooms_[static_cast<std::size_t>(room_index)].rate = rate;
  if (rate > 0 && !ticking_) {
    ticking_ = true;
    last_tick_ = bench_clock::now();
    schedule_tick();
  }
}

void fleet::schedule_tick() {
  ticker_.expires_after(std::chrono::milliseconds(1));
  ticker_.async_wait([this](beast::error_code ec) {
    if (ec || !ticking_) return;
    tick();
    schedule_tick();
  });
}

void fleet::tick() {
  const auto now = bench_clock::now();
  const double dt = std::chrono::duration<double>(now - last_tick_).count();
  last_tick_ = now;
  for (std::size_t i = 0; i < rooms_.size(); ++i) {
    auto& r = rooms_[i];
    if (!r.ready || r.rate <= 0) continue;
    // A late tick catches up, but a long stall does not turn into a burst.
    r.credit = std::min(r.credit + r.rate * dt, std::max(2.0, r.rate * 0.02));
    while (r.credit >= 1) {
      r.credit -= 1;
      emit(static_cast<int>(i));
    }
  }
}

bool fleet::take_token(member& m) {
  const auto now = bench_clock::now();
  m.tokens = std::min(
      options_.client_burst,
      m.tokens + options_.client_rate * std::chrono::duration<double>(now - m.refilled).count());
  m.refilled = now;
  if (m.tokens < 1) return false;
  m.tokens -= 1;
  return true;
}

std::uint32_t fleet::receivers(const room& r) const {
  std::uint32_t n = 0;
  for (auto i : r.members) {
    const auto& m = members_[i];
    if (m.state == phase::ready && !m.slow) ++n;
  }
  return n;
}

fleet::member* fleet::pick_attendee(room& r) {
  if (r.members.size() <= 2) return &at(r.members.front());
  std::uniform_int_distribution<std::size_t> pick(2, r.members.size() - 1);
  for (int attempt = 0; attempt < 4; ++attempt) {
    auto& m = at(r.members[pick(random_)]);
    if (m.state == phase::ready && !m.slow) return &m;
  }
  return nullptr;
}

bool fleet::emit_edit(room& r, member& m) {
  int row = m.edit_row;
  if (row < 0) {
    // The invuller fills in one row for a while, then moves to the next.
    if (++r.typed_in_row > 30) {
      r.typed_in_row = 0;
      r.typing_row = (r.typing_row + 1) % 10;
    }
    row = r.typing_row;
  }
  const long length = r.text_length[static_cast<std::size_t>(row)];
  if (length > max_typed_length) {
    send_op(m, op_json::edit_text(row, 0, deleted_stretch, ""), false, row, -deleted_stretch);
  } else {
    const auto word =
        words[std::uniform_int_distribution<std::size_t>(0, words.size() - 1)(random_)];
    send_op(m, op_json::edit_text(row, static_cast<std::size_t>(length), 0, word), false, row,
            static_cast<long>(word.size()));
  }
  m.edit_pending = true;
  return true;
}

void fleet::emit(int room_index) {
  auto& r = rooms_[static_cast<std::size_t>(room_index)];
  auto usable = [](const member* m) {
    return m != nullptr && m->state == phase::ready && !m->slow;
  };
  auto& coordinator = at(r.members.front());
  auto& invuller = r.members.size() > 1 ? at(r.members[1]) : coordinator;
  std::uniform_int_distribution<int> percent(0, 99);
  std::uniform_int_distribution<int> rating(1, 3);

  if (options_.history_mode) {
    // Everyone sends as fast as the server's rate limit lets them.
    auto& m =
        at(r.members[std::uniform_int_distribution<std::size_t>(0, r.members.size() - 1)(random_)]);
    if (!usable(&m) || m.in_flight.size() >= history_window || !take_token(m)) return;
    if (m.slot == 0) {
      const int roll = percent(random_);
      if (roll < 80 || r.fixed_agenda) {
        send_op(m, op_json::set_rating(percent(random_) % 10, rating(random_)));
      } else if (roll < 90) {
        r.agenda = (r.agenda + 1) % static_cast<int>(agenda_size_);
        send_op(m, op_json::goto_agenda_item(r.agenda));
      } else {
        r.timer_running = !r.timer_running;
        send_op(m, op_json::control_timer(r.timer_running));
      }
    } else if (m.edit_row >= 0) {
      if (!m.edit_pending && percent(random_) < 85)
        emit_edit(r, m);
      else
        send_op(m, op_json::set_rating(m.edit_row, rating(random_)));
    } else if (percent(random_) < 50) {
      m.present = !m.present;
      send_op(m, op_json::set_presence(m.person, m.present));
    } else {
      send_op(m, op_json::cast_vote(rating(random_)));
    }
    return;
  }

  int roll = percent(random_);
  if (roll < 40) {
    // The invuller types: one edit in flight, the next one made on the acknowledged text.
    if (usable(&invuller) && !invuller.edit_pending && take_token(invuller)) {
      emit_edit(r, invuller);
      return;
    }
    roll = 60;  // typing paused: someone toggles presence instead
  }
  member* sender = nullptr;
  std::string body;
  if (roll < 50) {
    sender = &invuller;
    body = op_json::set_rating(percent(random_) % 10, rating(random_));
  } else if (roll < 55 && !r.fixed_agenda) {
    sender = &coordinator;
    r.agenda = (r.agenda + 1) % static_cast<int>(agenda_size_);
    body = op_json::goto_agenda_item(r.agenda);
  } else if (roll < 60 && !r.fixed_agenda) {
    sender = &coordinator;
    r.timer_running = !r.timer_running;
    body = op_json::control_timer(r.timer_running);
  } else {
    sender = pick_attendee(r);
    if (sender == nullptr) {
      ++window_.skipped;
      return;
    }
    if (roll < 87 && roll >= 75 && r.reactions < max_reactions_sent) {
      ++r.reactions;
      body = op_json::add_reaction("Goed punt " + std::to_string(r.reactions));
    } else if (roll >= 87) {
      body = op_json::cast_vote(rating(random_));
    } else {
      sender->present = !sender->present;
      body = op_json::set_presence(sender->person, sender->present);
    }
  }
  if (!usable(sender) || !take_token(*sender)) {
    ++window_.skipped;
    return;
  }
  send_op(*sender, std::move(body));
}

fleet::sent_op& fleet::send_op(member& m, std::string body, bool setup, int edit_row,
                               long edit_delta) {
  sent_op op;
  op.client_seq = m.next_client_seq++;
  op.sent = bench_clock::now();
  // Everyone else in the room: the sender's own copy is its confirmation, timed as ack_us.
  op.expected = receivers(rooms_[static_cast<std::size_t>(m.room)]);
  if (m.state == phase::ready && !m.slow && op.expected > 0) --op.expected;
  op.measured = measuring_ && !setup;
  op.setup = setup;
  op.focus = m.room == focus_room_;
  op.edit_row = edit_row;
  op.edit_delta = edit_delta;
  std::string text =
      op_message(options_.kind == target::relay, m.link->index(), op.client_seq, m.last_seq, body);
  if (options_.reconnect) op.message = text;
  m.link->send(std::move(text));
  if (measuring_) ++window_.ops_sent;
  m.in_flight.push_back(std::move(op));
  return m.in_flight.back();
}

namespace {

// The in-flight op of `m` with this client sequence, or null.
template <typename Deque>
auto* find_op(Deque& in_flight, std::uint64_t client_seq) {
  using pointer = decltype(&in_flight.front());
  if (in_flight.empty()) return pointer{nullptr};
  const auto first = in_flight.front().client_seq;
  if (client_seq < first || client_seq - first >= in_flight.size()) return pointer{nullptr};
  return &in_flight[static_cast<std::size_t>(client_seq - first)];
}

}  // namespace

void fleet::on_delivered(std::uint32_t sender, std::uint64_t client_seq, std::uint32_t receiver,
                         bench_clock::time_point now) {
  if (sender >= members_.size() || receiver == sender) return;
  auto& s = members_[sender];
  auto* op = find_op(s.in_flight, client_seq);
  if (op == nullptr) return;
  ++op->got;
  if (op->measured && !op->recorded && op->got >= op->expected) {
    op->recorded = true;
    window_.fanout_us.push_back(micros(now - op->sent));
    if (op->focus) window_.focus_us.push_back(micros(now - op->sent));
  }
  pop_finished(s);
}

void fleet::pop_finished(member& m) {
  // Done with the front ops once they are acknowledged and, if timed, fully delivered.
  while (!m.in_flight.empty()) {
    const auto& f = m.in_flight.front();
    const bool finished = f.rejected || (f.acked && (!f.measured || f.recorded));
    if (!finished) break;
    m.in_flight.pop_front();
  }
}

void fleet::on_ack(member& m, std::uint64_t client_seq, bench_clock::time_point now) {
  auto* op = find_op(m.in_flight, client_seq);
  if (op == nullptr || op->acked) return;
  op->acked = true;
  if (op->measured) window_.ack_us.push_back(micros(now - op->sent));
  ++total_acked_;
  if (measuring_) ++window_.ops_acked;
  if (keep_acked_log_) acked_log_.emplace_back(m.link->index(), client_seq);
  auto& r = rooms_[static_cast<std::size_t>(m.room)];
  if (op->edit_row >= 0) {
    r.text_length[static_cast<std::size_t>(op->edit_row)] += op->edit_delta;
    m.edit_pending = false;
  }
  if (op->setup) {
    if (!r.started) r.started = true;
    if (r.setup_pending > 0) --r.setup_pending;
    advance_room(m.room);
  }
  pop_finished(m);
}

void fleet::on_reject(member& m, std::string_view message) {
  std::size_t pos = 0;
  std::uint64_t client_seq = 0;
  read_uint(message, R"("client_seq":)", pos, client_seq);
  ++total_rejects_;
  if (measuring_) ++window_.rejects;
  note_error("reject: " + std::string(message));
  if (auto* op = find_op(m.in_flight, client_seq)) {
    op->rejected = true;
    if (op->edit_row >= 0) m.edit_pending = false;
  }
  pop_finished(m);
}

void fleet::on_closed(load_client& c, const beast::error_code& ec) {
  auto& m = at(c.index());
  if (m.state == phase::ready) --ready_count_;
  m.state = phase::down;
  if (m.in_setup) {
    m.in_setup = false;
    --in_setup_;
    pump_setups();
  }
  if (m.closing) return;
  ++total_disconnects_;
  if (measuring_) ++window_.disconnects;
  if (!options_.reconnect)
    note_error("disconnect of client " + std::to_string(c.index()) + ": " + ec.message());
  if (options_.reconnect && !m.token.empty()) schedule_reconnect(c.index());
}

void fleet::schedule_reconnect(std::uint32_t index) {
  auto& m = at(index);
  // Like a real client: a jittered first try, then doubling back-off up to two seconds.
  m.backoff_ms = m.backoff_ms == 0 ? 250 : std::min(m.backoff_ms * 2, 2000);
  const int delay = std::uniform_int_distribution<int>(m.backoff_ms / 4, m.backoff_ms)(random_);
  if (!m.retry) m.retry = std::make_unique<net::steady_timer>(io_);
  m.retry->expires_after(std::chrono::milliseconds(delay));
  m.retry->async_wait([this, index](beast::error_code ec) {
    if (ec) return;
    auto& mm = at(index);
    if (!mm.link->idle()) {
      // The previous connection's handlers are still finishing.
      mm.backoff_ms = std::max(0, mm.backoff_ms / 2);
      return schedule_reconnect(index);
    }
    start_connect(index);
  });
}

void fleet::begin_window() {
  window_ = window_result{};
  measuring_ = true;
  window_start_ = bench_clock::now();
  window_cpu_ = own_cpu_seconds();
}

window_result fleet::end_window(std::chrono::milliseconds drain) {
  measuring_ = false;
  window_.seconds = std::chrono::duration<double>(bench_clock::now() - window_start_).count();
  window_.generator_cpu = own_cpu_seconds() - window_cpu_;
  auto open = [this] {
    for (const auto& m : members_)
      for (const auto& op : m.in_flight)
        if (op.measured && !op.recorded && !op.rejected) return true;
    return false;
  };
  // Ops still on their way get time to arrive; the rate no longer counts.
  const auto rates = window_;
  run_until([&] { return !open(); }, drain);
  window_.ops_sent = rates.ops_sent;
  window_.ops_acked = rates.ops_acked;
  window_.deliveries = rates.deliveries;
  window_.messages = rates.messages;
  for (const auto& m : members_)
    for (const auto& op : m.in_flight)
      if (op.measured && !op.recorded && !op.rejected) ++window_.incomplete;
  return std::move(window_);
}

void fleet::close_all(std::chrono::milliseconds timeout) {
  ticking_ = false;
  ticker_.cancel();
  for (auto& m : members_) {
    m.closing = true;
    if (m.retry) m.retry->cancel();
    m.link->close();
  }
  run_until(
      [this] {
        return std::all_of(members_.begin(), members_.end(),
                           [](const member& m) { return m.link->idle(); });
      },
      timeout);
}

std::uint64_t fleet::unacknowledged() const {
  std::uint64_t n = 0;
  for (const auto& m : members_)
    for (const auto& op : m.in_flight)
      if (!op.acked && !op.rejected) ++n;
  return n;
}

std::string fleet::coordinator_token(int room_index) const {
  return members_[rooms_[static_cast<std::size_t>(room_index)].members.front()].token;
}

void fleet::hold_meeting_at(int room_index, int agenda_item) {
  auto& r = rooms_[static_cast<std::size_t>(room_index)];
  auto& coordinator = at(r.members.front());
  r.fixed_agenda = true;
  r.agenda = agenda_item;
  send_op(coordinator, op_json::goto_agenda_item(agenda_item));
  if (r.timer_running) {
    r.timer_running = false;
    send_op(coordinator, op_json::control_timer(false));
  }
}

std::string fleet::join_code(int room_index) const {
  return rooms_[static_cast<std::size_t>(room_index)].join_code;
}

std::uint64_t fleet::room_seq(int room_index) const {
  return rooms_[static_cast<std::size_t>(room_index)].seq;
}

void fleet::note_error(const std::string& what) {
  if (++error_count_ > 8) return;
  errors_ += "  " + what.substr(0, 300) + "\n";
}

}  // namespace jos::bench
