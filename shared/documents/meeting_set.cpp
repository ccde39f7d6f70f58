#include "shared/documents/attachments.hpp"
#include "shared/documents/builders.hpp"
#include "shared/documents/render.hpp"

namespace jos::documents {
namespace {

void add_report(std::vector<file>& out, const report& r) {
  out.push_back({r.file_stem + ".pdf", "application/pdf", to_pdf(r)});
  out.push_back({r.file_stem + ".md", "text/markdown; charset=utf-8", to_markdown(r)});
  out.push_back({r.file_stem + ".csv", "text/csv; charset=utf-8", to_csv(r)});
}

void add_pdf(std::vector<file>& out, const report& r) {
  for (const auto& f : out)
    if (f.name == r.file_stem + ".pdf") return;  // the seed may name a form twice
  out.push_back({r.file_stem + ".pdf", "application/pdf", to_pdf(r)});
}

}  // namespace

std::vector<file> meeting_set(const shared::trajectory& t, int meeting, std::int64_t now_ms) {
  std::vector<file> out;
  if (meeting < 0 || meeting >= static_cast<int>(t.meetings.size())) return out;
  const auto& tpl = shared::template_of(t.meetings[static_cast<std::size_t>(meeting)]);
  for (auto doc : tpl.sends) add_report(out, build_document(t, doc, meeting));
  add_report(out, build_minutes(t, meeting));
  if (tpl.sends_comparison) add_report(out, build_comparison(t));
  out.push_back({"planning.ics", "text/calendar; charset=utf-8", to_ics(t, now_ms)});
  return out;
}

std::vector<file> invitation_set(const shared::trajectory& t, int meeting, std::int64_t now_ms) {
  std::vector<file> out;
  if (meeting < 0 || meeting >= static_cast<int>(t.meetings.size())) return out;
  const report invitation = build_invitation(t, meeting);
  out.push_back({invitation.file_stem + ".txt", "text/plain; charset=utf-8", to_text(invitation)});
  out.push_back({invitation.file_stem + ".pdf", "application/pdf", to_pdf(invitation)});
  out.push_back({invitation.file_stem + ".ics", "text/calendar; charset=utf-8",
                 meeting_ics(t, meeting, now_ms)});
  for (const auto& a : attachments_of(t, meeting)) {
    switch (a.what) {
      case attachment::kind::factsheet: add_pdf(out, build_factsheet(t)); break;
      case attachment::kind::blank_form: add_pdf(out, build_blank_form(t, a.form)); break;
      case attachment::kind::filled:
        if (a.filled_in >= 0) add_pdf(out, build_document(t, a.filled, a.filled_in));
        break;
      case attachment::kind::reader: break;  // the Reader is not in the app
    }
  }
  return out;
}

std::vector<file> forms_set(const shared::trajectory& t) {
  std::vector<file> out;
  add_pdf(out, build_factsheet(t));
  for (auto kind : {shared::document_kind::signalering, shared::document_kind::actieplan,
                    shared::document_kind::evaluatielijst})
    add_pdf(out, build_blank_form(t, kind));
  return out;
}

}  // namespace jos::documents
