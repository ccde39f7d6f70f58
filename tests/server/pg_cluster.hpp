#pragma once
// A real PostgreSQL for the tests: a fresh cluster (initdb, pg_ctl from Debian's postgresql
// package) in a temporary directory, listening only on a unix socket there. As root (CI) it
// runs as the unprivileged user `nobody`, which owns the directory; PostgreSQL refuses root.

#include <string>

#include "tests/server/test_server.hpp"

namespace jos::server::test {

class pg_cluster {
 public:
  // Where initdb and pg_ctl are; empty when PostgreSQL is not installed.
  static std::string binaries();

  pg_cluster();   // starts it; `error()` says why when it could not
  ~pg_cluster();  // stops it at once and removes everything
  pg_cluster(const pg_cluster&) = delete;
  pg_cluster& operator=(const pg_cluster&) = delete;

  const std::string& error() const { return error_; }
  // A new, empty database in the cluster; its postgresql:// URL.
  std::string fresh_database();

 private:
  int as_owner(const std::string& command) const;

  temp_dir dir_;
  std::string bin_;
  std::string error_;
  bool running_ = false;
  int databases_ = 0;
};

// In a test: a running cluster, or GTEST_SKIP when PostgreSQL is not installed.
#define JOS_REQUIRE_POSTGRESQL(cluster)                                                      \
  if (::jos::server::test::pg_cluster::binaries().empty())                                   \
    GTEST_SKIP() << "PostgreSQL is not installed (tools/setup.sh test installs postgresql)"; \
  ::jos::server::test::pg_cluster cluster;                                                   \
  ASSERT_EQ(cluster.error(), "")

}  // namespace jos::server::test
