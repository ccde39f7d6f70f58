#include "client/view_comparison.hpp"

#include <algorithm>

#include "client/core/client_core.hpp"
#include "shared/content.hpp"
#include "shared/rules.hpp"

namespace jos::client {
namespace {

using namespace shared;

const ImVec4 before_colour{0.62f, 0.67f, 0.76f, 1.0f};
const ImVec4 grid_colour{0.80f, 0.81f, 0.84f, 1.0f};
const ImVec4 stripe_colour{0.96f, 0.97f, 0.99f, 1.0f};
const ImVec4 band_colours[] = {
    {0.95f, 0.92f, 0.88f, 1.0f}, {0.90f, 0.93f, 0.98f, 1.0f}, {0.87f, 0.95f, 0.89f, 1.0f}};

ImU32 u32(const ImVec4& c) { return ImGui::GetColorU32(c); }

// What a verdict means depends on the kind of cooperation: against a desired situation,
// "the same" is the goal reached.
ImVec4 verdict_colour(change v, cooperation kind) {
  switch (v) {
    case change::improved: return colours::ok;
    case change::same: return kind == cooperation::fresh ? colours::ok : colours::muted;
    case change::worse: return kind == cooperation::fresh ? colours::attention : colours::warning;
    case change::incomplete: break;
  }
  return colours::muted;
}

const char* verdict_glyph(change v) {
  switch (v) {
    case change::improved: return "▲";
    case change::same: return "=";
    case change::worse: return "▼";
    case change::incomplete: break;
  }
  return "·";
}

std::string phase_name(const score& s) {
  return s.final_phase ? band_of(*s.final_phase).name : std::string("nog geen fase");
}

}  // namespace

void view_comparison::draw(ui_context& ui, const client_core& core) {
  const auto& c = leerlijn();
  const trajectory& t = core.state();
  const comparison cmp = compare_signalering(t);
  text_in(ui.font.heading, "Vergelijking van de twee Signaleringsinstrumenten");
  text_coloured(colours::muted, c.wording(t.partners.kind).comparison);
  ImGui::Spacing();
  draw_summary(ui, cmp);
  ImGui::Spacing();
  draw_totals(ui, cmp);
  ImGui::Spacing();
  draw_chart(ui, cmp);
  ImGui::Spacing();
  draw_texts(ui, core, cmp);
  ImGui::Spacing();
  draw_conclusion(ui, core);
}

// The words beside the scores: for a newly started cooperation what the team wrote as the
// desired situation the first time, next to how it is now; and room per onderdeel for the
// team's conclusion.
void view_comparison::draw_texts(ui_context& ui, const client_core& core, const comparison& cmp) {
  const auto& c = leerlijn();
  const trajectory& t = core.state();
  const bool fresh = cmp.kind == cooperation::fresh;
  text_in(ui.font.bold,
          fresh ? "De gewenste situatie naast de situatie nu" : "Hoe het was en hoe het nu is");
  const auto& first = t.documents[static_cast<std::size_t>(document_id::signalering_begin)];
  const auto& second = t.documents[static_cast<std::size_t>(document_id::signalering_eind)];
  const auto& conclusions = t.documents[static_cast<std::size_t>(document_id::conclusies)];
  const bool editable = can_edit_document(t, core.me(), document_id::conclusies);
  const std::string before =
      fresh ? "Gewenst (eerste Signaleringsinstrument)" : "Begin (eerste Signaleringsinstrument)";
  const std::string after =
      fresh ? "Nu (tweede Signaleringsinstrument)" : "Eind (tweede Signaleringsinstrument)";
  const std::string conclusion_label = "Conclusie van het team";
  const auto words = [&](const document_row& row) {
    std::string out = row.rating == 0 ? std::string("nog niet gescoord")
                                      : std::to_string(row.rating) + " – " +
                                            c.scale[static_cast<std::size_t>(row.rating - 1)].label;
    if (!row.cells.empty() && !row.cells[0].empty()) out += "\n" + row.cells[0];
    return out;
  };
  const auto conclusion = [&](int row) {
    const op::text_target target{false, 0, document_id::conclusies, row, 0};
    cell_.draw("conclusion", target, conclusions.rows[static_cast<std::size_t>(row)].cells[0],
               editable, ImGui::GetContentRegionAvail().x, ui.px(40), ui, "Conclusie…");
  };
  const auto onderdeel = [&](int row) {
    const auto r = static_cast<std::size_t>(row);
    text_wrapped(c.rows[r].name);
    text_coloured(verdict_colour(cmp.rows[r].verdict, cmp.kind),
                  verdict_label(cmp.rows[r].verdict, cmp.kind));
  };

  // The onderdeel's column is as wide as its longest word; the texts share the rest, and
  // where that leaves them too little each onderdeel is a block, its texts one below the other.
  float names = widest_word("Onderdeel");
  for (const auto& r : c.rows) names = std::max(names, widest_word(r.name));
  for (const change v : {change::improved, change::same, change::worse})
    names = std::max(names, widest_word(verdict_label(v, cmp.kind)));
  const float padding = 2 * ImGui::GetStyle().CellPadding.x + ui.px(1);
  float headers = widest_word(conclusion_label);
  for (const std::string* label : {&before, &after})
    headers = std::max(headers, widest_word(*label));
  const float rest = ImGui::GetContentRegionAvail().x - names - 4 * padding;
  if (rest / 3.0f < std::max(headers, ui.px(160))) {
    for (int row = 0; row < onderdeel_count; ++row) {
      const auto r = static_cast<std::size_t>(row);
      ImGui::PushID(row);
      ImGui::Separator();
      onderdeel(row);
      for (const auto& [label, value] :
           {std::pair{&before, &first.rows[r]}, std::pair{&after, &second.rows[r]}}) {
        text_coloured(colours::muted, *label);
        text_wrapped(words(*value));
      }
      text_coloured(colours::muted, conclusion_label);
      conclusion(row);
      ImGui::PopID();
    }
    return;
  }
  const ImGuiTableFlags flags =
      ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("texts", 4, flags)) return;
  ImGui::TableSetupColumn("Onderdeel", ImGuiTableColumnFlags_WidthFixed, names);
  ImGui::TableSetupColumn(before.c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn(after.c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn(conclusion_label.c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
  table_headers();  // wrapped: the instruments' names are long
  for (int row = 0; row < onderdeel_count; ++row) {
    const auto r = static_cast<std::size_t>(row);
    ImGui::PushID(row);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    onderdeel(row);
    ImGui::TableNextColumn();
    text_wrapped(words(first.rows[r]));
    ImGui::TableNextColumn();
    text_wrapped(words(second.rows[r]));
    ImGui::TableNextColumn();
    conclusion(row);
    ImGui::PopID();
  }
  ImGui::EndTable();
}

// The team's conclusion on the whole: what was decided at the agenda item "Evalueren
// samenwerking", so it stands in the minutes too.
void view_comparison::draw_conclusion(ui_context& ui, const client_core& core) {
  const trajectory& t = core.state();
  const auto at = comparison_item(t);
  if (!at) return;
  const auto& session = t.meetings[static_cast<std::size_t>(at->meeting)].session;
  if (at->item >= static_cast<int>(session.items.size())) return;
  text_in(ui.font.bold, "Conclusies van het team");
  text_coloured(colours::muted, "Ook in de notulen, bij ‘Evalueren samenwerking’.");
  overall_.draw("overall", op::minutes_target(at->meeting, at->item, true),
                session.items[static_cast<std::size_t>(at->item)].decided,
                can_edit_minutes(t, core.me(), at->meeting), ImGui::GetContentRegionAvail().x,
                ui.px(60), ui, "Wat concludeert het team?");
}

// Three cards: how many onderdelen went up, stayed, went down.
void view_comparison::draw_summary(ui_context& ui, const comparison& cmp) {
  const std::pair<change, int> counts[] = {
      {change::improved, cmp.improved}, {change::same, cmp.same}, {change::worse, cmp.worse}};
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float gap = ui.px(10);
  const float width = (ImGui::GetContentRegionAvail().x - 2 * gap) / 3.0f;
  const float height = ui.font.heading->FontSize + ImGui::GetTextLineHeight() + ui.px(18);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  for (int i = 0; i < 3; ++i) {
    const auto [verdict, n] = counts[i];
    const ImVec4 colour = verdict_colour(verdict, cmp.kind);
    const ImVec2 a(origin.x + static_cast<float>(i) * (width + gap), origin.y);
    const ImVec2 b(a.x + width, a.y + height);
    ImVec4 tint = colour;
    tint.w = 0.10f;
    draw->AddRectFilled(a, b, u32(tint), ui.px(6));
    draw->AddRectFilled(a, ImVec2(a.x + ui.px(5), b.y), u32(colour), ui.px(6),
                        ImDrawFlags_RoundCornersLeft);
    const std::string number = std::string(verdict_glyph(verdict)) + " " + std::to_string(n);
    draw->AddText(ui.font.heading, ui.font.heading->FontSize,
                  ImVec2(a.x + ui.px(16), a.y + ui.px(6)), u32(colour), number.c_str());
    const std::string label(verdict_label(verdict, cmp.kind));
    draw->AddText(ImVec2(a.x + ui.px(16), a.y + ui.px(10) + ui.font.heading->FontSize),
                  u32(ImGui::GetStyleColorVec4(ImGuiCol_Text)), label.c_str());
  }
  ImGui::Dummy(ImVec2(3 * width + 2 * gap, height));
  const int missing = onderdeel_count - cmp.improved - cmp.same - cmp.worse;
  if (missing > 0)
    text_coloured(colours::attention, std::to_string(missing) +
                                          (missing == 1 ? " onderdeel is" : " onderdelen zijn") +
                                          " nog niet in beide instrumenten gescoord.");
}

// The totals on the scale of the three phases (10–30), a marker for each instrument.
void view_comparison::draw_totals(ui_context& ui, const comparison& cmp) {
  const auto& c = leerlijn();
  const std::string before_name(before_label(cmp.kind));
  const std::string after_name(after_label(cmp.kind));
  auto line = [&](const std::string& name, const score& s) {
    std::string out = name + ": " + c.total_label + " " + std::to_string(s.total);
    if (s.complete()) {
      out += " – " + phase_name(s);
    } else {
      out += " (voorlopig, nog " + std::to_string(s.missing) + " te scoren)";
    }
    return out;
  };
  ImGui::PushFont(ui.font.bold);
  text(line(before_name, cmp.before));
  ImGui::SameLine(0, ui.px(10));
  text("→");
  ImGui::SameLine(0, ui.px(10));
  text_coloured(colours::accent, line(after_name, cmp.after));
  ImGui::PopFont();
  text_wrapped(phase_sentence(cmp));

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float line_h = ImGui::GetTextLineHeight();
  const float width = ImGui::GetContentRegionAvail().x;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float bar_top = origin.y + line_h + ui.px(6);
  const float bar_h = ui.px(26);
  const float lo = 9.5f;  // the scale runs 10..30; half a point of room on either side
  const float hi = 30.5f;
  auto x_of = [&](float v) { return origin.x + (std::clamp(v, lo, hi) - lo) / (hi - lo) * width; };
  for (std::size_t b = 0; b < c.bands.size() && b < 3; ++b) {
    const auto& band = c.bands[b];
    const float x0 = x_of(static_cast<float>(band.min) - 0.5f);
    const float x1 = x_of(static_cast<float>(band.max) + 0.5f);
    draw->AddRectFilled(ImVec2(x0, bar_top), ImVec2(x1, bar_top + bar_h), u32(band_colours[b]));
    // The name with its range where that fits, else the name, else the range: a phase is
    // never left unnamed because its part of the scale is narrow.
    const std::string range = std::to_string(band.min) + "–" + std::to_string(band.max);
    for (const std::string& label : {band.name + " (" + range + ")", band.name, range}) {
      const ImVec2 size = ImGui::CalcTextSize(label.c_str());
      if (size.x >= x1 - x0 - ui.px(4)) continue;
      const ImVec2 at((x0 + x1 - size.x) * 0.5f, bar_top + (bar_h - size.y) * 0.5f);
      draw->AddText(at, u32(colours::muted), label.c_str());
      const ImVec4 segment(x0, bar_top, x1, bar_top + bar_h);
      mark_rect(ui, "phase-band/" + std::to_string(b),
                ImVec4(at.x, at.y, at.x + size.x, at.y + size.y), &segment);
      break;
    }
  }
  draw->AddRect(ImVec2(origin.x, bar_top), ImVec2(origin.x + width, bar_top + bar_h),
                u32(grid_colour));
  // The instrument before above the scale, the one after below it.
  auto marker = [&](const score& s, bool above, const ImVec4& colour, const std::string& name) {
    if (s.rated == 0) return;
    const float x = x_of(static_cast<float>(s.total));
    const float tri = ui.px(7);
    ImVec4 shade = colour;
    if (!s.complete()) shade.w = 0.45f;
    if (above) {
      draw->AddTriangleFilled(ImVec2(x - tri, bar_top - tri * 1.4f),
                              ImVec2(x + tri, bar_top - tri * 1.4f), ImVec2(x, bar_top),
                              u32(shade));
    } else {
      draw->AddTriangleFilled(ImVec2(x - tri, bar_top + bar_h + tri * 1.4f),
                              ImVec2(x + tri, bar_top + bar_h + tri * 1.4f),
                              ImVec2(x, bar_top + bar_h), u32(shade));
    }
    draw->AddLine(ImVec2(x, bar_top), ImVec2(x, bar_top + bar_h), u32(shade), ui.px(3));
    const std::string label = name + " " + std::to_string(s.total);
    const ImVec2 size = ImGui::CalcTextSize(label.c_str());
    const float lx = std::clamp(x - size.x * 0.5f, origin.x, origin.x + width - size.x);
    const float ly = above ? origin.y - ui.px(2) : bar_top + bar_h + tri * 1.4f + ui.px(2);
    draw->AddText(ImVec2(lx, above ? ly - ui.px(4) : ly), u32(shade), label.c_str());
  };
  marker(cmp.before, true, before_colour, before_name);
  marker(cmp.after, false, colours::accent, after_name);
  ImGui::Dummy(ImVec2(width, line_h + ui.px(6) + bar_h + ui.px(12) + line_h));
}

// Per onderdeel two horizontal bars (before, after) on the 1–3 scale and the verdict.
void view_comparison::draw_chart(ui_context& ui, const comparison& cmp) {
  const auto& c = leerlijn();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const std::string before_name(before_label(cmp.kind));
  const std::string after_name(after_label(cmp.kind));
  const float width = ImGui::GetContentRegionAvail().x;
  const float line_h = ImGui::GetTextLineHeight();
  float verdict_w = 0;
  for (auto v : {change::improved, change::same, change::worse, change::incomplete})
    verdict_w = std::max(
        verdict_w,
        ImGui::CalcTextSize((std::string("▲ ") + std::string(verdict_label(v, cmp.kind))).c_str())
            .x);
  verdict_w += ui.px(16);
  const float label_w = std::clamp(width * 0.34f, ui.px(150), ui.px(360));
  const float pad = ui.px(12);
  const float chart_x = label_w + pad;
  const float chart_w = std::max(ui.px(60), width - label_w - verdict_w - 2 * pad);
  const float bar_h = std::max(ui.px(9), line_h * 0.62f);
  const float bar_gap = ui.px(3);
  const float value_w = ImGui::CalcTextSize("3").x + ui.px(8);

  // Legend and the scale's ticks.
  ImVec2 p = ImGui::GetCursorScreenPos();
  auto swatch = [&](float x, const ImVec4& colour, const std::string& label) {
    draw->AddRectFilled(ImVec2(x, p.y + line_h * 0.2f),
                        ImVec2(x + line_h * 0.6f, p.y + line_h * 0.8f), u32(colour), ui.px(2));
    draw->AddText(ImVec2(x + line_h * 0.6f + ui.px(6), p.y),
                  u32(ImGui::GetStyleColorVec4(ImGuiCol_Text)), label.c_str());
    return x + line_h * 0.6f + ui.px(6) + ImGui::CalcTextSize(label.c_str()).x + ui.px(18);
  };
  float x = swatch(p.x, before_colour, before_name + " (eerste Signaleringsinstrument)");
  swatch(x, colours::accent, after_name + " (tweede Signaleringsinstrument)");
  ImGui::Dummy(ImVec2(width, line_h + ui.px(6)));
  p = ImGui::GetCursorScreenPos();
  for (int tick = 1; tick <= 3; ++tick) {
    const float tx = p.x + chart_x + (chart_w - value_w) * static_cast<float>(tick) / 3.0f;
    const std::string label = std::to_string(tick);
    draw->AddText(ImVec2(tx - ImGui::CalcTextSize(label.c_str()).x * 0.5f, p.y),
                  u32(colours::muted), label.c_str());
  }
  draw->AddText(ImVec2(p.x + width - verdict_w + ui.px(4), p.y), u32(colours::muted),
                cmp.kind == cooperation::fresh ? "Bereikt?" : "Verschil");
  ImGui::Dummy(ImVec2(width, line_h + ui.px(2)));

  int stripe = 0;
  for (int row = 0; row < onderdeel_count; ++row) {
    const auto& r = c.rows[static_cast<std::size_t>(row)];
    const row_comparison& rc = cmp.rows[static_cast<std::size_t>(row)];
    // Each werkzaam element opens with its name.
    if (row == 0 || c.rows[static_cast<std::size_t>(row - 1)].element_index != r.element_index) {
      ImGui::Spacing();
      ImGui::PushFont(ui.font.bold);
      text(std::to_string(r.element_index + 1) + ". " +
           c.elements[static_cast<std::size_t>(r.element_index)].name);
      ImGui::PopFont();
    }
    p = ImGui::GetCursorScreenPos();
    const float label_h = ImGui::CalcTextSize(r.name.c_str(), nullptr, false, label_w).y;
    const float bars_h = 2 * bar_h + bar_gap;
    const float row_h = std::max(label_h, bars_h) + ui.px(10);
    if (stripe++ % 2 == 0)
      draw->AddRectFilled(p, ImVec2(p.x + width, p.y + row_h), u32(stripe_colour));
    draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(),
                  ImVec2(p.x + ui.px(4), p.y + (row_h - label_h) * 0.5f),
                  u32(ImGui::GetStyleColorVec4(ImGuiCol_Text)), r.name.c_str(), nullptr,
                  label_w - ui.px(4));
    // Gridlines at 1, 2 and 3.
    for (int tick = 1; tick <= 3; ++tick) {
      const float gx = p.x + chart_x + (chart_w - value_w) * static_cast<float>(tick) / 3.0f;
      draw->AddLine(ImVec2(gx, p.y), ImVec2(gx, p.y + row_h), u32(grid_colour));
    }
    const float top = p.y + (row_h - bars_h) * 0.5f;
    auto bar = [&](int value, float y, const ImVec4& colour) {
      const float x0 = p.x + chart_x;
      if (value == 0) {
        draw->AddRect(ImVec2(x0, y), ImVec2(x0 + (chart_w - value_w) / 3.0f, y + bar_h),
                      u32(grid_colour), ui.px(2));
        draw->AddText(
            ImVec2(x0 + (chart_w - value_w) / 3.0f + ui.px(4), y + (bar_h - line_h) * 0.5f),
            u32(colours::muted), "–");
        return;
      }
      const float x1 = x0 + (chart_w - value_w) * static_cast<float>(value) / 3.0f;
      draw->AddRectFilled(ImVec2(x0, y), ImVec2(x1, y + bar_h), u32(colour), ui.px(2));
      draw->AddText(ImVec2(x1 + ui.px(4), y + (bar_h - line_h) * 0.5f), u32(colour),
                    std::to_string(value).c_str());
    };
    bar(rc.before, top, before_colour);
    bar(rc.after, top + bar_h + bar_gap, colours::accent);
    const ImVec4 vc = verdict_colour(rc.verdict, cmp.kind);
    const std::string verdict = std::string(verdict_glyph(rc.verdict)) + " " +
                                std::string(verdict_label(rc.verdict, cmp.kind));
    draw->AddText(ImVec2(p.x + width - verdict_w + ui.px(4), p.y + (row_h - line_h) * 0.5f),
                  u32(vc), verdict.c_str());
    ImGui::PushID(row);
    ImGui::Dummy(ImVec2(width, row_h));
    mark(ui, "comparison/row" + std::to_string(row));
    ImGui::PopID();
    if (ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      text(r.name);
      auto described = [&](const std::string& name, int v) {
        return name + ": " +
               (v == 0
                    ? std::string("nog niet gescoord")
                    : std::to_string(v) + " – " + c.scale[static_cast<std::size_t>(v - 1)].label);
      };
      text(described(before_name, rc.before));
      text(described(after_name, rc.after));
      ImGui::EndTooltip();
    }
  }
  ImGui::Spacing();
  std::string legend;
  for (const auto& s : c.scale) {
    if (!legend.empty()) legend += " · ";
    legend += std::to_string(s.value) + " = " + s.label;
  }
  text_coloured(colours::muted, legend);
}

}  // namespace jos::client
