#pragma once
// File formats for reports and for the meeting calendar.

#include <string>
#include <vector>

#include "shared/documents/report.hpp"
#include "shared/model.hpp"

namespace jos::documents {

std::string to_markdown(const report& r);
// Semicolon-separated with a UTF-8 byte order mark: what Dutch spreadsheet programs open
// correctly by double-clicking, diacritics included.
std::string to_csv(const report& r);
// A4 PDF, laid out with Pango so that Dutch text wraps and renders with its diacritics.
std::string to_pdf(const report& r);
// The planned meetings as an iCalendar file (all-day events).
std::string to_ics(const shared::trajectory& t);

struct file {
  std::string name;  // e.g. "actieplan.pdf"
  std::string mime;
  std::string bytes;
};

// Everything to send after a meeting: its documents (PDF, Markdown, CSV), the minutes, the
// comparison after the last meeting, and the calendar.
std::vector<file> meeting_set(const shared::trajectory& t, int meeting);

}  // namespace jos::documents
