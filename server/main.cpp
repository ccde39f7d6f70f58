// jos-server: the sync server, plus admin subcommands to create and list trajectories and to
// restore a coordinator.

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
#include "server/secrets.hpp"
#include "server/server.hpp"
#include "server/sqlite_store.hpp"

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
  server::sqlite_store store(db);
  server::trajectory_record r;
  r.id = server::make_trajectory_id();
  r.join_code = server::make_join_code();
  r.coordinator_code = server::make_coordinator_code();
  r.partnership_json = protocol::encode_partnership(p).dump();
  r.created_at_ms = 0;
  server::commit_item item;
  item.trajectory_id = r.id;
  item.created = r;
  store.commit(std::span<const server::commit_item>(&item, 1));
  std::cout << "Leerlijn aangemaakt: " << p.school << " + " << p.youth_organisation << "\n"
            << "Teamcode (voor iedereen):     " << r.join_code << "\n"
            << "Coördinatorcode (geheim):     " << r.coordinator_code << "\n";
  return 0;
}

int list_command(const std::vector<std::string>& args) {
  server::sqlite_store store(option(args, "--db", "jos-data/jos.sqlite"));
  for (const auto& r : store.trajectories())
    std::cout << r.id << "  " << r.join_code << "  " << r.partnership_json << "\n";
  return 0;
}

// jos-server restore-coordinator: with the server stopped, makes one person the only
// coordinator again and renews the coordinator code. Without --persoon it shows the team.
int restore_coordinator_command(const std::vector<std::string>& args) {
  const std::string db = option(args, "--db", "jos-data/jos.sqlite");
  const std::string id = option(args, "--leerlijn");
  const std::string person_text = option(args, "--persoon");
  if (id.empty()) {
    std::cerr << "restore-coordinator verwacht --leerlijn ID (zie jos-server list)\n";
    return 2;
  }
  if (person_text.empty()) {
    const auto team = server::team_of(db, id);
    if (!team) {
      std::cerr << "Er is geen leerlijn " << id << " in " << db << ".\n";
      return 1;
    }
    std::cout << "Het team van " << id << ":\n";
    for (const auto& p : *team)
      std::cout << "  " << p.id << "  " << p.name << (p.coordinator ? "  (coördinator)" : "")
                << "\n";
    std::cout << "Kies wie de coördinator wordt met --persoon NUMMER.\n";
    return 2;
  }
  shared::person_id person = shared::no_person;
  const char* end = person_text.data() + person_text.size();
  if (auto [at, ec] = std::from_chars(person_text.data(), end, person);
      ec != std::errc{} || at != end || person == shared::no_person) {
    std::cerr << "--persoon verwacht een nummer uit het team\n";
    return 2;
  }
  const auto restored = server::restore_coordinator(db, id, person);
  if (!restored.error.empty()) {
    std::cerr << restored.error << "\n";
    return 1;
  }
  std::cout << "Deelnemer " << person << " is nu de enige coördinator van " << id << ".\n"
            << "Teamcode (voor iedereen):     " << restored.codes.join_code << "\n"
            << "Coördinatorcode (geheim, nieuw): " << restored.codes.coordinator_code << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (!args.empty() && args[0] == "create") return create_command(args);
    if (!args.empty() && args[0] == "list") return list_command(args);
    if (!args.empty() && args[0] == "restore-coordinator") return restore_coordinator_command(args);
    auto parsed = server::parse_config(args);
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
