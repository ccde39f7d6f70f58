#include "server/client_marks.hpp"

#include <map>
#include <string>
#include <utility>

namespace jos::server {

std::vector<client_mark> current_marks(const std::vector<client_mark>& stored,
                                       const std::vector<stored_op>& tail) {
  std::map<std::pair<shared::person_id, std::string>, client_mark> marks;
  for (const auto& m : stored) marks[{m.person, m.client_id}] = m;
  for (const auto& op : tail) {
    if (op.client_id.empty()) continue;
    auto& m = marks[{op.author, op.client_id}];
    if (m.client_id.empty() || op.client_seq >= m.last_client_seq)
      m = {op.author, op.client_id, op.client_seq, op.seq};
  }
  std::vector<client_mark> out;
  out.reserve(marks.size());
  for (auto& [key, m] : marks) out.push_back(std::move(m));
  return out;
}

}  // namespace jos::server
