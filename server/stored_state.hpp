#pragma once
// A trajectory's state from what the store holds (snapshot + ops after it), for admin
// commands that read a database without running a room.

#include "server/store.hpp"
#include "shared/model.hpp"

namespace jos::server {

// Throws store_error when the snapshot or an op does not decode.
shared::trajectory stored_state(const room_data& data);

}  // namespace jos::server
