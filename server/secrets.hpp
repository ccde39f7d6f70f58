#pragma once
// Random identifiers and secrets. The team code and the coordinator code are for people to
// read aloud, type and copy (and are rate-limited when guessed); tokens are long and stored
// only as hashes.

#include <string>
#include <string_view>

namespace jos::server {

// 10 symbols of Crockford base32 (no I, L, O, U), shown as "ABCDE-FGHJK": 50 bits.
std::string make_join_code();
// 12 symbols, shown as "ABCD-EFGH-JKMN": 60 bits, for the code that makes a coordinator.
// Its length alone tells it from a team code.
std::string make_coordinator_code();
// Uppercases, drops spaces and dashes, maps easily confused letters (O→0, I/L→1), so that
// "abcde fghjk" and "ABCDE-FGHJK" are the same code (and likewise the coordinator code).
std::string normalise_join_code(std::string_view typed);

std::string make_token();          // 256 bits, hex
std::string make_trajectory_id();  // 128 bits, hex
std::string sha256_hex(std::string_view data);
// What the store keeps of a team or coordinator code (normalised first): like tokens, only a
// hash, so a copy of the database lets nobody in.
std::string code_hash(std::string_view code);
// The hash a store keeps for a record's code: the one it came with (copied from another
// store), else the code's own; empty when there is neither.
std::string stored_code_hash(const std::string& code, const std::string& hash);
// The key an anonymous ballot is kept under: HMAC-SHA256 keyed by the voter's token. Only
// the voter and the server (while the voter is connected) know the token; the store keeps
// only sha256(token), from which this cannot be computed. So one person has one ballot in
// a vote, also after a restart, while nothing at rest says whose it is.
std::string ballot_key(std::string_view token, std::string_view trajectory_id);

}  // namespace jos::server
