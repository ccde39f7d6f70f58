#include "server/exports.hpp"

#include "shared/documents/builders.hpp"

namespace jos::server {

std::optional<documents::file> render_export(const shared::trajectory& t, std::string_view file,
                                             std::int64_t now_ms) {
  if (file == "planning.ics")
    return documents::file{"planning.ics", "text/calendar; charset=utf-8",
                           documents::to_ics(t, now_ms)};
  const auto dot = file.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const auto name = file.substr(0, dot);
  const auto format = file.substr(dot + 1);
  if (format == "ics") {
    const auto meeting = documents::meeting_in_name(t, name, "uitnodiging-");
    if (!meeting) return std::nullopt;
    return documents::file{std::string(file), "text/calendar; charset=utf-8",
                           documents::meeting_ics(t, *meeting, now_ms)};
  }
  auto report = documents::build_by_name(t, name);
  if (!report) return std::nullopt;
  const std::string stem = report->file_stem;
  if (format == "pdf")
    return documents::file{stem + ".pdf", "application/pdf", documents::to_pdf(*report)};
  if (format == "md")
    return documents::file{stem + ".md", "text/markdown; charset=utf-8",
                           documents::to_markdown(*report)};
  if (format == "csv")
    return documents::file{stem + ".csv", "text/csv; charset=utf-8", documents::to_csv(*report)};
  if (format == "txt")
    return documents::file{stem + ".txt", "text/plain; charset=utf-8", documents::to_text(*report)};
  return std::nullopt;
}

}  // namespace jos::server
