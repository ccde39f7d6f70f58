#pragma once
// Every row of every table of a SQLite file, read through a connection of its own, the way
// anyone holding the file (an admin, a backup) could read it.

#include <map>
#include <string>
#include <vector>

namespace jos::server::test {

using database_row = std::map<std::string, std::string>;  // column: value as text ("" for NULL)
using database_rows = std::map<std::string, std::vector<database_row>>;  // table: rows

database_rows read_every_row(const std::string& db);

// Runs SQL on the file (for tests that build a file as an older jos-server left it).
// Returns SQLite's error text, empty on success.
std::string run_sql(const std::string& db, const std::string& sql);

}  // namespace jos::server::test
