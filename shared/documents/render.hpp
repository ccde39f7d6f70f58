#pragma once
// File formats for reports and for the meeting calendar.

#include <cstdint>
#include <string>
#include <vector>

#include "shared/documents/report.hpp"
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

// Everything to send after a meeting: the documents it filled (PDF, Markdown, CSV), the
// minutes, the comparison after the last meeting, and the calendar.
std::vector<file> meeting_set(const shared::trajectory& t, int meeting, std::int64_t now_ms);
// Everything to send with the invitation to a meeting: the invitation (text, PDF and its
// calendar event), the Factsheet, and the forms and filled documents the seed asks everyone
// to bring "in voldoende oplage".
std::vector<file> invitation_set(const shared::trajectory& t, int meeting, std::int64_t now_ms);
// The Factsheet and the three empty forms, to print in good numbers before a meeting.
std::vector<file> forms_set(const shared::trajectory& t);

}  // namespace jos::documents
