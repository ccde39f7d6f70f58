#pragma once
// Which export a URL asks for: /export/<name>.<pdf|md|csv> or /export/planning.ics.

#include <optional>
#include <string_view>

#include "shared/documents/render.hpp"
#include "shared/model.hpp"

namespace jos::server {

// nullopt when the name or the format is unknown.
std::optional<documents::file> render_export(const shared::trajectory& t, std::string_view file);

}  // namespace jos::server
