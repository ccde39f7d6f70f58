// jos-server: the sync server, plus admin subcommands on its database (see --help).

#include <charconv>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "protocol/state_codec.hpp"
#include "server/admin.hpp"
#include "server/config.hpp"
#include "server/descriptors.hpp"
#include "server/log.hpp"
#include "server/migrate.hpp"
#include "server/open_store.hpp"
#include "server/secrets.hpp"
#include "server/server.hpp"

namespace {

using namespace jos;

// jos-server create: a trajectory without members yet; the coordinator joins with the
// printed coordinator code and becomes coordinator.
int create_command(const server::admin_request& a) {
  shared::partnership p;
  p.school = a.school;
  p.youth_organisation = a.youth;
  p.kind = a.fresh ? shared::cooperation::fresh : shared::cooperation::existing;
  auto store = server::open_store(a.db);
  server::trajectory_record r;
  r.id = server::make_trajectory_id();
  r.join_code = server::make_join_code();
  r.coordinator_code = server::make_coordinator_code();
  r.partnership_json = protocol::encode_partnership(p).dump();
  r.created_at_ms = 0;
  server::commit_item item;
  item.trajectory_id = r.id;
  item.created = r;
  store->claim(r.id, "");
  store->commit(std::span<const server::commit_item>(&item, 1));
  std::cout << "Leerlijn aangemaakt: " << p.school << " + " << p.youth_organisation << "\n"
            << "Teamcode (voor iedereen):     " << r.join_code << "\n"
            << "Coördinatorcode (geheim):     " << r.coordinator_code << "\n";
  return 0;
}

int list_command(const server::admin_request& a) {
  auto store = server::open_store(a.db);
  for (const auto& r : store->trajectories())
    std::cout << r.id << "  " << r.partnership_json << "\n";
  return 0;
}

// jos-server restore-coordinator: with the server stopped, makes one person the only
// coordinator again and renews the coordinator code. Without --persoon it shows the team.
int restore_coordinator_command(const server::admin_request& a) {
  if (a.person.empty()) {
    const auto team = server::team_of(a.db, a.trajectory);
    if (!team) {
      std::cerr << "Er is geen leerlijn " << a.trajectory << " in " << a.db << ".\n";
      return 1;
    }
    std::cout << "Het team van " << a.trajectory << ":\n";
    for (const auto& p : *team)
      std::cout << "  " << p.id << "  " << p.name << (p.coordinator ? "  (coördinator)" : "")
                << "\n";
    std::cout << "Kies wie de coördinator wordt met --persoon NUMMER.\n";
    return 2;
  }
  shared::person_id person = shared::no_person;
  const char* end = a.person.data() + a.person.size();
  if (auto [at, ec] = std::from_chars(a.person.data(), end, person);
      ec != std::errc{} || at != end || person == shared::no_person) {
    std::cerr << "--persoon verwacht een nummer uit het team\n";
    return 2;
  }
  const auto restored = server::restore_coordinator(a.db, a.trajectory, person);
  if (!restored.error.empty()) {
    std::cerr << restored.error << "\n";
    return 1;
  }
  std::cout << "Deelnemer " << person << " is nu de enige coördinator van " << a.trajectory << ".\n"
            << "Teamcode (voor iedereen):     "
            << (restored.codes.join_code.empty() ? "onveranderd" : restored.codes.join_code) << "\n"
            << "Coördinatorcode (geheim, nieuw): " << restored.codes.coordinator_code << "\n";
  return 0;
}

// jos-server migrate: every trajectory of a SQLite file into another store (PostgreSQL).
int migrate_command(const server::admin_request& a) {
  auto target = server::open_store(a.to);
  const auto moved = server::migrate(a.from, *target);
  std::cout << moved.trajectories << " leerlijn(en) overgezet, " << moved.ops << " wijzigingen; "
            << moved.skipped << " stond(en) er al\n";
  return 0;
}

int admin_command(const server::admin_request& a) {
  auto& out = std::cout;
  auto& err = std::cerr;
  if (a.name == "create") return create_command(a);
  if (a.name == "list") return list_command(a);
  if (a.name == "migrate") return migrate_command(a);
  if (a.name == "restore-coordinator") return restore_coordinator_command(a);
  if (a.name == "backup") return server::backup_database(a.db, a.to, out, err);
  if (a.name == "check") return server::check_database(a.db, out, err);
  if (a.name == "erase")
    return a.person.empty() ? server::erase_trajectory_command(a.db, a.trajectory, out, err)
                            : server::erase_person_command(a.db, a.trajectory, a.person, out, err);
  const auto format =
      a.format == "json" ? server::export_format::json : server::export_format::text;
  return server::export_person_command(a.db, a.trajectory, a.person, format, out, err);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    auto parsed = server::parse_config(std::vector<std::string>(argv + 1, argv + argc));
    if (parsed.admin) return admin_command(*parsed.admin);
    if (!parsed.cfg) {
      (parsed.help ? std::cout : std::cerr) << parsed.message << "\n";
      return parsed.help ? 0 : 2;
    }
    // Every connection holds a descriptor; the soft limit is often far below what is allowed.
    const auto descriptors = server::raise_descriptor_limit();
    server::server s(*parsed.cfg);
    s.start();
    server::log_info("bestandsdescriptors: " + std::to_string(descriptors));
    std::printf("port %u\n", static_cast<unsigned>(s.port()));
    std::fflush(stdout);
    s.run_until_signal();
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "jos-server: " << e.what() << "\n";
    return 1;
  }
}
