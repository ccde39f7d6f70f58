#include "client/view_preparation.hpp"

#include <algorithm>
#include <set>

#include "client/core/client_core.hpp"
#include "client/view_schedule.hpp"
#include "shared/content.hpp"

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

// A filled-in document the invitation carries ("Gezamenlijk ingevuld Actieplan"), and the
// meeting that filled it.
std::optional<std::pair<document_id, int>> filled_document(const std::string& item) {
  if (!starts_with(item, "Gezamenlijk ingevuld")) return std::nullopt;
  if (item.find("Signaleringsinstrument") != std::string::npos)
    return std::pair{document_id::signalering_begin, 0};
  if (item.find("Actieplan") != std::string::npos) return std::pair{document_id::actieplan, 1};
  if (item.find("Evaluatielijst") != std::string::npos)
    return std::pair{document_id::evaluatie_tussentijds, 2};
  return std::nullopt;
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
    std::set<person_id> earlier;
    for (int i = 0; i < meeting_index; ++i)
      for (person_id id : t.meetings[static_cast<std::size_t>(i)].session.present)
        earlier.insert(id);
    std::set<person_id> owners;
    for (const auto& a : t.actions)
      if (a.owner != no_person) owners.insert(a.owner);
    if (!earlier.empty()) text_wrapped("Eerder aanwezig: " + names(t, earlier) + ".");
    if (!owners.empty()) text_wrapped("Betrokken bij de acties: " + names(t, owners) + ".");
  }

  // What goes with the invitation.
  ImGui::Spacing();
  text_in(ui.font.bold, "Met de uitnodiging meesturen");
  for (const auto& item : tpl.voorbereiding)
    if (starts_with(item, "Stuur")) text_coloured(colours::muted, item);
  for (std::size_t i = 0; i < tpl.benodigdheden.size(); ++i) {
    const std::string& item = tpl.benodigdheden[i];
    if (for_room(item)) continue;
    bullet(item);
    if (auto filled = filled_document(item)) {
      const auto [doc, from] = *filled;
      const document& d = t.documents[static_cast<std::size_t>(doc)];
      const int rows = filled_rows(d);
      ImGui::Indent();
      text_coloured(rows == 0 ? colours::attention : colours::muted,
                    std::string(label_of(doc)) + ": " + std::to_string(rows) + " van " +
                        std::to_string(onderdeel_count) + " onderdelen ingevuld");
      if (from < static_cast<int>(t.meetings.size())) {
        ImGui::SameLine();
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::SmallButton("Opslaan…")) ui.export_request = from;
        mark(ui, "preparation/export" + std::to_string(from));
        ImGui::PopID();
      }
      ImGui::Unindent();
    }
  }

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
