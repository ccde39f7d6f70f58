// Bad input gets a clear error and changes nothing; the sender's connection stays (unless
// the input is abusive) and everyone else in the room carries on.

#include <gtest/gtest.h>

#include <map>

#include "protocol/codec.hpp"
#include "tests/server/test_server.hpp"

namespace jos::server::test {
namespace {

using namespace shared;

class BadInput : public ::testing::Test {
 protected:
  void SetUp() override {
    t_ = make_team(server_, {"Anna", "Bram"});
    ASSERT_EQ(t_.members.size(), 2u);
    before_ = server_.state(t_.trajectory_id);
    ASSERT_TRUE(before_);
  }

  // Sends raw text from `c` and returns the error message it gets back.
  std::optional<protocol::error> error_for(test_client& c, const std::string& text) {
    const auto since = c.received();
    if (!c.send_text(text)) return std::nullopt;
    auto reply = c.take_if(
        [](const protocol::server_message& m) {
          return std::holds_alternative<protocol::error>(m);
        },
        default_wait, since);
    if (!reply) return std::nullopt;
    return std::get<protocol::error>(*reply);
  }

  // Nothing changed, and Bram's next op is acked and reaches both.
  void expect_unchanged_and_room_alive(bool anna_connected = true) {
    const auto now = server_.state(t_.trajectory_id);
    ASSERT_TRUE(now);
    EXPECT_EQ(now->seq, before_->seq);
    EXPECT_EQ(now->hash, before_->hash);
    const auto ack = t_[1]->submit_acked(op::add_reaction{0, -1, "Ik ben er nog.", 0});
    ASSERT_TRUE(ack);
    EXPECT_EQ(*ack, before_->seq + 1);
    ASSERT_TRUE(t_[1]->wait_seq(*ack));
    if (anna_connected) {
      ASSERT_TRUE(t_[0]->wait_seq(*ack));
      EXPECT_TRUE(t_[0]->is_open());
      const auto& chat = t_[0]->replica().meetings[0].session.reactions;
      ASSERT_EQ(chat.size(), 1u);
      EXPECT_EQ(chat[0].text, "Ik ben er nog.");
      EXPECT_EQ(t_[0]->replica_hash(), server_.state(t_.trajectory_id)->hash);
    }
  }

  test_server server_;
  team t_;
  std::optional<server_state> before_;
};

TEST_F(BadInput, NotJson) {
  const auto e = error_for(*t_[0], "dit is {geen json");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, protocol::error_code::malformed);
  EXPECT_NE(e->reason.find("Bericht niet begrepen"), std::string::npos) << e->reason;
  EXPECT_NE(e->reason.find("not valid JSON"), std::string::npos) << e->reason;
  expect_unchanged_and_room_alive();
  // Anna's connection is still a session: her own op goes through too.
  EXPECT_TRUE(t_[0]->submit_acked(op::set_precondition{0, true}));
}

TEST_F(BadInput, BinaryFrame) {
  auto& anna = *t_[0];
  const auto since = anna.received();
  ASSERT_TRUE(anna.send_binary(std::string("\x00\x01\xfe\xff{\"v\":1}", 10)));
  const auto reply = anna.take_if(
      [](const protocol::server_message& m) { return std::holds_alternative<protocol::error>(m); },
      default_wait, since);
  ASSERT_TRUE(reply);
  const auto& e = std::get<protocol::error>(*reply);
  EXPECT_EQ(e.code, protocol::error_code::malformed);
  EXPECT_NE(e.reason.find("Alleen tekstberichten"), std::string::npos) << e.reason;
  expect_unchanged_and_room_alive();
  EXPECT_TRUE(anna.submit_acked(op::set_precondition{0, true}));
}

TEST_F(BadInput, WrongTypedFields) {
  auto e = error_for(*t_[0], R"({"v":1,"type":"op","client_seq":"een","base_seq":0,)"
                             R"("op":{"type":"set_precondition","index":0,"met":true}})");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, protocol::error_code::invalid);
  EXPECT_NE(e->reason.find("client_seq"), std::string::npos) << e->reason;

  e = error_for(*t_[0], R"({"v":1,"type":"hello","token":7,"client_id":"x"})");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, protocol::error_code::invalid);
  EXPECT_NE(e->reason.find("token"), std::string::npos) << e->reason;
  expect_unchanged_and_room_alive();
}

// An op whose body cannot be read but whose client_seq can is refused by that client_seq,
// so that its client drops it instead of sending it again after every reconnect.
TEST_F(BadInput, AnUnreadableOpIsRejectedByItsClientSeq) {
  auto& anna = *t_[0];
  ASSERT_TRUE(anna.send_text(
      R"({"v":1,"type":"op","client_seq":7,"base_seq":0,)"
      R"("op":{"type":"set_rating","document":"signalering_1","row":"twee","value":2}})"));
  auto reject = anna.wait_reject(7);
  ASSERT_TRUE(reject);
  EXPECT_EQ(reject->code, protocol::error_code::invalid);
  EXPECT_NE(reject->reason.find("op.row"), std::string::npos) << reject->reason;
  EXPECT_TRUE(anna.is_open());
  expect_unchanged_and_room_alive();
}

// An edit_text without splices is not stale (sending it again would not help): invalid.
TEST_F(BadInput, AnEditWithoutSplicesIsInvalid) {
  auto& anna = *t_[0];
  ASSERT_TRUE(
      anna.send_text(R"({"v":1,"type":"op","client_seq":9,"base_seq":0,"op":{"type":"edit_text",)"
                     R"("target":{"document":"signalering_1","row":0,"column":0},"edits":[]}})"));
  const auto reject = anna.wait_reject(9);
  ASSERT_TRUE(reject);
  EXPECT_EQ(reject->code, protocol::error_code::invalid);
  EXPECT_NE(reject->reason.find("op.edits"), std::string::npos) << reject->reason;
  expect_unchanged_and_room_alive();
}

TEST_F(BadInput, UnknownMessageType) {
  const auto e = error_for(*t_[0], R"({"v":1,"type":"shout","text":"HALLO"})");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, protocol::error_code::invalid);
  EXPECT_NE(e->reason.find("unknown message type \"shout\""), std::string::npos) << e->reason;
  expect_unchanged_and_room_alive();
}

TEST_F(BadInput, UnknownOpType) {
  // An op: refused by its client_seq (see AnUnreadableOpIsRejectedByItsClientSeq).
  auto& anna = *t_[0];
  ASSERT_TRUE(anna.send_text(R"({"v":1,"type":"op","client_seq":1,"base_seq":0,)"
                             R"("op":{"type":"delete_everything"}})"));
  const auto reject = anna.wait_reject(1);
  ASSERT_TRUE(reject);
  EXPECT_EQ(reject->code, protocol::error_code::invalid);
  EXPECT_NE(reject->reason.find("unknown operation type \"delete_everything\""), std::string::npos)
      << reject->reason;
  expect_unchanged_and_room_alive();
}

TEST_F(BadInput, OtherProtocolVersionAndDeepNesting) {
  auto e = error_for(*t_[0], R"({"v":2,"type":"hello","token":"t","client_id":"x"})");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, protocol::error_code::version);
  EXPECT_NE(e->reason.find("protocolversie"), std::string::npos) << e->reason;

  std::string deep = R"({"v":1,"type":"op","client_seq":1,"op":)";
  for (int i = 0; i < 40; ++i) deep += "[";
  for (int i = 0; i < 40; ++i) deep += "]";
  deep += "}";
  e = error_for(*t_[0], deep);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, protocol::error_code::too_deep);
  expect_unchanged_and_room_alive();
}

TEST_F(BadInput, OpBeforeHello) {
  test_client stranger(server_.port());
  ASSERT_EQ(stranger.connect(), "");
  const auto e = error_for(stranger, protocol::encode(protocol::client_message{
                                         protocol::submit{1, 0, op::set_precondition{0, true}}}));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, protocol::error_code::unauthorised);
  EXPECT_NE(e->reason.find("Meld je eerst aan"), std::string::npos) << e->reason;
  EXPECT_TRUE(stranger.is_open());
  expect_unchanged_and_room_alive();
}

TEST_F(BadInput, ReplayedOpIsAckedAgainAndAppliedOnce) {
  auto& anna = *t_[0];
  const auto first = anna.submit(op::add_reaction{0, -1, "Eén keer, graag.", 0});
  const auto seq = anna.wait_ack(first);
  ASSERT_TRUE(seq);
  const auto second = anna.submit(op::add_reaction{0, -1, "Nog een.", 0});
  const auto seq2 = anna.wait_ack(second);
  ASSERT_TRUE(seq2);
  ASSERT_TRUE(settle(server_, t_));
  const auto applied = server_.state(t_.trajectory_id);
  ASSERT_TRUE(applied);

  // The last op again: acked with the sequence it got the first time.
  anna.clear_inbox();
  ASSERT_TRUE(anna.resend(second));
  auto again =
      anna.take<protocol::ack>([&](const protocol::ack& a) { return a.client_seq == second; });
  ASSERT_TRUE(again);
  EXPECT_EQ(again->seq, *seq2);
  // An older one: acked with its own sequence too, never applied a second time.
  ASSERT_TRUE(anna.resend(first));
  again = anna.take<protocol::ack>([&](const protocol::ack& a) { return a.client_seq == first; });
  ASSERT_TRUE(again);
  EXPECT_EQ(again->seq, *seq);

  const auto now = server_.state(t_.trajectory_id);
  ASSERT_TRUE(now);
  EXPECT_EQ(now->seq, applied->seq);
  EXPECT_EQ(now->hash, applied->hash);
  // Bram's next op is the very next sequence: nothing was broadcast for the replays.
  const auto ack = t_[1]->submit_acked(op::add_reaction{0, -1, "Ik ben er nog.", 0});
  ASSERT_TRUE(ack);
  EXPECT_EQ(*ack, applied->seq + 1);
  ASSERT_TRUE(settle(server_, t_));
  for (auto& m : t_.members) {
    EXPECT_TRUE(m->order_faults().empty());
    EXPECT_EQ(m->replica().meetings[0].session.reactions.size(), 3u) << m.client_id;
    std::size_t copies = 0;
    for (const auto& op : m->ops_seen())
      copies += op.client_id == t_[0].client_id && op.client_seq == first;
    EXPECT_EQ(copies, 1u) << m.client_id;
  }
}

// A base beyond the server's seq can only come from ops a crash took back (see the Epoch
// tests). A text edit's positions are meaningless against it: stale, and nothing changes.
TEST_F(BadInput, TextEditOnAFutureBaseSeqIsStaleAndChangesNothing) {
  auto& anna = *t_[0];
  op::edit_text edit;
  edit.target.minutes = true;
  edit.edits = {{0, 0, "Vooruit"}};
  const auto client_seq = anna.submit(edit, before_->seq + 100);
  const auto reject = anna.wait_reject(client_seq);
  ASSERT_TRUE(reject);
  EXPECT_EQ(reject->code, protocol::error_code::stale);
  EXPECT_TRUE(anna.is_open());
  expect_unchanged_and_room_alive();
}

// Every other op stands on its own (last writer wins): it is taken as it is, at the next seq.
TEST_F(BadInput, AnOtherOpOnAFutureBaseSeqIsTaken) {
  auto& anna = *t_[0];
  const auto taken = anna.submit(op::set_precondition{2, true}, before_->seq + 100);
  const auto seq = anna.wait_ack(taken);
  ASSERT_TRUE(seq);
  EXPECT_EQ(*seq, before_->seq + 1);
  EXPECT_TRUE(anna.is_open());
}

// A text frame that is not UTF-8 closes the connection with 1007, as RFC 6455 requires.
TEST_F(BadInput, InvalidUtf8ClosesWith1007) {
  auto& anna = *t_[0];
  ASSERT_TRUE(anna.send_text("{\"v\":1,\"type\":\"focus\",\"target\":\"\xC3\x28\"}"));
  ASSERT_TRUE(anna.wait_closed());
  EXPECT_NE(anna.closed_because().find("code 1007"), std::string::npos) << anna.closed_because();
  expect_unchanged_and_room_alive(false);
}

// Strict JSON: a byte order mark or a key twice is malformed, and nothing changes.
TEST_F(BadInput, AByteOrderMarkOrAKeyTwiceIsMalformed) {
  auto e = error_for(*t_[0], "\xEF\xBB\xBF{\"v\":1,\"type\":\"focus\",\"target\":null}");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, protocol::error_code::malformed);
  EXPECT_NE(e->reason.find("byte order mark"), std::string::npos) << e->reason;
  e = error_for(*t_[0], R"({"v":1,"type":"focus","type":"hello","target":null})");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, protocol::error_code::malformed);
  EXPECT_NE(e->reason.find("appears twice"), std::string::npos) << e->reason;
  expect_unchanged_and_room_alive();
}

// A name with a character that shows nothing is refused at the door.
TEST_F(BadInput, AJoinWithAnInvisibleCharacterInTheNameIsRefused) {
  test_client carla(server_.port());
  ASSERT_EQ(carla.connect(), "");
  for (const char* c : {"\u2028", "\u200B", "\uFEFF", "\u0085"}) {
    EXPECT_FALSE(carla.join(t_.join_code, profile_of(std::string("Carla") + c)));
    ASSERT_TRUE(carla.last_error());
    EXPECT_EQ(carla.last_error()->code, protocol::error_code::invalid);
    EXPECT_NE(carla.last_error()->reason.find("onzichtbaar"), std::string::npos)
        << carla.last_error()->reason;
  }
  expect_unchanged_and_room_alive();
}

TEST_F(BadInput, OversizedMessageClosesTheConnection) {
  // A third member, so the room has someone to lose.
  test_client carla(server_.port());
  ASSERT_EQ(carla.connect(), "");
  auto joined = carla.join(t_.join_code, profile_of("Carla"));
  ASSERT_TRUE(joined);
  ASSERT_TRUE(carla.hello(joined->token, "carla"));
  ASSERT_TRUE(settle(server_, t_));
  before_ = server_.state(t_.trajectory_id);
  ASSERT_TRUE(before_);

  std::string huge = R"({"v":1,"type":"op","client_seq":1,"base_seq":0,"op":)"
                     R"({"type":"add_reaction","meeting":0,"text":")";
  huge += std::string(std::size_t{70} * 1024, 'x');
  huge += R"("}})";
  carla.send_text(huge);
  ASSERT_TRUE(carla.wait_closed()) << "the server kept a connection that sent 70 KiB";
  // With close code 1009 (too big), after an error that says why.
  const auto& why = carla.closed_because();
  EXPECT_NE(why.find("code 1009"), std::string::npos) << why;
  ASSERT_FALSE(carla.errors().empty());
  EXPECT_EQ(carla.errors().back().code, protocol::error_code::too_large);
  EXPECT_NE(carla.errors().back().reason.find("te groot"), std::string::npos);
  // The others see Carla go, and carry on.
  ASSERT_TRUE(
      t_[0]->wait([&] { return t_[0]->presence() && t_[0]->presence()->online.size() == 2; }));
  expect_unchanged_and_room_alive();
}

TEST_F(BadInput, MessageJustUnderTheLimitIsUnderstood) {
  // 64 KiB is the cap, not less: a large (if refused) op still gets a precise answer.
  std::string big = R"({"v":1,"type":"op","client_seq":1,"base_seq":0,"op":)"
                    R"({"type":"add_reaction","meeting":0,"text":")";
  big += std::string(std::size_t{60} * 1024, 'x');
  big += R"("}})";
  auto& anna = *t_[0];
  ASSERT_TRUE(anna.send_text(big));
  const auto reject = anna.wait_reject(1);
  ASSERT_TRUE(reject) << anna.closed_because();
  EXPECT_EQ(reject->code, protocol::error_code::too_long);
  EXPECT_TRUE(anna.is_open());
  expect_unchanged_and_room_alive();
}

// Resends keep the sequence of the first time even when the room no longer remembers the
// op (a restart rebuilt it from a later snapshot): then the store says which it was. A
// resend of a refused op is refused again, and applies nothing.
TEST(Replay, OlderResendsAreAckedWithTheirOwnSeqAlsoAfterARestart) {
  config cfg;
  cfg.snapshot_every = 2;  // the restarted room starts from a snapshot past Anna's ops
  test_server server(cfg);
  auto t = make_team(server, {"Anna", "Bram"});
  ASSERT_EQ(t.members.size(), 2u);
  auto& anna = *t[0];
  auto& bram = *t[1];

  std::map<std::uint64_t, std::uint64_t> first_seq;  // Anna's client_seq -> seq
  for (int i = 0; i < 5; ++i) {
    const auto client_seq = anna.submit(op::add_reaction{0, -1, "punt " + std::to_string(i), 0});
    const auto seq = anna.wait_ack(client_seq);
    ASSERT_TRUE(seq);
    first_seq[client_seq] = *seq;
    // Bram's ops in between, so Anna's seqs are not simply consecutive.
    ASSERT_TRUE(bram.submit_acked(op::add_reaction{0, -1, "ja " + std::to_string(i), 0}));
  }
  // Bram's refused op, then an accepted one after it.
  const auto refused = bram.submit(op::set_precondition{0, true});
  ASSERT_TRUE(bram.wait_reject(refused));
  ASSERT_TRUE(bram.submit_acked(op::add_reaction{0, -1, "nog iets", 0}));
  ASSERT_TRUE(settle(server, t));
  const auto applied = server.state(t.trajectory_id);
  ASSERT_TRUE(applied);

  auto resend_all = [&](const char* when) {
    SCOPED_TRACE(when);
    anna.clear_inbox();
    for (const auto& [sent, seq] : first_seq) {
      const std::uint64_t client_seq = sent;  // a binding cannot be captured before C++20
      ASSERT_TRUE(anna.resend(client_seq));
      const auto again = anna.take<protocol::ack>(
          [&](const protocol::ack& a) { return a.client_seq == client_seq; });
      ASSERT_TRUE(again) << "no ack for " << client_seq;
      EXPECT_EQ(again->seq, seq) << "client_seq " << client_seq;
    }
    bram.clear_inbox();
    ASSERT_TRUE(bram.resend(refused));
    const auto no = bram.take<protocol::reject>(
        [&](const protocol::reject& r) { return r.client_seq == refused; });
    ASSERT_TRUE(no) << "the refused op was not refused again";
    EXPECT_EQ(no->code, protocol::error_code::conflict);
    EXPECT_NE(no->reason.find("eerder al geweigerd"), std::string::npos) << no->reason;
    const auto now = server.state(t.trajectory_id);
    ASSERT_TRUE(now);
    EXPECT_EQ(now->seq, applied->seq);
    EXPECT_EQ(now->hash, applied->hash);
  };
  resend_all("from memory");

  server.restart();
  for (auto& m : t.members) {
    m->set_port(server.port());
    ASSERT_EQ(m->reconnect(), "") << m.client_id;
  }
  ASSERT_TRUE(settle(server, t));
  resend_all("from the store");

  // Nothing was applied twice; the next op is the very next sequence.
  const auto ack = bram.submit_acked(op::add_reaction{0, -1, "klaar", 0});
  ASSERT_TRUE(ack);
  EXPECT_EQ(*ack, applied->seq + 1);
  ASSERT_TRUE(settle(server, t));
  EXPECT_EQ(anna.replica().meetings[0].session.reactions.size(), 12u);
  const auto state = server.state(t.trajectory_id);
  ASSERT_TRUE(state);
  for (auto& m : t.members) EXPECT_EQ(m->replica_hash(), state->hash) << m.client_id;
}

}  // namespace
}  // namespace jos::server::test
