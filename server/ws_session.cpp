#include "server/ws_session.hpp"

#include <algorithm>
#include <chrono>
#include <deque>
#include <mutex>
#include <optional>
#include <string_view>
#include <type_traits>
#include <vector>

#include "protocol/codec.hpp"
#include "protocol/limits.hpp"
#include "protocol/ops_frame.hpp"
#include "server/log.hpp"
#include "server/session_socket.hpp"

namespace jos::server {
namespace {

std::shared_ptr<const std::string> share(std::string s) {
  return std::make_shared<const std::string>(std::move(s));
}

// Messages a client may send: refilled continuously, so typing bursts pass; beyond them the
// connection is read more slowly, never cut.
class token_bucket {
 public:
  token_bucket(double rate, double burst) : rate_(rate), burst_(burst), tokens_(burst) {}
  // Takes a token for a message just read; returns how long to wait before reading the next
  // (zero: at once), so that the rate holds on average.
  std::chrono::nanoseconds take() {
    const auto now = std::chrono::steady_clock::now();
    tokens_ =
        std::min(burst_, tokens_ + rate_ * std::chrono::duration<double>(now - last_).count());
    last_ = now;
    tokens_ -= 1;
    if (tokens_ >= 0) return {};
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::duration<double>(-tokens_ / rate_));
  }

 private:
  double rate_;
  double burst_;
  double tokens_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

// A connection's outgoing messages. A vector read from a moving head: unlike std::deque it
// allocates nothing while empty, which is what most of ten thousand idle connections are.
class message_queue {
 public:
  using message = std::shared_ptr<const std::string>;
  bool empty() const { return head_ == items_.size(); }
  std::size_t size() const { return items_.size() - head_; }
  // What the messages waiting here add up to (a message shared with others counts whole).
  std::size_t bytes() const { return bytes_; }
  const std::string& operator[](std::size_t i) const { return *items_[head_ + i]; }
  void push_back(message m) {
    bytes_ += m->size();
    items_.push_back(std::move(m));
  }
  void pop_front(std::size_t n) {
    n = std::min(n, size());
    for (std::size_t i = 0; i < n; ++i) {
      bytes_ -= items_[head_ + i]->size();
      items_[head_ + i].reset();
    }
    head_ += n;
    if (empty()) {
      // Released, not kept: an idle connection holds no queue at all, and one allocation
      // per busy spell is nothing next to a write.
      std::vector<message>().swap(items_);
      head_ = 0;
    } else if (head_ >= 1024 && head_ * 2 >= items_.size()) {
      items_.erase(items_.begin(), items_.begin() + static_cast<std::ptrdiff_t>(head_));
      head_ = 0;
    }
  }
  // Keeps the first `n` messages, drops the rest.
  void truncate(std::size_t n) {
    for (std::size_t i = n; i < size(); ++i) bytes_ -= items_[head_ + i]->size();
    if (n < size()) items_.resize(head_ + n);
    if (empty()) pop_front(0);
  }

 private:
  std::vector<message> items_;
  std::size_t head_ = 0;
  std::size_t bytes_ = 0;
};

template <typename Stream>
class ws_session final : public connection,
                         public std::enable_shared_from_this<ws_session<Stream>> {
  static constexpr bool writes_frames_itself = std::is_same_v<Stream, session_socket>;

 public:
  ws_session(Stream&& stream, std::shared_ptr<server_context> ctx, std::string address,
             std::shared_ptr<void> slot)
      : ws_(std::move(stream)),
        io_(static_cast<net::io_context&>(net::query(ws_.get_executor(), net::execution::context))),
        ctx_(std::move(ctx)),
        slot_(std::move(slot)),
        address_(std::move(address)),
        bucket_(ctx_->cfg.rate_per_second, ctx_->cfg.rate_burst) {}

  void run(upgrade_request request) {
    const auto& cfg = ctx_->cfg;
    websocket::stream_base::timeout timeouts{};
    timeouts.handshake_timeout = std::chrono::seconds(cfg.handshake_timeout_seconds);
    timeouts.idle_timeout = std::chrono::seconds(cfg.idle_timeout_seconds);
    timeouts.keep_alive_pings = true;  // a dropped laptop is noticed within the idle timeout
    ws_.set_option(timeouts);
    // The size limit is ours (on_read), not Beast's: Beast refuses an oversized message at
    // its frame header and then resets the connection with the rest of the frame unread, so
    // the peer never sees the close code that says why.
    ws_.read_message_max(0);
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(http::field::server, "jos-server"); }));
    // The websocket timeouts take over from the HTTP session's.
    if constexpr (!writes_frames_itself) beast::get_lowest_layer(ws_).expires_never();
    ws_.async_accept(request,
                     beast::bind_front_handler(&ws_session::on_accept, this->shared_from_this()));
  }

  // Rooms call this from their own strands. Messages wait in the inbox, and only the first
  // of a batch posts to this connection's strand: a broadcast costs a lock per recipient,
  // not a handler, and what arrives together is written together.
  void send(std::shared_ptr<const std::string> message) override {
    {
      std::unique_lock lock(inbox_mutex_);
      if (!inbox_posted_ && on_the_only_network_thread()) {
        // Nothing of this connection can be running now, and nothing waits in the inbox
        // to be overtaken: straight into the queue, with no handler to post.
        lock.unlock();
        return enqueue(std::move(message));
      }
      inbox_.push_back(std::move(message));
      if (inbox_posted_) return;
      inbox_posted_ = true;
    }
    net::post(ws_.get_executor(), [self = this->shared_from_this()] { self->take_inbox(); });
  }

  void close(protocol::error_code code, std::string reason) override {
    net::post(
        ws_.get_executor(), [self = this->shared_from_this(), code, reason = std::move(reason)] {
          if (self->closing_) return;
          self->enqueue(
              share(protocol::encode(protocol::server_message{protocol::error{code, reason}})));
          self->closing_ = true;
          if (!self->writing_) self->do_close();
        });
  }

 private:
  // With one network thread, a handler on it excludes every handler of this connection
  // that is not on the stack. The only one that can be (a hub answering a bad create or
  // join at once) is between steps, where it may enqueue as send_error does.
  bool on_the_only_network_thread() const {
    return ctx_->cfg.threads == 1 && io_.get_executor().running_in_this_thread();
  }

  void on_accept(beast::error_code ec) {
    if (ec) return;  // handshake failed or timed out: nothing to undo
    accepted_ = true;
    ++ctx_->stats.connections;
    ctx_->connections.add(this->shared_from_this());
    do_read();
  }

  // A message is read in small pieces: Beast prepares the whole piece in the buffer when
  // the read starts, and on an idle connection that read waits for hours.
  static constexpr std::size_t read_piece = 256;

  void do_read() {
    ws_.async_read_some(buffer_, read_piece,
                        beast::bind_front_handler(&ws_session::on_read, this->shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec) return finish(ec);
    if (buffer_.size() > ctx_->cfg.max_message_bytes) return refuse_oversized();
    if (!ws_.is_message_done()) return do_read();
    if (!ws_.got_text()) {
      buffer_.consume(buffer_.size());
      send_error(protocol::error_code::malformed, "Alleen tekstberichten (JSON) worden begrepen.");
      return do_read();
    }
    const std::string text = beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    if (buffer_.capacity() > read_piece) buffer_.shrink_to_fit();  // a big message, not for good
    handle(text);
    if (closing_) return;
    // Past the rate, the next message is read a little later: it waits in the sender's
    // socket meanwhile. Nothing is refused for it, so what the protocol asks a client to
    // send at once (its pending ops after hello; what piled up while the server was
    // paused) goes through, and a flood costs no more than the rate.
    const auto wait = bucket_.take();
    if (wait.count() == 0) return do_read();
    ++ctx_->stats.throttled_reads;
    if (!throttle_) throttle_.emplace(ws_.get_executor());
    throttle_->expires_after(wait);
    throttle_->async_wait([self = this->shared_from_this()](beast::error_code ec) {
      if (!ec && !self->closing_ && !self->finished_) self->do_read();
    });
  }

  // Too big to take: say so, then close with 1009. Beast's close reads and discards the rest
  // of the message while it waits for the peer's close frame (for at most the handshake
  // timeout), so the socket is not closed on unread bytes, which would reset the connection
  // and lose the close frame on its way.
  void refuse_oversized() {
    ++ctx_->stats.malformed_frames;
    buffer_.consume(buffer_.size());
    buffer_.shrink_to_fit();
    if (closing_) return;
    send_error(protocol::error_code::too_large,
               "Bericht te groot (meer dan " + std::to_string(ctx_->cfg.max_message_bytes / 1024) +
                   " KiB); de verbinding wordt gesloten.");
    closing_ = true;
    close_code_ = websocket::close_code::too_big;
    if (!writing_) do_close();
  }

  void send_error(protocol::error_code code, std::string reason) {
    send_error(protocol::error{code, std::move(reason)});
  }
  // Whole, with a `moved`'s location.
  void send_error(protocol::error e) {
    enqueue(share(protocol::encode(protocol::server_message{std::move(e)})));
  }

  void handle(const std::string& text) {
    auto decoded = protocol::decode_client(text);
    if (auto* e = std::get_if<protocol::decode_error>(&decoded)) {
      ++ctx_->stats.malformed_frames;
      // An op of a session that we cannot take: refused by its client_seq, so the client
      // drops it rather than resend it after every reconnect.
      if (e->client_seq != 0 && room_)
        return enqueue(share(protocol::encode(protocol::server_message{
            protocol::reject{e->client_seq, e->code, "Bericht niet begrepen: " + e->message}})));
      if (e->code == protocol::error_code::version)
        return send_error(protocol::error_code::version,
                          "Deze server spreekt protocolversie " +
                              std::to_string(protocol::protocol_version) +
                              "; installeer de versie van jos die bij deze server "
                              "hoort (" +
                              e->message + ").");
      return send_error(e->code, "Bericht niet begrepen: " + e->message);
    }
    auto& message = std::get<protocol::client_message>(decoded);
    std::visit([this](auto& m) { on_message(std::move(m)); }, message);
  }

  void on_message(protocol::create_trajectory m) {
    ctx_->rooms->create(std::move(m), address_, [self = this->shared_from_this()](auto reply) {
      std::visit([&](auto& r) { self->send(share(protocol::encode(protocol::server_message{r}))); },
                 reply);
    });
  }

  // One join at a time per connection: the answer to a wrong code waits (hub), and a
  // connection that sends more meanwhile waits its turn, so it cannot guess faster.
  void on_message(protocol::join_trajectory m) {
    if (joining_) {
      if (waiting_joins_.size() >= max_waiting_joins) {
        close(protocol::error_code::rate_limited,
              "Te veel codes tegelijk geprobeerd; de verbinding wordt verbroken.");
        return;
      }
      waiting_joins_.push_back(std::move(m));
      return;
    }
    joining_ = true;
    ctx_->rooms->join(std::move(m), address_, [self = this->shared_from_this()](auto reply) {
      std::visit([&](auto& r) { self->send(share(protocol::encode(protocol::server_message{r}))); },
                 reply);
      net::post(self->ws_.get_executor(), [self] { self->next_join(); });
    });
  }

  void next_join() {
    joining_ = false;
    if (waiting_joins_.empty() || finished_) return;
    auto next = std::move(waiting_joins_.front());
    waiting_joins_.pop_front();
    on_message(std::move(next));
  }

  void on_message(protocol::hello m) {
    if (greeted_)
      return send_error(protocol::error_code::invalid, "Deze verbinding is al aangemeld.");
    if (m.client_id.empty()) return send_error(protocol::error_code::invalid, "client_id: missing");
    greeted_ = true;
    auto last_seq = m.last_seq;
    auto epoch = m.epoch;
    auto client_id = m.client_id;
    ctx_->rooms->hello(std::move(m), [self = this->shared_from_this(), last_seq, epoch, client_id](
                                         std::variant<hub::session_grant, protocol::error> reply) {
      net::post(
          self->ws_.get_executor(), [self, reply = std::move(reply), last_seq, epoch, client_id] {
            if (auto* e = std::get_if<protocol::error>(&reply)) {
              self->greeted_ = false;
              return self->send_error(*e);
            }
            const auto& grant = std::get<hub::session_grant>(reply);
            if (self->finished_) return;
            self->room_ = grant.target;
            self->room_->attach(self, grant.person, grant.ballot_key, client_id, last_seq, epoch);
          });
    });
  }

  void on_message(protocol::focus m) {
    if (!room_) return;  // focus before hello means nothing; not worth an error
    room_->focus(this->shared_from_this(), std::move(m.target));
  }

  void on_message(protocol::rotate_code m) {
    if (!room_)
      return send_error(protocol::error_code::unauthorised,
                        "Meld je eerst aan (hello) voordat je een code vernieuwt.");
    room_->rotate_code(this->shared_from_this(), m.which);
  }

  void on_message(protocol::export_person m) {
    if (!room_)
      return send_error(protocol::error_code::unauthorised,
                        "Meld je eerst aan (hello) voordat je gegevens opvraagt.");
    room_->export_person(this->shared_from_this(), m.person);
  }

  void on_message(protocol::submit m) {
    if (!room_)
      return send_error(protocol::error_code::unauthorised,
                        "Meld je eerst aan (hello) voordat je iets wijzigt.");
    room_->submit(this->shared_from_this(), std::move(m));
  }

  void take_inbox() {
    {
      std::lock_guard lock(inbox_mutex_);
      taken_.swap(inbox_);
      inbox_posted_ = false;
    }
    for (auto& m : taken_) push(std::move(m));
    std::vector<std::shared_ptr<const std::string>>().swap(taken_);  // idle holds nothing
    if (!writing_ && !queue_.empty()) do_write();
  }

  void enqueue(std::shared_ptr<const std::string> message) {
    if constexpr (writes_frames_itself) {
      // Nothing waits before it: out at once, without a stay in the queue (an allocation
      // and its release per delivery, since an emptied queue gives its memory back).
      if (!writing_ && queue_.empty() && !closing_ && !finished_ && write_directly(message)) return;
    }
    push(std::move(message));
    if (!writing_ && !queue_.empty()) do_write();
  }

  // Writes one message straight to the socket; false when it must go the long way.
  bool write_directly(const std::shared_ptr<const std::string>& message) {
    beast::error_code ec;
    using result = session_socket::direct_result;
    switch (try_direct(*message, ec)) {
      case result::written: ++ctx_->stats.messages_sent; return true;
      case result::partly:
        // The rest reads from the message: it waits at the queue's front until written.
        ++ctx_->stats.messages_sent;
        queue_.push_back(message);
        in_flight_ = 1;
        writing_ = true;
        return true;
      case result::failed: finish(ec); return true;
      case result::not_now: return false;
    }
    return false;
  }

  void push(std::shared_ptr<const std::string> message) {
    if (finished_ || (closing_ && !writing_)) return;
    if (queue_.size() >= ctx_->cfg.send_queue_limit ||
        (!queue_.empty() && queue_.bytes() + message->size() > ctx_->cfg.send_queue_bytes_limit)) {
      // It stopped reading: cut it off rather than let the room wait or memory grow, by
      // the number of messages or by what they hold (a few large snapshots are as bad as
      // thousands of keystrokes). The client resyncs when it comes back.
      ++ctx_->stats.send_queue_overflows;
      drop_unsent();
      closing_ = true;
      beast::get_lowest_layer(ws_).socket().close();
      return;
    }
    ++ctx_->stats.messages_sent;
    queue_.push_back(std::move(message));
  }

  // What a write in flight still reads stays alive until its handler runs.
  void drop_unsent() { queue_.truncate(writing_ ? in_flight_ : 0); }

  // Consecutive ops messages at the front of the queue go out as one ops message: one
  // frame, one write. Only small ones (single broadcasts), up to a bound the client's
  // decoder accepts by far (max_ops_per_message, max_snapshot_bytes).
  static constexpr std::size_t merge_one_max = 4 * 1024;
  static constexpr std::size_t merge_total_max = 32 * 1024;
  static constexpr std::size_t merge_count_max = 128;

  // Writes what waits, one frame at a time: straight to the socket while it takes whole
  // frames (plain TCP; see session_socket), through Beast otherwise.
  void do_write() {
    while (!queue_.empty()) {
      writing_ = true;
      const std::string_view frame = next_frame();
      if constexpr (writes_frames_itself) {
        beast::error_code ec;
        using result = session_socket::direct_result;
        switch (try_direct(frame, ec)) {
          case result::written: wrote_frame(); continue;
          case result::partly: return;
          case result::failed: writing_ = false; return finish(ec);
          case result::not_now: break;
        }
      }
      ws_.text(true);
      ws_.async_write(net::buffer(frame.data(), frame.size()),
                      beast::bind_front_handler(&ws_session::on_write, this->shared_from_this()));
      return;
    }
    if (closing_) do_close();
  }

  // One frame straight to the socket, when nothing of Beast's is in the way; a frame left
  // half written finishes in the background, then on_write carries on.
  session_socket::direct_result try_direct(std::string_view frame, beast::error_code& ec) {
    auto& socket = ws_.next_layer();
    if (!ws_.is_open() || !socket.can_write_directly())
      return session_socket::direct_result::not_now;
    const auto result = socket.write_text_frame(frame, ec);
    if (result == session_socket::direct_result::partly)
      socket.write_rest([self = this->shared_from_this()](beast::error_code rest_ec) {
        self->on_write(rest_ec, 0);
      });
    return result;
  }

  // The front of the queue as one frame: consecutive ops messages merged into one.
  std::string_view next_frame() {
    in_flight_ = 1;
    const std::string& first = queue_[0];
    std::size_t count = 1;
    std::size_t total = first.size();
    if (queue_.size() > 1 && first.size() <= merge_one_max && protocol::is_ops_message(first)) {
      while (count < queue_.size() && count < merge_count_max) {
        const std::string& next = queue_[count];
        if (next.size() > merge_one_max || total + next.size() > merge_total_max ||
            !protocol::is_ops_message(next))
          break;
        total += next.size();
        ++count;
      }
    }
    if (count == 1) return first;
    merged_.reserve(total);
    merged_ += protocol::ops_head();
    for (std::size_t i = 0; i < count; ++i) {
      const auto elements = protocol::ops_elements(queue_[i]);
      if (elements.empty()) continue;
      if (merged_.size() > protocol::ops_head().size()) merged_ += ',';
      merged_ += elements;
    }
    merged_ += protocol::ops_tail();
    in_flight_ = count;
    return merged_;
  }

  void wrote_frame() {
    writing_ = false;
    std::string().swap(merged_);
    queue_.pop_front(in_flight_);
  }

  void on_write(beast::error_code ec, std::size_t) {
    if (ec) {
      writing_ = false;
      std::string().swap(merged_);
      return finish(ec);
    }
    wrote_frame();
    do_write();
  }

  void do_close() {
    ws_.async_close(close_code_,
                    [self = this->shared_from_this()](beast::error_code ec) { self->finish(ec); });
  }

  void finish(beast::error_code ec) {
    if (finished_) return;
    finished_ = true;
    if (ec && ec != websocket::error::closed && ec != net::error::operation_aborted &&
        ec != beast::error::timeout)
      log_debug("connection from " + address_ + " ended: " + ec.message());
    if (room_) room_->detach(this->shared_from_this());
    if (accepted_) {
      --ctx_->stats.connections;
      ctx_->connections.remove(this->shared_from_this());
    }
    drop_unsent();
  }

  websocket::stream<Stream> ws_;
  net::io_context& io_;
  std::shared_ptr<server_context> ctx_;
  std::shared_ptr<void> slot_;  // this connection's share of its address's connections
  std::string address_;
  token_bucket bucket_;
  std::optional<net::steady_timer> throttle_;  // made on first use: most clients never need it
  beast::flat_buffer buffer_;
  message_queue queue_;
  std::size_t in_flight_ = 0;  // messages of queue_'s front in the write in flight
  std::string merged_;         // the merged ops message in flight, if any
  std::mutex inbox_mutex_;
  std::vector<std::shared_ptr<const std::string>> inbox_;  // guarded by inbox_mutex_
  bool inbox_posted_ = false;                              // guarded by inbox_mutex_
  std::vector<std::shared_ptr<const std::string>> taken_;
  std::shared_ptr<room> room_;
  bool writing_ = false;
  bool closing_ = false;
  websocket::close_code close_code_ = websocket::close_code::normal;
  bool finished_ = false;
  bool accepted_ = false;
  bool greeted_ = false;
  static constexpr std::size_t max_waiting_joins = 4;
  bool joining_ = false;
  std::deque<protocol::join_trajectory> waiting_joins_;
};

}  // namespace

void run_websocket_session(beast::tcp_stream stream, upgrade_request request,
                           std::shared_ptr<server_context> ctx, std::string address,
                           std::shared_ptr<void> slot) {
  auto socket = stream.release_socket();
  if (ctx->cfg.socket_send_buffer > 0) {
    beast::error_code ignored;  // the kernel's own size serves as well
    socket.set_option(net::socket_base::send_buffer_size(ctx->cfg.socket_send_buffer), ignored);
  }
  std::make_shared<ws_session<session_socket>>(session_socket(std::move(socket)), std::move(ctx),
                                               std::move(address), std::move(slot))
      ->run(std::move(request));
}

void run_websocket_session(tls_stream stream, upgrade_request request,
                           std::shared_ptr<server_context> ctx, std::string address,
                           std::shared_ptr<void> slot) {
  std::make_shared<ws_session<tls_stream>>(std::move(stream), std::move(ctx), std::move(address),
                                           std::move(slot))
      ->run(std::move(request));
}

}  // namespace jos::server
