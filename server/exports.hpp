#pragma once
// What /export/<name> serves: any file of any of the trajectory's document sets
// (documents/sets.hpp) by the name it is saved under, e.g. "notulen-2.pdf", "actieplan.csv",
// "uitnodiging-3.ics", "planning.ics", "factsheet.pdf".

#include <cstdint>
#include <optional>
#include <string_view>

#include "shared/documents/render.hpp"
#include "shared/model.hpp"

namespace jos::server {

// nullopt when no set holds a file of that name. `now_ms` stamps calendar files.
std::optional<documents::file> render_export(const shared::trajectory& t, std::string_view file,
                                             std::int64_t now_ms);

}  // namespace jos::server
