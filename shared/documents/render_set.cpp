#include "shared/documents/render.hpp"

namespace jos::documents {

file render_file(const shared::trajectory& t, const set_file& f, std::int64_t now_ms) {
  file out{f.name, mime_of(f.format), {}};
  switch (f.format) {
    case file_format::calendar:
      out.bytes = f.source.what == file_source::kind::meeting_event
                      ? meeting_ics(t, f.source.meeting, now_ms)
                      : to_ics(t, now_ms);
      break;
    case file_format::pdf: out.bytes = to_pdf(build_report(t, f.source)); break;
    case file_format::markdown: out.bytes = to_markdown(build_report(t, f.source)); break;
    case file_format::csv: out.bytes = to_csv(build_report(t, f.source)); break;
    case file_format::text: out.bytes = to_text(build_report(t, f.source)); break;
  }
  return out;
}

std::vector<file> render_set(const shared::trajectory& t, set_kind kind, int meeting,
                             std::int64_t now_ms) {
  std::vector<file> out;
  for (const auto& f : set_files(t, kind, meeting)) out.push_back(render_file(t, f, now_ms));
  return out;
}

}  // namespace jos::documents
