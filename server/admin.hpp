#pragma once
// What the server's operator can do to a trajectory from the command line, on the
// database itself, while no server uses it (database_lock): jos-server restore-coordinator.

#include <optional>
#include <string>
#include <vector>

#include "protocol/messages.hpp"
#include "shared/model.hpp"

namespace jos::server {

// The team of a trajectory, to choose whom to restore; nullopt when there is no such
// trajectory. Throws std::exception (Dutch) when the database is in use or cannot be read.
std::optional<std::vector<shared::person>> team_of(const std::string& db,
                                                   const std::string& trajectory_id);

struct restored_coordinator {
  std::string error;      // why not (Dutch); empty when done
  protocol::codes codes;  // the team code and the new coordinator code
};

// Someone who took the coordinator code may have demoted the coordinator, who could not
// undo it. This makes `person` the only coordinator again (every other one is demoted, in
// ops by the server that everyone sees) and renews the coordinator code. Throws like team_of.
restored_coordinator restore_coordinator(const std::string& db, const std::string& trajectory_id,
                                         shared::person_id person);

}  // namespace jos::server
