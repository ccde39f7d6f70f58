#include "server/privacy.hpp"

namespace jos::server {

bool scrub_person(nlohmann::json& j, shared::person_id person) {
  bool changed = false;
  if (j.is_object()) {
    const auto id = j.find("id");
    if (id != j.end() && id->is_number_unsigned() && id->get<shared::person_id>() == person &&
        j.contains("name") && j.contains("function")) {
      changed = j["name"] != erased_name || j["function"] != "";
      j["name"] = erased_name;
      j["function"] = "";
    }
    for (auto& [key, value] : j.items()) changed = scrub_person(value, person) || changed;
  } else if (j.is_array()) {
    for (auto& value : j) changed = scrub_person(value, person) || changed;
  }
  return changed;
}

}  // namespace jos::server
