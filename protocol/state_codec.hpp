#pragma once
// JSON form of a trajectory's state: what a snapshot carries and what the store keeps.

#include <optional>
#include <string>

#include "protocol/json_reader.hpp"
#include "shared/model.hpp"

namespace jos::protocol {

json encode_person(const shared::person& p);
shared::person decode_person(json_reader& r);
json encode_partnership(const shared::partnership& p);
shared::partnership decode_partnership(json_reader& r);

// `hide_ballots`: replace an unrevealed vote's ballots by who voted, without the values,
// for everyone but the server itself (votes are secret until reveal).
json encode_state(const shared::trajectory& t, bool hide_ballots = true);

// Checks every field and every cross-reference a rule would rely on (sizes of documents,
// indexes of meetings), so a decoded state is always safe to apply ops to.
std::optional<shared::trajectory> decode_state(const json& j, std::string& error);

// FNV-1a of some bytes, as 16 hex digits: cheap fingerprints for names and states.
std::string fnv1a_hex(std::string_view bytes);
// The fingerprint of a whole state (ballots included), to check replicas match the server.
std::string state_hash(const shared::trajectory& t);

}  // namespace jos::protocol
