// Every message and every operation survives encode → decode unchanged, and the wire form
// of each operation is the one protocol/README.md documents.

#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <string>
#include <type_traits>
#include <variant>

#include "protocol/codec.hpp"
#include "protocol/op_codec.hpp"
#include "tests/protocol/samples.hpp"

namespace jos::protocol {
namespace {

using namespace shared;
using samples::op_json;

template <typename Container>
std::set<std::size_t> kinds_of(const Container& items) {
  std::set<std::size_t> kinds;
  for (const auto& item : items) kinds.insert(item.index());
  return kinds;
}

// `m` encoded and decoded again by the side it is meant for; nullopt when it does not come
// back as the same kind of message.
template <typename Message>
std::optional<Message> through_the_wire(const Message& m) {
  if constexpr (std::is_constructible_v<client_message, Message>) {
    const auto back = decode_client(encode(client_message{m}));
    const auto* decoded = std::get_if<client_message>(&back);
    if (decoded == nullptr || !std::holds_alternative<Message>(*decoded)) return std::nullopt;
    return std::get<Message>(*decoded);
  } else {
    const auto back = decode_server(encode(server_message{m}));
    const auto* decoded = std::get_if<server_message>(&back);
    if (decoded == nullptr || !std::holds_alternative<Message>(*decoded)) return std::nullopt;
    return std::get<Message>(*decoded);
  }
}

TEST(OpCodec, SamplesCoverEveryOperationType) {
  const auto kinds = kinds_of(samples::every_op());
  EXPECT_EQ(kinds.size(), std::variant_size_v<operation>)
      << "add a sample for the new operation type to tests/protocol/samples.cpp";
}

TEST(OpCodec, EveryOperationRoundTrips) {
  for (const auto& o : samples::every_op()) {
    SCOPED_TRACE(op_json(o));
    // Through text, as on the wire, so UTF-8 and number formatting are part of the trip.
    const json wire = json::parse(encode_op(o).dump());
    std::string error;
    const auto back = decode_op(wire, "op", error);
    ASSERT_TRUE(back.has_value()) << error;
    EXPECT_EQ(error, "");
    EXPECT_EQ(back->index(), o.index());
    EXPECT_EQ(op_json(*back), op_json(o));
  }
}

// The documented wire form, field by field (key order does not matter in JSON).
TEST(OpCodec, WireFormOfEveryOperationType) {
  const std::vector<std::pair<operation, std::string>> cases = {
      {op::set_partnership{{"Het Baken", "Jongerenwerk Zuidoost", cooperation::fresh}},
       R"({"type":"set_partnership","school":"Het Baken",
           "youth_organisation":"Jongerenwerk Zuidoost","cooperation":"nieuw"})"},
      {op::set_precondition{.index = 2, .met = true},
       R"({"type":"set_precondition","index":2,"met":true})"},
      {op::add_person{{.id = 7,
                       .name = "Chloë",
                       .org = organisation::jongerenwerk,
                       .function = "jongerenwerker",
                       .level = staff_level::manager,
                       .coordinator = true}},
       R"({"type":"add_person","person":{"id":7,"name":"Chloë","organisation":"jongerenwerk",
           "function":"jongerenwerker","level":"manager","coordinator":true}})"},
      {op::update_person{{.id = 3,
                          .name = "Noël",
                          .org = organisation::school,
                          .function = "mentor",
                          .level = staff_level::uitvoerder,
                          .coordinator = false}},
       R"({"type":"update_person","person":{"id":3,"name":"Noël","organisation":"school",
           "function":"mentor","level":"uitvoerder","coordinator":false}})"},
      {op::set_coordinator{.person = 4, .coordinator = true},
       R"({"type":"set_coordinator","person":4,"coordinator":true})"},
      {op::schedule_meeting{.meeting = 2, .date = "2026-11-03", .mode = meeting_mode::hybride},
       R"({"type":"schedule_meeting","meeting":2,"date":"2026-11-03","mode":"hybride"})"},
      {op::plan_from_start{.start_date = "2026-09-07"},
       R"({"type":"plan_from_start","start_date":"2026-09-07"})"},
      {op::add_extra_meeting{.date = "", .mode = meeting_mode::digitaal},
       R"({"type":"add_extra_meeting","date":"","mode":"digitaal"})"},
      {op::start_meeting{.meeting = 1, .at_ms = 1790000000123},
       R"({"type":"start_meeting","meeting":1,"at_ms":1790000000123})"},
      {op::end_meeting{.meeting = 3, .at_ms = 5},
       R"({"type":"end_meeting","meeting":3,"at_ms":5})"},
      {op::goto_agenda_item{.meeting = 1, .index = 4, .at_ms = 6},
       R"({"type":"goto_agenda_item","meeting":1,"index":4,"at_ms":6})"},
      {op::control_timer{.meeting = 1, .action = timer_action::extend, .minutes = 15, .at_ms = 7},
       R"({"type":"control_timer","meeting":1,"action":"verleng","minutes":15,"at_ms":7})"},
      {op::control_timer{.meeting = 1, .action = timer_action::pause, .minutes = 0, .at_ms = 8},
       R"({"type":"control_timer","meeting":1,"action":"pauze","minutes":0,"at_ms":8})"},
      {op::assign_role{.meeting = 1, .role = meeting_role::notulist, .person = 5},
       R"({"type":"assign_role","meeting":1,"role":"notulist","person":5})"},
      {op::set_presence{.meeting = 1, .person = 6, .present = true},
       R"({"type":"set_presence","meeting":1,"person":6,"present":true})"},
      {op::set_writer{.meeting = 3, .person = 2, .allowed = false},
       R"({"type":"set_writer","meeting":3,"person":2,"allowed":false})"},
      {op::set_rating{.document = document_id::signalering_eind, .row = 9, .value = 3},
       R"({"type":"set_rating","document":"signalering_2","row":9,"value":3})"},
      {op::edit_text{.target = {.minutes = false,
                                .meeting = 0,
                                .document = document_id::actieplan,
                                .row = 2,
                                .column = 4},
                     .edits = {{.pos = 3, .del = 2, .ins = "één"}}},
       R"({"type":"edit_text","target":{"document":"actieplan","row":2,"column":4},
           "edits":[{"pos":3,"del":2,"ins":"één"}]})"},
      {op::edit_text{.target = {.minutes = true, .meeting = 2},
                     .edits = {{.pos = 0, .del = 1, .ins = ""}, {.pos = 4, .del = 0, .ins = "‘"}}},
       R"({"type":"edit_text","target":{"minutes":true,"meeting":2},
           "edits":[{"pos":0,"del":1,"ins":""},{"pos":4,"del":0,"ins":"‘"}]})"},
      {op::add_reaction{.meeting = 1, .row = -1, .text = "Eens!", .at_ms = 9},
       R"({"type":"add_reaction","meeting":1,"row":-1,"text":"Eens!","at_ms":9})"},
      {op::highlight_reaction{.meeting = 1, .index = 2},
       R"({"type":"highlight_reaction","meeting":1,"index":2})"},
      {op::open_vote{
           .meeting = 1, .document = document_id::signalering_begin, .row = 6, .anonymous = true},
       R"({"type":"open_vote","meeting":1,"document":"signalering_1","row":6,"anonymous":true})"},
      {op::cast_vote{.meeting = 1, .value = 2}, R"({"type":"cast_vote","meeting":1,"value":2})"},
      {op::reveal_vote{.meeting = 1, .ballots = {}}, R"({"type":"reveal_vote","meeting":1})"},
      {op::reveal_vote{.meeting = 1, .ballots = {{6, 2}, {1, 3}}},
       R"({"type":"reveal_vote","meeting":1,"ballots":[[1,3],[6,2]]})"},
      {op::close_vote{.meeting = 1, .decided = 3},
       R"({"type":"close_vote","meeting":1,"decided":3})"},
      {op::add_action{.row = 2, .text = "Overleg", .owner = 4, .due = "2026-12-18"},
       R"({"type":"add_action","row":2,"text":"Overleg","owner":4,"due":"2026-12-18"})"},
      {op::update_action{.id = 3, .text = "Eén contactpersoon", .owner = 0, .due = ""},
       R"({"type":"update_action","id":3,"text":"Eén contactpersoon","owner":0,"due":""})"},
      {op::set_action_status{.id = 2, .status = action_status::klaar},
       R"({"type":"set_action_status","id":2,"status":"klaar"})"},
      {op::set_attendance{.meeting = 1, .person = 6, .value = attendance::online},
       R"({"type":"set_attendance","meeting":1,"person":6,"attendance":"online"})"},
      {op::set_meeting_details{
           .meeting = 1, .start_time = "09:00", .place = "Aula", .link = "https://x.nl/j"},
       R"({"type":"set_meeting_details","meeting":1,"start_time":"09:00","place":"Aula",
           "link":"https://x.nl/j"})"},
      {op::record_check_in{.person = 4, .going = true, .note = "Loopt", .at_ms = 3},
       R"({"type":"record_check_in","person":4,"going":true,"note":"Loopt","at_ms":3})"},
      {op::edit_text{.target = {.minutes = true, .meeting = 1, .item = 3, .decided = true},
                     .edits = {{.pos = 0, .del = 0, .ins = "Besluit"}}},
       R"({"type":"edit_text","target":{"minutes":true,"meeting":1,"item":3,"part":"besloten"},
           "edits":[{"pos":0,"del":0,"ins":"Besluit"}]})"},
      {op::edit_text{.target = {.minutes = true, .meeting = 1, .item = 0},
                     .edits = {{.pos = 0, .del = 0, .ins = "Notitie"}}},
       R"({"type":"edit_text","target":{"minutes":true,"meeting":1,"item":0},
           "edits":[{"pos":0,"del":0,"ins":"Notitie"}]})"},
      {op::edit_text{.target = {.minutes = false,
                                .meeting = 5,
                                .document = document_id::evaluatie_extra,
                                .row = 1,
                                .column = 2},
                     .edits = {{.pos = 1, .del = 1, .ins = ""}}},
       R"({"type":"edit_text","target":{"document":"evaluatie_extra","meeting":5,"row":1,
           "column":2},"edits":[{"pos":1,"del":1,"ins":""}]})"},
      {op::remove_person{.person = 4}, R"({"type":"remove_person","person":4})"},
  };
  std::set<std::size_t> kinds;
  for (const auto& [o, expected] : cases) {
    SCOPED_TRACE(expected);
    kinds.insert(o.index());
    EXPECT_EQ(encode_op(o), json::parse(expected));
    std::string error;
    const auto back = decode_op(json::parse(expected), "op", error);
    ASSERT_TRUE(back.has_value()) << error;
    EXPECT_EQ(op_json(*back), op_json(o));
  }
  EXPECT_EQ(kinds.size(), std::variant_size_v<operation>);
}

TEST(OpCodec, OptionalFieldsTakeTheirDefaults) {
  std::string error;
  auto o =
      decode_op(json::parse(R"({"type":"add_reaction","meeting":0,"text":"Hoi"})"), "op", error);
  ASSERT_TRUE(o.has_value()) << error;
  const auto& reaction = std::get<op::add_reaction>(*o);
  EXPECT_EQ(reaction.row, -1);
  EXPECT_EQ(reaction.at_ms, 0);

  o = decode_op(json::parse(R"({"type":"edit_text","target":{"document":"actieplan","row":1,
                                "column":0},"edits":[{"pos":2}]})"),
                "op", error);
  ASSERT_TRUE(o.has_value()) << error;
  const auto& edit = std::get<op::edit_text>(*o);
  ASSERT_EQ(edit.edits.size(), 1U);
  EXPECT_EQ(edit.edits[0].pos, 2U);
  EXPECT_EQ(edit.edits[0].del, 0U);
  EXPECT_EQ(edit.edits[0].ins, "");
  EXPECT_FALSE(edit.target.minutes);
}

TEST(Codec, SamplesCoverEveryMessageType) {
  EXPECT_EQ(kinds_of(samples::every_client_message()).size(), std::variant_size_v<client_message>);
  EXPECT_EQ(kinds_of(samples::every_server_message()).size(), std::variant_size_v<server_message>);
}

TEST(Codec, EveryClientMessageRoundTrips) {
  for (const auto& m : samples::every_client_message()) {
    const std::string text = encode(m);
    SCOPED_TRACE(text);
    const auto back = decode_client(text);
    if (const auto* e = std::get_if<decode_error>(&back)) FAIL() << e->code << ": " << e->message;
    EXPECT_TRUE(samples::same(std::get<client_message>(back), m));
    // And once more: encoding what was decoded gives the very same bytes.
    EXPECT_EQ(encode(std::get<client_message>(back)), text);
  }
}

TEST(Codec, EveryServerMessageRoundTrips) {
  for (const auto& m : samples::every_server_message()) {
    const std::string text = encode(m);
    SCOPED_TRACE(text.substr(0, 200));
    const auto back = decode_server(text);
    if (const auto* e = std::get_if<decode_error>(&back)) FAIL() << e->code << ": " << e->message;
    server_message expected = m;
    if (auto* s = std::get_if<snapshot>(&expected)) {
      // A snapshot is for clients: the open vote's ballots travel without their values.
      for (auto& [voter, value] : s->state.meetings[1].session.vote.ballots) value = 0;
    }
    EXPECT_TRUE(samples::same(std::get<server_message>(back), expected));
    EXPECT_EQ(encode(std::get<server_message>(back)), text);
  }
}

TEST(Codec, EnvelopeCarriesVersionAndTypeName) {
  const char* client_types[] = {"create", "join", "hello", "op", "focus", "rotate_code"};
  for (const auto& m : samples::every_client_message()) {
    const json j = json::parse(encode(m));
    EXPECT_EQ(j.at("v"), 1);
    EXPECT_EQ(j.at("type"), client_types[m.index()]);
  }
  const char* server_types[] = {"created",  "joined",   "welcome", "ack",     "reject", "ops",
                                "snapshot", "presence", "error",   "editing", "codes"};
  for (const auto& m : samples::every_server_message()) {
    const json j = json::parse(encode(m));
    EXPECT_EQ(j.at("v"), 1);
    EXPECT_EQ(j.at("type"), server_types[m.index()]);
  }
}

TEST(Codec, EachSideOnlyAcceptsTheOtherSidesMessages) {
  for (const auto& m : samples::every_server_message()) {
    const auto as_client = decode_client(encode(m));
    ASSERT_TRUE(std::holds_alternative<decode_error>(as_client));
    EXPECT_EQ(std::get<decode_error>(as_client).code, error_code::invalid);
    EXPECT_NE(std::get<decode_error>(as_client).message.find("type: unknown message type"),
              std::string::npos);
  }
  for (const auto& m : samples::every_client_message()) {
    const auto as_server = decode_server(encode(m));
    ASSERT_TRUE(std::holds_alternative<decode_error>(as_server));
    EXPECT_EQ(std::get<decode_error>(as_server).code, error_code::invalid);
  }
}

TEST(Codec, LargeNumbersSurvive) {
  // Sequence numbers are unsigned 64-bit; the largest must not turn into a float.
  const auto h = through_the_wire(hello{"t", "c", 18446744073709551615ULL});
  ASSERT_TRUE(h.has_value());
  EXPECT_EQ(h->last_seq, 18446744073709551615ULL);

  const ack a{18446744073709551615ULL, 18446744073709551614ULL};
  EXPECT_EQ(through_the_wire(a), std::optional<ack>(a));

  const auto w = through_the_wire(welcome{"trj", 4294967295U, 9});
  ASSERT_TRUE(w.has_value());
  EXPECT_EQ(w->person, 4294967295U);
}

TEST(Codec, EpochTravelsInHelloAndWelcomeAndDefaultsToNone) {
  const hello h{"t", "c", 44, 3019265443961347ULL};
  EXPECT_EQ(through_the_wire(h), std::optional<hello>(h));

  // A client that knows no epoch leaves it out; the server reads 0 ("none").
  const auto old =
      decode_client(R"({"v":1,"type":"hello","token":"t","client_id":"c","last_seq":4})");
  ASSERT_TRUE(std::holds_alternative<client_message>(old));
  EXPECT_EQ(std::get<hello>(std::get<client_message>(old)).epoch, 0U);

  const welcome w{"trj", 2, 44, (1ULL << 53) - 1};
  EXPECT_EQ(through_the_wire(w), std::optional<welcome>(w));

  const auto bad =
      decode_client(R"({"v":1,"type":"hello","token":"t","client_id":"c","epoch":-1})");
  EXPECT_TRUE(std::holds_alternative<decode_error>(bad));
}

TEST(Codec, VersionMismatchTextIsDutchAndNamesBothVersions) {
  const std::string text = version_mismatch_text(2);
  EXPECT_NE(text.find("protocolversie 1"), std::string::npos) << text;
  EXPECT_NE(text.find("versie 2"), std::string::npos) << text;
}

}  // namespace
}  // namespace jos::protocol
