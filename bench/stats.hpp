#pragma once
// Percentiles and the one table each scenario prints.

#include <cstdint>
#include <string>
#include <vector>

namespace jos::bench {

// Latencies in microseconds; sorts its input.
struct summary {
  std::size_t count = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  double max_ms = 0;
};
summary summarise(std::vector<std::uint32_t>& micros);

double median(std::vector<double> values);

// A fixed-width text table: a header row, then rows of cells.
class table {
 public:
  explicit table(std::vector<std::string> header) : header_(std::move(header)) {}
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  std::string render() const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

std::string fixed(double value, int decimals);

}  // namespace jos::bench
