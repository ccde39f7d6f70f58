// "Documenten opslaan" in the browser (see view_export.hpp): the browser can neither write
// into a folder nor lay out a PDF with Pango, so the server renders each file of the set
// (/export/<name>, for members: the participant token) and the browser saves each one as a
// download.
#include <emscripten.h>

#include <memory>
#include <tuple>

#include "client/core/client_core.hpp"
#include "client/view_export.hpp"
#include "protocol/json_reader.hpp"

namespace jos::client {
namespace {

// The one download in progress, finished by the page (jos_export_done).
std::unique_ptr<std::promise<saved_set>> running;

EM_JS(void, jos_export_download, (const char* names_json, const char* token),
      { Module.josDownload(JSON.parse(UTF8ToString(names_json)), UTF8ToString(token)); });
EM_JS(void, jos_save_download, (const char* name, const char* type, const char* text),
      { Module.josSave(UTF8ToString(name), UTF8ToString(type), UTF8ToString(text)); });

}  // namespace

saved_set save_person_export(const shared::trajectory&, const protocol::person_export& data) {
  const std::string stem = "persoonsgegevens-" + std::to_string(data.person);
  saved_set saved;
  for (const auto& [name, type, text] :
       {std::tuple{stem + ".json", "application/json", &data.json},
        std::tuple{stem + ".txt", "text/plain;charset=utf-8", &data.text}}) {
    jos_save_download(name.c_str(), type, text->c_str());
    saved.files.push_back({name, text->size()});
  }
  return saved;
}

view_export::~view_export() = default;

void view_export::suggest_destination(const shared::trajectory&) {}

void view_export::draw_destination(ui_context&) {
  text_coloured(colours::muted, "De browser zet de bestanden in je map met downloads.");
}

void view_export::start(const client_core& core) {
  const auto id = core.identity();
  result_.reset();
  running = std::make_unique<std::promise<saved_set>>();
  job_ = running->get_future();
  if (!id) {
    running->set_value({{}, {}, "Je bent niet aangemeld bij de server."});
    running.reset();
    return;
  }
  protocol::json names = protocol::json::array();
  for (const auto& f : documents::set_files(core.state(), kind_, meeting_)) names.push_back(f.name);
  jos_export_download(names.dump().c_str(), id->token.c_str());
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
