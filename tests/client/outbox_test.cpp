// The outbox on its own: ops numbered once, kept in the journal across a restart, sent in
// order on the link they were queued for, and dropped from the queue with that link.
#include <gtest/gtest.h>

#include <fstream>

#include "client/core/files.hpp"
#include "client/core/outbox.hpp"
#include "client/core/settings.hpp"
#include "protocol/codec.hpp"
#include "shared/rules.hpp"

namespace jos::client {
namespace {

namespace fs = std::filesystem;
using namespace shared;

constexpr person_id anna = 1;

struct journal_dir {
  fs::path path = fs::temp_directory_path() / ("jos-outbox-" + random_hex(6));
  journal_dir() { fs::create_directories(path); }
  ~journal_dir() { fs::remove_all(path); }
  fs::path file() const { return path / "t1.jsonl"; }
};

replica anna_with_a_team() {
  trajectory t = make_trajectory("t1", {"Het Baken", "JoU", cooperation::existing});
  apply(t,
        op::add_person{{anna, "Anna", organisation::school, "docent", staff_level::manager, true}},
        actor::server());
  replica r("c-anna");
  r.restore(3, std::move(t), {});
  r.set_me(anna);
  return r;
}

std::vector<std::uint64_t> client_seqs(const std::vector<std::string>& sent) {
  std::vector<std::uint64_t> out;
  for (const auto& text : sent) {
    auto m = protocol::decode_client(text);
    out.push_back(std::get<protocol::submit>(std::get<protocol::client_message>(m)).client_seq);
  }
  return out;
}

TEST(Outbox, NumbersJournalsAndSendsOnTheLinkItWasQueuedFor) {
  journal_dir dir;
  replica r = anna_with_a_team();
  std::vector<std::string> sent;
  auto to = [&](std::uint64_t link, std::string text) {
    EXPECT_EQ(link, 5u);
    sent.push_back(std::move(text));
  };
  {
    outbox box(false, {});
    EXPECT_TRUE(box.open(dir.file(), "c-anna", "t1", r).empty());
    ASSERT_FALSE(r.submit(op::set_precondition{0, true}));
    ASSERT_FALSE(r.submit(op::set_precondition{1, true}));
    box.after_change(r, 5, false);
    box.flush(5, to);
    EXPECT_TRUE(sent.empty()) << "not live: journalled, not numbered, not sent";

    box.after_change(r, 5, true);
    box.flush(6, to);
    EXPECT_TRUE(sent.empty()) << "queued for link 5, which is gone: not sent on 6";
    box.link_lost();
    r.link_lost();
    box.after_change(r, 5, true);
    box.flush(5, to);
    ASSERT_EQ(sent.size(), 2u);
    const auto seqs = client_seqs(sent);
    EXPECT_EQ(seqs[1], seqs[0] + 1);
    EXPECT_EQ(r.pending()[0].client_seq, seqs[0]) << "a resend keeps its number";
    ASSERT_FALSE(r.submit(op::set_precondition{2, true}));
    box.close(r);
  }

  // The next run of the app: the state and the unconfirmed ops come back from the journal,
  // and numbering goes on above what was used.
  replica again("c-anna");
  outbox box(false, {});
  EXPECT_TRUE(box.open(dir.file(), "c-anna", "t1", again).empty());
  ASSERT_TRUE(again.has_state());
  EXPECT_EQ(again.seq(), 3u);
  ASSERT_EQ(again.pending().size(), 3u);
  EXPECT_EQ(again.pending()[2].client_seq, 0u) << "never sent";
  again.set_me(anna);
  sent.clear();
  box.after_change(again, 5, true);
  box.flush(5, to);
  const auto seqs = client_seqs(sent);
  ASSERT_EQ(seqs.size(), 3u);
  EXPECT_GT(seqs[2], seqs[1]);
}

TEST(Outbox, ADamagedOrForeignJournalIsSaidAndSkipped) {
  journal_dir dir;
  { std::ofstream(dir.file()) << "{kapot\n"; }
  replica r("c-anna");
  outbox box(false, {});
  const auto notices = box.open(dir.file(), "c-anna", "t1", r);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_NE(notices[0].find("beschadigd"), std::string::npos);
  EXPECT_FALSE(r.has_state());
  box.close(r);

  replica mine = anna_with_a_team();
  {
    outbox writer(false, {});
    writer.open(dir.file(), "c-other", "t1", mine);
    writer.close(mine);
  }
  replica other("c-anna");
  outbox reader(false, {});
  EXPECT_TRUE(reader.open(dir.file(), "c-anna", "t1", other).empty());
  EXPECT_FALSE(other.has_state()) << "another installation's journal is not ours to resend";
}

}  // namespace
}  // namespace jos::client
