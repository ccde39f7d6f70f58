#include "test_server.hpp"

#include <unistd.h>

#include <chrono>
#include <future>
#include <random>
#include <stdexcept>
#include <thread>

#include "server/hub.hpp"
#include "server/room.hpp"

namespace jos::client::testing {

std::filesystem::path temp_dir(const std::string& name) {
  std::random_device device;
  auto dir =
      std::filesystem::temp_directory_path() /
      ("jos-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(device() % 100000));
  std::filesystem::create_directories(dir);
  return dir;
}

test_server::test_server(std::filesystem::path dir, std::uint16_t port, std::string tls_cert,
                         std::string tls_key)
    : dir_(std::move(dir)),
      port_(port),
      tls_cert_(std::move(tls_cert)),
      tls_key_(std::move(tls_key)) {
  start();
}

test_server::~test_server() { stop(); }

std::string test_server::url() const {
  return std::string(tls_cert_.empty() ? "ws" : "wss") + "://127.0.0.1:" + std::to_string(port_);
}

void test_server::stop() {
  if (!server_) return;
  server_->stop();
  server_.reset();
}

void test_server::start() {
  if (server_) return;
  server::config cfg;
  cfg.listen = "127.0.0.1";
  cfg.port = port_;
  cfg.db = (dir_ / "jos.sqlite").string();
  cfg.tls_cert = tls_cert_;
  cfg.tls_key = tls_key_;
  cfg.level = server::log_level::warn;
  // The port of a stopped server can linger for a moment.
  for (int attempt = 0;; ++attempt) {
    try {
      server_ = std::make_unique<server::server>(cfg);
      break;
    } catch (const std::exception&) {
      if (attempt > 50) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  server_->start();
  port_ = server_->port();
}

test_server::room_state test_server::read_state(const std::string& trajectory_id) {
  if (!server_) throw std::runtime_error("the test server is not running");
  std::promise<room_state> result;
  server_->rooms()->open_room(trajectory_id, [&result](std::shared_ptr<server::room> room) {
    if (!room)
      return result.set_exception(
          std::make_exception_ptr(std::runtime_error("no such trajectory on the test server")));
    room->state_hash([&result, room](std::uint64_t seq, std::string) {
      room->read_state([&result, seq](shared::trajectory t) {
        result.set_value({seq, std::move(t)});
      });
    });
  });
  return result.get_future().get();
}

}  // namespace jos::client::testing
