// Server addresses, reconnect timing, the journal's file format and the settings file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "client/core/backoff.hpp"
#include "client/core/files.hpp"
#include "client/core/journal.hpp"
#include "client/core/journal_writer.hpp"
#include "client/core/settings.hpp"
#include "client/core/url.hpp"
#include "protocol/state_codec.hpp"

namespace jos::client {
namespace {

namespace fs = std::filesystem;

fs::path temp_dir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() /
                 ("jos-client-" + name + "-" + std::to_string(::getpid()) + "-" + random_hex(4));
  fs::create_directories(dir);
  return dir;
}

TEST(ServerUrl, AcceptsWhatPeopleType) {
  auto u = parse_server_url(" ws://127.0.0.1:8765 ");
  ASSERT_TRUE(u.url) << u.error;
  EXPECT_FALSE(u.url->tls);
  EXPECT_EQ(u.url->host, "127.0.0.1");
  EXPECT_EQ(u.url->port, 8765);
  EXPECT_EQ(u.url->target, "/ws");
  EXPECT_EQ(u.url->text(), "ws://127.0.0.1:8765");

  u = parse_server_url("wss://jos.example.nl");
  ASSERT_TRUE(u.url);
  EXPECT_TRUE(u.url->tls);
  EXPECT_EQ(u.url->port, 443);

  u = parse_server_url("jos.example.nl:9000");
  ASSERT_TRUE(u.url);
  EXPECT_FALSE(u.url->tls);
  EXPECT_EQ(u.url->port, 9000);

  u = parse_server_url("https://jos.example.nl/sync/ws");
  ASSERT_TRUE(u.url);
  EXPECT_TRUE(u.url->tls);
  EXPECT_EQ(u.url->target, "/sync/ws");

  u = parse_server_url("ws://[::1]:8765");
  ASSERT_TRUE(u.url);
  EXPECT_EQ(u.url->host, "::1");
  EXPECT_EQ(u.url->text(), "ws://[::1]:8765");
}

TEST(ServerUrl, RefusesWithADutchReason) {
  EXPECT_EQ(parse_server_url("").error, "Vul het adres van de server in.");
  EXPECT_NE(parse_server_url("ftp://x").error.find("ws://"), std::string::npos);
  EXPECT_NE(parse_server_url("ws://host:99999").error.find("poortnummer"), std::string::npos);
  EXPECT_NE(parse_server_url("ws://ho st:1").error.find("tekens"), std::string::npos);
}

server_url url(std::string_view text) { return *parse_server_url(text).url; }

// A `moved` is followed to another ws:// or wss:// instance, and from wss:// only to wss://.
TEST(MovedTarget, FollowsToWebSocketAddressesThatKeepTheLinkAsSafe) {
  const auto plain = url("ws://b:8765");
  const auto secure = url("wss://b.example.nl");
  for (const auto& [here, location] :
       {std::pair{plain, "ws://10.0.0.12:8765"}, std::pair{plain, "wss://a.example.nl"},
        std::pair{secure, "wss://a.example.nl:8443/jos/ws"}, std::pair{secure, "WSS://a:1"}}) {
    const auto target = moved_target(location, here);
    ASSERT_TRUE(target.url) << here.text() << " → " << location << ": " << target.error;
    EXPECT_EQ(target.url->text(), parse_server_url(location).url->text());
  }
}

TEST(MovedTarget, NeverFromWssToWs) {
  const auto secure = url("wss://b.example.nl");
  for (const char* location : {"ws://10.0.0.12:8765", "WS://a.example.nl", "ws://a/ws"}) {
    const auto target = moved_target(location, secure);
    EXPECT_FALSE(target.url) << location;
    EXPECT_NE(target.error.find("onbeveiligd adres (ws://"), std::string::npos) << target.error;
    EXPECT_NE(target.error.find("onversleuteld"), std::string::npos) << target.error;
  }
}

// What a person may type (no scheme, http://, spaces) is not what a server may send.
TEST(MovedTarget, OnlyAPlainWebSocketUrl) {
  const std::string too_long = "wss://a.example.nl/" + std::string(2100, 'x');
  for (const auto& here : {url("ws://b:8765"), url("wss://b.example.nl")})
    for (const char* location :
         {"", "a.example.nl:8765", "http://a:8765", "https://a:8765", "ftp://a", "wss://",
          "wss://a:99999", "wss://user@a", " wss://a:1", "wss://a:1/\x01", "wss://a/é",
          "javascript:alert(1)", too_long.c_str()}) {
      const auto target = moved_target(location, here);
      EXPECT_FALSE(target.url) << here.text() << " → " << location;
      EXPECT_NE(target.error.find("ongeldig adres"), std::string::npos) << target.error;
    }
}

TEST(Backoff, DoublesWithJitterWithinHalfASecondAndTenSeconds) {
  backoff b(42);
  std::vector<std::int64_t> waits;
  for (int i = 0; i < 12; ++i) waits.push_back(b.next().count());
  for (auto w : waits) {
    EXPECT_GE(w, 500);
    EXPECT_LE(w, 10'000);
  }
  EXPECT_LE(waits[0], 625);
  EXPECT_GE(waits[3], 3000);  // 4 s ± 25 %
  EXPECT_GE(waits.back(), 7500);
  b.reset();
  EXPECT_LE(b.next().count(), 625);
  // Jitter: two clients with different seeds do not retry in lockstep.
  backoff c(7);
  backoff d(8);
  int differ = 0;
  for (int i = 0; i < 8; ++i) differ += c.next() != d.next();
  EXPECT_GT(differ, 4);
}

TEST(Journal, RoundTripsStateAndPendingOps) {
  shared::trajectory t =
      shared::make_trajectory("t9", {"School", "JoU", shared::cooperation::fresh});
  t.documents[0].rows[1].cells[0] = "Wij spreken één keer per week af – ‘altijd’.";
  std::deque<pending_op> ops;
  ops.push_back(
      {4, false, 0, shared::op::set_rating{shared::document_id::signalering_begin, 1, 2}});
  ops.push_back({0, false, 0,
                 shared::op::edit_text{{false, 0, shared::document_id::signalering_begin, 1, 0},
                                       {{3, 1, "ë"}}}});
  ops.push_back({(std::uint64_t{1} << 52) + 9, false, 0, shared::op::cast_vote{0, 2}, true});
  const std::string state_json = protocol::encode_state(t, false).dump();
  const std::string text = encode_journal("c-1", "t9", 7, 12, state_json, ops);
  std::string error;
  auto back = decode_journal(text, error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(back->client_id, "c-1");
  EXPECT_EQ(back->trajectory_id, "t9");
  EXPECT_EQ(back->next_client_seq, 7u);
  EXPECT_EQ(back->seq, 12u);
  ASSERT_TRUE(back->state);
  EXPECT_EQ(*back->state, t);
  ASSERT_EQ(back->ops.size(), 3u);
  EXPECT_EQ(back->ops[0].client_seq, 4u);
  EXPECT_FALSE(back->ops[0].ballot);
  EXPECT_EQ(std::get<shared::op::edit_text>(back->ops[1].op).edits[0].ins, "ë");
  // A ballot stays a ballot: resent with its own number, outside our sequence.
  EXPECT_TRUE(back->ops[2].ballot);
  EXPECT_EQ(back->ops[2].client_seq, (std::uint64_t{1} << 52) + 9);

  EXPECT_FALSE(decode_journal("{\"journal\":2}\n", error));
  EXPECT_FALSE(decode_journal(text.substr(0, text.size() / 2), error)) << "a torn file is refused";
}

// Rebasing grew an edit on its way to twelve splices (more than one op may carry); the
// journal must still read back, with that edit as pieces that go out as new ops. Before,
// the whole journal was refused as damaged and everything in it lost.
TEST(Journal, KeepsAnEditGrownPastWhatOneOpCarries) {
  const shared::op::text_target cell{false, 0, shared::document_id::signalering_begin, 1, 0};
  std::vector<shared::splice> grown;
  for (std::size_t i = 0; i < 12; ++i) grown.push_back({i, 1, ""});
  std::deque<pending_op> ops;
  ops.push_back({5, true, 0, shared::op::edit_text{cell, grown}});
  ops.push_back({0, false, 0, shared::op::edit_text{cell, {{0, 0, "ë"}}}});
  std::string error;
  auto back = decode_journal(encode_journal("c-1", "t9", 7, 12, {}, ops), error);
  ASSERT_TRUE(back) << error;
  ASSERT_EQ(back->ops.size(), 3u);
  std::vector<shared::splice> pieces;
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(back->ops[i].client_seq, 0u) << "the server cannot have taken it whole";
    const auto& e = std::get<shared::op::edit_text>(back->ops[i].op).edits;
    pieces.insert(pieces.end(), e.begin(), e.end());
  }
  EXPECT_EQ(pieces, grown);
  EXPECT_EQ(std::get<shared::op::edit_text>(back->ops[2].op).edits[0].ins, "ë");
}

TEST(Journal, WriterReplacesTheFileDurably) {
  const fs::path dir = temp_dir("journal");
  int wakes = 0;
  {
    auto w = make_journal_writer(
        dir / "j.jsonl", [&] { ++wakes; }, true);
    w->save("one\n");
    const auto g = w->save("two\n");
    w->flush();
    EXPECT_GE(w->durable(), g);
    EXPECT_EQ(read_file(dir / "j.jsonl").value_or(""), "two\n");
    w->save("three\n");
  }  // the destructor writes what is queued
  EXPECT_EQ(read_file(dir / "j.jsonl").value_or(""), "three\n");
  EXPECT_GE(wakes, 2);
  EXPECT_FALSE(fs::exists(dir / "j.jsonl.tmp"));
  EXPECT_EQ(fs::status(dir / "j.jsonl").permissions() & fs::perms::others_read, fs::perms::none);
  fs::remove_all(dir);
}

TEST(Settings, RememberServerIdentityAndProfile) {
  const fs::path dir = temp_dir("settings");
  std::string error;
  settings s = load_settings(dir, error);
  EXPECT_TRUE(error.empty());
  EXPECT_FALSE(s.client_id.empty());
  s.server = "ws://127.0.0.1:1234";
  s.me = {"Zoë de Vries", shared::organisation::jongerenwerk, "jongerenwerker",
          shared::staff_level::manager};
  s.servers["ws://127.0.0.1:1234"] = {"tok", 3, "t1", "ABCD-EFGH", "geheim"};
  // The start screen as filled in and the text size: a restart loses neither.
  s.form = {
      true, "XKG5M-V7MK8", "Het Baken", "JoU", shared::cooperation::fresh, {true, false, true}};
  s.zoom_percent = 130;
  ASSERT_TRUE(save_settings(dir, s, error)) << error;
  settings back = load_settings(dir, error);
  EXPECT_EQ(back, s);

  std::ofstream(dir / "settings.json") << "{kapot";
  settings broken = load_settings(dir, error);
  EXPECT_FALSE(error.empty());
  EXPECT_TRUE(broken.servers.empty());
  fs::remove_all(dir);
}

}  // namespace
}  // namespace jos::client
