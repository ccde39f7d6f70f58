#pragma once
// Which export a URL asks for: /export/<name>.<pdf|md|csv|txt>, /export/planning.ics or a
// meeting's own event, /export/uitnodiging-N.ics.

#include <cstdint>
#include <optional>
#include <string_view>

#include "shared/documents/render.hpp"
#include "shared/model.hpp"

namespace jos::server {

// nullopt when the name or the format is unknown. `now_ms` stamps calendar files.
std::optional<documents::file> render_export(const shared::trajectory& t, std::string_view file,
                                             std::int64_t now_ms);

}  // namespace jos::server
