#pragma once
// A real jos server in this process (port 0 or a fixed port, a temporary SQLite file), and
// temporary config directories, for the client tests.

#include <filesystem>
#include <memory>
#include <string>

#include "client/core/client_core.hpp"
#include "server/server.hpp"
#include "shared/model.hpp"

namespace jos::client::testing {

std::filesystem::path temp_dir(const std::string& name);

// A temporary directory, removed at the end of its scope. Declare it before whatever writes
// into it: a client core writes its journal once more when it is destroyed.
class scratch_dir {
 public:
  explicit scratch_dir(const std::string& name) : path_(temp_dir(name)) {}
  ~scratch_dir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  scratch_dir(const scratch_dir&) = delete;
  scratch_dir& operator=(const scratch_dir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& child) const { return path_ / child; }

 private:
  std::filesystem::path path_;
};

// A client core keeping its settings and journal in `dir`.
inline core_options options_in(std::filesystem::path dir) {
  core_options o;
  o.config_dir = std::move(dir);
  return o;
}

class test_server {
 public:
  // A fresh database in `dir`; port 0 picks a free one.
  explicit test_server(std::filesystem::path dir, std::uint16_t port = 0, std::string tls_cert = {},
                       std::string tls_key = {});
  ~test_server();

  std::uint16_t port() const { return port_; }
  std::string url() const;
  // Stops gracefully (clients are told "Server herstart") and starts again on the same
  // port and database.
  void stop();
  void start();
  bool running() const { return server_ != nullptr; }
  const std::filesystem::path& dir() const { return dir_; }
  // The server's own copy of a trajectory and the last sequence it committed, read on the
  // room's strand (the room is loaded if it was not).
  struct room_state {
    std::uint64_t seq = 0;
    shared::trajectory state;
  };
  room_state read_state(const std::string& trajectory_id);

 private:
  std::filesystem::path dir_;
  std::uint16_t port_;
  std::string tls_cert_;
  std::string tls_key_;
  std::unique_ptr<server::server> server_;
};

}  // namespace jos::client::testing
