#include "bench/stats.hpp"

#include <algorithm>
#include <cstdio>

namespace jos::bench {

summary summarise(std::vector<std::uint32_t>& micros) {
  summary s;
  s.count = micros.size();
  if (micros.empty()) return s;
  std::sort(micros.begin(), micros.end());
  // Nearest rank: the smallest value with at least p of the samples at or below it.
  auto rank = [&](double p) {
    auto i = static_cast<std::size_t>(p * static_cast<double>(micros.size()) + 0.999999);
    i = std::clamp<std::size_t>(i, 1, micros.size());
    return micros[i - 1] / 1000.0;
  };
  s.p50_ms = rank(0.50);
  s.p99_ms = rank(0.99);
  s.max_ms = micros.back() / 1000.0;
  return s;
}

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

std::string fixed(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

std::string table::render() const {
  std::vector<std::size_t> width(header_.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < row.size() && i < width.size(); ++i)
      width[i] = std::max(width[i], row[i].size());
  };
  measure(header_);
  for (const auto& r : rows_) measure(r);
  std::string out;
  auto line = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < width.size(); ++i) {
      const std::string cell = i < row.size() ? row[i] : "";
      // First column left-aligned (labels), numbers right-aligned.
      const std::string pad(width[i] - cell.size(), ' ');
      out += i == 0 ? cell + pad : pad + cell;
      out += i + 1 < width.size() ? "  " : "\n";
    }
  };
  line(header_);
  std::size_t total = 0;
  for (auto w : width) total += w + 2;
  out += std::string(total - 2, '-') + "\n";
  for (const auto& r : rows_) line(r);
  return out;
}

}  // namespace jos::bench
