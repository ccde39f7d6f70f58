// "Documenten opslaan…" in the browser: the same set as on the desktop (see
// view_export.hpp), but the browser cannot write into a folder nor lay out a PDF with
// Pango, so the server renders each file (/export/, for members: the participant token)
// and the browser saves each one as a download.
#include <emscripten.h>

#include <algorithm>
#include <future>
#include <memory>

#include "client/core/client_core.hpp"
#include "client/view_export.hpp"
#include "protocol/json_reader.hpp"

namespace jos::client {
namespace {

using namespace shared;

// The one download in progress, finished by the page (jos_export_done).
std::unique_ptr<std::promise<saved_set>> running;

EM_JS(void, jos_export_download, (const char* names_json, const char* token),
      { Module.josDownload(JSON.parse(UTF8ToString(names_json)), UTF8ToString(token)); });

std::string meeting_label(const trajectory& t, int meeting) {
  return std::to_string(meeting + 1) + ". " +
         template_of(t.meetings[static_cast<std::size_t>(meeting)]).name;
}

// What the server's /export/ renders for a meeting: its documents and minutes (PDF,
// Markdown, CSV), the comparison after the last one, and the calendar.
std::vector<std::string> export_names(const trajectory& t, int meeting) {
  std::vector<std::string> stems;
  const auto& m = t.meetings[static_cast<std::size_t>(meeting)];
  for (auto doc : editable_documents(m.template_index)) stems.emplace_back(name_of(doc));
  stems.push_back("notulen-" + std::to_string(meeting + 1));
  if (m.template_index == 3) stems.emplace_back("vergelijking");
  std::vector<std::string> names;
  for (const auto& stem : stems)
    for (const char* format : {".pdf", ".md", ".csv"}) names.push_back(stem + format);
  names.emplace_back("planning.ics");
  return names;
}

std::string json_list(const std::vector<std::string>& names) {
  std::string out = "[";
  for (const auto& n : names) out += (out.size() > 1 ? ",\"" : "\"") + n + "\"";
  return out + "]";
}

}  // namespace

view_export::~view_export() = default;

void view_export::start(const client_core& core) {
  const auto id = core.identity();
  result_.reset();
  running = std::make_unique<std::promise<saved_set>>();
  job_ = running->get_future();
  if (!id) {
    running->set_value({{}, {}, "Je bent niet aangemeld bij de server."});
    return;
  }
  jos_export_download(json_list(export_names(core.state(), meeting_)).c_str(), id->token.c_str());
}

void view_export::draw(ui_context& ui, const client_core& core) {
  const trajectory& t = core.state();
  const char* title = "Documenten opslaan";
  if (ui.export_request) {
    meeting_ = std::clamp(*ui.export_request, 0, static_cast<int>(t.meetings.size()) - 1);
    if (!busy()) result_.reset();
    ui.export_request.reset();
    ImGui::OpenPopup(title);
  }
  if (job_.valid() && job_.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
    result_ = job_.get();

  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(ui.px(640), viewport->WorkSize.x - ui.px(20)), 0));
  if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_NoResize)) return;
  text_wrapped(
      "Na elke bijeenkomst ontvangt iedereen de ingevulde documenten. Hier download je alles van "
      "één bijeenkomst in één keer: elk document als PDF (om te printen of te mailen), als "
      "Markdown en als CSV (voor een spreadsheet), de notulen, en de planning als agenda-bestand "
      "(.ics). De browser zet ze in je map met downloads.");
  ImGui::Spacing();
  ImGui::AlignTextToFramePadding();
  text("Bijeenkomst");
  ImGui::SameLine(ui.px(110));
  ImGui::SetNextItemWidth(-FLT_MIN);
  ImGui::BeginDisabled(busy());
  if (ImGui::BeginCombo("##meeting", meeting_label(t, meeting_).c_str())) {
    for (int i = 0; i < static_cast<int>(t.meetings.size()); ++i) {
      ImGui::PushID(i);
      if (ImGui::Selectable(meeting_label(t, i).c_str(), i == meeting_)) {
        meeting_ = i;
        result_.reset();
      }
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  ImGui::Spacing();
  const float button = ui.px(140);
  if (ImGui::Button(busy() ? "Bezig…" : "Downloaden", ImVec2(button, 0))) start(core);
  mark(ui, "export/save");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(busy());
  if (ImGui::Button("Sluiten", ImVec2(button, 0))) ImGui::CloseCurrentPopup();
  mark(ui, "export/close");
  ImGui::EndDisabled();

  if (busy()) text_coloured(colours::accent, "De server maakt de documenten…");
  if (result_) {
    if (!result_->ok()) text_coloured(colours::warning, result_->error);
    if (!result_->files.empty())
      text_coloured(colours::ok, std::to_string(result_->files.size()) + " bestanden gedownload.");
    for (const auto& f : result_->files) text_coloured(colours::muted, f.name);
  }
  ImGui::EndPopup();
}

}  // namespace jos::client

// The page finished the downloads: `saved` is [[name, bytes], ...]; `error` is empty or why
// it stopped.
extern "C" EMSCRIPTEN_KEEPALIVE void jos_export_done(const char* saved, const char* error) {
  using namespace jos::client;
  if (!running) return;
  saved_set result;
  result.error = error != nullptr && error[0] != '\0' ? std::string("Downloaden mislukt: ") + error
                                                      : std::string{};
  const auto list = jos::protocol::json::parse(saved != nullptr ? saved : "[]", nullptr, false);
  if (list.is_array())
    for (const auto& entry : list)
      if (entry.is_array() && entry.size() == 2 && entry[0].is_string() &&
          entry[1].is_number_unsigned())
        result.files.push_back({entry[0].get<std::string>(), entry[1].get<std::uintmax_t>()});
  running->set_value(std::move(result));
  running.reset();
}
