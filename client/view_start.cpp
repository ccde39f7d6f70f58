#include "client/view_start.hpp"

#include <imgui_stdlib.h>

#include <utility>
#include <vector>

#include "client/core/client_core.hpp"
#include "client/keyboard.hpp"
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
  tab_ = s.form.new_leerlijn ? tab::create : tab::join;
  code_ = s.form.code;
  school_ = s.form.school;
  youth_ = s.form.youth_organisation;
  cooperation_ = s.form.kind == shared::cooperation::existing ? 0 : 1;
  preconditions_ = s.form.preconditions;
  select_tab_ = true;
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

protocol::profile view_start::profile() const {
  return {trimmed(name_),
          organisation_ == 0 ? shared::organisation::school : shared::organisation::jongerenwerk,
          trimmed(function_),
          level_ == 0 ? shared::staff_level::uitvoerder : shared::staff_level::manager};
}

start_form view_start::form() const {
  return {tab_ == tab::create,
          code_,
          school_,
          youth_,
          cooperation_ == 0 ? shared::cooperation::existing : shared::cooperation::fresh,
          preconditions_};
}

void view_start::keep(ui_context& ui) const {
  ui.todo.act([f = form(), me = profile()](client_core& c) { c.remember_start_form(f, me); });
}

std::string view_start::missing(tab from, std::string& first) const {
  std::vector<std::pair<std::string, const char*>> gaps;  // in reading order
  if (from == tab::join && trimmed(code_).empty()) gaps.emplace_back("de teamcode", "start/code");
  if (trimmed(name_).empty()) gaps.emplace_back("je naam", "start/name");
  if (trimmed(function_).empty()) gaps.emplace_back("je functie", "start/function");
  if (from == tab::create && trimmed(school_).empty())
    gaps.emplace_back("de naam van de school", "start/school");
  if (from == tab::create && trimmed(youth_).empty())
    gaps.emplace_back("de naam van de jongerenwerkorganisatie", "start/youth");
  if (gaps.empty()) return {};
  first = gaps.front().second;
  std::vector<std::string> words;
  words.reserve(gaps.size());
  for (const auto& g : gaps) words.push_back(g.first);
  return "Vul nog in: " + dutch_list(words) + ".";
}

void view_start::field(ui_context& ui, const char* label, const char* hint, std::string& value,
                       const char* name, ImGuiInputTextFlags flags) {
  if (focus_ == name) {
    ImGui::SetKeyboardFocusHere();
    focus_.clear();
  }
  ImGui::InputTextWithHint(label, hint, &value, flags);
  mark(ui, name);
  if (ImGui::IsItemDeactivatedAfterEdit()) keep(ui);
}

void view_start::submit(ui_context& ui, tab from) {
  problem_tab_ = from;
  submitted_ = from;
  std::string first;
  problem_ = missing(from, first);
  if (!problem_.empty()) {
    focus_ = first;
    return;
  }
  keep(ui);
  const protocol::profile me = profile();
  if (from == tab::join) {
    ui.todo.act([server = server_, code = trimmed(code_), me, this](client_core& c) {
      problem_ = c.use_server(server);
      if (problem_.empty()) c.join(code, me);
    });
    return;
  }
  const shared::partnership partners{
      trimmed(school_), trimmed(youth_),
      cooperation_ == 0 ? shared::cooperation::existing : shared::cooperation::fresh};
  ui.todo.act(
      [server = server_, partners, me, code = trimmed(creation_code_), this](client_core& c) {
        problem_ = c.use_server(server);
        if (problem_.empty()) c.create_trajectory(partners, me, code);
        created_ = problem_.empty();
      });
}

void view_start::draw_profile(ui_context& ui) {
  field(ui, "Naam", "Voor- en achternaam", name_, "start/name");
  ImGui::AlignTextToFramePadding();
  text("Organisatie");
  ImGui::SameLine(ui.px(150));
  {
    const tab_stops stops;  // Tab reaches the choices too, in reading order
    // Own IDs: the create tab has a field labelled "School" too, and two widgets with one ID
    // trip Dear ImGui's assertion (the app aborted on a click in that field).
    if (ImGui::RadioButton("School##organisation", &organisation_, 0)) keep(ui);
    mark(ui, "start/school-org");
    ImGui::SameLine();
    if (ImGui::RadioButton("Jongerenwerk##organisation", &organisation_, 1)) keep(ui);
    mark(ui, "start/jongerenwerk");
  }
  field(ui, "Functie",
        organisation_ == 0 ? "docent, mentor, zorgcoördinator, teamleider…"
                           : "jongerenwerker, coördinator schooljongerenwerk…",
        function_, "start/function");
  ImGui::AlignTextToFramePadding();
  text("Rol");
  ImGui::SameLine(ui.px(150));
  const tab_stops stops;
  if (ImGui::RadioButton("Uitvoerder", &level_, 0)) keep(ui);
  mark(ui, "start/uitvoerder");
  ImGui::SameLine();
  if (ImGui::RadioButton("Manager", &level_, 1)) keep(ui);
  mark(ui, "start/manager");
}

void view_start::draw_server(ui_context& ui, const client_core& core) {
  // Selected whole when clicked: a wrong address is retyped, not edited.
  field(ui, "Serveradres", "ws://server:8765 of wss://server", server_, "start/server",
        ImGuiInputTextFlags_AutoSelectAll);
  const bool corrected = ImGui::IsItemDeactivatedAfterEdit();
  help_marker("Het adres krijg je van de coördinator of je organisatie. Het wordt onthouden.");
  const auto& used = core.server();
  if (corrected && (!used || used->text() != trimmed(server_))) {
    // Used at once: a start or join still waiting for an answer goes to this address now.
    ui.todo.act([server = trimmed(server_), this](client_core& c) {
      problem_ = c.use_server(server);
      problem_tab_ = tab_;
    });
  }
}

void view_start::draw_join(ui_context& ui, const client_core& core) {
  const bool busy = core.phase() == session_phase::registering &&
                    core.connection().state == link_state::connected;
  ImGui::Spacing();
  text_wrapped("Je hebt een teamcode gekregen van de coördinator van de leerlijn.");
  field(ui, "Teamcode", "bijvoorbeeld XKG5M-V7MK8", code_, "start/code");
  draw_profile(ui);
  ImGui::Spacing();
  ImGui::BeginDisabled(busy);
  const bool join = ImGui::Button("Deelnemen", ImVec2(ui.px(200), 0));
  mark(ui, "start/join");
  ImGui::EndDisabled();
  if (join || (!busy && enter_pressed())) submit(ui, tab::join);
}

void view_start::draw_create(ui_context& ui, const client_core& core) {
  const bool busy = core.phase() == session_phase::registering &&
                    core.connection().state == link_state::connected;
  ImGui::Spacing();
  text_wrapped(
      "Als coördinator start je de leerlijn voor één school en één "
      "jongerenwerkorganisatie. Daarna deel je de teamcode met het team.");
  draw_profile(ui);
  text_coloured(colours::muted,
                "Jij wordt coördinator. Werk je met twee coördinatoren, één per organisatie? "
                "De tweede neemt deel met de coördinatorcode die je na het starten krijgt.");
  ImGui::Separator();
  field(ui, "School", "naam van de VO-school", school_, "start/school");
  field(ui, "Jongerenwerkorganisatie", "naam van de organisatie", youth_, "start/youth");
  // Only where the server's operator asks for one (jos-server --creation-code).
  if (core.creation_code_asked() || !creation_code_.empty())
    field(ui, "Aanmaakcode", "van de beheerder van de server", creation_code_,
          "start/creation-code");
  ImGui::AlignTextToFramePadding();
  text("Samenwerking");
  ImGui::SameLine(ui.px(150));
  {
    const tab_stops stops;
    if (ImGui::RadioButton("Bestaande samenwerking", &cooperation_, 0)) keep(ui);
    ImGui::SameLine();
    if (ImGui::RadioButton("Pas gestarte samenwerking", &cooperation_, 1)) keep(ui);
    mark(ui, "start/fresh");
  }
  const auto& c = shared::leerlijn();
  const auto kind = cooperation_ == 0 ? shared::cooperation::existing : shared::cooperation::fresh;
  text_coloured(colours::muted, "Het Signaleringsinstrument dient dan om " +
                                    c.wording(kind).signalering_goal + ".");
  ImGui::Spacing();
  text_in(ui.font.bold, "Randvoorwaarden");
  text_coloured(colours::muted, "Vink aan wat al geregeld is:");
  bool all = true;
  for (std::size_t i = 0; i < c.preconditions.size() && i < preconditions_.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    {
      const tab_stops stops;
      if (ImGui::Checkbox("##met", &preconditions_[i])) keep(ui);
    }
    mark(ui, "start/precondition" + std::to_string(i));
    ImGui::SameLine();
    text_wrapped(c.preconditions[i].label);
    ImGui::PopID();
    all = all && preconditions_[i];
  }
  if (!all) {
    text_coloured(colours::attention,
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
  ImGui::EndDisabled();
  if (create || (!busy && enter_pressed())) submit(ui, tab::create);
}

void view_start::draw(ui_context& ui, const client_core& core) {
  if (!loaded_) load(core);
  if (core.phase() == session_phase::start) created_ = false;  // a refused start left nothing
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float width = std::min(viewport->WorkSize.x - ui.px(40), ui.px(760));
  ImGui::SetCursorPosX(std::max(ui.px(20), (ImGui::GetWindowWidth() - width) * 0.5f));
  ImGui::BeginChild("start", ImVec2(width, 0), false);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  // Fields as wide as fits beside their labels, at most 360 px.
  ImGui::PushItemWidth(std::min(ui.px(360), width - ui.px(200)));

  text_in(ui.font.heading, "jos – Jongerenwerk en Onderwijs Samen");
  text_coloured(colours::muted,
                "Samen de leerlijn doorlopen: vier bijeenkomsten waarin school en jongerenwerk hun "
                "samenwerking in beeld brengen, een actieplan maken en evalueren.");
  ImGui::Spacing();
  if (!ui.fixed_server) {  // the browser client speaks only to the server of its page
    draw_server(ui, core);
    ImGui::Spacing();
  }

  const auto open = [&](tab which) {
    return select_tab_ && tab_ == which ? ImGuiTabItemFlags_SetSelected : ImGuiTabItemFlags_None;
  };
  // The tab drawn this frame is the chosen one, once the remembered tab has opened.
  const auto choose = [&](tab which) {
    if (select_tab_) {
      if (tab_ == which) select_tab_ = false;
      return;
    }
    if (tab_ == which) return;
    tab_ = which;
    problem_.clear();  // the other tab's problems are not this one's
    keep(ui);
  };
  if (ImGui::BeginTabBar("start")) {
    const bool join_tab = ImGui::BeginTabItem("Deelnemen met teamcode", nullptr, open(tab::join));
    mark(ui, "start/tab-join");
    if (join_tab) {
      choose(tab::join);
      draw_join(ui, core);
      ImGui::EndTabItem();
    }
    const bool create_tab =
        ImGui::BeginTabItem("Nieuwe leerlijn starten (coördinator)", nullptr, open(tab::create));
    mark(ui, "start/tab-new");
    if (create_tab) {
      choose(tab::create);
      draw_create(ui, core);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }

  ImGui::Spacing();
  if (core.phase() == session_phase::registering) {
    const auto status = core.connection();
    if (status.state == link_state::connected) {
      text_coloured(colours::accent, "Even geduld…");
    } else {
      text_coloured(colours::accent, "Verbinden met " + trimmed(server_) + "…");
      if (!status.last_error.empty()) {
        text_coloured(colours::warning, status.last_error);
        text_coloured(colours::muted,
                      ui.fixed_server
                          ? "jos probeert het steeds opnieuw; wat je invulde blijft staan."
                          : "Klopt het serveradres? Verbeter het hierboven: het nieuwe adres "
                            "wordt meteen gebruikt en wat je invulde blijft staan.");
      }
    }
  }
  if (!problem_.empty() && problem_tab_ == tab_) text_coloured(colours::warning, problem_);
  if (core.phase() == session_phase::start && submitted_ == tab_ && core.last_notice() &&
      core.last_notice()->error)
    text_coloured(colours::warning, core.last_notice()->text);
  ImGui::PopItemWidth();
  ImGui::PopTextWrapPos();
  ImGui::EndChild();
}

}  // namespace jos::client
