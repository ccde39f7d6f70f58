#include <algorithm>

#include "shared/calendar.hpp"
#include "shared/rules.hpp"

namespace jos::shared {
namespace {

void set_member(std::vector<person_id>& sorted, person_id id, bool in) {
  auto it = std::lower_bound(sorted.begin(), sorted.end(), id);
  const bool there = it != sorted.end() && *it == id;
  if (in && !there) sorted.insert(it, id);
  if (!in && there) sorted.erase(it);
}

void restart_timer(agenda_timer& timer, std::int64_t at_ms) {
  timer = agenda_timer{};
  timer.running = true;
  timer.started_at_ms = at_ms;
}

// The time the current item has run goes into its record when the room moves on.
void close_item(live_session& session, std::int64_t at_ms) {
  if (session.agenda_index < 0 || session.agenda_index >= static_cast<int>(session.items.size()))
    return;
  agenda_record& record = session.items[static_cast<std::size_t>(session.agenda_index)];
  record.used_ms += session.timer.elapsed_at(at_ms);
  record.extra_minutes += session.timer.extra_minutes;
}

// Whether anything in the trajectory names this person: what they wrote or owned, a vote
// with names, or attendance and a role in a meeting.
bool named_anywhere(const trajectory& t, person_id id) {
  const auto in = [id](const std::vector<person_id>& ids) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  for (const auto& m : t.meetings) {
    const live_session& s = m.session;
    if (in(s.present) || in(s.excused) || s.notulist == id || s.invuller == id ||
        s.vote.ballots.contains(id))
      return true;
    for (const auto& r : s.reactions)
      if (r.author == id) return true;
  }
  for (const auto& a : t.actions)
    if (a.owner == id) return true;
  for (const auto& v : t.votes)
    if (v.ballots.contains(id)) return true;
  for (const auto& c : t.check_ins)
    if (c.person == id) return true;
  return false;
}

// Applies an op that validate() accepted. Each handler assumes its checks passed.
struct applier {
  trajectory& t;
  const actor& who;

  meeting& m(int index) { return t.meetings[static_cast<std::size_t>(index)]; }
  live_session& s(int index) { return m(index).session; }
  // The record of the item the meeting in progress is at: where the rules note what was
  // decided there. Null between meetings.
  agenda_record* current_item() {
    if (t.active_meeting < 0 || t.active_meeting >= static_cast<int>(t.meetings.size()))
      return nullptr;
    live_session& session = s(t.active_meeting);
    if (m(t.active_meeting).status != meeting_status::bezig || session.agenda_index < 0 ||
        session.agenda_index >= static_cast<int>(session.items.size()))
      return nullptr;
    return &session.items[static_cast<std::size_t>(session.agenda_index)];
  }
  // A date agreed for the meeting after the one in progress is the next date it agreed.
  void note_next_date(int meeting, const std::string& date) {
    if (date.empty() || t.active_meeting < 0 || meeting != t.active_meeting + 1) return;
    if (agenda_record* r = current_item()) r->next_date = date;
  }
  person& p(person_id id) {
    return *std::find_if(t.team.begin(), t.team.end(),
                         [id](const person& x) { return x.id == id; });
  }

  void operator()(const op::set_partnership& o) { t.partners = o.value; }
  void operator()(const op::set_precondition& o) {
    t.preconditions[static_cast<std::size_t>(o.index)] = o.met;
  }
  void operator()(const op::add_person& o) {
    t.team.push_back(o.value);
    t.next_person_id = std::max(t.next_person_id, o.value.id + 1);
  }
  void operator()(const op::update_person& o) {
    person& target = p(o.value.id);
    const bool coordinator = target.coordinator;
    target = o.value;
    target.coordinator = coordinator;
  }
  void operator()(const op::set_coordinator& o) { p(o.person).coordinator = o.coordinator; }
  void operator()(const op::schedule_meeting& o) {
    m(o.meeting).planned_date = o.date;
    m(o.meeting).mode = o.mode;
    note_next_date(o.meeting, o.date);
  }
  void operator()(const op::plan_from_start& o) {
    for (int i = 0; i < seed_meeting_count && i < static_cast<int>(t.meetings.size()); ++i)
      m(i).planned_date = planned_date(o.start_date, i);
  }
  void operator()(const op::add_extra_meeting& o) {
    meeting extra = make_meeting(seed_meeting_count);
    extra.planned_date = o.date;
    extra.mode = o.mode;
    t.meetings.push_back(std::move(extra));
    note_next_date(static_cast<int>(t.meetings.size()) - 1, o.date);
  }
  void operator()(const op::start_meeting& o) {
    meeting& mt = m(o.meeting);
    mt.status = meeting_status::bezig;
    mt.session.agenda_index = 0;
    mt.session.started_at_ms = o.at_ms;
    if (!mt.session.items.empty()) mt.session.items.front().visited = true;
    restart_timer(mt.session.timer, o.at_ms);
    t.active_meeting = o.meeting;
  }
  void operator()(const op::end_meeting& o) {
    meeting& mt = m(o.meeting);
    close_item(mt.session, o.at_ms);
    mt.status = meeting_status::afgerond;
    auto& timer = mt.session.timer;
    timer.elapsed_ms = timer.elapsed_at(o.at_ms);
    timer.running = false;
    mt.session.vote = vote_state{};
    if (t.active_meeting == o.meeting) t.active_meeting = -1;
  }
  void operator()(const op::goto_agenda_item& o) {
    auto& session = s(o.meeting);
    if (session.agenda_index == o.index) return;
    close_item(session, o.at_ms);
    session.agenda_index = o.index;
    // A meeting built without its records (never by the rules) simply keeps none.
    if (o.index < static_cast<int>(session.items.size()))
      session.items[static_cast<std::size_t>(o.index)].visited = true;
    // Each item gets its own clock; it runs if the previous one did.
    const bool was_running = session.timer.running;
    restart_timer(session.timer, o.at_ms);
    session.timer.running = was_running;
  }
  void operator()(const op::control_timer& o) {
    auto& timer = s(o.meeting).timer;
    switch (o.action) {
      case timer_action::start:
        if (!timer.running) {
          timer.running = true;
          timer.started_at_ms = o.at_ms;
        }
        break;
      case timer_action::pause:
        timer.elapsed_ms = timer.elapsed_at(o.at_ms);
        timer.running = false;
        break;
      case timer_action::reset: restart_timer(timer, o.at_ms); break;
      case timer_action::extend: timer.extra_minutes += o.minutes; break;
    }
  }
  void operator()(const op::assign_role& o) {
    auto& session = s(o.meeting);
    (o.role == meeting_role::notulist ? session.notulist : session.invuller) = o.person;
  }
  void operator()(const op::set_presence& o) {
    const bool online =
        std::binary_search(s(o.meeting).online.begin(), s(o.meeting).online.end(), o.person);
    mark(o.meeting, o.person,
         !o.present ? attendance::onbekend
         : online   ? attendance::online
                    : attendance::aanwezig);
  }
  void operator()(const op::set_attendance& o) { mark(o.meeting, o.person, o.value); }
  void mark(int meeting, person_id person, attendance value) {
    live_session& session = s(meeting);
    set_member(session.present, person,
               value == attendance::aanwezig || value == attendance::online);
    set_member(session.online, person, value == attendance::online);
    set_member(session.excused, person, value == attendance::afgemeld);
  }
  void operator()(const op::set_meeting_details& o) {
    meeting& mt = m(o.meeting);
    mt.start_time = o.start_time;
    mt.place = o.place;
    mt.link = o.link;
  }
  void operator()(const op::record_check_in& o) {
    t.check_ins.push_back({o.person, o.at_ms, o.going, o.note});
  }
  void operator()(const op::set_writer& o) {
    set_member(s(o.meeting).writers, o.person, o.allowed);
  }
  void operator()(const op::set_rating& o) {
    t.documents[static_cast<std::size_t>(o.document)].rows[static_cast<std::size_t>(o.row)].rating =
        o.value;
  }
  void operator()(const op::edit_text& o) {
    std::string* text = find_text(t, o.target);
    for (const auto& edit : o.edits) apply_splice(*text, edit);
  }
  void operator()(const op::add_reaction& o) {
    s(o.meeting).reactions.push_back({who.id, o.at_ms, o.row, o.text});
  }
  void operator()(const op::highlight_reaction& o) { s(o.meeting).highlighted_reaction = o.index; }
  void operator()(const op::open_vote& o) {
    vote_state& v = s(o.meeting).vote;
    v = vote_state{};
    v.open = true;
    v.document = o.document;
    v.row = o.row;
    v.anonymous = o.anonymous;
  }
  void operator()(const op::cast_vote& o) { s(o.meeting).vote.ballots[who.id] = o.value; }
  void operator()(const op::reveal_vote& o) {
    s(o.meeting).vote.revealed = true;
    if (!o.ballots.empty()) s(o.meeting).vote.ballots = o.ballots;
  }
  void operator()(const op::add_action& o) {
    const int id = static_cast<int>(t.actions.size()) + 1;
    t.actions.push_back({id, o.row, o.text, o.owner, o.due, action_status::open});
    if (agenda_record* r = current_item()) r->actions.push_back(id);
  }
  void operator()(const op::update_action& o) {
    auto& a = t.actions[static_cast<std::size_t>(o.id - 1)];
    a.text = o.text;
    a.owner = o.owner;
    a.due = o.due;
  }
  void operator()(const op::set_action_status& o) {
    t.actions[static_cast<std::size_t>(o.id - 1)].status = o.status;
  }
  void operator()(const op::remove_person& o) {
    const auto it = std::find_if(t.team.begin(), t.team.end(),
                                 [&](const person& x) { return x.id == o.person; });
    person gone = std::move(*it);
    t.team.erase(it);
    gone.coordinator = false;
    // No role and no right in a meeting still to come or in progress; a finished meeting
    // keeps who did what in it.
    for (auto& mt : t.meetings) {
      if (mt.status == meeting_status::afgerond) continue;
      if (mt.session.notulist == o.person) mt.session.notulist = no_person;
      if (mt.session.invuller == o.person) mt.session.invuller = no_person;
      set_member(mt.session.writers, o.person, false);
    }
    if (named_anywhere(t, o.person)) t.former.push_back(std::move(gone));
  }
  void operator()(const op::close_vote& o) {
    vote_state& v = s(o.meeting).vote;
    if (o.decided != 0) {
      vote_record record;
      record.document = v.document;
      record.row = v.row;
      // A replica may hold a ballot without its value (0: hidden until the reveal reached
      // it, e.g. when it predicts its own reveal); such a ballot counts for no value.
      for (const auto& [voter, value] : v.ballots)
        if (value >= rating_min && value <= rating_max)
          ++record.distribution[static_cast<std::size_t>(value - 1)];
      if (!v.anonymous) record.ballots = v.ballots;
      record.decided = o.decided;
      t.votes.push_back(std::move(record));
      if (o.meeting == t.active_meeting)
        if (agenda_record* r = current_item())
          r->votes.push_back(static_cast<int>(t.votes.size()) - 1);
      t.documents[static_cast<std::size_t>(v.document)]
          .rows[static_cast<std::size_t>(v.row)]
          .rating = o.decided;
    }
    v = vote_state{};
  }
};

}  // namespace

void apply(trajectory& t, const operation& o, const actor& who) { std::visit(applier{t, who}, o); }

}  // namespace jos::shared
