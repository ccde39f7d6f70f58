#pragma once
// "Documenten opslaan…": after a meeting the seed says everyone receives the filled-in
// documents; with the invitation to a meeting go the documents to bring; before a meeting
// the Factsheet and the empty forms are printed "in voldoende oplage". One action saves such
// a set (documents/sets.hpp says which files). The dialog is one for both clients; where the
// files go is the platform's (export_folder.cpp: a folder the coordinator chooses, written
// off the UI thread on a copy of the state; web/export_download.cpp: the server renders each
// file and the browser downloads it). The dialog shows what was saved or a Dutch error.

#include <cstdint>
#include <filesystem>
#include <future>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "client/ui.hpp"
#include "protocol/messages.hpp"
#include "shared/documents/sets.hpp"
#include "shared/model.hpp"

namespace jos::client {

class client_core;

struct saved_file {
  std::string name;
  std::uintmax_t bytes = 0;
};

struct saved_set {
  std::filesystem::path folder;  // empty: the browser's downloads
  std::vector<saved_file> files;
  std::string error;  // Dutch; empty when everything was written
  bool ok() const { return error.empty(); }
};

// Which set the dialog saves.
using export_kind = documents::set_kind;

// The desktop: writes a set into `folder`, making the folder (and its parents) if needed.
saved_set save_set(const shared::trajectory& t, export_kind kind, int meeting,
                   const std::filesystem::path& folder);
// The set everyone receives after `meeting`.
saved_set save_meeting_set(const shared::trajectory& t, int meeting,
                           const std::filesystem::path& folder);
// A person's data (AVG) as the server sent it, as persoonsgegevens-<id>.json and .txt: the
// desktop writes them into ~/Documenten/jos/<school>/persoonsgegevens, the browser saves
// them as downloads (`folder` stays empty).
saved_set save_person_export(const shared::trajectory& t, const protocol::person_export& data);
// ~/Documenten/jos/<school>/<n>-<meeting> (~/Documents when only that one exists), with
// /uitnodiging for an invitation and <school>/formulieren for the empty forms.
std::filesystem::path default_export_folder(const shared::trajectory& t, int meeting,
                                            export_kind kind = export_kind::after_meeting);
// "~/x" to "$HOME/x"; anything else unchanged.
std::filesystem::path expand_home(std::string_view typed);

class view_export {
 public:
  ~view_export();
  // The dialog; it opens when a view sets ui.export_request.
  void draw(ui_context& ui, const client_core& core);
  bool busy() const { return job_.valid(); }
  // Tests: waits for the writing to finish (the next draw shows the result).
  void wait() const {
    if (job_.valid()) job_.wait();
  }
  const std::optional<saved_set>& result() const { return result_; }

 private:
  void choose(const shared::trajectory& t, export_kind kind, int meeting);
  // The platform's part: where the set goes, what the dialog says about it, saving it.
  void suggest_destination(const shared::trajectory& t);
  void draw_destination(ui_context& ui);
  void start(const client_core& core);

  export_kind kind_ = export_kind::after_meeting;
  int meeting_ = 0;
  std::string folder_;  // the desktop's
  std::future<saved_set> job_;
  std::optional<saved_set> result_;
};

}  // namespace jos::client
