#include "client/view_document.hpp"

#include "client/core/client_core.hpp"
#include "shared/rules.hpp"
#include "shared/scoring.hpp"

namespace jos::client {
namespace {

using namespace shared;

std::string cell_id(int row, int column) {
  return "c" + std::to_string(row) + "_" + std::to_string(column);
}

}  // namespace

void view_document::draw(ui_context& ui, const client_core& core, int meeting,
                         const agenda_item_template& item) {
  const trajectory& t = core.state();
  const int template_index = t.meetings[static_cast<std::size_t>(meeting)].template_index;
  switch (item.document) {
    case document_kind::factsheet: return factsheet_.draw(ui);
    case document_kind::vergelijking: return draw_comparison(ui, core);
    case document_kind::none: {
      const auto& tpl = template_of(t.meetings[static_cast<std::size_t>(meeting)]);
      if (!item.description.empty()) text_in(ui.font.large, item.description);
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
      return;
    }
    default: break;
  }
  // The seed's instructions for this item, folded away so the document gets the room.
  if (!item.description.empty() && ImGui::TreeNode("Toelichting bij dit agendapunt")) {
    text_coloured(colours::muted, item.description);
    ImGui::TreePop();
  }
  if (auto doc = document_for(template_index, item.document)) draw_document(ui, core, *doc);
}

void view_document::draw_document(ui_context& ui, const client_core& core, document_id doc) {
  const auto& c = leerlijn();
  switch (kind_of(doc)) {
    case document_kind::signalering: return draw_signalering(ui, core, doc);
    case document_kind::actieplan:
      text_in(ui.font.heading, c.actieplan_title);
      text_coloured(colours::muted, c.actieplan_explanation);
      return draw_columns(ui, core, doc, c.actieplan_columns);
    case document_kind::evaluatielijst:
      text_in(ui.font.heading, c.evaluatie_title + " – " + std::string(label_of(doc)));
      text_coloured(colours::muted, c.evaluatie_explanation);
      return draw_columns(ui, core, doc, c.evaluatie_columns);
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
                                 const std::vector<column>& columns) {
  const auto& c = leerlijn();
  const trajectory& t = core.state();
  const bool editable = can_edit_document(t, core.me(), doc);
  const document& d = t.documents[static_cast<std::size_t>(doc)];
  if (!editable)
    text_coloured(colours::muted, "Alleen de invuller en de coördinator vullen dit in.");
  const int count = static_cast<int>(columns.size()) + 1;
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
  if (!ImGui::BeginTable("columns", count, flags, ImVec2(0, ImGui::GetContentRegionAvail().y)))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Onderdeel", ImGuiTableColumnFlags_WidthStretch, 1.3f);
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
  for (int row = 0; row < onderdeel_count; ++row) {
    ImGui::PushID(row);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const auto& r = c.rows[static_cast<std::size_t>(row)];
    text_coloured(colours::muted, c.elements[static_cast<std::size_t>(r.element_index)].name);
    text_wrapped(r.name);
    const auto& cells = d.rows[static_cast<std::size_t>(row)].cells;
    for (int column = 0; column + 1 < count && column < static_cast<int>(cells.size()); ++column) {
      ImGui::TableNextColumn();
      const op::text_target target{false, 0, doc, row, column};
      cell_.draw(cell_id(row, column).c_str(), target, cells[static_cast<std::size_t>(column)],
                 editable, ImGui::GetContentRegionAvail().x, ui.px(56), ui, "…");
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void view_document::draw_comparison(ui_context& ui, const client_core& core) {
  const auto& c = leerlijn();
  const trajectory& t = core.state();
  text_in(ui.font.heading, "Vergelijking van de twee Signaleringsinstrumenten");
  text_coloured(colours::muted, c.wording(t.partners.kind).comparison);
  const auto& first = t.documents[static_cast<std::size_t>(document_id::signalering_begin)];
  const auto& second = t.documents[static_cast<std::size_t>(document_id::signalering_eind)];
  if (ImGui::BeginTable("comparison", 4, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
    ImGui::TableSetupColumn("Onderdeel", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("Begin", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Eind", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Verschil", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableHeadersRow();
    for (int row = 0; row < onderdeel_count; ++row) {
      const int a = first.rows[static_cast<std::size_t>(row)].rating;
      const int b = second.rows[static_cast<std::size_t>(row)].rating;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      text_wrapped(c.rows[static_cast<std::size_t>(row)].name);
      ImGui::TableNextColumn();
      text(a == 0 ? "–" : std::to_string(a));
      ImGui::TableNextColumn();
      text(b == 0 ? "–" : std::to_string(b));
      ImGui::TableNextColumn();
      if (a != 0 && b != 0) {
        const int diff = b - a;
        text_coloured(diff > 0   ? colours::ok
                      : diff < 0 ? colours::warning
                                 : colours::muted,
                      (diff > 0 ? "+" : "") + std::to_string(diff));
      }
    }
    ImGui::EndTable();
  }
  ImGui::Spacing();
  text_in(ui.font.bold, "Begin");
  draw_score(ui, t, document_id::signalering_begin);
  text_in(ui.font.bold, "Eind");
  draw_score(ui, t, document_id::signalering_eind);
}

}  // namespace jos::client
