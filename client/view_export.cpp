#include "client/view_export.hpp"

#include <imgui_stdlib.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "client/core/client_core.hpp"
#include "shared/documents/render.hpp"

namespace jos::client {
namespace {

using namespace shared;
namespace fs = std::filesystem;

// Lower case, words joined by '-'; letters with diacritics stay as they are.
std::string slug(std::string_view s) {
  std::string out;
  for (const char ch : s) {
    const auto u = static_cast<unsigned char>(ch);
    if ((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u >= 0x80) {
      out += ch;
    } else if (u >= 'A' && u <= 'Z') {
      out += static_cast<char>(u - 'A' + 'a');
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? std::string("leerlijn") : out;
}

// Why a file or folder could not be written, in words a coordinator understands.
std::string reason(int error) {
  switch (error) {
    case EACCES:
    case EPERM: return "je hebt geen toestemming om daar te schrijven";
    case ENOSPC:
    case EDQUOT: return "de schijf is vol";
    case EROFS: return "die plek kan alleen gelezen worden";
    case ENOTDIR:
    case EEXIST: return "een deel van het pad is een bestand, geen map";
    case ENAMETOOLONG: return "de naam is te lang";
    case ENOENT: return "een deel van het pad bestaat niet";
    default: break;
  }
  return std::string("onbekende fout (") + std::strerror(error) + ")";
}

std::string meeting_label(const trajectory& t, int meeting) {
  const meeting_template& tpl = template_of(t.meetings[static_cast<std::size_t>(meeting)]);
  return std::to_string(meeting + 1) + ". " + tpl.name;
}

std::string size_label(std::uintmax_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " bytes";
  return std::to_string((bytes + 512) / 1024) + " kB";
}

}  // namespace

fs::path expand_home(std::string_view typed) {
  const char* home = std::getenv("HOME");
  if (home != nullptr && (typed == "~" || typed.starts_with("~/")))
    return fs::path(home) / std::string(typed.substr(typed.size() > 1 ? 2 : 1));
  return fs::path(std::string(typed));
}

fs::path default_export_folder(const trajectory& t, int meeting, export_kind kind) {
  const char* home_env = std::getenv("HOME");
  const fs::path home = home_env != nullptr ? fs::path(home_env) : fs::current_path();
  std::error_code ec;
  fs::path documents = home / "Documenten";
  if (!fs::is_directory(documents, ec) && fs::is_directory(home / "Documents", ec))
    documents = home / "Documents";
  const fs::path school = documents / "jos" / slug(t.partners.school);
  if (kind == export_kind::forms) return school / "formulieren";
  std::string name = "leerlijn";
  if (meeting >= 0 && meeting < static_cast<int>(t.meetings.size()))
    name = std::to_string(meeting + 1) + "-" +
           slug(template_of(t.meetings[static_cast<std::size_t>(meeting)]).name);
  return kind == export_kind::invitation ? school / name / "uitnodiging" : school / name;
}

saved_set save_meeting_set(const trajectory& t, int meeting, const fs::path& folder) {
  return save_set(t, export_kind::after_meeting, meeting, folder);
}

saved_set save_set(const trajectory& t, export_kind kind, int meeting, const fs::path& folder) {
  saved_set out;
  out.folder = folder;
  if (folder.empty()) {
    out.error = "Kies een map om de documenten in op te slaan.";
    return out;
  }
  if (kind != export_kind::forms &&
      (meeting < 0 || meeting >= static_cast<int>(t.meetings.size()))) {
    out.error = "Deze bijeenkomst bestaat niet.";
    return out;
  }
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec || !fs::is_directory(folder)) {
    out.error = "Kan de map ‘" + folder.string() +
                "’ niet maken: " + reason(ec ? ec.value() : ENOTDIR) + ".";
    return out;
  }
  const std::int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
  const auto files = kind == export_kind::forms        ? documents::forms_set(t)
                     : kind == export_kind::invitation ? documents::invitation_set(t, meeting, now)
                                                       : documents::meeting_set(t, meeting, now);
  for (const auto& f : files) {
    const fs::path path = folder / f.name;
    errno = 0;
    std::FILE* file = std::fopen(path.c_str(), "wb");
    bool ok = file != nullptr;
    if (ok) ok = std::fwrite(f.bytes.data(), 1, f.bytes.size(), file) == f.bytes.size();
    const int write_error = errno;
    if (file != nullptr) ok = std::fclose(file) == 0 && ok;
    if (!ok) {
      const int error = errno != 0 ? errno : write_error;
      out.error = "Kan ‘" + f.name + "’ niet opslaan in ‘" + folder.string() +
                  "’: " + reason(error != 0 ? error : EIO) + ".";
      return out;
    }
    out.files.push_back({f.name, f.bytes.size()});
  }
  return out;
}

view_export::~view_export() { wait(); }

void view_export::start(const client_core& core) {
  result_.reset();
  job_ = std::async(std::launch::async,
                    [t = core.state(), kind = kind_, meeting = meeting_,
                     folder = expand_home(folder_)] { return save_set(t, kind, meeting, folder); });
}

void view_export::choose(const trajectory& t, export_kind kind, int meeting) {
  kind_ = kind;
  meeting_ = std::clamp(meeting, 0, static_cast<int>(t.meetings.size()) - 1);
  folder_ = default_export_folder(t, meeting_, kind_).string();
  if (const char* home = std::getenv("HOME");
      home != nullptr && folder_.starts_with(std::string(home) + "/"))
    folder_ = "~" + folder_.substr(std::string(home).size());
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
  ImGui::SetNextWindowSize(ImVec2(std::min(ui.px(640), viewport->WorkSize.x - ui.px(20)), 0));
  if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_NoResize)) return;
  ImGui::BeginDisabled(busy());
  int kind = static_cast<int>(kind_);
  const char* kinds[] = {"Na de bijeenkomst", "Uitnodiging met bijlagen",
                         "Factsheet en lege formulieren"};
  for (int k = 0; k < 3; ++k) {
    if (k > 0) ImGui::SameLine();
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
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  ImGui::EndDisabled();
  ImGui::AlignTextToFramePadding();
  text("Map");
  ImGui::SameLine(ui.px(110));
  ImGui::SetNextItemWidth(-FLT_MIN);
  ImGui::InputText("##folder", &folder_);
  mark(ui, "export/folder");
  text_coloured(colours::muted,
                "De map wordt gemaakt als die nog niet bestaat; bestanden met "
                "dezelfde naam worden overschreven.");
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
    } else {
      text_coloured(colours::ok, std::to_string(result_->files.size()) +
                                     " bestanden opgeslagen in " + result_->folder.string() + ":");
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
      if (ImGui::SmallButton("Pad kopiëren"))
        ImGui::SetClipboardText(result_->folder.string().c_str());
    }
  }
  ImGui::EndPopup();
}

}  // namespace jos::client
