// A full disk on a small filesystem made for the test (a tmpfs with a size limit; mounting
// it needs root, as in CI): new ops are refused with a clear Dutch error, the team still
// reads the leerlijn, writing resumes by itself when space returns, and nothing that was
// acknowledged is lost.

#include <gtest/gtest.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/server/test_server.hpp"

namespace jos::server::test {
namespace {

using namespace shared;

class small_filesystem {
 public:
  explicit small_filesystem(const char* size) {
    if (::geteuid() != 0) {
      why_not_ = "needs root to mount a tmpfs (CI runs as root)";
    } else if (::mount("tmpfs", dir_.path().c_str(), "tmpfs", 0, size) != 0) {
      why_not_ = std::string("cannot mount a tmpfs: ") + std::strerror(errno);
    }
  }
  ~small_filesystem() {
    if (why_not_.empty()) ::umount2(dir_.path().c_str(), MNT_DETACH);
  }
  small_filesystem(const small_filesystem&) = delete;
  small_filesystem& operator=(const small_filesystem&) = delete;
  const std::string& why_not() const { return why_not_; }
  std::string file(const std::string& name) const { return dir_.file(name); }

 private:
  temp_dir dir_;
  std::string why_not_;
};

// Writes until the filesystem is full.
void fill(const std::string& path) {
  std::ofstream out(path, std::ios::binary);
  const std::string block(64 * 1024, 'x');
  while (out.write(block.data(), static_cast<std::streamsize>(block.size())) && out.flush()) {
  }
}

bool has_reaction(const trajectory& t, const std::string& text) {
  int n = 0;
  for (const auto& r : t.meetings[0].session.reactions) n += r.text == text ? 1 : 0;
  return n == 1;
}

TEST(DiskFull, RefusesNewOpsKeepsReadingRecoversAndLosesNothingAcknowledged) {
  small_filesystem fs("size=3m");
  if (!fs.why_not().empty()) GTEST_SKIP() << fs.why_not();
  config cfg;
  cfg.db = fs.file("jos.sqlite");
  test_server server(cfg);
  auto t = make_team(server, {"Anna", "Bram"});
  std::vector<std::string> acked;
  for (int i = 0; i < 5; ++i) {
    acked.push_back("voor het vollopen " + std::to_string(i));
    ASSERT_TRUE(t[0]->submit_acked(op::add_reaction{0, -1, acked.back(), 0}));
  }
  fill(fs.file("vulsel"));

  // Anna writes long reactions until the disk refuses one: her connection then drops.
  const std::string filler(900, 'r');
  for (int i = 0; i < 400 && t[0]->is_open(); ++i) {
    const std::string text = std::to_string(i) + filler;
    if (!t[0]->submit_acked(op::add_reaction{0, -1, text, 0})) break;
    acked.push_back(text);
  }
  ASSERT_TRUE(t[0]->rejects().empty()) << t[0]->rejects().begin()->second.reason;
  ASSERT_FALSE(t[0]->pending().empty()) << "the disk never filled";
  EXPECT_GE(server.metric("jos_store_errors_total").value_or(0), 1.0);
  ASSERT_TRUE(server.metric("jos_disk_free_bytes"));

  // Reading goes on: Bram comes back and has every acknowledged reaction.
  t[1]->wait_closed();
  ASSERT_EQ(t[1]->reconnect(), "");
  for (const auto& text : acked) EXPECT_TRUE(has_reaction(t[1]->replica(), text));

  // Writing is refused with a reason in Dutch, again and again, and changes nothing.
  t[0]->wait_closed();
  ASSERT_EQ(t[0]->reconnect(), "");
  const auto refused = t[0]->submit(op::add_reaction{0, -1, "mag niet", 0});
  const auto reject = t[0]->wait_reject(refused);
  ASSERT_TRUE(reject);
  EXPECT_EQ(reject->code, "disk_full");
  EXPECT_NE(reject->reason.find("schijf van de server is vol"), std::string::npos)
      << reject->reason;

  // Space returns: writing resumes by itself.
  std::filesystem::remove(fs.file("vulsel"));
  std::optional<std::uint64_t> resumed;
  for (int tries = 0; tries < 20 && !resumed; ++tries) {
    resumed =
        t[0]->submit_acked(op::add_reaction{0, -1, "weer ruimte " + std::to_string(tries), 0});
    if (!resumed) std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  ASSERT_TRUE(resumed) << "writes did not resume once space returned";
  for (const auto& text : acked) EXPECT_TRUE(has_reaction(t[0]->replica(), text));
  EXPECT_FALSE(has_reaction(t[0]->replica(), "mag niet"));

  // And after a restart, from the disk: every acknowledged reaction once.
  for (auto& m : t.members) m->close();
  server.restart();
  test_client carla(server.port());
  ASSERT_EQ(carla.connect(), "");
  ASSERT_TRUE(carla.hello(t[1].token, "bram-again"));
  for (const auto& text : acked) EXPECT_TRUE(has_reaction(carla.replica(), text));
  server.stop();
}

}  // namespace
}  // namespace jos::server::test
