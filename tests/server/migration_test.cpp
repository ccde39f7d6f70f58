// Files written by an older jos-server keep working: opened by this one, they are brought up
// to date in place (and what they already held means the same as before).

#include <gtest/gtest.h>

#include <set>

#include "protocol/op_codec.hpp"
#include "protocol/state_codec.hpp"
#include "server/secrets.hpp"
#include "shared/rules.hpp"
#include "tests/server/database_rows.hpp"
#include "tests/server/test_server.hpp"

namespace jos::server::test {
namespace {

using namespace shared;

// The schema every jos-server wrote before schema versions were counted (user_version 0).
constexpr const char* schema_v0 = R"sql(
CREATE TABLE trajectories(
  id TEXT PRIMARY KEY,
  join_code TEXT UNIQUE NOT NULL,
  coordinator_secret_hash TEXT UNIQUE NOT NULL,
  partnership TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL);
CREATE TABLE participants(
  token_hash TEXT PRIMARY KEY,
  trajectory_id TEXT NOT NULL,
  person_id INTEGER NOT NULL);
CREATE TABLE ops(
  trajectory_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  author INTEGER NOT NULL,
  client_id TEXT NOT NULL,
  client_seq INTEGER NOT NULL,
  op TEXT NOT NULL,
  PRIMARY KEY(trajectory_id, seq)) WITHOUT ROWID;
CREATE TABLE clients(
  trajectory_id TEXT NOT NULL,
  client_id TEXT NOT NULL,
  last_client_seq INTEGER NOT NULL,
  last_seq INTEGER NOT NULL,
  PRIMARY KEY(trajectory_id, client_id)) WITHOUT ROWID;
CREATE TABLE snapshots(
  trajectory_id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  state TEXT NOT NULL) WITHOUT ROWID;
)sql";

std::string sql_text(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

// A leerlijn as an old server stored it: its ops, one by one, from the very first.
class old_file {
 public:
  explicit old_file(std::string path) : path_(std::move(path)) {
    EXPECT_EQ(run_sql(path_, schema_v0), "");
  }

  void leerlijn(const std::string& id, const std::string& join_code,
                const std::string& coordinator_secret) {
    id_ = id;
    state_ = make_trajectory(id, {"Het Baken", "JOOT", cooperation::existing});
    EXPECT_EQ(
        run_sql(path_, "INSERT INTO trajectories VALUES(" + sql_text(id) + ", " +
                           sql_text(join_code) + ", " + sql_text(sha256_hex(coordinator_secret)) +
                           ", " + sql_text(protocol::encode_partnership(state_.partners).dump()) +
                           ", 0)"),
        "");
  }

  // A person who joined with `token`.
  person_id joined(const std::string& name, const std::string& token, bool coordinator) {
    shared::person p{state_.next_person_id,   name,       organisation::school, "docent",
                     staff_level::uitvoerder, coordinator};
    op(no_person, "", 0, op::add_person{p});
    EXPECT_EQ(run_sql(path_, "INSERT INTO participants VALUES(" + sql_text(sha256_hex(token)) +
                                 ", " + sql_text(id_) + ", " + std::to_string(p.id) + ")"),
              "");
    return p.id;
  }

  std::uint64_t op(person_id author, const std::string& client_id, std::uint64_t client_seq,
                   const operation& o) {
    const actor who = author == no_person ? actor::server() : actor{author};
    EXPECT_FALSE(validate(state_, o, who));
    apply(state_, o, who);
    ++seq_;
    EXPECT_EQ(run_sql(path_, "INSERT INTO ops VALUES(" + sql_text(id_) + ", " +
                                 std::to_string(seq_) + ", " + std::to_string(author) + ", " +
                                 sql_text(client_id) + ", " + std::to_string(client_seq) + ", " +
                                 sql_text(protocol::encode_op(o).dump()) + ")"),
              "");
    return seq_;
  }

  // What an old room wrote every N ops: the state and the (merged) marks of every client id.
  void snapshot(const std::vector<std::tuple<std::string, std::uint64_t, std::uint64_t>>& marks) {
    EXPECT_EQ(run_sql(path_, "INSERT OR REPLACE INTO snapshots VALUES(" + sql_text(id_) + ", " +
                                 std::to_string(seq_) + ", " +
                                 sql_text(protocol::encode_state(state_, false).dump()) + ")"),
              "");
    for (const auto& [client, client_seq, seq] : marks)
      EXPECT_EQ(run_sql(path_, "INSERT OR REPLACE INTO clients VALUES(" + sql_text(id_) + ", " +
                                   sql_text(client) + ", " + std::to_string(client_seq) + ", " +
                                   std::to_string(seq) + ")"),
                "");
  }

  const shared::trajectory& state() const { return state_; }
  std::uint64_t seq() const { return seq_; }

 private:
  std::string path_;
  std::string id_;
  shared::trajectory state_;
  std::uint64_t seq_ = 0;
};

// Anna and Bram shared one laptop (one client id); the old server kept one mark for both.
// After the upgrade each has their own, as their ops say, and the leerlijn is as it was.
TEST(Migration, OldMarksBecomeMarksPerPersonAndTheLeerlijnOpens) {
  temp_dir dir;
  config cfg;
  cfg.db = dir.file("jos.sqlite");
  trajectory expected;
  {
    old_file f(cfg.db);
    f.leerlijn("t_old", "ABCDE-FGHJK", "old-secret");
    const person_id anna = f.joined("Anna", "anna-token", true);
    const person_id bram = f.joined("Bram", "bram-token", false);
    f.op(anna, "shared-laptop", 1, op::set_precondition{0, true});
    f.op(anna, "shared-laptop", 2, op::set_precondition{1, true});
    person b = *find_person(f.state(), bram);
    b.function = "mentor";
    f.op(bram, "shared-laptop", 7, op::update_person{b});
    f.snapshot({{"shared-laptop", 7, 5}});
    f.op(anna, "anna-desktop", 1, op::set_precondition{2, true});  // after the snapshot
    expected = f.state();
  }
  test_server server(cfg);
  const auto rows = read_every_row(cfg.db);
  ASSERT_TRUE(rows.contains("clients"));
  for (const auto& row : rows.at("clients")) EXPECT_TRUE(row.contains("person_id"));

  test_client anna(server.port());
  ASSERT_EQ(anna.connect(), "");
  auto welcome = anna.hello("anna-token", "shared-laptop");
  ASSERT_TRUE(welcome) << (anna.last_error() ? anna.last_error()->reason : anna.closed_because());
  EXPECT_EQ(welcome->seq, 6u);
  EXPECT_EQ(welcome->last_client_seq, 2u);
  EXPECT_EQ(anna.replica_hash(), state_hash(expected));
  // Her op 2 sent again is recognised as hers: acknowledged with the seq it got, not applied.
  ASSERT_TRUE(anna.send(protocol::submit{2, 0, op::set_precondition{1, true}}));
  EXPECT_EQ(anna.wait_ack(2), 4u);

  test_client bram(server.port());
  ASSERT_EQ(bram.connect(), "");
  auto bram_welcome = bram.hello("bram-token", "shared-laptop");
  ASSERT_TRUE(bram_welcome);
  EXPECT_EQ(bram_welcome->last_client_seq, 7u);
  test_client desktop(server.port());
  ASSERT_EQ(desktop.connect(), "");
  auto desktop_welcome = desktop.hello("anna-token", "anna-desktop");
  ASSERT_TRUE(desktop_welcome);
  EXPECT_EQ(desktop_welcome->last_client_seq, 1u);
  const auto state = server.state("t_old");
  ASSERT_TRUE(state);
  EXPECT_EQ(state->seq, 6u);
  EXPECT_EQ(state->hash, state_hash(expected));
}

// An older server kept every anonymous ballot with its voter as author, client id and
// client seq, a snapshot taken while the vote was open kept [person, value], and marks
// could point at a ballot. After the upgrade no row says who cast which ballot.
TEST(Migration, OldAnonymousBallotsLoseTheirVoters) {
  temp_dir dir;
  config cfg;
  cfg.db = dir.file("jos.sqlite");
  std::set<std::uint64_t> ballots;
  {
    old_file f(cfg.db);
    f.leerlijn("t_old", "ABCDE-FGHJK", "old-secret");
    const person_id anna = f.joined("Anna", "anna-token", true);
    const person_id bram = f.joined("Bram", "bram-token", false);
    const person_id carla = f.joined("Carla", "carla-token", false);
    f.op(anna, "anna-laptop", 1, op::start_meeting{0, 0});
    f.op(anna, "anna-laptop", 2, op::open_vote{0, document_id::signalering_begin, 3, true});
    ballots.insert(f.op(bram, "bram-laptop", 1, op::cast_vote{0, 3}));
    ballots.insert(f.op(carla, "carla-laptop", 1, op::cast_vote{0, 1}));
    ballots.insert(f.op(bram, "bram-laptop", 2, op::cast_vote{0, 2}));
    f.snapshot({{"anna-laptop", 2, 5}, {"bram-laptop", 2, 8}, {"carla-laptop", 1, 7}});
    f.op(anna, "anna-laptop", 3, op::reveal_vote{0, {{1, 1}, {2, 2}}});
    f.op(anna, "anna-laptop", 4, op::close_vote{0, 2});
    // A second anonymous vote, still open at the upgrade.
    f.op(anna, "anna-laptop", 5, op::open_vote{0, document_id::signalering_begin, 5, true});
    ballots.insert(f.op(bram, "bram-laptop", 3, op::cast_vote{0, 3}));
  }
  const auto old_rows = read_every_row(cfg.db);
  std::size_t named = 0;
  for (const auto& row : old_rows.at("ops"))
    named += ballots.contains(std::stoull(row.at("seq"))) && row.at("author") != "0";
  ASSERT_EQ(named, 4u) << "the old file should name the voters";

  test_server server(cfg);
  const auto rows = read_every_row(cfg.db);
  for (const auto& row : rows.at("ops")) {
    if (!ballots.contains(std::stoull(row.at("seq")))) continue;
    SCOPED_TRACE(row.at("seq"));
    EXPECT_GE(std::stoull(row.at("author")), stand_in_base);
    EXPECT_EQ(row.at("client_id"), "");
    EXPECT_EQ(row.at("client_seq"), "0");
  }
  for (const auto& row : rows.at("clients"))
    EXPECT_FALSE(ballots.contains(std::stoull(row.at("last_seq")))) << row.at("client_id");
  ASSERT_EQ(rows.at("snapshots").size(), 1u);
  std::string error;
  const auto snapshot =
      protocol::decode_state(protocol::json::parse(rows.at("snapshots")[0].at("state")), error);
  ASSERT_TRUE(snapshot) << error;
  const auto& stored_vote = snapshot->meetings[0].session.vote;
  ASSERT_EQ(stored_vote.ballots.size(), 2u);
  for (const auto& [who, value] : stored_vote.ballots) EXPECT_GE(who, stand_in_base);

  // The leerlijn opens as it was: one recorded vote, one open with one ballot.
  test_client anna(server.port());
  ASSERT_EQ(anna.connect(), "");
  ASSERT_TRUE(anna.hello("anna-token", "anna-laptop"));
  const auto& t = anna.replica();
  ASSERT_EQ(t.votes.size(), 1u);
  EXPECT_EQ(t.votes[0].distribution, (std::array<int, 3>{1, 1, 0}));
  EXPECT_EQ(t.documents[0].rows[3].rating, 2);
  const auto& vote = t.meetings[0].session.vote;
  EXPECT_TRUE(vote.open);
  ASSERT_EQ(vote.ballots.size(), 1u);
  EXPECT_GE(vote.ballots.begin()->first, stand_in_base);
  // Bram's old client resends its last ballot as it numbered it: acknowledged, not applied,
  // with a seq that names no ballot.
  test_client bram(server.port());
  ASSERT_EQ(bram.connect(), "");
  ASSERT_TRUE(bram.hello("bram-token", "bram-laptop"));
  ASSERT_TRUE(bram.send(protocol::submit{3, 0, op::cast_vote{0, 3}}));
  const auto acked = bram.wait_ack(3);
  ASSERT_TRUE(acked);
  EXPECT_FALSE(ballots.contains(*acked));
  const auto state = server.state("t_old");
  ASSERT_TRUE(state);
  EXPECT_EQ(state->seq, 12u);
}

// An older server gave the coordinator a 64-character secret and kept only its hash. After
// the upgrade the secret still works, every coordinator gets a short code to pass on, and
// once a coordinator renews that code the old secret stops working too.
TEST(Migration, TheOldCoordinatorSecretWorksUntilTheCodeIsRenewed) {
  temp_dir dir;
  config cfg;
  cfg.db = dir.file("jos.sqlite");
  const std::string secret(64, 'a');
  {
    old_file f(cfg.db);
    f.leerlijn("t_old", "ABCDE-FGHJK", secret);
    f.joined("Anna", "anna-token", true);
  }
  test_server server(cfg);
  test_client anna(server.port());
  ASSERT_EQ(anna.connect(), "");
  ASSERT_TRUE(anna.hello("anna-token", "anna-laptop"));
  ASSERT_TRUE(anna.codes());
  EXPECT_EQ(anna.codes()->join_code, "ABCDE-FGHJK");
  const std::string short_code = anna.codes()->coordinator_code;
  EXPECT_EQ(short_code.size(), 14u) << short_code;

  // The old secret: a second coordinator.
  test_client dirk(server.port());
  ASSERT_EQ(dirk.connect(), "");
  auto joined = dirk.join(secret, profile_of("Dirk"));
  ASSERT_TRUE(joined) << (dirk.last_error() ? dirk.last_error()->reason : "no reply");
  ASSERT_TRUE(dirk.hello(joined->token, "dirk"));
  EXPECT_TRUE(is_coordinator(dirk.replica(), joined->person));

  ASSERT_TRUE(anna.send(protocol::rotate_code{protocol::access_code::coordinator}));
  ASSERT_TRUE(
      anna.wait([&] { return anna.codes() && anna.codes()->coordinator_code != short_code; }));
  test_client eve(server.port());
  ASSERT_EQ(eve.connect(), "");
  EXPECT_FALSE(eve.join(secret, profile_of("Eve")));
  ASSERT_TRUE(eve.last_error());
  EXPECT_EQ(eve.last_error()->code, protocol::error_code::unknown_code);
}

}  // namespace
}  // namespace jos::server::test
