// jos_web_peer: a desktop client core without a window, for the browser tests. The test
// (node) sends one JSON command per line on stdin and reads one JSON answer per line on
// stdout; in between the core keeps polling, so the peer stays live while the browser
// works. Commands ("do"): create, join, start_meeting, assign, edit, rate, wait, state,
// settle, quit. Every wait has a deadline; a failure answers {"ok":false,"error":...}.
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>

#include "client/core/client_core.hpp"
#include "protocol/json_reader.hpp"
#include "shared/text.hpp"

namespace {

using namespace jos;
using namespace std::chrono_literals;
using json = protocol::json;

class line_reader {
 public:
  line_reader()
      : thread_([this] {
          std::string line;
          while (std::getline(std::cin, line)) {
            std::lock_guard lock(mutex_);
            lines_.push_back(line);
          }
          std::lock_guard lock(mutex_);
          closed_ = true;
        }) {
    thread_.detach();  // blocked in getline until stdin closes; the process ends first
  }
  bool next(std::string& line, bool& closed) {
    std::lock_guard lock(mutex_);
    closed = closed_ && lines_.empty();
    if (lines_.empty()) return false;
    line = std::move(lines_.front());
    lines_.pop_front();
    return true;
  }

 private:
  std::mutex mutex_;
  std::deque<std::string> lines_;
  bool closed_ = false;
  std::thread thread_;
};

const shared::document_id signalering = shared::document_id::signalering_begin;

shared::op::text_target cell(int row, int column) { return {false, 0, signalering, row, column}; }

json state_of(const client::client_core& c) {
  json out{{"live", c.live()}, {"seq", c.seq()}, {"waiting", c.waiting_changes()}};
  if (!c.has_state()) return out;
  const auto& doc = c.state().documents[static_cast<std::size_t>(signalering)];
  json cells = json::array();
  json ratings = json::array();
  for (const auto& row : doc.rows) {
    cells.push_back(row.cells);
    ratings.push_back(row.rating);
  }
  json team = json::array();
  for (const auto& p : c.state().team) team.push_back({{"id", p.id}, {"name", p.name}});
  out["cells"] = std::move(cells);
  out["ratings"] = std::move(ratings);
  out["team"] = std::move(team);
  out["me"] = c.me();
  return out;
}

class peer {
 public:
  peer(const std::string& server, const std::string& config_dir) : core_(options(config_dir)) {
    if (auto error = core_.use_server(server); !error.empty()) fail_ = error;
  }

  void run() {
    line_reader reader;
    for (;;) {
      std::string line;
      bool closed = false;
      if (!reader.next(line, closed)) {
        if (closed) return;
        core_.wait_and_poll(10ms);
        continue;
      }
      const json command = json::parse(line, nullptr, false);
      json answer =
          command.is_object() ? handle(command) : json{{"ok", false}, {"error", "no JSON"}};
      std::cout << answer.dump(-1, ' ', false, json::error_handler_t::replace) << std::endl;
      if (command.is_object() && command.value("do", "") == "quit") return;
    }
  }

 private:
  static client::core_options options(const std::string& dir) {
    client::core_options o;
    o.config_dir = dir;
    return o;
  }

  bool until(const std::function<bool()>& done, std::chrono::milliseconds timeout = 20s) {
    return core_.run_until(done, timeout);
  }

  json ok(json extra = json::object()) {
    extra["ok"] = true;
    extra["state"] = state_of(core_);
    return extra;
  }
  static json failed(const std::string& why) { return {{"ok", false}, {"error", why}}; }

  json refused(const std::optional<shared::rule_error>& e) {
    return e ? failed("geweigerd: " + e->message) : ok();
  }

  json handle(const json& c) {
    const std::string what = c.value("do", "");
    if (!fail_.empty()) return failed(fail_);
    const protocol::profile me{c.value("name", "Anna de Wit"), shared::organisation::school,
                               "teamleider", shared::staff_level::manager};
    if (what == "create") {
      core_.create_trajectory({c.value("school", "Het Baken"), c.value("youth", "JoU Utrecht"),
                               shared::cooperation::existing},
                              me);
      if (!until([&] { return core_.live(); })) return failed("niet live na create");
      return ok({{"join_code", core_.identity()->join_code}});
    }
    if (what == "join") {
      core_.join(c.value("code", ""), me);
      if (!until([&] { return core_.live(); })) return failed("niet live na join");
      return ok();
    }
    if (what == "start_meeting") {
      const int meeting = c.value("meeting", 0);
      if (auto e = core_.start_meeting(meeting)) return refused(e);
      return refused(core_.goto_agenda_item(meeting, c.value("agenda", 4)));
    }
    if (what == "assign") {
      // The role goes to whoever carries this name, once they are in the team.
      const std::string name = c.value("name", "");
      shared::person_id who = shared::no_person;
      until([&] {
        for (const auto& p : core_.state().team)
          if (p.name == name) who = p.id;
        return who != shared::no_person;
      });
      if (who == shared::no_person) return failed(name + " is niet in het team");
      const auto role = c.value("role", "invuller") == "notulist" ? shared::meeting_role::notulist
                                                                  : shared::meeting_role::invuller;
      return refused(core_.assign_role(c.value("meeting", 0), role, who));
    }
    if (what == "edit") {
      const auto target = cell(c.value("row", 0), c.value("column", 0));
      const std::string* now = client::replica::text_at(core_.state(), target);
      const long at = c.value("at", -1L);
      const std::size_t position =
          at < 0 ? shared::code_points(now ? *now : "") : static_cast<std::size_t>(at);
      return refused(core_.edit_text(target, {{position, 0, c.value("text", "")}}));
    }
    if (what == "rate")
      return refused(core_.set_rating(signalering, c.value("row", 0), c.value("value", 0)));
    if (what == "wait") {
      // Until a cell holds exactly this text (and a row this rating), as the server has it.
      const auto target = cell(c.value("row", 0), c.value("column", 0));
      const bool text_wanted = c.contains("text");
      const std::string text = c.value("text", "");
      const int rating = c.value("rating", -1);
      const auto timeout = std::chrono::milliseconds(c.value("timeout_ms", 20000));
      const bool done = until(
          [&] {
            if (!core_.has_state()) return false;
            const auto* now = client::replica::text_at(core_.state(), target);
            const auto& row = core_.state()
                                  .documents[static_cast<std::size_t>(signalering)]
                                  .rows[static_cast<std::size_t>(c.value("row", 0))];
            return (!text_wanted || (now != nullptr && *now == text)) &&
                   (rating < 0 || row.rating == rating);
          },
          timeout);
      if (!done) {
        json answer = failed("niet gezien binnen de tijd");
        answer["state"] = state_of(core_);
        return answer;
      }
      return ok();
    }
    if (what == "settle") {
      if (!until([&] { return core_.live() && core_.waiting_changes() == 0; }))
        return failed("niet alles bevestigd");
      return ok();
    }
    if (what == "state" || what == "quit") return ok();
    return failed("onbekend commando: " + what);
  }

  client::client_core core_;
  std::string fail_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "gebruik: jos_web_peer SERVER CONFIGMAP\n");
    return 2;
  }
  peer p(argv[1], argv[2]);
  p.run();
  return 0;
}
