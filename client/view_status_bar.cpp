#include "client/view_status_bar.hpp"

#include <chrono>
#include <cmath>

#include "client/core/client_core.hpp"

namespace jos::client {

float view_status_bar::height(const ui_context&) const {
  return ImGui::GetFrameHeight() + ImGui::GetStyle().WindowPadding.y * 2;
}

void view_status_bar::draw(ui_context& ui, const client_core& core) {
  const auto status = core.connection();
  if (core.phase() == session_phase::incompatible) {
    text_coloured(colours::warning, "Andere protocolversie dan de server");
  } else if (status.state == link_state::connected) {
    text_coloured(colours::ok, core.live() ? "● Verbonden" : "● Verbonden, bijwerken…");
  } else if (status.state == link_state::connecting) {
    text_coloured(colours::attention, "◌ Verbinden…");
  } else if (status.retrying) {
    const int seconds = static_cast<int>(std::ceil(status.retry_in_seconds));
    text_coloured(colours::attention, "○ Opnieuw verbinden over " + std::to_string(seconds) + " s");
    ImGui::SameLine();
    if (ImGui::SmallButton("Nu verbinden")) ui.todo.act([](client_core& c) { c.retry_now(); });
  } else if (core.phase() == session_phase::start && status.last_error.empty()) {
    text_coloured(colours::muted, "○ Niet verbonden");
  } else {
    text_coloured(colours::warning, "○ Offline");
  }
  if (status.state != link_state::connected && !status.last_error.empty() &&
      core.phase() != session_phase::incompatible) {
    ImGui::SameLine();
    text_coloured(colours::muted, "(" + status.last_error + ")");
  }

  const std::size_t waiting = core.waiting_changes();
  if (waiting > 0) {
    ImGui::SameLine(0, ui.px(24));
    text_coloured(colours::attention, waiting == 1
                                          ? "1 wijziging wacht"
                                          : std::to_string(waiting) + " wijzigingen wachten");
  }
  if (const auto error = core.journal_error(); !error.empty()) {
    ImGui::SameLine(0, ui.px(24));
    text_coloured(colours::warning, "Lokaal opslaan mislukt: " + error);
  }

  // Refusals and server messages stay for a while, errors a little longer; one that kept
  // the text of a change given up stays until the user copied what they need and closed it.
  if (const auto& n = core.last_notice()) {
    const auto age = std::chrono::steady_clock::now() - n->at;
    const bool kept = !n->kept_text.empty();
    if (kept || core.phase() == session_phase::incompatible ||
        age < std::chrono::seconds(n->error ? 10 : 5)) {
      ImGui::SameLine(0, ui.px(24));
      text_coloured(n->error ? colours::warning : colours::accent, n->text);
    }
    if (kept) {
      ImGui::SameLine();
      if (ImGui::SmallButton("Bewaarde tekst kopiëren"))
        ImGui::SetClipboardText(n->kept_text.c_str());
      mark(ui, "notice/copy");
      ImGui::SameLine();
      if (ImGui::SmallButton("Sluiten")) ui.todo.act([](client_core& c) { c.clear_notice(); });
      mark(ui, "notice/close");
    }
  }

  // At the right: the text size (also Ctrl − / Ctrl +), and the server.
  const std::string size = std::to_string(ui.zoom_percent) + " %";
  const ImGuiStyle& style = ImGui::GetStyle();
  const float button = ImGui::CalcTextSize("A+").x + style.FramePadding.x * 2;
  const float zoom_width =
      button * 2 + ImGui::CalcTextSize(size.c_str()).x + style.ItemSpacing.x * 2;
  float right = ImGui::GetWindowContentRegionMax().x - zoom_width;
  if (const auto& url = core.server()) {
    const std::string where = url->text();
    const float w = ImGui::CalcTextSize(where.c_str()).x + ui.px(24);
    if (right - w > ImGui::GetCursorPosX() + ui.px(200)) {
      ImGui::SameLine(right - w);
      text_coloured(colours::muted, where);
    }
  }
  ImGui::SameLine(right);
  if (ImGui::SmallButton("A−")) ui.zoom_change = -1;
  mark(ui, "zoom/smaller");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Kleinere tekst (Ctrl −)");
  ImGui::SameLine();
  text(size);
  ImGui::SameLine();
  if (ImGui::SmallButton("A+")) ui.zoom_change = +1;
  mark(ui, "zoom/larger");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Grotere tekst (Ctrl +); Ctrl 0 zet hem terug");
}

}  // namespace jos::client
