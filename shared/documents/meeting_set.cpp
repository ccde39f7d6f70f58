#include "shared/documents/builders.hpp"
#include "shared/documents/render.hpp"

namespace jos::documents {
namespace {

void add_report(std::vector<file>& out, const report& r) {
  out.push_back({r.file_stem + ".pdf", "application/pdf", to_pdf(r)});
  out.push_back({r.file_stem + ".md", "text/markdown; charset=utf-8", to_markdown(r)});
  out.push_back({r.file_stem + ".csv", "text/csv; charset=utf-8", to_csv(r)});
}

}  // namespace

std::vector<file> meeting_set(const shared::trajectory& t, int meeting) {
  std::vector<file> out;
  if (meeting < 0 || meeting >= static_cast<int>(t.meetings.size())) return out;
  const auto& m = t.meetings[static_cast<std::size_t>(meeting)];
  for (auto doc : shared::editable_documents(m.template_index))
    add_report(out, build_document(t, doc));
  add_report(out, build_minutes(t, meeting));
  if (m.template_index == 3) add_report(out, build_comparison(t));
  out.push_back({"planning.ics", "text/calendar; charset=utf-8", to_ics(t)});
  return out;
}

}  // namespace jos::documents
