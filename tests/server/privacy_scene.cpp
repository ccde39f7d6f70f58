#include "tests/server/privacy_scene.hpp"

#include <gtest/gtest.h>

namespace jos::server::test {

using namespace shared;

scene::scene(config cfg, bool keep_serving) : server(std::move(cfg)) {
  t = make_team(server, {"Cora", old_name});
  bertus = t[1].person;
  person me{bertus, new_name, organisation::school, function, staff_level::uitvoerder, false};
  EXPECT_TRUE(t[1]->submit_acked(op::update_person{me}));
  EXPECT_TRUE(t[1]->submit_acked(op::add_reaction{0, -1, words, 0}));
  for (int i = 0; i < 4; ++i)
    EXPECT_TRUE(t[0]->submit_acked(op::add_reaction{0, -1, "punt " + std::to_string(i), 0}));
  if (keep_serving) return;
  for (auto& m : t.members) m->close();
  server.stop();
}

config privacy_config(const std::string& db) {
  config c;
  if (!db.empty()) c.db = db;
  c.snapshot_every = 3;
  return c;
}

}  // namespace jos::server::test
