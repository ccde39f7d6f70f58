// The real client in a real window under Xvfb: a real server, a headless core that runs
// the meeting as coordinator, and jos-client joining as a team member, asked for a
// screenshot. The PNG must show a drawn UI, not an empty frame. The leerlijn's later screens
// (the overview between meetings, the comparison after the last one) are reached by a
// scripted team of headless cores first.
#include <gtest/gtest.h>
#include <stb_image.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <thread>

#include "client/core/client_core.hpp"
#include "client/core/files.hpp"
#include "client/core/journal.hpp"
#include "client/core/today.hpp"
#include "shared/calendar.hpp"
#include "team.hpp"
#include "test_server.hpp"

namespace jos::client {
namespace {

using namespace shared;
using namespace std::chrono_literals;
using testing::options_in;
using testing::test_server;
namespace fs = std::filesystem;

bool have(const std::string& program) {
  return std::system(("command -v " + program + " >/dev/null 2>&1").c_str()) == 0;
}
bool have_xvfb() { return have("xvfb-run"); }

struct picture {
  int width = 0;
  int height = 0;
  std::size_t colours = 0;
  double dominant_share = 1.0;  // the share of the most common colour
};

picture inspect(const fs::path& png) {
  picture p;
  int channels = 0;
  unsigned char* data = stbi_load(png.c_str(), &p.width, &p.height, &channels, 3);
  if (data == nullptr) return p;
  std::map<std::uint32_t, std::size_t> counts;
  const std::size_t pixels = static_cast<std::size_t>(p.width) * static_cast<std::size_t>(p.height);
  for (std::size_t i = 0; i < pixels; ++i) {
    const std::uint32_t rgb = (data[i * 3] << 16) | (data[i * 3 + 1] << 8) | data[i * 3 + 2];
    ++counts[rgb];
  }
  stbi_image_free(data);
  p.colours = counts.size();
  std::size_t most = 0;
  for (const auto& [c, n] : counts) most = std::max(most, n);
  p.dominant_share = pixels == 0 ? 1.0 : static_cast<double>(most) / static_cast<double>(pixels);
  return p;
}

// The dark pixels (text) inside `r` (left, top, right, bottom in window pixels).
std::size_t ink(const fs::path& png, const std::array<float, 4>& r) {
  int width = 0;
  int height = 0;
  int channels = 0;
  unsigned char* data = stbi_load(png.c_str(), &width, &height, &channels, 3);
  if (data == nullptr) return 0;
  std::size_t n = 0;
  for (int y = std::max(0, static_cast<int>(r[1])); y < std::min(height, static_cast<int>(r[3]));
       ++y)
    for (int x = std::max(0, static_cast<int>(r[0])); x < std::min(width, static_cast<int>(r[2]));
         ++x) {
      const unsigned char* px = data + (static_cast<std::size_t>(y) * width + x) * 3;
      if (px[0] + px[1] + px[2] < 3 * 110) ++n;
    }
  stbi_image_free(data);
  return n;
}

// What jos-client --marks wrote: a name and a rectangle per line.
std::map<std::string, std::array<float, 4>> read_marks(const fs::path& file) {
  std::map<std::string, std::array<float, 4>> out;
  std::ifstream in(file);
  std::string name;
  std::array<float, 4> r{};
  while (in >> name >> r[0] >> r[1] >> r[2] >> r[3]) out[name] = r;
  return out;
}

// Runs `command` (a shell command line) in a fresh X display of its own while `tick` keeps
// the headless side busy, until it exits or `enough()` holds (then it is stopped); returns
// its exit status (0 when stopped for having done enough).
int run_in_xvfb(
    const std::string& command, const std::function<void()>& tick,
    const std::function<bool()>& enough = [] { return false; }) {
  const std::string line = "xvfb-run -a -s \"-screen 0 1280x800x24\" sh -c '" + command + "'";
  const pid_t child = fork();
  if (child == 0) {
    setpgid(0, 0);  // its own group, so that stopping it stops the X server and all
    execl("/bin/sh", "sh", "-c", line.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + 120s;
  int status = 0;
  for (;;) {
    const pid_t done = waitpid(child, &status, WNOHANG);
    if (done == child) break;
    const bool stop = enough();
    if (stop || std::chrono::steady_clock::now() > deadline) {
      kill(-child, SIGTERM);
      waitpid(child, &status, 0);
      return stop ? 0 : -1;
    }
    tick();
    std::this_thread::sleep_for(20ms);
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Runs jos-client under xvfb-run in the background while `tick` keeps the headless side
// busy; returns the exit status.
int run_client(const std::vector<std::string>& args, const std::function<void()>& tick,
               const fs::path& output = {}) {
  std::string command = JOS_CLIENT_EXE;
  for (const auto& a : args) command += " \"" + a + "\"";
  if (!output.empty()) command += " > \"" + output.string() + "\"";
  return run_in_xvfb(command, tick);
}

// The GUI's identity: joined once by a core in the GUI's config directory, like a first
// run would; the GUI then rejoins as that person with the kept token.
void join_as_the_gui(const fs::path& gui_config, const test_server& server, client_core& anna,
                     person_id& joined) {
  client_core first_run(options_in(gui_config));
  ASSERT_NO_FATAL_FAILURE(testing::join_team(first_run, server, anna, testing::zoe_celik));
  joined = first_run.me();
}

void keep_screenshot(const fs::path& png, const std::string& name) {
  // JOS_SCREENSHOT_DIR=docs/ keeps the pictures for the documentation.
  if (const char* dir = std::getenv("JOS_SCREENSHOT_DIR"))
    fs::copy_file(png, fs::path(dir) / name, fs::copy_options::overwrite_existing);
}

TEST(Gui, StartScreenRenders) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  testing::scratch_dir dir("gui-start");  // outlives the cores writing into it
  const fs::path png = dir / "start.png";
  const int status =
      run_client({"--server", "ws://127.0.0.1:9", "--config-dir", (dir / "config").string(),
                  "--screenshot", png.string(), "--frames", "5"},
                 [] {});
  ASSERT_EQ(status, 0);
  const picture p = inspect(png);
  EXPECT_EQ(p.width, 1280);
  EXPECT_EQ(p.height, 800);
  EXPECT_GT(p.colours, 30u) << "anti-aliased text gives many shades";
  EXPECT_LT(p.dominant_share, 0.95) << "not a blank frame";
  keep_screenshot(png, "start-screen.png");
}

// The issue's own test: the GUI joins a real server as Zoë (the notulist), Bram types in
// the Signaleringsinstrument as invuller from a headless core while the window is open, and
// both the GUI's replica (its journal, written when it quits) and its screen (the pixels of
// that cell) hold what he typed.
TEST(Gui, JoinsAndShowsTheInvullersTypingLive) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  testing::scratch_dir dir("gui-meeting");  // outlives the cores writing into it
  test_server server(dir / "server");

  // The coordinator and the invuller, headless.
  client_core anna(options_in(dir / "anna"));
  ASSERT_NO_FATAL_FAILURE(testing::start_leerlijn(anna, server));
  client_core bram(options_in(dir / "bram"));
  ASSERT_NO_FATAL_FAILURE(testing::join_team(bram, server, anna, testing::bram_ozturk));

  const fs::path gui_config = dir / "gui";
  person_id zoe = no_person;
  ASSERT_NO_FATAL_FAILURE(join_as_the_gui(gui_config, server, anna, zoe));

  // Meeting 1, at "Invullen van het Signaleringsinstrument", partly filled in by Bram.
  ASSERT_FALSE(anna.start_meeting(0));
  ASSERT_FALSE(anna.goto_agenda_item(0, 4));
  ASSERT_FALSE(anna.assign_role(0, meeting_role::invuller, bram.me()));
  ASSERT_FALSE(anna.assign_role(0, meeting_role::notulist, zoe));
  ASSERT_FALSE(anna.edit_text({true, 0, document_id::signalering_begin, 0, 0},
                              {{0, 0,
                                "Aanwezig: Anna, Bram, Zoë. Afspraak: scores samen "
                                "bespreken."}}));
  ASSERT_NO_FATAL_FAILURE(testing::settle(anna));
  ASSERT_TRUE(bram.run_until([&] { return bram.state().meetings[0].session.invuller == bram.me(); },
                             testing::patience));
  const int ratings[] = {3, 2, 2, 3, 1, 2, 3, 2, 2, 2};
  for (int row = 0; row < 10; ++row)
    ASSERT_FALSE(bram.set_rating(document_id::signalering_begin, row, ratings[row]));
  const op::text_target first{false, 0, document_id::signalering_begin, 0, 0};
  ASSERT_FALSE(bram.edit_text(first, {{0, 0,
                                       "Wekelijks overleg tussen mentor en jongerenwerker; "
                                       "de ‘huiskamer’ is open – ook in de pauze."}}));
  ASSERT_NO_FATAL_FAILURE(testing::settle(bram));
  ASSERT_TRUE(bram.run_until([&] { return !bram.is_online(zoe); }, testing::patience));

  // Once the GUI is there, Bram types the second row a few letters at a time; the GUI takes
  // its screenshot when the whole sentence has reached it.
  const op::text_target second{false, 0, document_id::signalering_begin, 1, 0};
  const std::string words = "Leerlingen kennen de jongerenwerkers bij naam.";
  std::size_t typed = 0;
  int pieces = 0;
  auto tick = [&] {
    anna.poll();
    bram.poll();
    if (!bram.is_online(zoe) || typed >= words.size() || bram.waiting_changes() != 0) return;
    const std::string now = *replica::text_at(bram.state(), second);
    EXPECT_FALSE(bram.edit_text(second, {{shared::code_points(now), 0, words.substr(typed, 4)}}));
    typed += 4;
    ++pieces;
  };
  const fs::path png = dir / "meeting.png";
  const fs::path marks = dir / "meeting.marks";
  const int status =
      run_client({"--server", server.url(), "--config-dir", gui_config.string(), "--screenshot",
                  png.string(), "--after", "text:" + words, "--marks", marks.string()},
                 tick);
  ASSERT_EQ(status, 0) << "the GUI did not receive Bram's sentence";
  EXPECT_EQ(pieces, 12) << "every piece typed while the GUI was open";

  // The GUI's replica: what it had when it quit, from its journal.
  std::optional<journal_contents> journal;
  for (const auto& entry : fs::directory_iterator(gui_config / "journal")) {
    std::string error;
    if (auto text = read_file(entry.path())) journal = decode_journal(*text, error);
  }
  ASSERT_TRUE(journal && journal->state);
  EXPECT_EQ(*replica::text_at(*journal->state, second), words);
  EXPECT_EQ(journal->state->documents[0].rows[0].rating, 3);
  EXPECT_TRUE(journal->ops.empty()) << "the notulist changed nothing here";

  // The screen: a drawn UI, and the words in the second row's cell, none in the third's.
  const picture p = inspect(png);
  EXPECT_EQ(p.width, 1280);
  EXPECT_EQ(p.height, 800);
  EXPECT_GT(p.colours, 60u);
  EXPECT_LT(p.dominant_share, 0.9);
  const auto where = read_marks(marks);
  ASSERT_TRUE(where.contains("text/0/1/0") && where.contains("text/0/2/0"));
  const std::size_t written = ink(png, where.at("text/0/1/0"));
  EXPECT_GT(written, 200u) << "Bram's sentence is not in the cell on screen";
  EXPECT_LT(ink(png, where.at("text/0/2/0")), 10u) << "an empty cell shows nothing";
  keep_screenshot(png, "meeting-signalering.png");

  // The GUI was there as Zoë (the kept token, no second join).
  EXPECT_EQ(anna.state().team.size(), 3u);
}

// Issue 12: a long paste locked the coordinator out. Zoë (the GUI, notulist) pastes 25,000
// euro signs (75 KB, within the 40,000 characters of the minutes) into the minutes with
// Ctrl+V in the real window: xclip holds the X clipboard, xdotool clicks into the minutes
// and presses the keys. The client sends the paste in ops that each fit a frame, one after
// the other, and Anna, another client, gets all of it. (Before, the server closed the
// connection on the one big frame, and the client sent it again after every reconnect.)
TEST(Gui, ALongPasteIntoTheMinutesArrivesInFullAtAnotherClient) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  if (!have("xdotool") || !have("xclip")) GTEST_SKIP() << "xdotool and xclip are not installed";
  testing::scratch_dir dir("gui-paste");  // outlives the cores writing into it
  test_server server(dir / "server");
  client_core anna(options_in(dir / "anna"));
  ASSERT_NO_FATAL_FAILURE(testing::start_leerlijn(anna, server));
  const fs::path gui_config = dir / "gui";
  person_id zoe = no_person;
  ASSERT_NO_FATAL_FAILURE(join_as_the_gui(gui_config, server, anna, zoe));
  ASSERT_FALSE(anna.start_meeting(0));
  ASSERT_FALSE(anna.assign_role(0, meeting_role::notulist, zoe));
  ASSERT_NO_FATAL_FAILURE(testing::settle(anna));

  // Where the window shows the minutes, from a first run that marks them.
  const fs::path png = dir / "meeting.png";
  const fs::path marks = dir / "meeting.marks";
  ASSERT_EQ(
      run_client({"--server", server.url(), "--config-dir", gui_config.string(), "--screenshot",
                  png.string(), "--after", "joined", "--marks", marks.string()},
                 [&] { anna.poll(); }),
      0);
  const auto where = read_marks(marks);
  ASSERT_TRUE(where.contains("minutes/0")) << "no minutes on the meeting screen";
  const auto& box = where.at("minutes/0");
  const int x = static_cast<int>((box[0] + box[2]) / 2);
  const int y = static_cast<int>(box[1] + std::min(20.0f, (box[3] - box[1]) / 2));

  std::string paste;
  for (int i = 0; i < 25'000; ++i) paste += "€";
  const fs::path paste_file = dir / "paste.txt";
  std::ofstream(paste_file) << paste;
  const fs::path go = dir / "go";
  const fs::path focused = dir / "focused";
  // The window; once it is online, the clipboard, then clicks into the minutes until the
  // others see Zoë typing there (the window may still be drawing its first frames), and
  // Ctrl+V, held for a moment: Dear ImGui 1.86 reads which keys are down at each frame, and
  // misses a key pressed and released between two. The window stays until the test has seen
  // enough.
  auto quoted = [](const fs::path& p) { return "\"" + p.string() + "\""; };
  const std::string script =
      std::string(JOS_CLIENT_EXE) + " --server " + server.url() + " --config-dir " +
      quoted(gui_config) + " --quit-after 100 & " + "while [ ! -e " + quoted(go) +
      " ]; do sleep 0.1; done; xclip -selection clipboard -i " + quoted(paste_file) +
      "; for attempt in 1 2 3 4 5 6 7 8 9 10; do xdotool mousemove " + std::to_string(x) + " " +
      std::to_string(y) + " click 1; for t in 1 2 3 4 5 6 7 8 9 10; do [ -e " + quoted(focused) +
      " ] && break; sleep 0.2; done; [ -e " + quoted(focused) +
      " ] && break; done; xdotool keydown ctrl+v sleep 0.3 keyup ctrl+v; wait";
  const op::text_target minutes_target{true, 0, document_id::signalering_begin, 0, 0};
  auto minutes = [&] { return anna.state().meetings[0].session.minutes; };
  bool went = false;
  bool typing = false;
  const int status = run_in_xvfb(
      script,
      [&] {
        anna.poll();
        if (!went && anna.is_online(zoe)) {
          std::ofstream(go) << "go";
          went = true;
        }
        const auto editors = anna.editing(minutes_target);
        if (!typing && std::find(editors.begin(), editors.end(), zoe) != editors.end()) {
          std::ofstream(focused) << "focused";
          typing = true;
        }
      },
      [&] { return minutes().size() >= paste.size(); });
  EXPECT_EQ(status, 0) << "the paste did not arrive in time";
  ASSERT_TRUE(went) << "the window never came online";
  ASSERT_TRUE(typing) << "the click never opened the minutes";
  EXPECT_EQ(code_points(minutes()), 25'000u);
  EXPECT_TRUE(minutes() == paste) << "not the paste, or not all of it";
  EXPECT_TRUE(server.read_state(anna.identity()->trajectory_id).state.meetings[0].session.minutes ==
              paste);
}

// An idle window sleeps until input, the network or a clock on screen needs a frame: left
// alone on the overview for four seconds after joining, it draws the frames of its start
// and of the state arriving, far fewer than the 240 of a loop that redraws at 60 Hz.
TEST(Gui, AnIdleWindowSleeps) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  testing::scratch_dir dir("gui-idle");  // outlives the cores writing into it
  test_server server(dir / "server");
  const fs::path gui_config = dir / "gui";
  person_id anna = no_person;
  client_core bram(options_in(dir / "bram"));
  {
    client_core earlier(options_in(gui_config));
    ASSERT_NO_FATAL_FAILURE(testing::start_leerlijn(earlier, server));
    anna = earlier.me();
    ASSERT_NO_FATAL_FAILURE(testing::join_team(bram, server, earlier, testing::bram_ozturk));
  }
  ASSERT_TRUE(bram.run_until([&] { return !bram.is_online(anna); }, testing::patience));
  const fs::path report = dir / "frames.txt";
  bool joined = false;
  const auto watch = [&] {
    bram.poll();
    joined = joined || bram.is_online(anna);
  };
  ASSERT_EQ(run_client({"--server", server.url(), "--config-dir", gui_config.string(),
                        "--quit-after", "4"},
                       watch, report),
            0);
  EXPECT_TRUE(joined) << "the window was online, not idle for want of a server";
  std::ifstream in(report);
  std::string word;
  int frames = -1;
  in >> word >> frames;
  ASSERT_EQ(word, "beelden:");
  std::printf("idle window: %d frames in 4 s\n", frames);
  EXPECT_GT(frames, 0);
  EXPECT_LT(frames, 120) << "the window keeps redrawing while nothing happens";
}

// What the client bench reads: jos-client --profile writes when the state showed, what the
// frames with it cost to build, and how quiet the last five seconds were.
TEST(Gui, TheProfileSaysWhenTheStateShowedAndWhatFramesCost) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  testing::scratch_dir dir("gui-profile");  // outlives the cores writing into it
  test_server server(dir / "server");
  const fs::path gui_config = dir / "gui";
  {
    client_core earlier(options_in(gui_config));
    ASSERT_NO_FATAL_FAILURE(testing::start_leerlijn(earlier, server));
  }
  const fs::path profile = dir / "window.profile";
  ASSERT_EQ(run_client({"--server", server.url(), "--config-dir", gui_config.string(),
                        "--quit-after", "8", "--profile", profile.string()},
                       [] {}),
            0);
  std::map<std::string, double> p;
  std::ifstream in(profile);
  std::string key;
  double value = 0;
  while (in >> key >> value) p[key] = value;
  for (const char* k : {"link_up_s", "shown_s", "frames", "build_us_median", "build_us_p99",
                        "build_us_max", "idle_s", "idle_frames", "idle_cpu_percent"})
    EXPECT_TRUE(p.count(k)) << k;
  EXPECT_GT(p["link_up_s"], 0);
  EXPECT_GE(p["shown_s"], p["link_up_s"]) << "shown only once connected";
  EXPECT_LT(p["shown_s"], 3) << "the state took long to show";
  EXPECT_GE(p["frames"], 1);
  EXPECT_GT(p["build_us_median"], 0);
  EXPECT_LE(p["build_us_median"], p["build_us_max"]);
  EXPECT_NEAR(p["idle_s"], 5, 0.5);
  EXPECT_LE(p["idle_frames"], 1) << "nothing happened, yet the window kept drawing";

  // Without --quit-after there is no end to profile up to: a clear error, no window.
  EXPECT_EQ(run_client({"--profile", profile.string()}, [] {}), 2);
}

// A team of four on one leerlijn, started by the coordinator from `coordinator_config` (the
// GUI's own folder, so that jos-client opens as the coordinator), with the first `meetings`
// meetings held: known ratings, an Actieplan with actions, and the second instrument.
struct scripted_team {
  std::string join_code;
  person_id anna = no_person;
  person_id bram = no_person;
  person_id zoe = no_person;
  person_id mo = no_person;
};

void hold_meeting(client_core& anna, int meeting, const std::function<void()>& during) {
  ASSERT_FALSE(anna.start_meeting(meeting));
  during();
  ASSERT_FALSE(anna.end_meeting(meeting));
  ASSERT_TRUE(anna.run_until([&] { return anna.waiting_changes() == 0; }, 15s));
}

void script_leerlijn(const test_server& server, const fs::path& dir,
                     const fs::path& coordinator_config, cooperation kind, const std::string& start,
                     int meetings, scripted_team& team) {
  client_core anna(options_in(coordinator_config));
  ASSERT_NO_FATAL_FAILURE(testing::start_leerlijn(anna, server, kind));
  team.join_code = anna.identity()->join_code;
  team.anna = anna.me();
  auto join = [&](const char* name, const protocol::profile& who, person_id& id) {
    client_core member(options_in(dir / name));
    ASSERT_NO_FATAL_FAILURE(testing::join_team(member, server, anna, who));
    id = member.me();
  };
  protocol::profile bram = testing::bram_ozturk;
  bram.function = "coördinator schooljongerenwerk";
  bram.level = staff_level::manager;
  join("bram", bram, team.bram);
  join("zoe", testing::zoe_celik, team.zoe);
  join("mo", testing::mo_haddou, team.mo);

  ASSERT_FALSE(anna.submit(op::plan_from_start{start}));
  ASSERT_FALSE(
      anna.submit(op::schedule_meeting{1, shared::planned_date(start, 1), meeting_mode::hybride}));
  ASSERT_FALSE(anna.submit(op::set_precondition{0, true}));
  ASSERT_FALSE(anna.submit(op::set_precondition{2, true}));
  const int begin[] = {1, 2, 1, 2, 3, 1, 1, 2, 2, 1};  // 16: Opbouwfase
  const int end[] = {2, 3, 2, 2, 3, 3, 2, 3, 1, 2};    // 23: Opbouwfase, one worse
  if (meetings >= 1)
    hold_meeting(anna, 0, [&] {
      for (int row = 0; row < 10; ++row)
        ASSERT_FALSE(anna.set_rating(document_id::signalering_begin, row, begin[row]));
      ASSERT_FALSE(
          anna.edit_text({false, 0, document_id::signalering_begin, 0, 0},
                         {{0, 0, "Wekelijks overleg, maar de school beslist vaak alleen."}}));
    });
  if (meetings >= 2)
    hold_meeting(anna, 1, [&] {
      ASSERT_FALSE(anna.edit_text({false, 0, document_id::actieplan, 0, 1},
                                  {{0, 0, "Samen de jaarplanning maken"}}));
      ASSERT_FALSE(anna.submit(op::add_action{0, "Jaarplanning samen opstellen", team.bram,
                                              shared::add_days(local_today(), -6)}));
      ASSERT_FALSE(
          anna.submit(op::add_action{5, "Jongerenwerk stelt zich voor in de teamvergadering",
                                     team.zoe, shared::add_days(local_today(), 9)}));
      ASSERT_FALSE(anna.submit(op::add_action{6, "Spreekuur in de aula, elke dinsdag", team.mo,
                                              shared::add_days(local_today(), -2)}));
      ASSERT_FALSE(anna.submit(op::add_action{2, "Vast overleg mentoren en jongerenwerk", team.anna,
                                              shared::add_days(local_today(), 20)}));
      ASSERT_FALSE(anna.submit(op::add_action{9, "Ruimte bij de aula inrichten", team.anna,
                                              shared::add_days(local_today(), -20)}));
      ASSERT_FALSE(anna.submit(op::set_action_status{2, action_status::bezig}));
      ASSERT_FALSE(anna.submit(op::set_action_status{5, action_status::klaar}));
    });
  if (meetings >= 3) hold_meeting(anna, 2, [] {});
  if (meetings >= 4)
    hold_meeting(anna, 3, [&] {
      for (int row = 0; row < 10; ++row)
        ASSERT_FALSE(anna.set_rating(document_id::signalering_eind, row, end[row]));
    });
  ASSERT_TRUE(anna.run_until([&] { return anna.waiting_changes() == 0; }, 15s));
}

// The comparison drawn after the final evaluation, for an existing cooperation (kept for
// the documentation) and for a newly started one, worded against the desired situation.
TEST(Gui, ComparisonAfterTheFinalEvaluation) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  for (auto kind : {cooperation::existing, cooperation::fresh}) {
    const std::string name =
        kind == cooperation::existing ? "comparison.png" : "comparison-fresh.png";
    SCOPED_TRACE(name);
    testing::scratch_dir dir("gui-comparison");  // outlives the cores writing into it
    test_server server(dir / "server");
    const fs::path gui_config = dir / "gui";
    scripted_team team;
    ASSERT_NO_FATAL_FAILURE(
        script_leerlijn(server, dir.path(), gui_config, kind, "2026-09-07", 4, team));

    const fs::path png = dir / name;
    const int status =
        run_client({"--server", server.url(), "--config-dir", gui_config.string(), "--screenshot",
                    png.string(), "--after", "joined", "--show", "comparison"},
                   [] {});
    ASSERT_EQ(status, 0);
    const picture p = inspect(png);
    EXPECT_EQ(p.width, 1280);
    EXPECT_EQ(p.height, 800);
    EXPECT_GT(p.colours, 60u);
    EXPECT_LT(p.dominant_share, 0.9);
    if (kind == cooperation::existing) keep_screenshot(png, name);
    if (const char* keep = std::getenv("JOS_SCREENSHOT_ALL"))
      fs::copy_file(png, fs::path(keep) / name, fs::copy_options::overwrite_existing);
  }
}

TEST(Gui, OverviewBetweenMeetingsShowsTheOpenActions) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  testing::scratch_dir dir("gui-overview-actions");  // outlives the cores writing into it
  test_server server(dir / "server");
  const fs::path gui_config = dir / "gui";
  scripted_team team;
  // Started three weeks ago: meetings 1 and 2 are held, the terugkombijeenkomst is next.
  ASSERT_NO_FATAL_FAILURE(script_leerlijn(server, dir.path(), gui_config, cooperation::existing,
                                          shared::add_days(local_today(), -21), 2, team));

  const fs::path png = dir / "overview.png";
  const int status = run_client({"--server", server.url(), "--config-dir", gui_config.string(),
                                 "--screenshot", png.string(), "--after", "joined"},
                                [] {});
  ASSERT_EQ(status, 0);
  const picture p = inspect(png);
  EXPECT_GT(p.colours, 60u);
  EXPECT_LT(p.dominant_share, 0.9);
  keep_screenshot(png, "overview.png");
}

// The coordinator's screens along the leerlijn, each in a real window: the preparation
// before the first meeting, the agreement on the next date at the afsluiting, the Actieplan
// beside the Signaleringsinstrument, and the Evaluatielijst beside the Actieplan.
TEST(Gui, CoordinatorScreensAlongTheLeerlijn) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  struct step {
    int held;          // meetings held before
    int meeting;       // then started (-1: none)
    int item;          // at this agenda item
    const char* name;  // of the screenshot
  };
  const step steps[] = {{0, -1, 0, "preparation.png"},
                        {0, 0, 5, "meeting-afsluiting.png"},
                        {1, 1, 4, "meeting-actieplan.png"},
                        {2, 2, 4, "meeting-evaluatielijst.png"}};
  for (const auto& s : steps) {
    SCOPED_TRACE(s.name);
    testing::scratch_dir dir("gui-screens");  // outlives the cores writing into it
    test_server server(dir / "server");
    const fs::path gui_config = dir / "gui";
    scripted_team team;
    ASSERT_NO_FATAL_FAILURE(script_leerlijn(server, dir.path(), gui_config, cooperation::fresh,
                                            shared::add_days(local_today(), s.held == 0 ? 6 : -40),
                                            s.held, team));
    if (s.meeting >= 0) {
      client_core anna(options_in(gui_config));
      anna.use_server(server.url());
      ASSERT_TRUE(anna.run_until([&] { return anna.live(); }, 15s));
      ASSERT_FALSE(anna.start_meeting(s.meeting));
      ASSERT_FALSE(anna.goto_agenda_item(s.meeting, s.item));
      ASSERT_TRUE(anna.run_until([&] { return anna.waiting_changes() == 0; }, 15s));
    }
    const fs::path png = dir / s.name;
    ASSERT_EQ(run_client({"--server", server.url(), "--config-dir", gui_config.string(),
                          "--screenshot", png.string(), "--after", "joined"},
                         [] {}),
              0);
    const picture p = inspect(png);
    EXPECT_GT(p.colours, 60u);
    EXPECT_LT(p.dominant_share, 0.9);
    if (const char* keep = std::getenv("JOS_SCREENSHOT_ALL"))
      fs::copy_file(png, fs::path(keep) / s.name, fs::copy_options::overwrite_existing);
  }
}

TEST(Gui, CoordinatorSeesTheOverviewWithTheCodesToShare) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  testing::scratch_dir dir("gui-overview");  // outlives the cores writing into it
  test_server server(dir / "server");
  const fs::path gui_config = dir / "gui";
  std::string join_code;
  {
    // The coordinator started the leerlijn on this computer earlier and planned it.
    client_core earlier(options_in(gui_config));
    ASSERT_NO_FATAL_FAILURE(testing::start_leerlijn(earlier, server, cooperation::fresh));
    join_code = earlier.identity()->join_code;
    ASSERT_FALSE(earlier.submit(op::schedule_meeting{0, "2026-09-07", meeting_mode::hybride}));
    ASSERT_FALSE(earlier.submit(op::plan_from_start{"2026-09-07"}));
    ASSERT_FALSE(earlier.submit(op::set_precondition{0, true}));
    ASSERT_FALSE(earlier.submit(op::set_precondition{2, true}));
    ASSERT_TRUE(earlier.run_until([&] { return earlier.waiting_changes() == 0; }, 15s));
  }
  client_core bram(options_in(dir / "bram"));
  ASSERT_NO_FATAL_FAILURE(testing::join_team(bram, server, join_code, testing::bram_ozturk));

  const fs::path png = dir / "overview.png";
  const int status = run_client({"--server", server.url(), "--config-dir", gui_config.string(),
                                 "--screenshot", png.string(), "--after", "joined"},
                                [&] { bram.poll(); });
  ASSERT_EQ(status, 0);
  const picture p = inspect(png);
  EXPECT_GT(p.colours, 60u);
  EXPECT_LT(p.dominant_share, 0.9);
}

TEST(Gui, ShowsAVoteInProgressAndThenItsDistribution) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  testing::scratch_dir dir("gui-vote");  // outlives the cores writing into it
  test_server server(dir / "server");

  client_core anna(options_in(dir / "anna"));
  ASSERT_NO_FATAL_FAILURE(testing::start_leerlijn(anna, server));
  client_core bram(options_in(dir / "bram"));
  ASSERT_NO_FATAL_FAILURE(testing::join_team(bram, server, anna, testing::bram_ozturk));
  const fs::path gui_config = dir / "gui";
  person_id zoe = no_person;
  ASSERT_NO_FATAL_FAILURE(join_as_the_gui(gui_config, server, anna, zoe));
  auto settled = [&] {
    anna.poll();
    bram.poll();
    return anna.live() && bram.live() && anna.waiting_changes() == 0 &&
           bram.waiting_changes() == 0 && bram.seq() == anna.seq();
  };

  // Meeting 1 at the Signaleringsinstrument; a vote on the third onderdeel, Bram voted.
  ASSERT_FALSE(anna.start_meeting(0));
  ASSERT_FALSE(anna.goto_agenda_item(0, 4));
  ASSERT_FALSE(anna.assign_role(0, meeting_role::invuller, anna.me()));
  const int ratings[] = {3, 2, 0, 3, 1, 2, 0, 0, 0, 0};
  for (int row = 0; row < 10; ++row)
    if (ratings[row] != 0) {
      ASSERT_FALSE(anna.set_rating(document_id::signalering_begin, row, ratings[row]));
    }
  ASSERT_FALSE(anna.submit(op::open_vote{0, document_id::signalering_begin, 2, false}));
  ASSERT_TRUE(anna.run_until(settled, 15s));
  ASSERT_FALSE(bram.submit(op::cast_vote{0, 3}));
  ASSERT_FALSE(
      bram.submit(op::add_reaction{0, 2, "Op onze school klopt dit nog niet helemaal.", 0}));
  ASSERT_FALSE(anna.submit(op::add_reaction{0, -1, "Welkom allemaal, we beginnen zo.", 0}));
  // Anna types in the first cell: the GUI shows her name on it.
  const op::text_target first{false, 0, document_id::signalering_begin, 0, 0};
  ASSERT_FALSE(
      anna.edit_text(first, {{0, 0, "Wekelijks overleg tussen mentor en jongerenwerker."}}));
  anna.set_focus(first);
  ASSERT_TRUE(anna.run_until(settled, 15s));
  EXPECT_EQ(anna.state().meetings[0].session.vote.ballots.size(), 1u);

  const fs::path open_png = dir / "vote-open.png";
  ASSERT_EQ(run_client({"--server", server.url(), "--config-dir", gui_config.string(),
                        "--screenshot", open_png.string(), "--after", "joined"},
                       [&] { settled(); }),
            0);
  const picture open = inspect(open_png);
  EXPECT_GT(open.colours, 60u);
  EXPECT_LT(open.dominant_share, 0.9);
  keep_screenshot(open_png, "vote-open.png");

  // Anna votes too: everyone online has voted, so the server shows the ballots by itself.
  ASSERT_TRUE(anna.run_until([&] { return anna.online().size() == 2; }, 15s));
  ASSERT_FALSE(anna.submit(op::cast_vote{0, 1}));
  ASSERT_TRUE(anna.run_until(
      [&] { return settled() && anna.state().meetings[0].session.vote.revealed; }, 15s));
  const auto& vote = anna.state().meetings[0].session.vote;
  EXPECT_EQ(vote.ballots, (std::map<person_id, int>{{anna.me(), 1}, {bram.me(), 3}}));

  const fs::path revealed_png = dir / "vote-revealed.png";
  ASSERT_EQ(run_client({"--server", server.url(), "--config-dir", gui_config.string(),
                        "--screenshot", revealed_png.string(), "--after", "joined"},
                       [&] { settled(); }),
            0);
  const picture revealed = inspect(revealed_png);
  EXPECT_GT(revealed.colours, 60u);
  EXPECT_LT(revealed.dominant_share, 0.9);
  keep_screenshot(revealed_png, "vote-revealed.png");
}

}  // namespace
}  // namespace jos::client
