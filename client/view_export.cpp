#include "client/view_export.hpp"

#include <algorithm>
#include <chrono>

#include "client/core/client_core.hpp"

namespace jos::client {
namespace {

using namespace shared;

std::string meeting_label(const trajectory& t, int meeting) {
  const meeting_template& tpl = template_of(t.meetings[static_cast<std::size_t>(meeting)]);
  return std::to_string(meeting + 1) + ". " + tpl.name;
}

std::string size_label(std::uintmax_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " bytes";
  return std::to_string((bytes + 512) / 1024) + " kB";
}

}  // namespace

void view_export::choose(const trajectory& t, export_kind kind, int meeting) {
  kind_ = kind;
  meeting_ = std::clamp(meeting, 0, static_cast<int>(t.meetings.size()) - 1);
  suggest_destination(t);
  if (!busy()) result_.reset();
}

void view_export::draw(ui_context& ui, const client_core& core) {
  const trajectory& t = core.state();
  const char* title = "Documenten opslaan";
  if (ui.export_request || ui.invitation_request || ui.forms_request) {
    if (ui.export_request) choose(t, export_kind::after_meeting, *ui.export_request);
    if (ui.invitation_request) choose(t, export_kind::invitation, *ui.invitation_request);
    if (ui.forms_request) choose(t, export_kind::forms, meeting_);
    ui.export_request.reset();
    ui.invitation_request.reset();
    ui.forms_request = false;
    ImGui::OpenPopup(title);
  }
  if (job_.valid() && job_.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
    result_ = job_.get();

  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(dialog_width(ui, 640), 0));
  if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_NoResize)) return;
  ImGui::BeginDisabled(busy());
  int kind = static_cast<int>(kind_);
  const char* kinds[] = {"Na de bijeenkomst", "Uitnodiging met bijlagen",
                         "Factsheet en lege formulieren"};
  // One below the other: side by side they need more than the dialog's 640 px, and a radio
  // button's label does not wrap.
  for (int k = 0; k < 3; ++k) {
    if (ImGui::RadioButton(kinds[k], &kind, k)) choose(t, static_cast<export_kind>(k), meeting_);
    mark(ui, "export/kind" + std::to_string(k));
  }
  ImGui::EndDisabled();
  switch (kind_) {
    case export_kind::after_meeting:
      text_wrapped(
          "Na elke bijeenkomst ontvangt iedereen de ingevulde documenten. Hier sla je alles van "
          "één bijeenkomst in één keer op: elk document als PDF (om te printen of te mailen), "
          "als Markdown en als CSV (voor een spreadsheet), de notulen, en de planning als "
          "agenda-bestand (.ics).");
      break;
    case export_kind::invitation:
      text_wrapped(
          "De uitnodiging als tekst (om in een e-mail te plakken) en als PDF, met de afspraak "
          "voor de agenda (.ics) en de documenten die iedereen vooraf doorneemt: de Factsheet, "
          "de lege formulieren en wat het team eerder invulde.");
      break;
    case export_kind::forms:
      text_wrapped(
          "De Factsheet en de lege formulieren (Signaleringsinstrument, Format actieplan, "
          "Evaluatielijst) als PDF, om in voldoende oplage te printen of mee te sturen.");
      break;
  }
  ImGui::Spacing();
  ImGui::BeginDisabled(busy());
  ImGui::BeginDisabled(kind_ == export_kind::forms);
  ImGui::AlignTextToFramePadding();
  text("Bijeenkomst");
  ImGui::SameLine(ui.px(110));
  ImGui::SetNextItemWidth(-FLT_MIN);
  const std::string current =
      meeting_label(t, meeting_) + " (" +
      std::string(label_of(t.meetings[static_cast<std::size_t>(meeting_)].status)) + ")";
  if (ImGui::BeginCombo("##meeting", current.c_str())) {
    for (int i = 0; i < static_cast<int>(t.meetings.size()); ++i) {
      ImGui::PushID(i);
      if (ImGui::Selectable(meeting_label(t, i).c_str(), i == meeting_)) choose(t, kind_, i);
      mark(ui, "export/meeting" + std::to_string(i));
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  mark(ui, "export/meeting");
  ImGui::EndDisabled();
  draw_destination(ui);
  ImGui::Spacing();

  const float button = ui.px(140);
  if (ImGui::Button(busy() ? "Bezig…" : "Opslaan", ImVec2(button, 0))) start(core);
  mark(ui, "export/save");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(busy());
  if (ImGui::Button("Sluiten", ImVec2(button, 0))) ImGui::CloseCurrentPopup();
  mark(ui, "export/close");
  ImGui::EndDisabled();

  if (busy()) text_coloured(colours::accent, "De documenten worden gemaakt en opgeslagen…");
  if (result_) {
    ImGui::Spacing();
    if (!result_->ok()) {
      text_coloured(colours::warning, result_->error);
      mark(ui, "export/error");
    }
    if (!result_->files.empty()) {
      const std::string where =
          result_->folder.empty() ? std::string("je map met downloads") : result_->folder.string();
      text_coloured(
          result_->ok() ? colours::ok : colours::muted,
          std::to_string(result_->files.size()) + " bestanden opgeslagen in " + where + ":");
      mark(ui, "export/saved");
      if (ImGui::BeginTable(
              "saved", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY,
              ImVec2(0, std::min(ui.px(220),
                                 ImGui::GetTextLineHeightWithSpacing() *
                                     (static_cast<float>(result_->files.size()) + 1.5f))))) {
        ImGui::TableSetupColumn("Bestand", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("Grootte", ImGuiTableColumnFlags_WidthFixed, ui.px(90));
        for (const auto& f : result_->files) {
          ImGui::TableNextRow();
          ImGui::TableNextColumn();
          text(f.name);
          ImGui::TableNextColumn();
          text_coloured(colours::muted, size_label(f.bytes));
        }
        ImGui::EndTable();
      }
      if (!result_->folder.empty() && ImGui::SmallButton("Pad kopiëren"))
        ImGui::SetClipboardText(result_->folder.string().c_str());
    }
  }
  ImGui::EndPopup();
}

}  // namespace jos::client
