#pragma once
// The scenarios of jos-bench; each prints one table and returns the exit code.

#include "bench/harness.hpp"

namespace jos::bench {

int run_fanout(const bench_options& o);
int run_throughput(const bench_options& o);
int run_growth(const bench_options& o);
int run_slow(const bench_options& o);
int run_idle(const bench_options& o);
int run_load(const bench_options& o);
int run_storm(const bench_options& o);
int run_commit(const bench_options& o);
int run_failover(const bench_options& o);  // needs --server-flag --db postgresql://…
int run_client(const bench_options& o);    // needs the desktop client (JOS_BUILD_GUI)

}  // namespace jos::bench
