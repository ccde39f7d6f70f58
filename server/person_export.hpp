#pragma once
// A person's own data on request (AVG, right of access): who they are in the team and
// everything of theirs the trajectory holds, as JSON for machines and as readable Dutch.

#include <nlohmann/json.hpp>
#include <string>

#include "shared/model.hpp"

namespace jos::server {

// nullopt when the trajectory has no such person.
std::optional<nlohmann::json> person_export_json(const shared::trajectory& t,
                                                 shared::person_id person);
std::optional<std::string> person_export_text(const shared::trajectory& t,
                                              shared::person_id person);

}  // namespace jos::server
