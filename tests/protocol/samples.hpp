#pragma once
// Sample operations, messages and a trajectory for the protocol tests. Every field holds
// something other than its default (Dutch text with ë, é and ‘ ’ included), so a codec that
// drops, swaps or mangles a field cannot pass a round trip by accident.

#include <string>
#include <vector>

#include "protocol/messages.hpp"
#include "shared/model.hpp"
#include "shared/ops.hpp"

namespace jos::protocol::samples {

// At least one operation of every type in shared::operation; some types appear twice to
// cover both shapes (a cell and the minutes as text target, a chat and a row reaction).
std::vector<shared::operation> every_op();

// A trajectory in the middle of meeting 2: a team of five, meeting 1 finished, meeting 2 in
// progress with an open (unrevealed) vote, filled documents, reactions and vote records.
shared::trajectory rich_trajectory();

std::vector<client_message> every_client_message();
std::vector<server_message> every_server_message();

// The equality the tests use for operations (which have no operator==): the same JSON.
std::string op_json(const shared::operation& o);

// Field-by-field equality of messages, with ops compared as their JSON.
bool same(const client_message& a, const client_message& b);
bool same(const server_message& a, const server_message& b);

}  // namespace jos::protocol::samples
