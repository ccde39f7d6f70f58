// The views and the text field drawn by Dear ImGui without a window (no GL needed): typing
// in a cell becomes text splices, someone else's edit lands in the field being typed in,
// long lines wrap in the field but not in the text, and every view draws every document of
// a real trajectory with balanced ImGui stacks.
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <functional>

#include "client/core/client_core.hpp"
#include "client/text_cell.hpp"
#include "client/view_document.hpp"
#include "client/view_meeting.hpp"
#include "client/view_overview.hpp"
#include "client/view_participants.hpp"
#include "client/view_start.hpp"
#include "client/view_status_bar.hpp"
#include "test_server.hpp"

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
  headless() {
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1200, 800);
    io.Fonts->AddFontDefault();
    unsigned char* pixels = nullptr;
    int w = 0;
    int h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    ui.font.regular = ui.font.bold = ui.font.large = ui.font.heading = io.Fonts->Fonts[0];
  }
  ~headless() { ImGui::DestroyContext(context_); }

  // One frame with `draw` inside a full-screen window; the stacks must balance.
  void frame(const std::function<void()>& draw) {
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
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
  h.frame(draw);
  h.click(ImVec2(30, 20), draw);  // on the framed text: it becomes a field
  for (int i = 0; i < 5 && ImGui::GetActiveID() == 0; ++i) h.frame(draw);
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
  h.frame(draw);
  h.click(ImVec2(30, 20), draw);
  for (int i = 0; i < 5 && ImGui::GetActiveID() == 0; ++i) h.frame(draw);
  ASSERT_NE(ImGui::GetActiveID(), 0u);
  const std::string shown = h.field();
  EXPECT_NE(shown.find('\n'), std::string::npos) << "the field wraps: " << shown;
  h.type(" nu", draw);
  const auto edits = take_edits(h.ui, model);
  ASSERT_FALSE(edits.empty());
  EXPECT_EQ(model, "De coördinator nodigt iedereen uit voor de signaleringsbijeenkomst nu");
  EXPECT_EQ(model.find('\n'), std::string::npos) << "soft breaks never reach the text";
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
  anna.use_server(server.url());
  anna.create_trajectory({"Het Baken", "JoU", cooperation::fresh},
                         {"Anna", organisation::school, "docent", staff_level::manager});
  ASSERT_TRUE(anna.run_until([&] { return anna.live(); }, 15s));
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

}  // namespace
}  // namespace jos::client
