// jos-server: the sync server, plus admin subcommands to create, list and migrate
// trajectories.

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "protocol/state_codec.hpp"
#include "server/config.hpp"
#include "server/migrate.hpp"
#include "server/open_store.hpp"
#include "server/secrets.hpp"
#include "server/server.hpp"

namespace {

using namespace jos;

std::string option(const std::vector<std::string>& args, const std::string& name,
                   const std::string& fallback = {}) {
  for (std::size_t i = 0; i + 1 < args.size(); ++i)
    if (args[i] == name) return args[i + 1];
  return fallback;
}

bool flag(const std::vector<std::string>& args, const std::string& name) {
  for (const auto& a : args)
    if (a == name) return true;
  return false;
}

// jos-server create: a trajectory without members yet; the coordinator joins with the
// printed coordinator code and becomes coordinator.
int create_command(const std::vector<std::string>& args) {
  const std::string db = option(args, "--db", "jos-data/jos.sqlite");
  shared::partnership p;
  p.school = option(args, "--school");
  p.youth_organisation = option(args, "--jongerenwerk");
  p.kind = flag(args, "--nieuw") ? shared::cooperation::fresh : shared::cooperation::existing;
  if (p.school.empty() || p.youth_organisation.empty()) {
    std::cerr << "create verwacht --school NAAM en --jongerenwerk NAAM\n";
    return 2;
  }
  auto store = server::open_store(db);
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
  store->claim(r.id, "");
  store->commit(std::span<const server::commit_item>(&item, 1));
  std::cout << "Leerlijn aangemaakt: " << p.school << " + " << p.youth_organisation << "\n"
            << "Teamcode (voor iedereen):     " << r.join_code << "\n"
            << "Coördinatorcode (geheim):     " << secret << "\n";
  return 0;
}

int list_command(const std::vector<std::string>& args) {
  auto store = server::open_store(option(args, "--db", "jos-data/jos.sqlite"));
  for (const auto& r : store->trajectories())
    std::cout << r.id << "  " << r.join_code << "  " << r.partnership_json << "\n";
  return 0;
}

}  // namespace

// jos-server migrate: every trajectory of a SQLite file into another store (PostgreSQL).
int migrate_command(const std::vector<std::string>& args) {
  const std::string from = option(args, "--from");
  const std::string to = option(args, "--to");
  if (from.empty() || to.empty()) {
    std::cerr << "migrate verwacht --from BESTAND en --to postgresql://…\n";
    return 2;
  }
  auto target = server::open_store(to);
  const auto moved = server::migrate(from, *target);
  std::cout << moved.trajectories << " leerlijn(en) overgezet, " << moved.ops << " wijzigingen; "
            << moved.skipped << " stond(en) er al\n";
  return 0;
}

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (!args.empty() && args[0] == "create") return create_command(args);
    if (!args.empty() && args[0] == "list") return list_command(args);
    if (!args.empty() && args[0] == "migrate") return migrate_command(args);
    auto parsed = server::parse_config(args);
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
