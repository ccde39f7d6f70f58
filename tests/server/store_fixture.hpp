#pragma once
// The same tests against each store: "sqlite" (a file in a temporary directory) or
// "postgresql" (a fresh database in a cluster of the test's own).

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "server/store.hpp"
#include "tests/server/pg_cluster.hpp"
#include "tests/server/test_server.hpp"

namespace jos::server::test {

class Stores : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;  // skips "postgresql" when PostgreSQL is not installed
  const std::string& database() const { return db_; }  // the --db value
  std::unique_ptr<store> open_store() const;
  // The first value of the first row, through a connection of its own ("" if none).
  std::string query(const std::string& sql) const;

 private:
  temp_dir dir_;
  std::unique_ptr<pg_cluster> cluster_;
  std::string db_;
};

std::string store_name(const testing::TestParamInfo<std::string>& info);

std::string query_text(const std::string& db, const std::string& sql);

}  // namespace jos::server::test
