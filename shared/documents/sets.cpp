#include "shared/documents/sets.hpp"

#include <algorithm>

#include "shared/documents/attachments.hpp"
#include "shared/documents/builders.hpp"

namespace jos::documents {
namespace {

using namespace shared;
using kind = file_source::kind;

std::string number(int meeting) { return std::to_string(meeting + 1); }

std::string stem_of(const file_source& s) {
  switch (s.what) {
    case kind::document:
      switch (s.doc) {
        case document_id::signalering_begin: return "signaleringsinstrument-begin";
        case document_id::actieplan: return "actieplan";
        case document_id::evaluatie_tussentijds: return "evaluatielijst-tussentijds";
        case document_id::evaluatie_eind: return "evaluatielijst-eind";
        case document_id::signalering_eind: return "signaleringsinstrument-eind";
        case document_id::conclusies: return "conclusies";
        case document_id::evaluatie_extra: return "evaluatielijst-extra-" + number(s.meeting);
      }
      return "document";
    case kind::minutes: return "notulen-" + number(s.meeting);
    case kind::comparison: return "vergelijking";
    case kind::factsheet: return "factsheet";
    case kind::blank_form:
      switch (s.form) {
        case document_kind::signalering: return "signaleringsinstrument-leeg";
        case document_kind::actieplan: return "actieplan-leeg";
        default: return "evaluatielijst-leeg";
      }
    case kind::invitation:
    case kind::meeting_event: return "uitnodiging-" + number(s.meeting);
    case kind::planning: return "planning";
  }
  return "document";
}

const char* extension_of(file_format format) {
  switch (format) {
    case file_format::pdf: return ".pdf";
    case file_format::markdown: return ".md";
    case file_format::csv: return ".csv";
    case file_format::text: return ".txt";
    case file_format::calendar: return ".ics";
  }
  return "";
}

// Adds a file unless the set holds one of that name already (the seed may name a form twice).
void add(std::vector<set_file>& out, const file_source& source, file_format format) {
  std::string name = stem_of(source) + extension_of(format);
  if (std::none_of(out.begin(), out.end(), [&](const set_file& f) { return f.name == name; }))
    out.push_back({std::move(name), format, source});
}

// What is sent to read and to work with: PDF to print or mail, Markdown, CSV for a
// spreadsheet.
void add_report(std::vector<set_file>& out, const file_source& source) {
  for (auto format : {file_format::pdf, file_format::markdown, file_format::csv})
    add(out, source, format);
}

file_source document_of(document_id doc, int meeting) {
  file_source s{kind::document};
  s.doc = doc;
  s.meeting = meeting;
  return s;
}

file_source of_meeting(kind what, int meeting) {
  file_source s{what};
  s.meeting = meeting;
  return s;
}

file_source blank(document_kind form) {
  file_source s{kind::blank_form};
  s.form = form;
  return s;
}

void after_meeting(std::vector<set_file>& out, const trajectory& t, int meeting) {
  const auto& tpl = template_of(t.meetings[static_cast<std::size_t>(meeting)]);
  for (auto doc : tpl.sends) add_report(out, document_of(doc, meeting));
  add_report(out, of_meeting(kind::minutes, meeting));
  if (tpl.sends_comparison) add_report(out, file_source{kind::comparison});
  add(out, file_source{kind::planning}, file_format::calendar);
}

void invitation(std::vector<set_file>& out, const trajectory& t, int meeting) {
  add(out, of_meeting(kind::invitation, meeting), file_format::text);
  add(out, of_meeting(kind::invitation, meeting), file_format::pdf);
  add(out, of_meeting(kind::meeting_event, meeting), file_format::calendar);
  for (const auto& a : attachments_of(t, meeting)) {
    switch (a.what) {
      case attachment::kind::factsheet:
        add(out, file_source{kind::factsheet}, file_format::pdf);
        break;
      case attachment::kind::blank_form: add(out, blank(a.form), file_format::pdf); break;
      case attachment::kind::filled:
        if (a.filled_in >= 0) add(out, document_of(a.filled, a.filled_in), file_format::pdf);
        break;
      case attachment::kind::reader: break;  // the Reader is not in the app
    }
  }
}

void forms(std::vector<set_file>& out) {
  add(out, file_source{kind::factsheet}, file_format::pdf);
  for (auto form :
       {document_kind::signalering, document_kind::actieplan, document_kind::evaluatielijst})
    add(out, blank(form), file_format::pdf);
}

}  // namespace

std::vector<set_file> set_files(const trajectory& t, set_kind which, int meeting) {
  std::vector<set_file> out;
  if (which == set_kind::forms) {
    forms(out);
    return out;
  }
  if (meeting < 0 || meeting >= static_cast<int>(t.meetings.size())) return out;
  if (which == set_kind::invitation) {
    invitation(out, t, meeting);
  } else {
    after_meeting(out, t, meeting);
  }
  return out;
}

std::optional<set_file> find_set_file(const trajectory& t, std::string_view name) {
  const auto named = [&](const std::vector<set_file>& set) -> std::optional<set_file> {
    for (const auto& f : set)
      if (f.name == name) return f;
    return std::nullopt;
  };
  if (auto f = named(set_files(t, set_kind::forms, -1))) return f;
  for (int m = 0; m < static_cast<int>(t.meetings.size()); ++m)
    for (auto which : {set_kind::after_meeting, set_kind::invitation})
      if (auto f = named(set_files(t, which, m))) return f;
  return std::nullopt;
}

report build_report(const trajectory& t, const file_source& s) {
  report r;
  switch (s.what) {
    case kind::document: r = build_document(t, s.doc, s.meeting); break;
    case kind::minutes: r = build_minutes(t, s.meeting); break;
    case kind::comparison: r = build_comparison(t); break;
    case kind::factsheet: r = build_factsheet(t); break;
    case kind::blank_form: r = build_blank_form(t, s.form); break;
    case kind::invitation:
    case kind::meeting_event: r = build_invitation(t, s.meeting); break;
    case kind::planning: break;
  }
  return r;
}

std::string mime_of(file_format format) {
  switch (format) {
    case file_format::pdf: return "application/pdf";
    case file_format::markdown: return "text/markdown; charset=utf-8";
    case file_format::csv: return "text/csv; charset=utf-8";
    case file_format::text: return "text/plain; charset=utf-8";
    case file_format::calendar: return "text/calendar; charset=utf-8";
  }
  return "application/octet-stream";
}

}  // namespace jos::documents
