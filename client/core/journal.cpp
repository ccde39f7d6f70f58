#include "client/core/journal.hpp"

#include <algorithm>

#include "client/core/files.hpp"
#include "protocol/op_codec.hpp"
#include "protocol/state_codec.hpp"

namespace jos::client {
namespace {

using protocol::json;

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

std::string encode_journal(const std::string& client_id, const std::string& trajectory_id,
                           std::uint64_t next_client_seq, std::uint64_t seq,
                           const std::string& state_json, const std::deque<pending_op>& ops) {
  std::string out = dump({{"journal", 1},
                          {"client_id", client_id},
                          {"trajectory_id", trajectory_id},
                          {"seq", seq},
                          {"next_client_seq", next_client_seq}});
  out += '\n';
  if (!state_json.empty()) out += R"({"state":)" + state_json + "}\n";
  for (const auto& p : ops) {
    // Rebasing can grow a text edit past the splices one op may carry, and the journal is
    // read back with the protocol's limits: such an edit is kept as pieces, each a new op
    // (the server cannot have taken it whole; see replica::take_outgoing).
    const auto* edit = std::get_if<shared::op::edit_text>(&p.op);
    if (edit == nullptr || edit->edits.size() <= shared::op::max_splices_per_edit) {
      json line = {{"client_seq", p.client_seq}, {"op", protocol::encode_op(p.op)}};
      if (p.ballot) line["ballot"] = true;
      out += dump(line) + "\n";
      continue;
    }
    for (std::size_t i = 0; i < edit->edits.size(); i += shared::op::max_splices_per_edit) {
      const auto from = edit->edits.begin() + static_cast<std::ptrdiff_t>(i);
      const auto to =
          edit->edits.begin() + static_cast<std::ptrdiff_t>(std::min(
                                    i + shared::op::max_splices_per_edit, edit->edits.size()));
      const shared::operation piece = shared::op::edit_text{edit->target, {from, to}};
      out += dump({{"client_seq", 0}, {"op", protocol::encode_op(piece)}}) + "\n";
    }
  }
  return out;
}

std::optional<journal_contents> decode_journal(std::string_view text, std::string& error) {
  journal_contents c;
  bool header = false;
  std::size_t line_no = 0;
  while (!text.empty()) {
    const auto end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    ++line_no;
    if (line.empty()) continue;
    const json j = json::parse(line, nullptr, false);
    const std::string where = "regel " + std::to_string(line_no);
    if (!j.is_object()) {
      error = where + ": geen JSON";
      return std::nullopt;
    }
    if (!header) {
      if (j.value("journal", 0) != 1) {
        error = where + ": onbekende journaalversie";
        return std::nullopt;
      }
      c.client_id = j.value("client_id", std::string{});
      c.trajectory_id = j.value("trajectory_id", std::string{});
      c.seq = j.value("seq", std::uint64_t{0});
      c.next_client_seq = j.value("next_client_seq", std::uint64_t{1});
      header = true;
      continue;
    }
    if (auto s = j.find("state"); s != j.end()) {
      std::string e;
      auto state = protocol::decode_state(*s, e);
      if (!state) {
        error = where + ": " + e;
        return std::nullopt;
      }
      c.state = std::move(*state);
      continue;
    }
    auto op_json = j.find("op");
    if (op_json == j.end()) {
      error = where + ": geen op";
      return std::nullopt;
    }
    std::string e;
    auto op = protocol::decode_op(*op_json, "op", e);
    if (!op) {
      error = where + ": " + e;
      return std::nullopt;
    }
    pending_op p;
    p.client_seq = j.value("client_seq", std::uint64_t{0});
    p.ballot = j.value("ballot", false);
    p.op = std::move(*op);
    c.ops.push_back(std::move(p));
  }
  if (!header) {
    error = "leeg journaal";
    return std::nullopt;
  }
  return c;
}

}  // namespace jos::client
