#pragma once
// What the server's operator can do from the command line on a database file: backup,
// check, erase and export (AVG), and restore-coordinator. Those that change a trajectory
// refuse while a server uses the file (database_lock).

#include <iosfwd>
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

// The subcommands below write their result to `out`, a Dutch reason to `err`, and return
// the exit status.

// A consistent copy (SQLite's online backup) while a server may be writing; the copy is
// written next to `to` and renamed into place, so `to` is always whole.
int backup_database(const std::string& db, const std::string& to, std::ostream& out,
                    std::ostream& err);

// Integrity, every trajectory loads, and sizes. 0 when all is well.
int check_database(const std::string& db, std::ostream& out, std::ostream& err);

// `person` is a person's number or their exact name. Both refuse while a server runs on
// `db` (see database_lock.hpp).
int erase_person_command(const std::string& db, const std::string& trajectory_id,
                         const std::string& person, std::ostream& out, std::ostream& err);
int erase_trajectory_command(const std::string& db, const std::string& trajectory_id,
                             std::ostream& out, std::ostream& err);

enum class export_format { json, text };
int export_person_command(const std::string& db, const std::string& trajectory_id,
                          const std::string& person, export_format format, std::ostream& out,
                          std::ostream& err);

}  // namespace jos::server
