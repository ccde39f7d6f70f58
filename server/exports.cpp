#include "server/exports.hpp"

namespace jos::server {

std::optional<documents::file> render_export(const shared::trajectory& t, std::string_view file,
                                             std::int64_t now_ms) {
  const auto found = documents::find_set_file(t, file);
  if (!found) return std::nullopt;
  return documents::render_file(t, *found, now_ms);
}

}  // namespace jos::server
