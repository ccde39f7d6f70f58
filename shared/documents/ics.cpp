#include "shared/calendar.hpp"
#include "shared/documents/render.hpp"

namespace jos::documents {
namespace {

// RFC 5545: escape , ; \ and newlines in text values.
std::string text_value(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == ';' || c == ',') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// Lines longer than 75 octets are folded, never inside a UTF-8 sequence.
void content_line(std::string& out, const std::string& line) {
  std::size_t start = 0;
  std::size_t limit = 75;
  while (line.size() - start > limit) {
    std::size_t cut = start + limit;
    while (cut > start && (static_cast<unsigned char>(line[cut]) & 0xC0U) == 0x80U) --cut;
    out.append(line, start, cut - start);
    out.append("\r\n ");
    start = cut;
    limit = 74;  // the leading space counts
  }
  out.append(line, start);
  out.append("\r\n");
}

std::string compact(const std::string& iso) {
  std::string out;
  for (char c : iso)
    if (c != '-') out.push_back(c);
  return out;
}

}  // namespace

std::string to_ics(const shared::trajectory& t) {
  std::string out;
  content_line(out, "BEGIN:VCALENDAR");
  content_line(out, "VERSION:2.0");
  content_line(out, "PRODID:-//jos//leerlijn//NL");
  content_line(out, "CALSCALE:GREGORIAN");
  for (std::size_t i = 0; i < t.meetings.size(); ++i) {
    const auto& m = t.meetings[i];
    if (m.planned_date.empty()) continue;
    const auto& tpl = shared::template_of(m);
    content_line(out, "BEGIN:VEVENT");
    content_line(out, "UID:" + t.id + "-" + std::to_string(i + 1) + "@jos");
    content_line(out, "DTSTAMP:" + compact(m.planned_date) + "T000000Z");
    content_line(out, "DTSTART;VALUE=DATE:" + compact(m.planned_date));
    content_line(out, "DTEND;VALUE=DATE:" + compact(shared::add_days(m.planned_date, 1)));
    content_line(out, "SUMMARY:" + text_value(tpl.name + " – " + t.partners.school + " en " +
                                              t.partners.youth_organisation));
    std::string description = tpl.doel.empty() ? tpl.name : tpl.doel;
    description +=
        "\n" + std::to_string(tpl.minutes) + " minuten · " + std::string(shared::label_of(m.mode));
    content_line(out, "DESCRIPTION:" + text_value(description));
    content_line(out, "END:VEVENT");
  }
  content_line(out, "END:VCALENDAR");
  return out;
}

}  // namespace jos::documents
