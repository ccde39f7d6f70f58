#pragma once
// Encoding and decoding of protocol messages. Decoding never throws: size and nesting are
// checked before parsing, and the result names the first problem precisely.

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "protocol/messages.hpp"

namespace jos::protocol {

struct decode_error {
  error_code code = error_code::malformed;  // too_large, too_deep, malformed, version, invalid
  std::string message;                      // e.g. "op.row: expected an integer"
  // An op whose body did not decode but whose client_seq did: the server answers it with
  // a reject for that client_seq, so that the client drops it instead of sending it again.
  std::uint64_t client_seq = 0;
};

template <typename T>
using decoded = std::variant<T, decode_error>;

std::string encode(const client_message& m);
std::string encode(const server_message& m);

decoded<client_message> decode_client(std::string_view text);
decoded<server_message> decode_server(std::string_view text);

// The Dutch text a client shows when the server speaks another protocol version.
std::string version_mismatch_text(int server_version);

}  // namespace jos::protocol
