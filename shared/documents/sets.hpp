#pragma once
// Which documents go out together, and under which file names: the set everyone receives
// after a meeting, the one that goes with its invitation, and the Factsheet with the empty
// forms. One list for the desktop's "Documenten opslaan" (files in a folder), the browser's
// (downloads) and the server's /export/<name> (a file of any set, by its name). Pure: saying
// what a set holds builds nothing; render.hpp makes the files.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/documents/report.hpp"
#include "shared/model.hpp"

namespace jos::documents {

enum class set_kind { after_meeting, invitation, forms };

// What a file holds: a report (in one format) or a calendar.
struct file_source {
  enum class kind {
    document,      // a filled-in document; `meeting` for an extra meeting's own Evaluatielijst
    minutes,       // of `meeting`
    comparison,    // the improvement after the last meeting
    factsheet,     // the seed's Bijlage 1
    blank_form,    // `form`, empty
    invitation,    // to `meeting`
    planning,      // every planned meeting (calendar)
    meeting_event  // `meeting` alone (calendar)
  };
  kind what = kind::planning;
  shared::document_id doc = shared::document_id::signalering_begin;
  shared::document_kind form = shared::document_kind::none;
  int meeting = -1;
};

enum class file_format { pdf, markdown, csv, text, calendar };

struct set_file {
  std::string name;  // "actieplan.pdf", "notulen-2.md", "uitnodiging-3.ics"
  file_format format = file_format::pdf;
  file_source source;
};

// The files of a set, in the order they are listed. A meeting that does not exist has an
// empty set (the forms need none).
std::vector<set_file> set_files(const shared::trajectory& t, set_kind kind, int meeting);
// The file of any set of this trajectory called `name` (what /export/<name> serves).
std::optional<set_file> find_set_file(const shared::trajectory& t, std::string_view name);

// The report a file holds (not for the calendars).
report build_report(const shared::trajectory& t, const file_source& source);
std::string mime_of(file_format format);

}  // namespace jos::documents
