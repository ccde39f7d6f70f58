#pragma once
// "Documenten opslaan…": after a meeting the seed says everyone receives the filled-in
// documents; with the invitation to a meeting go the documents to bring; before a meeting
// the Factsheet and the empty forms are printed "in voldoende oplage". One action writes such
// a set (see documents::meeting_set, invitation_set, forms_set) to a folder the coordinator
// chooses. The writing runs off the UI thread on a copy of the state; the dialog shows what
// was written or a Dutch error.

#include <cstdint>
#include <filesystem>
#include <future>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "client/ui.hpp"
#include "shared/model.hpp"

namespace jos::client {

class client_core;

struct saved_file {
  std::string name;
  std::uintmax_t bytes = 0;
};

struct saved_set {
  std::filesystem::path folder;
  std::vector<saved_file> files;
  std::string error;  // Dutch; empty when everything was written
  bool ok() const { return error.empty(); }
};

// Which set the dialog writes.
enum class export_kind { after_meeting, invitation, forms };

// Writes a set into `folder`, making the folder (and its parents) if needed.
saved_set save_set(const shared::trajectory& t, export_kind kind, int meeting,
                   const std::filesystem::path& folder);
// The set everyone receives after `meeting`.
saved_set save_meeting_set(const shared::trajectory& t, int meeting,
                           const std::filesystem::path& folder);
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
  void start(const client_core& core);
  void choose(const shared::trajectory& t, export_kind kind, int meeting);

  export_kind kind_ = export_kind::after_meeting;
  int meeting_ = 0;
  std::string folder_;
  std::future<saved_set> job_;
  std::optional<saved_set> result_;
};

}  // namespace jos::client
