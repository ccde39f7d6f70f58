#pragma once
// Every store keeps a client's mark with each snapshot, and each op carries its own: the
// marks a room starts from are the snapshot's brought up to date by the ops after it.

#include <vector>

#include "server/store.hpp"

namespace jos::server {

std::vector<client_mark> current_marks(const std::vector<client_mark>& stored,
                                       const std::vector<stored_op>& tail);

}  // namespace jos::server
