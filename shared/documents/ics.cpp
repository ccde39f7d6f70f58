#include <cstdio>

#include "shared/calendar.hpp"
#include "shared/content.hpp"
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

// yyyymmddThhmmss for a local date and minutes after its midnight (which may pass it).
std::string local_time(const std::string& date, int minutes) {
  const std::string day = shared::add_days(date, minutes / 1440);
  const int rest = minutes % 1440;
  char buf[16];
  std::snprintf(buf, sizeof buf, "T%02d%02d00", rest / 60, rest % 60);
  return compact(day) + buf;
}

// The moment the file is made, in UTC: yyyymmddThhmmssZ.
std::string utc_stamp(std::int64_t now_ms) {
  const std::int64_t seconds = now_ms / 1000;
  const long days = static_cast<long>(seconds / 86'400);
  const auto rest = static_cast<int>(seconds % 86'400);
  char buf[16];
  std::snprintf(buf, sizeof buf, "T%02d%02d%02dZ", rest / 3600, rest / 60 % 60, rest % 60);
  return compact(shared::format_date(days)) + buf;
}

// Dutch local time with its summer and winter rules, so that 15:30 stays 15:30.
void amsterdam(std::string& out) {
  for (const char* line :
       {"BEGIN:VTIMEZONE", "TZID:Europe/Amsterdam", "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT", "BEGIN:STANDARD",
        "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD", "END:VTIMEZONE"})
    content_line(out, line);
}

void event(std::string& out, const shared::trajectory& t, std::size_t i, const std::string& stamp) {
  const auto& m = t.meetings[i];
  const auto& tpl = shared::template_of(m);
  content_line(out, "BEGIN:VEVENT");
  content_line(out, "UID:" + t.id + "-" + std::to_string(i + 1) + "@jos");
  content_line(out, "DTSTAMP:" + stamp);
  if (const auto start = shared::parse_time(m.start_time)) {
    content_line(out, "DTSTART;TZID=Europe/Amsterdam:" + local_time(m.planned_date, *start));
    content_line(out,
                 "DTEND;TZID=Europe/Amsterdam:" + local_time(m.planned_date, *start + tpl.minutes));
  } else {
    // Only the date is agreed yet: a day in the calendar, until the time is known.
    content_line(out, "DTSTART;VALUE=DATE:" + compact(m.planned_date));
    content_line(out, "DTEND;VALUE=DATE:" + compact(shared::add_days(m.planned_date, 1)));
  }
  content_line(out, "SUMMARY:" + text_value(tpl.name + " – " + t.partners.school + " en " +
                                            t.partners.youth_organisation));
  std::string location;
  if (m.mode != shared::meeting_mode::digitaal) location = m.place;
  if (m.mode != shared::meeting_mode::fysiek && !m.link.empty())
    location += (location.empty() ? "" : " · ") + m.link;
  if (!location.empty()) content_line(out, "LOCATION:" + text_value(location));
  if (m.mode != shared::meeting_mode::fysiek && !m.link.empty()) content_line(out, "URL:" + m.link);
  std::string description = tpl.doel.empty() ? tpl.name : tpl.doel;
  description +=
      "\n" + std::to_string(tpl.minutes) + " minuten · " + std::string(shared::label_of(m.mode));
  for (const auto& item : tpl.agenda)
    description += "\n- " + item.title + " (" + std::to_string(item.minutes) + " min.)";
  if (m.mode != shared::meeting_mode::fysiek && !m.link.empty()) description += "\n" + m.link;
  content_line(out, "DESCRIPTION:" + text_value(description));
  content_line(out, "END:VEVENT");
}

std::string calendar(const shared::trajectory& t, const std::vector<std::size_t>& meetings,
                     std::int64_t now_ms) {
  std::string out;
  content_line(out, "BEGIN:VCALENDAR");
  content_line(out, "VERSION:2.0");
  content_line(out, "PRODID:-//jos//leerlijn//NL");
  content_line(out, "CALSCALE:GREGORIAN");
  bool timed = false;
  for (std::size_t i : meetings)
    timed = timed || shared::parse_time(t.meetings[i].start_time).has_value();
  if (timed) amsterdam(out);
  const std::string stamp = utc_stamp(now_ms);
  for (std::size_t i : meetings) event(out, t, i, stamp);
  content_line(out, "END:VCALENDAR");
  return out;
}

}  // namespace

std::string to_ics(const shared::trajectory& t, std::int64_t now_ms) {
  std::vector<std::size_t> planned;
  for (std::size_t i = 0; i < t.meetings.size(); ++i)
    if (!t.meetings[i].planned_date.empty()) planned.push_back(i);
  return calendar(t, planned, now_ms);
}

std::string meeting_ics(const shared::trajectory& t, int meeting, std::int64_t now_ms) {
  if (meeting < 0 || meeting >= static_cast<int>(t.meetings.size()) ||
      t.meetings[static_cast<std::size_t>(meeting)].planned_date.empty())
    return calendar(t, {}, now_ms);
  return calendar(t, {static_cast<std::size_t>(meeting)}, now_ms);
}

}  // namespace jos::documents
