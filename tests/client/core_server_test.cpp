// The client core against a real server in this process, with threads for network and
// journal and on one thread as in the browser: starting and joining a leerlijn,
// edits both ways, concurrent typing in one cell, going offline and coming back, a restart
// of the client with changes still in its journal, refusals, and TLS.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <thread>

#include "client/core/client_core.hpp"
#include "shared/text.hpp"
#include "test_server.hpp"

namespace jos::client {
namespace {

using namespace shared;
using namespace std::chrono_literals;
using testing::options_in;
using testing::temp_dir;
using testing::test_server;
namespace fs = std::filesystem;

constexpr auto patience = 15s;

const partnership baken{"Het Baken", "JoU Utrecht", cooperation::existing};
const protocol::profile anna_profile{"Anna de Wit", organisation::school, "docent",
                                     staff_level::manager};
const protocol::profile bram_profile{"Bram Öztürk", organisation::jongerenwerk, "jongerenwerker",
                                     staff_level::uitvoerder};

op::text_target cell(int row, int column = 0) {
  return {false, 0, document_id::signalering_begin, row, column};
}
std::string text_at(const client_core& c, const op::text_target& t) {
  return *replica::text_at(c.state(), t);
}
bool settled(const client_core& c) { return c.live() && c.waiting_changes() == 0; }

// Two people: Anna starts the leerlijn, Bram joins with the team code.
struct team_fixture {
  // Both cores driven by the thread that polls them, without network or journal threads:
  // the browser's situation.
  bool single_threaded = false;
  testing::scratch_dir dirs{"team"};  // first: removed after everything that writes in it
  test_server server{dirs / "server"};
  fs::path anna_dir = dirs / "anna";
  fs::path bram_dir = dirs / "bram";
  std::unique_ptr<client_core> anna;
  std::unique_ptr<client_core> bram;

  core_options options(const fs::path& dir) const {
    core_options o = options_in(dir);
    o.single_threaded = single_threaded;
    return o;
  }

  void start_team() {
    anna = std::make_unique<client_core>(options(anna_dir));
    ASSERT_EQ(anna->use_server(server.url()), "");
    anna->create_trajectory(baken, anna_profile);
    ASSERT_TRUE(anna->run_until([&] { return anna->live(); }, patience));
    bram = std::make_unique<client_core>(options(bram_dir));
    ASSERT_EQ(bram->use_server(server.url()), "");
    bram->join(anna->identity()->join_code, bram_profile);
    ASSERT_TRUE(bram->run_until([&] { return bram->live(); }, patience));
    ASSERT_TRUE(anna->run_until([&] { return anna->state().team.size() == 2; }, patience));
  }

  // Meeting 1 in progress with Bram as invuller, seen by both.
  void start_meeting_with_bram_filling_in() {
    ASSERT_FALSE(anna->start_meeting(0));
    ASSERT_FALSE(anna->assign_role(0, meeting_role::invuller, bram->me()));
    ASSERT_TRUE(both([&] { return bram->state().meetings[0].session.invuller == bram->me(); }));
  }

  // A graceful stop waits for each client to answer the close; a core on one thread only
  // answers while it is polled, so the stop runs aside while the cores keep being polled.
  void stop_server() {
    std::atomic<bool> stopped = false;
    std::thread stopper([&] {
      server.stop();
      stopped = true;
    });
    while (!stopped) {
      if (anna) anna->wait_and_poll(5ms);
      if (bram) bram->wait_and_poll(5ms);
    }
    stopper.join();
  }

  bool both(const std::function<bool()>& done) {
    const auto deadline = std::chrono::steady_clock::now() + patience;
    while (std::chrono::steady_clock::now() < deadline) {
      anna->wait_and_poll(5ms);
      bram->wait_and_poll(5ms);
      if (done()) return true;
    }
    return false;
  }
  ~team_fixture() {
    anna.reset();
    bram.reset();
    server.stop();
  }
};

class CoreWithServer : public ::testing::TestWithParam<bool>, public team_fixture {
 public:
  CoreWithServer() { single_threaded = GetParam(); }
};
INSTANTIATE_TEST_SUITE_P(Threads, CoreWithServer, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "OneThread" : "OwnThreads"; });

TEST_P(CoreWithServer, StartAndJoinALeerlijn) {
  start_team();
  const auto id = anna->identity();
  ASSERT_TRUE(id);
  EXPECT_FALSE(id->join_code.empty());
  EXPECT_FALSE(id->coordinator_code.empty());
  EXPECT_TRUE(anna->is_coordinator());
  EXPECT_FALSE(bram->is_coordinator());
  EXPECT_EQ(bram->state().partners.school, "Het Baken");
  EXPECT_EQ(bram->my_person()->name, "Bram Öztürk");
  ASSERT_TRUE(both([&] {
    return anna->state().team.size() == 2 && anna->is_online(bram->me()) &&
           bram->is_online(anna->me());
  }));

  // Reopening the app: the token is kept, so Bram is the same person again without a code.
  const person_id bram_id = bram->me();
  bram.reset();
  ASSERT_TRUE(anna->run_until([&] { return !anna->is_online(bram_id); }, patience));
  bram = std::make_unique<client_core>(options(bram_dir));
  EXPECT_EQ(bram->phase(), session_phase::waiting);
  ASSERT_TRUE(bram->run_until([&] { return bram->live(); }, patience));
  EXPECT_EQ(bram->me(), bram_id);
  EXPECT_EQ(bram->state().team.size(), 2u);
}

TEST_P(CoreWithServer, WrongTeamCodeIsExplainedInDutch) {
  client_core c(options(bram_dir));
  ASSERT_EQ(c.use_server(server.url()), "");
  c.join("ZZZZ-ZZZZ", bram_profile);
  ASSERT_TRUE(
      c.run_until([&] { return c.phase() == session_phase::start && c.last_notice(); }, patience));
  EXPECT_NE(c.last_notice()->text.find("teamcode is onbekend"), std::string::npos)
      << c.last_notice()->text;
  EXPECT_FALSE(c.identity());
}

// A leerlijn started against a mistyped address waits for an answer that never comes; the
// corrected address is used at once, with the same request, and nothing had to be retyped.
TEST_P(CoreWithServer, ACorrectedAddressIsUsedAtOnceForTheStartOnItsWay) {
  client_core c(options_in(anna_dir));
  ASSERT_EQ(c.use_server("ws://127.0.0.1:1"), "") << "a valid address where nobody listens";
  c.create_trajectory(baken, anna_profile);
  EXPECT_EQ(c.phase(), session_phase::registering);
  ASSERT_TRUE(c.run_until([&] { return !c.connection().last_error.empty(); }, patience));
  EXPECT_EQ(c.phase(), session_phase::registering) << "still waiting to be answered";

  ASSERT_EQ(c.use_server(server.url()), "");
  ASSERT_TRUE(c.run_until([&] { return c.live(); }, patience));
  EXPECT_TRUE(c.is_coordinator());
  EXPECT_EQ(c.state().partners, baken);
  EXPECT_EQ(c.remembered().server, server.url());
}

TEST_P(CoreWithServer, EditsTravelBothWays) {
  start_team();
  start_meeting_with_bram_filling_in();
  ASSERT_FALSE(bram->set_rating(document_id::signalering_begin, 0, 3));
  ASSERT_FALSE(bram->edit_text(cell(0), {{0, 0, "Eén keer per week overleg – ‘vast’."}}));
  ASSERT_FALSE(anna->edit_text(cell(1), {{0, 0, "Nog niet"}}));
  ASSERT_TRUE(both([&] {
    return settled(*anna) && settled(*bram) && anna->seq() == bram->seq() &&
           anna->state().documents[0].rows[0].rating == 3 &&
           text_at(*anna, cell(0)) == "Eén keer per week overleg – ‘vast’." &&
           text_at(*bram, cell(1)) == "Nog niet";
  }));
  EXPECT_EQ(anna->state(), bram->state());
}

TEST_P(CoreWithServer, ConcurrentTypingInOneCellConverges) {
  start_team();
  start_meeting_with_bram_filling_in();
  std::mt19937 random(7);
  const char* words[] = {"wij ", "ë", "samen", "–", "‘x’ ", "jongerenwerk "};
  int typed = 0;
  std::size_t inserted = 0;  // code points typed in total: the text can never be longer
  std::set<std::string> refusals;
  for (int step = 0; step < 400; ++step) {
    client_core& c = random() % 2 ? *anna : *bram;
    const std::string text = text_at(c, cell(2));
    const std::size_t length = code_points(text);
    const std::size_t pos = random() % (length + 1);
    const std::size_t del = length > pos && random() % 4 == 0 ? 1 : 0;
    const char* word = words[random() % 6];
    if (auto error = c.edit_text(cell(2), {{pos, del, word}})) {
      refusals.insert(error->message);
    } else {
      ++typed;
      inserted += code_points(word);
    }
    if (random() % 3 == 0) anna->poll();
    if (random() % 3 == 0) bram->poll();
  }
  EXPECT_GT(typed, 350) << ::testing::PrintToString(refusals);
  ASSERT_TRUE(both([&] { return settled(*anna) && settled(*bram) && anna->seq() == bram->seq(); }));
  EXPECT_EQ(text_at(*anna, cell(2)), text_at(*bram, cell(2)));
  EXPECT_GT(text_at(*anna, cell(2)).size(), 100u);
  EXPECT_LE(code_points(text_at(*anna, cell(2))), inserted) << "nothing typed twice";

  // A newcomer reads the server's copy: the same text.
  testing::scratch_dir cees_dir("cees");
  client_core cees(options(cees_dir.path()));
  cees.use_server(server.url());
  cees.join(anna->identity()->join_code,
            {"Cees", organisation::school, "mentor", staff_level::uitvoerder});
  ASSERT_TRUE(cees.run_until([&] { return cees.live(); }, patience));
  EXPECT_EQ(text_at(cees, cell(2)), text_at(*anna, cell(2)));
}

TEST_P(CoreWithServer, OthersSeeWhoIsTypingWhereUntilTheyStopOrLeave) {
  start_team();
  start_meeting_with_bram_filling_in();
  EXPECT_TRUE(anna->editing(cell(0)).empty());
  bram->set_focus(cell(0));
  ASSERT_TRUE(both([&] { return anna->editing(cell(0)) == std::vector<person_id>{bram->me()}; }));
  EXPECT_TRUE(anna->editing(cell(1)).empty());
  EXPECT_TRUE(bram->editing(cell(0)).empty()) << "nobody is told about their own typing";

  // Moving to another cell moves the name; the announcement is throttled, not lost.
  bram->set_focus(cell(1));
  ASSERT_TRUE(both([&] {
    return anna->editing(cell(0)).empty() &&
           anna->editing(cell(1)) == std::vector<person_id>{bram->me()};
  }));
  bram->set_focus(std::nullopt);
  ASSERT_TRUE(both([&] { return anna->editing(cell(1)).empty(); }));

  // Someone who leaves while typing is no longer shown as typing.
  bram->set_focus(cell(2));
  ASSERT_TRUE(both([&] { return !anna->editing(cell(2)).empty(); }));
  bram.reset();
  ASSERT_TRUE(anna->run_until([&] { return anna->editing(cell(2)).empty(); }, patience));
}

TEST_P(CoreWithServer, EditsMadeOfflineArriveOnceAfterReconnect) {
  start_team();
  start_meeting_with_bram_filling_in();
  ASSERT_TRUE(both([&] { return settled(*anna) && settled(*bram); }));

  stop_server();
  ASSERT_TRUE(
      anna->run_until([&] { return anna->connection().state != link_state::connected; }, patience));
  ASSERT_TRUE(anna->run_until([&] { return anna->connection().retrying; }, patience));
  EXPECT_LE(anna->connection().retry_in_seconds, 10.0);
  ASSERT_FALSE(anna->set_rating(document_id::signalering_begin, 5, 2));
  ASSERT_FALSE(anna->edit_text(cell(5), {{0, 0, "Offline geschreven"}}));
  ASSERT_FALSE(anna->edit_text(cell(5), {{18, 0, " in de trein"}}));
  EXPECT_GE(anna->waiting_changes(), 2u);
  EXPECT_EQ(text_at(*anna, cell(5)), "Offline geschreven in de trein");

  server.start();
  ASSERT_TRUE(both([&] {
    return settled(*anna) && settled(*bram) && anna->seq() == bram->seq() &&
           text_at(*bram, cell(5)) == "Offline geschreven in de trein";
  }));
  EXPECT_EQ(bram->state().documents[0].rows[5].rating, 2);
  EXPECT_EQ(anna->state(), bram->state());
}

TEST_P(CoreWithServer, JournalKeepsChangesAcrossARestartOfTheClient) {
  start_team();
  start_meeting_with_bram_filling_in();
  ASSERT_TRUE(both([&] { return settled(*anna) && settled(*bram); }));

  // Quit while the last edit is on its way: sent, but its answer never read. The edit goes
  // out within edit_text, and only polling could read its answer: waiting here for "sent"
  // by polling raced the server's answer, which a fast server won.
  ASSERT_FALSE(anna->edit_text(cell(6), {{0, 0, "Verstuurd"}}));
  ASSERT_FALSE(anna->model().pending().empty());
  ASSERT_TRUE(anna->model().pending()[0].sent);
  anna.reset();

  // And changes made offline, then the app closed.
  stop_server();
  anna = std::make_unique<client_core>(options(anna_dir));
  EXPECT_TRUE(anna->has_state()) << "the journal restores the last known state";
  ASSERT_FALSE(anna->edit_text(cell(7), {{0, 0, "Offline"}}));
  ASSERT_FALSE(anna->set_rating(document_id::signalering_begin, 7, 1));
  EXPECT_GE(anna->waiting_changes(), 2u);
  anna.reset();

  anna = std::make_unique<client_core>(options(anna_dir));
  EXPECT_EQ(text_at(*anna, cell(7)), "Offline");
  EXPECT_GE(anna->waiting_changes(), 2u);
  server.start();
  ASSERT_TRUE(both([&] {
    return settled(*anna) && settled(*bram) && anna->seq() == bram->seq() &&
           bram->state().documents[0].rows[7].rating == 1;
  }));
  EXPECT_EQ(text_at(*bram, cell(6)), "Verstuurd") << "applied exactly once";
  EXPECT_EQ(text_at(*bram, cell(7)), "Offline");
  EXPECT_EQ(anna->state(), bram->state());
}

// The journal is lost or damaged (and with it the count of our op numbers): what Anna
// types next must still count. The server takes a number it has seen from this client as a
// resend and drops the op, so numbering may not start over.
TEST_P(CoreWithServer, EditsAfterALostJournalAreNotTakenForResends) {
  start_team();
  start_meeting_with_bram_filling_in();
  for (int i = 0; i < 3; ++i)
    ASSERT_FALSE(anna->edit_text(cell(8), {{static_cast<std::size_t>(i), 0, "x"}}));
  ASSERT_TRUE(both([&] { return settled(*anna) && text_at(*bram, cell(8)) == "xxx"; }));
  anna.reset();
  for (const auto& f : fs::directory_iterator(anna_dir / "journal"))
    std::ofstream(f.path(), std::ios::trunc) << "{damaged";
  anna = std::make_unique<client_core>(options(anna_dir));
  ASSERT_TRUE(anna->run_until([&] { return anna->live(); }, patience));
  ASSERT_FALSE(anna->edit_text(cell(9), {{0, 0, "na het journaal"}}));
  ASSERT_TRUE(both([&] {
    return settled(*anna) && text_at(*bram, cell(9)) == "na het journaal" &&
           anna->seq() == bram->seq();
  }));
  EXPECT_EQ(text_at(*anna, cell(9)), "na het journaal");
}

TEST_P(CoreWithServer, RefusalsSurface) {
  start_team();
  // Not the invuller: the rules refuse at once, nothing is queued.
  auto local = bram->set_rating(document_id::signalering_begin, 0, 2);
  ASSERT_TRUE(local);
  EXPECT_EQ(local->code, rule_code::forbidden);
  EXPECT_EQ(bram->waiting_changes(), 0u);

  start_meeting_with_bram_filling_in();
  // Anna takes the role back; Bram has not heard yet when he rates, so the server refuses.
  ASSERT_FALSE(anna->assign_role(0, meeting_role::invuller, anna->me()));
  ASSERT_TRUE(anna->run_until([&] { return settled(*anna); }, patience));
  ASSERT_FALSE(bram->set_rating(document_id::signalering_begin, 0, 2));
  ASSERT_TRUE(bram->run_until([&] { return bram->last_notice() && bram->waiting_changes() == 0; },
                              patience));
  EXPECT_NE(bram->last_notice()->text.find("Wijziging geweigerd: Dat mag je niet"),
            std::string::npos)
      << bram->last_notice()->text;
  EXPECT_EQ(bram->state().documents[0].rows[0].rating, 0);
}

// The codes the app shows are the server's: a coordinator who renews one sees the new one
// at once, and so does the second coordinator; a member never gets them.
TEST_P(CoreWithServer, RenewedCodesReachEveryCoordinatorsApp) {
  start_team();
  const auto old_codes = *anna->identity();
  EXPECT_EQ(old_codes.coordinator_code.size(), 14u) << old_codes.coordinator_code;
  EXPECT_TRUE(bram->identity()->join_code.empty());
  ASSERT_FALSE(anna->submit(op::set_coordinator{bram->me(), true}));
  ASSERT_TRUE(both([&] { return bram->identity()->join_code == old_codes.join_code; }));
  EXPECT_EQ(bram->identity()->coordinator_code, old_codes.coordinator_code);

  anna->rotate_code(protocol::access_code::team);
  ASSERT_TRUE(both([&] {
    return anna->identity()->join_code != old_codes.join_code &&
           bram->identity()->join_code == anna->identity()->join_code;
  }));
  EXPECT_EQ(anna->identity()->coordinator_code, old_codes.coordinator_code);
  // The old code no longer lets anyone in; the new one does.
  client_core late(options_in(dirs / "late"));
  ASSERT_EQ(late.use_server(server.url()), "");
  late.join(old_codes.join_code, bram_profile);
  ASSERT_TRUE(late.run_until(
      [&] { return late.phase() == session_phase::start && late.last_notice(); }, patience));
  EXPECT_NE(late.last_notice()->text.find("onbekend"), std::string::npos);
  late.join(anna->identity()->join_code, bram_profile);
  ASSERT_TRUE(late.run_until([&] { return late.live(); }, patience));
}

// Taken off the team while online: the app says so in Dutch and goes back to the start.
TEST_P(CoreWithServer, SomeoneTakenOffTheTeamIsBackAtTheStartWithTheReason) {
  start_team();
  ASSERT_FALSE(bram->submit(op::update_person{*bram->my_person()}));
  ASSERT_TRUE(bram->run_until([&] { return settled(*bram); }, patience));
  const person_id gone = bram->me();
  ASSERT_FALSE(anna->submit(op::remove_person{gone}));
  ASSERT_TRUE(both([&] { return bram->phase() == session_phase::start; }));
  ASSERT_TRUE(bram->last_notice());
  EXPECT_NE(bram->last_notice()->text.find("uit het team"), std::string::npos)
      << bram->last_notice()->text;
  EXPECT_FALSE(bram->identity());
  ASSERT_TRUE(anna->run_until([&] { return !anna->is_online(gone); }, patience));
  EXPECT_EQ(find_person(anna->state(), gone), nullptr);
  // Reopened, the app starts at the start screen: nothing left to reconnect with.
  bram = std::make_unique<client_core>(options_in(bram_dir));
  EXPECT_EQ(bram->phase(), session_phase::start);
}

// A server of another protocol version, played by a few lines of Python (stdlib only):
// it completes the WebSocket handshake and answers in protocol version 99.
constexpr const char* future_server = R"PY(
import base64, hashlib, socket, sys, time
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0))
s.listen(1)
print(s.getsockname()[1], flush=True)
c, _ = s.accept()
data = b""
while b"\r\n\r\n" not in data:
    data += c.recv(4096)
key = [l.split(b":", 1)[1].strip() for l in data.split(b"\r\n") if l.lower().startswith(b"sec-websocket-key")][0]
accept = base64.b64encode(hashlib.sha1(key + b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11").digest())
c.sendall(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          b"Sec-WebSocket-Accept: " + accept + b"\r\n\r\n")
msg = b'{"v":99,"type":"joined","trajectory_id":"t","token":"x","person":1}'
c.sendall(bytes([0x81, len(msg)]) + msg)
time.sleep(1)
)PY";

TEST(CoreWithOtherVersion, MismatchIsAClearMessage) {
  testing::scratch_dir dir("version");
  { std::ofstream(dir / "future.py") << future_server; }
  const std::string command = "python3 " + (dir / "future.py").string() + " 2>/dev/null";
  std::FILE* child = popen(command.c_str(), "r");
  if (child == nullptr) GTEST_SKIP() << "python3 is not available";
  char line[32] = {};
  if (std::fgets(line, sizeof line, child) == nullptr) {
    pclose(child);
    GTEST_SKIP() << "python3 is not available";
  }
  client_core c(options_in(dir / "config"));
  ASSERT_EQ(c.use_server(std::string("ws://127.0.0.1:") + std::strtok(line, "\n")), "");
  c.join("ABCD-EFGH", bram_profile);
  ASSERT_TRUE(c.run_until([&] { return c.phase() == session_phase::incompatible; }, patience));
  ASSERT_TRUE(c.last_notice());
  EXPECT_EQ(
      c.last_notice()->text,
      "Deze versie van jos spreekt protocolversie 1, de server versie 99. Installeer dezelfde "
      "versie als de server.");
  EXPECT_FALSE(c.identity()) << "nothing from the other version was taken in";
  pclose(child);
}

TEST(CoreWithTls, PlainAddressForATlsServerIsExplained) {
  testing::scratch_dir dir("tls");
  const std::string cert = (dir / "cert.pem").string();
  const std::string key = (dir / "key.pem").string();
  const std::string command =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 "
      "-addext subjectAltName=IP:127.0.0.1 -keyout " +
      key + " -out " + cert + " >/dev/null 2>&1";
  if (std::system(command.c_str()) != 0) GTEST_SKIP() << "openssl is not available";
  test_server server(dir / "server", 0, cert, key);
  const std::string port = std::to_string(server.port());

  client_core plain(options_in(dir / "plain"));
  plain.use_server("ws://127.0.0.1:" + port);
  plain.create_trajectory(baken, anna_profile);
  ASSERT_TRUE(plain.run_until([&] { return !plain.connection().last_error.empty(); }, patience));
  EXPECT_EQ(plain.connection().last_error,
            "De server verwacht een beveiligde verbinding (wss://).");

  client_core untrusting(options_in(dir / "untrusting"));
  untrusting.use_server("wss://127.0.0.1:" + port);
  untrusting.create_trajectory(baken, anna_profile);
  ASSERT_TRUE(
      untrusting.run_until([&] { return !untrusting.connection().last_error.empty(); }, patience));
  EXPECT_EQ(untrusting.connection().last_error,
            "Het certificaat van de server wordt niet vertrouwd.");

  core_options trusting_options = options_in(dir / "trusting");
  trusting_options.trust_cert_file = cert;
  client_core trusting(trusting_options);
  trusting.use_server("wss://127.0.0.1:" + port);
  trusting.create_trajectory(baken, anna_profile);
  ASSERT_TRUE(trusting.run_until([&] { return trusting.live(); }, patience));
  EXPECT_EQ(trusting.state().partners.youth_organisation, "JoU Utrecht");
}

// A server whose operator lets only those with a creation code start a leerlijn: the app
// asks for the code once the server says so, and starts with it.
TEST(CoreWithAnOperator, AsksForTheCreationCodeOnlyWhenTheServerWantsOne) {
  testing::scratch_dir dir("creation-code");
  server::config cfg;
  cfg.listen = "127.0.0.1";
  cfg.port = 0;
  cfg.db = (dir / "jos.sqlite").string();
  cfg.level = server::log_level::warn;
  cfg.creation_code = "WELKOM-2026";
  server::server s(cfg);
  s.start();
  client_core anna(options_in(dir / "anna"));
  ASSERT_EQ(anna.use_server("ws://127.0.0.1:" + std::to_string(s.port())), "");
  EXPECT_FALSE(anna.creation_code_asked());
  anna.create_trajectory(baken, anna_profile);
  ASSERT_TRUE(anna.run_until(
      [&] { return anna.phase() == session_phase::start && anna.last_notice(); }, patience));
  EXPECT_TRUE(anna.creation_code_asked());
  EXPECT_NE(anna.last_notice()->text.find("aanmaakcode"), std::string::npos)
      << anna.last_notice()->text;
  anna.create_trajectory(baken, anna_profile, "WELKOM-2026");
  ASSERT_TRUE(anna.run_until([&] { return anna.live(); }, patience));
  EXPECT_TRUE(anna.is_coordinator());
  s.stop();
}

}  // namespace
}  // namespace jos::client
