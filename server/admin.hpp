#pragma once
// jos-server's admin subcommands on a database file: backup, check, erase and export.
// Each writes its result to `out`, a Dutch reason to `err`, and returns the exit status.

#include <iosfwd>
#include <string>

namespace jos::server {

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
