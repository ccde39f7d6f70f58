// The browser's transport: its own WebSocket (emscripten/websocket.h). The browser calls
// back on the page's only thread, between frames; events wait here until drain(). The
// browser keeps the connection alive by itself (it answers the server's pings).
#include <emscripten/websocket.h>

#include "client/core/transport.hpp"

namespace jos::client {
namespace {

class browser_transport final : public transport {
 public:
  ~browser_transport() override { drop(); }

  void open(std::uint64_t link, const server_url& url) override {
    drop();
    link_ = link;
    opened_ = false;
    const std::string host =
        url.host.find(':') != std::string::npos ? "[" + url.host + "]" : url.host;
    const std::string address = std::string(url.tls ? "wss://" : "ws://") + host + ":" +
                                std::to_string(url.port) + url.target;
    EmscriptenWebSocketCreateAttributes attributes;
    emscripten_websocket_init_create_attributes(&attributes);
    attributes.url = address.c_str();
    socket_ = emscripten_websocket_new(&attributes);
    if (socket_ <= 0) {
      socket_ = 0;
      return queue(
          transport_closed{link, "De browser kan geen verbinding maken met " + address + "."});
    }
    emscripten_websocket_set_onopen_callback(socket_, this, &browser_transport::on_open);
    emscripten_websocket_set_onmessage_callback(socket_, this, &browser_transport::on_message);
    emscripten_websocket_set_onclose_callback(socket_, this, &browser_transport::on_close);
  }

  void send(std::uint64_t link, std::string text) override {
    if (link != link_ || socket_ == 0 || !opened_) return;
    emscripten_websocket_send_utf8_text(socket_, text.c_str());
  }

  void close(std::uint64_t link) override {
    if (link == link_) drop();
  }

  std::vector<transport_event> drain() override {
    std::vector<transport_event> out;
    out.swap(events_);
    return out;
  }

  // Nothing to wait for on the page's only thread: the browser calls back between frames.
  bool wait(std::chrono::milliseconds) override { return !events_.empty(); }
  void set_wake(std::function<void()> wake) override { wake_ = std::move(wake); }

 private:
  static EM_BOOL on_open(int, const EmscriptenWebSocketOpenEvent*, void* self) {
    auto* t = static_cast<browser_transport*>(self);
    t->opened_ = true;
    t->queue(transport_opened{t->link_});
    return EM_TRUE;
  }

  static EM_BOOL on_message(int, const EmscriptenWebSocketMessageEvent* e, void* self) {
    auto* t = static_cast<browser_transport*>(self);
    // A text frame comes NUL-terminated, and the count includes the NUL.
    if (e->isText && e->numBytes > 0)
      t->queue(transport_frame{
          t->link_, std::string(reinterpret_cast<const char*>(e->data), e->numBytes - 1)});
    return EM_TRUE;
  }

  static EM_BOOL on_close(int, const EmscriptenWebSocketCloseEvent* e, void* self) {
    auto* t = static_cast<browser_transport*>(self);
    const std::uint64_t link = t->link_;
    const bool was_open = t->opened_;
    t->drop();
    // The browser tells a page nothing about why a connection failed (1006 for all of it).
    std::string reason;
    if (!was_open) {
      reason = "De server is niet bereikbaar.";
    } else if (e->code == 1000 || e->code == 1001) {
      reason = "De server heeft de verbinding gesloten.";
    } else {
      reason = "De verbinding werd verbroken.";
    }
    t->queue(transport_closed{link, std::move(reason)});
    return EM_TRUE;
  }

  void queue(transport_event e) {
    events_.push_back(std::move(e));
    if (wake_) wake_();
  }

  // Closes and forgets the socket; its callbacks are not called any more.
  void drop() {
    if (socket_ == 0) return;
    unsigned short state = 0;
    emscripten_websocket_get_ready_state(socket_, &state);
    if (state <= 1) emscripten_websocket_close(socket_, 1000, "");  // connecting or open
    emscripten_websocket_delete(socket_);
    socket_ = 0;
    opened_ = false;
  }

  EMSCRIPTEN_WEBSOCKET_T socket_ = 0;
  std::uint64_t link_ = 0;
  bool opened_ = false;
  std::vector<transport_event> events_;
  std::function<void()> wake_;
};

}  // namespace

std::unique_ptr<transport> make_platform_transport(const transport_options&) {
  return std::make_unique<browser_transport>();
}

}  // namespace jos::client
