#include <algorithm>
#include <string_view>

#include "shared/calendar.hpp"
#include "shared/rules.hpp"

namespace jos::shared {

std::string_view name_of(rule_code c) {
  switch (c) {
    case rule_code::invalid: return "invalid";
    case rule_code::forbidden: return "forbidden";
    case rule_code::not_found: return "not_found";
    case rule_code::conflict: return "conflict";
    case rule_code::too_long: return "too_long";
  }
  return "?";
}

namespace {

using result = std::optional<rule_error>;

result fail(rule_code code, std::string message) { return rule_error{code, std::move(message)}; }

result forbidden(std::string_view what) {
  return fail(rule_code::forbidden, "Dat mag je niet: " + std::string(what) + ".");
}

result check_text(std::string_view text, std::size_t limit, std::string_view what) {
  if (!valid_utf8(text) || !printable_text(text))
    return fail(rule_code::invalid, std::string(what) + " bevat ongeldige tekens.");
  if (code_points(text) > limit)
    return fail(rule_code::too_long,
                std::string(what) + " is te lang (maximaal " + std::to_string(limit) + " tekens).");
  return std::nullopt;
}

// Names (and a person's function) are how people tell each other apart: no characters that
// show nothing, so that no name looks like another or like none at all.
result check_visible(std::string_view text, std::string_view what) {
  if (auto e = check_text(text, max_name_length, what)) return e;
  if (has_invisible(text))
    return fail(rule_code::invalid,
                std::string(what) +
                    " bevat een onzichtbaar teken (zoals een regelscheiding of een spatie "
                    "zonder breedte); typ de naam opnieuw.");
  return std::nullopt;
}

result check_name(std::string_view text, std::string_view what) {
  if (text.empty()) return fail(rule_code::invalid, std::string(what) + " mag niet leeg zijn.");
  if (text.find('\n') != std::string_view::npos)
    return fail(rule_code::invalid, std::string(what) + " moet op één regel passen.");
  return check_visible(text, what);
}

struct validator {
  const trajectory& t;
  const actor& who;

  bool coordinator() const { return !who.system && is_coordinator(t, who.id); }
  bool member() const { return !who.system && find_person(t, who.id) != nullptr; }

  result need_coordinator(std::string_view what) const {
    return coordinator() ? std::nullopt : forbidden(std::string(what) + " (alleen de coördinator)");
  }

  result meeting_exists(int index) const {
    if (index < 0 || index >= static_cast<int>(t.meetings.size()))
      return fail(rule_code::not_found, "Deze bijeenkomst bestaat niet.");
    return std::nullopt;
  }

  result meeting_in_progress(int index) const {
    if (auto e = meeting_exists(index)) return e;
    if (t.meetings[static_cast<std::size_t>(index)].status != meeting_status::bezig)
      return fail(rule_code::conflict, "Deze bijeenkomst is niet bezig.");
    return std::nullopt;
  }

  const live_session& session(int index) const {
    return t.meetings[static_cast<std::size_t>(index)].session;
  }

  result row_exists(int row) const {
    if (row < 0 || row >= onderdeel_count)
      return fail(rule_code::not_found, "Dit onderdeel bestaat niet.");
    return std::nullopt;
  }

  result operator()(const op::set_partnership& o) const {
    if (auto e = need_coordinator("het partnerschap wijzigen")) return e;
    if (auto e = check_name(o.value.school, "De naam van de school")) return e;
    return check_name(o.value.youth_organisation, "De naam van de jongerenwerkorganisatie");
  }

  result operator()(const op::set_precondition& o) const {
    if (auto e = need_coordinator("de randvoorwaarden afvinken")) return e;
    if (o.index < 0 || o.index >= precondition_count)
      return fail(rule_code::not_found, "Deze randvoorwaarde bestaat niet.");
    return std::nullopt;
  }

  result check_person_fields(const person& p) const {
    if (auto e = check_name(p.name, "De naam")) return e;
    return check_visible(p.function, "De functie");
  }

  result operator()(const op::add_person& o) const {
    if (!who.system && !coordinator())
      return forbidden("iemand aan het team toevoegen (alleen de coördinator)");
    // Not a former member's id either: what carries that id means them.
    if (o.value.id == no_person || find_anyone(t, o.value.id) != nullptr)
      return fail(rule_code::conflict, "Deze deelnemer bestaat al.");
    if (t.team.size() >= max_team_size)
      return fail(rule_code::conflict, "Het team is vol: er kunnen geen deelnemers meer bij.");
    if (o.value.coordinator && coordinator_count(t) >= max_coordinators)
      return fail(rule_code::conflict, "Er zijn al twee coördinatoren.");
    if (o.value.coordinator && !who.system && !coordinator())
      return forbidden("een coördinator aanstellen");
    return check_person_fields(o.value);
  }

  result operator()(const op::update_person& o) const {
    if (find_person(t, o.value.id) == nullptr)
      return fail(rule_code::not_found, "Deze deelnemer bestaat niet.");
    if (!(member() && who.id == o.value.id) && !coordinator())
      return forbidden("de gegevens van een ander wijzigen");
    return check_person_fields(o.value);
  }

  result operator()(const op::set_coordinator& o) const {
    // The server itself may: its admin restores a coordinator (jos-server restore-coordinator).
    if (!who.system)
      if (auto e = need_coordinator("coördinatoren aanstellen")) return e;
    const person* p = find_person(t, o.person);
    if (p == nullptr) return fail(rule_code::not_found, "Deze deelnemer bestaat niet.");
    if (o.coordinator && !p->coordinator && coordinator_count(t) >= max_coordinators)
      return fail(rule_code::conflict, "Er kunnen hooguit twee coördinatoren zijn.");
    if (!o.coordinator && p->coordinator && coordinator_count(t) <= 1)
      return fail(rule_code::conflict, "De leerlijn heeft altijd een coördinator nodig.");
    return std::nullopt;
  }

  result check_date(std::string_view date, bool allow_empty) const {
    if (date.empty() && allow_empty) return std::nullopt;
    if (!parse_date(date))
      return fail(rule_code::invalid,
                  "Ongeldige datum: gebruik jjjj-mm-dd, bijvoorbeeld 2026-09-07.");
    return std::nullopt;
  }

  result operator()(const op::schedule_meeting& o) const {
    if (auto e = need_coordinator("bijeenkomsten plannen")) return e;
    if (auto e = meeting_exists(o.meeting)) return e;
    return check_date(o.date, true);
  }

  result operator()(const op::plan_from_start& o) const {
    if (auto e = need_coordinator("de planning maken")) return e;
    return check_date(o.start_date, false);
  }

  result operator()(const op::add_extra_meeting& o) const {
    if (auto e = need_coordinator("een extra evaluatiebijeenkomst toevoegen")) return e;
    if (static_cast<int>(t.meetings.size()) >= max_meetings)
      return fail(rule_code::conflict, "Er kunnen geen bijeenkomsten meer bij.");
    return check_date(o.date, true);
  }

  result operator()(const op::start_meeting& o) const {
    if (auto e = need_coordinator("een bijeenkomst starten")) return e;
    if (auto e = meeting_exists(o.meeting)) return e;
    if (t.active_meeting >= 0 && t.active_meeting != o.meeting)
      return fail(rule_code::conflict, "Er is al een andere bijeenkomst bezig.");
    if (t.meetings[static_cast<std::size_t>(o.meeting)].status == meeting_status::bezig)
      return fail(rule_code::conflict, "Deze bijeenkomst is al bezig.");
    return std::nullopt;
  }

  result operator()(const op::end_meeting& o) const {
    if (auto e = need_coordinator("een bijeenkomst afsluiten")) return e;
    return meeting_in_progress(o.meeting);
  }

  result operator()(const op::goto_agenda_item& o) const {
    if (auto e = need_coordinator("door de agenda gaan")) return e;
    if (auto e = meeting_in_progress(o.meeting)) return e;
    const auto& agenda = template_of(t.meetings[static_cast<std::size_t>(o.meeting)]).agenda;
    if (o.index < 0 || o.index >= static_cast<int>(agenda.size()))
      return fail(rule_code::not_found, "Dit agendapunt bestaat niet.");
    return std::nullopt;
  }

  result operator()(const op::control_timer& o) const {
    if (auto e = need_coordinator("de tijd bijhouden")) return e;
    if (auto e = meeting_in_progress(o.meeting)) return e;
    if (o.action == timer_action::extend && (o.minutes < 1 || o.minutes > max_extend_minutes))
      return fail(rule_code::invalid, "Verlengen kan met 1 tot 120 minuten.");
    if (o.action == timer_action::extend &&
        session(o.meeting).timer.extra_minutes + o.minutes > max_extra_minutes)
      return fail(rule_code::conflict, "Dit agendapunt kan niet nog verder verlengd worden.");
    return std::nullopt;
  }

  result operator()(const op::assign_role& o) const {
    if (auto e = need_coordinator("de notulist of invuller aanwijzen")) return e;
    if (auto e = meeting_exists(o.meeting)) return e;
    if (o.person != no_person && find_person(t, o.person) == nullptr)
      return fail(rule_code::not_found, "Deze deelnemer bestaat niet.");
    return std::nullopt;
  }

  result check_attendance(int meeting, person_id person) const {
    if (auto e = meeting_exists(meeting)) return e;
    if (find_person(t, person) == nullptr)
      return fail(rule_code::not_found, "Deze deelnemer bestaat niet.");
    if (!who.system && !can_mark_attendance(t, who.id, meeting, person))
      return forbidden(
          "de aanwezigheid van een ander aangeven (alleen de notulist of coördinator)");
    return std::nullopt;
  }

  result operator()(const op::set_presence& o) const {
    return check_attendance(o.meeting, o.person);
  }

  result operator()(const op::set_attendance& o) const {
    if (auto e = check_attendance(o.meeting, o.person)) return e;
    if (o.value > attendance::afgemeld) return fail(rule_code::invalid, "Onbekende aanwezigheid.");
    return std::nullopt;
  }

  result check_line(std::string_view text, std::size_t limit, std::string_view what) const {
    if (text.find('\n') != std::string_view::npos || text.find('\t') != std::string_view::npos)
      return fail(rule_code::invalid, std::string(what) + " moet op één regel passen.");
    return check_text(text, limit, what);
  }

  result operator()(const op::set_meeting_details& o) const {
    if (auto e = need_coordinator("tijd en plaats van een bijeenkomst vastleggen")) return e;
    if (auto e = meeting_exists(o.meeting)) return e;
    if (!o.start_time.empty() && !parse_time(o.start_time))
      return fail(rule_code::invalid, "Ongeldige tijd: gebruik uu:mm, bijvoorbeeld 09:00.");
    if (auto e = check_line(o.place, max_place_length, "De plaats")) return e;
    if (auto e = check_line(o.link, max_link_length, "De link")) return e;
    if (!o.link.empty() && !o.link.starts_with("https://") && !o.link.starts_with("http://"))
      return fail(rule_code::invalid, "Een link begint met https:// (of http://).");
    if (o.link.find(' ') != std::string::npos)
      return fail(rule_code::invalid, "Een link bevat geen spaties.");
    return std::nullopt;
  }

  result operator()(const op::record_check_in& o) const {
    if (auto e = need_coordinator("contact met een actiehouder vastleggen")) return e;
    if (find_person(t, o.person) == nullptr)
      return fail(rule_code::not_found, "Deze deelnemer bestaat niet.");
    if (t.check_ins.size() >= max_check_ins)
      return fail(rule_code::conflict, "Er kunnen geen contactmomenten meer bij.");
    return check_text(o.note, max_check_in_length, "De notitie");
  }

  result operator()(const op::set_writer& o) const {
    if (auto e = need_coordinator("schrijfrechten geven")) return e;
    if (auto e = meeting_exists(o.meeting)) return e;
    if (find_person(t, o.person) == nullptr)
      return fail(rule_code::not_found, "Deze deelnemer bestaat niet.");
    return std::nullopt;
  }

  result operator()(const op::set_rating& o) const {
    if (kind_of(o.document) != document_kind::signalering)
      return fail(rule_code::invalid, "Alleen het Signaleringsinstrument heeft scores.");
    if (auto e = row_exists(o.row)) return e;
    if (o.value != 0 && (o.value < rating_min || o.value > rating_max))
      return fail(rule_code::invalid, "Een score is 1, 2 of 3 (of leeg).");
    if (who.system || !can_edit_document(t, who.id, o.document))
      return forbidden("dit document invullen (alleen de invuller of coördinator)");
    return std::nullopt;
  }

  result operator()(const op::edit_text& o) const {
    const std::string* text = find_text(t, o.target);
    std::size_t limit = max_cell_length;
    if (o.target.minutes) {
      if (auto e = meeting_exists(o.target.meeting)) return e;
      if (text == nullptr) return fail(rule_code::not_found, "Dit agendapunt bestaat niet.");
      if (who.system || !can_edit_minutes(t, who.id, o.target.meeting))
        return forbidden("de notulen schrijven (alleen de notulist of coördinator)");
      limit = o.target.item < 0  ? max_minutes_length
              : o.target.decided ? max_item_decided_length
                                 : max_item_notes_length;
    } else {
      // The enum may hold any byte off the wire; find_text never indexes past the documents.
      if (find_document(t, o.target.document, o.target.meeting) == nullptr)
        return fail(rule_code::not_found, "Dit document bestaat niet.");
      if (auto e = row_exists(o.target.row)) return e;
      if (text == nullptr) return fail(rule_code::not_found, "Deze kolom bestaat niet.");
      if (who.system || !can_edit_document(t, who.id, o.target.document, o.target.meeting))
        return forbidden("dit document invullen (alleen de invuller of coördinator)");
    }
    if (o.edits.empty() || o.edits.size() > op::max_splices_per_edit)
      return fail(rule_code::invalid, "Een tekstwijziging bevat 1 tot 8 bewerkingen.");
    // Check each splice against the length the text has when it is applied.
    std::size_t length = code_points(*text);
    for (const auto& edit : o.edits) {
      if (edit.pos > length || edit.del > length - edit.pos)
        return fail(rule_code::invalid, "De wijziging valt buiten de tekst.");
      if (auto e = check_text(edit.ins, limit, "De tekst")) return e;
      length = length - edit.del + code_points(edit.ins);
      if (length > limit)
        return fail(rule_code::too_long,
                    "De tekst wordt te lang (maximaal " + std::to_string(limit) + " tekens).");
    }
    return std::nullopt;
  }

  result operator()(const op::add_reaction& o) const {
    if (!member()) return forbidden("reageren (alleen teamleden)");
    if (auto e = meeting_exists(o.meeting)) return e;
    if (o.row != -1)
      if (auto e = row_exists(o.row)) return e;
    if (o.text.empty()) return fail(rule_code::invalid, "Een lege reactie kan niet.");
    if (session(o.meeting).reactions.size() >= max_reactions)
      return fail(rule_code::conflict, "Er zijn te veel reacties bij deze bijeenkomst.");
    return check_text(o.text, max_reaction_length, "De reactie");
  }

  result operator()(const op::highlight_reaction& o) const {
    if (auto e = need_coordinator("een reactie voor iedereen tonen")) return e;
    if (auto e = meeting_exists(o.meeting)) return e;
    if (o.index < -1 || o.index >= static_cast<int>(session(o.meeting).reactions.size()))
      return fail(rule_code::not_found, "Deze reactie bestaat niet.");
    return std::nullopt;
  }

  result operator()(const op::open_vote& o) const {
    if (auto e = meeting_in_progress(o.meeting)) return e;
    if (who.system || !can_run_vote(t, who.id, o.meeting))
      return forbidden("een stemming openen (alleen de coördinator of invuller)");
    if (kind_of(o.document) != document_kind::signalering)
      return fail(rule_code::invalid,
                  "Alleen over een score van het Signaleringsinstrument kan gestemd worden.");
    if (!can_edit_document(t, who.id, o.document))
      return forbidden("over dit document laten stemmen");
    if (auto e = row_exists(o.row)) return e;
    if (session(o.meeting).vote.open) return fail(rule_code::conflict, "Er loopt al een stemming.");
    return std::nullopt;
  }

  result operator()(const op::cast_vote& o) const {
    if (!member()) return forbidden("stemmen (alleen teamleden)");
    if (auto e = meeting_in_progress(o.meeting)) return e;
    const auto& v = session(o.meeting).vote;
    if (!v.open) return fail(rule_code::conflict, "Er loopt geen stemming.");
    if (v.revealed) return fail(rule_code::conflict, "De stemmen zijn al getoond.");
    if (o.value < rating_min || o.value > rating_max)
      return fail(rule_code::invalid, "Stem 1, 2 of 3.");
    return std::nullopt;
  }

  result operator()(const op::reveal_vote& o) const {
    if (auto e = meeting_in_progress(o.meeting)) return e;
    // The server reveals on its own once everyone online has voted.
    if (!who.system && !can_run_vote(t, who.id, o.meeting))
      return forbidden("de stemmen tonen (alleen de coördinator of invuller)");
    const auto& v = session(o.meeting).vote;
    if (!v.open) return fail(rule_code::conflict, "Er loopt geen stemming.");
    if (v.revealed) return fail(rule_code::conflict, "De stemmen zijn al getoond.");
    return std::nullopt;
  }

  result check_action_fields(const std::string& text, person_id owner,
                             const std::string& due) const {
    if (text.empty()) return fail(rule_code::invalid, "Beschrijf de actie.");
    if (auto e = check_text(text, max_cell_length, "De actie")) return e;
    if (owner != no_person && find_person(t, owner) == nullptr)
      return fail(rule_code::not_found, "Deze deelnemer bestaat niet.");
    return check_date(due, true);
  }

  result operator()(const op::add_action& o) const {
    if (who.system || !can_plan_actions(t, who.id))
      return forbidden("acties toevoegen (alleen de invuller of coördinator)");
    if (auto e = row_exists(o.row)) return e;
    if (t.actions.size() >= max_actions)
      return fail(rule_code::conflict, "Er kunnen geen acties meer bij.");
    return check_action_fields(o.text, o.owner, o.due);
  }

  result action_exists(int id) const {
    if (id < 1 || id > static_cast<int>(t.actions.size()))
      return fail(rule_code::not_found, "Deze actie bestaat niet.");
    return std::nullopt;
  }

  result operator()(const op::update_action& o) const {
    if (who.system || !can_plan_actions(t, who.id))
      return forbidden("acties wijzigen (alleen de invuller of coördinator)");
    if (auto e = action_exists(o.id)) return e;
    // An owner who has left the team may stay the owner; nobody new can be one.
    const person_id owner_was = t.actions[static_cast<std::size_t>(o.id - 1)].owner;
    return check_action_fields(o.text, o.owner == owner_was ? no_person : o.owner, o.due);
  }

  result operator()(const op::set_action_status& o) const {
    if (!member()) return forbidden("de voortgang bijhouden (alleen teamleden)");
    return action_exists(o.id);
  }

  result operator()(const op::remove_person& o) const {
    if (!who.system) {
      if (auto e = need_coordinator("iemand uit het team halen")) return e;
      if (o.person == who.id)
        return forbidden("jezelf uit het team halen (een andere coördinator kan dat)");
    }
    const person* p = find_person(t, o.person);
    if (p == nullptr) return fail(rule_code::not_found, "Deze deelnemer bestaat niet.");
    if (p->coordinator && coordinator_count(t) <= 1)
      return fail(rule_code::conflict, "De leerlijn heeft altijd een coördinator nodig.");
    return std::nullopt;
  }

  result operator()(const op::close_vote& o) const {
    if (auto e = meeting_in_progress(o.meeting)) return e;
    if (who.system || !can_run_vote(t, who.id, o.meeting))
      return forbidden("een stemming afsluiten (alleen de coördinator of invuller)");
    const auto& v = session(o.meeting).vote;
    if (!v.open) return fail(rule_code::conflict, "Er loopt geen stemming.");
    if (o.decided != 0 && (o.decided < rating_min || o.decided > rating_max))
      return fail(rule_code::invalid, "Een score is 1, 2 of 3.");
    if (o.decided != 0 && !v.revealed)
      return fail(rule_code::conflict, "Toon eerst de stemmen voordat de score wordt vastgesteld.");
    if (o.decided != 0 && t.votes.size() >= max_vote_records)
      return fail(rule_code::conflict, "Er zijn te veel stemmingen bewaard.");
    return std::nullopt;
  }
};

}  // namespace

std::optional<rule_error> validate(const trajectory& t, const operation& o, const actor& who) {
  return std::visit(validator{t, who}, o);
}

}  // namespace jos::shared
