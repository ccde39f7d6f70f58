#pragma once
// The trajectory the privacy tests erase and export (privacy_test on a SQLite file's bytes,
// store_privacy_test on the rows of each store).

#include <string>

#include "tests/server/test_server.hpp"

namespace jos::server::test {

inline constexpr const char* old_name = "Bertus Oudenaamsma";
inline constexpr const char* new_name = "Bertus Nieuwenhuijzen";
inline constexpr const char* function = "zorgcoordinatorXYZ";
inline constexpr const char* words = "ik ben morgen ziek (operatie)";

// On `db` ("": a SQLite file of the server's own), a snapshot every 3 ops.
config privacy_config(const std::string& db = {});

// Bertus renamed himself, has a rare function, wrote a reaction and was snapshotted (the
// snapshot holds his names). Then the server is stopped, or with `keep_serving` it goes on
// serving the trajectory with everyone still in it.
struct scene {
  test_server server;
  team t;
  shared::person_id bertus = shared::no_person;

  explicit scene(config cfg = privacy_config(), bool keep_serving = false);
};

}  // namespace jos::server::test
