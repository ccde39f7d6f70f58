#include "server/stored_state.hpp"

#include "protocol/op_codec.hpp"
#include "protocol/state_codec.hpp"
#include "shared/rules.hpp"

namespace jos::server {

shared::trajectory stored_state(const room_data& data) {
  const std::string& id = data.record.id;
  std::string error;
  shared::trajectory state;
  const auto j = protocol::json::parse(
      data.snapshot_json.empty() ? data.record.partnership_json : data.snapshot_json, nullptr,
      false);
  if (j.is_discarded()) throw store_error("de begintoestand van " + id + " is geen JSON");
  if (data.snapshot_json.empty()) {
    protocol::json_reader r(j, "partnership", error);
    state = shared::make_trajectory(id, protocol::decode_partnership(r));
  } else if (auto decoded = protocol::decode_state(j, error)) {
    state = std::move(*decoded);
  }
  if (!error.empty()) throw store_error("leerlijn " + id + ": " + error);
  std::uint64_t seq = data.snapshot_seq;
  for (const auto& stored : data.tail) {
    const auto op_json = protocol::json::parse(stored.op_json, nullptr, false);
    auto op = op_json.is_discarded() ? std::nullopt : protocol::decode_op(op_json, "op", error);
    if (!op || stored.seq != seq + 1)
      throw store_error("wijziging " + std::to_string(stored.seq) + " van " + id +
                        " is beschadigd " + error);
    shared::apply(state, *op,
                  stored.author == shared::no_person ? shared::actor::server()
                                                     : shared::actor{stored.author});
    seq = stored.seq;
  }
  return state;
}

}  // namespace jos::server
