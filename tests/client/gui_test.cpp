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
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "client/core/client_core.hpp"
#include "client/core/files.hpp"
#include "client/core/journal.hpp"
#include "client/core/settings.hpp"
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

bool have_xvfb() { return std::system("command -v xvfb-run >/dev/null 2>&1") == 0; }
bool have_xdotool() {
  return std::system("command -v Xvfb >/dev/null 2>&1 && command -v xdotool >/dev/null 2>&1") == 0;
}
bool have_xrdb() {
  return std::system("command -v Xvfb >/dev/null 2>&1 && command -v xrdb >/dev/null 2>&1") == 0;
}

// An X display of our own (Xvfb picks a free number), for tests that send real keyboard and
// mouse events to the window with xdotool, or that need a high-DPI screen: `dpi` is what
// the desktop would announce in Xft.dpi (192 for 200 %).
class x_display {
 public:
  x_display(int width, int height, int dpi = 96) {
    int fds[2];
    if (pipe(fds) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      close(fds[0]);
      const std::string fd = std::to_string(fds[1]);
      const std::string screen = std::to_string(width) + "x" + std::to_string(height) + "x24";
      // -noreset: the resources set below must outlive the xrdb client that sets them.
      execlp("Xvfb", "Xvfb", "-displayfd", fd.c_str(), "-screen", "0", screen.c_str(), "-nolisten",
             "tcp", "-noreset", static_cast<char*>(nullptr));
      _exit(127);
    }
    close(fds[1]);
    // Xvfb writes the number it found, then a newline, once it listens.
    std::string number;
    char c = 0;
    while (read(fds[0], &c, 1) == 1 && c != '\n') number.push_back(c);
    close(fds[0]);
    if (!number.empty()) name_ = ":" + number;
    if (dpi != 96 && !name_.empty()) {
      const std::string command = "echo 'Xft.dpi: " + std::to_string(dpi) + "' | DISPLAY=" + name_ +
                                  " xrdb -nocpp -merge -";
      if (std::system(command.c_str()) != 0) name_.clear();
    }
  }
  ~x_display() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  x_display(const x_display&) = delete;
  x_display& operator=(const x_display&) = delete;
  const std::string& name() const { return name_; }
  // Runs xdotool with `args` on this display; true when it succeeded.
  bool xdotool(const std::string& args) const {
    return std::system(("DISPLAY=" + name_ + " xdotool " + args).c_str()) == 0;
  }
  // Gives jos-client's window the keyboard (without a window manager, a window closed
  // earlier may have left the focus nowhere).
  bool focus_the_window() const {
    return xdotool("search --name Jongerenwerk windowfocus --sync >/dev/null 2>&1");
  }

 private:
  pid_t pid_ = -1;
  std::string name_;
};

// jos-client on `display`, in the background until stop().
class gui_process {
 public:
  gui_process(const x_display& display, const std::vector<std::string>& args) {
    pid_ = fork();
    if (pid_ == 0) {
      setenv("DISPLAY", display.name().c_str(), 1);
      std::vector<char*> argv{const_cast<char*>(JOS_CLIENT_EXE)};
      for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      execv(JOS_CLIENT_EXE, argv.data());
      _exit(127);
    }
  }
  ~gui_process() { stop(); }
  gui_process(const gui_process&) = delete;
  gui_process& operator=(const gui_process&) = delete;
  bool running() const { return pid_ > 0 && waitpid(pid_, nullptr, WNOHANG) == 0; }
  // Waits for the client to end by itself (a screenshot run); its exit status, or -1.
  int wait(std::chrono::seconds patience) {
    const auto deadline = std::chrono::steady_clock::now() + patience;
    int status = 0;
    while (waitpid(pid_, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > deadline) return -1;
      std::this_thread::sleep_for(20ms);
    }
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  // Holds the window still, as a busy machine does; what happens meanwhile (clicks, typing)
  // it reads in one go when it runs again.
  void pause() const {
    if (pid_ > 0) kill(pid_, SIGSTOP);
  }
  void resume() const {
    if (pid_ > 0) kill(pid_, SIGCONT);
  }
  void stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGCONT);
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

 private:
  pid_t pid_ = -1;
};

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

// What jos-client --marks wrote: per named part its rectangle (left, top, right, bottom in
// window pixels), the rectangle it was clipped to and whether that scrolls; and the text
// that did not fit, on lines of its own starting with "!".
struct marked {
  std::array<float, 4> rect{};
  std::array<float, 4> clip{};
  bool scrolls = false;
};
struct layout {
  std::map<std::string, marked> parts;
  std::vector<std::string> problems;
};

layout read_layout(const fs::path& file) {
  layout out;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("! ", 0) == 0) {
      out.problems.push_back(line.substr(2));
      continue;
    }
    std::istringstream words(line);
    std::string name;
    marked m;
    int scrolls = 0;
    if (!(words >> name >> m.rect[0] >> m.rect[1] >> m.rect[2] >> m.rect[3])) continue;
    if (words >> m.clip[0] >> m.clip[1] >> m.clip[2] >> m.clip[3] >> scrolls) {
      m.scrolls = scrolls != 0;
    } else {
      m.clip = m.rect;
    }
    out.parts[name] = m;
  }
  return out;
}

std::map<std::string, std::array<float, 4>> read_marks(const fs::path& file) {
  std::map<std::string, std::array<float, 4>> out;
  for (const auto& [name, m] : read_layout(file).parts) out[name] = m.rect;
  return out;
}

// Runs jos-client under xvfb-run in the background while `tick` keeps the headless side
// busy; returns the exit status.
// `home`: the client's HOME (where it saves documents), if not the user's.
int run_client(const std::vector<std::string>& args, const std::function<void()>& tick,
               const fs::path& output = {}, const std::string& screen = "1280x800",
               const fs::path& home = {}) {
  std::string command = "xvfb-run -a -s \"-screen 0 " + screen + "x24\" " JOS_CLIENT_EXE;
  for (const auto& a : args) command += " '" + a + "'";
  if (!output.empty()) command += " > '" + output.string() + "'";
  const pid_t child = fork();
  if (child == 0) {
    if (!home.empty()) setenv("HOME", home.c_str(), 1);
    execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + 120s;
  int status = 0;
  for (;;) {
    const pid_t done = waitpid(child, &status, WNOHANG);
    if (done == child) break;
    if (std::chrono::steady_clock::now() > deadline) {
      kill(child, SIGKILL);
      waitpid(child, &status, 0);
      return -1;
    }
    tick();
    std::this_thread::sleep_for(20ms);
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
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

// jos-client with `args`, no window needed: its exit status and what it wrote (both streams).
std::pair<int, std::string> run_command_line(const std::string& args) {
  const std::string command = std::string(JOS_CLIENT_EXE) + " " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return {-1, "popen failed"};
  std::string out;
  std::array<char, 4096> buffer{};
  for (std::size_t n = 0; (n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0;)
    out.append(buffer.data(), n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

// The command line (CLI11): --help names every option in Dutch; a wrong one gets a clear
// Dutch error and exit status 2, before any window opens.
TEST(Gui, TheCommandLineNamesEveryOptionAndRefusesWrongOnes) {
  const auto [status, help] = run_command_line("--help");
  EXPECT_EQ(status, 0) << help;
  for (const char* option : {"--server", "--config-dir", "--trust-cert", "--screenshot", "--frames",
                             "--after", "--marks", "--quit-after", "--profile", "--size", "--show",
                             "--click", "--until", "--present", "--help"})
    EXPECT_NE(help.find(option), std::string::npos) << option << " not in:\n" << help;
  EXPECT_NE(help.find("Gebruik"), std::string::npos) << help;
  EXPECT_NE(help.find("venstergrootte"), std::string::npos) << help;

  for (const auto& [args, says] : std::vector<std::pair<std::string, std::string>>{
           {"--bestaat-niet", "Onbekende optie: --bestaat-niet"},
           {"--frames", "--frames verwacht een waarde"},
           {"--frames veel", "--frames verwacht een getal"},
           {"--size 10x10", "--size verwacht bijvoorbeeld 1280x800"},
           {"--show alles", "--show kent overview, documents en comparison"},
           {"--after later", "--after kent ‘joined’ en ‘text:TEKST’"},
           {"--quit-after nooit", "--quit-after verwacht een aantal seconden"},
           {"--profile p.json", "--profile vraagt ook --quit-after"},
           {"--click export/save", "--click en --until vragen ook --screenshot"}}) {
    const auto [code, out] = run_command_line(args);
    EXPECT_EQ(code, 2) << args << ": " << out;
    EXPECT_NE(out.find(says), std::string::npos) << args << ": " << out;
  }
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
  if (!have_xdotool()) GTEST_SKIP() << "Xvfb or xdotool is not installed";
  if (std::system("command -v xclip >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "xclip is not installed";
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

  x_display display(1280, 800);
  ASSERT_FALSE(display.name().empty()) << "Xvfb did not start";
  const fs::path marks = dir / "live.marks";
  gui_process gui(display, {"--server", server.url(), "--config-dir", gui_config.string(),
                            "--marks", marks.string()});
  std::array<float, 4> box{};
  ASSERT_TRUE(anna.run_until(
      [&] {
        const auto all = read_marks(marks);
        const auto it = all.find("minutes/0/0");
        if (it == all.end() || !anna.is_online(zoe)) return false;
        box = it->second;
        return true;
      },
      60s))
      << "the window did not come online with the minutes: online " << anna.is_online(zoe)
      << ", marks " << [&] {
           std::string names;
           for (const auto& [name, r] : read_marks(marks)) names += name + " ";
           return names;
         }();

  // What was said at the first agenda item, filled to its limit of 20 000 characters with
  // three-byte ones: 60 000 bytes, more than one op may carry (32 KiB), so several ops.
  std::string paste;
  for (std::size_t i = 0; i < max_item_notes_length; ++i) paste += "€";
  const fs::path paste_file = dir / "paste.txt";
  std::ofstream(paste_file) << paste;
  // xclip stays in the background, holding the clipboard of this display.
  ASSERT_EQ(std::system(("DISPLAY=" + display.name() + " xclip -selection clipboard -i '" +
                         paste_file.string() + "'")
                            .c_str()),
            0);
  // Clicks into the minutes until the others see Zoë typing there (the window may still be
  // drawing its first frames), then Ctrl+V, held for a moment: Dear ImGui 1.86 reads which
  // keys are down at each frame, and misses a key pressed and released between two.
  const op::text_target minutes_target = op::minutes_target(0, 0);
  const std::string click =
      "mousemove " + std::to_string(static_cast<int>((box[0] + box[2]) / 2)) + " " +
      std::to_string(static_cast<int>(box[1] + std::min(20.0f, (box[3] - box[1]) / 2))) +
      " click 1";
  bool typing = false;
  for (int attempt = 0; attempt < 10 && !typing; ++attempt) {
    ASSERT_TRUE(display.xdotool(click));
    typing = anna.run_until(
        [&] {
          const auto editors = anna.editing(minutes_target);
          return std::find(editors.begin(), editors.end(), zoe) != editors.end();
        },
        2s);
  }
  ASSERT_TRUE(typing) << "the click never opened the minutes at " << box[0] << "," << box[1] << "–"
                      << box[2] << "," << box[3];
  // On a loaded machine (or under ASan) one frame can outlast the held keys, and the paste is
  // missed; pressing again is harmless, as a second paste finds the notes at their limit.
  auto minutes = [&] { return anna.state().meetings[0].session.items[0].notes; };
  bool pasting = false;
  for (int attempt = 0; attempt < 5 && !pasting; ++attempt) {
    ASSERT_TRUE(display.xdotool("keydown ctrl+v sleep 1 keyup ctrl+v"));
    pasting = anna.run_until([&] { return !minutes().empty(); }, 20s);
  }
  EXPECT_TRUE(anna.run_until([&] { return minutes().size() >= paste.size(); }, 120s))
      << "the paste did not arrive in time";
  ASSERT_TRUE(gui.running()) << "the window closed";
  EXPECT_EQ(code_points(minutes()), max_item_notes_length);
  EXPECT_TRUE(minutes() == paste) << "not the paste, or not all of it";
  EXPECT_TRUE(
      server.read_state(anna.identity()->trajectory_id).state.meetings[0].session.items[0].notes ==
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

// A tap on a touch screen (or a quick hand on a busy machine) moves the pointer and presses
// at once: the window finds both in one batch. Dear ImGui 1.86 takes a tab only for a press
// on what a frame already saw under the pointer, so the press waits a frame. Here the start
// screen's tabs, with a field typed into in between, as a teacher starting a leerlijn does.
TEST(Gui, ATabTakesAPressThatCameWithTheMove) {
  if (!have_xdotool()) GTEST_SKIP() << "Xvfb or xdotool is not installed";
  testing::scratch_dir dir("gui-tap");
  x_display display(1280, 800);
  ASSERT_FALSE(display.name().empty()) << "Xvfb did not start";
  const fs::path marks = dir / "start.marks";
  gui_process gui(display, {"--server", "ws://127.0.0.1:9", "--config-dir", (dir / "gui").string(),
                            "--marks", marks.string()});
  auto mark = [&](const std::string& name, std::chrono::seconds patience = 20s) {
    std::optional<std::array<float, 4>> found;
    const auto deadline = std::chrono::steady_clock::now() + patience;
    while (!found && std::chrono::steady_clock::now() < deadline) {
      const auto all = read_marks(marks);
      if (const auto it = all.find(name); it != all.end())
        found = it->second;
      else
        std::this_thread::sleep_for(20ms);
    }
    return found;
  };
  // Moved and pressed in one batch: the window is held still while both happen.
  auto tap = [&](const std::string& name) {
    const auto r = mark(name);
    if (!r) return false;
    const int x = static_cast<int>(((*r)[0] + (*r)[2]) / 2);
    const int y = static_cast<int>(((*r)[1] + (*r)[3]) / 2);
    std::this_thread::sleep_for(400ms);  // the window at rest, as between two taps
    gui.pause();
    const bool sent =
        display.xdotool("mousemove " + std::to_string(x) + " " + std::to_string(y) + " click 1");
    gui.resume();
    return sent;
  };
  ASSERT_TRUE(mark("start/tab-new"));
  ASSERT_TRUE(display.focus_the_window());  // as a window manager gives a new window
  // The pointer enters the window first (Xvfb's first move while the window is held still
  // left the pointer at 0,0 one time in three).
  ASSERT_TRUE(display.xdotool("mousemove 5 5"));
  std::this_thread::sleep_for(300ms);
  for (int round = 0; round < 3; ++round) {
    ASSERT_TRUE(tap("start/tab-new")) << round;
    ASSERT_TRUE(mark("start/school", 5s)) << "round " << round << ": not on the new leerlijn";
    ASSERT_TRUE(tap("start/name")) << round;
    ASSERT_TRUE(display.xdotool("type --delay 20 'Anouk'"));
    ASSERT_TRUE(tap("start/tab-join")) << round;
    ASSERT_TRUE(mark("start/code", 5s)) << "round " << round << ": not back on joining";
  }
}

// The test of lost keystrokes, with real X events: the invuller clicks into a cell of
// the Signaleringsinstrument and types 40 characters 20 ms apart, 50 times over, each time
// after the window had gone idle; every character arrives, in order, at the server. Every
// other pair of rounds the window is held still while the click and the first letters come,
// as on a loaded machine: it then finds them in one batch of events, and the letters still
// go to the cell clicked, not to the one the click left.
TEST(Gui, EveryCharacterTypedRightAfterAClickArrives) {
  if (!have_xdotool()) GTEST_SKIP() << "Xvfb or xdotool is not installed";
  testing::scratch_dir dir("gui-typing");  // outlives the cores writing into it
  test_server server(dir / "server");
  client_core anna(options_in(dir / "anna"));
  ASSERT_NO_FATAL_FAILURE(testing::start_leerlijn(anna, server));
  const fs::path gui_config = dir / "gui";
  person_id zoe = no_person;
  ASSERT_NO_FATAL_FAILURE(join_as_the_gui(gui_config, server, anna, zoe));
  ASSERT_FALSE(anna.start_meeting(0));
  ASSERT_FALSE(anna.goto_agenda_item(0, 4));
  ASSERT_FALSE(anna.assign_role(0, meeting_role::invuller, zoe));
  ASSERT_NO_FATAL_FAILURE(testing::settle(anna));

  x_display display(1280, 800);
  ASSERT_FALSE(display.name().empty()) << "Xvfb did not start";
  const fs::path marks = dir / "live.marks";
  gui_process gui(display, {"--server", server.url(), "--config-dir", gui_config.string(),
                            "--marks", marks.string()});
  const std::array<op::text_target, 2> cells{
      op::text_target{false, 0, document_id::signalering_begin, 0, 0},
      op::text_target{false, 0, document_id::signalering_begin, 1, 0}};
  auto where = [&](const op::text_target& t) -> std::optional<std::array<float, 4>> {
    const auto all = read_marks(marks);
    const auto it = all.find("text/0/" + std::to_string(t.row) + "/0");
    if (it == all.end()) return std::nullopt;
    return it->second;
  };
  ASSERT_TRUE(anna.run_until([&] { return where(cells[0]) && where(cells[1]); }, 60s))
      << "the window did not show the instrument";

  const int rounds = 50;
  std::mt19937 random(13);
  const std::string letters = "abcdefghijklmnopqrstuvwxyz0123456789 ";
  int intact = 0;
  for (int round = 0; round < rounds; ++round) {
    const op::text_target& cell = cells[static_cast<std::size_t>(round % 2)];
    // The cell starts empty (the other one may still be open in the window).
    const std::string before = *replica::text_at(anna.state(), cell);
    if (!before.empty()) {
      ASSERT_FALSE(anna.edit_text(cell, {{0, shared::code_points(before), ""}}));
      ASSERT_NO_FATAL_FAILURE(testing::settle(anna));
    }
    // Left alone long enough for the window to sleep (it stays lively 0.25 s after input).
    anna.run_until([] { return false; }, 600ms);
    std::string typed = "r" + std::to_string(round) + " ";
    while (typed.size() < 40) typed.push_back(letters[random() % letters.size()]);
    if (typed.back() == ' ') typed.back() = 'z';
    const op::text_target& other = cells[static_cast<std::size_t>((round + 1) % 2)];
    const std::string other_before = *replica::text_at(anna.state(), other);
    const auto r = where(cell);
    ASSERT_TRUE(r.has_value());
    const int x = static_cast<int>((*r)[0]) + 12;
    const int y = static_cast<int>((*r)[1]) + 12;
    const std::string click =
        "mousemove " + std::to_string(x) + " " + std::to_string(y) + " click 1 type --delay 20 ";
    if (round % 4 >= 2) {
      gui.pause();
      const bool sent = display.xdotool(click + "'" + typed.substr(0, 5) + "'");
      gui.resume();
      ASSERT_TRUE(sent);
      ASSERT_TRUE(display.xdotool("type --delay 20 '" + typed.substr(5) + "'"));
    } else {
      ASSERT_TRUE(display.xdotool(click + "'" + typed + "'"));
    }
    const bool arrived =
        anna.run_until([&] { return *replica::text_at(anna.state(), cell) == typed; }, 10s);
    EXPECT_TRUE(arrived) << "round " << round << ": typed ‘" << typed << "’, arrived ‘"
                         << *replica::text_at(anna.state(), cell) << "’";
    EXPECT_EQ(*replica::text_at(anna.state(), other), other_before) << "round " << round;
    intact += arrived ? 1 : 0;
    ASSERT_TRUE(gui.running()) << "the window closed";
  }
  EXPECT_EQ(intact, rounds);
}

// Ctrl + makes the text larger a step at a time and the choice is remembered: the app opens
// at that size next time; Ctrl 0 goes back to 100 %.
TEST(Gui, TheTextSizeFollowsCtrlPlusAndIsRemembered) {
  if (!have_xdotool()) GTEST_SKIP() << "Xvfb or xdotool is not installed";
  testing::scratch_dir dir("gui-zoom");
  x_display display(1280, 800);
  ASSERT_FALSE(display.name().empty()) << "Xvfb did not start";
  const fs::path marks = dir / "live.marks";
  const std::vector<std::string> args{"--config-dir", (dir / "gui").string(), "--marks",
                                      marks.string()};
  // The height of the name field: it grows with the text.
  auto field_height = [&]() -> float {
    const auto all = read_marks(marks);
    const auto it = all.find("start/name");
    return it == all.end() ? 0.0f : it->second[3] - it->second[1];
  };
  auto settles_at = [&](float wanted) {
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (std::chrono::steady_clock::now() < deadline) {
      // Fonts come in whole pixels: within 5 %.
      if (std::abs(field_height() - wanted) < wanted * 0.05f) return true;
      std::this_thread::sleep_for(50ms);
    }
    return false;
  };
  float normal = 0;
  {
    gui_process gui(display, args);
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while ((normal = field_height()) == 0 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(50ms);
    ASSERT_GT(normal, 0) << "the start screen did not show";
    ASSERT_TRUE(display.focus_the_window());
    ASSERT_TRUE(display.xdotool("key ctrl+equal"));
    ASSERT_TRUE(settles_at(normal * 1.1f)) << field_height() << " after one step of " << normal;
    ASSERT_TRUE(display.xdotool("key ctrl+equal"));
    ASSERT_TRUE(settles_at(normal * 1.25f)) << field_height();
  }
  std::string error;
  EXPECT_EQ(load_settings(dir / "gui", error).zoom_percent, 125);
  {
    fs::remove(marks);
    gui_process gui(display, args);
    EXPECT_TRUE(settles_at(normal * 1.25f)) << "opened again at " << field_height();
    ASSERT_TRUE(display.focus_the_window());
    ASSERT_TRUE(display.xdotool("key ctrl+0"));
    EXPECT_TRUE(settles_at(normal)) << field_height();
    ASSERT_TRUE(display.xdotool("key ctrl+minus"));
    EXPECT_TRUE(settles_at(normal * 0.9f)) << field_height();
  }
}

// On a high-DPI screen (Xft.dpi 192, what a desktop sets for 200 %) the window opens with
// twice the pixels and everything in it twice as large: the same layout, sharper.
TEST(Gui, AHighDpiScreenScalesTheWholeWindow) {
  if (!have_xrdb()) GTEST_SKIP() << "Xvfb or xrdb is not installed";
  testing::scratch_dir dir("gui-dpi");
  std::map<std::string, std::array<float, 4>> at[2];
  for (int i = 0; i < 2; ++i) {
    x_display display(2600, 1700, i == 0 ? 96 : 192);
    ASSERT_FALSE(display.name().empty()) << "Xvfb did not start";
    const fs::path png = dir / ("dpi" + std::to_string(i) + ".png");
    const fs::path marks = dir / ("dpi" + std::to_string(i) + ".marks");
    gui_process gui(display, {"--config-dir", (dir / "gui").string(), "--size", "1280x800",
                              "--screenshot", png.string(), "--marks", marks.string()});
    ASSERT_EQ(gui.wait(60s), 0);
    const picture p = inspect(png);
    EXPECT_EQ(p.width, 1280 * (i + 1));
    EXPECT_EQ(p.height, 800 * (i + 1));
    at[i] = read_marks(marks);
  }
  ASSERT_FALSE(at[0].empty());
  for (const auto& [name, r] : at[0]) {
    ASSERT_TRUE(at[1].contains(name)) << name;
    // Text is measured in whole pixels at each size: within 1 % and a few pixels.
    for (int k = 0; k < 4; ++k)
      EXPECT_NEAR(at[1][name][k], 2 * r[k], 3.0f + 0.01f * r[k]) << name << " " << k;
  }
}

// ---- Every main screen at every size, from a 1024x640 laptop to a 1920x1080 projector ----

// One of the main screens, reached by a scripted team: `held` meetings held, then
// `meeting` started at agenda item `item` (-1: none), a vote open there when `vote`.
struct main_screen {
  const char* name;
  int held = 0;
  int meeting = -1;
  int item = 0;
  bool vote = false;
  std::vector<std::string> args;   // more options for jos-client
  std::vector<std::string> shown;  // named parts that must be there at every size ("x/*": any)
  cooperation kind = cooperation::existing;
  // More the team did before the screen is drawn (the core is the coordinator's).
  std::function<void(client_core&, const scripted_team&)> prepare = {};
  // Named parts that must be in sight as drawn, also in a window that scrolls (what a click
  // opened, or a warning at the top).
  std::vector<std::string> in_sight = {};
};

bool has_part(const layout& l, const std::string& name) {
  if (name.empty() || name.back() != '*') return l.parts.contains(name);
  const std::string prefix = name.substr(0, name.size() - 1);
  const auto it = l.parts.lower_bound(prefix);
  return it != l.parts.end() && it->first.starts_with(prefix);
}

// Every named part lies fully inside the window and inside what holds it (vertically only
// where that does not scroll: below the fold of a scrolling list is reachable), and no text
// was broken inside a word or cut off.
void expect_fits(const layout& l, float width, float height, const std::string& what) {
  const float slack = 1.0f;
  EXPECT_GT(l.parts.size(), 5u) << what << ": hardly anything was marked";
  for (const auto& [name, m] : l.parts) {
    const auto& r = m.rect;
    const auto& c = m.clip;
    EXPECT_TRUE(r[0] >= c[0] - slack && r[2] <= c[2] + slack)
        << what << ": " << name << " sticks out sideways (" << r[0] << "–" << r[2] << " in " << c[0]
        << "–" << c[2] << ")";
    EXPECT_TRUE(r[0] >= -slack && r[2] <= width + slack) << what << ": " << name << " off screen";
    if (m.scrolls) continue;
    EXPECT_TRUE(r[1] >= c[1] - slack && r[3] <= c[3] + slack)
        << what << ": " << name << " cut off at the top or bottom (" << r[1] << "–" << r[3]
        << " in " << c[1] << "–" << c[3] << ")";
    EXPECT_TRUE(r[1] >= -slack && r[3] <= height + slack) << what << ": " << name << " off screen";
  }
  for (const auto& p : l.problems) ADD_FAILURE() << what << ": " << p;
}

void check_at_every_size(const main_screen& s) {
  const std::pair<int, int> sizes[] = {{1024, 640}, {1280, 800}, {1366, 768}, {1920, 1080}};
  testing::scratch_dir dir(std::string("gui-sizes-") + s.name);  // outlives the cores
  test_server server(dir / "server");
  const fs::path gui_config = dir / "gui";
  const bool start_screen = s.held < 0;
  if (!start_screen) {
    scripted_team team;
    ASSERT_NO_FATAL_FAILURE(script_leerlijn(server, dir.path(), gui_config, s.kind,
                                            shared::add_days(local_today(), -40), s.held, team));
    if (s.meeting >= 0 || s.prepare) {
      client_core anna(options_in(gui_config));
      anna.use_server(server.url());
      ASSERT_TRUE(anna.run_until([&] { return anna.live(); }, 15s));
      if (s.prepare) {
        ASSERT_NO_FATAL_FAILURE(s.prepare(anna, team));
      }
    }
    if (s.meeting >= 0) {
      client_core anna(options_in(gui_config));
      anna.use_server(server.url());
      ASSERT_TRUE(anna.run_until([&] { return anna.live(); }, 15s));
      ASSERT_FALSE(anna.start_meeting(s.meeting));
      ASSERT_FALSE(anna.goto_agenda_item(s.meeting, s.item));
      ASSERT_FALSE(anna.assign_role(s.meeting, meeting_role::invuller, anna.me()));
      ASSERT_FALSE(anna.assign_role(s.meeting, meeting_role::notulist, team.zoe));
      if (s.vote) {
        for (int row = 0; row < 4; ++row)
          ASSERT_FALSE(anna.set_rating(document_id::signalering_begin, row, 1 + row % 3));
        ASSERT_FALSE(
            anna.submit(op::open_vote{s.meeting, document_id::signalering_begin, 4, false}));
      }
      ASSERT_TRUE(anna.run_until([&] { return anna.waiting_changes() == 0; }, 15s));
    }
  }
  for (const auto& [w, h] : sizes) {
    const std::string size = std::to_string(w) + "x" + std::to_string(h);
    const std::string what = std::string(s.name) + " at " + size;
    SCOPED_TRACE(what);
    const fs::path png = dir / (std::string(s.name) + "-" + size + ".png");
    const fs::path marks = dir / (std::string(s.name) + "-" + size + ".marks");
    std::vector<std::string> args{"--config-dir", gui_config.string(), "--size",  size,
                                  "--screenshot", png.string(),        "--marks", marks.string()};
    if (start_screen) {
      args.insert(args.end(), {"--server", "ws://127.0.0.1:9", "--frames", "5"});
    } else {
      args.insert(args.end(), {"--server", server.url(), "--after", "joined"});
    }
    args.insert(args.end(), s.args.begin(), s.args.end());
    // Documents saved by a click go into the scratch folder, not the user's home.
    fs::create_directories(dir / "home");
    ASSERT_EQ(run_client(
                  args, [] {}, {}, "1920x1080", dir / "home"),
              0);
    const picture p = inspect(png);
    EXPECT_EQ(p.width, w);
    EXPECT_EQ(p.height, h);
    EXPECT_GT(p.colours, 30u) << "not a blank frame";
    const layout drawn = read_layout(marks);
    expect_fits(drawn, static_cast<float>(w), static_cast<float>(h), what);
    for (const auto& name : s.shown) EXPECT_TRUE(has_part(drawn, name)) << what << ": " << name;
    for (const auto& name : s.in_sight) {
      const auto part = drawn.parts.find(name);
      if (part == drawn.parts.end()) {
        ADD_FAILURE() << what << ": " << name << " not drawn";
        continue;
      }
      const auto& [r, c, scrolls] = part->second;
      EXPECT_TRUE(r[1] >= c[1] - 1 && r[3] <= c[3] + 1 && r[3] <= static_cast<float>(h))
          << what << ": " << name << " out of sight (" << r[1] << "–" << r[3] << " in " << c[1]
          << "–" << c[3] << ")";
    }
    if (const char* keep = std::getenv("JOS_SCREENSHOT_DIR")) {
      fs::create_directories(fs::path(keep) / "screens");
      fs::copy_file(png, fs::path(keep) / "screens" / png.filename(),
                    fs::copy_options::overwrite_existing);
    }
  }
}

TEST(GuiSizes, StartScreen) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  check_at_every_size(
      {"start", -1, -1, 0, false, {}, {"start/server", "start/code", "start/join"}});
}
TEST(GuiSizes, OverviewBetweenMeetings) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  check_at_every_size(
      {"overview", 2, -1, 0, false, {}, {"tab/overview", "schedule/start2", "schedule/export1"}});
}
TEST(GuiSizes, SignaleringWithAVote) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  check_at_every_size({"meeting-signalering",
                       0,
                       0,
                       4,
                       true,
                       {},
                       {"meeting/next", "meeting/previous", "vote-cast-1", "vote-cast-3",
                        "vote-reveal", "vote-close", "rate/0/3", "text/0/0/0"}});
}
TEST(GuiSizes, Actieplan) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  check_at_every_size({"meeting-actieplan",
                       1,
                       1,
                       4,
                       false,
                       {},
                       {"meeting/next", "text/1/0/0", "minutes/1/4", "minutes/1/4/besloten"}});
}
TEST(GuiSizes, Evaluatielijst) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  check_at_every_size({"meeting-evaluatielijst",
                       2,
                       2,
                       4,
                       false,
                       {},
                       {"meeting/next", "text/2/0/0", "minutes/2/4"}});
}
// The record of #14: who is there, marked per person, with the representation it gives.
TEST(GuiSizes, WelcomeWithAttendance) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  check_at_every_size(
      {"meeting-welkom",
       0,
       0,
       0,
       false,
       {},
       {"screen/welcome", "attendance/gaps", "attendance/self/online", "role/*", "minutes/0/0"}});
}
// The coordinator presents the leerlijn: its goal, steps, instruments and criteria.
TEST(GuiSizes, PresentingTheLeerlijn) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  check_at_every_size({"meeting-leerlijn",
                       0,
                       0,
                       1,
                       false,
                       {},
                       {"screen/present", "present/doel", "present/opzet", "minutes/0/1"}});
}
// The Afsluiting: the next date, the documents to send, the next meeting's invitation.
TEST(GuiSizes, AfsluitingWithTheInvitation) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  check_at_every_size({"meeting-afsluiting",
                       0,
                       0,
                       5,
                       false,
                       {},
                       {"screen/close", "afsluiting/export", "invitation/time", "invitation/copy",
                        "invitation/export"}});
}
// Between meetings 2 and 3: a check-in per action owner, one of them stuck, and the prompt to
// meet earlier; the next meeting's preparation with its invitation (a hybrid meeting: time,
// place and link).
TEST(GuiSizes, CheckInsBetweenMeetings) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  main_screen s{"overview-checkins",
                2,
                -1,
                0,
                false,
                {},
                {"checkin/*", "checkin/earlier-prompt", "invitation/copy", "preparation/forms"}};
  s.prepare = [](client_core& anna, const scripted_team& team) {
    ASSERT_FALSE(anna.submit(op::record_check_in{
        team.mo, false,
        "Het spreekuur in de aula is nog niet begonnen: er is geen ruimte vrij op dinsdag en de "
        "roosteraar is ziek.",
        0}));
    // A week ahead: its preparation opens by itself.
    ASSERT_FALSE(anna.submit(
        op::schedule_meeting{2, shared::add_days(local_today(), 7), meeting_mode::hybride}));
    ASSERT_TRUE(anna.run_until([&] { return anna.waiting_changes() == 0; }, 15s));
  };
  check_at_every_size(s);
}
// A new cooperation's final comparison: the desired situation beside the second assessment,
// with room for the team's conclusions, in the meeting and on its own screen.
TEST(GuiSizes, ConclusionsOfANewCooperation) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  main_screen s{"meeting-conclusies", 3, 3, 5, false, {}, {"text/5/0/0", "minutes/3/5/besloten"}};
  s.kind = cooperation::fresh;
  check_at_every_size(s);
}
TEST(GuiSizes, ComparisonOfANewCooperation) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  main_screen s{"comparison-nieuw",
                4,
                -1,
                0,
                false,
                {"--show", "comparison"},
                {"phase-band/0", "text/5/0/0", "text/5/9/0", "minutes/3/5/besloten"}};
  s.kind = cooperation::fresh;
  check_at_every_size(s);
}
TEST(GuiSizes, Comparison) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  check_at_every_size({"comparison",
                       4,
                       -1,
                       0,
                       false,
                       {"--show", "comparison"},
                       {"phase-band/0", "phase-band/1", "phase-band/2"}});
}
TEST(GuiSizes, PresentationOnTheBeamer) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  check_at_every_size({"presentation",
                       0,
                       0,
                       4,
                       false,
                       {"--present"},
                       {"present/leave", "present/where", "rate/0/1", "text/0/0/0"}});
}

// The dialogs and notes a click opens, and the longest names, at every size.

// "Documenten opslaan" (the empty forms, from the documents screen): the three sets each
// whole in the dialog (side by side, the third stuck out of its 640 px at every size).
TEST(GuiSizes, TheExportDialog) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  check_at_every_size({"export",
                       2,
                       -1,
                       0,
                       false,
                       {"--show", "documents", "--click", "documents/forms"},
                       {"export/kind0", "export/kind1", "export/kind2", "export/meeting",
                        "export/save", "export/close"}});
}
// Ten days before the server erases the leerlijn: the warning, wrapped, with its button.
TEST(GuiSizes, TheRetentionWarning) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  main_screen s{"retention",
                4,
                -1,
                0,
                false,
                {},
                {"overview/retention", "overview/retention-note", "overview/retention-export"}};
  s.prepare = [](client_core& anna, const scripted_team&) {
    // The last meeting 355 days ago: with the server's 12 months, erased in about ten days.
    const int meetings = static_cast<int>(anna.state().meetings.size());
    for (int i = 0; i < meetings; ++i)
      ASSERT_FALSE(anna.submit(
          op::schedule_meeting{i, shared::add_days(local_today(), -355 - 7 * (meetings - 1 - i)),
                               meeting_mode::hybride}));
    ASSERT_TRUE(anna.run_until([&] { return anna.waiting_changes() == 0; }, 15s));
  };
  s.in_sight = s.shown;
  check_at_every_size(s);
}
// A person saves their own data (AVG): the button, and the note saying where it went, brought
// into sight below the table.
TEST(GuiSizes, OnesOwnDataSaved) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  main_screen s{"own-data",
                2,
                -1,
                0,
                false,
                {"--click", "team/export1", "--until", "team/export-saved"},
                {"team/export1", "team/export-saved"}};
  s.prepare = [](client_core&, const scripted_team& team) {
    ASSERT_EQ(team.anna, 1) << "the window's own person";
  };
  s.in_sight = {"team/export-note"};
  check_at_every_size(s);
}

// About sixty characters with diacritics: a name that does not fit beside everything else on
// a narrow screen.
const std::string long_name = "Marie-Thérèse Anaïs Ëlise van den Heuvel-Çelik de Saint-Aubin";

// Adds a team member with that name, with an action of their own (a check-in row).
void add_long_named_member(client_core& anna) {
  person p;
  p.id = anna.state().next_person_id;
  p.name = long_name;
  p.org = organisation::school;
  p.function = "teamleider onderbouw";
  p.level = staff_level::manager;
  ASSERT_FALSE(anna.submit(op::add_person{p}));
  ASSERT_FALSE(anna.submit(op::add_action{3, "Mentoren en jongerenwerkers koppelen per leerjaar",
                                          p.id, shared::add_days(local_today(), 12)}));
  ASSERT_TRUE(anna.run_until([&] { return anna.waiting_changes() == 0; }, 15s));
}

// Taking someone with a long name off the team, their name and function erased too: the
// check box with what it means below it.
TEST(GuiSizes, TheRemovalDialogWithTheErasure) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  // The long-named member is the fifth (after the coordinator and three members).
  main_screen s{
      "removal",
      2,
      -1,
      0,
      false,
      {"--click", "team/remove5", "--click", "team/remove-erase"},
      {"team/remove-text", "team/remove-erase", "team/remove-erase-note", "team/remove-renew",
       "team/remove-renew-note", "team/remove-confirm", "team/remove-cancel"}};
  s.prepare = [](client_core& anna, const scripted_team&) {
    ASSERT_NO_FATAL_FAILURE(add_long_named_member(anna));
    ASSERT_EQ(find_person(anna.state(), 5)->name, long_name);
  };
  check_at_every_size(s);
}
// A long name in the attendance of the welcome and in the check-ins between meetings.
TEST(GuiSizes, ALongNameInTheAttendance) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  main_screen s{"attendance-long-name",
                0,
                0,
                0,
                false,
                {},
                {"attendance/5/name", "attendance/5/aanwezig", "attendance/5/online",
                 "attendance/5/afgemeld", "attendance/gaps"}};
  s.prepare = [](client_core& anna, const scripted_team&) {
    ASSERT_NO_FATAL_FAILURE(add_long_named_member(anna));
  };
  check_at_every_size(s);
}
TEST(GuiSizes, ALongNameInTheCheckIns) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  // The coordinator clicks into the note to write what was said: the row comes into sight.
  main_screen s{"checkins-long-name",
                2,
                -1,
                0,
                false,
                {"--click", "checkin/5/note"},
                {"checkin/5/name", "checkin/5/note", "checkin/5/going", "checkin/5/stuck"}};
  s.prepare = [](client_core& anna, const scripted_team&) {
    ASSERT_NO_FATAL_FAILURE(add_long_named_member(anna));
  };
  s.in_sight = s.shown;
  check_at_every_size(s);
}
}  // namespace
}  // namespace jos::client
