// protocol/README.md and the code are one truth on the limits: every row of the README's
// limits table is written here from the constants the decoders, the rules and the server
// use, and must read exactly so; a row the code does not know, or a limit the README lost,
// fails too.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "protocol/limits.hpp"
#include "shared/model.hpp"
#include "shared/ops.hpp"
#include "shared/rules.hpp"

namespace jos::protocol {
namespace {

// 4 000, 10 000: thousands apart by a space, as the README writes them.
std::string number(std::uint64_t n) {
  const std::string digits = std::to_string(n);
  if (digits.size() < 4) return digits;
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ' ';
    out += digits[i];
  }
  return out;
}

std::string bytes(std::size_t n) {
  if (n % (1024 * 1024) == 0) return std::to_string(n / (1024 * 1024)) + " MiB";
  if (n % 1024 == 0) return std::to_string(n / 1024) + " KiB";
  return number(n) + " bytes";
}

std::string per_second(double n) { return number(static_cast<std::uint64_t>(n)); }

// What the code says, row by row.
std::map<std::string, std::string> limits_in_code() {
  using namespace shared;
  const int extra_meetings = max_meetings - seed_meeting_count;
  std::string at_ms = "0 – 2^";
  for (int bits = 0; bits < 63; ++bits)
    if ((std::int64_t{1} << bits) == max_time_ms) at_ms += std::to_string(bits);
  return {
      {"client frame", bytes(max_message_bytes) + "; larger closes the connection (1009)"},
      {"server frame (`snapshot`)", bytes(max_snapshot_bytes)},
      {"trajectory (its state as JSON)",
       bytes(max_trajectory_bytes) +
           "; a change that would grow it past that is refused (`too_long`)"},
      {"text one `edit_text` inserts",
       bytes(max_insert_bytes_per_op) +
           " on the wire when a client sends it; more goes as several ops"},
      {"JSON nesting", std::to_string(max_json_depth) + " levels"},
      {"ops in one `ops` message", number(max_ops_per_message)},
      {"message rate", per_second(default_rate_per_second) + " per second sustained, bursts of " +
                           per_second(default_rate_burst) + "; beyond that read more slowly"},
      {"connections from one address",
       number(default_connections_per_address) + " (the server's `--max-connections-per-address`)"},
      {"`token`, `client_id`", bytes(max_token_bytes)},
      {"`join_code`", bytes(max_join_code_bytes)},
      {"names, function", number(max_name_length) + " characters (" + number(4 * max_name_length) +
                              " bytes on the wire)"},
      {"document cell, action", number(max_cell_length) + " characters"},
      {"minutes of a meeting", number(max_minutes_length) + " characters"},
      {"minutes of an agenda item", number(max_item_notes_length) + " characters said, " +
                                        number(max_item_decided_length) + " decided"},
      {"place, link of a meeting",
       number(max_place_length) + ", " + number(max_link_length) + " characters"},
      {"check-ins",
       number(max_check_ins) + ", each note ≤ " + number(max_check_in_length) + " characters"},
      {"reaction",
       number(max_reaction_length) + " characters; " + number(max_reactions) + " per meeting"},
      {"splices in one `edit_text`", number(op::max_splices_per_edit)},
      {"meetings", std::to_string(max_meetings) + " (" + std::to_string(seed_meeting_count) +
                       " plus " + std::to_string(extra_meetings) + " extra)"},
      {"team",
       number(max_team_size) + " people, " + std::to_string(max_coordinators) + " coordinators"},
      {"actions", number(max_actions)},
      {"timer extension", "1–" + std::to_string(max_extend_minutes) + " minutes at a time, " +
                              std::to_string(max_extra_minutes) + " per agenda item"},
      {"`meeting`, `row`, `column`, `index` on the wire",
       "0–" + number(max_wire_index) + " (the rules then check they exist)"},
      {"`at_ms`", at_ms},
  };
}

// The rows of the table under "## Limits".
std::map<std::string, std::string> limits_in_readme() {
  std::ifstream in(std::string(JOS_SOURCE_DIR) + "/protocol/README.md");
  std::map<std::string, std::string> rows;
  std::string line;
  bool in_section = false;
  while (std::getline(in, line)) {
    if (line.starts_with("## ")) in_section = line == "## Limits";
    if (!in_section || !line.starts_with("| ") || line.starts_with("| what") ||
        line.starts_with("| ---"))
      continue;
    const auto middle = line.find(" | ");
    const auto end = line.rfind(" |");
    if (middle == std::string::npos || end <= middle) continue;
    rows[line.substr(2, middle - 2)] = line.substr(middle + 3, end - middle - 3);
  }
  return rows;
}

TEST(ReadmeLimits, TheTableIsWhatTheCodeEnforces) {
  const auto readme = limits_in_readme();
  ASSERT_GE(readme.size(), 15u) << "protocol/README.md not found or lost its limits table";
  const auto code = limits_in_code();
  for (const auto& [what, limit] : code) {
    const auto it = readme.find(what);
    if (it == readme.end()) {
      ADD_FAILURE() << "the README's limits table has no row \"" << what << "\" (" << limit << ")";
      continue;
    }
    EXPECT_EQ(it->second, limit) << "row \"" << what << "\"";
  }
  for (const auto& [what, limit] : readme)
    EXPECT_TRUE(code.contains(what)) << "the README's row \"" << what << "\" (" << limit
                                     << ") is checked against nothing in the code";
}

}  // namespace
}  // namespace jos::protocol
