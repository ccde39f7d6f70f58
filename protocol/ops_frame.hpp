#pragma once
// The frames that carry ops, written without building a JSON value, byte for byte as the
// codec writes them (tests/protocol/ops_frame_test.cpp holds them to it): the server's
// "ops" message around op elements encoded once and shared by every recipient (a connection
// with several waiting merges them into one frame), and a client's "op" message around an
// op's JSON text, for a sender that keeps ops as text (the bench's load generator).

#include <cstdint>
#include <string>
#include <string_view>

#include "shared/model.hpp"
#include "shared/ops.hpp"

namespace jos::protocol {

// An op's JSON text, as the codec writes it (and the store keeps it).
std::string op_text(const shared::operation& op);

// One element of an "ops" message: the op as the server ordered it, around its JSON text.
std::string ops_element(std::uint64_t seq, shared::person_id author, std::string_view client_id,
                        std::uint64_t client_seq, std::string_view op_text);

// An "ops" message around comma-separated elements, and back.
std::string_view ops_head();  // {"ops":[
std::string_view ops_tail();  // ],"type":"ops","v":1}
std::string ops_message(std::string_view elements);
bool is_ops_message(std::string_view message);
std::string_view ops_elements(std::string_view message);  // is_ops_message must hold

// A client's "op" message around an op's JSON text.
std::string op_message(std::uint64_t client_seq, std::uint64_t base_seq, std::string_view op_text);

}  // namespace jos::protocol
