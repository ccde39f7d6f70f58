#include "tests/server/pg_cluster.hpp"

#include <libpq-fe.h>
#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace jos::server::test {

std::string pg_cluster::binaries() {
  std::error_code ec;
  std::string best;
  for (const auto& version : std::filesystem::directory_iterator("/usr/lib/postgresql", ec)) {
    const auto bin = version.path() / "bin";
    if (std::filesystem::exists(bin / "initdb") && std::filesystem::exists(bin / "pg_ctl") &&
        bin.string() > best)
      best = bin.string();
  }
  return best;
}

int pg_cluster::as_owner(const std::string& command) const {
  const std::string line = (geteuid() == 0 ? "runuser -u nobody -- " : "") + command + " >>" +
                           dir_.file("log") + " 2>&1";
  return std::system(line.c_str());
}

pg_cluster::pg_cluster() : bin_(binaries()) {
  if (bin_.empty()) {
    error_ = "PostgreSQL is not installed";
    return;
  }
  if (geteuid() == 0) {
    const passwd* nobody = getpwnam("nobody");
    if (nobody == nullptr || chown(dir_.path().c_str(), nobody->pw_uid, nobody->pw_gid) != 0) {
      error_ = "cannot hand " + dir_.path() + " to the user nobody";
      return;
    }
  }
  // No fsync during initdb (a test cluster); the server itself syncs as usual.
  if (as_owner(bin_ + "/initdb --no-sync -A trust -U jos -E UTF8 --locale=C -D " +
               dir_.file("data")) != 0) {
    error_ = "initdb failed; see " + dir_.file("log");
    return;
  }
  if (as_owner(bin_ + "/pg_ctl -w -D " + dir_.file("data") + " -l " + dir_.file("server.log") +
               " -o \"-k " + dir_.path() + " -c listen_addresses=''\" start") != 0) {
    std::ifstream log(dir_.file("server.log"));
    std::stringstream text;
    text << log.rdbuf();
    error_ = "pg_ctl start failed: " + text.str();
    return;
  }
  running_ = true;
}

pg_cluster::~pg_cluster() {
  if (running_) as_owner(bin_ + "/pg_ctl -w -D " + dir_.file("data") + " -m immediate stop");
}

std::string pg_cluster::fresh_database() {
  const std::string name = "jos" + std::to_string(++databases_);
  PGconn* admin = PQconnectdb(("postgresql://jos@/postgres?host=" + dir_.path()).c_str());
  PQclear(PQexec(admin, ("CREATE DATABASE " + name).c_str()));
  PQfinish(admin);
  return "postgresql://jos@/" + name + "?host=" + dir_.path();
}

}  // namespace jos::server::test
