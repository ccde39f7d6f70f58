#pragma once
// File formats for reports and for the meeting calendar.

#include <cstdint>
#include <string>
#include <vector>

#include "shared/documents/report.hpp"
#include "shared/documents/sets.hpp"
#include "shared/model.hpp"

namespace jos::documents {

std::string to_markdown(const report& r);
// Semicolon-separated with a UTF-8 byte order mark: what Dutch spreadsheet programs open
// correctly by double-clicking, diacritics included. Holds the report's tables.
std::string to_csv(const report& r);
// Plain text, ready to paste into an e-mail.
std::string to_text(const report& r);
// A4 PDF, laid out with Pango so that Dutch text wraps and renders with its diacritics;
// long paragraphs and table rows continue on the next page, every page carries the
// report's footer and its page number.
std::string to_pdf(const report& r);

// The planned meetings as an iCalendar file: an event with its start and end time, place
// or link where those are known, a whole day where only the date is. `now_ms` (Unix time in
// milliseconds) is when the file is made: its DTSTAMP.
std::string to_ics(const shared::trajectory& t, std::int64_t now_ms);
// One meeting's event, for its invitation.
std::string meeting_ics(const shared::trajectory& t, int meeting, std::int64_t now_ms);

struct file {
  std::string name;  // e.g. "actieplan.pdf"
  std::string mime;
  std::string bytes;
};

// One file of a set (sets.hpp), made; `now_ms` stamps the calendars.
file render_file(const shared::trajectory& t, const set_file& f, std::int64_t now_ms);
// Every file of a set, made.
std::vector<file> render_set(const shared::trajectory& t, set_kind kind, int meeting,
                             std::int64_t now_ms);

}  // namespace jos::documents
