// Collaborative text over the server: concurrent edits of one cell, made against a stale
// base, are transformed so that nobody's typing is lost and every replica ends the same.

#include <gtest/gtest.h>

#include "tests/server/test_server.hpp"

namespace jos::server::test {
namespace {

using namespace shared;

op::edit_text cell_edit(std::size_t pos, std::size_t del, std::string ins) {
  op::edit_text e;
  e.target.document = document_id::actieplan;
  e.target.row = 3;
  e.target.column = 2;
  e.edits = {{pos, del, std::move(ins)}};
  return e;
}

const std::string& cell(const test_client& c) { return c.replica().documents[1].rows[3].cells[2]; }

class TextOt : public ::testing::Test {
 protected:
  void SetUp() override {
    t_ = make_team(server_, {"Anna", "Bram"});
    ASSERT_EQ(t_.members.size(), 2u);
    // Both coordinators, so both may write in the Actieplan.
    ASSERT_TRUE(t_[0]->submit_acked(op::set_coordinator{t_[1].person, true}));
    ASSERT_TRUE(settle(server_, t_));
  }

  // Sets the cell to `text` and waits until both have it.
  void start_from(const std::string& text) {
    const auto length = code_points(cell(*t_[0]));
    ASSERT_TRUE(t_[0]->submit_acked(cell_edit(0, length, text)));
    ASSERT_TRUE(settle(server_, t_));
    ASSERT_EQ(cell(*t_[1]), text);
  }

  // Waits until both have everything and checks they match the server.
  void expect_converged() {
    for (auto& m : t_.members)
      ASSERT_TRUE(m->wait([&] { return m->pending().empty(); })) << m.client_id;
    for (auto& m : t_.members)
      EXPECT_TRUE(m->rejects().empty()) << m->rejects().begin()->second.reason;
    ASSERT_TRUE(settle(server_, t_));
    const auto state = server_.state(t_.trajectory_id);
    ASSERT_TRUE(state);
    EXPECT_EQ(cell(*t_[0]), cell(*t_[1]));
    for (auto& m : t_.members) EXPECT_EQ(m->replica_hash(), state->hash) << m.client_id;
  }

  test_server server_;
  team t_;
};

TEST_F(TextOt, InsertsAtDifferentPlacesBothSurvive) {
  start_from("Hallo");
  const auto base = t_[0]->replica_seq();
  // Both made against "Hallo", neither knowing the other's.
  t_[0]->submit(cell_edit(5, 0, " wereld"), base);
  t_[1]->submit(cell_edit(0, 0, "Zeg: "), base);
  expect_converged();
  EXPECT_EQ(cell(*t_[0]), "Zeg: Hallo wereld");
}

TEST_F(TextOt, InsertsAtTheSamePlaceBothSurvive) {
  start_from("Samen ");
  const auto base = t_[0]->replica_seq();
  t_[0]->submit(cell_edit(6, 0, "leren"), base);
  t_[1]->submit(cell_edit(6, 0, "werken"), base);
  expect_converged();
  const auto& text = cell(*t_[0]);
  EXPECT_TRUE(text == "Samen lerenwerken" || text == "Samen werkenleren") << text;
}

TEST_F(TextOt, DeletionAroundAnInsertionKeepsTheInsertion) {
  start_from("abcdefgh");
  const auto base = t_[0]->replica_seq();
  t_[0]->submit(cell_edit(2, 0, "XY"), base);  // inside what Bram deletes
  t_[1]->submit(cell_edit(0, 5, ""), base);    // "abcde"
  expect_converged();
  EXPECT_EQ(cell(*t_[0]), "XYfgh");
}

TEST_F(TextOt, TypingStreamsFromBothEndsInterleave) {
  start_from("–midden–");
  const auto base = t_[0]->replica_seq();
  const std::size_t length = code_points("–midden–");
  // Each types five characters, one op per key, all against the same stale base: Anna at
  // the end of her own text, Bram at the start of his.
  const std::string anna_keys = "abcdë";
  const std::string bram_keys = "12345";
  for (std::size_t i = 0; i < 5; ++i) {
    std::string a_key = i < 4 ? std::string(1, anna_keys[i]) : std::string("ë");
    t_[0]->submit(cell_edit(length + i, 0, a_key), base);
    t_[1]->submit(cell_edit(i, 0, std::string(1, bram_keys[i])), base);
  }
  expect_converged();
  EXPECT_EQ(cell(*t_[0]), "12345–midden–abcdë");
}

TEST_F(TextOt, EditsOfOtherCellsDoNotShiftThisOne) {
  start_from("vast");
  const auto base = t_[0]->replica_seq();
  op::edit_text elsewhere = cell_edit(0, 0, "andere cel ");
  elsewhere.target.column = 1;
  t_[1]->submit(elsewhere, base);
  t_[1]->submit(cell_edit(0, 0, "Zeer "), base);
  // Anna's stale edit moves only past Bram's insertion in this cell, not the other cell's.
  t_[0]->submit(cell_edit(4, 0, " punt"), base);
  expect_converged();
  EXPECT_EQ(cell(*t_[0]), "Zeer vast punt");
  EXPECT_EQ(t_[0]->replica().documents[1].rows[3].cells[1], "andere cel ");
}

// Nothing left of an edit (others deleted the same text first), or split past the splices
// one op may carry: the client is told "stale" (it rebases and sends again, or drops an edit
// that came to nothing) rather than refused, which would drop what it typed after it.
TEST_F(TextOt, AnEditThatComesToNothingIsStaleNotRefused) {
  start_from("abcdefgh");
  const auto base = t_[0]->replica_seq();
  ASSERT_TRUE(t_[1]->submit_acked(cell_edit(1, 5, "")));       // "bcdef"
  const auto gone = t_[0]->submit(cell_edit(2, 2, ""), base);  // "cd": already gone
  const auto reject = t_[0]->wait_reject(gone);
  ASSERT_TRUE(reject);
  EXPECT_EQ(reject->code, protocol::error_code::stale);

  // Sent with nothing in it, though, it is not stale (sending it again would not help) but
  // invalid.
  op::edit_text empty = cell_edit(0, 0, "");
  empty.edits.clear();
  const auto nothing = t_[0]->submit(empty);
  const auto refused = t_[0]->wait_reject(nothing);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->code, protocol::error_code::invalid);

  // Anna deletes "012", "456", "89a", ... (eight splices); Bram types inside each of those
  // stretches, which splits every one of her deletions in two: sixteen splices.
  start_from("0123456789abcdefghijklmnopqrstuvwxyz");
  const auto before = t_[0]->replica_seq();
  op::edit_text many = cell_edit(0, 0, "");
  many.edits.clear();
  for (std::size_t i = 0; i < op::max_splices_per_edit; ++i) many.edits.push_back({i, 3, ""});
  op::edit_text inserts = cell_edit(0, 0, "");
  inserts.edits.clear();
  for (std::size_t i = 0; i < op::max_splices_per_edit; ++i)
    inserts.edits.push_back({1 + 5 * i, 0, "+"});
  ASSERT_TRUE(t_[1]->submit_acked(inserts));
  const auto split = t_[0]->submit(many, before);
  const auto too_many = t_[0]->wait_reject(split);
  ASSERT_TRUE(too_many);
  EXPECT_EQ(too_many->code, protocol::error_code::stale);
}

}  // namespace
}  // namespace jos::server::test
