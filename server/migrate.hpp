#pragma once
// Moves every trajectory of a SQLite file into another store (a PostgreSQL database): the
// record with both codes, every op, the participants (their hashed tokens), the newest
// snapshot and each person's client marks. The file is first brought to the newest schema,
// and no server may use it meanwhile (database_lock). Each trajectory moves in one
// transaction; one that the target already holds is left alone, so an interrupted migration
// can simply be run again.

#include <cstddef>
#include <string>

#include "server/store.hpp"

namespace jos::server {

struct migration {
  std::size_t trajectories = 0;  // moved
  std::size_t ops = 0;
  std::size_t skipped = 0;  // already in the target
};

// Throws store_error (the file cannot be read, the target refuses a commit).
migration migrate(const std::string& sqlite_file, store& target);

}  // namespace jos::server
