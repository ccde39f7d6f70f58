#pragma once
// JSON form of the typed operations of shared/ops.hpp: {"type": "set_rating", ...}.

#include <optional>
#include <string>

#include "protocol/json_reader.hpp"
#include "shared/ops.hpp"

namespace jos::protocol {

json encode_op(const shared::operation& o);

// Where a text edit (or someone's cursor) is: a document cell or a meeting's minutes.
json encode_target(const shared::op::text_target& t);
shared::op::text_target decode_target(json_reader& r);
// nullopt with `error` set to e.g. "op.row: expected an integer" or "op.type: unknown value".
std::optional<shared::operation> decode_op(const json& j, const std::string& path,
                                           std::string& error);

}  // namespace jos::protocol
