// The convergence property of shared text (issue #5): K people type in the same cells at
// once, over a network that delays, splits and cuts; afterwards every replica and the
// server hold the same text, and every character someone typed and nobody deleted is there.
//
// Real parts throughout: a server on a free port with its SQLite file, K client cores with
// their own config directories and journals, and between each core and the server a TCP
// proxy of its own (flaky_network) that holds bytes back, hands them on in pieces and now
// and then cuts the line or keeps it down for a while. The server restarts once (or more),
// and now and then someone closes the app and opens it again (the journal brings back what
// was not confirmed). One thread drives everything from one seeded random source: who types
// what where, who reads the network when, which line is cut. The seed is printed;
// JOS_CONVERGENCE_SEED=<n> replays the same choices (the timing of the server and the
// sockets still varies from run to run, so a rare failure may need a few runs).
// JOS_CONVERGENCE_OPS (steps, see default_steps), JOS_CONVERGENCE_CLIENTS (at least 5)
// and JOS_CONVERGENCE_RESTARTS (how often the server restarts, default 1) scale the run.
//
// Half of the typists type through the core's API directly; the other half type into a
// text field that is merged with the shared text once per frame, as the GUI does
// (sync_edit), so the keys of a frame and the others' edits of that frame meet.
//
// Each character typed is a different code point (from the 2-, 3- and 4-byte ranges of
// UTF-8, starting at ë, ’ and 😀). The test writes down who typed each one, and every
// character a typist deleted as it was in front of them when they deleted it. Deleting is
// the only way a character leaves, and nothing brings a deleted one back, so at the end
// each text must hold exactly the characters typed into it minus those deleted, each once.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "client/core/client_core.hpp"
#include "client/core/edit_sync.hpp"
#include "flaky_network.hpp"
#include "shared/text.hpp"
#include "test_server.hpp"

namespace jos::client {
namespace {

using namespace shared;
using namespace std::chrono_literals;
using clock = std::chrono::steady_clock;
using testing::flaky_network;
using testing::options_in;

constexpr auto patience = 30s;

// Steps of a run (each mostly one change by one typist). The sanitizers make each step
// several times slower; CI runs the tests under them too, within half a minute.
#if defined(__SANITIZE_ADDRESS__)
constexpr std::uint64_t default_steps = 2000;
#else
constexpr std::uint64_t default_steps = 3000;
#endif

std::uint64_t env_number(const char* name, std::uint64_t fallback) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return fallback;
  return std::strtoull(v, nullptr, 10);
}

// ---- code points ----

std::u32string decode(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? c : len == 2 ? c & 0x1FU : len == 3 ? c & 0x0FU : c & 0x07U;
    for (std::size_t k = 1; k < len && i + k < s.size(); ++k)
      cp = (cp << 6U) | (static_cast<unsigned char>(s[i + k]) & 0x3FU);
    out.push_back(cp);
    i += len;
  }
  return out;
}

std::string encode(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

std::string hex(char32_t c) {
  std::ostringstream out;
  out << "U+" << std::hex << std::uppercase << static_cast<std::uint32_t>(c);
  return out.str();
}

// Hands out code points no one has typed yet, from the 2-, 3- and 4-byte ranges of UTF-8.
class tag_source {
 public:
  char32_t next(std::mt19937_64& random) {
    const int first = std::discrete_distribution<int>({4, 4, 2})(random);
    for (int k = 0; k < 3; ++k) {
      auto& r = ranges_[static_cast<std::size_t>((first + k) % 3)];
      if (r.used == r.high - r.low + 1) continue;
      while (used_.contains(r.next)) r.next = r.next == r.high ? r.low : r.next + 1;
      const char32_t c = r.next;
      used_.insert(c);
      ++r.used;
      r.next = r.next == r.high ? r.low : r.next + 1;
      return c;
    }
    throw std::runtime_error("out of code points");
  }

 private:
  struct range {
    char32_t low, high, next;
    char32_t used = 0;
  };
  range ranges_[3] = {{0x00A1, 0x07FF, 0x00EB},       // ë first
                      {0x0800, 0xD7FF, 0x2019},       // ’ first
                      {0x10000, 0x10FFFD, 0x1F600}};  // 😀 first
  std::set<char32_t> used_;
};

// ---- what happened, for the check at the end ----

struct typed_char {
  int typist = 0;
  int target = 0;
  std::uint64_t step = 0;
};

struct ledger {
  std::map<char32_t, typed_char> typed;
  std::map<char32_t, std::pair<int, std::uint64_t>> deleted;  // first deleter, step
  std::uint64_t splices = 0;
};

// Compares one final text with the ledger; returns what is wrong (empty: nothing).
std::vector<std::string> check_text(const ledger& book, int target, std::string_view text) {
  std::vector<std::string> problems;
  std::set<char32_t> seen;
  for (char32_t c : decode(text)) {
    auto it = book.typed.find(c);
    if (it == book.typed.end() || it->second.target != target) {
      problems.push_back(hex(c) + " is in the text but was never typed there");
    } else if (!seen.insert(c).second) {
      problems.push_back(hex(c) + " (typed by " + std::to_string(it->second.typist) + " at step " +
                         std::to_string(it->second.step) + ") is there twice");
    } else if (auto d = book.deleted.find(c); d != book.deleted.end()) {
      problems.push_back(hex(c) + " (typed by " + std::to_string(it->second.typist) + " at step " +
                         std::to_string(it->second.step) + ") came back after " +
                         std::to_string(d->second.first) + " deleted it at step " +
                         std::to_string(d->second.second));
    }
  }
  for (const auto& [c, t] : book.typed) {
    if (t.target != target || seen.contains(c) || book.deleted.contains(c)) continue;
    problems.push_back(hex(c) + " typed by " + std::to_string(t.typist) + " at step " +
                       std::to_string(t.step) + " is lost: nobody deleted it");
  }
  return problems;
}

// ---- the typists ----

const partnership baken{"Het Baken", "JoU Utrecht", cooperation::existing};

protocol::profile profile_of(int i) {
  return {"Typist " + std::to_string(i) + " ë’",
          i % 2 ? organisation::jongerenwerk : organisation::school, "tester",
          staff_level::uitvoerder};
}

// A text field as the GUI keeps it: what it showed after the last frame and what it holds
// now, with the user's keys of this frame in it.
struct text_field {
  int target = -1;
  std::string shown;
  std::string buffer;
  bool typed = false;  // keys since the last frame
};

struct typist {
  int index = 0;
  bool through_field = false;
  std::unique_ptr<flaky_network> line;
  std::unique_ptr<client_core> core;
  std::vector<int> may_write;                   // targets
  int target = -1;                              // where they are typing now
  std::map<int, char32_t> cursor_after;         // per target: the character before the cursor
  std::optional<clock::time_point> down_until;  // the line is down until then
  clock::time_point retried_at;
  text_field field;
};

class convergence {
 public:
  convergence(std::uint64_t seed, int clients, std::uint64_t ops, std::uint64_t restarts)
      : seed_(seed), clients_(clients), ops_(ops), restarts_(restarts), random_(seed) {}

  void run();

 private:
  const std::vector<op::text_target> targets_ = {
      {false, 0, document_id::signalering_begin, 0, 0},  // "concreet" of the first onderdeel
      {false, 0, document_id::signalering_begin, 3, 0},  // and of the fourth
      {true, 0, document_id::signalering_begin, 0, 0},   // the minutes of meeting 1
  };
  static constexpr std::size_t soft_limit[3] = {500, 500, 1500};

  void set_up_team();
  void act(typist& t);
  void frame(typist& t);
  void chaos();
  void turn_network();
  bool settled();
  std::string describe(const typist& t) const;

  // The text a typist edits now: the field's buffer or what the core shows.
  std::string text_of(const typist& t, int target) const {
    if (t.through_field && t.field.target == target) return t.field.buffer;
    return *replica::text_at(t.core->state(), targets_[static_cast<std::size_t>(target)]);
  }

  bool chance(double p) { return std::bernoulli_distribution(p)(random_); }
  std::size_t pick(std::size_t low, std::size_t high) {
    return std::uniform_int_distribution<std::size_t>(low, high)(random_);
  }

  std::uint64_t seed_;
  int clients_;
  std::uint64_t ops_;
  std::uint64_t restarts_;
  std::mt19937_64 random_;
  tag_source tags_;
  ledger book_;
  std::uint64_t step_ = 0;

  testing::scratch_dir dirs_{"convergence"};
  testing::test_server server_{dirs_ / "server"};
  net::io_context io_;
  std::vector<typist> typists_;
  std::string trajectory_id_;
  std::vector<std::string> notices_;  // what the cores told their users
  int reopened_ = 0;                  // apps closed and opened again
};

void convergence::set_up_team() {
  typists_.resize(static_cast<std::size_t>(clients_));
  for (int i = 0; i < clients_; ++i) {
    typist& t = typists_[static_cast<std::size_t>(i)];
    t.index = i;
    t.through_field = i % 2 == 1;
    t.line = std::make_unique<flaky_network>(io_, server_.port(), random_());
    t.core = std::make_unique<client_core>(options_in(dirs_ / ("typist" + std::to_string(i))));
    ASSERT_EQ(t.core->use_server(t.line->url()), "");
  }
  const auto wait = [&](const std::function<bool()>& done) {
    const auto deadline = clock::now() + patience;
    while (!done()) {
      if (clock::now() > deadline) return false;
      turn_network();
      for (auto& t : typists_) t.core->poll();
      std::this_thread::sleep_for(1ms);
    }
    return true;
  };

  // Typist 0 starts the leerlijn; typist 2 joins as the second coordinator, the rest with
  // the team code. Typist 1 fills in, typist 3 keeps the minutes, and 3 and up may write.
  typist& coordinator = typists_[0];
  coordinator.core->create_trajectory(baken, profile_of(0));
  ASSERT_TRUE(wait([&] { return coordinator.core->live(); })) << describe(coordinator);
  const auto id = *coordinator.core->identity();
  trajectory_id_ = id.trajectory_id;
  for (int i = 1; i < clients_; ++i) {
    typist& t = typists_[static_cast<std::size_t>(i)];
    t.core->join(i == 2 ? id.coordinator_code : id.join_code, profile_of(i));
    ASSERT_TRUE(wait([&] { return t.core->live(); })) << describe(t);
  }
  ASSERT_TRUE(wait([&] {
    return coordinator.core->state().team.size() == static_cast<std::size_t>(clients_);
  })) << describe(coordinator);
  client_core& c = *coordinator.core;
  ASSERT_FALSE(c.start_meeting(0));
  ASSERT_FALSE(c.assign_role(0, meeting_role::invuller, typists_[1].core->me()));
  ASSERT_FALSE(c.assign_role(0, meeting_role::notulist, typists_[3].core->me()));
  for (int i = 3; i < clients_; ++i)
    ASSERT_FALSE(
        c.submit(op::set_writer{0, typists_[static_cast<std::size_t>(i)].core->me(), true}));
  for (auto& t : typists_) {
    const bool minutes = t.index == 0 || t.index == 2 || t.index == 3;
    t.may_write = minutes ? std::vector<int>{0, 1, 2} : std::vector<int>{0, 1};
    ASSERT_TRUE(wait([&] {
      if (!t.core->live() || t.core->waiting_changes() != 0) return false;
      const auto& session = t.core->state().meetings[0].session;
      return session.notulist == typists_[3].core->me() &&
             session.writers.size() == static_cast<std::size_t>(clients_ - 3);
    })) << describe(t);
  }
}

std::string convergence::describe(const typist& t) const {
  std::ostringstream out;
  const auto link = t.core->connection();
  out << "typist " << t.index << (t.through_field ? " (field)" : " (core)") << ": phase "
      << static_cast<int>(t.core->phase()) << ", link " << static_cast<int>(link.state)
      << (link.retrying ? " retrying" : "") << " '" << link.last_error << "', seq " << t.core->seq()
      << ", waiting " << t.core->waiting_changes() << ", line " << (t.line->up() ? "up" : "down")
      << " (" << t.line->connections() << " connections, " << t.line->cuts() << " cuts)";
  if (t.core->last_notice()) out << ", notice '" << t.core->last_notice()->text << "'";
  return out.str();
}

// One edit by one typist: typing at their cursor, backspace, deleting or replacing a
// selection, a paste, now and then two changes in one op; or they move the cursor.
void convergence::act(typist& t) {
  if (!t.core->has_state()) return;  // an app just opened, without its journal
  if (t.target < 0 || chance(0.08)) t.target = t.may_write[pick(0, t.may_write.size() - 1)];
  const int target = t.target;
  if (t.through_field && t.field.target != target) {
    frame(t);  // the old field lets go; the new one shows the shared text as it is now
    const std::string now =
        *replica::text_at(t.core->state(), targets_[static_cast<std::size_t>(target)]);
    t.field = {target, now, now, false};
  } else if (t.through_field && t.field.typed) {
    // One change per frame, as a person makes them: the field tells its change by comparing
    // the buffer with what it showed, so two apart in one frame would look like one
    // replacing all between them.
    frame(t);
  }

  const std::u32string text = decode(text_of(t, target));
  // The cursor stands after a character; if that one is gone, somewhere else.
  std::size_t cursor = 0;
  if (auto it = t.cursor_after.find(target); it != t.cursor_after.end() && it->second != 0) {
    const auto at = text.find(it->second);
    cursor = at == std::u32string::npos ? pick(0, text.size()) : at + 1;
  } else {
    cursor = it == t.cursor_after.end() ? pick(0, text.size()) : 0;
  }

  const auto typed_run = [&](std::size_t n) {
    std::u32string s;
    for (std::size_t k = 0; k < n; ++k) {
      const char32_t c = tags_.next(random_);
      book_.typed[c] = {t.index, target, step_};
      s.push_back(c);
    }
    return s;
  };
  const auto deleting = [&](std::size_t pos, std::size_t n) {
    for (std::size_t k = pos; k < pos + n; ++k) book_.deleted.try_emplace(text[k], t.index, step_);
  };

  std::vector<splice> edits;
  std::u32string after_edit = text;
  const auto apply_here = [&](std::size_t pos, std::size_t del, const std::u32string& ins) {
    deleting(pos, del);
    after_edit = after_edit.substr(0, pos) + ins + after_edit.substr(pos + del);
    edits.push_back({pos, del, encode(ins)});
  };
  // Typing fills the text; past its soft limit the typists mostly delete.
  const bool long_text = text.size() > soft_limit[static_cast<std::size_t>(target)];
  const std::size_t roll = pick(0, 99);
  if (roll < (long_text ? 20 : 45)) {
    apply_here(cursor, 0, typed_run(1));  // a key
    t.cursor_after[target] = after_edit[cursor];
  } else if (roll < 55) {
    const std::u32string paste = typed_run(pick(2, 12));
    apply_here(cursor, 0, paste);  // a paste
    t.cursor_after[target] = paste.back();
  } else if (roll < 67) {
    if (cursor == 0) return;
    apply_here(cursor - 1, 1, {});  // backspace
    t.cursor_after[target] = cursor >= 2 ? text[cursor - 2] : 0;
  } else if (roll < 80) {
    if (text.empty()) return;
    const std::size_t pos = pick(0, text.size() - 1);
    const std::size_t n = pick(1, std::min<std::size_t>(long_text ? 80 : 20, text.size() - pos));
    apply_here(pos, n, {});  // a selection deleted
    t.cursor_after[target] = pos > 0 ? text[pos - 1] : 0;
  } else if (roll < 88) {
    if (text.empty()) return;
    const std::size_t pos = pick(0, text.size() - 1);
    const std::size_t n = pick(1, std::min<std::size_t>(10, text.size() - pos));
    const std::u32string ins = typed_run(pick(1, 5));
    apply_here(pos, n, ins);  // a selection typed over
    t.cursor_after[target] = ins.back();
  } else if (roll < 93 && !t.through_field && text.size() > 2) {
    // Two changes in one op: something deleted, then something typed elsewhere.
    const std::size_t pos = pick(0, text.size() - 1);
    apply_here(pos, 1, {});
    apply_here(pick(0, after_edit.size()), 0, typed_run(pick(1, 3)));
  } else {
    const std::size_t pos = pick(0, text.size());  // the cursor moves
    t.cursor_after[target] = pos > 0 ? text[pos - 1] : 0;
    return;
  }
  ++book_.splices;

  if (t.through_field) {
    t.field.buffer = encode(after_edit);
    t.field.typed = true;
    return;
  }
  auto error = t.core->edit_text(targets_[static_cast<std::size_t>(target)], edits);
  ASSERT_FALSE(error) << "typist " << t.index << " step " << step_ << ": " << error->message;
  ASSERT_EQ(text_of(t, target), encode(after_edit));
}

// A frame of the GUI for a typist with a text field: what arrived is taken in, the field's
// keys and the others' edits meet in sync_edit, and the user's part goes to the core.
void convergence::frame(typist& t) {
  t.core->poll();
  if (t.core->last_notice()) {
    notices_.push_back("typist " + std::to_string(t.index) + " step " + std::to_string(step_) +
                       ": " + t.core->last_notice()->text);
    t.core->clear_notice();
  }
  if (!t.through_field || t.field.target < 0 || !t.core->has_state()) return;
  const auto& target = targets_[static_cast<std::size_t>(t.field.target)];
  const std::string model = *replica::text_at(t.core->state(), target);
  const std::size_t end = t.field.buffer.size();
  auto result = sync_edit(t.field.shown, t.field.buffer, model, {end, end, end});
  if (!result.local.empty()) {
    auto error = t.core->edit_text(target, result.local);
    ASSERT_FALSE(error) << "typist " << t.index << " step " << step_ << ": " << error->message;
  }
  ASSERT_EQ(*replica::text_at(t.core->state(), target), result.buffer)
      << "typist " << t.index << " step " << step_ << ": the field and the shared text differ";
  t.field.shown = result.buffer;
  t.field.buffer = std::move(result.buffer);
  t.field.typed = false;
}

// Now and then a line is cut, and maybe stays down for a while; the user waits or presses
// "Nu verbinden".
void convergence::chaos() {
  if (chance(1.0 / 600)) {
    // Someone closes the app and opens it again: what was not confirmed comes back from
    // the journal and goes again (the field's last keys were taken in by a last frame).
    typist& t = typists_[pick(0, typists_.size() - 1)];
    frame(t);
    t.core.reset();
    t.core =
        std::make_unique<client_core>(options_in(dirs_ / ("typist" + std::to_string(t.index))));
    t.field = {};
    ++reopened_;
  }
  if (!chance(1.0 / 120)) return;
  typist& t = typists_[pick(0, typists_.size() - 1)];
  t.line->cut();
  if (chance(0.6)) {
    t.line->set_up(false);
    t.down_until = clock::now() + std::chrono::milliseconds(pick(0, 250));
  }
}

void convergence::turn_network() {
  io_.poll();
  const auto now = clock::now();
  for (auto& t : typists_) {
    if (t.down_until && *t.down_until <= now) {
      t.line->set_up(true);
      t.down_until.reset();
    }
    t.line->pump();
    // Back online: no need to wait for the backoff.
    if (t.line->up() && t.core->connection().retrying && now - t.retried_at > 20ms) {
      t.core->retry_now();
      t.retried_at = now;
    }
  }
}

bool convergence::settled() {
  const std::uint64_t seq = typists_[0].core->seq();
  for (const auto& t : typists_)
    if (!t.core->live() || t.core->waiting_changes() != 0 || t.core->seq() != seq ||
        t.field.typed || !t.line->idle())
      return false;
  return true;
}

void convergence::run() {
  const auto started = clock::now();
  set_up_team();
  if (::testing::Test::HasFatalFailure()) return;

  // The server restarts now and then (it tells everyone, finishes its commits and comes
  // back on the same port and database); the typists type on meanwhile.
  std::set<std::uint64_t> restart_at;
  for (std::uint64_t i = 0; i < restarts_; ++i) restart_at.insert(pick(ops_ / 4, ops_ * 3 / 4));
  std::jthread restart;  // joined before anything reads the server again
  for (step_ = 0; step_ < ops_; ++step_) {
    if (restart_at.contains(step_)) {
      if (restart.joinable()) restart.join();
      restart = std::jthread([this] {
        server_.stop();
        server_.start();
      });
    }
    chaos();
    act(typists_[pick(0, typists_.size() - 1)]);
    if (::testing::Test::HasFatalFailure()) return;
    // Each core reads the network only now and then, so they lag behind each other.
    for (auto& t : typists_)
      if (chance(0.1)) frame(t);
    if (::testing::Test::HasFatalFailure()) return;
    turn_network();
    if (chance(0.5)) std::this_thread::sleep_for(std::chrono::microseconds(pick(0, 2000)));
  }
  const auto typed_at = clock::now();
  if (restart.joinable()) restart.join();

  // The network heals: no more cuts, no more delays. Everyone catches up.
  for (auto& t : typists_) {
    t.line->set_up(true);
    t.down_until.reset();
    t.line->set_options({std::chrono::microseconds(0), std::chrono::microseconds(0), 0, 0});
  }
  const auto deadline = clock::now() + patience;
  std::uint64_t server_seq = 0;
  for (;;) {
    for (auto& t : typists_) frame(t);
    if (::testing::Test::HasFatalFailure()) return;
    turn_network();
    if (settled()) {
      server_seq = server_.read_state(trajectory_id_).seq;
      if (server_seq == typists_[0].core->seq()) break;
    }
    if (clock::now() > deadline) {
      std::string all;
      for (const auto& t : typists_) all += "\n  " + describe(t);
      FAIL() << "the typists did not settle (seed " << seed_ << "):" << all;
    }
    std::this_thread::sleep_for(1ms);
  }

  const auto server = server_.read_state(trajectory_id_);
  ASSERT_EQ(server.seq, server_seq);
  std::size_t connections = 0;
  std::size_t cuts = 0;
  for (const auto& t : typists_) {
    connections += t.line->connections();
    cuts += t.line->cuts();
  }
  std::cout << "[convergence] seed " << seed_ << ": " << clients_ << " typists, " << ops_
            << " steps, " << book_.splices << " changes, " << book_.typed.size()
            << " characters typed, " << book_.deleted.size() << " deleted, " << server.seq
            << " ops on the server, " << connections << " connections, " << cuts << " cuts, "
            << reopened_ << " apps reopened; typing "
            << std::chrono::duration<double>(typed_at - started).count() << " s, settling "
            << std::chrono::duration<double>(clock::now() - typed_at).count() << " s\n";

  for (std::size_t k = 0; k < targets_.size(); ++k) {
    const std::string& text = *replica::text_at(server.state, targets_[k]);
    SCOPED_TRACE("target " + std::to_string(k) + " (" + std::to_string(decode(text).size()) +
                 " characters on the server)");
    for (const auto& t : typists_) {
      EXPECT_EQ(*replica::text_at(t.core->state(), targets_[k]), text)
          << describe(t) << " differs from the server";
      EXPECT_EQ(*replica::text_at(t.core->model().confirmed(), targets_[k]), text)
          << describe(t) << " (confirmed) differs from the server";
      if (t.field.target == static_cast<int>(k)) {
        EXPECT_EQ(t.field.buffer, text) << describe(t) << " (its text field) differs";
      }
    }
    const auto problems = check_text(book_, static_cast<int>(k), text);
    for (std::size_t i = 0; i < std::min<std::size_t>(problems.size(), 10); ++i)
      ADD_FAILURE() << problems[i];
    EXPECT_TRUE(problems.empty()) << problems.size() << " characters wrong";
  }
  for (const auto& t : typists_)
    EXPECT_EQ(t.core->state(), typists_[0].core->state()) << describe(t);
  if (::testing::Test::HasFailure())
    for (const auto& n : notices_) std::cout << "[convergence] " << n << "\n";
}

TEST(Convergence, TypistsInTheSameCellsOverAFlakyNetworkEndWithTheSameText) {
  const std::uint64_t seed = env_number("JOS_CONVERGENCE_SEED", std::random_device{}());
  const int clients =
      static_cast<int>(std::max<std::uint64_t>(5, env_number("JOS_CONVERGENCE_CLIENTS", 6)));
  const std::uint64_t ops = env_number("JOS_CONVERGENCE_OPS", default_steps);
  std::cout << "[convergence] replay with JOS_CONVERGENCE_SEED=" << seed
            << " JOS_CONVERGENCE_OPS=" << ops << " JOS_CONVERGENCE_CLIENTS=" << clients
            << std::endl;
  SCOPED_TRACE("JOS_CONVERGENCE_SEED=" + std::to_string(seed));
  RecordProperty("seed", std::to_string(seed));
  convergence(seed, clients, ops, env_number("JOS_CONVERGENCE_RESTARTS", 1)).run();
}

// The check at the end must be able to fail: a lost, a doubled, a resurrected and a foreign
// character are each noticed.
TEST(Convergence, TheCheckNoticesEveryKindOfWrongText) {
  ledger book;
  book.typed[U'a'] = {0, 0, 1};
  book.typed[U'b'] = {1, 0, 2};
  book.typed[U'c'] = {1, 0, 3};
  book.typed[U'x'] = {1, 1, 4};  // typed in another text
  book.deleted[U'c'] = {0, 5};
  EXPECT_TRUE(check_text(book, 0, "ba").empty());
  EXPECT_EQ(check_text(book, 0, "a").size(), 1u);    // b lost
  EXPECT_EQ(check_text(book, 0, "abb").size(), 1u);  // b twice
  EXPECT_EQ(check_text(book, 0, "abc").size(), 1u);  // c came back
  EXPECT_EQ(check_text(book, 0, "abx").size(), 1u);  // x belongs elsewhere
  EXPECT_EQ(check_text(book, 0, "abz").size(), 1u);  // z was never typed
}

}  // namespace
}  // namespace jos::client
