#include "tests/server/test_server.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <future>
#include <sstream>
#include <stdexcept>

#include "server/hub.hpp"
#include "server/room.hpp"

namespace jos::server::test {

temp_dir::temp_dir() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "jos-server-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

temp_dir::~temp_dir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

test_server::test_server(config cfg) : cfg_(std::move(cfg)) {
  cfg_.port = 0;
  if (cfg_.db == config{}.db) cfg_.db = dir_.file("jos.sqlite");
  cfg_.level = log_level::error;
  server_ = std::make_unique<jos::server::server>(cfg_);
  server_->start();
  port_ = server_->port();
}

test_server::~test_server() { stop(); }

void test_server::stop() {
  if (!server_) return;
  server_->stop();
  server_.reset();
}

void test_server::restart() {
  stop();
  server_ = std::make_unique<jos::server::server>(cfg_);
  server_->start();
  port_ = server_->port();
}

void test_server::unload_idle_rooms() {
  if (server_) server_->rooms()->unload_idle();
}

std::shared_ptr<hub> test_server::rooms() { return server_ ? server_->rooms() : nullptr; }

std::optional<server_state> test_server::state(const std::string& trajectory_id, ms timeout) {
  if (!server_) return std::nullopt;
  // Shared with the callbacks: they may run after a timed-out wait has returned.
  auto promise = std::make_shared<std::promise<std::optional<server_state>>>();
  auto future = promise->get_future();
  server_->rooms()->open_room(trajectory_id, [promise](std::shared_ptr<room> r) {
    if (!r) return promise->set_value(std::nullopt);
    r->state_hash([promise](std::uint64_t seq, std::string hash) {
      promise->set_value(server_state{seq, std::move(hash)});
    });
  });
  if (future.wait_for(timeout) != std::future_status::ready) return std::nullopt;
  return future.get();
}

std::optional<double> test_server::metric(const std::string& name) {
  const auto reply = http_get(port_, "/metrics");
  if (reply.status != 200) return std::nullopt;
  std::istringstream lines(reply.body);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind(name + " ", 0) == 0) return std::stod(line.substr(name.size() + 1));
  }
  return std::nullopt;
}

team make_team(test_server& server, const std::vector<std::string>& names, client_options options) {
  team t;
  if (names.empty()) return t;
  for (std::size_t i = 0; i < names.size(); ++i) {
    member m;
    m.client = std::make_unique<test_client>(server.port(), options);
    m.client_id = "client-" + names[i];
    if (auto e = m->connect(); !e.empty()) {
      ADD_FAILURE() << names[i] << ": " << e;
      return t;
    }
    if (i == 0) {
      auto created = m->create(partners(), profile_of(names[i]));
      if (!created) {
        ADD_FAILURE() << "create: " << (m->last_error() ? m->last_error()->reason : "no reply");
        return t;
      }
      t.trajectory_id = created->trajectory_id;
      t.join_code = created->join_code;
      t.coordinator_secret = created->coordinator_secret;
      m.token = created->token;
      m.person = created->person;
    } else {
      auto joined = m->join(t.join_code, profile_of(names[i], i % 2 == 0));
      if (!joined) {
        ADD_FAILURE() << "join: " << (m->last_error() ? m->last_error()->reason : "no reply");
        return t;
      }
      m.token = joined->token;
      m.person = joined->person;
    }
    if (!m->hello(m.token, m.client_id)) {
      ADD_FAILURE() << names[i] << ": hello failed: "
                    << (m->last_error() ? m->last_error()->reason : m->closed_because());
      return t;
    }
    t.members.push_back(std::move(m));
  }
  if (!settle(server, t)) ADD_FAILURE() << "the team did not catch up with the server";
  return t;
}

bool settle(test_server& server, team& t, ms timeout) {
  const auto before = server.state(t.trajectory_id);
  if (!before) return false;
  for (auto& m : t.members)
    if (!m->wait_seq(before->seq, timeout)) return false;
  const auto after = server.state(t.trajectory_id);
  return after && after->seq == before->seq;
}

}  // namespace jos::server::test
