#pragma once
// What one durable commit costs on this disk: jos's own sqlite_store (WAL, synchronous=FULL)
// with 1, 10 and 100 ops per transaction, and a bare fdatasync for comparison.

#include <string>
#include <vector>

namespace jos::bench {

struct commit_figures {
  int rows_per_commit = 0;
  int commits = 0;
  double median_ms = 0;
  double p99_ms = 0;
  double per_row_us = 0;  // median commit time / rows
};

// Writes into a fresh store in `directory`, about `seconds` per size.
std::vector<commit_figures> measure_commits(const std::string& directory, double seconds);
// A 4 KiB append plus fdatasync, the floor under any durable commit on this disk.
commit_figures measure_fdatasync(const std::string& directory, double seconds);

}  // namespace jos::bench
