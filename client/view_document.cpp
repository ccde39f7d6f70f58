#include "client/view_document.hpp"

#include <algorithm>
#include <numeric>

#include "client/core/client_core.hpp"
#include "shared/rules.hpp"
#include "shared/scoring.hpp"

namespace jos::client {
namespace {

using namespace shared;

std::string cell_id(int row, int column) {
  return "c" + std::to_string(row) + "_" + std::to_string(column);
}

ImVec4 rating_colour(int rating) {
  switch (rating) {
    case 1: return colours::warning;
    case 2: return colours::attention;
    case 3: return colours::ok;
    default: return colours::muted;
  }
}

// A rating as a small coloured square with its number, and the scale's words beside it.
void rating_chip(ui_context& ui, int rating, bool with_label) {
  const auto& c = leerlijn();
  const float size = ImGui::GetTextLineHeight() + ui.px(4);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec4 colour = rating_colour(rating);
  if (rating == 0) {
    draw->AddRect(p, ImVec2(p.x + size, p.y + size), ImGui::GetColorU32(colour), ui.px(3));
  } else {
    draw->AddRectFilled(p, ImVec2(p.x + size, p.y + size), ImGui::GetColorU32(colour), ui.px(3));
    const std::string n = std::to_string(rating);
    const ImVec2 t = ImGui::CalcTextSize(n.c_str());
    draw->AddText(ImVec2(p.x + (size - t.x) * 0.5f, p.y + (size - t.y) * 0.5f),
                  IM_COL32(255, 255, 255, 255), n.c_str());
  }
  ImGui::Dummy(ImVec2(size, size));
  if (!with_label) return;
  ImGui::SameLine();
  text_coloured(rating == 0 ? colours::muted : colour,
                rating == 0 ? std::string("nog niet gescoord")
                            : c.scale[static_cast<std::size_t>(rating - 1)].label);
}

// The Actieplan's own words for an onderdeel, for the Evaluatielijst beside it.
void actieplan_words(const trajectory& t, int row) {
  const auto& c = leerlijn();
  const auto& plan = t.documents[static_cast<std::size_t>(document_id::actieplan)]
                         .rows[static_cast<std::size_t>(row)];
  bool any = false;
  // wat kan beter · gewenste eindsituatie · concrete acties (wie and wanneer are in the actions)
  for (std::size_t col = 0; col < 3 && col < plan.cells.size() && col < c.actieplan_columns.size();
       ++col) {
    if (plan.cells[col].empty()) continue;
    any = true;
    text_coloured(colours::muted, c.actieplan_columns[col].label);
    text_wrapped(plan.cells[col]);
  }
  if (!any) text_coloured(colours::muted, "Niets ingevuld in het actieplan.");
}

}  // namespace

std::vector<int> weakest_first(const document& signalering) {
  std::vector<int> order(onderdeel_count);
  std::iota(order.begin(), order.end(), 0);
  auto key = [&](int row) {
    const int r = signalering.rows[static_cast<std::size_t>(row)].rating;
    return r == 0 ? rating_max + 1 : r;
  };
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return key(a) < key(b); });
  return order;
}

void view_document::draw(ui_context& ui, const client_core& core, int meeting,
                         const agenda_item_template& item) {
  const trajectory& t = core.state();
  const int template_index = t.meetings[static_cast<std::size_t>(meeting)].template_index;
  switch (item.document) {
    case document_kind::factsheet: return factsheet_.draw(ui);
    case document_kind::vergelijking:
      if (!item.description.empty() && ImGui::TreeNode("Toelichting bij dit agendapunt")) {
        text_coloured(colours::muted, item.description);
        ImGui::TreePop();
      }
      return comparison_.draw(ui, core);
    case document_kind::none: return draw_plain_item(ui, core, meeting, item);
    default: break;
  }
  // The seed's instructions for this item, folded away so the document gets the room.
  if (!item.description.empty() && ImGui::TreeNode("Toelichting bij dit agendapunt")) {
    text_coloured(colours::muted, item.description);
    ImGui::TreePop();
  }
  // Meeting 2 works from the first Signaleringsinstrument, meeting 3 from the Actieplan.
  if (template_index == 1 && item.document == document_kind::signalering) {
    if (full_signalering_) {
      if (ImGui::SmallButton("Zwakste onderdelen eerst tonen")) full_signalering_ = false;
      return draw_signalering(ui, core, document_id::signalering_begin);
    }
    if (ImGui::SmallButton("Het hele instrument tonen")) full_signalering_ = true;
    return draw_signalering_summary(ui, core, document_id::signalering_begin);
  }
  // The explanation of a form is open when the coordinator explains it, folded when filling in.
  const bool explain = item.id.rfind("uitleg", 0) == 0;
  if (template_index == 1 && item.document == document_kind::actieplan)
    return draw_actieplan_step(ui, core, explain);
  if (template_index == 2 && item.document == document_kind::actieplan)
    return draw_terugblik(ui, core);
  if (item.document == document_kind::evaluatielijst) {
    if (auto doc = document_for(template_index, item.document))
      draw_evaluation(ui, core, *doc, explain);
    return;
  }
  if (auto doc = document_for(template_index, item.document)) draw_document(ui, core, *doc);
}

void view_document::draw_plain_item(ui_context& ui, const client_core& core, int meeting_index,
                                    const agenda_item_template& item) {
  const trajectory& t = core.state();
  const int meeting = meeting_index;
  const shared::meeting& m = t.meetings[static_cast<std::size_t>(meeting)];
  const auto& tpl = template_of(m);
  if (!item.description.empty()) text_in(ui.font.large, item.description);
  if (item.id == "afsluiting") {
    // "De coördinator maakt een afspraak voor de volgende bijeenkomst en zorgt dat iedereen
    // de ingevulde documenten ontvangt."
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    schedule_.draw_next_date(ui, core, meeting);
    ImGui::Spacing();
    text_in(ui.font.bold, "Iedereen ontvangt de ingevulde documenten");
    if (ImGui::Button("Documenten opslaan…")) ui.export_request = meeting;
    mark(ui, "afsluiting/export");
    ImGui::SameLine();
    text_coloured(colours::muted, "PDF, Markdown en CSV, de notulen en de planning (.ics)");
    return;
  }
  if (!tpl.doel.empty()) {
    ImGui::Spacing();
    text_in(ui.font.bold, "Doel van deze bijeenkomst");
    text_in(ui.font.large, tpl.doel);
  }
  if (!tpl.eindresultaat.empty()) {
    ImGui::Spacing();
    text_in(ui.font.bold, "Eindresultaat");
    text_in(ui.font.large, tpl.eindresultaat);
  }
  // Before the meeting the coordinator finds its preparation on the first item.
  if (core.is_coordinator() && m.status == meeting_status::gepland &&
      item.id == tpl.agenda.front().id) {
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    preparation_.draw(ui, core, meeting);
  }
}

void view_document::draw_document(ui_context& ui, const client_core& core, document_id doc) {
  const auto& c = leerlijn();
  switch (kind_of(doc)) {
    case document_kind::signalering: return draw_signalering(ui, core, doc);
    case document_kind::actieplan:
      text_in(ui.font.heading, c.actieplan_title);
      text_coloured(colours::muted, c.actieplan_explanation);
      return draw_columns(ui, core, doc, c.actieplan_columns, {});
    case document_kind::evaluatielijst:
      text_in(ui.font.heading, c.evaluatie_title + " – " + std::string(label_of(doc)));
      text_coloured(colours::muted, c.evaluatie_explanation);
      return draw_columns(ui, core, doc, c.evaluatie_columns, {});
    default: return;
  }
}

void view_document::draw_score(ui_context& ui, const trajectory& t, document_id doc) {
  const auto& c = leerlijn();
  const score s = compute_score(ratings_of(t.documents[static_cast<std::size_t>(doc)]));
  ImGui::PushFont(ui.font.bold);
  text(c.total_label + ": " + std::to_string(s.total));
  ImGui::PopFont();
  ImGui::SameLine(0, ui.px(30));
  if (s.complete() && s.final_phase) {
    text(c.phase_question.for_(t.partners.kind) + " ");
    ImGui::SameLine(0, 0);
    ImGui::PushFont(ui.font.bold);
    text_coloured(colours::accent, band_of(*s.final_phase).name);
    ImGui::PopFont();
  } else {
    text_coloured(colours::muted, "Fase: nog " + std::to_string(s.missing) + " te scoren");
  }
}

void view_document::draw_signalering(ui_context& ui, const client_core& core, document_id doc) {
  const auto& c = leerlijn();
  const trajectory& t = core.state();
  const cooperation kind = t.partners.kind;
  const bool editable = can_edit_document(t, core.me(), doc);
  const document& d = t.documents[static_cast<std::size_t>(doc)];

  text_in(ui.font.bold,
          c.signalering_title + (doc == document_id::signalering_eind ? " (eind)" : ""));
  if (ImGui::TreeNode("Hoe scoor je?")) {
    text_coloured(colours::muted, c.signalering_explanation);
    text_coloured(colours::muted, c.score_instruction);
    for (const auto& s : c.scale)
      text_coloured(colours::muted, std::to_string(s.value) + " = " + s.label);
    ImGui::TreePop();
  }
  draw_score(ui, t, doc);
  if (!editable)
    text_coloured(colours::muted, "Alleen de invuller en de coördinator vullen dit in.");
  ImGui::Spacing();

  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
  if (!ImGui::BeginTable("signalering", 3, flags, ImVec2(0, ImGui::GetContentRegionAvail().y)))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Onderdeel", ImGuiTableColumnFlags_WidthStretch, 1.6f);
  ImGui::TableSetupColumn(c.rating_column.for_(kind).c_str(), ImGuiTableColumnFlags_WidthFixed,
                          ui.px(142));
  ImGui::TableSetupColumn(c.concreet_column.for_(kind).c_str(), ImGuiTableColumnFlags_WidthStretch,
                          3.4f);
  // Headers wrap: the seed's questions are long.
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  for (int column = 0; column < 3; ++column) {
    ImGui::TableSetColumnIndex(column);
    ImGui::PushFont(ui.font.bold);
    text_wrapped(ImGui::TableGetColumnName(column));
    ImGui::PopFont();
  }

  for (int row = 0; row < onderdeel_count; ++row) {
    const auto& r = c.rows[static_cast<std::size_t>(row)];
    const document_row& value = d.rows[static_cast<std::size_t>(row)];
    // Each werkzaam element opens with a row of its own, its onderdelen below it.
    if (row == 0 || c.rows[static_cast<std::size_t>(row - 1)].element_index != r.element_index) {
      ImGui::TableNextRow();
      ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0,
                             ImGui::GetColorU32(ImVec4(0.86f, 0.90f, 0.96f, 1.0f)));
      ImGui::TableNextColumn();
      ImGui::PushFont(ui.font.bold);
      text(std::to_string(r.element_index + 1) + ". " +
           c.elements[static_cast<std::size_t>(r.element_index)].name);
      ImGui::PopFont();
    }
    ImGui::PushID(row);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    text_wrapped(r.name);

    ImGui::TableNextColumn();
    for (const auto& s : c.scale) {
      const bool chosen = value.rating == s.value;
      if (s.value != c.scale.front().value) ImGui::SameLine();
      ImGui::PushStyleColor(ImGuiCol_Button,
                            chosen ? colours::accent : ImGui::GetStyleColorVec4(ImGuiCol_FrameBg));
      ImGui::PushStyleColor(ImGuiCol_Text,
                            chosen ? ImVec4(1, 1, 1, 1) : ImGui::GetStyleColorVec4(ImGuiCol_Text));
      ImGui::BeginDisabled(!editable);
      const std::string label = std::to_string(s.value);
      if (ImGui::Button(label.c_str(), ImVec2(ui.px(38), ui.px(30))))
        ui.todo.submit(op::set_rating{doc, row, chosen ? 0 : s.value});  // again: clears it
      if (ui.probe != nullptr)
        mark(ui, "rating/" + std::to_string(static_cast<int>(doc)) + "/" + std::to_string(row) +
                     "/" + label);
      ImGui::EndDisabled();
      ImGui::PopStyleColor(2);
      if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("%d – %s", s.value, s.label.c_str());
    }
    text_coloured(colours::muted, value.rating == 0
                                      ? std::string("nog niet gescoord")
                                      : c.scale[static_cast<std::size_t>(value.rating - 1)].label);

    ImGui::TableNextColumn();
    const op::text_target target{false, 0, doc, row, 0};
    cell_.draw(cell_id(row, 0).c_str(), target, value.cells[0], editable,
               ImGui::GetContentRegionAvail().x, ui.px(56), ui);
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void view_document::draw_columns(ui_context& ui, const client_core& core, document_id doc,
                                 const std::vector<column>& columns,
                                 const column_options& options) {
  const auto& c = leerlijn();
  const trajectory& t = core.state();
  const bool editable = can_edit_document(t, core.me(), doc);
  const document& d = t.documents[static_cast<std::size_t>(doc)];
  if (!editable)
    text_coloured(colours::muted, "Alleen de invuller en de coördinator vullen dit in.");
  const int count = static_cast<int>(columns.size()) + 1;
  ImGuiTableFlags flags =
      ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
  if (options.fill_height) flags |= ImGuiTableFlags_ScrollY;
  const ImVec2 size(0, options.fill_height ? ImGui::GetContentRegionAvail().y : 0.0f);
  if (!ImGui::BeginTable("columns", count, flags, size)) return;
  if (options.fill_height) ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(options.first_label, ImGuiTableColumnFlags_WidthStretch,
                          options.first_weight);
  for (const auto& col : columns) {
    // "Wie?" and "Wanneer?" hold a name or a date; the others hold sentences.
    const bool short_answer = col.id == "wie" || col.id == "wanneer";
    ImGui::TableSetupColumn(col.label.c_str(), ImGuiTableColumnFlags_WidthStretch,
                            short_answer ? 0.8f : 2.0f);
  }
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  for (int column = 0; column < count; ++column) {
    ImGui::TableSetColumnIndex(column);
    ImGui::PushFont(ui.font.bold);
    text_wrapped(ImGui::TableGetColumnName(column));
    ImGui::PopFont();
  }
  std::vector<int> order = options.order;
  if (order.empty()) {
    order.resize(onderdeel_count);
    std::iota(order.begin(), order.end(), 0);
  }
  for (int row : order) {
    ImGui::PushID(row);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const auto& r = c.rows[static_cast<std::size_t>(row)];
    text_coloured(colours::muted, c.elements[static_cast<std::size_t>(r.element_index)].name);
    if (options.beside) ImGui::PushFont(ui.font.bold);
    text_wrapped(r.name);
    if (options.beside) ImGui::PopFont();
    if (options.scores != nullptr) {
      const int rating = options.scores->rows[static_cast<std::size_t>(row)].rating;
      rating_chip(ui, rating, false);
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", rating == 0
                                    ? "nog niet gescoord"
                                    : ("Signaleringsinstrument: " + std::to_string(rating) + " – " +
                                       c.scale[static_cast<std::size_t>(rating - 1)].label)
                                          .c_str());
    }
    if (options.beside) options.beside(row);
    const auto& cells = d.rows[static_cast<std::size_t>(row)].cells;
    for (int column = 0;
         column < static_cast<int>(columns.size()) && column < static_cast<int>(cells.size());
         ++column) {
      ImGui::TableNextColumn();
      const op::text_target target{false, 0, doc, row, column};
      cell_.draw(cell_id(row, column).c_str(), target, cells[static_cast<std::size_t>(column)],
                 editable, ImGui::GetContentRegionAvail().x, ui.px(56), ui, "…");
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
}

// Meeting 2's terugkoppeling: the filled instrument read back, weakest onderdelen first.
void view_document::draw_signalering_summary(ui_context& ui, const client_core& core,
                                             document_id doc) {
  const auto& c = leerlijn();
  const trajectory& t = core.state();
  const document& d = t.documents[static_cast<std::size_t>(doc)];
  text_in(ui.font.bold, c.signalering_title + " – zwakste onderdelen eerst");
  draw_score(ui, t, doc);
  const ImGuiTableFlags flags =
      ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("summary", 3, flags)) return;
  ImGui::TableSetupColumn("Onderdeel", ImGuiTableColumnFlags_WidthStretch, 1.6f);
  // Wide enough for the chip and the longest words of the scale on one line.
  float words = 0;
  for (const auto& step : c.scale)
    words = std::max(words, ImGui::CalcTextSize(step.label.c_str()).x);
  ImGui::TableSetupColumn("Score", ImGuiTableColumnFlags_WidthFixed,
                          words + ImGui::GetTextLineHeight() + ui.px(16));
  ImGui::TableSetupColumn(c.concreet_column.for_(t.partners.kind).c_str(),
                          ImGuiTableColumnFlags_WidthStretch, 3.0f);
  ImGui::TableHeadersRow();
  for (int row : weakest_first(d)) {
    const auto& r = c.rows[static_cast<std::size_t>(row)];
    const document_row& value = d.rows[static_cast<std::size_t>(row)];
    ImGui::PushID(row);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    text_coloured(colours::muted, c.elements[static_cast<std::size_t>(r.element_index)].name);
    text_wrapped(r.name);
    ImGui::TableNextColumn();
    rating_chip(ui, value.rating, true);
    ImGui::TableNextColumn();
    text_wrapped(value.cells.empty() || value.cells[0].empty() ? std::string("–") : value.cells[0]);
    ImGui::PopID();
  }
  ImGui::EndTable();
}

// Meeting 2's Actieplan: the instrument's outcome above, the plan in the same order (weakest
// onderdelen first), and the actions with an owner and a date below.
void view_document::draw_actieplan_step(ui_context& ui, const client_core& core, bool explain) {
  const auto& c = leerlijn();
  const trajectory& t = core.state();
  const document& signalering =
      t.documents[static_cast<std::size_t>(document_id::signalering_begin)];
  const std::vector<int> order = weakest_first(signalering);
  text_in(ui.font.heading, c.actieplan_title);
  if (explain) {
    text_coloured(colours::muted, c.actieplan_explanation);
  } else if (ImGui::TreeNode("Uitleg format actieplan")) {
    text_coloured(colours::muted, c.actieplan_explanation);
    ImGui::TreePop();
  }
  if (ImGui::CollapsingHeader("Uitkomst van het Signaleringsinstrument",
                              ImGuiTreeNodeFlags_DefaultOpen)) {
    // In a box of its own so that the plan below stays in view.
    const float height = std::max(ui.px(150), ImGui::GetContentRegionAvail().y * 0.38f);
    ImGui::BeginChild("signalering", ImVec2(0, height), true);
    draw_signalering_summary(ui, core, document_id::signalering_begin);
    ImGui::EndChild();
  }
  ImGui::Spacing();
  column_options options;
  options.order = order;
  options.scores = &signalering;
  options.first_weight = 1.7f;
  options.fill_height = false;
  draw_columns(ui, core, document_id::actieplan, c.actieplan_columns, options);
  ImGui::Spacing();
  if (ImGui::CollapsingHeader("Acties: wie doet wat, wanneer?", ImGuiTreeNodeFlags_DefaultOpen)) {
    text_coloured(colours::muted,
                  "Elke actie krijgt een eigenaar en een datum; tussen de bijeenkomsten ziet "
                  "iedereen ze in het overzicht en houdt de voortgang bij.");
    actions_.draw_planner(ui, core, order);
  }
}

// Meeting 3's terugblik: the Actieplan as it was made, and how far its actions are.
void view_document::draw_terugblik(ui_context& ui, const client_core& core) {
  const auto& c = leerlijn();
  const trajectory& t = core.state();
  text_in(ui.font.heading, c.actieplan_title);
  if (ImGui::CollapsingHeader("Voortgang van de acties", ImGuiTreeNodeFlags_DefaultOpen)) {
    std::vector<int> all(onderdeel_count);
    std::iota(all.begin(), all.end(), 0);
    actions_.draw_planner(ui, core, all);
  }
  ImGui::Spacing();
  column_options options;
  options.scores = &t.documents[static_cast<std::size_t>(document_id::signalering_begin)];
  options.fill_height = false;
  draw_columns(ui, core, document_id::actieplan, c.actieplan_columns, options);
}

// The Evaluatielijst starts from the Actieplan, row by row: beside each onderdeel what the
// plan said and how far its actions are.
void view_document::draw_evaluation(ui_context& ui, const client_core& core, document_id doc,
                                    bool explain) {
  const auto& c = leerlijn();
  const trajectory& t = core.state();
  text_in(ui.font.heading, label_of(doc));
  if (explain) {
    text_coloured(colours::muted, c.evaluatie_explanation);
  } else if (ImGui::TreeNode("Uitleg Evaluatielijst")) {
    text_coloured(colours::muted, c.evaluatie_explanation);
    ImGui::TreePop();
  }
  column_options options;
  options.first_label = "Onderdeel en actieplan";
  options.first_weight = 2.4f;
  options.beside = [this, &ui, &core, &t, doc](int row) {
    ImGui::Spacing();
    actieplan_words(t, row);
    text_coloured(colours::muted, "Acties");
    actions_.draw_row(ui, core, row);
    if (doc == document_id::evaluatie_eind) {
      // What the interim evaluation said was still needed.
      const auto& interim =
          t.documents[static_cast<std::size_t>(document_id::evaluatie_tussentijds)]
              .rows[static_cast<std::size_t>(row)];
      if (interim.cells.size() > 2 && !interim.cells[2].empty()) {
        text_coloured(colours::muted, "Nog nodig (tussentijds)");
        text_wrapped(interim.cells[2]);
      }
    }
  };
  options.fill_height = false;
  draw_columns(ui, core, doc, c.evaluatie_columns, options);
  ImGui::Spacing();
  if (ImGui::CollapsingHeader("Acties die nog nodig zijn: wie, wanneer?")) {
    std::vector<int> all(onderdeel_count);
    std::iota(all.begin(), all.end(), 0);
    actions_.draw_planner(ui, core, all);
  }
}

void view_document::draw_screen(ui_context& ui, const client_core& core) {
  const trajectory& t = core.state();
  // A row of buttons that wraps when the window is narrow.
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  bool first = true;
  auto place = [&](const char* label) {
    const float w = ImGui::CalcTextSize(label).x + 2 * ImGui::GetStyle().FramePadding.x;
    if (!first) {
      ImGui::SameLine();
      if (ImGui::GetCursorScreenPos().x + w > right) ImGui::NewLine();
    }
    first = false;
  };
  auto choice = [&](const char* label, bool on, shown_document what) {
    place(label);
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, colours::accent);
    if (on) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    if (ImGui::Button(label)) ui.shown = what;
    if (on) ImGui::PopStyleColor(2);
  };
  const std::pair<document_id, const char*> documents[] = {
      {document_id::signalering_begin, "Signalering (begin)"},
      {document_id::actieplan, "Actieplan"},
      {document_id::evaluatie_tussentijds, "Evaluatie (tussentijds)"},
      {document_id::evaluatie_eind, "Evaluatie (eind)"},
      {document_id::signalering_eind, "Signalering (eind)"}};
  for (const auto& [doc, label] : documents)
    choice(label, !ui.shown.comparison && ui.shown.document == doc, {false, doc});
  choice("Vergelijking", ui.shown.comparison, {true, document_id::signalering_eind});
  // The set of the last finished meeting (the dialog lets one choose another).
  int meeting = 0;
  for (int i = 0; i < static_cast<int>(t.meetings.size()); ++i)
    if (t.meetings[static_cast<std::size_t>(i)].status == meeting_status::afgerond) meeting = i;
  place("Documenten opslaan…");
  if (ImGui::Button("Documenten opslaan…")) ui.export_request = meeting;
  mark(ui, "documents/export");
  ImGui::Separator();
  ImGui::BeginChild("shown", ImVec2(0, 0), false);
  if (ui.shown.comparison) {
    comparison_.draw(ui, core);
  } else if (kind_of(ui.shown.document) == document_kind::signalering) {
    draw_signalering(ui, core, ui.shown.document);
  } else if (ui.shown.document == document_id::actieplan) {
    const auto& c = leerlijn();
    text_in(ui.font.heading, c.actieplan_title);
    column_options options;
    options.scores = &t.documents[static_cast<std::size_t>(document_id::signalering_begin)];
    options.fill_height = false;
    draw_columns(ui, core, document_id::actieplan, c.actieplan_columns, options);
    ImGui::Spacing();
    text_in(ui.font.bold, "Acties");
    std::vector<int> all(onderdeel_count);
    std::iota(all.begin(), all.end(), 0);
    actions_.draw_planner(ui, core, all);
  } else {
    draw_evaluation(ui, core, ui.shown.document, true);
  }
  ImGui::EndChild();
}

}  // namespace jos::client
