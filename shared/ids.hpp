#pragma once
// Small vocabulary types shared by the model, the operations and the protocol.

#include <cstdint>
#include <optional>
#include <string_view>

namespace jos::shared {

using person_id = std::uint32_t;
inline constexpr person_id no_person = 0;
// An anonymous ballot counts under a stand-in above this, never under a person id: the
// server numbers a vote's voters 1, 2, 3, … from here, with nothing kept that says who.
inline constexpr person_id stand_in_base = 0x80000000u;

enum class organisation : std::uint8_t { school, jongerenwerk };
enum class cooperation : std::uint8_t { existing, fresh };  // bestaande / pas gestarte
enum class staff_level : std::uint8_t { uitvoerder, manager };
enum class meeting_mode : std::uint8_t { fysiek, digitaal, hybride };
enum class meeting_status : std::uint8_t { gepland, bezig, afgerond };
enum class meeting_role : std::uint8_t { notulist, invuller };
enum class timer_action : std::uint8_t { start, pause, reset, extend };
enum class action_status : std::uint8_t { open, bezig, klaar, vervallen };
// Who was at a meeting: in the room, online, or absent with notice (afgemeld). Unmarked
// means nobody said (onbekend): absent without notice, or not recorded.
enum class attendance : std::uint8_t { onbekend, aanwezig, online, afgemeld };

// The documents a trajectory fills over its four meetings, and the team's conclusions beside
// the final comparison. The first six are held by the trajectory itself (document_count);
// every extra evaluation meeting holds an Evaluatielijst of its own (evaluatie_extra, found
// through the meeting that fills it).
enum class document_id : std::uint8_t {
  signalering_begin,
  actieplan,
  evaluatie_tussentijds,
  evaluatie_eind,
  signalering_eind,
  conclusies,
  evaluatie_extra,
};
inline constexpr int document_count = 6;

// Which material an agenda item works with.
enum class document_kind : std::uint8_t {
  none,
  factsheet,
  signalering,
  actieplan,
  evaluatielijst,
  vergelijking,
};

// What an agenda item shows in the centre of the meeting view, as the content says: the
// welcome (who is there, who takes the minutes and fills in), material the coordinator
// presents, a look back at an earlier document, a form to fill in, a pause, or the close
// (the next date, the documents everyone receives).
enum class agenda_screen : std::uint8_t { welcome, present, look_back, fill, pause, close };

// Stable wire/storage names; parse_* returns nullopt for anything unknown so that callers
// reject it explicitly instead of guessing.
std::string_view name_of(organisation v);
std::string_view name_of(cooperation v);
std::string_view name_of(staff_level v);
std::string_view name_of(meeting_mode v);
std::string_view name_of(meeting_status v);
std::string_view name_of(meeting_role v);
std::string_view name_of(timer_action v);
std::string_view name_of(action_status v);
std::string_view name_of(attendance v);
std::string_view name_of(document_id v);
std::string_view name_of(document_kind v);
std::string_view name_of(agenda_screen v);

std::optional<organisation> parse_organisation(std::string_view s);
std::optional<cooperation> parse_cooperation(std::string_view s);
std::optional<staff_level> parse_staff_level(std::string_view s);
std::optional<meeting_mode> parse_meeting_mode(std::string_view s);
std::optional<meeting_status> parse_meeting_status(std::string_view s);
std::optional<meeting_role> parse_meeting_role(std::string_view s);
std::optional<timer_action> parse_timer_action(std::string_view s);
std::optional<action_status> parse_action_status(std::string_view s);
std::optional<attendance> parse_attendance(std::string_view s);
std::optional<document_id> parse_document_id(std::string_view s);
std::optional<document_kind> parse_document_kind(std::string_view s);
std::optional<agenda_screen> parse_agenda_screen(std::string_view s);

// Dutch labels for the UI and the exports.
std::string_view label_of(organisation v);
std::string_view label_of(staff_level v);
std::string_view label_of(meeting_mode v);
std::string_view label_of(meeting_status v);
std::string_view label_of(meeting_role v);
std::string_view label_of(document_id v);
std::string_view label_of(action_status v);
std::string_view label_of(attendance v);

}  // namespace jos::shared
