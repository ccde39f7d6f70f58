#include "protocol/state_codec.hpp"

#include <algorithm>
#include <cstdio>

#include "protocol/limits.hpp"
#include "shared/rules.hpp"

namespace jos::protocol {
namespace {

using namespace shared;

constexpr std::size_t max_text_bytes = 4 * max_minutes_length;
constexpr std::int64_t max_time = max_time_ms;

std::string name(auto v) { return std::string(shared::name_of(v)); }

json encode_ids(const std::vector<person_id>& ids) { return json(ids); }

std::vector<person_id> decode_ids(json_reader& r, const char* key) {
  std::vector<person_id> out;
  const json* a = r.array(key, 10'000);
  if (a == nullptr) return out;
  for (const auto& v : *a) {
    if (!v.is_number_unsigned() || v.get<std::uint64_t>() > 0xFFFFFFFFU) {
      r.fail(std::string(key) + ": expected person ids");
      return {};
    }
    out.push_back(v.get<person_id>());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

json encode_ballots(const std::map<person_id, int>& ballots) {
  json a = json::array();
  for (const auto& [who, value] : ballots) a.push_back({who, value});
  return a;
}

std::map<person_id, int> decode_ballots(json_reader& r, const char* key) {
  std::map<person_id, int> out;
  const json* a = r.array(key, 10'000, false);
  if (a == nullptr) return out;
  for (const auto& pair : *a) {
    // Range checks before any narrowing get<>: a huge number must not wrap into range.
    if (!pair.is_array() || pair.size() != 2 || !pair[0].is_number_unsigned() ||
        pair[0].get<std::uint64_t>() > 0xFFFFFFFFU || !pair[1].is_number_integer() ||
        pair[1].get<std::int64_t>() < 0 || pair[1].get<std::int64_t>() > 3) {
      r.fail(std::string(key) + ": expected [person, 0..3] pairs");
      return {};
    }
    out[pair[0].get<person_id>()] = pair[1].get<int>();
  }
  return out;
}

json encode_items(const std::vector<agenda_record>& items) {
  json out = json::array();
  for (const auto& r : items)
    out.push_back({{"notes", r.notes},
                   {"decided", r.decided},
                   {"used_ms", r.used_ms},
                   {"extra_minutes", r.extra_minutes},
                   {"votes", r.votes},
                   {"actions", r.actions},
                   {"next_date", r.next_date},
                   {"visited", r.visited}});
  return out;
}

std::vector<int> decode_indexes(json_reader& r, const char* key, std::int64_t max) {
  std::vector<int> out;
  const json* a = r.array(key, 10'000, false);
  if (a == nullptr) return out;
  for (const auto& v : *a) {
    if (!v.is_number_integer() || v.get<std::int64_t>() < 0 || v.get<std::int64_t>() > max) {
      r.fail_field(key, "expected numbers from 0 to " + std::to_string(max));
      return {};
    }
    out.push_back(v.get<int>());
  }
  return out;
}

// Older states have no records per agenda item; every meeting gets one per item.
std::vector<agenda_record> decode_items(json_reader& r, int agenda_size) {
  std::vector<agenda_record> items(static_cast<std::size_t>(std::max(0, agenda_size)));
  const json* a = r.array("items", items.size(), false);
  if (a == nullptr) return items;
  for (std::size_t i = 0; i < a->size(); ++i) {
    json_reader ir((*a)[i], r.item_path("items", i), r.error());
    ir.only({"notes", "decided", "used_ms", "extra_minutes", "votes", "actions", "next_date",
             "visited"});
    agenda_record& x = items[i];
    x.notes = ir.string("notes", 4 * max_item_notes_length, false);
    x.decided = ir.string("decided", 4 * max_item_decided_length, false);
    x.used_ms = ir.integer("used_ms", 0, max_time, false);
    x.extra_minutes = static_cast<int>(ir.integer("extra_minutes", 0, 100'000, false));
    x.votes = decode_indexes(ir, "votes", 100'000);
    x.actions = decode_indexes(ir, "actions", static_cast<std::int64_t>(max_actions));
    x.next_date = ir.string("next_date", 16, false);
    x.visited = ir.boolean("visited", false);
    if (!ir.ok()) break;
  }
  return items;
}

json encode_session(const live_session& s, bool hide_ballots) {
  json reactions = json::array();
  for (const auto& r : s.reactions)
    reactions.push_back(
        {{"author", r.author}, {"at_ms", r.at_ms}, {"row", r.row}, {"text", r.text}});
  std::map<person_id, int> ballots = s.vote.ballots;
  if (hide_ballots && !s.vote.revealed)
    for (auto& [who, value] : ballots) value = 0;  // who voted, not what
  return {
      {"present", encode_ids(s.present)},
      {"online", encode_ids(s.online)},
      {"excused", encode_ids(s.excused)},
      {"notulist", s.notulist},
      {"invuller", s.invuller},
      {"writers", encode_ids(s.writers)},
      {"agenda_index", s.agenda_index},
      {"timer",
       {{"running", s.timer.running},
        {"started_at_ms", s.timer.started_at_ms},
        {"elapsed_ms", s.timer.elapsed_ms},
        {"extra_minutes", s.timer.extra_minutes}}},
      {"started_at_ms", s.started_at_ms},
      {"minutes", s.minutes},
      {"items", encode_items(s.items)},
      {"reactions", reactions},
      {"highlighted_reaction", s.highlighted_reaction},
      {"vote",
       {{"open", s.vote.open},
        {"document", name(s.vote.document)},
        {"row", s.vote.row},
        {"anonymous", s.vote.anonymous},
        {"revealed", s.vote.revealed},
        {"ballots", encode_ballots(ballots)}}},
  };
}

live_session decode_session(json_reader& r, int agenda_size) {
  live_session s;
  r.only({"present", "online", "excused", "notulist", "invuller", "writers", "agenda_index",
          "timer", "started_at_ms", "minutes", "items", "reactions", "highlighted_reaction",
          "vote"});
  s.present = decode_ids(r, "present");
  // Who came online and who sent notice: absent from older states.
  if (r.has("online")) s.online = decode_ids(r, "online");
  if (r.has("excused")) s.excused = decode_ids(r, "excused");
  for (person_id id : s.online)
    if (!std::binary_search(s.present.begin(), s.present.end(), id))
      r.fail_field("online", "someone online who is not present");
  for (person_id id : s.excused)
    if (std::binary_search(s.present.begin(), s.present.end(), id))
      r.fail_field("excused", "someone present who sent notice");
  s.notulist = static_cast<person_id>(r.integer("notulist", 0, 0xFFFFFFFF));
  s.invuller = static_cast<person_id>(r.integer("invuller", 0, 0xFFFFFFFF));
  s.writers = decode_ids(r, "writers");
  s.agenda_index = static_cast<int>(r.integer("agenda_index", 0, std::max(0, agenda_size - 1)));
  if (const json* t = r.object("timer")) {
    json_reader tr(*t, r.child_path("timer"), r.error());
    tr.only({"running", "started_at_ms", "elapsed_ms", "extra_minutes"});
    s.timer.running = tr.boolean("running");
    s.timer.started_at_ms = tr.integer("started_at_ms", 0, max_time);
    s.timer.elapsed_ms = tr.integer("elapsed_ms", 0, max_time);
    s.timer.extra_minutes = static_cast<int>(tr.integer("extra_minutes", 0, 100'000));
  }
  s.started_at_ms = r.integer("started_at_ms", 0, max_time);
  s.minutes = r.string("minutes", max_text_bytes);
  s.items = decode_items(r, agenda_size);
  if (const json* a = r.array("reactions", max_reactions)) {
    for (std::size_t i = 0; i < a->size(); ++i) {
      json_reader rr((*a)[i], r.item_path("reactions", i), r.error());
      rr.only({"author", "at_ms", "row", "text"});
      reaction x;
      x.author = static_cast<person_id>(rr.integer("author", 0, 0xFFFFFFFF));
      x.at_ms = rr.integer("at_ms", 0, max_time);
      x.row = static_cast<int>(rr.integer("row", -1, onderdeel_count - 1));
      x.text = rr.string("text", 4 * max_reaction_length);
      if (!rr.ok()) break;
      s.reactions.push_back(std::move(x));
    }
  }
  s.highlighted_reaction = static_cast<int>(
      r.integer("highlighted_reaction", -1, static_cast<std::int64_t>(s.reactions.size()) - 1));
  if (const json* v = r.object("vote")) {
    json_reader vr(*v, r.child_path("vote"), r.error());
    vr.only({"open", "document", "row", "anonymous", "revealed", "ballots"});
    s.vote.open = vr.boolean("open");
    s.vote.document = vr.enumeration("document", parse_document_id, document_id::signalering_begin);
    s.vote.row = static_cast<int>(vr.integer("row", 0, onderdeel_count - 1));
    s.vote.anonymous = vr.boolean("anonymous");
    s.vote.revealed = vr.boolean("revealed");
    s.vote.ballots = decode_ballots(vr, "ballots");
  }
  return s;
}

json encode_document(const document& d) {
  json rows = json::array();
  for (const auto& row : d.rows) rows.push_back({{"rating", row.rating}, {"cells", row.cells}});
  return {{"id", name(d.id)}, {"rows", rows}};
}

// Reads a document into `doc`, which already has the id and the cells it should have.
void decode_document(json_reader& dr, document& doc) {
  dr.only({"id", "rows"});
  auto id = dr.enumeration("id", parse_document_id, document_id::signalering_begin);
  if (dr.ok() && id != doc.id) dr.fail_field("id", "expected " + name(doc.id));
  const json* rows = dr.array("rows", onderdeel_count);
  if (rows == nullptr || rows->size() != onderdeel_count) {
    dr.fail("rows: expected 10 rows");
    return;
  }
  for (std::size_t i = 0; dr.ok() && i < onderdeel_count; ++i) {
    json_reader rr((*rows)[i], dr.item_path("rows", i), dr.error());
    rr.only({"rating", "cells"});
    doc.rows[i].rating = static_cast<int>(rr.integer("rating", 0, rating_max));
    const json* cells = rr.array("cells", 16);
    if (cells == nullptr || cells->size() != doc.rows[i].cells.size()) {
      rr.fail("cells: wrong number of cells");
      return;
    }
    for (std::size_t c = 0; c < cells->size(); ++c) {
      if (!(*cells)[c].is_string()) {
        rr.fail("cells: expected strings");
        return;
      }
      doc.rows[i].cells[c] = (*cells)[c].get<std::string>();
    }
  }
}

}  // namespace

json encode_person(const person& p) {
  return {{"id", p.id},
          {"name", p.name},
          {"organisation", name(p.org)},
          {"function", p.function},
          {"level", name(p.level)},
          {"coordinator", p.coordinator}};
}

person decode_person(json_reader& r) {
  r.only({"id", "name", "organisation", "function", "level", "coordinator"});
  person p;
  p.id = static_cast<person_id>(r.integer("id", 0, 0xFFFFFFFF, false));
  p.name = r.string("name", 4 * max_name_length);
  p.org = r.enumeration("organisation", parse_organisation, organisation::school);
  p.function = r.string("function", 4 * max_name_length, false);
  p.level = r.enumeration("level", parse_staff_level, staff_level::uitvoerder, false);
  p.coordinator = r.boolean("coordinator", false);
  return p;
}

json encode_partnership(const partnership& p) {
  return {{"school", p.school},
          {"youth_organisation", p.youth_organisation},
          {"cooperation", name(p.kind)}};
}

partnership decode_partnership(json_reader& r) {
  partnership p;
  p.school = r.string("school", 4 * max_name_length);
  p.youth_organisation = r.string("youth_organisation", 4 * max_name_length);
  p.kind = r.enumeration("cooperation", parse_cooperation, cooperation::existing);
  return p;
}

json encode_state(const trajectory& t, bool hide_ballots) {
  json team = json::array();
  for (const auto& p : t.team) team.push_back(encode_person(p));
  json meetings = json::array();
  for (const auto& m : t.meetings) {
    json mj = {{"template", m.template_index},
               {"planned_date", m.planned_date},
               {"mode", name(m.mode)},
               {"status", name(m.status)},
               {"start_time", m.start_time},
               {"place", m.place},
               {"link", m.link},
               {"session", encode_session(m.session, hide_ballots)}};
    if (m.extra_document) mj["document"] = encode_document(*m.extra_document);
    meetings.push_back(std::move(mj));
  }
  json check_ins = json::array();
  for (const auto& c : t.check_ins)
    check_ins.push_back(
        {{"person", c.person}, {"at_ms", c.at_ms}, {"going", c.going}, {"note", c.note}});
  json documents = json::array();
  for (const auto& d : t.documents) documents.push_back(encode_document(d));
  json votes = json::array();
  for (const auto& v : t.votes)
    votes.push_back({{"document", name(v.document)},
                     {"row", v.row},
                     {"distribution", v.distribution},
                     {"ballots", encode_ballots(v.ballots)},
                     {"decided", v.decided}});
  json actions = json::array();
  for (const auto& a : t.actions)
    actions.push_back({{"id", a.id},
                       {"row", a.row},
                       {"text", a.text},
                       {"owner", a.owner},
                       {"due", a.due},
                       {"status", name(a.status)}});
  json preconditions = json::array();
  for (bool met : t.preconditions) preconditions.push_back(met);
  json state = {{"id", t.id},
                {"partnership", encode_partnership(t.partners)},
                {"preconditions", preconditions},
                {"team", team},
                {"meetings", meetings},
                {"documents", documents},
                {"votes", votes},
                {"actions", actions},
                {"check_ins", check_ins},
                {"active_meeting", t.active_meeting},
                {"next_person_id", t.next_person_id}};
  // Only when there are any: a trajectory nobody was removed from reads as before.
  if (!t.former.empty()) {
    json former = json::array();
    for (const auto& p : t.former) former.push_back(encode_person(p));
    state["former"] = std::move(former);
  }
  return state;
}

std::optional<trajectory> decode_state(const json& j, std::string& error) {
  json_reader r(j, "state", error);
  r.only({"id", "partnership", "preconditions", "team", "former", "meetings", "documents", "votes",
          "actions", "check_ins", "active_meeting", "next_person_id"});
  trajectory t = make_trajectory(r.string("id", 128), {});
  if (const json* p = r.object("partnership")) {
    json_reader pr(*p, r.child_path("partnership"), error);
    pr.only({"school", "youth_organisation", "cooperation"});
    t.partners = decode_partnership(pr);
  }
  if (const json* a = r.array("preconditions", precondition_count)) {
    if (a->size() != precondition_count) r.fail("preconditions: expected 3 booleans");
    for (std::size_t i = 0; r.ok() && i < a->size(); ++i) {
      if (!(*a)[i].is_boolean())
        r.fail("preconditions: expected booleans");
      else
        t.preconditions[i] = (*a)[i].get<bool>();
    }
  }
  if (const json* a = r.array("team", 10'000)) {
    for (std::size_t i = 0; i < a->size(); ++i) {
      json_reader pr((*a)[i], r.item_path("team", i), error);
      person p = decode_person(pr);
      if (!r.ok()) break;
      if (p.id == no_person || find_person(t, p.id) != nullptr) {
        pr.fail("duplicate or missing person id");
        break;
      }
      t.team.push_back(std::move(p));
    }
  }
  if (const json* a = r.array("former", 10'000, false)) {
    for (std::size_t i = 0; i < a->size(); ++i) {
      json_reader pr((*a)[i], r.item_path("former", i), error);
      person p = decode_person(pr);
      if (!r.ok()) break;
      if (p.id == no_person || find_anyone(t, p.id) != nullptr || p.coordinator) {
        pr.fail("duplicate or missing person id, or a coordinator");
        break;
      }
      t.former.push_back(std::move(p));
    }
  }
  if (const json* a = r.array("meetings", max_meetings)) {
    t.meetings.clear();
    for (std::size_t i = 0; i < a->size(); ++i) {
      json_reader mr((*a)[i], r.item_path("meetings", i), error);
      mr.only({"template", "planned_date", "mode", "status", "start_time", "place", "link",
               "session", "document"});
      meeting m = make_meeting(static_cast<int>(mr.integer("template", 0, seed_meeting_count)));
      m.planned_date = mr.string("planned_date", 16);
      m.mode = mr.enumeration("mode", parse_meeting_mode, meeting_mode::fysiek);
      m.status = mr.enumeration("status", parse_meeting_status, meeting_status::gepland);
      // Time, place and link are newer than the first states.
      m.start_time = mr.string("start_time", 16, false);
      m.place = mr.string("place", 4 * max_place_length, false);
      m.link = mr.string("link", 4 * max_link_length, false);
      if (const json* s = mr.object("session")) {
        json_reader sr(*s, mr.child_path("session"), error);
        m.session = decode_session(sr, static_cast<int>(template_of(m).agenda.size()));
      }
      // An extra meeting's own Evaluatielijst: older states had none (it starts empty).
      if (const json* d = mr.object("document", false)) {
        if (!m.extra_document) {
          mr.fail_field("document", "only an extra meeting holds a document");
        } else {
          json_reader dr(*d, mr.child_path("document"), error);
          decode_document(dr, *m.extra_document);
        }
      }
      if (!r.ok()) break;
      t.meetings.push_back(std::move(m));
    }
  }
  // Five documents in older states (before the team's conclusions), six now.
  if (const json* a = r.array("documents", document_count)) {
    if (a->size() != document_count && a->size() != document_count - 1)
      r.fail("documents: expected " + std::to_string(document_count) + " documents");
    for (std::size_t d = 0; r.ok() && d < a->size(); ++d) {
      json_reader dr((*a)[d], r.item_path("documents", d), error);
      decode_document(dr, t.documents[d]);
    }
  }
  if (const json* a = r.array("votes", 100'000)) {
    for (std::size_t i = 0; i < a->size(); ++i) {
      json_reader vr((*a)[i], r.item_path("votes", i), error);
      vr.only({"document", "row", "distribution", "ballots", "decided"});
      vote_record v;
      v.document = vr.enumeration("document", parse_document_id, document_id::signalering_begin);
      v.row = static_cast<int>(vr.integer("row", 0, onderdeel_count - 1));
      if (const json* d = vr.array("distribution", 3)) {
        for (std::size_t k = 0; k < d->size() && k < 3; ++k) {
          // Signed or unsigned: a count built in memory is signed, one parsed from text not.
          const json& count = (*d)[k];
          if (!count.is_number_integer() || count.get<std::int64_t>() < 0 ||
              count.get<std::int64_t>() > 100'000)
            vr.fail("distribution: expected counts");
          else
            v.distribution[k] = count.get<int>();
        }
      }
      v.ballots = decode_ballots(vr, "ballots");
      v.decided = static_cast<int>(vr.integer("decided", rating_min, rating_max));
      if (!r.ok()) break;
      t.votes.push_back(std::move(v));
    }
  }
  if (const json* a = r.array("actions", max_actions, false)) {
    for (std::size_t i = 0; i < a->size(); ++i) {
      json_reader ar((*a)[i], r.item_path("actions", i), error);
      ar.only({"id", "row", "text", "owner", "due", "status"});
      action_item x;
      x.id = static_cast<int>(ar.integer("id", 1, static_cast<std::int64_t>(max_actions)));
      x.row = static_cast<int>(ar.integer("row", 0, onderdeel_count - 1));
      x.text = ar.string("text", 4 * max_cell_length);
      x.owner = static_cast<person_id>(ar.integer("owner", 0, 0xFFFFFFFF));
      x.due = ar.string("due", 16);
      x.status = ar.enumeration("status", parse_action_status, action_status::open);
      if (!r.ok()) break;
      if (x.id != static_cast<int>(t.actions.size()) + 1) {
        ar.fail("ids must count up from 1");
        break;
      }
      t.actions.push_back(std::move(x));
    }
  }
  if (const json* a = r.array("check_ins", max_check_ins, false)) {
    for (std::size_t i = 0; i < a->size(); ++i) {
      json_reader cr((*a)[i], r.item_path("check_ins", i), error);
      cr.only({"person", "at_ms", "going", "note"});
      check_in c;
      c.person = static_cast<person_id>(cr.integer("person", 1, 0xFFFFFFFF));
      c.at_ms = cr.integer("at_ms", 0, max_time);
      c.going = cr.boolean("going");
      c.note = cr.string("note", 4 * max_check_in_length);
      if (!r.ok()) break;
      t.check_ins.push_back(std::move(c));
    }
  }
  // What the agenda records point at must exist.
  for (std::size_t m = 0; r.ok() && m < t.meetings.size(); ++m)
    for (const auto& item : t.meetings[m].session.items) {
      for (int v : item.votes)
        if (v >= static_cast<int>(t.votes.size()))
          r.fail("meetings: a record names a vote that is not there");
      for (int id : item.actions)
        if (id < 1 || id > static_cast<int>(t.actions.size()))
          r.fail("meetings: a record names an action that is not there");
    }
  t.active_meeting = static_cast<int>(
      r.integer("active_meeting", -1, static_cast<std::int64_t>(t.meetings.size()) - 1));
  t.next_person_id = static_cast<person_id>(r.integer("next_person_id", 1, 0xFFFFFFFF));
  if (!r.ok()) return std::nullopt;
  return t;
}

std::string fnv1a_hex(std::string_view bytes) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string state_hash(const trajectory& t) { return fnv1a_hex(encode_state(t, false).dump()); }

}  // namespace jos::protocol
