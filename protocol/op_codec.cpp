#include "protocol/op_codec.hpp"

#include <functional>
#include <map>

#include "protocol/limits.hpp"
#include "protocol/state_codec.hpp"
#include "shared/rules.hpp"

namespace jos::protocol {
namespace {

using namespace shared;

constexpr std::int64_t max_index = max_wire_index;
constexpr std::int64_t max_person = 0xFFFFFFFF;

std::string name(auto v) { return std::string(shared::name_of(v)); }

// What an agenda item's minutes hold: what was said there, or what was decided.
std::optional<bool> parse_part(std::string_view s) {
  if (s == "besproken") return false;
  if (s == "besloten") return true;
  return std::nullopt;
}

}  // namespace

json encode_target(const op::text_target& t) {
  if (t.minutes) {
    json j = {{"minutes", true}, {"meeting", t.meeting}};
    if (t.item >= 0) j["item"] = t.item;
    if (t.decided) j["part"] = "besloten";
    return j;
  }
  json j = {{"document", name(t.document)}, {"row", t.row}, {"column", t.column}};
  if (!held_by_trajectory(t.document)) j["meeting"] = t.meeting;
  return j;
}

op::text_target decode_target(json_reader& r) {
  op::text_target t;
  t.minutes = r.boolean("minutes", false);
  if (t.minutes) {
    r.only({"minutes", "meeting", "item", "part"});
    t.meeting = static_cast<int>(r.integer("meeting", 0, max_index));
    t.item = static_cast<int>(r.integer("item", 0, max_index, false, -1));
    t.decided = r.enumeration("part", parse_part, false, false);
    if (t.decided && t.item < 0) r.fail_field("part", "only with an item");
  } else {
    r.only({"minutes", "document", "row", "column", "meeting"});
    t.document = r.enumeration("document", parse_document_id, document_id::signalering_begin);
    t.row = static_cast<int>(r.integer("row", 0, max_index));
    t.column = static_cast<int>(r.integer("column", 0, max_index));
    // An extra meeting's own Evaluatielijst is found through its meeting.
    const bool through_meeting = !held_by_trajectory(t.document);
    t.meeting = static_cast<int>(r.integer("meeting", 0, max_index, through_meeting));
    if (!through_meeting && r.has("meeting")) r.fail_field("meeting", "only for evaluatie_extra");
  }
  return t;
}

namespace {

struct encoder {
  json& j;
  void operator()(const op::set_partnership& o) { j.update(encode_partnership(o.value)); }
  void operator()(const op::set_precondition& o) {
    j["index"] = o.index;
    j["met"] = o.met;
  }
  void operator()(const op::add_person& o) { j["person"] = encode_person(o.value); }
  void operator()(const op::update_person& o) { j["person"] = encode_person(o.value); }
  void operator()(const op::set_coordinator& o) {
    j["person"] = o.person;
    j["coordinator"] = o.coordinator;
  }
  void operator()(const op::schedule_meeting& o) {
    j["meeting"] = o.meeting;
    j["date"] = o.date;
    j["mode"] = name(o.mode);
  }
  void operator()(const op::plan_from_start& o) { j["start_date"] = o.start_date; }
  void operator()(const op::add_extra_meeting& o) {
    j["date"] = o.date;
    j["mode"] = name(o.mode);
  }
  void operator()(const op::start_meeting& o) {
    j["meeting"] = o.meeting;
    j["at_ms"] = o.at_ms;
  }
  void operator()(const op::end_meeting& o) {
    j["meeting"] = o.meeting;
    j["at_ms"] = o.at_ms;
  }
  void operator()(const op::goto_agenda_item& o) {
    j["meeting"] = o.meeting;
    j["index"] = o.index;
    j["at_ms"] = o.at_ms;
  }
  void operator()(const op::control_timer& o) {
    j["meeting"] = o.meeting;
    j["action"] = name(o.action);
    j["minutes"] = o.minutes;
    j["at_ms"] = o.at_ms;
  }
  void operator()(const op::assign_role& o) {
    j["meeting"] = o.meeting;
    j["role"] = name(o.role);
    j["person"] = o.person;
  }
  void operator()(const op::set_presence& o) {
    j["meeting"] = o.meeting;
    j["person"] = o.person;
    j["present"] = o.present;
  }
  void operator()(const op::set_writer& o) {
    j["meeting"] = o.meeting;
    j["person"] = o.person;
    j["allowed"] = o.allowed;
  }
  void operator()(const op::set_rating& o) {
    j["document"] = name(o.document);
    j["row"] = o.row;
    j["value"] = o.value;
  }
  void operator()(const op::edit_text& o) {
    j["target"] = encode_target(o.target);
    json edits = json::array();
    for (const auto& e : o.edits) edits.push_back({{"pos", e.pos}, {"del", e.del}, {"ins", e.ins}});
    j["edits"] = std::move(edits);
  }
  void operator()(const op::add_reaction& o) {
    j["meeting"] = o.meeting;
    j["row"] = o.row;
    j["text"] = o.text;
    j["at_ms"] = o.at_ms;
  }
  void operator()(const op::highlight_reaction& o) {
    j["meeting"] = o.meeting;
    j["index"] = o.index;
  }
  void operator()(const op::open_vote& o) {
    j["meeting"] = o.meeting;
    j["document"] = name(o.document);
    j["row"] = o.row;
    j["anonymous"] = o.anonymous;
  }
  void operator()(const op::cast_vote& o) {
    j["meeting"] = o.meeting;
    j["value"] = o.value;
  }
  void operator()(const op::reveal_vote& o) {
    j["meeting"] = o.meeting;
    if (!o.ballots.empty()) {
      json ballots = json::array();
      for (const auto& [who, value] : o.ballots) ballots.push_back({who, value});
      j["ballots"] = std::move(ballots);
    }
  }
  void operator()(const op::add_action& o) {
    j["row"] = o.row;
    j["text"] = o.text;
    j["owner"] = o.owner;
    j["due"] = o.due;
  }
  void operator()(const op::update_action& o) {
    j["id"] = o.id;
    j["text"] = o.text;
    j["owner"] = o.owner;
    j["due"] = o.due;
  }
  void operator()(const op::set_action_status& o) {
    j["id"] = o.id;
    j["status"] = name(o.status);
  }
  void operator()(const op::remove_person& o) { j["person"] = o.person; }
  void operator()(const op::close_vote& o) {
    j["meeting"] = o.meeting;
    j["decided"] = o.decided;
  }
  void operator()(const op::set_attendance& o) {
    j["meeting"] = o.meeting;
    j["person"] = o.person;
    j["attendance"] = name(o.value);
  }
  void operator()(const op::set_meeting_details& o) {
    j["meeting"] = o.meeting;
    j["start_time"] = o.start_time;
    j["place"] = o.place;
    j["link"] = o.link;
  }
  void operator()(const op::record_check_in& o) {
    j["person"] = o.person;
    j["going"] = o.going;
    j["note"] = o.note;
    j["at_ms"] = o.at_ms;
  }
};

int meeting_of(json_reader& r) { return static_cast<int>(r.integer("meeting", 0, max_index)); }
std::int64_t time_of(json_reader& r) { return r.integer("at_ms", 0, max_time_ms, false); }
person_id person_of(json_reader& r, const char* key = "person") {
  return static_cast<person_id>(r.integer(key, 0, max_person));
}
document_id document_of(json_reader& r) {
  return r.enumeration("document", parse_document_id, document_id::signalering_begin);
}

using decode_fn = std::function<operation(json_reader&)>;

const std::map<std::string, decode_fn, std::less<>>& decoders() {
  static const std::map<std::string, decode_fn, std::less<>> table = {
      {"set_partnership",
       [](json_reader& r) -> operation {
         r.only({"type", "school", "youth_organisation", "cooperation"});
         return op::set_partnership{decode_partnership(r)};
       }},
      {"set_precondition",
       [](json_reader& r) -> operation {
         r.only({"type", "index", "met"});
         return op::set_precondition{static_cast<int>(r.integer("index", 0, max_index)),
                                     r.boolean("met")};
       }},
      {"add_person",
       [](json_reader& r) -> operation {
         r.only({"type", "person"});
         const json* p = r.object("person");
         if (p == nullptr) return op::add_person{};
         json_reader pr(*p, r.child_path("person"), r.error());
         return op::add_person{decode_person(pr)};
       }},
      {"update_person",
       [](json_reader& r) -> operation {
         r.only({"type", "person"});
         const json* p = r.object("person");
         if (p == nullptr) return op::update_person{};
         json_reader pr(*p, r.child_path("person"), r.error());
         return op::update_person{decode_person(pr)};
       }},
      {"set_coordinator",
       [](json_reader& r) -> operation {
         r.only({"type", "person", "coordinator"});
         return op::set_coordinator{person_of(r), r.boolean("coordinator")};
       }},
      {"schedule_meeting",
       [](json_reader& r) -> operation {
         r.only({"type", "meeting", "date", "mode"});
         return op::schedule_meeting{
             meeting_of(r), r.string("date", 16),
             r.enumeration("mode", parse_meeting_mode, meeting_mode::fysiek)};
       }},
      {"plan_from_start",
       [](json_reader& r) -> operation {
         r.only({"type", "start_date"});
         return op::plan_from_start{r.string("start_date", 16)};
       }},
      {"add_extra_meeting",
       [](json_reader& r) -> operation {
         r.only({"type", "date", "mode"});
         return op::add_extra_meeting{
             r.string("date", 16), r.enumeration("mode", parse_meeting_mode, meeting_mode::fysiek)};
       }},
      {"start_meeting",
       [](json_reader& r) -> operation {
         r.only({"type", "meeting", "at_ms"});
         return op::start_meeting{meeting_of(r), time_of(r)};
       }},
      {"end_meeting",
       [](json_reader& r) -> operation {
         r.only({"type", "meeting", "at_ms"});
         return op::end_meeting{meeting_of(r), time_of(r)};
       }},
      {"goto_agenda_item",
       [](json_reader& r) -> operation {
         r.only({"type", "meeting", "index", "at_ms"});
         const int meeting = meeting_of(r);
         const int index = static_cast<int>(r.integer("index", 0, max_index));
         return op::goto_agenda_item{meeting, index, time_of(r)};
       }},
      {"control_timer",
       [](json_reader& r) -> operation {
         r.only({"type", "meeting", "action", "minutes", "at_ms"});
         const int meeting = meeting_of(r);
         const auto action = r.enumeration("action", parse_timer_action, timer_action::start);
         const int minutes = static_cast<int>(r.integer("minutes", 0, 1000, false));
         return op::control_timer{meeting, action, minutes, time_of(r)};
       }},
      {"assign_role",
       [](json_reader& r) -> operation {
         r.only({"type", "meeting", "role", "person"});
         const int meeting = meeting_of(r);
         const auto role = r.enumeration("role", parse_meeting_role, meeting_role::invuller);
         return op::assign_role{meeting, role, person_of(r)};
       }},
      {"set_presence",
       [](json_reader& r) -> operation {
         r.only({"type", "meeting", "person", "present"});
         const int meeting = meeting_of(r);
         const person_id who = person_of(r);
         return op::set_presence{meeting, who, r.boolean("present")};
       }},
      {"set_writer",
       [](json_reader& r) -> operation {
         r.only({"type", "meeting", "person", "allowed"});
         const int meeting = meeting_of(r);
         const person_id who = person_of(r);
         return op::set_writer{meeting, who, r.boolean("allowed")};
       }},
      {"set_rating",
       [](json_reader& r) -> operation {
         r.only({"type", "document", "row", "value"});
         const auto doc = document_of(r);
         const int row = static_cast<int>(r.integer("row", 0, max_index));
         return op::set_rating{doc, row, static_cast<int>(r.integer("value", 0, 3))};
       }},
      {"edit_text",
       [](json_reader& r) -> operation {
         r.only({"type", "target", "edits"});
         op::edit_text e;
         if (const json* t = r.object("target")) {
           json_reader tr(*t, r.child_path("target"), r.error());
           e.target = decode_target(tr);
         }
         if (const json* a = r.array("edits", op::max_splices_per_edit)) {
           if (a->empty()) r.fail_field("edits", "no splices; an edit carries 1 to 8");
           for (std::size_t i = 0; i < a->size(); ++i) {
             json_reader er((*a)[i], r.item_path("edits", i), r.error());
             er.only({"pos", "del", "ins"});
             splice sp;
             sp.pos = static_cast<std::size_t>(er.integer("pos", 0, max_message_bytes));
             sp.del = static_cast<std::size_t>(er.integer("del", 0, max_message_bytes, false));
             sp.ins = er.string("ins", max_message_bytes, false);
             if (!er.ok()) break;
             e.edits.push_back(std::move(sp));
           }
         }
         return e;
       }},
      {"add_reaction",
       [](json_reader& r) -> operation {
         r.only({"type", "meeting", "row", "text", "at_ms"});
         const int meeting = meeting_of(r);
         const int row = static_cast<int>(r.integer("row", -1, max_index, false, -1));
         std::string text = r.string("text", max_message_bytes);
         return op::add_reaction{meeting, row, std::move(text), time_of(r)};
       }},
      {"highlight_reaction",
       [](json_reader& r) -> operation {
         r.only({"type", "meeting", "index"});
         const int meeting = meeting_of(r);
         return op::highlight_reaction{meeting,
                                       static_cast<int>(r.integer("index", -1, 1'000'000))};
       }},
      {"open_vote",
       [](json_reader& r) -> operation {
         r.only({"type", "meeting", "document", "row", "anonymous"});
         const int meeting = meeting_of(r);
         const auto doc = document_of(r);
         const int row = static_cast<int>(r.integer("row", 0, max_index));
         return op::open_vote{meeting, doc, row, r.boolean("anonymous", false)};
       }},
      {"cast_vote",
       [](json_reader& r) -> operation {
         r.only({"type", "meeting", "value"});
         const int meeting = meeting_of(r);
         return op::cast_vote{meeting, static_cast<int>(r.integer("value", 0, 3))};
       }},
      {"reveal_vote",
       [](json_reader& r) -> operation {
         r.only({"type", "meeting", "ballots"});
         op::reveal_vote o{meeting_of(r), {}};
         if (const json* a = r.array("ballots", 10'000, false)) {
           for (const auto& pair : *a) {
             if (!pair.is_array() || pair.size() != 2 || !pair[0].is_number_unsigned() ||
                 pair[0].get<std::uint64_t>() > 0xFFFFFFFFU || !pair[1].is_number_unsigned() ||
                 pair[1].get<std::uint64_t>() > 3) {
               r.fail("ballots: expected [person, 0..3] pairs");
               break;
             }
             o.ballots[pair[0].get<person_id>()] = pair[1].get<int>();
           }
         }
         return o;
       }},
      {"add_action",
       [](json_reader& r) -> operation {
         r.only({"type", "row", "text", "owner", "due"});
         const int row = static_cast<int>(r.integer("row", 0, max_index));
         std::string text = r.string("text", max_message_bytes);
         const person_id owner = static_cast<person_id>(r.integer("owner", 0, max_person, false));
         return op::add_action{row, std::move(text), owner, r.string("due", 16, false)};
       }},
      {"update_action",
       [](json_reader& r) -> operation {
         r.only({"type", "id", "text", "owner", "due"});
         const int id = static_cast<int>(r.integer("id", 1, 1'000'000));
         std::string text = r.string("text", max_message_bytes);
         const person_id owner = static_cast<person_id>(r.integer("owner", 0, max_person, false));
         return op::update_action{id, std::move(text), owner, r.string("due", 16, false)};
       }},
      {"set_action_status",
       [](json_reader& r) -> operation {
         r.only({"type", "id", "status"});
         const int id = static_cast<int>(r.integer("id", 1, 1'000'000));
         return op::set_action_status{
             id, r.enumeration("status", parse_action_status, action_status::open)};
       }},
      {"close_vote",
       [](json_reader& r) -> operation {
         r.only({"type", "meeting", "decided"});
         const int meeting = meeting_of(r);
         return op::close_vote{meeting, static_cast<int>(r.integer("decided", 0, 3, false))};
       }},
      {"set_attendance",
       [](json_reader& r) -> operation {
         r.only({"type", "meeting", "person", "attendance"});
         const int meeting = meeting_of(r);
         const person_id who = person_of(r);
         return op::set_attendance{
             meeting, who, r.enumeration("attendance", parse_attendance, attendance::aanwezig)};
       }},
      {"set_meeting_details",
       [](json_reader& r) -> operation {
         r.only({"type", "meeting", "start_time", "place", "link"});
         const int meeting = meeting_of(r);
         std::string time = r.string("start_time", 16, false);
         std::string place = r.string("place", 4 * max_place_length, false);
         return op::set_meeting_details{meeting, std::move(time), std::move(place),
                                        r.string("link", 4 * max_link_length, false)};
       }},
      {"record_check_in",
       [](json_reader& r) -> operation {
         r.only({"type", "person", "going", "note", "at_ms"});
         const person_id who = person_of(r);
         const bool going = r.boolean("going");
         std::string note = r.string("note", 4 * max_check_in_length, false);
         return op::record_check_in{who, going, std::move(note), time_of(r)};
       }},
      {"remove_person",
       [](json_reader& r) -> operation {
         r.only({"type", "person"});
         return op::remove_person{person_of(r)};
       }},
  };
  return table;
}

}  // namespace

json encode_op(const shared::operation& o) {
  json j = json::object();
  j["type"] = std::string(shared::op_name(o));
  std::visit(encoder{j}, o);
  return j;
}

std::optional<shared::operation> decode_op(const json& j, const std::string& path,
                                           std::string& error) {
  json_reader r(j, path, error);
  const std::string type = r.string("type", 64);
  if (!r.ok()) return std::nullopt;
  const auto& table = decoders();
  auto it = table.find(type);
  if (it == table.end()) {
    r.fail("unknown operation type \"" + type + "\"");
    return std::nullopt;
  }
  operation o = it->second(r);
  if (!r.ok()) return std::nullopt;
  return o;
}

}  // namespace jos::protocol
