#include "bench/commit_bench.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>

#include "bench/stats.hpp"
#include "server/sqlite_store.hpp"

namespace jos::bench {
namespace {

using clock_type = std::chrono::steady_clock;

commit_figures figures_of(int rows, std::vector<std::uint32_t> micros) {
  commit_figures f;
  f.rows_per_commit = rows;
  f.commits = static_cast<int>(micros.size());
  const auto s = summarise(micros);
  f.median_ms = s.p50_ms;
  f.p99_ms = s.p99_ms;
  f.per_row_us = s.p50_ms * 1000.0 / rows;
  return f;
}

std::uint32_t micros_since(clock_type::time_point t) {
  return static_cast<std::uint32_t>(
      std::chrono::duration_cast<std::chrono::microseconds>(clock_type::now() - t).count());
}

}  // namespace

std::vector<commit_figures> measure_commits(const std::string& directory, double seconds) {
  server::sqlite_store store(directory + "/commit-bench.sqlite");
  server::commit_item first;
  first.trajectory_id = "bench";
  first.created =
      server::trajectory_record{"bench", "BENCH-0000", "hash", "{}", 0, "BENCH-BENCH-00", "", ""};
  store.commit(std::span<const server::commit_item>(&first, 1));

  // An op as the server stores it: a typed splice, ~130 bytes of JSON.
  const std::string op =
      R"({"edits":[{"del":0,"ins":"jongeren ","pos":42}],"target":{"column":0,"document":)"
      R"("signalering_1","row":3},"type":"edit_text"})";
  const std::vector<std::string> client_ids = {"b0", "b1", "b2", "b3", "b4",
                                               "b5", "b6", "b7", "b8", "b9"};
  std::uint64_t seq = 0;
  std::vector<commit_figures> out;
  for (const int rows : {1, 10, 100}) {
    std::vector<std::uint32_t> micros;
    const auto until = clock_type::now() + std::chrono::duration<double>(seconds);
    while (clock_type::now() < until && micros.size() < 5000) {
      // One item per op, as the store worker groups them: an op row and a client mark.
      std::vector<server::commit_item> items(static_cast<std::size_t>(rows));
      for (auto& item : items) {
        item.trajectory_id = "bench";
        ++seq;
        item.ops.push_back({seq, 2, client_ids[seq % client_ids.size()], seq, op});
      }
      const auto start = clock_type::now();
      store.commit(items);
      micros.push_back(micros_since(start));
    }
    out.push_back(figures_of(rows, std::move(micros)));
  }
  return out;
}

commit_figures measure_fdatasync(const std::string& directory, double seconds) {
  const std::string path = directory + "/fdatasync-bench.bin";
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<std::uint32_t> micros;
  if (fd < 0) return figures_of(1, micros);
  const std::string block(4096, 'x');
  const auto until = clock_type::now() + std::chrono::duration<double>(seconds);
  while (clock_type::now() < until && micros.size() < 5000) {
    const auto start = clock_type::now();
    if (::write(fd, block.data(), block.size()) != static_cast<ssize_t>(block.size())) break;
    ::fdatasync(fd);
    micros.push_back(micros_since(start));
  }
  ::close(fd);
  ::unlink(path.c_str());
  return figures_of(1, std::move(micros));
}

}  // namespace jos::bench
