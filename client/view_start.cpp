#include "client/view_start.hpp"

#include <imgui_stdlib.h>

#include "client/core/client_core.hpp"
#include "shared/content.hpp"
#include "shared/model.hpp"

namespace jos::client {
namespace {

std::string trimmed(const std::string& s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

}  // namespace

void view_start::load(const client_core& core) {
  const auto& s = core.remembered();
  server_ = s.server.empty() ? "ws://127.0.0.1:8765" : s.server;
  name_ = s.me.name;
  organisation_ = s.me.org == shared::organisation::school ? 0 : 1;
  function_ = s.me.function;
  level_ = s.me.level == shared::staff_level::uitvoerder ? 0 : 1;
  loaded_ = true;
}

void view_start::carry_over(ui_context& ui, const client_core& core) {
  if (!created_ || !core.live() || !core.has_state()) return;
  created_ = false;
  if (!core.is_coordinator()) return;
  const auto& t = core.state();
  for (int i = 0; i < shared::precondition_count; ++i)
    if (preconditions_[static_cast<std::size_t>(i)] &&
        !t.preconditions[static_cast<std::size_t>(i)])
      ui.todo.submit(shared::op::set_precondition{i, true});
}

bool view_start::profile_complete(std::string& missing) const {
  if (trimmed(name_).empty()) {
    missing = "Vul je naam in.";
    return false;
  }
  if (trimmed(function_).empty()) {
    missing = "Vul je functie in (bijvoorbeeld docent, mentor of jongerenwerker).";
    return false;
  }
  return true;
}

void view_start::draw_profile(ui_context& ui) {
  ImGui::PushItemWidth(ui.px(360));
  ImGui::InputTextWithHint("Naam", "Voor- en achternaam", &name_);
  mark(ui, "start/name");
  ImGui::PopItemWidth();
  ImGui::AlignTextToFramePadding();
  text("Organisatie");
  ImGui::SameLine(ui.px(150));
  // Own IDs: the create tab has a field labelled "School" too, and two widgets with one ID
  // trip Dear ImGui's assertion (the app aborted on a click in that field).
  ImGui::RadioButton("School##organisation", &organisation_, 0);
  ImGui::SameLine();
  ImGui::RadioButton("Jongerenwerk##organisation", &organisation_, 1);
  mark(ui, "start/jongerenwerk");
  ImGui::PushItemWidth(ui.px(360));
  ImGui::InputTextWithHint("Functie",
                           organisation_ == 0 ? "docent, mentor, zorgcoördinator, teamleider…"
                                              : "jongerenwerker, coördinator schooljongerenwerk…",
                           &function_);
  mark(ui, "start/function");
  ImGui::PopItemWidth();
  ImGui::AlignTextToFramePadding();
  text("Rol");
  ImGui::SameLine(ui.px(150));
  ImGui::RadioButton("Uitvoerder", &level_, 0);
  ImGui::SameLine();
  ImGui::RadioButton("Manager", &level_, 1);
}

void view_start::draw(ui_context& ui, const client_core& core) {
  if (!loaded_) load(core);
  if (core.phase() == session_phase::start) created_ = false;  // a refused start left nothing
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float width = std::min(viewport->WorkSize.x - ui.px(40), ui.px(760));
  ImGui::SetCursorPosX(std::max(ui.px(20), (ImGui::GetWindowWidth() - width) * 0.5f));
  ImGui::BeginChild("start", ImVec2(width, 0), false);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);

  text_in(ui.font.heading, "jos – Jongerenwerk en Onderwijs Samen");
  text_coloured(colours::muted,
                "Samen de leerlijn doorlopen: vier bijeenkomsten waarin school en jongerenwerk hun "
                "samenwerking in beeld brengen, een actieplan maken en evalueren.");
  ImGui::Spacing();

  ImGui::PushItemWidth(ui.px(360));
  ImGui::InputTextWithHint("Serveradres", "ws://server:8765 of wss://server", &server_);
  ImGui::PopItemWidth();
  help_marker("Het adres krijg je van de coördinator of je organisatie. Het wordt onthouden.");
  ImGui::Spacing();

  const bool busy = core.phase() == session_phase::registering;
  if (ImGui::BeginTabBar("start")) {
    if (ImGui::BeginTabItem("Deelnemen met teamcode")) {
      ImGui::Spacing();
      text_wrapped("Je hebt een teamcode gekregen van de coördinator van de leerlijn.");
      ImGui::PushItemWidth(ui.px(360));
      ImGui::InputTextWithHint("Teamcode", "bijvoorbeeld XKG5M-V7MK8", &code_);
      mark(ui, "start/code");
      ImGui::PopItemWidth();
      draw_profile(ui);
      ImGui::Spacing();
      ImGui::BeginDisabled(busy);
      const bool join = ImGui::Button("Deelnemen", ImVec2(ui.px(200), 0));
      mark(ui, "start/join");
      if (join) {
        problem_.clear();
        if (trimmed(code_).empty()) {
          problem_ = "Vul de teamcode in.";
        } else if (profile_complete(problem_)) {
          protocol::profile me{
              trimmed(name_),
              organisation_ == 0 ? shared::organisation::school
                                 : shared::organisation::jongerenwerk,
              trimmed(function_),
              level_ == 0 ? shared::staff_level::uitvoerder : shared::staff_level::manager};
          ui.todo.act([server = server_, code = trimmed(code_), me, this](client_core& c) {
            problem_ = c.use_server(server);
            if (problem_.empty()) c.join(code, me);
          });
        }
      }
      ImGui::EndDisabled();
      ImGui::EndTabItem();
    }
    const bool create_tab = ImGui::BeginTabItem("Nieuwe leerlijn starten (coördinator)");
    mark(ui, "start/tab-new");
    if (create_tab) {
      ImGui::Spacing();
      text_wrapped(
          "Als coördinator start je de leerlijn voor één school en één "
          "jongerenwerkorganisatie. Daarna deel je de teamcode met het team.");
      draw_profile(ui);
      text_coloured(colours::muted,
                    "Jij wordt coördinator. Werk je met twee coördinatoren, één per organisatie? "
                    "De tweede neemt deel met de coördinatorcode die je na het starten krijgt.");
      ImGui::Separator();
      ImGui::PushItemWidth(ui.px(360));
      ImGui::InputTextWithHint("School", "naam van de VO-school", &school_);
      mark(ui, "start/school");
      ImGui::InputTextWithHint("Jongerenwerkorganisatie", "naam van de organisatie", &youth_);
      mark(ui, "start/youth");
      // Only where the server's operator asks for one (jos-server --creation-code).
      if (core.creation_code_asked() || !creation_code_.empty()) {
        ImGui::InputTextWithHint("Aanmaakcode", "van de beheerder van de server", &creation_code_);
        mark(ui, "start/creation-code");
      }
      ImGui::PopItemWidth();
      ImGui::AlignTextToFramePadding();
      text("Samenwerking");
      ImGui::SameLine(ui.px(150));
      ImGui::RadioButton("Bestaande samenwerking", &cooperation_, 0);
      ImGui::SameLine();
      ImGui::RadioButton("Pas gestarte samenwerking", &cooperation_, 1);
      const auto& c = shared::leerlijn();
      const auto kind =
          cooperation_ == 0 ? shared::cooperation::existing : shared::cooperation::fresh;
      text_coloured(colours::muted, "Het Signaleringsinstrument dient dan om " +
                                        c.wording(kind).signalering_goal + ".");
      ImGui::Spacing();
      text_in(ui.font.bold, "Randvoorwaarden");
      text_coloured(colours::muted, "Vink aan wat al geregeld is:");
      bool all = true;
      for (std::size_t i = 0; i < c.preconditions.size() && i < preconditions_.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        ImGui::Checkbox("##met", &preconditions_[i]);
        mark(ui, "start/precondition" + std::to_string(i));
        ImGui::SameLine();
        text_wrapped(c.preconditions[i].label);
        ImGui::PopID();
        all = all && preconditions_[i];
      }
      if (!all) {
        text_coloured(
            colours::attention,
            "Niet elke randvoorwaarde is voldaan. De leerlijn is van waarde als de "
            "randvoorwaardes voor samenwerking (draagvlak, financiering en facilitering "
            "jongerenwerk in/met school) al zijn gerealiseerd; in de Reader lees je hoe je "
            "daarvoor zorgt. Je kunt de leerlijn toch starten en ze later afvinken in het "
            "overzicht.");
      }
      ImGui::Spacing();
      ImGui::BeginDisabled(busy);
      const bool create = ImGui::Button("Leerlijn starten", ImVec2(ui.px(200), 0));
      mark(ui, "start/create");
      if (create) {
        problem_.clear();
        if (trimmed(school_).empty()) {
          problem_ = "Vul de naam van de school in.";
        } else if (trimmed(youth_).empty()) {
          problem_ = "Vul de naam van de jongerenwerkorganisatie in.";
        } else if (profile_complete(problem_)) {
          protocol::profile me{
              trimmed(name_),
              organisation_ == 0 ? shared::organisation::school
                                 : shared::organisation::jongerenwerk,
              trimmed(function_),
              level_ == 0 ? shared::staff_level::uitvoerder : shared::staff_level::manager};
          shared::partnership partners{
              trimmed(school_), trimmed(youth_),
              cooperation_ == 0 ? shared::cooperation::existing : shared::cooperation::fresh};
          ui.todo.act([server = server_, partners, me, code = trimmed(creation_code_),
                       this](client_core& c) {
            problem_ = c.use_server(server);
            if (problem_.empty()) c.create_trajectory(partners, me, code);
            created_ = problem_.empty();
          });
        }
      }
      ImGui::EndDisabled();
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }

  ImGui::Spacing();
  if (busy) {
    const auto status = core.connection();
    text_coloured(colours::accent, status.state == link_state::connected
                                       ? "Even geduld…"
                                       : "Verbinden met de server…");
    if (!status.last_error.empty()) text_coloured(colours::warning, status.last_error);
  }
  if (!problem_.empty()) text_coloured(colours::warning, problem_);
  if (!busy && core.last_notice() && core.last_notice()->error)
    text_coloured(colours::warning, core.last_notice()->text);
  ImGui::PopTextWrapPos();
  ImGui::EndChild();
}

}  // namespace jos::client
