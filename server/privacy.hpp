#pragma once
// Erasing a person under the AVG: what they wrote stays, but nothing names them any more.
// Their entry keeps its id (so reactions, actions and votes still point somewhere) and is
// renamed to a fixed stand-in; their function is emptied.

#include <nlohmann/json.hpp>
#include <string_view>

#include "shared/ids.hpp"

namespace jos::server {

inline constexpr std::string_view erased_name = "verwijderd teamlid";

// Replaces name and function in every person object (an object with "id", "name" and
// "function") of `person` anywhere inside `j`: a state's team, an add_person or
// update_person op. True if anything changed.
bool scrub_person(nlohmann::json& j, shared::person_id person);

}  // namespace jos::server
