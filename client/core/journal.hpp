#pragma once
// The local journal of one trajectory: the confirmed state the client last had, the ops
// the server has not confirmed yet, and the client_seq counter, as JSON lines in a file
// under the config directory. Quitting, a crash or a restart while offline loses nothing:
// the next run restores the replica from it and resends each op with its original
// client_seq (the server recognises a resend and does not apply it twice).
//
// Line 1: {"journal":1,"client_id":...,"trajectory_id":...,"seq":N,"next_client_seq":M}
// Line 2: {"state":{...}}            (the confirmed state at seq N; absent without one)
// Then one line per pending op: {"client_seq":K,"op":{...}}   (K = 0: never sent)
// with "ballot":true for an anonymous ballot (numbered apart from the client's ops)

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

#include "client/core/replica.hpp"
#include "shared/model.hpp"

namespace jos::client {

struct journal_contents {
  std::string client_id;
  std::string trajectory_id;
  std::uint64_t next_client_seq = 1;
  std::uint64_t seq = 0;
  std::optional<shared::trajectory> state;
  std::deque<pending_op> ops;
};

// `state_json` is the encoded confirmed state (or empty), so callers can reuse it while
// the state did not change.
std::string encode_journal(const std::string& client_id, const std::string& trajectory_id,
                           std::uint64_t next_client_seq, std::uint64_t seq,
                           const std::string& state_json, const std::deque<pending_op>& ops);
std::optional<journal_contents> decode_journal(std::string_view text, std::string& error);

}  // namespace jos::client
