#include "shared/ids.hpp"

#include <array>
#include <utility>

namespace jos::shared {
namespace {

template <typename E, std::size_t N>
using name_table = std::array<std::pair<E, std::string_view>, N>;

constexpr name_table<organisation, 2> organisation_names{{
    {organisation::school, "school"},
    {organisation::jongerenwerk, "jongerenwerk"},
}};
constexpr name_table<cooperation, 2> cooperation_names{{
    {cooperation::existing, "bestaand"},
    {cooperation::fresh, "nieuw"},
}};
constexpr name_table<staff_level, 2> staff_level_names{{
    {staff_level::uitvoerder, "uitvoerder"},
    {staff_level::manager, "manager"},
}};
constexpr name_table<meeting_mode, 3> meeting_mode_names{{
    {meeting_mode::fysiek, "fysiek"},
    {meeting_mode::digitaal, "digitaal"},
    {meeting_mode::hybride, "hybride"},
}};
constexpr name_table<meeting_status, 3> meeting_status_names{{
    {meeting_status::gepland, "gepland"},
    {meeting_status::bezig, "bezig"},
    {meeting_status::afgerond, "afgerond"},
}};
constexpr name_table<meeting_role, 2> meeting_role_names{{
    {meeting_role::notulist, "notulist"},
    {meeting_role::invuller, "invuller"},
}};
constexpr name_table<timer_action, 4> timer_action_names{{
    {timer_action::start, "start"},
    {timer_action::pause, "pauze"},
    {timer_action::reset, "reset"},
    {timer_action::extend, "verleng"},
}};
constexpr name_table<action_status, 4> action_status_names{{
    {action_status::open, "open"},
    {action_status::bezig, "bezig"},
    {action_status::klaar, "klaar"},
    {action_status::vervallen, "vervallen"},
}};
constexpr name_table<attendance, 4> attendance_names{{
    {attendance::onbekend, "onbekend"},
    {attendance::aanwezig, "aanwezig"},
    {attendance::online, "online"},
    {attendance::afgemeld, "afgemeld"},
}};
constexpr name_table<document_id, 7> document_id_names{{
    {document_id::signalering_begin, "signalering_1"},
    {document_id::actieplan, "actieplan"},
    {document_id::evaluatie_tussentijds, "evaluatie_1"},
    {document_id::evaluatie_eind, "evaluatie_2"},
    {document_id::signalering_eind, "signalering_2"},
    {document_id::conclusies, "conclusies"},
    {document_id::evaluatie_extra, "evaluatie_extra"},
}};
constexpr name_table<document_kind, 6> document_kind_names{{
    {document_kind::none, "none"},
    {document_kind::factsheet, "factsheet"},
    {document_kind::signalering, "signalering"},
    {document_kind::actieplan, "actieplan"},
    {document_kind::evaluatielijst, "evaluatielijst"},
    {document_kind::vergelijking, "vergelijking"},
}};
constexpr name_table<agenda_screen, 6> agenda_screen_names{{
    {agenda_screen::welcome, "welcome"},
    {agenda_screen::present, "present"},
    {agenda_screen::look_back, "look_back"},
    {agenda_screen::fill, "fill"},
    {agenda_screen::pause, "pause"},
    {agenda_screen::close, "close"},
}};

template <typename E, std::size_t N>
std::string_view lookup(const name_table<E, N>& table, E value) {
  for (const auto& [e, name] : table)
    if (e == value) return name;
  return "?";
}

template <typename E, std::size_t N>
std::optional<E> reverse_lookup(const name_table<E, N>& table, std::string_view name) {
  for (const auto& [e, n] : table)
    if (n == name) return e;
  return std::nullopt;
}

}  // namespace

std::string_view name_of(organisation v) { return lookup(organisation_names, v); }
std::string_view name_of(cooperation v) { return lookup(cooperation_names, v); }
std::string_view name_of(staff_level v) { return lookup(staff_level_names, v); }
std::string_view name_of(meeting_mode v) { return lookup(meeting_mode_names, v); }
std::string_view name_of(meeting_status v) { return lookup(meeting_status_names, v); }
std::string_view name_of(meeting_role v) { return lookup(meeting_role_names, v); }
std::string_view name_of(timer_action v) { return lookup(timer_action_names, v); }
std::string_view name_of(action_status v) { return lookup(action_status_names, v); }
std::string_view name_of(document_id v) { return lookup(document_id_names, v); }
std::string_view name_of(document_kind v) { return lookup(document_kind_names, v); }
std::string_view name_of(attendance v) { return lookup(attendance_names, v); }
std::string_view name_of(agenda_screen v) { return lookup(agenda_screen_names, v); }

std::optional<organisation> parse_organisation(std::string_view s) {
  return reverse_lookup(organisation_names, s);
}
std::optional<cooperation> parse_cooperation(std::string_view s) {
  return reverse_lookup(cooperation_names, s);
}
std::optional<staff_level> parse_staff_level(std::string_view s) {
  return reverse_lookup(staff_level_names, s);
}
std::optional<meeting_mode> parse_meeting_mode(std::string_view s) {
  return reverse_lookup(meeting_mode_names, s);
}
std::optional<meeting_status> parse_meeting_status(std::string_view s) {
  return reverse_lookup(meeting_status_names, s);
}
std::optional<meeting_role> parse_meeting_role(std::string_view s) {
  return reverse_lookup(meeting_role_names, s);
}
std::optional<timer_action> parse_timer_action(std::string_view s) {
  return reverse_lookup(timer_action_names, s);
}
std::optional<action_status> parse_action_status(std::string_view s) {
  return reverse_lookup(action_status_names, s);
}
std::optional<document_id> parse_document_id(std::string_view s) {
  return reverse_lookup(document_id_names, s);
}
std::optional<document_kind> parse_document_kind(std::string_view s) {
  return reverse_lookup(document_kind_names, s);
}
std::optional<attendance> parse_attendance(std::string_view s) {
  return reverse_lookup(attendance_names, s);
}
std::optional<agenda_screen> parse_agenda_screen(std::string_view s) {
  return reverse_lookup(agenda_screen_names, s);
}

std::string_view label_of(organisation v) {
  return v == organisation::school ? "School" : "Jongerenwerk";
}
std::string_view label_of(staff_level v) {
  return v == staff_level::uitvoerder ? "Uitvoerder" : "Manager";
}
std::string_view label_of(meeting_mode v) {
  switch (v) {
    case meeting_mode::fysiek: return "Fysiek";
    case meeting_mode::digitaal: return "Digitaal";
    case meeting_mode::hybride: return "Hybride";
  }
  return "?";
}
std::string_view label_of(meeting_status v) {
  switch (v) {
    case meeting_status::gepland: return "Gepland";
    case meeting_status::bezig: return "Bezig";
    case meeting_status::afgerond: return "Afgerond";
  }
  return "?";
}
std::string_view label_of(meeting_role v) {
  return v == meeting_role::notulist ? "Notulist" : "Invuller";
}
std::string_view label_of(action_status v) {
  switch (v) {
    case action_status::open: return "Open";
    case action_status::bezig: return "Bezig";
    case action_status::klaar: return "Klaar";
    case action_status::vervallen: return "Vervallen";
  }
  return "?";
}
std::string_view label_of(attendance v) {
  switch (v) {
    case attendance::onbekend: return "Niet aangemeld";
    case attendance::aanwezig: return "Aanwezig";
    case attendance::online: return "Online aanwezig";
    case attendance::afgemeld: return "Afgemeld";
  }
  return "?";
}
std::string_view label_of(document_id v) {
  switch (v) {
    case document_id::signalering_begin: return "Signaleringsinstrument (begin)";
    case document_id::actieplan: return "Actieplan";
    case document_id::evaluatie_tussentijds: return "Evaluatielijst (tussentijds)";
    case document_id::evaluatie_eind: return "Evaluatielijst (eind)";
    case document_id::signalering_eind: return "Signaleringsinstrument (eind)";
    case document_id::conclusies: return "Conclusies van het team";
    case document_id::evaluatie_extra: return "Evaluatielijst (extra bijeenkomst)";
  }
  return "?";
}

}  // namespace jos::shared
