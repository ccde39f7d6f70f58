// The views and the text field drawn by Dear ImGui without a window (no GL needed): typing
// in a cell becomes text splices, someone else's edit lands in the field being typed in,
// long lines wrap in the field but not in the text, and every view draws every document of
// a real trajectory with balanced ImGui stacks.
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>

#include "client/agenda_clock.hpp"
#include "client/characters.hpp"
#include "client/core/client_core.hpp"
#include "client/fonts.hpp"
#include "client/keyboard.hpp"
#include "client/meeting_start.hpp"
#include "client/navigation.hpp"
#include "client/text_cell.hpp"
#include "client/view_actions.hpp"
#include "client/view_attendance.hpp"
#include "client/view_check_ins.hpp"
#include "client/view_comparison.hpp"
#include "client/view_document.hpp"
#include "client/view_export.hpp"
#include "client/view_invitation.hpp"
#include "client/view_meeting.hpp"
#include "client/view_overview.hpp"
#include "client/view_participants.hpp"
#include "client/view_preparation.hpp"
#include "client/view_reactions.hpp"
#include "client/view_schedule.hpp"
#include "client/view_start.hpp"
#include "client/view_status_bar.hpp"
#include "shared/calendar.hpp"
#include "shared/comparison.hpp"
#include "shared/documents/builders.hpp"
#include "shared/documents/render.hpp"
#include "shared/retention.hpp"
#include "team.hpp"
#include "test_server.hpp"
#include "tests/server/database_rows.hpp"

namespace jos::client {
namespace {

using namespace shared;
using namespace std::chrono_literals;

// What Push/Pop pairs leave behind; a view must leave nothing.
struct stacks {
  int colours, styles, fonts, groups, ids, wraps, widths;
  bool operator==(const stacks&) const = default;
  static stacks now() {
    ImGuiContext& g = *GImGui;
    ImGuiWindow* w = g.CurrentWindow;
    return {g.ColorStack.Size,        g.StyleVarStack.Size, g.FontStack.Size,
            g.GroupStack.Size,        w->IDStack.Size,      w->DC.TextWrapPosStack.Size,
            w->DC.ItemWidthStack.Size};
  }
};

class headless {
 public:
  // `real_fonts`: DejaVu Sans as the app draws it (to measure layouts), else ImGui's own.
  explicit headless(bool real_fonts = false, ImVec2 size = ImVec2(1200, 800)) {
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = size;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    for (int key = 0; key < ImGuiKey_COUNT; ++key) io.KeyMap[key] = key;  // as a backend would
    if (real_fonts) {
      ui.font = build_fonts(*io.Fonts, 1.0f);
      io.FontDefault = ui.font.regular;
    } else {
      io.Fonts->AddFontDefault();
      ui.font.regular = ui.font.bold = ui.font.large = ui.font.heading = io.Fonts->Fonts[0];
    }
    unsigned char* pixels = nullptr;
    int w = 0;
    int h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  }
  ~headless() { ImGui::DestroyContext(context_); }

  // One frame with `draw` inside a full-screen window; the stacks must balance.
  void frame(const std::function<void()>& draw) {
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = step;
    limit_frame_step(io);  // as the app does
    ImGui::NewFrame();
    keyboard_new_frame();  // as the app does
    if (refuse_unshowable_typing(*ui.font.regular)) ++refusals;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("test", nullptr, ImGuiWindowFlags_NoDecoration);
    const stacks before = stacks::now();
    draw();
    EXPECT_EQ(stacks::now(), before) << "a view left something pushed";
    ImGui::End();
    ImGui::Render();
  }
  void click(ImVec2 at, const std::function<void()>& draw) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = at;
    frame(draw);
    io.MouseDown[0] = true;
    frame(draw);
    io.MouseDown[0] = false;
    frame(draw);
  }
  // Two frames with a fresh probe (ui.probe, set by the test), so that tab bars have laid
  // out their tabs before a click is aimed at them.
  void look(const std::function<void()>& draw) {
    ui.probe->clear();
    frame(draw);
    frame(draw);
  }
  // The middle of what the last frames marked `name`.
  ImVec2 centre(const std::string& name) const {
    const auto it = ui.probe->find(name);
    if (it == ui.probe->end()) {
      ADD_FAILURE() << name << " was not drawn";
      return ImVec2(-1, -1);
    }
    const ImVec4 r = it->second;
    return ImVec2((r.x + r.z) / 2, (r.y + r.w) / 2);
  }
  void click(const std::string& name, const std::function<void()>& draw) {
    look(draw);
    if (const ImVec2 at = centre(name); at.x >= 0) click(at, draw);  // else: reported
  }
  // Clicks the field marked `name` and types `text` into it.
  void enter(const std::string& name, const char* text, const std::function<void()>& draw) {
    click(name, draw);
    type(text, draw);
  }
  // Clicks at `at` (the first frame lays out what is clicked) and waits a few frames for a
  // field to take the keyboard, as a cell does a frame or two after the click.
  void open(ImVec2 at, const std::function<void()>& draw) {
    frame(draw);
    click(at, draw);
    settle_focus(draw);
  }
  void settle_focus(const std::function<void()>& draw) {
    for (int i = 0; i < 5 && ImGui::GetActiveID() == 0; ++i) frame(draw);
  }
  // One press of `key` (down for a frame, then up).
  void press(ImGuiKey key, const std::function<void()>& draw) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeysDown[io.KeyMap[key]] = true;
    frame(draw);
    io.KeysDown[io.KeyMap[key]] = false;
    frame(draw);
  }
  void type(const char* text, const std::function<void()>& draw) {
    ImGui::GetIO().AddInputCharactersUTF8(text);
    frame(draw);
  }
  // The edit buffer of the active field.
  std::string field() const {
    const ImGuiInputTextState* s = ImGui::GetInputTextState(ImGui::GetActiveID());
    return s == nullptr ? std::string{}
                        : std::string(s->TextA.Data, static_cast<std::size_t>(s->CurLenA));
  }

  ui_context ui;
  int refusals = 0;       // frames in which typed characters were refused
  float step = 1 / 60.f;  // seconds between frames

 private:
  ImGuiContext* context_;
};

// Applies the text intents of a frame to `text` the way the core would, and returns them.
std::vector<op::edit_text> take_edits(ui_context& ui, std::string& text) {
  std::vector<op::edit_text> out;
  for (auto& o : ui.todo.ops) {
    if (auto* e = std::get_if<op::edit_text>(&o)) {
      EXPECT_TRUE(apply_edits(text, e->edits));
      out.push_back(*e);
    }
  }
  ui.todo = intents{};
  return out;
}

const op::text_target cell{false, 0, document_id::signalering_begin, 0, 0};

TEST(TextCell, TypingBecomesSplicesAndOthersEditsLandInTheField) {
  headless h;
  text_cell widget;
  std::string model = "samen werken";
  auto draw = [&] { widget.draw("c", cell, model, true, 400, 60, h.ui); };
  h.open(ImVec2(30, 20), draw);  // on the framed text: it becomes a field
  ASSERT_NE(ImGui::GetActiveID(), 0u) << "the field did not take the keyboard";
  ASSERT_TRUE(widget.editing());

  h.type("!", draw);
  auto edits = take_edits(h.ui, model);
  ASSERT_EQ(edits.size(), 1u);
  EXPECT_EQ(edits[0].target, cell);
  ASSERT_EQ(edits[0].edits.size(), 1u);
  EXPECT_EQ(edits[0].edits[0], (splice{12, 0, "!"})) << "typed at the end, where the cursor starts";
  EXPECT_EQ(model, "samen werken!");

  // Someone else puts words in front while we type: they show up in our field, and our
  // next letter still goes where our cursor is.
  model = "Wij " + model;
  h.frame(draw);
  EXPECT_EQ(h.field(), "Wij samen werken!");
  EXPECT_TRUE(take_edits(h.ui, model).empty()) << "their edit is not sent back as ours";
  h.type("?", draw);
  edits = take_edits(h.ui, model);
  ASSERT_EQ(edits.size(), 1u);
  EXPECT_EQ(edits[0].edits[0], (splice{17, 0, "?"}));
  EXPECT_EQ(model, "Wij samen werken!?");
}

TEST(TextCell, LongLinesWrapInTheFieldButNotInTheText) {
  headless h;
  text_cell widget;
  std::string model = "De coördinator nodigt iedereen uit voor de signaleringsbijeenkomst";
  auto draw = [&] { widget.draw("c", cell, model, true, 160, 60, h.ui); };
  h.open(ImVec2(30, 20), draw);
  ASSERT_NE(ImGui::GetActiveID(), 0u);
  const std::string shown = h.field();
  EXPECT_NE(shown.find('\n'), std::string::npos) << "the field wraps: " << shown;
  h.type(" nu", draw);
  const auto edits = take_edits(h.ui, model);
  ASSERT_FALSE(edits.empty());
  EXPECT_EQ(model, "De coördinator nodigt iedereen uit voor de signaleringsbijeenkomst nu");
  EXPECT_EQ(model.find('\n'), std::string::npos) << "soft breaks never reach the text";
}

// Typing at once after the click that opens a cell: the letters that arrive while the field
// is still becoming the keyboard's (the click's own frame and the frames after it) are kept
// and land in the text in order ("Eerste zin" used to become "rste zin").
TEST(TextCell, LettersTypedRightAfterTheClickAllArrive) {
  headless h;
  text_cell widget;
  std::string model = "Al: ";
  auto draw = [&] { widget.draw("c", cell, model, true, 400, 60, h.ui); };
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(30, 20);
  h.frame(draw);
  io.MouseDown[0] = true;
  h.frame(draw);
  io.MouseDown[0] = false;
  const std::string typed = "Eerste zin, snel getypt";
  // The first letter comes in the frame of the release, then one a frame.
  for (char c : typed) {
    io.AddInputCharacter(static_cast<unsigned>(c));
    h.frame(draw);
    take_edits(h.ui, model);
  }
  for (int i = 0; i < 3; ++i) {
    h.frame(draw);
    take_edits(h.ui, model);
  }
  EXPECT_EQ(model, "Al: " + typed);
}

// Escape leaves a text field and keeps what was typed. Dear ImGui would put back the text
// the field had when it was entered, which in a shared cell would undo the typing for
// everyone; in a form it would throw away what was filled in.
TEST(Keyboard, EscapeLeavesAFieldAndKeepsWhatWasTyped) {
  headless h;
  text_cell widget;
  std::string model = "samen";
  auto draw = [&] { widget.draw("c", cell, model, true, 400, 60, h.ui); };
  h.open(ImVec2(30, 20), draw);
  h.type(" werken", draw);
  take_edits(h.ui, model);
  ASSERT_EQ(model, "samen werken");
  h.press(ImGuiKey_Escape, draw);
  EXPECT_TRUE(take_edits(h.ui, model).empty()) << "nothing is taken back";
  EXPECT_EQ(model, "samen werken");
  EXPECT_FALSE(widget.editing()) << "the field was left";

  std::string name = "Zoë";
  auto form = [&] {
    ImGui::SetNextItemWidth(300);
    ImGui::InputText("##name", &name);
  };
  h.frame(form);
  h.click(ImVec2(60, 15), form);
  h.type(" Çelik", form);
  h.press(ImGuiKey_Escape, form);
  EXPECT_EQ(ImGui::GetActiveID(), 0u);
  EXPECT_EQ(name, "Zoë Çelik");
}

// A busy machine draws a frame in 300 ms, and a key pressed briefly may be seen down by
// two or three of them. It counts once: Dear ImGui would have repeated it (a Backspace
// took three letters, a Ctrl+V pasted three times).
TEST(Keyboard, AKeySeenDownBySlowFramesCountsOnce) {
  headless h;
  std::string name = "Zoë Çelik";
  auto form = [&] {
    ImGui::SetNextItemWidth(300);
    ImGui::InputText("##name", &name);
  };
  h.frame(form);
  h.click(ImVec2(60, 15), form);
  ASSERT_NE(ImGui::GetActiveID(), 0u);
  h.press(ImGuiKey_End, form);
  h.step = 0.3f;
  ImGuiIO& io = ImGui::GetIO();
  io.KeysDown[io.KeyMap[ImGuiKey_Backspace]] = true;
  for (int i = 0; i < 3; ++i) h.frame(form);
  io.KeysDown[io.KeyMap[ImGuiKey_Backspace]] = false;
  h.frame(form);
  EXPECT_EQ(h.field(), "Zoë Çeli");
}

// Emoji cannot be shown here (Dear ImGui 1.86 keeps 16-bit characters, DejaVu Sans has
// none): typed or pasted, they are refused with a message, never stored as '?' or U+FFFD.
TEST(Characters, EmojiAreRefusedWithAMessageNeverReplaced) {
  headless h;
  const ImFont& font = *h.ui.font.regular;
  bool refused = false;
  EXPECT_EQ(showable_part(font, "Goed 👍 zo", refused), "Goed  zo");
  EXPECT_TRUE(refused);
  refused = false;
  EXPECT_EQ(showable_part(font, "Zoë: ‘prima’", refused).find('?'), std::string::npos);

  std::string chat;
  auto draw = [&] {
    ImGui::SetNextItemWidth(300);
    ImGui::InputText("##chat", &chat);
  };
  h.frame(draw);
  h.click(ImVec2(60, 15), draw);
  ImGuiIO& io = ImGui::GetIO();
  io.AddInputCharactersUTF8("Goed 👍");
  h.frame(draw);
  EXPECT_EQ(chat, "Goed ");
  EXPECT_EQ(h.refusals, 1) << "the app says so in the status bar";

  io.GetClipboardTextFn = [](void*) -> const char* { return "top 🙂!"; };
  int pasted_refusals = 0;
  guard_clipboard(font, [&] { ++pasted_refusals; });
  io.KeyCtrl = true;
  h.press(ImGuiKey_V, draw);
  io.KeyCtrl = false;
  h.frame(draw);
  EXPECT_EQ(chat, "Goed top !");
  EXPECT_EQ(pasted_refusals, 1);
  EXPECT_EQ(chat.find("\xEF\xBF\xBD"), std::string::npos);
  EXPECT_EQ(chat.find('?'), std::string::npos);
}

// Tab goes from cell to cell, each opening to type in: a whole form by keyboard.
TEST(Keyboard, TabMovesFromCellToCell) {
  headless h;
  text_cell widget;
  const op::text_target second{false, 0, document_id::signalering_begin, 1, 0};
  std::string first_text = "eerste";
  std::string second_text;
  auto draw = [&] {
    widget.draw("a", cell, first_text, true, 400, 40, h.ui);
    widget.draw("b", second, second_text, true, 400, 40, h.ui);
  };
  h.open(ImVec2(30, 20), draw);
  ASSERT_NE(ImGui::GetActiveID(), 0u);
  h.press(ImGuiKey_Tab, draw);
  for (int i = 0; i < 5; ++i) h.frame(draw);
  h.type("tweede", draw);
  ASSERT_FALSE(h.ui.todo.ops.empty());
  const auto& edit = std::get<op::edit_text>(h.ui.todo.ops.back());
  EXPECT_EQ(edit.target, second) << "the second cell took the keyboard";
}

TEST(TextCell, ReadersCannotOpenTheField) {
  headless h;
  text_cell widget;
  std::string model = "alleen lezen";
  auto draw = [&] { widget.draw("c", cell, model, false, 400, 60, h.ui); };
  h.frame(draw);
  h.click(ImVec2(30, 20), draw);
  h.type("x", draw);
  EXPECT_FALSE(widget.editing());
  EXPECT_TRUE(h.ui.todo.empty());
}

// Every view, every agenda item of every meeting, against a real trajectory.
TEST(Views, DrawEveryScreenOfARealTrajectory) {
  testing::scratch_dir dir("ui-views");  // outlives the core writing into it
  testing::test_server server(dir / "server");
  client_core anna(testing::options_in(dir / "anna"));
  ASSERT_NO_FATAL_FAILURE(testing::start_leerlijn(anna, server, cooperation::fresh));
  ASSERT_FALSE(anna.start_meeting(0));
  ASSERT_FALSE(anna.set_rating(document_id::signalering_begin, 0, 2));
  ASSERT_FALSE(anna.edit_text(cell, {{0, 0, "Eén keer per week – ‘vast’"}}));
  ASSERT_TRUE(anna.run_until([&] { return anna.waiting_changes() == 0; }, 15s));

  headless h;
  view_start start;
  view_overview overview;
  view_meeting meeting;
  view_participants participants;
  view_status_bar status;
  view_document document;
  for (int i = 0; i < 3; ++i) {
    h.frame([&] { start.draw(h.ui, anna); });
    h.frame([&] { overview.draw(h.ui, anna); });
    h.frame([&] { meeting.draw(h.ui, anna); });
    h.frame([&] { participants.draw(h.ui, anna); });
    h.frame([&] { status.draw(h.ui, anna); });
  }
  const trajectory& t = anna.state();
  for (int m = 0; m < static_cast<int>(t.meetings.size()); ++m)
    for (const auto& item : template_of(t.meetings[static_cast<std::size_t>(m)]).agenda)
      h.frame([&] { document.draw(h.ui, anna, m, item); });
  // Drawing queues nothing by itself.
  EXPECT_TRUE(h.ui.todo.ops.empty());
}

// The text a frame of `draw` shows, as Dear ImGui logs it.
std::string shown_text(headless& h, const std::function<void()>& draw) {
  std::string out;
  h.frame([&] {
    ImGui::LogToBuffer();
    draw();
    out = GImGui->LogBuffer.c_str();
    ImGui::LogFinish();
  });
  return out;
}

// The status bar: connected; when the server is gone, the countdown to the next attempt
// and how many changes wait; connected again once they went through.
TEST(StatusBar, ConnectedReconnectingWithACountdownAndWhatWaits) {
  testing::scratch_dir dir("ui-status");  // outlives the core writing into it
  testing::test_server server(dir / "server");
  client_core anna(testing::options_in(dir / "anna"));
  ASSERT_NO_FATAL_FAILURE(testing::start_leerlijn(anna, server));
  ASSERT_FALSE(anna.start_meeting(0));
  ASSERT_NO_FATAL_FAILURE(testing::settle(anna));

  headless h;
  view_status_bar bar;
  const auto draw = [&] { bar.draw(h.ui, anna); };
  std::string shown = shown_text(h, draw);
  EXPECT_NE(shown.find("Verbonden"), std::string::npos) << shown;
  EXPECT_EQ(shown.find("wacht"), std::string::npos) << shown;

  server.stop();
  ASSERT_TRUE(anna.run_until([&] { return anna.connection().retrying; }, testing::patience));
  ASSERT_FALSE(anna.set_rating(document_id::signalering_begin, 0, 2));
  ASSERT_FALSE(anna.edit_text(cell, {{0, 0, "In de trein"}}));
  ASSERT_EQ(anna.waiting_changes(), 2u);
  shown = shown_text(h, draw);
  EXPECT_NE(shown.find("Opnieuw verbinden over "), std::string::npos) << shown;
  EXPECT_NE(shown.find("2 wijzigingen wachten"), std::string::npos) << shown;
  EXPECT_EQ(shown.find("● Verbonden"), std::string::npos) << shown;

  server.start();
  ASSERT_NO_FATAL_FAILURE(testing::settle(anna));
  shown = shown_text(h, draw);
  EXPECT_NE(shown.find("Verbonden"), std::string::npos) << shown;
  EXPECT_EQ(shown.find("wacht"), std::string::npos) << shown;
  EXPECT_EQ(*replica::text_at(anna.state(), cell), "In de trein");
}

// A change the server refuses is dropped, never sent again, and its text is kept where the
// user can copy it: Anna and Bram each add 2,500 characters to the same cell at once; the
// one the server orders second would make it longer than 4,000 and is refused. Its writer's
// status bar says so in Dutch and copies the text with one click, until it is closed.
TEST(StatusBar, ARefusedChangeKeepsItsTextToCopy) {
  testing::scratch_dir dir("ui-refused");  // outlives the cores writing into it
  testing::test_server server(dir / "server");
  client_core anna(testing::options_in(dir / "anna"));
  ASSERT_NO_FATAL_FAILURE(testing::start_leerlijn(anna, server));
  client_core bram(testing::options_in(dir / "bram"));
  ASSERT_NO_FATAL_FAILURE(testing::join_team(bram, server, anna, testing::bram_ozturk));
  ASSERT_FALSE(anna.start_meeting(0));
  ASSERT_FALSE(anna.assign_role(0, meeting_role::invuller, bram.me()));
  ASSERT_NO_FATAL_FAILURE(testing::settle(anna));
  ASSERT_TRUE(bram.run_until([&] { return bram.state().meetings[0].session.invuller == bram.me(); },
                             testing::patience));

  const std::string annas(2500, 'a');
  const std::string brams(2500, 'b');
  ASSERT_FALSE(anna.edit_text(cell, {{0, 0, annas}}));
  ASSERT_FALSE(bram.edit_text(cell, {{0, 0, brams}}));
  auto refused = [](const client_core& c) {
    return c.last_notice() && !c.last_notice()->kept_text.empty();
  };
  ASSERT_TRUE(anna.run_until(
      [&] {
        bram.poll();
        return (refused(anna) || refused(bram)) && anna.waiting_changes() == 0 &&
               bram.waiting_changes() == 0;
      },
      testing::patience));
  client_core& loser = refused(anna) ? anna : bram;
  const std::string& lost = refused(anna) ? annas : brams;
  EXPECT_EQ(loser.last_notice()->kept_text, lost);
  EXPECT_EQ(loser.waiting_changes(), 0u) << "a refused change is not sent again";

  headless h;
  std::map<std::string, ImVec4, std::less<>> marks;
  h.ui.probe = &marks;
  view_status_bar bar;
  const auto draw = [&] { bar.draw(h.ui, loser); };
  const std::string shown = shown_text(h, draw);
  EXPECT_NE(shown.find("Wijziging geweigerd"), std::string::npos) << shown;
  EXPECT_NE(shown.find("te lang"), std::string::npos) << shown;
  h.click("notice/copy", draw);
  ASSERT_NE(ImGui::GetClipboardText(), nullptr);
  EXPECT_EQ(std::string(ImGui::GetClipboardText()), lost);
  // It stays (unlike other notices) until closed.
  h.click("notice/close", draw);
  for (auto& act : h.ui.todo.actions) act(loser);
  EXPECT_FALSE(loser.last_notice());
}

// Runs what the frames asked of the core (no ops on the start screen), as the app does.
void run_actions(headless& h, client_core& core) {
  auto todo = std::move(h.ui.todo);
  h.ui.todo = intents{};
  for (auto& a : todo.actions) a(core);
  EXPECT_TRUE(todo.ops.empty());
}

// Mo starting a new leerlijn: the start screen's second tab, filled in.
void fill_in_a_new_leerlijn(headless& h, const std::function<void()>& draw) {
  h.click("start/tab-new", draw);
  h.enter("start/name", "Mo Haddou", draw);
  h.enter("start/function", "zorgcoördinator", draw);
  h.enter("start/school", "Het Lyceum", draw);
  h.enter("start/youth", "Buurtwerk Zuid", draw);
}

// The start screen: the remembered server address, a team code and a profile typed in,
// "Deelnemen" clicked, and the core joins as that person; on the other tab a coordinator
// starts a new leerlijn.
TEST(StartScreen, JoinWithATeamCodeOrStartANewLeerlijn) {
  testing::scratch_dir dir("ui-start");  // outlives the cores writing into it
  testing::test_server server(dir / "server");
  client_core anna(testing::options_in(dir / "anna"));
  ASSERT_NO_FATAL_FAILURE(testing::start_leerlijn(anna, server));

  headless h;
  std::map<std::string, ImVec4, std::less<>> probe;
  h.ui.probe = &probe;

  {
    // Zoë's laptop knows the server's address from an earlier run, nobody on it yet.
    client_core zoe(testing::options_in(dir / "zoe"));
    zoe.use_server(server.url());
    ASSERT_EQ(zoe.phase(), session_phase::start);
    view_start start;
    const auto draw = [&] { start.draw(h.ui, zoe); };
    h.enter("start/code", anna.identity()->join_code.c_str(), draw);
    h.enter("start/name", "Zoë Çelik", draw);
    h.click("start/jongerenwerk", draw);
    h.enter("start/function", "jongerenwerker", draw);
    h.click("start/join", draw);
    run_actions(h, zoe);
    ASSERT_TRUE(zoe.run_until([&] { return zoe.live(); }, testing::patience));
    const person* me = zoe.my_person();
    ASSERT_NE(me, nullptr);
    EXPECT_EQ(me->name, "Zoë Çelik");
    EXPECT_EQ(me->org, organisation::jongerenwerk);
    EXPECT_EQ(me->function, "jongerenwerker");
    EXPECT_FALSE(me->coordinator);
    EXPECT_EQ(zoe.remembered().server, server.url());
  }
  {
    // Reopened: the kept token, the same person, no start screen.
    client_core zoe(testing::options_in(dir / "zoe"));
    ASSERT_TRUE(zoe.run_until([&] { return zoe.live(); }, testing::patience));
    EXPECT_EQ(zoe.my_person()->name, "Zoë Çelik");
    EXPECT_TRUE(anna.run_until([&] { return anna.state().team.size() == 2; }, testing::patience));
  }
  {
    client_core mo(testing::options_in(dir / "mo"));
    mo.use_server(server.url());
    view_start start;
    const auto draw = [&] { start.draw(h.ui, mo); };
    fill_in_a_new_leerlijn(h, draw);
    h.click("start/create", draw);
    run_actions(h, mo);
    ASSERT_TRUE(mo.run_until([&] { return mo.live(); }, testing::patience));
    EXPECT_TRUE(mo.is_coordinator());
    EXPECT_EQ(mo.state().partners.school, "Het Lyceum");
    EXPECT_EQ(mo.state().partners.youth_organisation, "Buurtwerk Zuid");
    EXPECT_NE(mo.identity()->join_code, anna.identity()->join_code) << "a leerlijn of its own";
  }
}

// An empty form names what is missing in reading order (your name before the school), the
// keyboard goes to the first of it, and each tab shows only its own problems: the team
// code the server refused on one tab is not the new leerlijn's problem.
TEST(StartScreen, AnEmptyFormAsksInReadingOrderAndEachTabKeepsItsOwnProblems) {
  testing::scratch_dir dir("ui-start-order");  // outlives the cores writing into it
  testing::test_server server(dir / "server");
  headless h;
  std::map<std::string, ImVec4, std::less<>> probe;
  h.ui.probe = &probe;
  client_core zoe(testing::options_in(dir / "zoe"));
  ASSERT_EQ(zoe.use_server(server.url()), "");
  view_start start;
  const auto draw = [&] { start.draw(h.ui, zoe); };

  h.click("start/tab-new", draw);
  h.click("start/create", draw);
  run_actions(h, zoe);
  std::string shown = shown_text(h, draw);
  EXPECT_NE(shown.find("Vul nog in: je naam, je functie, de naam van de school en de naam van "
                       "de jongerenwerkorganisatie."),
            std::string::npos)
      << shown;
  h.settle_focus(draw);
  h.type("Zoë Çelik", draw);
  EXPECT_EQ(h.field(), "Zoë Çelik") << "the keyboard went to the name, the first gap";

  h.click("start/tab-join", draw);
  h.enter("start/code", "ZZZZZ-ZZZZZ", draw);
  h.enter("start/function", "jongerenwerker", draw);
  h.click("start/join", draw);
  run_actions(h, zoe);
  ASSERT_TRUE(zoe.run_until(
      [&] { return zoe.phase() == session_phase::start && zoe.last_notice(); }, testing::patience));
  shown = shown_text(h, draw);
  EXPECT_NE(shown.find("teamcode is onbekend"), std::string::npos) << shown;
  h.click("start/tab-new", draw);
  run_actions(h, zoe);
  shown = shown_text(h, draw);
  EXPECT_EQ(shown.find("teamcode is onbekend"), std::string::npos) << shown;
  EXPECT_EQ(shown.find("Vul nog in"), std::string::npos) << "that was before; now it is asked anew";
}

// A wrong server address neither blocks the form nor loses it: what was typed survives a
// restart, and the corrected address is used at once.
TEST(StartScreen, TheFormIsKeptAndACorrectedAddressIsUsedAtOnce) {
  testing::scratch_dir dir("ui-start-kept");  // outlives the cores writing into it
  testing::test_server server(dir / "server");
  headless h;
  std::map<std::string, ImVec4, std::less<>> probe;
  h.ui.probe = &probe;
  {
    client_core mo(testing::options_in(dir / "mo"));
    ASSERT_EQ(mo.use_server("ws://127.0.0.1:1"), "") << "valid, but nobody listens there";
    view_start start;
    const auto draw = [&] { start.draw(h.ui, mo); };
    fill_in_a_new_leerlijn(h, draw);
    h.click("start/fresh", draw);
    h.click("start/create", draw);
    run_actions(h, mo);
    ASSERT_TRUE(mo.run_until([&] { return !mo.connection().last_error.empty(); }, 15s));
    const std::string shown = shown_text(h, draw);
    EXPECT_NE(shown.find("Klopt het serveradres?"), std::string::npos) << shown;
    EXPECT_EQ(mo.phase(), session_phase::registering);
  }
  // The app closed and opened again.
  client_core mo(testing::options_in(dir / "mo"));
  view_start start;
  const auto draw = [&] { start.draw(h.ui, mo); };
  h.look(draw);
  h.look(draw);
  ASSERT_TRUE(probe.contains("start/create")) << "the tab it was on";
  h.enter("start/server", server.url().c_str(), draw);
  h.click(ImVec2(5, 790), draw);  // elsewhere: the address is taken
  run_actions(h, mo);
  EXPECT_EQ(mo.remembered().server, server.url());
  h.click("start/create", draw);  // nothing retyped
  run_actions(h, mo);
  ASSERT_TRUE(mo.run_until([&] { return mo.live(); }, testing::patience));
  EXPECT_EQ(mo.state().partners.school, "Het Lyceum");
  EXPECT_EQ(mo.state().partners.youth_organisation, "Buurtwerk Zuid");
  EXPECT_EQ(mo.state().partners.kind, cooperation::fresh);
  EXPECT_EQ(mo.my_person()->function, "zorgcoördinator");
}

// The start form by keyboard alone: Tab goes through every field and choice in reading
// order (the radio buttons too), Space chooses, Enter submits.
TEST(StartScreen, TheKeyboardAloneFillsInAndSubmitsTheForm) {
  testing::scratch_dir dir("ui-start-keys");  // outlives the cores writing into it
  testing::test_server server(dir / "server");
  client_core anna(testing::options_in(dir / "anna"));
  ASSERT_NO_FATAL_FAILURE(testing::start_leerlijn(anna, server));
  headless h;
  std::map<std::string, ImVec4, std::less<>> probe;
  h.ui.probe = &probe;
  client_core zoe(testing::options_in(dir / "zoe"));
  ASSERT_EQ(zoe.use_server(server.url()), "");
  view_start start;
  const auto draw = [&] { start.draw(h.ui, zoe); };
  h.enter("start/code", anna.identity()->join_code.c_str(), draw);
  h.press(ImGuiKey_Tab, draw);
  h.type("Zoë Çelik", draw);
  h.press(ImGuiKey_Tab, draw);  // School
  EXPECT_FALSE(GImGui->NavDisableHighlight) << "the focus frame shows where Tab landed";
  EXPECT_NE(GImGui->NavId, 0u);
  h.press(ImGuiKey_Tab, draw);  // Jongerenwerk
  h.press(ImGuiKey_Space, draw);
  h.press(ImGuiKey_Tab, draw);  // Functie
  h.type("jongerenwerker", draw);
  h.press(ImGuiKey_Tab, draw);  // Uitvoerder
  h.press(ImGuiKey_Tab, draw);  // Manager
  h.press(ImGuiKey_Space, draw);
  h.press(ImGuiKey_Enter, draw);
  run_actions(h, zoe);
  ASSERT_TRUE(zoe.run_until([&] { return zoe.live(); }, testing::patience));
  const person* me = zoe.my_person();
  ASSERT_NE(me, nullptr);
  EXPECT_EQ(me->name, "Zoë Çelik");
  EXPECT_EQ(me->org, organisation::jongerenwerk);
  EXPECT_EQ(me->function, "jongerenwerker");
  EXPECT_EQ(me->level, staff_level::manager);
}

// The meeting view of the coordinator and of a team member side by side: her clicks on
// the agenda, the timer and the roles become ops that reach him; he sees the same place
// without the controls, may look at another item and comes back with one click, and the
// tabs below the document answer a click.
TEST(MeetingView, TheCoordinatorLeadsOthersFollowAndMayLookElsewhere) {
  testing::scratch_dir dir("ui-meeting");  // outlives the cores writing into it
  testing::test_server server(dir / "server");
  client_core anna(testing::options_in(dir / "anna"));
  ASSERT_NO_FATAL_FAILURE(testing::start_leerlijn(anna, server));
  client_core bram(testing::options_in(dir / "bram"));
  ASSERT_NO_FATAL_FAILURE(testing::join_team(bram, server, anna, testing::bram_ozturk));
  ASSERT_FALSE(anna.start_meeting(0));
  ASSERT_NO_FATAL_FAILURE(testing::settle(anna));

  headless h;
  std::map<std::string, ImVec4, std::less<>> probe;
  h.ui.probe = &probe;
  view_meeting hers;
  view_meeting his;
  const auto as_anna = [&] {
    h.ui.core = &anna;
    hers.draw(h.ui, anna);
  };
  const auto as_bram = [&] {
    h.ui.core = &bram;
    his.draw(h.ui, bram);
  };
  // Anna's clicks, applied as the app does after a frame; Bram hears of them.
  const auto apply = [&] {
    auto todo = std::move(h.ui.todo);
    h.ui.todo = intents{};
    for (auto& o : todo.ops) EXPECT_FALSE(anna.submit(o)) << op_name(o);
    EXPECT_NO_FATAL_FAILURE(testing::settle(anna));
    EXPECT_TRUE(bram.run_until([&] { return bram.seq() == anna.seq(); }, testing::patience));
    return todo.ops;
  };
  const auto session = [&](const client_core& c) -> const live_session& {
    return c.state().meetings[0].session;
  };
  ASSERT_TRUE(bram.run_until([&] { return bram.seq() == anna.seq(); }, testing::patience));

  // The next item, for everyone.
  h.click("meeting/next", as_anna);
  auto ops = apply();
  ASSERT_EQ(ops.size(), 1u);
  EXPECT_EQ(std::get<op::goto_agenda_item>(ops[0]).index, 1);
  EXPECT_EQ(session(bram).agenda_index, 1);
  EXPECT_EQ(his.shown_item(bram, 0), 1) << "Bram follows the coordinator";

  // The timer: paused, started again, extended by five minutes.
  ASSERT_TRUE(session(anna).timer.running);
  h.click("meeting/timer", as_anna);
  ops = apply();
  ASSERT_EQ(ops.size(), 1u);
  EXPECT_EQ(std::get<op::control_timer>(ops[0]).action, timer_action::pause);
  EXPECT_FALSE(session(bram).timer.running);
  h.click("meeting/timer", as_anna);
  ops = apply();
  ASSERT_EQ(ops.size(), 1u);
  EXPECT_EQ(std::get<op::control_timer>(ops[0]).action, timer_action::start);
  EXPECT_TRUE(session(bram).timer.running);
  h.click("meeting/extend", as_anna);
  ASSERT_EQ(apply().size(), 1u);
  EXPECT_EQ(session(bram).timer.extra_minutes, 5);

  // Bram becomes invuller: the combo, then his name in it.
  h.click("role/Invuller", as_anna);
  h.look(as_anna);  // a popup finds its place after its first frame
  ASSERT_TRUE(probe.contains("role/Invuller/" + std::to_string(bram.me())));
  const ImVec4 option = probe.at("role/Invuller/" + std::to_string(bram.me()));
  h.click(ImVec2((option.x + option.z) / 2, (option.y + option.w) / 2), as_anna);
  ops = apply();
  ASSERT_EQ(ops.size(), 1u);
  EXPECT_EQ(session(bram).invuller, bram.me());

  // Bram sees the agenda and the minutes, not the coordinator's controls.
  h.look(as_bram);
  EXPECT_TRUE(probe.contains("agenda/0"));
  // The minutes pane follows the item shown: what was said there is there for everyone.
  EXPECT_TRUE(probe.contains("minutes/0/1")) << "the minutes are there for everyone to read";
  for (const char* control : {"meeting/next", "meeting/previous", "meeting/timer", "meeting/extend",
                              "role/Invuller", "role/Notulist"})
    EXPECT_FALSE(probe.contains(control)) << control;
  EXPECT_TRUE(bram.goto_agenda_item(0, 2).has_value()) << "the rules refuse it to him too";

  // He looks at item 4 on his own, which his screen says plainly, then goes back to where
  // the meeting is.
  h.click("agenda/3", as_bram);
  EXPECT_EQ(his.shown_item(bram, 0), 3);
  EXPECT_EQ(hers.shown_item(anna, 0), 1) << "nobody else moved";
  h.look(as_bram);
  EXPECT_TRUE(probe.contains("lead/private"));
  EXPECT_FALSE(probe.contains("lead/show-all")) << "only the coordinator takes everyone along";
  h.click("meeting/follow", as_bram);
  EXPECT_EQ(his.shown_item(bram, 0), 1);
  h.look(as_bram);
  EXPECT_FALSE(probe.contains("meeting/follow")) << "nothing to go back to";
  EXPECT_FALSE(probe.contains("lead/private"));

  // The coordinator's own look elsewhere is private too, and visibly so; from there one
  // click takes everyone along. She is never offered to go back to herself.
  h.click("agenda/3", as_anna);
  EXPECT_TRUE(h.ui.todo.empty()) << "clicking the agenda moves only her own view";
  EXPECT_EQ(hers.shown_item(anna, 0), 3);
  std::string shown = shown_text(h, as_anna);
  EXPECT_NE(shown.find("Alleen jij kijkt hier"), std::string::npos) << shown;
  EXPECT_EQ(shown.find("Terug naar de coördinator"), std::string::npos) << shown;
  h.click("lead/show-all", as_anna);
  ops = apply();
  ASSERT_EQ(ops.size(), 1u);
  EXPECT_EQ(std::get<op::goto_agenda_item>(ops[0]).index, 3);
  EXPECT_EQ(session(bram).agenda_index, 3);
  EXPECT_EQ(hers.shown_item(anna, 0), 3);
  EXPECT_EQ(his.shown_item(bram, 0), 3);

  // Page Down (a presenter's clicker) moves the meeting on; Page Up back.
  h.press(ImGuiKey_PageDown, as_anna);
  ops = apply();
  ASSERT_EQ(ops.size(), 1u);
  EXPECT_EQ(session(bram).agenda_index, 4);
  h.press(ImGuiKey_PageUp, as_anna);
  ops = apply();
  ASSERT_EQ(ops.size(), 1u);
  EXPECT_EQ(session(bram).agenda_index, 3);
  h.press(ImGuiKey_PageDown, as_bram);
  EXPECT_TRUE(h.ui.todo.empty()) << "only the coordinator leads";

  // The chat tab below the document opens on a click.
  EXPECT_FALSE(probe.contains("chat-input"));
  h.click("tab-chat", as_bram);
  h.look(as_bram);
  EXPECT_TRUE(probe.contains("chat-input"));
  EXPECT_TRUE(h.ui.todo.empty()) << "looking around asks the server for nothing";
}

// The timer speaks whole minutes, as the agenda plans them: used against planned, what is
// left, and overtime in so many words.
TEST(AgendaClock, UsedAndPlannedInMinutesWithWhatIsLeft) {
  const auto two_hours = clock_of(133'000, 7'200'000);
  EXPECT_EQ(two_hours.used_of_planned, "2 van 120 min");
  EXPECT_EQ(two_hours.left, "nog 118 min");
  EXPECT_FALSE(two_hours.over);
  const auto short_item = clock_of(65'000, 300'000);
  EXPECT_EQ(short_item.used_of_planned, "1 van 5 min");
  EXPECT_EQ(short_item.left, "nog 4 min") << "3:55 left: the fourth minute has begun";
  const auto last_seconds = clock_of(299'000, 300'000);
  EXPECT_EQ(last_seconds.left, "nog 1 min") << "not 0 while there is time left";
  const auto over = clock_of(490'000, 300'000);
  EXPECT_EQ(over.used_of_planned, "8 van 5 min");
  EXPECT_EQ(over.left, "4 min over tijd");
  EXPECT_TRUE(over.over);
  EXPECT_FLOAT_EQ(over.share, 1.0f);
  EXPECT_EQ(clock_of(300'000, 300'000).left, "1 min over tijd") << "over as soon as it is";
  EXPECT_EQ(clock_of(7'499'000, 7'200'000).left, "5 min over tijd");
}

// The words change only at a whole minute used, so an idle screen draws once a minute: just
// before it they are the old ones, at it the new ones.
TEST(AgendaClock, ChangesAtTheNextWholeMinuteOnly) {
  for (const std::int64_t used : {0LL, 1LL, 59'999LL, 60'000LL, 133'000LL, 299'500LL}) {
    const std::int64_t wait = until_clock_changes(used);
    ASSERT_GT(wait, 0) << used;
    ASSERT_LE(wait, 60'000) << used;
    const auto now = clock_of(used, 300'000);
    const auto before = clock_of(used + wait - 1, 300'000);
    const auto after = clock_of(used + wait, 300'000);
    EXPECT_EQ(before.used_of_planned, now.used_of_planned) << used;
    EXPECT_EQ(before.left, now.left) << used;
    EXPECT_NE(after.used_of_planned, now.used_of_planned) << used;
    EXPECT_NE(after.left, now.left) << used;
  }
}

// ---- Layouts measured with the app's own fonts ----

// Whether `inner` lies within `outer` (min x, min y, max x, max y), give or take a pixel.
bool inside(const ImVec4& inner, const ImVec4& outer) {
  return inner.x >= outer.x - 1 && inner.y >= outer.y - 1 && inner.z <= outer.z + 1 &&
         inner.w <= outer.w + 1;
}
bool overlap(const ImVec4& a, const ImVec4& b) {
  return a.x < b.z && b.x < a.z && a.y < b.w && b.y < a.w;
}

// Rating an onderdeel or opening a cell to type in moves no row: the next click lands where
// the eye aimed. ("redelijk of helemaal" wrapped in the rating column, and the field opened
// a line taller than the text it replaced.)
TEST(Layout, RatingOrOpeningACellMovesNoRow) {
  testing::scratch_dir dir("ui-rows");  // outlives the core writing into it
  testing::test_server server(dir / "server");
  client_core anna(testing::options_in(dir / "anna"));
  ASSERT_NO_FATAL_FAILURE(testing::start_leerlijn(anna, server));
  ASSERT_FALSE(anna.start_meeting(0));
  ASSERT_FALSE(anna.edit_text(cell, {{0, 0, "Wekelijks overleg tussen mentor en jongerenwerker"}}));
  ASSERT_NO_FATAL_FAILURE(testing::settle(anna));

  headless h(true);
  std::map<std::string, ImVec4, std::less<>> probe;
  h.ui.probe = &probe;
  h.ui.core = &anna;
  view_document document;
  const auto draw = [&] { document.draw_document(h.ui, anna, document_id::signalering_begin); };
  const auto rows = [&] {
    h.look(draw);
    std::vector<ImVec4> out;
    for (int row = 0; row < 10; ++row) {
      const auto it = probe.find("text/0/" + std::to_string(row) + "/0");
      out.push_back(it == probe.end() ? ImVec4(-1, -1, -1, -1) : it->second);
    }
    return out;
  };
  const auto same = [](const std::vector<ImVec4>& a, const std::vector<ImVec4>& b) {
    for (std::size_t i = 0; i < a.size(); ++i)
      if (a[i].x != b[i].x || a[i].y != b[i].y || a[i].z != b[i].z || a[i].w != b[i].w)
        return false;
    return true;
  };
  const auto before = rows();
  ASSERT_GT(before[3].w, 0) << "the fourth row was drawn";
  for (int value = 1; value <= 3; ++value) {
    ASSERT_FALSE(anna.set_rating(document_id::signalering_begin, 1, value));
    EXPECT_TRUE(same(rows(), before)) << "rated " << value;
  }
  h.click("text/0/0/0", draw);
  for (int i = 0; i < 3; ++i) h.frame(draw);
  ASSERT_NE(ImGui::GetActiveID(), 0u) << "the cell opened";
  EXPECT_TRUE(same(rows(), before)) << "the open field is as tall as the text was";
}

// "… typt…" sits beside the text being typed (on the cell's border, above its first line),
// never over it.
TEST(Layout, WhoIsTypingShowsBesideTheTextNotOverIt) {
  testing::scratch_dir dir("ui-typing-badge");  // outlives the cores writing into it
  testing::test_server server(dir / "server");
  client_core anna(testing::options_in(dir / "anna"));
  ASSERT_NO_FATAL_FAILURE(testing::start_leerlijn(anna, server));
  client_core bram(testing::options_in(dir / "bram"));
  ASSERT_NO_FATAL_FAILURE(testing::join_team(bram, server, anna, testing::bram_ozturk));
  ASSERT_FALSE(anna.start_meeting(0));
  ASSERT_FALSE(anna.edit_text(cell, {{0, 0, "Wekelijks overleg tussen mentor en jongerenwerker"}}));
  ASSERT_NO_FATAL_FAILURE(testing::settle(anna));
  bram.set_focus(cell);
  ASSERT_TRUE(anna.run_until(
      [&] {
        bram.poll();
        return !anna.editing(cell).empty();
      },
      testing::patience));

  for (bool writer : {true, false}) {
    SCOPED_TRACE(writer ? "as the one who may write" : "as a reader");
    headless h(true);
    std::map<std::string, ImVec4, std::less<>> probe;
    h.ui.probe = &probe;
    h.ui.core = &anna;
    text_cell widget;
    const std::string text = *replica::text_at(anna.state(), cell);
    h.look([&] {
      ImGui::SetCursorPos(ImVec2(20, 60));
      widget.draw("c", cell, text, writer, 300, 56, h.ui);
    });
    ASSERT_TRUE(probe.contains("typing/text/0/0/0"));
    const ImVec4 badge = probe.at("typing/text/0/0/0");
    EXPECT_FALSE(overlap(badge, probe.at("text/0/0/0/lines"))) << "the badge covers the text";
    EXPECT_GE(badge.z, badge.x + 20) << "and it is there to read";
  }
}

// On a small laptop the team table's buttons, while adding or changing someone, stay inside
// their column ("Annuleren" was cut off).
TEST(Layout, TheTeamTablesButtonsFitOnASmallLaptop) {
  testing::scratch_dir dir("ui-team");  // outlives the core writing into it
  testing::test_server server(dir / "server");
  client_core anna(testing::options_in(dir / "anna"));
  ASSERT_NO_FATAL_FAILURE(testing::start_leerlijn(anna, server));
  headless h(true, ImVec2(1000, 640));
  std::map<std::string, ImVec4, std::less<>> probe;
  std::map<std::string, placement, std::less<>> parents;
  h.ui.probe = &probe;
  h.ui.parents = &parents;
  view_participants team;
  const auto draw = [&] { team.draw_team(h.ui, anna); };
  h.click("team/new", draw);
  h.click("team/edit" + std::to_string(anna.me()), draw);
  h.look(draw);
  for (const char* name : {"team/add", "team/cancel-new", "team/save", "team/cancel-edit"}) {
    ASSERT_TRUE(probe.contains(name)) << name;
    EXPECT_TRUE(inside(probe.at(name), parents.at(name).clip)) << name << " is cut off";
  }
}

// A popup that just opened is hidden for a frame while Dear ImGui measures it, and drawn
// elsewhere after: its parts are marked only once they are where a click finds them. The
// browser's export test clicked "Opslaan" where the hidden frame had put it, and missed.
TEST(Marks, APopupIsMarkedOnlyOnceItIsPlaced) {
  headless h;
  std::map<std::string, ImVec4, std::less<>> probe;
  h.ui.probe = &probe;
  bool open = false;
  const auto draw = [&] {
    if (open) {
      ImGui::OpenPopup("dialog");
      open = false;
    }
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (ImGui::BeginPopupModal("dialog", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
      ImGui::Button("Opslaan", ImVec2(140, 0));
      mark(h.ui, "dialog/save");
      ImGui::EndPopup();
    }
  };
  h.frame(draw);
  open = true;
  probe.clear();
  h.frame(draw);
  EXPECT_FALSE(probe.contains("dialog/save")) << "marked in the frame the popup is hidden";
  h.frame(draw);
  ASSERT_TRUE(probe.contains("dialog/save"));
  const ImVec4 first = probe.at("dialog/save");
  h.frame(draw);
  const ImVec4 placed = probe.at("dialog/save");
  EXPECT_EQ(first.x, placed.x);
  EXPECT_EQ(first.y, placed.y);
}

// The vote panel turns clicks into the vote's ops, and shows what the state says.
TEST(VoteView, OpenCastAndDecideBecomeTheVotesOps) {
  testing::scratch_dir dir("ui-vote");  // outlives the core writing into it
  testing::test_server server(dir / "server");
  client_core anna(testing::options_in(dir / "anna"));
  ASSERT_NO_FATAL_FAILURE(testing::start_leerlijn(anna, server, cooperation::existing));
  ASSERT_FALSE(anna.start_meeting(0));
  ASSERT_FALSE(anna.goto_agenda_item(0, 4));  // the Signaleringsinstrument
  ASSERT_TRUE(anna.run_until([&] { return anna.waiting_changes() == 0; }, 15s));

  headless h;
  std::map<std::string, ImVec4, std::less<>> probe;
  h.ui.probe = &probe;
  view_meeting meeting;
  const auto draw = [&] { meeting.draw(h.ui, anna); };
  // Applies what the clicks asked for, as the app does after a frame.
  const auto apply = [&] {
    auto todo = std::move(h.ui.todo);
    h.ui.todo = intents{};
    for (auto& o : todo.ops) EXPECT_FALSE(anna.submit(o));
    EXPECT_TRUE(anna.run_until([&] { return anna.waiting_changes() == 0; }, 15s));
    return todo.ops;
  };

  h.frame(draw);
  ASSERT_TRUE(probe.contains("vote-open"));
  h.click(h.centre("vote-open"), draw);
  auto ops = apply();
  ASSERT_EQ(ops.size(), 1u);
  const auto* open = std::get_if<op::open_vote>(&ops[0]);
  ASSERT_NE(open, nullptr);
  EXPECT_EQ(open->document, document_id::signalering_begin);
  EXPECT_EQ(open->row, 0);
  EXPECT_TRUE(anna.state().meetings[0].session.vote.open);

  probe.clear();
  h.frame(draw);
  ASSERT_TRUE(probe.contains("vote-cast-2"));
  h.click(h.centre("vote-cast-2"), draw);
  ops = apply();
  ASSERT_EQ(ops.size(), 1u);
  EXPECT_EQ(std::get<op::cast_vote>(ops[0]).value, 2);
  // Anna is the only one online: with her ballot everyone has voted, the server reveals.
  ASSERT_TRUE(anna.run_until([&] { return anna.state().meetings[0].session.vote.revealed; }, 15s));

  probe.clear();
  h.frame(draw);
  EXPECT_FALSE(probe.contains("vote-cast-2")) << "no more voting after the reveal";
  ASSERT_TRUE(probe.contains("vote-decide-2"));
  h.click(h.centre("vote-decide-2"), draw);
  ops = apply();
  ASSERT_EQ(ops.size(), 1u);
  EXPECT_EQ(std::get<op::close_vote>(ops[0]).decided, 2);
  EXPECT_EQ(anna.state().documents[0].rows[0].rating, 2);
  ASSERT_EQ(anna.state().votes.size(), 1u);
  EXPECT_EQ(anna.state().votes[0].distribution, (std::array<int, 3>{0, 1, 0}));
}

// ---- The whole leerlijn: schedule, preparation, carry-over, comparison, documents ----

// A headless frame as tall as a long overview, clicks found through ui.probe, and the ops
// the views ask for applied by a real core against a real server, as the app does.
class leerlijn_screens : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(testing::start_leerlijn(anna_, server_));
    client_core bram(testing::options_in(dir_ / "bram"));
    ASSERT_NO_FATAL_FAILURE(testing::join_team(bram, server_, anna_, testing::bram_ozturk));
    bram_ = bram.me();
    ImGui::GetIO().DisplaySize = ImVec2(1200, 4000);
    h_.ui.probe = &probe_;
    h_.ui.today = "2026-10-20";
  }

  // Holds the meetings up to `through` (0-based, inclusive) with known ratings and actions.
  void hold_until(int through) {
    ASSERT_FALSE(anna_.submit(op::plan_from_start{"2026-09-07"}));
    ASSERT_FALSE(anna_.submit(op::set_precondition{0, true}));
    ASSERT_FALSE(anna_.submit(op::set_precondition{2, true}));
    const int begin[] = {2, 1, 3, 2, 1, 2, 3, 2, 2, 0};
    const int end[] = {3, 1, 3, 3, 2, 2, 2, 3, 3, 2};
    for (int m = 0; m <= through; ++m) {
      ASSERT_FALSE(anna_.start_meeting(m));
      if (m == 0) {
        for (int row = 0; row < 10; ++row) {
          if (begin[row] != 0) {
            ASSERT_FALSE(anna_.set_rating(document_id::signalering_begin, row, begin[row]));
          }
        }
      }
      if (m == 1) {
        ASSERT_FALSE(anna_.edit_text({false, 0, document_id::actieplan, 1, 0},
                                     {{0, 0, "Wie doet wat bij een incident?"}}));
        ASSERT_FALSE(
            anna_.submit(op::add_action{1, "Taakverdeling op papier", bram_, "2026-10-01"}));
        ASSERT_FALSE(anna_.submit(
            op::add_action{4, "Coördinator stelt zich voor", anna_.me(), "2026-11-15"}));
        ASSERT_FALSE(anna_.submit(op::add_action{0, "Gezamenlijke jaarplanning", no_person, ""}));
      }
      if (m == 3) {
        for (int row = 0; row < 10; ++row)
          ASSERT_FALSE(anna_.set_rating(document_id::signalering_eind, row, end[row]));
      }
      ASSERT_FALSE(anna_.end_meeting(m));
    }
    settle();
  }

  void settle() {
    ASSERT_TRUE(anna_.run_until([&] { return anna_.waiting_changes() == 0; }, 15s));
  }
  void click(const std::string& name, const std::function<void()>& draw) { h_.click(name, draw); }
  // Clicks a shared text and types into it once the field has taken the keyboard.
  void write_in(const std::string& name, const char* text, const std::function<void()>& draw) {
    click(name, draw);
    for (int i = 0; i < 5 && ImGui::GetActiveID() == 0; ++i) h_.frame(draw);
    h_.type(text, draw);
  }
  // What the frames asked for, applied by the core.
  std::vector<operation> apply() {
    auto todo = std::move(h_.ui.todo);
    h_.ui.todo = intents{};
    for (auto& a : todo.actions) a(anna_);
    for (auto& o : todo.ops) EXPECT_FALSE(anna_.submit(o)) << op_name(o);
    settle();
    return todo.ops;
  }
  template <class T>
  static std::optional<T> only(const std::vector<operation>& ops) {
    EXPECT_EQ(ops.size(), 1u);
    if (ops.size() != 1 || !std::holds_alternative<T>(ops[0])) return std::nullopt;
    return std::get<T>(ops[0]);
  }

  testing::scratch_dir dir_{"ui-leerlijn"};  // outlives the cores writing into it
  testing::test_server server_{dir_ / "server"};
  client_core anna_{testing::options_in(dir_ / "anna")};
  person_id bram_ = no_person;
  headless h_;
  std::map<std::string, ImVec4, std::less<>> probe_;
};

TEST_F(leerlijn_screens, ThePlanComesFromAStartDateAndDatesMoveByAWeek) {
  view_schedule schedule;
  const auto draw = [&] { schedule.draw(h_.ui, anna_); };
  // A start date typed into the field, then "Plan de vier bijeenkomsten".
  h_.enter("schedule/start", "2026-09-07", draw);
  click("schedule/plan", draw);
  const auto ops = apply();
  const auto plan = only<op::plan_from_start>(ops);
  ASSERT_TRUE(plan.has_value());
  EXPECT_EQ(plan->start_date, "2026-09-07");
  const trajectory& t = anna_.state();
  EXPECT_EQ(t.meetings[1].planned_date, "2026-09-21");  // week 3
  EXPECT_EQ(t.meetings[2].planned_date, "2026-11-02");  // week 9
  EXPECT_EQ(t.meetings[3].planned_date, "2026-12-28");  // week 17

  click("schedule/later2", draw);
  const auto moved = only<op::schedule_meeting>(apply());
  ASSERT_TRUE(moved.has_value());
  EXPECT_EQ(moved->meeting, 2);
  EXPECT_EQ(anna_.state().meetings[2].planned_date, "2026-11-09");

  // No extra evaluation meeting before the final one has been held.
  probe_.clear();
  h_.frame(draw);
  EXPECT_FALSE(probe_.contains("extra/add"));
}

// The seed plans the Actieplanbijeenkomst within two weeks of the Signaleringsbijeenkomst
// (the content says so): later, the planning says it; other meetings have no such advice.
TEST_F(leerlijn_screens, TheActieplanbijeenkomstLaterThanTwoWeeksIsPointedOut) {
  ASSERT_FALSE(anna_.submit(op::plan_from_start{"2026-11-02"}));
  settle();  // dates after today (20 oktober): none is past
  view_schedule schedule;
  const auto draw = [&] { schedule.draw(h_.ui, anna_); };
  const std::string note =
      "Meer dan twee weken na de signaleringsbijeenkomst; de leerlijn raadt binnen twee weken aan.";
  EXPECT_EQ(shown_text(h_, draw).find(note), std::string::npos) << "week 3 is within two weeks";
  ASSERT_FALSE(anna_.submit(op::schedule_meeting{1, "2026-11-17", meeting_mode::fysiek}));
  settle();
  EXPECT_NE(shown_text(h_, draw).find(note), std::string::npos);
  // The Terugkombijeenkomst weeks after the Actieplanbijeenkomst is as the seed plans it.
  EXPECT_EQ(shown_text(h_, draw).find("na de actieplanbijeenkomst"), std::string::npos);
}

// Starting pulls everyone into a meeting: a finished one asks first, a later one warns
// about the order, and the natural next one starts at once.
TEST_F(leerlijn_screens, StartingAFinishedOrALaterMeetingAsksFirst) {
  ASSERT_NO_FATAL_FAILURE(hold_until(0));
  view_meeting meeting;
  const auto draw = [&] { meeting.draw(h_.ui, anna_); };
  h_.ui.selected_meeting = -1;

  click("choice/start0", draw);
  EXPECT_TRUE(h_.ui.todo.ops.empty()) << "a finished meeting is not reopened on one click";
  h_.look(draw);
  ASSERT_TRUE(probe_.contains("start/confirm"));
  EXPECT_NE(start_warning(anna_.state(), 0).find("al afgerond"), std::string::npos);
  click("start/cancel", draw);
  h_.look(draw);
  EXPECT_FALSE(probe_.contains("start/confirm"));
  EXPECT_TRUE(h_.ui.todo.ops.empty());

  click("choice/start2", draw);
  EXPECT_TRUE(h_.ui.todo.ops.empty());
  EXPECT_NE(start_warning(anna_.state(), 2)
                .find("Bijeenkomst 2 (Actieplanbijeenkomst) is nog niet gehouden"),
            std::string::npos)
      << start_warning(anna_.state(), 2);
  click("start/confirm", draw);
  const auto later = only<op::start_meeting>(h_.ui.todo.ops);
  ASSERT_TRUE(later.has_value());
  EXPECT_EQ(later->meeting, 2);
  h_.ui.todo = intents{};

  EXPECT_EQ(start_warning(anna_.state(), 1), "");
  h_.ui.selected_meeting = -1;
  click("choice/start1", draw);
  const auto next = only<op::start_meeting>(h_.ui.todo.ops);
  ASSERT_TRUE(next.has_value()) << "the next meeting starts without a question";
  EXPECT_EQ(next->meeting, 1);
}

// Everyone follows the meeting: into it when it starts; when it is closed, to the overview
// with the next meeting, its date and the open actions (not an empty "no meeting" page).
TEST_F(leerlijn_screens, AfterClosingAMeetingEveryoneSeesWhatComesNext) {
  ASSERT_NO_FATAL_FAILURE(hold_until(1));
  int last_active = -1;
  h_.ui.current = screen::overview;
  ASSERT_FALSE(anna_.start_meeting(2));
  settle();
  follow_the_meeting(h_.ui, anna_.state(), last_active);
  EXPECT_EQ(h_.ui.current, screen::meeting);
  EXPECT_EQ(last_active, 2);
  follow_the_meeting(h_.ui, anna_.state(), last_active);
  EXPECT_EQ(h_.ui.current, screen::meeting) << "nothing changed, nobody moves";

  ASSERT_FALSE(anna_.end_meeting(2));
  settle();
  follow_the_meeting(h_.ui, anna_.state(), last_active);
  EXPECT_EQ(h_.ui.current, screen::overview);
  view_overview overview;
  const std::string shown = shown_text(h_, [&] { overview.draw(h_.ui, anna_); });
  EXPECT_NE(shown.find("De Terugkombijeenkomst is afgerond"), std::string::npos) << shown;
  EXPECT_NE(shown.find("4. Eindevaluatiebijeenkomst"), std::string::npos) << shown;
  EXPECT_NE(shown.find(dutch_date(anna_.state().meetings[3].planned_date)), std::string::npos);
  EXPECT_NE(shown.find("3 open acties"), std::string::npos) << shown;

  // The meeting tab, with nothing running, says what comes next too.
  view_meeting meeting;
  h_.ui.current = screen::meeting;
  h_.look([&] { meeting.draw(h_.ui, anna_); });
  EXPECT_TRUE(probe_.contains("choice/next"));

  // Someone who was reading another screen when it closed stays there.
  ASSERT_FALSE(anna_.start_meeting(3));
  settle();
  follow_the_meeting(h_.ui, anna_.state(), last_active);
  h_.ui.current = screen::documents;
  ASSERT_FALSE(anna_.end_meeting(3));
  settle();
  follow_the_meeting(h_.ui, anna_.state(), last_active);
  EXPECT_EQ(h_.ui.current, screen::documents);
}

// Roles tend to stay with the same people: the next meeting offers last time's notulist
// and invuller with one click each, until someone is chosen.
TEST_F(leerlijn_screens, TheRolesOfTheLastMeetingAreOffered) {
  ASSERT_FALSE(anna_.start_meeting(0));
  ASSERT_FALSE(anna_.assign_role(0, meeting_role::notulist, bram_));
  ASSERT_FALSE(anna_.assign_role(0, meeting_role::invuller, anna_.me()));
  ASSERT_FALSE(anna_.end_meeting(0));
  ASSERT_FALSE(anna_.start_meeting(1));
  settle();
  view_meeting meeting;
  const auto draw = [&] { meeting.draw(h_.ui, anna_); };
  h_.look(draw);
  ASSERT_TRUE(probe_.contains("role/Notulist/previous"));
  ASSERT_TRUE(probe_.contains("role/Invuller/previous"));
  EXPECT_NE(shown_text(h_, draw).find("Bram Öztürk (vorige keer)"), std::string::npos);
  click("role/Notulist/previous", draw);
  const auto notulist = only<op::assign_role>(apply());
  ASSERT_TRUE(notulist.has_value());
  EXPECT_EQ(notulist->meeting, 1);
  EXPECT_EQ(notulist->role, meeting_role::notulist);
  EXPECT_EQ(notulist->person, bram_);
  h_.look(draw);
  EXPECT_FALSE(probe_.contains("role/Notulist/previous")) << "chosen: nothing more to offer";
  EXPECT_TRUE(probe_.contains("role/Invuller/previous"));
}

// A meeting planned in a school holiday finds few teachers at school: the plan says so before
// it is made, the schedule beside the date, the afsluiting when the next date is agreed.
TEST_F(leerlijn_screens, ADateInASchoolHolidayIsPointedOut) {
  EXPECT_EQ(holiday_note("2026-10-20"),
            "Let op: deze datum valt in de herfstvakantie (regio midden en zuid).");
  EXPECT_EQ(holiday_note("2026-12-28", "de Eindevaluatiebijeenkomst"),
            "Let op: de Eindevaluatiebijeenkomst valt in de kerstvakantie (alle regio’s).");
  EXPECT_EQ(holiday_note("2026-09-07"), "");

  view_schedule schedule;
  const auto draw = [&] { schedule.draw(h_.ui, anna_); };
  h_.enter("schedule/start", "2026-09-07", draw);  // the final evaluation falls on 28 december
  h_.look(draw);
  EXPECT_TRUE(probe_.contains("plan/holiday3"));
  EXPECT_FALSE(probe_.contains("plan/holiday0"));
  click("schedule/plan", draw);
  apply();
  ASSERT_FALSE(anna_.submit(op::schedule_meeting{1, "2026-10-20", meeting_mode::fysiek}));
  settle();
  h_.look(draw);
  EXPECT_TRUE(probe_.contains("schedule/holiday1"));
  EXPECT_TRUE(probe_.contains("schedule/holiday3"));
  EXPECT_FALSE(probe_.contains("schedule/holiday2"));

  view_document document;
  const auto& agenda = template_of(anna_.state().meetings[0]).agenda;
  h_.look([&] { document.draw(h_.ui, anna_, 0, agenda.back()); });
  EXPECT_TRUE(probe_.contains("next/holiday")) << "the next meeting is on 20 oktober";
}

TEST_F(leerlijn_screens, PreconditionsAndTheTeamFromTheOverview) {
  ASSERT_NO_FATAL_FAILURE(hold_until(-1));
  view_overview overview;
  const auto draw = [&] { overview.draw(h_.ui, anna_); };
  click("precondition1", draw);
  const auto met = only<op::set_precondition>(apply());
  ASSERT_TRUE(met.has_value());
  EXPECT_EQ(met->index, 1);
  EXPECT_TRUE(met->met);
  EXPECT_EQ(anna_.state().preconditions, (std::array<bool, 3>{true, true, true}));

  // A team member who does not use the app, for the representation check and as an owner.
  click("team/new", draw);
  h_.enter("new/name", "Mo Haddou", draw);
  h_.enter("new/function", "mentor", draw);
  click("team/add", draw);
  const auto added = only<op::add_person>(apply());
  ASSERT_TRUE(added.has_value());
  EXPECT_EQ(added->value.name, "Mo Haddou");
  EXPECT_EQ(added->value.function, "mentor");
  EXPECT_EQ(added->value.org, organisation::school);
  EXPECT_EQ(anna_.state().team.size(), 3u);

  // Bram becomes the second coordinator.
  click("team/coordinator" + std::to_string(bram_), draw);
  const auto second = only<op::set_coordinator>(apply());
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->person, bram_);
  EXPECT_TRUE(find_person(anna_.state(), bram_)->coordinator);
}

// The coordinator takes someone off the team (and renews the team code with it) and makes a
// new coordinator code, each after a question; the app then shows the new codes.
TEST_F(leerlijn_screens, TheCoordinatorTakesSomeoneOffTheTeamAndRenewsTheCodes) {
  view_overview overview;
  const auto draw = [&] { overview.draw(h_.ui, anna_); };
  const auto before = *anna_.identity();
  h_.look(draw);
  EXPECT_FALSE(probe_.contains("team/remove" + std::to_string(anna_.me())))
      << "nobody takes themselves off the team";
  click("team/remove" + std::to_string(bram_), draw);
  h_.look(draw);  // a popup finds its place after its first frame
  ASSERT_TRUE(probe_.contains("team/remove-renew")) << "the question, with the code beside it";
  click("team/remove-confirm", draw);
  const auto removed = only<op::remove_person>(apply());
  ASSERT_TRUE(removed.has_value());
  EXPECT_EQ(removed->person, bram_);
  EXPECT_EQ(find_person(anna_.state(), bram_), nullptr);
  ASSERT_TRUE(anna_.run_until([&] { return anna_.identity()->join_code != before.join_code; },
                              testing::patience));
  EXPECT_EQ(anna_.identity()->coordinator_code, before.coordinator_code);

  click("team/renew-coordinator-code", draw);
  click("team/renew-confirm", draw);
  EXPECT_TRUE(apply().empty()) << "a code is not an op";
  ASSERT_TRUE(
      anna_.run_until([&] { return anna_.identity()->coordinator_code != before.coordinator_code; },
                      testing::patience));
}

// The coordinator erases Bram under the AVG from the app: his name and function are gone from
// every copy (Anna's, the server's state, its stored ops and snapshots, the file and its WAL
// searched byte for byte); the action he owns stays his, as ‘verwijderd teamlid’.
TEST_F(leerlijn_screens, TheCoordinatorErasesSomeoneAndTheFileNamesThemNoMore) {
  const std::string function = "Zorgcoördinator Noordwest";
  person bram = *find_person(anna_.state(), bram_);
  bram.function = function;
  ASSERT_FALSE(anna_.submit(op::update_person{bram}));
  ASSERT_FALSE(anna_.submit(op::add_action{1, "Taakverdeling op papier", bram_, ""}));
  settle();
  const auto db = (server_.dir() / "jos.sqlite").string();
  ASSERT_NE(server::test::database_bytes(db).find("Öztürk"), std::string::npos)
      << "else this test could not fail";

  view_overview overview;
  const auto draw = [&] { overview.draw(h_.ui, anna_); };
  click("team/remove" + std::to_string(bram_), draw);
  h_.look(draw);  // a popup finds its place after its first frame
  click("team/remove-erase", draw);
  click("team/remove-renew", draw);  // no new team code this time
  click("team/remove-confirm", draw);
  const auto erased = only<op::erase_person>(apply());
  ASSERT_TRUE(erased.has_value());
  EXPECT_EQ(erased->person, bram_);
  EXPECT_EQ(find_person(anna_.state(), bram_), nullptr);
  ASSERT_NE(find_anyone(anna_.state(), bram_), nullptr);
  EXPECT_EQ(find_anyone(anna_.state(), bram_)->name, erased_person_name);
  EXPECT_EQ(anna_.state().actions.back().owner, bram_);
  const auto on_server = server_.read_state(anna_.state().id).state;
  EXPECT_EQ(find_anyone(on_server, bram_)->name, erased_person_name);

  server_.stop();
  const auto bytes = server::test::database_bytes(db);
  for (const std::string& gone : {std::string("Öztürk"), function})
    EXPECT_EQ(bytes.find(gone), std::string::npos) << gone << " still in the database";
  EXPECT_NE(bytes.find("Taakverdeling op papier"), std::string::npos) << "what stays, stays";
  server_.start();
}

// Everyone saves their own data (AVG) from the team list: the server sends it, the app
// writes it as JSON and as text; a coordinator may do so for anyone in the team.
TEST_F(leerlijn_screens, SomeonesOwnDataIsSavedAsJsonAndText) {
  const std::string home = (dir_ / "home").string();
  const char* had_home = std::getenv("HOME");
  const std::string old_home = had_home != nullptr ? had_home : "";
  setenv("HOME", home.c_str(), 1);
  view_overview overview;
  const auto draw = [&] { overview.draw(h_.ui, anna_); };
  for (const person_id who : {bram_, anna_.me()}) {
    const auto answers = anna_.exports_received();
    click("team/export" + std::to_string(who), draw);
    EXPECT_TRUE(apply().empty()) << "a question, not an op";
    ASSERT_TRUE(
        anna_.run_until([&] { return anna_.exports_received() > answers; }, testing::patience));
    h_.look(draw);
    ASSERT_TRUE(probe_.contains("team/export-note"));
    const auto folder = default_export_folder(anna_.state(), -1, export_kind::forms).parent_path() /
                        "persoonsgegevens";
    const auto stem = folder / ("persoonsgegevens-" + std::to_string(who));
    std::ifstream json_file(stem.string() + ".json");
    ASSERT_TRUE(json_file.good()) << stem;
    const auto j = nlohmann::json::parse(json_file);
    EXPECT_EQ(j["persoon"]["naam"], find_person(anna_.state(), who)->name);
    std::ifstream text_file(stem.string() + ".txt");
    const std::string text((std::istreambuf_iterator<char>(text_file)),
                           std::istreambuf_iterator<char>());
    EXPECT_NE(text.find(find_person(anna_.state(), who)->name), std::string::npos) << text;
  }
  if (had_home != nullptr) setenv("HOME", old_home.c_str(), 1);
}

// The server erases a leerlijn 12 months (its default) after the final meeting and says so
// in welcome; from 30 days before, the overview says when, with the documents to save.
TEST_F(leerlijn_screens, TheOverviewWarnsBeforeTheServerErasesTheLeerlijn) {
  ASSERT_NO_FATAL_FAILURE(hold_until(3));
  ASSERT_EQ(anna_.retention_months(), 12) << "told by the server";
  const auto erased_on = erase_after(anna_.state(), 12);
  ASSERT_TRUE(erased_on);
  view_overview overview;
  const auto draw = [&] { overview.draw(h_.ui, anna_); };
  h_.ui.today = add_days(*erased_on, -31);
  h_.look(draw);
  EXPECT_FALSE(probe_.contains("overview/retention")) << "not yet";
  h_.ui.today = add_days(*erased_on, -10);
  h_.look(draw);
  ASSERT_TRUE(probe_.contains("overview/retention"));
  click("overview/retention-export", draw);
  EXPECT_TRUE(h_.ui.export_request.has_value()) << "the documents, to save first";
}

TEST_F(leerlijn_screens, OpenActionsOverdueFirstAndProgressFromAnyone) {
  ASSERT_NO_FATAL_FAILURE(hold_until(1));
  const trajectory& t = anna_.state();
  const auto open = open_actions(t, h_.ui.today);
  ASSERT_EQ(open.size(), 3u);
  EXPECT_EQ(open[0]->id, 1) << "1 oktober has passed on 20 oktober";
  EXPECT_TRUE(is_overdue(*open[0], h_.ui.today));
  EXPECT_EQ(open[1]->id, 2);
  EXPECT_EQ(open[2]->id, 3) << "without a date last";

  view_actions actions;
  const auto draw = [&] { actions.draw_open(h_.ui, anna_); };
  click("action2/bezig", draw);
  const auto progress = only<op::set_action_status>(apply());
  ASSERT_TRUE(progress.has_value());
  EXPECT_EQ(progress->id, 2);
  EXPECT_EQ(progress->status, action_status::bezig);
  click("action1/klaar", draw);
  apply();
  EXPECT_EQ(anna_.state().actions[0].status, action_status::klaar);
  EXPECT_EQ(open_actions(anna_.state(), h_.ui.today).size(), 2u);
}

TEST_F(leerlijn_screens, TheActieplanStepStartsFromTheWeakestOnderdelen) {
  ASSERT_NO_FATAL_FAILURE(hold_until(0));
  ASSERT_FALSE(anna_.start_meeting(1));
  settle();
  const auto& signalering = anna_.state().documents[0];
  const auto order = weakest_first(signalering);
  EXPECT_EQ(order.front(), 1) << "rated 1, first in the document";
  EXPECT_EQ(order[1], 4);
  EXPECT_EQ(order.back(), 9) << "not rated: last";

  view_document document;
  const auto& agenda = template_of(anna_.state().meetings[1]).agenda;
  const auto step = std::find_if(agenda.begin(), agenda.end(),
                                 [](const auto& a) { return a.id == "invullen_actieplan"; });
  ASSERT_NE(step, agenda.end());
  const auto draw = [&] { document.draw(h_.ui, anna_, 1, *step); };
  // One place for each thing: an action is entered in the plan, in its onderdeel's row (the
  // weakest first), and gets its owner and date right there; the plan has no free-text "Wie?"
  // or "Wanneer?" that could say otherwise.
  h_.enter("actions1/new", "Rollen op papier zetten", draw);
  click("actions1/add", draw);
  const auto added = only<op::add_action>(apply());
  ASSERT_TRUE(added.has_value());
  EXPECT_EQ(added->row, 1);
  EXPECT_EQ(added->text, "Rollen op papier zetten");
  ASSERT_EQ(anna_.state().actions.size(), 1u);
  EXPECT_EQ(anna_.state().actions[0].row, 1);
  h_.look(draw);
  EXPECT_TRUE(probe_.contains("text/1/1/0")) << "wat kan beter";
  for (const char* free_text : {"text/1/1/2", "text/1/1/3", "text/1/1/4"})
    EXPECT_FALSE(probe_.contains(free_text)) << free_text;
  h_.enter("action1/due", "2026-11-15", draw);
  h_.click(ImVec2(1190, 3990), draw);  // elsewhere: the field is left
  const auto dated = only<op::update_action>(apply());
  ASSERT_TRUE(dated.has_value());
  EXPECT_EQ(anna_.state().actions[0].due, "2026-11-15");
  // Tracked from there: the overview's open actions are the plan's.
  const auto open = open_actions(anna_.state(), h_.ui.today);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0]->text, "Rollen op papier zetten");
  for (int i = 0; i < 3; ++i) h_.frame(draw);
  EXPECT_TRUE(h_.ui.todo.empty()) << "drawing asks for nothing by itself";
}

// An action entered once in the plan's row (#13) is one the meeting made at the agenda item
// it is at (#14): the minutes and their PDF list it there, with its owner and date.
TEST_F(leerlijn_screens, AnActionFromThePlansRowIsInTheMinutesOfItsAgendaItem) {
  ASSERT_NO_FATAL_FAILURE(hold_until(0));
  ASSERT_FALSE(anna_.start_meeting(1));
  const auto& agenda = template_of(anna_.state().meetings[1]).agenda;
  const auto step = std::find_if(agenda.begin(), agenda.end(),
                                 [](const auto& a) { return a.id == "invullen_actieplan"; });
  ASSERT_NE(step, agenda.end());
  const int item = static_cast<int>(step - agenda.begin());
  ASSERT_FALSE(anna_.goto_agenda_item(1, item));
  settle();
  view_meeting meeting;
  const auto draw = [&] { meeting.draw(h_.ui, anna_); };
  h_.enter("actions1/new", "Rollen op papier zetten", draw);
  click("actions1/add", draw);
  ASSERT_TRUE(only<op::add_action>(apply()).has_value());
  ASSERT_EQ(anna_.state().actions.size(), 1u);
  h_.enter("action1/due", "2026-10-01", draw);
  h_.click(ImVec2(1190, 3990), draw);  // elsewhere: the field is left
  apply();
  ASSERT_FALSE(anna_.submit(op::update_action{1, "Rollen op papier zetten", bram_, "2026-10-01"}));
  // The room moves on; the action stays with the item where it was made.
  ASSERT_FALSE(anna_.goto_agenda_item(1, item + 1));
  ASSERT_FALSE(anna_.end_meeting(1));
  settle();
  const auto& items = anna_.state().meetings[1].session.items;
  ASSERT_GT(items.size(), static_cast<std::size_t>(item + 1));
  EXPECT_EQ(items[static_cast<std::size_t>(item)].actions, std::vector<int>{1});
  EXPECT_TRUE(items[static_cast<std::size_t>(item + 1)].actions.empty());

  const auto minutes = documents::build_minutes(anna_.state(), 1);
  const std::string md = documents::to_markdown(minutes);
  const auto at = md.find("### " + std::to_string(item + 1) + ". " + step->title);
  ASSERT_NE(at, std::string::npos) << md;
  const auto line = md.find(
      "- Actie 1: Rollen op papier zetten – Bram Öztürk, uiterlijk "
      "donderdag 1 oktober 2026");
  EXPECT_NE(line, std::string::npos) << md;
  EXPECT_GT(line, at) << "under its agenda item";
  EXPECT_LT(line, md.find("### " + std::to_string(item + 2) + ". ")) << md;

  // The PDF says the same, as pdftotext reads it.
  if (std::system("command -v pdftotext >/dev/null 2>&1") != 0) return;
  const auto pdf = dir_ / "notulen.pdf";
  std::ofstream(pdf, std::ios::binary) << documents::to_pdf(minutes);
  const auto txt = dir_ / "notulen.txt";
  ASSERT_EQ(std::system(("pdftotext -enc UTF-8 " + pdf.string() + " " + txt.string()).c_str()), 0);
  std::ifstream in(txt);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("Actie 1: Rollen op papier zetten – Bram Öztürk, uiterlijk donderdag 1"),
            std::string::npos)
      << text;
}

TEST_F(leerlijn_screens, AtTheAfsluitingTheNextDateIsAgreedAndTheDocumentsSaved) {
  ASSERT_NO_FATAL_FAILURE(hold_until(0));
  view_document document;
  const auto& agenda = template_of(anna_.state().meetings[0]).agenda;
  ASSERT_EQ(agenda.back().id, "afsluiting");
  const auto draw = [&] { document.draw(h_.ui, anna_, 0, agenda.back()); };
  h_.enter("next", "2026-09-17", draw);
  h_.click(ImVec2(1190, 3990), draw);  // elsewhere: the field is left
  const auto next = only<op::schedule_meeting>(apply());
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->meeting, 1);
  EXPECT_EQ(anna_.state().meetings[1].planned_date, "2026-09-17");

  click("afsluiting/export", draw);
  ASSERT_TRUE(h_.ui.export_request.has_value());
  EXPECT_EQ(*h_.ui.export_request, 0);

  // The dialog writes the whole set under the default folder in a home of our own.
  const char* old_home = std::getenv("HOME");
  const std::string kept = old_home != nullptr ? old_home : "";
  setenv("HOME", (dir_ / "home").c_str(), 1);
  view_export dialog;
  const auto draw_dialog = [&] { dialog.draw(h_.ui, anna_); };
  h_.frame(draw_dialog);
  h_.frame(draw_dialog);
  click("export/save", draw_dialog);
  dialog.wait();
  h_.frame(draw_dialog);
  setenv("HOME", kept.c_str(), 1);
  ASSERT_TRUE(dialog.result().has_value());
  ASSERT_TRUE(dialog.result()->ok()) << dialog.result()->error;
  const auto folder =
      dir_ / "home" / "Documenten" / "jos" / "het-baken" / "1-signaleringsbijeenkomst";
  EXPECT_EQ(dialog.result()->folder, folder);
  for (const char* name : {"signaleringsinstrument-begin.pdf", "signaleringsinstrument-begin.md",
                           "signaleringsinstrument-begin.csv", "planning.ics"})
    EXPECT_TRUE(std::filesystem::exists(folder / name)) << name;
  EXPECT_GE(dialog.result()->files.size(), 7u)
      << "the instrument and the minutes, three ways, and the calendar";
}

TEST_F(leerlijn_screens, SavingTheSetWritesEveryFileOrSaysWhyNot) {
  ASSERT_NO_FATAL_FAILURE(hold_until(3));
  const auto folder = dir_ / "uit" / "vier";
  const saved_set saved = save_meeting_set(anna_.state(), 3, folder);
  ASSERT_TRUE(saved.ok()) << saved.error;
  bool comparison = false;
  for (const auto& f : saved.files) {
    EXPECT_TRUE(std::filesystem::exists(folder / f.name)) << f.name;
    EXPECT_EQ(std::filesystem::file_size(folder / f.name), f.bytes);
    if (f.name.ends_with(".pdf")) {
      EXPECT_GT(f.bytes, 1000u) << f.name;
      std::ifstream in(folder / f.name, std::ios::binary);
      std::string magic(5, '\0');
      in.read(magic.data(), 5);
      EXPECT_EQ(magic, "%PDF-") << f.name;
    }
    comparison = comparison || f.name.starts_with("vergelijking");
  }
  EXPECT_TRUE(comparison) << "after the final evaluation the comparison goes along";

  // A file where a folder should be: nothing written, and a Dutch reason.
  std::ofstream(dir_ / "bestand") << "x";
  const saved_set refused = save_meeting_set(anna_.state(), 3, dir_ / "bestand" / "map");
  EXPECT_FALSE(refused.ok());
  EXPECT_NE(refused.error.find("Kan de map"), std::string::npos) << refused.error;
  EXPECT_TRUE(refused.files.empty());
  EXPECT_EQ(expand_home("~/x"), std::filesystem::path(std::getenv("HOME")) / "x");
}

// Every new view with a leerlijn at each stage, with balanced stacks and no ops by itself.
TEST_F(leerlijn_screens, EveryStageDraws) {
  view_overview overview;
  view_document document;
  view_comparison comparison;
  view_preparation preparation;
  view_participants team;
  view_export dialog;
  for (int stage = -1; stage <= 3; ++stage) {
    SCOPED_TRACE(stage);
    if (stage >= 0) {
      ASSERT_FALSE(anna_.start_meeting(stage));
      if (stage == 3) {
        for (int row = 0; row < 10; ++row)
          ASSERT_FALSE(anna_.set_rating(document_id::signalering_eind, row, 1 + row % 3));
      }
      if (stage == 1) {
        ASSERT_FALSE(anna_.submit(op::add_action{3, "Vast aanspreekpunt", bram_, "2026-10-02"}));
      }
      settle();
    }
    const trajectory& t = anna_.state();
    for (int i = 0; i < 2; ++i) {
      h_.frame([&] { overview.draw(h_.ui, anna_); });
      h_.frame([&] { comparison.draw(h_.ui, anna_); });
      h_.frame([&] { team.draw_team(h_.ui, anna_); });
      h_.frame([&] { dialog.draw(h_.ui, anna_); });
      for (int m = 0; m < static_cast<int>(t.meetings.size()); ++m) {
        h_.frame([&] { preparation.draw(h_.ui, anna_, m); });
        for (const auto& item : template_of(t.meetings[static_cast<std::size_t>(m)]).agenda)
          h_.frame([&] { document.draw(h_.ui, anna_, m, item); });
      }
      for (bool cmp : {false, true})
        for (int d = 0; d < document_count; ++d) {
          h_.ui.shown = {cmp, static_cast<document_id>(d)};
          h_.frame([&] { document.draw_screen(h_.ui, anna_); });
        }
    }
    EXPECT_TRUE(h_.ui.todo.ops.empty());
    EXPECT_FALSE(h_.ui.export_request.has_value());
    if (stage >= 0) {
      ASSERT_FALSE(anna_.end_meeting(stage));
      settle();
    }
  }
  // After the final evaluation: an extra evaluation meeting from the schedule.
  view_schedule schedule;
  const auto draw = [&] { schedule.draw(h_.ui, anna_); };
  h_.enter("extra/date", "2027-02-01", draw);
  click("extra/add", draw);
  const auto extra = only<op::add_extra_meeting>(apply());
  ASSERT_TRUE(extra.has_value());
  EXPECT_EQ(extra->date, "2027-02-01");
  ASSERT_EQ(anna_.state().meetings.size(), 5u);
  EXPECT_EQ(anna_.state().meetings[4].template_index, 4);
  const shared::comparison cmp = compare_signalering(anna_.state());
  EXPECT_TRUE(cmp.after.complete());
}

// On the beamer: the meeting's current item and its form, large, without the agenda, the
// minutes or a private look elsewhere.
TEST_F(leerlijn_screens, ThePresentationShowsTheCurrentItemAndNothingBeside) {
  ASSERT_FALSE(anna_.start_meeting(0));
  ASSERT_FALSE(anna_.goto_agenda_item(0, 4));
  settle();
  view_meeting meeting;
  const auto draw = [&] { meeting.draw(h_.ui, anna_); };
  h_.ui.selected_meeting = -1;
  click("agenda/1", draw);  // a private look at another item
  ASSERT_EQ(meeting.shown_item(anna_, 0), 1);
  h_.ui.presenting = true;
  h_.look(draw);
  EXPECT_EQ(meeting.shown_item(anna_, 0), 4) << "the room sees where the meeting is";
  EXPECT_TRUE(probe_.contains("present/where"));
  EXPECT_TRUE(probe_.contains("text/0/0/0")) << "the form";
  for (const char* beside : {"agenda/0", "minutes/0", "meeting/next", "lead/private"})
    EXPECT_FALSE(probe_.contains(beside)) << beside;
  // The clicker still moves the meeting.
  h_.press(ImGuiKey_PageDown, draw);
  const auto moved = only<op::goto_agenda_item>(apply());
  ASSERT_TRUE(moved.has_value());
  EXPECT_EQ(moved->index, 5);
}

// The meeting chat: a typed message becomes a reaction for everyone, and the coordinator
// brings it into view for all.
TEST(ChatView, AMessageIsSentAndTheCoordinatorHighlightsIt) {
  testing::scratch_dir dir("ui-chat");  // outlives the core writing into it
  testing::test_server server(dir / "server");
  client_core anna(testing::options_in(dir / "anna"));
  ASSERT_NO_FATAL_FAILURE(testing::start_leerlijn(anna, server, cooperation::existing));
  ASSERT_FALSE(anna.start_meeting(0));
  ASSERT_TRUE(anna.run_until([&] { return anna.waiting_changes() == 0; }, 15s));

  headless h;
  std::map<std::string, ImVec4, std::less<>> probe;
  h.ui.probe = &probe;
  view_reactions reactions;
  const auto draw = [&] { reactions.draw_chat(h.ui, anna, 0); };
  h.frame(draw);
  ASSERT_TRUE(probe.contains("chat-input"));
  h.click(h.centre("chat-input"), draw);
  h.type("Zijn de ouders ook uitgenodigd?", draw);
  h.click(h.centre("chat-send"), draw);
  ASSERT_EQ(h.ui.todo.ops.size(), 1u);
  const auto& sent = std::get<op::add_reaction>(h.ui.todo.ops[0]);
  EXPECT_EQ(sent.row, -1);
  EXPECT_EQ(sent.text, "Zijn de ouders ook uitgenodigd?");
  EXPECT_FALSE(anna.submit(h.ui.todo.ops[0]));
  h.ui.todo = intents{};
  ASSERT_TRUE(anna.run_until([&] { return anna.waiting_changes() == 0; }, 15s));
  ASSERT_EQ(anna.state().meetings[0].session.reactions.size(), 1u);

  probe.clear();
  h.frame(draw);
  ASSERT_TRUE(probe.contains("highlight-0"));
  h.click(h.centre("highlight-0"), draw);
  ASSERT_EQ(h.ui.todo.ops.size(), 1u);
  EXPECT_EQ(std::get<op::highlight_reaction>(h.ui.todo.ops[0]).index, 0);
}

// ---- The record a meeting leaves: who was there, minutes per item, what is presented ----

// Which screen an agenda item gets comes from the content: each item of every meeting,
// the extra evaluation meeting included, shows what its "shows" says.
TEST_F(leerlijn_screens, EveryAgendaItemShowsWhatItsContentSays) {
  ASSERT_FALSE(anna_.submit(op::add_extra_meeting{"2027-02-01", meeting_mode::fysiek}));
  settle();
  view_document document;
  const trajectory& t = anna_.state();
  for (int m = 0; m < static_cast<int>(t.meetings.size()); ++m) {
    for (const auto& item : template_of(t.meetings[static_cast<std::size_t>(m)]).agenda) {
      SCOPED_TRACE(std::to_string(m) + " " + item.id);
      h_.look([&] { document.draw(h_.ui, anna_, m, item); });
      EXPECT_TRUE(probe_.contains("screen/" + std::string(name_of(item.shows))));
      switch (item.shows) {
        case agenda_screen::welcome: EXPECT_TRUE(probe_.contains("attendance/gaps")); break;
        case agenda_screen::close: EXPECT_TRUE(probe_.contains("afsluiting/export")); break;
        case agenda_screen::fill: {
          // The coordinator may fill the form in: its first cell is a field.
          const auto doc = static_cast<int>(*item.form);
          EXPECT_TRUE(probe_.contains("text/" + std::to_string(doc) + "/0/0") ||
                      probe_.contains("text/" + std::to_string(doc) + "/1/0"))
              << name_of(*item.form);
          break;
        }
        case agenda_screen::present:
          for (material mat : item.materials) {
            const char* names[] = {"present/doel", "present/opzet", "present/hulpmiddelen",
                                   "present/coordinator", "present/bijeenkomst"};
            EXPECT_TRUE(probe_.contains(names[static_cast<int>(mat)]))
                << names[static_cast<int>(mat)];
          }
          if (item.document == document_kind::factsheet) {
            EXPECT_TRUE(probe_.contains("factsheet"));
          }
          break;
        default: break;
      }
    }
  }
  EXPECT_TRUE(h_.ui.todo.empty());
}

// Meeting 1 item 2: the coordinator shares the goal, the four steps with their
// introductions, duration, instruments and literature, and the coordinator's criteria.
TEST_F(leerlijn_screens, TheCoordinatorPresentsTheLeerlijnAsTheSeedHasIt) {
  view_document document;
  const auto& item = template_of(anna_.state().meetings[0]).agenda.at(1);
  const std::string shown = shown_text(h_, [&] { document.draw(h_.ui, anna_, 0, item); });
  for (const char* expected :
       {"Wat is het doel van de leerlijn?", "Hoe ziet de leerlijn eruit?",
        "Stap 1 is het organiseren en uitvoeren van een signaleringsbijeenkomst",
        "Stap 4: Evaluatie samenwerking", "1 Bijeenkomst van 2,5 uur",
        "3 maanden (incl. 1 bijeenkomst van 3 uur)", "Bijlage 3: Format actieplan",
        "Reader ‘Tips voor het versterken van de samenwerking", "Criteria coördinator:",
        "Kan minimaal 8 uur per maand investeren", "Evaluatielijst (Bijlage 4)"})
    EXPECT_NE(shown.find(expected), std::string::npos) << expected;
}

// Someone online marks themselves; the coordinator (or the notulist) marks who sent notice;
// whether both organisations' uitvoerders and managers are there is checked against that.
TEST_F(leerlijn_screens, AttendanceOnlineInTheRoomAndAbsentWithNotice) {
  client_core bram(testing::options_in(dir_ / "bram"));
  ASSERT_NO_FATAL_FAILURE(
      testing::join_team(bram, server_, anna_.identity()->join_code, testing::bram_ozturk));
  ASSERT_FALSE(anna_.start_meeting(0));
  settle();
  ASSERT_TRUE(bram.run_until([&] { return bram.seq() == anna_.seq(); }, testing::patience));

  // Bram is in the app: one click says he is there, online.
  view_meeting his;
  const auto as_bram = [&] {
    h_.ui.core = &bram;
    his.draw(h_.ui, bram);
  };
  click("attendance/self/online", as_bram);
  auto todo = std::move(h_.ui.todo);
  h_.ui.todo = intents{};
  ASSERT_EQ(todo.ops.size(), 1u);
  EXPECT_EQ(std::get<op::set_attendance>(todo.ops[0]).value, attendance::online);
  EXPECT_FALSE(bram.submit(todo.ops[0]));
  ASSERT_NO_FATAL_FAILURE(testing::settle(bram));
  // He may not mark others.
  view_attendance list;
  h_.look([&] { list.draw(h_.ui, bram, 0); });
  EXPECT_FALSE(probe_.contains("attendance/" + std::to_string(anna_.me()) + "/afgemeld"));
  EXPECT_TRUE(h_.ui.todo.empty());

  // Anna marks herself in the room and Mo, who sent notice, absent.
  ASSERT_FALSE(anna_.submit(op::add_person{
      {99, "Mo Haddou", organisation::school, "mentor", staff_level::uitvoerder, false}}));
  ASSERT_TRUE(anna_.run_until([&] { return anna_.seq() >= bram.seq(); }, testing::patience));
  settle();
  const auto as_anna = [&] {
    h_.ui.core = &anna_;
    list.draw(h_.ui, anna_, 0);
  };
  click("attendance/" + std::to_string(anna_.me()) + "/aanwezig", as_anna);
  apply();
  click("attendance/99/afgemeld", as_anna);
  apply();
  ASSERT_TRUE(anna_.run_until([&] { return anna_.state().meetings[0].session.online.size() == 1; },
                              testing::patience));
  const live_session& s = anna_.state().meetings[0].session;
  EXPECT_EQ(s.present, (std::vector<person_id>{anna_.me(), bram.me()}));
  EXPECT_EQ(s.online, std::vector<person_id>{bram.me()});
  EXPECT_EQ(s.excused, std::vector<person_id>{99});
  // Anna (school, manager) and Bram (youth work, uitvoerder): two of four are there.
  const std::string shown = shown_text(h_, as_anna);
  EXPECT_NE(shown.find("Geen uitvoerder van de school aanwezig."), std::string::npos) << shown;
  EXPECT_NE(shown.find("Geen manager van het jongerenwerk aanwezig."), std::string::npos);
  const auto minutes = documents::to_markdown(documents::build_minutes(anna_.state(), 0));
  EXPECT_NE(minutes.find("Aanwezig: Anna de Wit, Bram Öztürk (online)"), std::string::npos)
      << minutes;
  EXPECT_NE(minutes.find("Afgemeld: Mo Haddou"), std::string::npos);
  // The next meeting's preparation: who came, who sent notice.
  ASSERT_FALSE(anna_.end_meeting(0));
  settle();
  view_preparation preparation;
  const std::string next = shown_text(h_, [&] { preparation.draw(h_.ui, anna_, 1); });
  EXPECT_NE(next.find("Eerder aanwezig: Anna de Wit, Bram Öztürk."), std::string::npos) << next;
  EXPECT_NE(next.find("Vorige keer afgemeld: Mo Haddou."), std::string::npos);
  EXPECT_NE(next.find("Vorige keer: Geen manager van het jongerenwerk aanwezig."),
            std::string::npos);
}

// The notulist's pane follows the agenda: what is said and decided goes with the item the
// meeting is at; older minutes of the whole meeting still show below it.
TEST_F(leerlijn_screens, TheMinutesPaneFollowsTheAgendaItem) {
  ASSERT_FALSE(anna_.start_meeting(0));
  ASSERT_FALSE(anna_.goto_agenda_item(0, 3));
  settle();
  view_meeting meeting;
  const auto draw = [&] { meeting.draw(h_.ui, anna_); };
  write_in("minutes/0/3", "Iedereen kent de elementen.", draw);
  h_.click(ImVec2(1190, 3990), draw);
  apply();
  write_in("minutes/0/3/besloten", "Door naar het instrument.", draw);
  h_.click(ImVec2(1190, 3990), draw);
  apply();
  const auto& items = anna_.state().meetings[0].session.items;
  EXPECT_EQ(items[3].notes, "Iedereen kent de elementen.");
  EXPECT_EQ(items[3].decided, "Door naar het instrument.");
  EXPECT_TRUE(items[2].notes.empty());
  // The room moves on: the pane moves with it.
  ASSERT_FALSE(anna_.goto_agenda_item(0, 4));
  ASSERT_FALSE(
      anna_.edit_text(op::minutes_target(0), {{0, 0, "Notulen van voor de agendapunten."}}));
  settle();
  h_.look(draw);
  EXPECT_TRUE(probe_.contains("minutes/0/4"));
  EXPECT_FALSE(probe_.contains("minutes/0/3"));
  EXPECT_TRUE(probe_.contains("minutes/0")) << "the whole meeting's minutes still show";
  const std::string shown = shown_text(h_, draw);
  EXPECT_NE(shown.find("Notulen van voor de agendapunten."), std::string::npos);
  EXPECT_NE(shown.find("gepland 105 min"), std::string::npos) << "time against the plan";
}

// "Gebruik hierbij … de Factsheet": each onderdeel's explanation opens right in the form,
// and the Factsheet is on the documents screen in every meeting.
TEST_F(leerlijn_screens, TheFactsheetFromTheFormsAndFromDocumenten) {
  ASSERT_NO_FATAL_FAILURE(hold_until(0));
  ASSERT_FALSE(anna_.start_meeting(1));
  settle();
  view_document document;
  const auto& agenda = template_of(anna_.state().meetings[1]).agenda;
  const auto fill = std::find_if(agenda.begin(), agenda.end(),
                                 [](const auto& a) { return a.shows == agenda_screen::fill; });
  ASSERT_NE(fill, agenda.end());
  const auto draw = [&] { document.draw(h_.ui, anna_, 1, *fill); };
  click("factsheet/2", draw);
  h_.look(draw);
  // The popup with what the Factsheet says about Tweerichtingsverkeer is open.
  ASSERT_TRUE(probe_.contains("factsheet/2/text"));
  EXPECT_FALSE(probe_.contains("factsheet/3/text"));
  const ImVec4 popup = probe_.at("factsheet/2/text");
  EXPECT_GT(popup.w - popup.y, 3 * ImGui::GetTextLineHeight()) << "the explanation, wrapped";

  const auto screen = [&] { document.draw_screen(h_.ui, anna_); };
  click("documents/factsheet", screen);
  EXPECT_TRUE(h_.ui.shown.factsheet);
  h_.look(screen);
  EXPECT_TRUE(probe_.contains("factsheet"));
  click("documents/forms", screen);
  EXPECT_TRUE(h_.ui.forms_request);
  EXPECT_TRUE(h_.ui.todo.empty());
}

// The invitation: the coordinator sets time and place, the text is ready for an e-mail and
// the set to send goes to a folder with its calendar event.
TEST_F(leerlijn_screens, AnInvitationWithTimePlaceAgendaAndWhatToBring) {
  ASSERT_NO_FATAL_FAILURE(hold_until(0));
  view_invitation invitation;
  const auto draw = [&] { invitation.draw(h_.ui, anna_, 1); };
  h_.enter("invitation/time", "15:30", draw);
  h_.enter("invitation/place", "Het Baken, lokaal 2.14", draw);
  click("invitation/save", draw);
  const auto details = only<op::set_meeting_details>(apply());
  ASSERT_TRUE(details.has_value());
  EXPECT_EQ(details->start_time, "15:30");
  const meeting& m = anna_.state().meetings[1];
  EXPECT_EQ(m.place, "Het Baken, lokaal 2.14");
  const std::string shown = shown_text(h_, draw);
  EXPECT_EQ(shown.find("Vul de begintijd in."), std::string::npos);
  const std::string text = documents::to_text(documents::build_invitation(anna_.state(), 1));
  EXPECT_NE(text.find("Wanneer: maandag 21 september 2026, 15:30–18:30"), std::string::npos)
      << text;
  click("invitation/export", draw);
  ASSERT_EQ(h_.ui.invitation_request, std::optional<int>(1));
  const auto folder = dir_ / "uitnodiging";
  const saved_set saved = save_set(anna_.state(), export_kind::invitation, 1, folder);
  ASSERT_TRUE(saved.ok()) << saved.error;
  for (const char* name :
       {"uitnodiging-2.txt", "uitnodiging-2.pdf", "uitnodiging-2.ics", "factsheet.pdf",
        "actieplan-leeg.pdf", "signaleringsinstrument-begin.pdf"})
    EXPECT_TRUE(std::filesystem::exists(folder / name)) << name;
  std::ifstream ics(folder / "uitnodiging-2.ics");
  const std::string calendar((std::istreambuf_iterator<char>(ics)), {});
  EXPECT_NE(calendar.find("DTSTART;TZID=Europe/Amsterdam:20260921T153000"), std::string::npos);
  EXPECT_NE(calendar.find("LOCATION:Het Baken\\, lokaal 2.14"), std::string::npos);
}

// Between the actieplan and the terugkom meeting the coordinator checks in with each action
// owner; when the plan does not get going, the view offers to meet earlier.
TEST_F(leerlijn_screens, BetweenMeetingsTwoAndThreeTheCoordinatorChecksIn) {
  ASSERT_NO_FATAL_FAILURE(hold_until(1));
  view_check_ins check_ins;
  const auto draw = [&] { check_ins.draw(h_.ui, anna_); };
  const std::string bram = std::to_string(bram_);
  h_.look(draw);
  EXPECT_FALSE(probe_.contains("checkin/earlier-prompt"));
  h_.enter("checkin/" + bram + "/note", "Nog niet aan toegekomen", draw);
  click("checkin/" + bram + "/stuck", draw);
  const auto contact = only<op::record_check_in>(apply());
  ASSERT_TRUE(contact.has_value());
  EXPECT_EQ(contact->person, bram_);
  EXPECT_FALSE(contact->going);
  EXPECT_EQ(contact->note, "Nog niet aan toegekomen");
  h_.look(draw);
  ASSERT_TRUE(probe_.contains("checkin/earlier-prompt"));
  h_.enter("checkin/earlier", "2026-10-19", draw);
  h_.click(ImVec2(1190, 3990), draw);
  const auto earlier = only<op::schedule_meeting>(apply());
  ASSERT_TRUE(earlier.has_value());
  EXPECT_EQ(earlier->meeting, 2);
  EXPECT_EQ(anna_.state().meetings[2].planned_date, "2026-10-19");
}

// For a new cooperation the final comparison shows what the team wanted the first time
// beside what it sees now, and the team writes its conclusions beside them.
TEST_F(leerlijn_screens, TheFinalComparisonOfANewCooperationHasRoomForConclusions) {
  ASSERT_FALSE(
      anna_.submit(op::set_partnership{{"Het Baken", "Jongerenwerk Oost", cooperation::fresh}}));
  ASSERT_FALSE(anna_.edit_text({false, 0, document_id::signalering_begin, 9, 0},
                               {{0, 0, "Een eigen ruimte naast de aula."}}));
  ASSERT_NO_FATAL_FAILURE(hold_until(3));
  ASSERT_FALSE(anna_.edit_text({false, 0, document_id::signalering_eind, 9, 0},
                               {{0, 0, "Ruimte is er, alleen op dinsdag."}}));
  settle();
  view_comparison comparison;
  const auto draw = [&] { comparison.draw(h_.ui, anna_); };
  const std::string shown = shown_text(h_, draw);
  for (const char* expected :
       {"De gewenste situatie naast de situatie nu", "Gewenst (eerste Signaleringsinstrument)",
        "Een eigen ruimte naast de aula.", "Ruimte is er, alleen op dinsdag.",
        "Conclusies van het team"})
    EXPECT_NE(shown.find(expected), std::string::npos) << expected;
  write_in("text/5/9/0", "Half bereikt.", draw);
  h_.click(ImVec2(1190, 3990), draw);
  apply();
  EXPECT_EQ(anna_.state().documents[5].rows[9].cells[0], "Half bereikt.");
  const auto pdf_md = documents::to_markdown(documents::build_comparison(anna_.state()));
  EXPECT_NE(pdf_md.find("Een eigen ruimte naast de aula."), std::string::npos);
  EXPECT_NE(pdf_md.find("Half bereikt."), std::string::npos);
}

}  // namespace
}  // namespace jos::client
