#pragma once
// The state of one trajectory (leerlijn): the partnership, the team, the meetings with
// their live sessions, and the documents the team fills in. Plain data; the rules that
// change it live in rules.hpp.

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "shared/content.hpp"
#include "shared/ids.hpp"

namespace jos::shared {

inline constexpr int precondition_count = 3;
inline constexpr int max_coordinators = 2;
inline constexpr int seed_meeting_count = 4;

struct partnership {
  std::string school;
  std::string youth_organisation;
  cooperation kind = cooperation::existing;
  bool operator==(const partnership&) const = default;
};

struct person {
  person_id id = no_person;
  std::string name;
  organisation org = organisation::school;
  std::string function;  // docent, mentor, jongerenwerker, ...
  staff_level level = staff_level::uitvoerder;
  bool coordinator = false;
  bool operator==(const person&) const = default;
};

// One row of a document: the rating (Signaleringsinstrument only; 0 = not rated) and the
// free-text cells in the order of the document's columns.
struct document_row {
  int rating = 0;
  std::vector<std::string> cells;
  bool operator==(const document_row&) const = default;
};

struct document {
  document_id id = document_id::signalering_begin;
  std::array<document_row, onderdeel_count> rows;
  bool operator==(const document&) const = default;
};

// Time is kept as server milliseconds; the server stamps ops that need a clock.
struct agenda_timer {
  bool running = false;
  std::int64_t started_at_ms = 0;  // when the current run began (if running)
  std::int64_t elapsed_ms = 0;     // time accumulated before the current run
  int extra_minutes = 0;           // the coordinator extended this item
  std::int64_t elapsed_at(std::int64_t now_ms) const {
    return elapsed_ms + (running && now_ms > started_at_ms ? now_ms - started_at_ms : 0);
  }
  bool operator==(const agenda_timer&) const = default;
};

struct reaction {
  person_id author = no_person;
  std::int64_t at_ms = 0;
  int row = -1;  // -1: the meeting chat; 0..9: the comment thread of that onderdeel
  std::string text;
  bool operator==(const reaction&) const = default;
};

// A group vote on one rating. Ballots stay hidden until reveal; the server never sends
// them to clients before that (see protocol redaction).
struct vote_state {
  bool open = false;
  document_id document = document_id::signalering_begin;
  int row = 0;
  bool anonymous = false;
  bool revealed = false;
  std::map<person_id, int> ballots;
  bool operator==(const vote_state&) const = default;
};

// A recorded outcome of a vote, kept with the document.
struct vote_record {
  document_id document = document_id::signalering_begin;
  int row = 0;
  std::array<int, 3> distribution{};  // how many voted 1, 2, 3
  std::map<person_id, int> ballots;   // empty in anonymous mode
  int decided = 0;                    // the rating the team set
  bool operator==(const vote_record&) const = default;
};

// A concrete action from the Actieplan (or a later Evaluatielijst): who does what by when,
// and how far it is. Between meetings everyone sees the open ones and marks progress.
struct action_item {
  int id = 0;   // 1-based, stable: actions are never removed, only set to vervallen
  int row = 0;  // the onderdeel it belongs to
  std::string text;
  person_id owner = no_person;
  std::string due;  // yyyy-mm-dd or empty
  action_status status = action_status::open;
  bool operator==(const action_item&) const = default;
};

// What happened at one agenda item, for the minutes: what was said and decided (written by
// the notulist), how long it took, and what the rules recorded while it was the current
// item: the votes decided, the actions made, the next meeting's date agreed.
struct agenda_record {
  std::string notes;    // besproken
  std::string decided;  // besloten
  std::int64_t used_ms = 0;
  int extra_minutes = 0;     // the coordinator extended it by this much
  std::vector<int> votes;    // indexes into trajectory::votes
  std::vector<int> actions;  // ids of trajectory::actions
  std::string next_date;     // yyyy-mm-dd: the next meeting's date agreed here
  bool visited = false;      // the meeting has been at this item
  bool operator==(const agenda_record&) const = default;
};

struct live_session {
  std::vector<person_id> present;  // sorted: in the room or online
  std::vector<person_id> online;   // sorted, a subset of present: who joined online
  std::vector<person_id> excused;  // sorted, none of them present: afgemeld
  person_id notulist = no_person;
  person_id invuller = no_person;
  std::vector<person_id> writers;  // others the coordinator allowed to write; sorted
  int agenda_index = 0;
  agenda_timer timer;
  std::int64_t started_at_ms = 0;
  std::string minutes;               // the free-text minutes of the meeting as a whole
  std::vector<agenda_record> items;  // one per agenda item, in the agenda's order
  std::vector<reaction> reactions;
  int highlighted_reaction = -1;  // brought into view for all by the coordinator
  vote_state vote;
  bool operator==(const live_session&) const = default;
};

struct meeting {
  int template_index = 0;    // 0..3: the seed's meetings; 4: an extra evaluation meeting
  std::string planned_date;  // ISO yyyy-mm-dd, or empty while not agreed
  meeting_mode mode = meeting_mode::fysiek;
  meeting_status status = meeting_status::gepland;
  std::string start_time;  // hh:mm, or empty while not agreed
  std::string place;       // where the room is (physical and hybrid meetings)
  std::string link;        // the link to the meeting (digital and hybrid meetings)
  live_session session;
  // An extra evaluation meeting's own Evaluatielijst (document_id::evaluatie_extra).
  std::optional<document> extra_document;
  bool operator==(const meeting&) const = default;
};

// The coordinator's contact with an action owner between the meetings ("polst of de
// uitvoering van het actieplan van de grond komt").
struct check_in {
  person_id person = no_person;
  std::int64_t at_ms = 0;
  bool going = true;  // does the carrying out of the plan get going?
  std::string note;
  bool operator==(const check_in&) const = default;
};

struct trajectory {
  std::string id;
  partnership partners;
  std::array<bool, precondition_count> preconditions{};
  std::vector<person> team;
  // People taken off the team whose name something still carries (a reaction, an action,
  // attendance, a vote with names): no rights, no roles, only their name.
  std::vector<person> former;
  std::vector<meeting> meetings;
  std::array<document, document_count> documents;
  std::vector<vote_record> votes;
  std::vector<action_item> actions;
  std::vector<check_in> check_ins;
  int active_meeting = -1;  // the meeting in progress, if any
  person_id next_person_id = 1;
  bool operator==(const trajectory&) const = default;
};

// A new trajectory: four planned meetings and its empty documents.
trajectory make_trajectory(std::string id, partnership partners);
// A new meeting of a template (0..3, or the extra evaluation meeting), with a record for
// every agenda item and, for an extra meeting, its own Evaluatielijst.
meeting make_meeting(int template_index);
document make_document(document_id id);

const meeting_template& template_of(const meeting& m);
// A member of the team (what every right and every choice of a person goes by).
const person* find_person(const trajectory& t, person_id id);
// A member or a former member: for showing who wrote or did something.
const person* find_anyone(const trajectory& t, person_id id);
int coordinator_count(const trajectory& t);

// The documents the invuller of a meeting may edit (the content's "fills").
const std::vector<document_id>& editable_documents(int template_index);
// A document by id; an extra meeting's Evaluatielijst through that meeting. Null when there
// is no such document.
const document* find_document(const trajectory& t, document_id id, int meeting = -1);
document* find_document(trajectory& t, document_id id, int meeting = -1);
// Whether the trajectory holds this document itself (not through a meeting).
bool held_by_trajectory(document_id id);

std::array<int, onderdeel_count> ratings_of(const document& d);

}  // namespace jos::shared
