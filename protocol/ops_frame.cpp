#include "protocol/ops_frame.hpp"

#include "protocol/json_text.hpp"
#include "protocol/limits.hpp"
#include "protocol/op_codec.hpp"

namespace jos::protocol {
namespace {

// The envelope's keys come after "ops"/"op" in the codec's (alphabetical) order.
const std::string& envelope_tail(std::string_view type) {
  static const std::string ops = R"(,"type":"ops","v":)" + std::to_string(protocol_version) + "}";
  static const std::string op = R"(,"type":"op","v":)" + std::to_string(protocol_version) + "}";
  return type == "ops" ? ops : op;
}

}  // namespace

std::string op_text(const shared::operation& op) {
  return encode_op(op).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string ops_element(std::uint64_t seq, shared::person_id author, std::string_view client_id,
                        std::uint64_t client_seq, std::string_view op_text) {
  std::string element;
  element.reserve(op_text.size() + client_id.size() + 96);
  element += R"({"author":)";
  element += std::to_string(author);
  element += R"(,"client_id":)";
  append_json_string(element, client_id);
  element += R"(,"client_seq":)";
  element += std::to_string(client_seq);
  element += R"(,"op":)";
  element += op_text;
  element += R"(,"seq":)";
  element += std::to_string(seq);
  element += '}';
  return element;
}

std::string_view ops_head() { return R"({"ops":[)"; }

std::string_view ops_tail() {
  static const std::string tail = "]" + envelope_tail("ops");
  return tail;
}

std::string ops_message(std::string_view elements) {
  std::string out;
  out.reserve(ops_head().size() + elements.size() + ops_tail().size());
  out += ops_head();
  out += elements;
  out += ops_tail();
  return out;
}

bool is_ops_message(std::string_view message) {
  return message.size() >= ops_head().size() + ops_tail().size() &&
         message.starts_with(ops_head()) && message.ends_with(ops_tail());
}

std::string_view ops_elements(std::string_view message) {
  return message.substr(ops_head().size(), message.size() - ops_head().size() - ops_tail().size());
}

std::string op_message(std::uint64_t client_seq, std::uint64_t base_seq, std::string_view op_text) {
  std::string out;
  out.reserve(op_text.size() + 80);
  out += R"({"base_seq":)";
  out += std::to_string(base_seq);
  out += R"(,"client_seq":)";
  out += std::to_string(client_seq);
  out += R"(,"op":)";
  out += op_text;
  out += envelope_tail("op");
  return out;
}

}  // namespace jos::protocol
