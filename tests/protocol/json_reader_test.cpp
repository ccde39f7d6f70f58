// The nesting pre-check that runs before any parsing: brackets inside strings do not count,
// escapes are followed exactly, and a hostile frame is measured without recursion.

#include <gtest/gtest.h>

#include <string>

#include "protocol/json_reader.hpp"

namespace jos::protocol {
namespace {

TEST(JsonNestingDepth, CountsArraysAndObjects) {
  EXPECT_EQ(json_nesting_depth(""), 0);
  EXPECT_EQ(json_nesting_depth("42"), 0);
  EXPECT_EQ(json_nesting_depth("{}"), 1);
  EXPECT_EQ(json_nesting_depth("[[]]"), 2);
  EXPECT_EQ(json_nesting_depth(R"({"a":[1,{"b":[]}],"c":{}})"), 4);
  EXPECT_EQ(json_nesting_depth("[[],[],[[]]]"), 3);
}

TEST(JsonNestingDepth, IgnoresBracketsInsideStrings) {
  EXPECT_EQ(json_nesting_depth(R"({"a":"[[[[{{{{"})"), 1);
  EXPECT_EQ(json_nesting_depth(R"({"a":"]]]]","b":[[[]]]})"), 4);
  EXPECT_EQ(json_nesting_depth(R"("{\"x\":[1]}")"), 0);
  EXPECT_EQ(json_nesting_depth(R"(["[", "]", "{", "}"])"), 1);
}

TEST(JsonNestingDepth, FollowsEscapedQuotes) {
  // \" does not end the string, so the brackets after it are still text.
  EXPECT_EQ(json_nesting_depth(R"({"a":"say \"[[[\" twice"})"), 1);
  // \\ is a backslash: the quote after it does end the string, so [[1]] counts.
  EXPECT_EQ(json_nesting_depth(R"({"a":"C:\\","b":[[1]]})"), 3);
  // \\\" is a backslash then an escaped quote: still inside the string.
  EXPECT_EQ(json_nesting_depth(R"({"a":"\\\"[[[["})"), 1);
  // A \u escape with hex digits does not confuse it either.
  EXPECT_EQ(json_nesting_depth(R"({"a":"\u005b\u005b","b":[]})"), 2);
}

TEST(JsonNestingDepth, HostileInput) {
  EXPECT_EQ(json_nesting_depth(std::string(10'000, '[')), 10'000);
  EXPECT_EQ(json_nesting_depth(std::string(10'000, '{')), 10'000);
  // Stray closers first must not let a deep tail slip under the limit.
  EXPECT_GE(json_nesting_depth(std::string(100, ']') + std::string(20, '[')), 20);
  // An unterminated string swallows the rest.
  EXPECT_EQ(json_nesting_depth("[\"" + std::string(100, '[')), 1);
}

}  // namespace
}  // namespace jos::protocol
