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
  // The content says what each agenda item shows; nothing here depends on which meeting it is.
  ImGui::Dummy(ImVec2(0, 0));
  mark(ui, "screen/" + std::string(name_of(item.shows)));
  switch (item.shows) {
    case agenda_screen::welcome: return draw_welcome(ui, core, meeting, item);
    case agenda_screen::present: return draw_present(ui, core, meeting, item);
    case agenda_screen::look_back: return draw_look_back(ui, core, item);
    case agenda_screen::fill: return draw_fill(ui, core, meeting, item);
    case agenda_screen::pause:
      text_in(ui.font.large, item.description.empty() ? std::string("Pauze") : item.description);
      return;
    case agenda_screen::close: return draw_close(ui, core, meeting, item);
  }
}

// The seed's instructions for an item, folded away so the document gets the room.
void view_document::draw_instructions(const agenda_item_template& item) {
  if (!item.description.empty() && ImGui::TreeNode("Toelichting bij dit agendapunt")) {
    text_coloured(colours::muted, item.description);
    ImGui::TreePop();
  }
}

// Welkom: who is there, and who takes the minutes and fills in (the roles are on the left).
void view_document::draw_welcome(ui_context& ui, const client_core& core, int meeting_index,
                                 const agenda_item_template& item) {
  const trajectory& t = core.state();
  const shared::meeting& m = t.meetings[static_cast<std::size_t>(meeting_index)];
  const auto& tpl = template_of(m);
  if (!item.description.empty()) text_in(ui.font.large, item.description);
  ImGui::Spacing();
  attendance_.draw(ui, core, meeting_index);
  // Before the meeting the coordinator finds its preparation here.
  if (core.is_coordinator() && m.status == meeting_status::gepland &&
      item.id == tpl.agenda.front().id) {
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    preparation_.draw(ui, core, meeting_index);
  }
}

// What the coordinator presents: material from the seed, the Factsheet, or a form explained
// before it is filled in.
void view_document::draw_present(ui_context& ui, const client_core& core, int meeting,
                                 const agenda_item_template& item) {
  if (item.document == document_kind::factsheet) {
    draw_instructions(item);
    return factsheet_.draw(ui);
  }
  if (!item.form) return presentation_.draw(ui, core, meeting, item);
  draw_instructions(item);
  switch (kind_of(*item.form)) {
    case document_kind::actieplan: return draw_actieplan_step(ui, core, true);
    case document_kind::evaluatielijst: return draw_evaluation(ui, core, *item.form, meeting, true);
    default: return draw_document(ui, core, *item.form);
  }
}

// A look back at what an earlier meeting made: read back, not filled in again.
void view_document::draw_look_back(ui_context& ui, const client_core& core,
                                   const agenda_item_template& item) {
  draw_instructions(item);
  if (!item.form) return;
  switch (kind_of(*item.form)) {
    case document_kind::signalering:
      if (full_signalering_) {
        if (ImGui::SmallButton("Zwakste onderdelen eerst tonen")) full_signalering_ = false;
        return draw_signalering(ui, core, *item.form);
      }
      if (ImGui::SmallButton("Het hele instrument tonen")) full_signalering_ = true;
      return draw_signalering_summary(ui, core, *item.form);
    case document_kind::actieplan: return draw_terugblik(ui, core);
    case document_kind::evaluatielijst: return draw_evaluation(ui, core, *item.form, -1, false);
    default: return draw_document(ui, core, *item.form);
  }
}

// A form the invuller fills in now.
void view_document::draw_fill(ui_context& ui, const client_core& core, int meeting,
                              const agenda_item_template& item) {
  if (!item.form) return;
  draw_instructions(item);
  if (item.document == document_kind::vergelijking) return comparison_.draw(ui, core);
  switch (kind_of(*item.form)) {
    case document_kind::actieplan: return draw_actieplan_step(ui, core, false);
    case document_kind::evaluatielijst:
      return draw_evaluation(ui, core, *item.form, meeting, false);
    default: return draw_document(ui, core, *item.form);
  }
}

// Afsluiting: "De coördinator maakt een afspraak voor de volgende bijeenkomst en zorgt dat
// iedereen de ingevulde documenten ontvangt."
void view_document::draw_close(ui_context& ui, const client_core& core, int meeting,
                               const agenda_item_template& item) {
  if (!item.description.empty()) text_in(ui.font.large, item.description);
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
  if (meeting + 1 < static_cast<int>(core.state().meetings.size())) {
    ImGui::Spacing();
    invitation_.draw(ui, core, meeting + 1);
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
  // The phase beside the total where it fits, else below it.
  if (s.complete() && s.final_phase) {
    const std::string question = c.phase_question.for_(t.partners.kind) + " ";
    const std::string phase = band_of(*s.final_phase).name;
    ImGui::PushFont(ui.font.bold);
    const float phase_width = ImGui::CalcTextSize(phase.c_str()).x;
    ImGui::PopFont();
    ImGui::SameLine(0, ui.px(30));
    if (ImGui::GetCursorPosX() + ImGui::CalcTextSize(question.c_str()).x + phase_width >
        ImGui::GetContentRegionMax().x)
      ImGui::NewLine();
    text(question);
    ImGui::SameLine(0, 0);
    ImGui::PushFont(ui.font.bold);
    text_coloured(colours::accent, phase);
    ImGui::PopFont();
  } else {
    const std::string missing = "Fase: nog " + std::to_string(s.missing) + " te scoren";
    ImGui::SameLine(0, ui.px(30));
    if (ImGui::GetCursorPosX() + ImGui::CalcTextSize(missing.c_str()).x >
        ImGui::GetContentRegionMax().x)
      ImGui::NewLine();
    text_coloured(colours::muted, missing);
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

  // The rating column holds the three buttons and, on one line below them, the longest words
  // of the scale: choosing a rating never makes a row taller.
  const ImGuiStyle& style = ImGui::GetStyle();
  float rating_width = 3 * ui.px(38) + 2 * style.ItemSpacing.x;
  for (const auto& s : c.scale)
    rating_width = std::max(rating_width, ImGui::CalcTextSize(s.label.c_str()).x);
  rating_width = std::max({rating_width, ImGui::CalcTextSize("nog niet gescoord").x,
                           widest_word(c.rating_column.for_(kind))});
  // The onderdelen and the free text beside them need room for their longest words; when
  // the window is too narrow for that, each onderdeel is stacked instead.
  float names = widest_word("Onderdeel");
  for (const auto& r : c.rows) names = std::max(names, widest_word(r.name));
  for (std::size_t e = 0; e < c.elements.size(); ++e)
    names = std::max(
        names, ImGui::CalcTextSize((std::to_string(e + 1) + ". " + c.elements[e].name).c_str()).x);
  ImGui::PushFont(ui.font.bold);
  names = std::max(names, widest_word("Onderdeel"));
  const float question = widest_word(c.concreet_column.for_(kind));
  ImGui::PopFont();
  const float rest = ImGui::GetContentRegionAvail().x - rating_width - 6 * style.CellPadding.x -
                     ui.px(4);  // three cells' padding and the borders
  const float name_share = 1.6f / (1.6f + 3.4f);
  if (rest * name_share < names || rest * (1 - name_share) < std::max(question, ui.px(180)))
    return draw_signalering_stacked(ui, core, doc);

  // With little height left, the table grows with its rows and the view scrolls as a whole:
  // no scroll area of a few rows inside another.
  const bool own_scroll = ImGui::GetContentRegionAvail().y >= ui.px(260);
  ImGuiTableFlags flags =
      ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
  if (own_scroll) flags |= ImGuiTableFlags_ScrollY;
  if (!ImGui::BeginTable("signalering", 3, flags,
                         ImVec2(0, own_scroll ? ImGui::GetContentRegionAvail().y : 0.0f)))
    return;
  if (own_scroll) ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Onderdeel", ImGuiTableColumnFlags_WidthStretch, 1.6f);
  ImGui::TableSetupColumn(c.rating_column.for_(kind).c_str(), ImGuiTableColumnFlags_WidthFixed,
                          rating_width);
  ImGui::TableSetupColumn(c.concreet_column.for_(kind).c_str(), ImGuiTableColumnFlags_WidthStretch,
                          3.4f);
  table_headers(ui.font.bold);  // the seed's questions are long

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
      text_wrapped(std::to_string(r.element_index + 1) + ". " +
                   c.elements[static_cast<std::size_t>(r.element_index)].name);
      ImGui::PopFont();
    }
    ImGui::PushID(row);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    text_wrapped(r.name);
    view_factsheet::explain_onderdeel(ui, row);
    ImGui::TableNextColumn();
    draw_rating(ui, doc, row, value.rating, editable);
    ImGui::TableNextColumn();
    const op::text_target target{false, 0, doc, row, 0};
    cell_.draw(cell_id(row, 0).c_str(), target, value.cells[0], editable,
               ImGui::GetContentRegionAvail().x, ui.px(56), ui);
    ImGui::PopID();
  }
  ImGui::EndTable();
}

// Too narrow for the table: each onderdeel below the other, its rating and its text under
// its name, the questions once above them.
void view_document::draw_signalering_stacked(ui_context& ui, const client_core& core,
                                             document_id doc) {
  const auto& c = leerlijn();
  const trajectory& t = core.state();
  const cooperation kind = t.partners.kind;
  const bool editable = can_edit_document(t, core.me(), doc);
  const document& d = t.documents[static_cast<std::size_t>(doc)];
  text_coloured(colours::muted, c.rating_column.for_(kind) + " · " + c.concreet_column.for_(kind));
  for (int row = 0; row < onderdeel_count; ++row) {
    const auto& r = c.rows[static_cast<std::size_t>(row)];
    const document_row& value = d.rows[static_cast<std::size_t>(row)];
    if (row == 0 || c.rows[static_cast<std::size_t>(row - 1)].element_index != r.element_index) {
      ImGui::Spacing();
      ImGui::PushFont(ui.font.bold);
      text_coloured(colours::accent,
                    std::to_string(r.element_index + 1) + ". " +
                        c.elements[static_cast<std::size_t>(r.element_index)].name);
      ImGui::PopFont();
    }
    ImGui::PushID(row);
    ImGui::Separator();
    ImGui::PushFont(ui.font.bold);
    text_wrapped(r.name);
    ImGui::PopFont();
    view_factsheet::explain_onderdeel(ui, row);
    draw_rating(ui, doc, row, value.rating, editable);
    const op::text_target target{false, 0, doc, row, 0};
    cell_.draw(cell_id(row, 0).c_str(), target, value.cells[0], editable,
               ImGui::GetContentRegionAvail().x, ui.px(56), ui);
    ImGui::PopID();
  }
}

// The three rating buttons (again on the chosen one clears it) and the chosen words below.
void view_document::draw_rating(ui_context& ui, document_id doc, int row, int rating,
                                bool editable) {
  const auto& c = leerlijn();
  for (const auto& s : c.scale) {
    const bool chosen = rating == s.value;
    if (s.value != c.scale.front().value) ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Button,
                          chosen ? colours::accent : ImGui::GetStyleColorVec4(ImGuiCol_FrameBg));
    ImGui::PushStyleColor(ImGuiCol_Text,
                          chosen ? ImVec4(1, 1, 1, 1) : ImGui::GetStyleColorVec4(ImGuiCol_Text));
    ImGui::BeginDisabled(!editable);
    const std::string label = std::to_string(s.value);
    if (ImGui::Button(label.c_str(), ImVec2(ui.px(38), ui.px(30))))
      ui.todo.submit(op::set_rating{doc, row, chosen ? 0 : s.value});
    ImGui::EndDisabled();
    ImGui::PopStyleColor(2);
    mark(ui, "rate/" + std::to_string(row) + "/" + label);
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      ImGui::SetTooltip("%d – %s", s.value, s.label.c_str());
  }
  text_coloured(rating == 0 ? colours::muted : ImGui::GetStyleColorVec4(ImGuiCol_Text),
                rating == 0 ? std::string("nog niet gescoord")
                            : c.scale[static_cast<std::size_t>(rating - 1)].label);
}

void view_document::draw_columns(ui_context& ui, const client_core& core, document_id doc,
                                 const std::vector<column>& columns,
                                 const column_options& options) {
  const auto& c = leerlijn();
  const trajectory& t = core.state();
  const document* found = find_document(t, doc, options.meeting);
  if (found == nullptr) return;
  const document& d = *found;
  const bool editable = can_edit_document(t, core.me(), doc, options.meeting);
  if (!editable)
    text_coloured(colours::muted, "Alleen de invuller en de coördinator vullen dit in.");
  // The free-text columns, and in one column the actions where the document has them
  // ("Concrete acties", "Wie?", "Wanneer?"): entered once, tracked from there.
  std::vector<int> texts;
  std::string actions_label;
  for (int k = 0; k < static_cast<int>(columns.size()); ++k) {
    if (!filled_by_actions(columns[static_cast<std::size_t>(k)])) {
      texts.push_back(k);
    } else {
      actions_label +=
          (actions_label.empty() ? "" : " · ") + columns[static_cast<std::size_t>(k)].label;
    }
  }
  const bool actions = !actions_label.empty();
  std::vector<int> order = options.order;
  if (order.empty()) {
    order.resize(onderdeel_count);
    std::iota(order.begin(), order.end(), 0);
  }

  // Every column needs room for its longest word (and a cell to type in, an action's owner
  // and date); where the window is too narrow for that, the onderdelen are stacked.
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGui::PushFont(ui.font.bold);
  float names = widest_word(options.first_label);
  for (const auto& r : c.rows) names = std::max(names, widest_word(r.name));
  float headers = 0;
  for (int k : texts)
    headers = std::max(headers, widest_word(columns[static_cast<std::size_t>(k)].label));
  headers = std::max(headers, widest_word(actions_label));
  ImGui::PopFont();
  for (const auto& e : c.elements) names = std::max(names, widest_word(e.name));
  const float text_weight = 2.0f;
  const float actions_weight = 2.6f;
  const float total = options.first_weight + text_weight * static_cast<float>(texts.size()) +
                      (actions ? actions_weight : 0.0f);
  const int count = 1 + static_cast<int>(texts.size()) + (actions ? 1 : 0);
  const float usable = ImGui::GetContentRegionAvail().x -
                       static_cast<float>(count) * (2 * style.CellPadding.x + ui.px(1));
  const float unit = usable / total;
  if (unit * options.first_weight < names || unit * text_weight < std::max(headers, ui.px(140)) ||
      (actions && unit * actions_weight < ui.px(240)))
    return draw_columns_stacked(ui, core, doc, d, editable, columns, texts, actions_label, order,
                                options);

  ImGuiTableFlags flags =
      ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
  if (options.fill_height) flags |= ImGuiTableFlags_ScrollY;
  const ImVec2 size(0, options.fill_height ? ImGui::GetContentRegionAvail().y : 0.0f);
  if (!ImGui::BeginTable("columns", count, flags, size)) return;
  if (options.fill_height) ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(options.first_label, ImGuiTableColumnFlags_WidthStretch,
                          options.first_weight);
  for (int k : texts)
    ImGui::TableSetupColumn(columns[static_cast<std::size_t>(k)].label.c_str(),
                            ImGuiTableColumnFlags_WidthStretch, text_weight);
  if (actions)
    ImGui::TableSetupColumn(actions_label.c_str(), ImGuiTableColumnFlags_WidthStretch,
                            actions_weight);
  table_headers(ui.font.bold);
  for (int row : order) {
    ImGui::PushID(row);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    draw_onderdeel(ui, row, options);
    for (int k : texts) {
      ImGui::TableNextColumn();
      draw_text_cell(ui, doc, d, row, k, editable, options);
    }
    if (actions) {
      ImGui::TableNextColumn();
      draw_actions_cell(ui, core, d, row, columns, options);
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
}

// Too narrow for the columns: each onderdeel as a block, its questions one below the other.
void view_document::draw_columns_stacked(ui_context& ui, const client_core& core, document_id doc,
                                         const document& d, bool editable,
                                         const std::vector<column>& columns,
                                         const std::vector<int>& texts,
                                         const std::string& actions_label,
                                         const std::vector<int>& order,
                                         const column_options& options) {
  for (int row : order) {
    ImGui::PushID(row);
    ImGui::Separator();
    draw_onderdeel(ui, row, options);
    for (int k : texts) {
      ImGui::PushFont(ui.font.bold);
      text_wrapped(columns[static_cast<std::size_t>(k)].label);
      ImGui::PopFont();
      draw_text_cell(ui, doc, d, row, k, editable, options);
    }
    if (!actions_label.empty()) {
      ImGui::PushFont(ui.font.bold);
      text_wrapped(actions_label);
      ImGui::PopFont();
      draw_actions_cell(ui, core, d, row, columns, options);
    }
    ImGui::Spacing();
    ImGui::PopID();
  }
}

// The first column: the werkzaam element, the onderdeel, its rating and what goes beside it.
void view_document::draw_onderdeel(ui_context& ui, int row, const column_options& options) {
  const auto& c = leerlijn();
  const auto& r = c.rows[static_cast<std::size_t>(row)];
  text_coloured(colours::muted, c.elements[static_cast<std::size_t>(r.element_index)].name);
  ImGui::PushFont(ui.font.bold);
  text_wrapped(r.name);
  ImGui::PopFont();
  view_factsheet::explain_onderdeel(ui, row);
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
}

void view_document::draw_text_cell(ui_context& ui, document_id doc, const document& d, int row,
                                   int column, bool editable, const column_options& options) {
  const auto& cells = d.rows[static_cast<std::size_t>(row)].cells;
  if (column >= static_cast<int>(cells.size())) return;
  // A document an extra meeting holds is addressed through that meeting.
  const op::text_target target{false, held_by_trajectory(doc) ? 0 : options.meeting, doc, row,
                               column};
  cell_.draw(cell_id(row, column).c_str(), target, cells[static_cast<std::size_t>(column)],
             editable, ImGui::GetContentRegionAvail().x, ui.px(56), ui, "…");
}

// The onderdeel's actions, and below them what was once written freely in the columns the
// actions now fill (kept, never lost; no longer typed in).
void view_document::draw_actions_cell(ui_context& ui, const client_core& core, const document& d,
                                      int row, const std::vector<column>& columns,
                                      const column_options& options) {
  actions_.draw_cell(ui, core, row, options.still_to_do);
  const auto& cells = d.rows[static_cast<std::size_t>(row)].cells;
  for (std::size_t k = 0; k < columns.size() && k < cells.size(); ++k) {
    if (!filled_by_actions(columns[k]) || cells[k].empty()) continue;
    text_coloured(colours::muted, columns[k].label + " (eerder vrij ingevuld): " + cells[k]);
  }
}

// Meeting 2's terugkoppeling: the filled instrument read back, weakest onderdelen first.
void view_document::draw_signalering_summary(ui_context& ui, const client_core& core,
                                             document_id doc) {
  const auto& c = leerlijn();
  const trajectory& t = core.state();
  const document& d = t.documents[static_cast<std::size_t>(doc)];
  text_in(ui.font.bold, c.signalering_title + " – zwakste onderdelen eerst");
  draw_score(ui, t, doc);
  // Wide enough for the chip and the longest words of the scale on one line.
  float words = 0;
  for (const auto& step : c.scale)
    words = std::max(words, ImGui::CalcTextSize(step.label.c_str()).x);
  const float score_width = words + ImGui::GetTextLineHeight() + ui.px(16);
  float names = 0;
  for (const auto& r : c.rows) names = std::max(names, widest_word(r.name));
  for (const auto& e : c.elements) names = std::max(names, widest_word(e.name));
  const float rest =
      ImGui::GetContentRegionAvail().x - score_width - 6 * ImGui::GetStyle().CellPadding.x;
  const bool stacked = rest * 1.6f / 4.6f < names || rest * 3.0f / 4.6f < ui.px(160);
  if (stacked) {
    // Too narrow for three columns: each onderdeel with its score and words below it.
    for (int row : weakest_first(d)) {
      const auto& r = c.rows[static_cast<std::size_t>(row)];
      const document_row& value = d.rows[static_cast<std::size_t>(row)];
      ImGui::PushID(row);
      ImGui::Separator();
      text_coloured(colours::muted, c.elements[static_cast<std::size_t>(r.element_index)].name);
      text_wrapped(r.name);
      rating_chip(ui, value.rating, true);
      if (!value.cells.empty() && !value.cells[0].empty()) text_wrapped(value.cells[0]);
      ImGui::PopID();
    }
    return;
  }
  const ImGuiTableFlags flags =
      ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("summary", 3, flags)) return;
  ImGui::TableSetupColumn("Onderdeel", ImGuiTableColumnFlags_WidthStretch, 1.6f);
  ImGui::TableSetupColumn("Score", ImGuiTableColumnFlags_WidthFixed, score_width);
  ImGui::TableSetupColumn(c.concreet_column.for_(t.partners.kind).c_str(),
                          ImGuiTableColumnFlags_WidthStretch, 3.0f);
  table_headers();
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
  text_coloured(colours::muted,
                "Elke actie komt in de rij van haar onderdeel, met een eigenaar en een datum; "
                "tussen de bijeenkomsten ziet iedereen ze in het overzicht en houdt de voortgang "
                "bij.");
  draw_columns(ui, core, document_id::actieplan, c.actieplan_columns, options);
}

// Meeting 3's terugblik: the Actieplan as it was made, with how far each action is.
void view_document::draw_terugblik(ui_context& ui, const client_core& core) {
  const auto& c = leerlijn();
  const trajectory& t = core.state();
  text_in(ui.font.heading, c.actieplan_title);
  column_options options;
  options.scores = &t.documents[static_cast<std::size_t>(document_id::signalering_begin)];
  options.fill_height = false;
  draw_columns(ui, core, document_id::actieplan, c.actieplan_columns, options);
}

// The Evaluatielijst starts from the Actieplan, row by row: beside each onderdeel what the
// plan said and how far its actions are.
void view_document::draw_evaluation(ui_context& ui, const client_core& core, document_id doc,
                                    int meeting, bool explain) {
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
  options.meeting = meeting;
  options.beside = [&t, doc](int row) {
    ImGui::Spacing();
    actieplan_words(t, row);
    // What the evaluation before said was still needed.
    const bool extra = doc == document_id::evaluatie_extra;
    if (doc == document_id::evaluatie_eind || extra) {
      const auto& before =
          t.documents[static_cast<std::size_t>(extra ? document_id::evaluatie_eind
                                                     : document_id::evaluatie_tussentijds)]
              .rows[static_cast<std::size_t>(row)];
      if (before.cells.size() > 2 && !before.cells[2].empty()) {
        text_coloured(colours::muted,
                      extra ? "Nog nodig (eindevaluatie)" : "Nog nodig (tussentijds)");
        text_wrapped(before.cells[2]);
      }
    }
  };
  options.fill_height = false;
  options.still_to_do = true;  // what is done counts under "welke acties zijn ondernomen"
  draw_columns(ui, core, doc, c.evaluatie_columns, options);
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
    mark(ui, std::string("documents/") + label);
    if (on) ImGui::PopStyleColor(2);
  };
  const std::pair<document_id, const char*> documents[] = {
      {document_id::signalering_begin, "Signalering (begin)"},
      {document_id::actieplan, "Actieplan"},
      {document_id::evaluatie_tussentijds, "Evaluatie (tussentijds)"},
      {document_id::evaluatie_eind, "Evaluatie (eind)"},
      {document_id::signalering_eind, "Signalering (eind)"}};
  // The Factsheet first: every meeting works with it ("Gebruik hierbij … de Factsheet").
  choice("Factsheet", ui.shown.factsheet, {false, ui.shown.document, true});
  mark(ui, "documents/factsheet");
  for (const auto& [doc, label] : documents)
    choice(label, !ui.shown.comparison && !ui.shown.factsheet && ui.shown.document == doc,
           {false, doc});
  choice("Vergelijking", ui.shown.comparison && !ui.shown.factsheet,
         {true, document_id::signalering_eind});
  // The set of the last finished meeting (the dialog lets one choose another).
  int meeting = 0;
  for (int i = 0; i < static_cast<int>(t.meetings.size()); ++i)
    if (t.meetings[static_cast<std::size_t>(i)].status == meeting_status::afgerond) meeting = i;
  place("Documenten opslaan…");
  if (ImGui::Button("Documenten opslaan…")) ui.export_request = meeting;
  mark(ui, "documents/export");
  place("Factsheet en lege formulieren…");
  if (ImGui::Button("Factsheet en lege formulieren…")) ui.forms_request = true;
  mark(ui, "documents/forms");
  ImGui::Separator();
  ImGui::BeginChild("shown", ImVec2(0, 0), false);
  if (ui.shown.factsheet) {
    factsheet_.draw(ui);
  } else if (ui.shown.comparison || ui.shown.document == document_id::conclusies) {
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
  } else {
    draw_evaluation(ui, core, ui.shown.document, -1, true);
  }
  ImGui::EndChild();
}

}  // namespace jos::client
