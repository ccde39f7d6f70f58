// The error codes are one closed list with one wire name each, the rules' codes are among
// them under their own names, a code outside the list does not decode, and protocol/README.md
// lists exactly these codes.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <string>

#include "protocol/codec.hpp"
#include "protocol/error_code.hpp"
#include "shared/rules.hpp"

namespace jos::protocol {
namespace {

std::set<std::string> codes_in_code() {
  std::set<std::string> names;
  for (int i = 0; i <= static_cast<int>(error_code::stale); ++i)
    names.emplace(name_of(static_cast<error_code>(i)));
  return names;
}

// The first column of the table under "### Error and reject codes".
std::set<std::string> codes_in_readme() {
  std::ifstream in(std::string(JOS_SOURCE_DIR) + "/protocol/README.md");
  std::set<std::string> names;
  std::string line;
  bool in_section = false;
  while (std::getline(in, line)) {
    if (line.starts_with("#")) in_section = line == "### Error and reject codes";
    if (!in_section || !line.starts_with("| `")) continue;
    const auto end = line.find('`', 3);
    if (end != std::string::npos) names.insert(line.substr(3, end - 3));
  }
  return names;
}

TEST(ErrorCode, EachCodeHasOneWireNameThatReadsBack) {
  const auto names = codes_in_code();
  EXPECT_EQ(names.size(), static_cast<std::size_t>(error_code::stale) + 1) << "a name twice";
  for (const auto& name : names) {
    const auto code = parse_error_code(name);
    ASSERT_TRUE(code) << name;
    EXPECT_EQ(name_of(*code), name);
  }
  EXPECT_FALSE(parse_error_code(""));
  EXPECT_FALSE(parse_error_code("Stale"));
  EXPECT_FALSE(parse_error_code("stale "));
}

TEST(ErrorCode, ARuleRefusalGoesOutUnderTheRulesName) {
  using shared::rule_code;
  for (const auto c : {rule_code::invalid, rule_code::forbidden, rule_code::not_found,
                       rule_code::conflict, rule_code::too_long})
    EXPECT_EQ(name_of(error_code_of(c)), shared::name_of(c));
}

TEST(ErrorCode, AMessageWithAnotherCodeDoesNotDecode) {
  for (const std::string frame :
       {R"({"client_seq":3,"code":"nope","reason":"x","type":"reject","v":1})",
        R"({"code":"STALE","reason":"x","type":"error","v":1})",
        R"({"code":7,"reason":"x","type":"error","v":1})"}) {
    const auto decoded = decode_server(frame);
    ASSERT_TRUE(std::holds_alternative<decode_error>(decoded)) << frame;
    EXPECT_EQ(std::get<decode_error>(decoded).code, error_code::invalid);
    EXPECT_NE(std::get<decode_error>(decoded).message.find("code:"), std::string::npos)
        << std::get<decode_error>(decoded).message;
  }
  const auto known =
      decode_server(R"({"client_seq":3,"code":"stale","reason":"x","type":"reject","v":1})");
  ASSERT_TRUE(std::holds_alternative<server_message>(known));
  EXPECT_EQ(std::get<reject>(std::get<server_message>(known)).code, error_code::stale);
}

TEST(ErrorCode, TheReadmeListsExactlyTheseCodes) {
  const auto readme = codes_in_readme();
  ASSERT_GE(readme.size(), 10u) << "protocol/README.md not found or lost its table of codes";
  EXPECT_EQ(readme, codes_in_code());
}

}  // namespace
}  // namespace jos::protocol
