#include "client/view_preparation.hpp"

#include <algorithm>
#include <set>

#include "client/core/client_core.hpp"
#include "client/view_schedule.hpp"
#include "shared/content.hpp"
#include "shared/documents/attachments.hpp"
#include "shared/representation.hpp"

namespace jos::client {
namespace {

using namespace shared;

bool starts_with(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

// The seed lists what the room needs "Indien fysieke bijeenkomst" and "Indien digitale
// bijeenkomst"; a hybrid meeting needs both.
bool for_room(const std::string& item) { return starts_with(item, "Indien "); }
bool applies(const std::string& item, meeting_mode mode) {
  if (starts_with(item, "Indien fysieke")) return mode != meeting_mode::digitaal;
  if (starts_with(item, "Indien digitale")) return mode != meeting_mode::fysiek;
  return true;
}

std::string names(const trajectory& t, const std::set<person_id>& ids) {
  std::string out;
  for (person_id id : ids) {
    const person* p = find_person(t, id);
    if (p == nullptr) continue;
    if (!out.empty()) out += ", ";
    out += p->name;
  }
  return out;
}

void bullet(std::string_view s) {
  ImGui::Bullet();
  text_wrapped(s);
}

}  // namespace

void view_preparation::draw(ui_context& ui, const client_core& core, int meeting_index) {
  const trajectory& t = core.state();
  if (meeting_index < 0 || meeting_index >= static_cast<int>(t.meetings.size())) return;
  const meeting& m = t.meetings[static_cast<std::size_t>(meeting_index)];
  const meeting_template& tpl = template_of(m);
  ImGui::PushID("preparation");

  text_in(ui.font.bold, "Voorbereiding: " + std::to_string(meeting_index + 1) + ". " + tpl.name);
  text_coloured(colours::muted, when_of(m));
  if (!tpl.planning.empty()) text_coloured(colours::muted, tpl.planning);

  // Whom to invite, and whether uitvoerders and managers of both sides are among them.
  ImGui::Spacing();
  text_in(ui.font.bold, "Wie nodig je uit?");
  for (const auto& item : tpl.voorbereiding)
    if (!starts_with(item, "Stuur")) bullet(item);
  if (!representation_status(
          t, "✓ Uitvoerders én managers van school en jongerenwerk zitten in het team.",
          "Nog niet vertegenwoordigd in het team:"))
    text_coloured(colours::muted,
                  "Vraag wie er ontbreekt om met de teamcode deel te nemen, of voeg diegene toe "
                  "onder ‘Team’.");
  if (meeting_index > 0) {
    // "Nodig alle deelnemers uit die aan de voorgaande bijeenkomsten hebben deelgenomen":
    // who came before, who sent notice last time, and what the last meeting lacked.
    std::set<person_id> earlier;
    for (int i = 0; i < meeting_index; ++i)
      for (person_id id : t.meetings[static_cast<std::size_t>(i)].session.present)
        earlier.insert(id);
    const live_session& last = t.meetings[static_cast<std::size_t>(meeting_index - 1)].session;
    const std::set<person_id> excused(last.excused.begin(), last.excused.end());
    std::set<person_id> owners;
    for (const auto& a : t.actions)
      if (a.owner != no_person) owners.insert(a.owner);
    if (!earlier.empty()) text_wrapped("Eerder aanwezig: " + names(t, earlier) + ".");
    mark(ui, "preparation/earlier");
    if (!excused.empty()) text_wrapped("Vorige keer afgemeld: " + names(t, excused) + ".");
    if (!owners.empty()) text_wrapped("Betrokken bij de acties: " + names(t, owners) + ".");
    if (!last.present.empty()) {
      for (const auto& g : meeting_representation_gaps(t, meeting_index - 1))
        text_coloured(colours::attention, "Vorige keer: " + g.message);
    }
  }

  // What goes with the invitation.
  ImGui::Spacing();
  text_in(ui.font.bold, "Met de uitnodiging meesturen");
  for (const auto& item : tpl.voorbereiding)
    if (starts_with(item, "Stuur")) text_coloured(colours::muted, item);
  const auto attachments = documents::attachments_of(t, meeting_index);
  for (std::size_t i = 0; i < attachments.size(); ++i) {
    const auto& a = attachments[i];
    bullet(a.label);
    if (a.what != documents::attachment::kind::filled) continue;
    ImGui::Indent();
    if (a.filled_in < 0) {
      text_coloured(colours::attention, "Nog niet ingevuld in een eerdere bijeenkomst.");
    } else {
      const document* d = find_document(t, a.filled, a.filled_in);
      const int rows = d == nullptr ? 0 : filled_rows(*d);
      text_coloured(rows == 0 ? colours::attention : colours::muted,
                    std::string(label_of(a.filled)) + ": " + std::to_string(rows) + " van " +
                        std::to_string(onderdeel_count) + " onderdelen ingevuld");
      ImGui::SameLine();
      ImGui::PushID(static_cast<int>(i));
      if (ImGui::SmallButton("Opslaan…")) ui.export_request = a.filled_in;
      mark(ui, "preparation/export" + std::to_string(a.filled_in));
      ImGui::PopID();
    }
    ImGui::Unindent();
  }
  if (ImGui::SmallButton("Factsheet en lege formulieren opslaan…")) ui.forms_request = true;
  mark(ui, "preparation/forms");
  ImGui::Spacing();
  invitation_.draw(ui, core, meeting_index);

  // What the room needs, for this form of meeting.
  ImGui::Spacing();
  text_in(ui.font.bold, "Voor de bijeenkomst zelf (" + std::string(label_of(m.mode)) + ")");
  for (const auto& item : tpl.benodigdheden) {
    if (!for_room(item)) continue;
    if (applies(item, m.mode)) {
      bullet(item);
    } else {
      ImGui::PushStyleColor(ImGuiCol_Text, colours::muted);
      bullet(item + " (niet nodig: " + std::string(label_of(m.mode)) + ")");
      ImGui::PopStyleColor();
    }
  }
  ImGui::PopID();
}

}  // namespace jos::client
