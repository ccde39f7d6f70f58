// Malformed frames get the right decode_error code and a message that says what is wrong and
// where (the field path), without crashing on hostile input.

#include <gtest/gtest.h>

#include <string>

#include "protocol/codec.hpp"
#include "protocol/limits.hpp"

namespace jos::protocol {
namespace {

struct bad_frame {
  std::string name;
  std::string text;
  error_code code;
  std::string message_part;  // must occur in the message
};

std::string op_frame(const std::string& op) {
  return R"({"v":1,"type":"op","client_seq":3,"base_seq":2,"op":)" + op + "}";
}

void expect_client_error(const bad_frame& c) {
  SCOPED_TRACE(c.name);
  const auto result = decode_client(c.text);
  ASSERT_TRUE(std::holds_alternative<decode_error>(result)) << "accepted: " << c.text;
  const auto& e = std::get<decode_error>(result);
  EXPECT_EQ(e.code, c.code) << e.message;
  EXPECT_NE(e.message.find(c.message_part), std::string::npos)
      << "message: " << e.message << "\nexpected to contain: " << c.message_part;
}

// Strict JSON (RFC 8259): no byte order mark in front, which the parser would skip, and no
// key twice in one object, of which the parser would keep one without a word.
TEST(DecodeErrors, AByteOrderMarkOrAKeyTwiceIsMalformed) {
  const std::string hello = R"({"v":1,"type":"hello","token":"t","client_id":"c"})";
  ASSERT_FALSE(std::holds_alternative<decode_error>(decode_client(hello)));
  const bad_frame cases[] = {
      {"a byte order mark", "\xEF\xBB\xBF" + hello, error_code::malformed, "byte order mark"},
      {"type twice", R"({"v":1,"type":"hello","type":"op","token":"t","client_id":"c"})",
       error_code::malformed, "key \"type\" appears twice"},
      {"v twice", R"({"v":2,"v":1,"type":"hello","token":"t","client_id":"c"})",
       error_code::malformed, "key \"v\" appears twice"},
      {"a key twice deep inside",
       op_frame(R"({"type":"set_rating","document":"signalering_1","row":1,"row":2,"value":3})"),
       error_code::malformed, "key \"row\" appears twice"},
      {"a key twice in an array's object",
       op_frame(R"({"type":"edit_text","target":{"document":"signalering_1","row":0,"column":0},)"
                R"("edits":[{"pos":0,"ins":"a","ins":"b"}]})"),
       error_code::malformed, "key \"ins\" appears twice"},
  };
  for (const auto& c : cases) expect_client_error(c);
  // The same key in two objects, and colons inside strings, are fine.
  EXPECT_FALSE(std::holds_alternative<decode_error>(decode_client(
      op_frame(R"({"type":"edit_text","target":{"document":"signalering_1","row":0,"column":0},)"
               R"("edits":[{"pos":0,"ins":"a: b"},{"pos":1,"ins":"c:"}]})"))));
  const auto server =
      decode_server("\xEF\xBB\xBF" + std::string(R"({"v":1,"type":"presence","online":[]})"));
  ASSERT_TRUE(std::holds_alternative<decode_error>(server));
  EXPECT_EQ(std::get<decode_error>(server).code, error_code::malformed);
}

TEST(DecodeErrors, EnvelopeProblems) {
  const bad_frame cases[] = {
      {"empty input", "", error_code::malformed, "not valid JSON"},
      {"not JSON", "hallo", error_code::malformed, "not valid JSON"},
      {"truncated", R"({"v":1,"type":"hello")", error_code::malformed, "not valid JSON"},
      {"trailing garbage", R"({"v":1,"type":"hello"} x)", error_code::malformed, "not valid JSON"},
      {"two objects", R"({"v":1}{"v":1})", error_code::malformed, "not valid JSON"},
      {"an array", R"([{"v":1,"type":"hello"}])", error_code::malformed, "expected a JSON object"},
      {"a string", R"("hello")", error_code::malformed, "expected a JSON object"},
      {"a number", "1", error_code::malformed, "expected a JSON object"},
      {"null", "null", error_code::malformed, "expected a JSON object"},
      {"missing v", R"({"type":"hello","token":"t","client_id":"c"})", error_code::malformed,
       "v: missing"},
      {"v as a string", R"({"v":"1","type":"hello","token":"t","client_id":"c"})",
       error_code::malformed, "v: expected an integer"},
      {"v as a float", R"({"v":1.0,"type":"hello","token":"t","client_id":"c"})",
       error_code::malformed, "v: expected an integer"},
      {"another version", R"({"v":2,"type":"hello","token":"t","client_id":"c"})",
       error_code::version, "protocol version 2 is not supported"},
      {"version 0", R"({"v":0,"type":"hello"})", error_code::version, "protocol version 0"},
      {"a negative version", R"({"v":-1,"type":"hello"})", error_code::version,
       "protocol version -1"},
      {"a huge version", R"({"v":18446744073709551615,"type":"hello"})", error_code::version,
       "protocol version 18446744073709551615"},
      {"missing type", R"({"v":1,"token":"t","client_id":"c"})", error_code::malformed,
       "type: missing"},
      {"type as a number", R"({"v":1,"type":4})", error_code::malformed, "type: expected a string"},
      {"unknown type", R"({"v":1,"type":"goodbye"})", error_code::invalid,
       "type: unknown message type \"goodbye\""},
      {"a server type", R"({"v":1,"type":"ack","client_seq":1,"seq":1})", error_code::invalid,
       "type: unknown message type \"ack\""},
  };
  for (const auto& c : cases) expect_client_error(c);
}

TEST(DecodeErrors, FieldProblemsNameThePath) {
  const bad_frame cases[] = {
      {"unknown top-level field",
       R"({"v":1,"type":"hello","token":"t","client_id":"c","admin":true})", error_code::invalid,
       "admin: unknown field"},
      {"missing token", R"({"v":1,"type":"hello","client_id":"c"})", error_code::invalid,
       "token: missing"},
      {"token as a number", R"({"v":1,"type":"hello","token":5,"client_id":"c"})",
       error_code::invalid, "token: expected a string"},
      {"token too long",
       R"({"v":1,"type":"hello","token":")" + std::string(129, 'a') + R"(","client_id":"c"})",
       error_code::invalid, "token: longer than 128 bytes"},
      {"negative last_seq", R"({"v":1,"type":"hello","token":"t","client_id":"c","last_seq":-1})",
       error_code::invalid, "last_seq: expected a non-negative integer"},
      {"last_seq beyond uint64",
       R"({"v":1,"type":"hello","token":"t","client_id":"c","last_seq":18446744073709551616})",
       error_code::invalid, "last_seq: expected a non-negative integer"},
      {"unknown field in me",
       R"({"v":1,"type":"join","join_code":"K7Q","me":{"name":"Zoë","organisation":"school","role":"baas"}})",
       error_code::invalid, "me.role: unknown field"},
      {"unknown organisation",
       R"({"v":1,"type":"join","join_code":"K7Q","me":{"name":"Zoë","organisation":"gemeente"}})",
       error_code::invalid, "me.organisation: unknown value \"gemeente\""},
      {"me as an array", R"({"v":1,"type":"join","join_code":"K7Q","me":[]})", error_code::invalid,
       "me: expected an object"},
      {"unknown cooperation",
       R"({"v":1,"type":"create","partnership":{"school":"A","youth_organisation":"B","cooperation":"oud"},"me":{"name":"Zoë","organisation":"school"}})",
       error_code::invalid, "partnership.cooperation: unknown value \"oud\""},
      {"client_seq 0",
       R"({"v":1,"type":"op","client_seq":0,"op":{"type":"reveal_vote","meeting":0}})",
       error_code::invalid, "client_seq: must start at 1"},
      {"missing op", R"({"v":1,"type":"op","client_seq":1})", error_code::invalid, "op: missing"},
      {"op as a string", R"({"v":1,"type":"op","client_seq":1,"op":"set_rating"})",
       error_code::invalid, "op: expected an object"},
  };
  for (const auto& c : cases) expect_client_error(c);
}

TEST(DecodeErrors, OperationProblemsNameThePath) {
  const bad_frame cases[] = {
      {"op without type", op_frame(R"({"meeting":1})"), error_code::invalid, "op.type: missing"},
      {"unknown op type", op_frame(R"({"type":"delete_everything"})"), error_code::invalid,
       "op: unknown operation type \"delete_everything\""},
      {"unknown op field",
       op_frame(R"({"type":"set_rating","document":"signalering_1","row":1,"value":2,"by":1})"),
       error_code::invalid, "op.by: unknown field"},
      {"row as a string",
       op_frame(R"({"type":"set_rating","document":"signalering_1","row":"3","value":2})"),
       error_code::invalid, "op.row: expected an integer"},
      {"negative row",
       op_frame(R"({"type":"set_rating","document":"signalering_1","row":-1,"value":2})"),
       error_code::invalid, "op.row: out of range [0, 1000]"},
      {"row as a float",
       op_frame(R"({"type":"set_rating","document":"signalering_1","row":1.5,"value":2})"),
       error_code::invalid, "op.row: expected an integer"},
      {"row as 1.0",
       op_frame(R"({"type":"set_rating","document":"signalering_1","row":1.0,"value":2})"),
       error_code::invalid, "op.row: expected an integer"},
      {"row in exponent form",
       op_frame(R"({"type":"set_rating","document":"signalering_1","row":1e2,"value":2})"),
       error_code::invalid, "op.row: expected an integer"},
      {"row beyond int64",
       op_frame(
           R"({"type":"set_rating","document":"signalering_1","row":9223372036854775808,"value":2})"),
       error_code::invalid, "op.row: expected an integer"},
      {"row beyond uint64",
       op_frame(
           R"({"type":"set_rating","document":"signalering_1","row":123456789012345678901234567890,"value":2})"),
       error_code::invalid, "op.row: expected an integer"},
      {"row null",
       op_frame(R"({"type":"set_rating","document":"signalering_1","row":null,"value":2})"),
       error_code::invalid, "op.row: expected an integer"},
      {"value 4", op_frame(R"({"type":"set_rating","document":"signalering_1","row":1,"value":4})"),
       error_code::invalid, "op.value: out of range [0, 3]"},
      {"unknown document",
       op_frame(R"({"type":"set_rating","document":"signalering","row":1,"value":2})"),
       error_code::invalid, "op.document: unknown value \"signalering\""},
      {"document as a number", op_frame(R"({"type":"set_rating","document":0,"row":1,"value":2})"),
       error_code::invalid, "op.document: expected a string"},
      {"bool as a string", op_frame(R"({"type":"set_precondition","index":0,"met":"true"})"),
       error_code::invalid, "op.met: expected true or false"},
      {"bool as a number", op_frame(R"({"type":"set_precondition","index":0,"met":1})"),
       error_code::invalid, "op.met: expected true or false"},
      {"unknown timer action", op_frame(R"({"type":"control_timer","meeting":0,"action":"stop"})"),
       error_code::invalid, "op.action: unknown value \"stop\""},
      {"English timer action",
       op_frame(R"({"type":"control_timer","meeting":0,"action":"extend","minutes":5})"),
       error_code::invalid, "op.action: unknown value \"extend\""},
      {"unknown role",
       op_frame(R"({"type":"assign_role","meeting":0,"role":"voorzitter","person":2})"),
       error_code::invalid, "op.role: unknown value \"voorzitter\""},
      {"unknown mode",
       op_frame(R"({"type":"schedule_meeting","meeting":0,"date":"","mode":"online"})"),
       error_code::invalid, "op.mode: unknown value \"online\""},
      {"person beyond 32 bits",
       op_frame(R"({"type":"set_coordinator","person":4294967296,"coordinator":true})"),
       error_code::invalid, "op.person: out of range [0, 4294967295]"},
      {"at_ms negative", op_frame(R"({"type":"start_meeting","meeting":0,"at_ms":-5})"),
       error_code::invalid, "op.at_ms: out of range"},
      {"nested person field",
       op_frame(
           R"({"type":"add_person","person":{"name":"Zoë","organisation":"school","id":"7"}})"),
       error_code::invalid, "op.person.id: expected an integer"},
      {"text target field",
       op_frame(
           R"({"type":"edit_text","target":{"document":"actieplan","row":1,"column":"a"},"edits":[{"pos":0}]})"),
       error_code::invalid, "op.target.column: expected an integer"},
      {"minutes target with a document",
       op_frame(
           R"({"type":"edit_text","target":{"minutes":true,"meeting":0,"document":"actieplan"},"edits":[{"pos":0}]})"),
       error_code::invalid, "op.target.document: unknown field"},
      {"splice field",
       op_frame(
           R"({"type":"edit_text","target":{"minutes":true,"meeting":0},"edits":[{"pos":0},{"pos":-1}]})"),
       error_code::invalid, "op.edits[1].pos: out of range"},
      {"too many splices",
       op_frame(R"({"type":"edit_text","target":{"minutes":true,"meeting":0},"edits":[)" +
                std::string(R"({"pos":0},)") + R"({"pos":0},{"pos":0},{"pos":0},{"pos":0},)" +
                R"({"pos":0},{"pos":0},{"pos":0},{"pos":0}]})"),
       error_code::invalid, "op.edits: more than 8 items"},
      {"ballots that are not pairs",
       op_frame(R"({"type":"reveal_vote","meeting":0,"ballots":[[1,2,3]]})"), error_code::invalid,
       "ballots: expected [person, 0..3] pairs"},
      {"a ballot beyond 3",
       op_frame(R"({"type":"reveal_vote","meeting":0,"ballots":[[1,4294967298]]})"),
       error_code::invalid, "ballots: expected [person, 0..3] pairs"},
      {"a voter beyond 32 bits",
       op_frame(R"({"type":"reveal_vote","meeting":0,"ballots":[[4294967297,2]]})"),
       error_code::invalid, "ballots: expected [person, 0..3] pairs"},
      {"unknown attendance",
       op_frame(R"({"type":"set_attendance","meeting":0,"person":2,"attendance":"misschien"})"),
       error_code::invalid, "op.attendance: unknown value \"misschien\""},
      {"attendance missing", op_frame(R"({"type":"set_attendance","meeting":0,"person":2})"),
       error_code::invalid, "op.attendance: missing"},
      {"unknown part of an item's minutes",
       op_frame(
           R"({"type":"edit_text","target":{"minutes":true,"meeting":0,"item":2,"part":"gezegd"},"edits":[{"pos":0}]})"),
       error_code::invalid, "op.target.part: unknown value \"gezegd\""},
      {"decided without an item",
       op_frame(
           R"({"type":"edit_text","target":{"minutes":true,"meeting":0,"part":"besloten"},"edits":[{"pos":0}]})"),
       error_code::invalid, "op.target.part: only with an item"},
      {"negative item",
       op_frame(
           R"({"type":"edit_text","target":{"minutes":true,"meeting":0,"item":-1},"edits":[{"pos":0}]})"),
       error_code::invalid, "op.target.item: out of range [0, 1000]"},
      {"an extra meeting's list without its meeting",
       op_frame(
           R"({"type":"edit_text","target":{"document":"evaluatie_extra","row":1,"column":0},"edits":[{"pos":0}]})"),
       error_code::invalid, "op.target.meeting: missing"},
      {"a meeting for a document the trajectory holds",
       op_frame(
           R"({"type":"edit_text","target":{"document":"actieplan","meeting":1,"row":1,"column":0},"edits":[{"pos":0}]})"),
       error_code::invalid, "op.target.meeting: only for evaluatie_extra"},
      {"meeting details with a numeric time",
       op_frame(R"({"type":"set_meeting_details","meeting":0,"start_time":930})"),
       error_code::invalid, "op.start_time: expected a string"},
      {"check-in without going",
       op_frame(R"({"type":"record_check_in","person":3,"note":"Loopt"})"), error_code::invalid,
       "op.going: missing"},
  };
  for (const auto& c : cases) expect_client_error(c);
}

TEST(DecodeErrors, TooLarge) {
  const std::string padding(max_message_bytes, ' ');
  const std::string text = R"({"v":1,"type":"hello","token":"t","client_id":"c"})" + padding;
  expect_client_error({"64 KiB + a bit", text, error_code::too_large, "limit is 65536"});
  const auto result = decode_client(text);
  EXPECT_NE(std::get<decode_error>(result).message.find(std::to_string(text.size())),
            std::string::npos);
  // Exactly at the limit is still parsed.
  std::string at_limit = R"({"v":1,"type":"hello","token":"t","client_id":"c"})";
  at_limit += std::string(max_message_bytes - at_limit.size(), ' ');
  EXPECT_TRUE(std::holds_alternative<client_message>(decode_client(at_limit)));
}

TEST(DecodeErrors, TooDeep) {
  expect_client_error({"10,000 brackets", std::string(10'000, '['), error_code::too_deep,
                       "deeper than " + std::to_string(max_json_depth)});
  expect_client_error(
      {"10,000 braces", std::string(10'000, '{'), error_code::too_deep, "deeper than"});
  std::string balanced = R"({"v":1,"type":"hello","token":"t","client_id":"c","x":)";
  balanced += std::string(max_json_depth, '[') + std::string(max_json_depth, ']') + "}";
  expect_client_error({"balanced but deep", balanced, error_code::too_deep, "deeper than"});
  // The server side applies the same limit even to its larger snapshots.
  const auto result = decode_server(std::string(100'000, '['));
  ASSERT_TRUE(std::holds_alternative<decode_error>(result));
  EXPECT_EQ(std::get<decode_error>(result).code, error_code::too_deep);
}

TEST(DecodeErrors, InvalidUtf8InStrings) {
  const std::string prefix = R"({"v":1,"type":"hello","client_id":"c","token":")";
  const std::pair<const char*, std::string> cases[] = {
      {"a lone continuation byte", "\x80"},
      {"a truncated sequence", "ab\xc3"},
      {"0xFF", "\xff"},
      {"an overlong slash", "\xc0\xaf"},
      {"an encoded surrogate", "\xed\xa0\x80"},
      {"beyond U+10FFFF", "\xf4\x90\x80\x80"},
  };
  for (const auto& [name, bytes] : cases)
    expect_client_error({name, prefix + bytes + R"("})", error_code::malformed, "UTF-8"});
  // A lone surrogate written as an escape is just as invalid.
  expect_client_error({"an escaped lone surrogate", prefix + R"(\ud800"})", error_code::malformed,
                       "not valid JSON"});
}

TEST(DecodeErrors, NulBytes) {
  const std::string frame = R"({"v":1,"type":"hello","token":"t","client_id":"c"})";
  expect_client_error(
      {"NUL after the object", frame + '\0', error_code::malformed, "not valid JSON"});
  expect_client_error(
      {"NUL before the object", '\0' + frame, error_code::malformed, "not valid JSON"});
  std::string inside = frame;
  inside.insert(inside.find("\"t\"") + 2, 1, '\0');  // a raw control byte inside a string
  expect_client_error({"NUL inside a string", inside, error_code::malformed, "not valid JSON"});
  expect_client_error(
      {"a lone NUL", std::string(1, '\0'), error_code::malformed, "not valid JSON"});
}

TEST(DecodeErrors, ServerMessagesNameThePathToo) {
  const std::pair<std::string, std::string> cases[] = {
      {R"({"v":1,"type":"ops","ops":[{"seq":1,"author":0,"client_id":"","client_seq":0,"op":{"type":"reveal_vote","meeting":0}},{"seq":2,"author":0,"client_id":"","client_seq":0,"op":{"type":"set_rating","document":"signalering_1","row":"x","value":1}}]})",
       "ops[1].op.row: expected an integer"},
      {R"({"v":1,"type":"ops","ops":[{"seq":-1,"author":0,"client_id":"","client_seq":0,"op":{"type":"reveal_vote","meeting":0}}]})",
       "ops[0].seq: expected a non-negative integer"},
      {R"({"v":1,"type":"ack","client_seq":1})", "seq: missing"},
      {R"({"v":1,"type":"presence","online":[1,"2"]})", "online: expected person ids"},
      {R"({"v":1,"type":"presence","online":[4294967296]})", "online: expected person ids"},
      {R"({"v":1,"type":"snapshot","seq":1,"state":{"id":"x"}})", "state.partnership: missing"},
      {R"({"v":1,"type":"welcome","trajectory_id":"t","person":-1,"seq":0})",
       "person: out of range"},
  };
  for (const auto& [text, part] : cases) {
    SCOPED_TRACE(text);
    const auto result = decode_server(text);
    ASSERT_TRUE(std::holds_alternative<decode_error>(result));
    const auto& e = std::get<decode_error>(result);
    EXPECT_EQ(e.code, error_code::invalid);
    EXPECT_NE(e.message.find(part), std::string::npos) << e.message;
  }
}

TEST(DecodeErrors, WhitespaceAndKeyOrderDoNotMatter) {
  const auto result = decode_client(
      " \n\t{ \"client_id\" : \"c\" ,\"token\":\"t\", \"type\" :"
      " \"hello\" , \"v\" : 1 }\r\n");
  ASSERT_TRUE(std::holds_alternative<client_message>(result));
  EXPECT_EQ(std::get<hello>(std::get<client_message>(result)).token, "t");
}

TEST(DecodeErrors, EscapedTextIsDecoded) {
  const auto result = decode_client(
      R"({"v":1,"type":"hello","token":"Zo\u00eb \u2018x\u2019 \ud83d\ude00","client_id":"c"})");
  ASSERT_TRUE(std::holds_alternative<client_message>(result));
  EXPECT_EQ(std::get<hello>(std::get<client_message>(result)).token, "Zoë ‘x’ 😀");
}

}  // namespace
}  // namespace jos::protocol
