#pragma once
// The database holds personal data: its directory is created 0700 and the file 0600, so
// that nobody else on the machine can read it (SQLite gives -wal and -shm the file's mode).

#include <string>

namespace jos::server {

// Creates the missing directories (0700) and the file (0600) if it does not exist yet;
// existing ones keep their mode (an operator may have chosen another). Throws store_error.
void create_private(const std::string& file);

}  // namespace jos::server
