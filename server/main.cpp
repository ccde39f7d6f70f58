// jos-server: the sync server, plus admin subcommands on its database (see --help).

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "protocol/state_codec.hpp"
#include "server/admin.hpp"
#include "server/config.hpp"
#include "server/secrets.hpp"
#include "server/server.hpp"
#include "server/sqlite_store.hpp"

namespace {

using namespace jos;

// jos-server create: a trajectory without members yet; the coordinator joins with the
// printed coordinator code and becomes coordinator.
int create_command(const server::admin_request& a) {
  shared::partnership p;
  p.school = a.school;
  p.youth_organisation = a.youth;
  p.kind = a.fresh ? shared::cooperation::fresh : shared::cooperation::existing;
  server::sqlite_store store(a.db);
  server::trajectory_record r;
  r.id = server::make_trajectory_id();
  r.join_code = server::make_join_code();
  const std::string secret = server::make_token();
  r.coordinator_secret_hash = server::sha256_hex(secret);
  r.partnership_json = protocol::encode_partnership(p).dump();
  r.created_at_ms = 0;
  server::commit_item item;
  item.trajectory_id = r.id;
  item.created = r;
  store.commit(std::span<const server::commit_item>(&item, 1));
  std::cout << "Leerlijn aangemaakt: " << p.school << " + " << p.youth_organisation << "\n"
            << "Teamcode (voor iedereen):     " << r.join_code << "\n"
            << "Coördinatorcode (geheim):     " << secret << "\n";
  return 0;
}

int list_command(const server::admin_request& a) {
  server::sqlite_store store(a.db);
  for (const auto& r : store.trajectories())
    std::cout << r.id << "  " << r.join_code << "  " << r.partnership_json << "\n";
  return 0;
}

int admin_command(const server::admin_request& a) {
  auto& out = std::cout;
  auto& err = std::cerr;
  if (a.name == "create") return create_command(a);
  if (a.name == "list") return list_command(a);
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
    server::server s(*parsed.cfg);
    s.start();
    std::printf("port %u\n", static_cast<unsigned>(s.port()));
    std::fflush(stdout);
    s.run_until_signal();
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "jos-server: " << e.what() << "\n";
    return 1;
  }
}
