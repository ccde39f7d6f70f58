#include "client/core/presence.hpp"

#include <algorithm>

namespace jos::client {
namespace {
constexpr auto focus_interval = std::chrono::milliseconds(200);
}  // namespace

void presence::on_presence(const protocol::presence& p) {
  online_ = p.online;
  std::erase_if(editors_, [this](const auto& e) { return !is_online(e.first); });
}

void presence::on_editing(const protocol::editing& e) {
  std::erase_if(editors_, [&](const auto& x) { return x.first == e.person; });
  if (e.target) editors_.emplace_back(e.person, *e.target);
}

void presence::link_lost() {
  clear();
  sent_.reset();
}

void presence::clear() {
  online_.clear();
  editors_.clear();
}

bool presence::is_online(shared::person_id id) const {
  return std::find(online_.begin(), online_.end(), id) != online_.end();
}

std::vector<shared::person_id> presence::editing(const shared::op::text_target& target,
                                                 shared::person_id me) const {
  std::vector<shared::person_id> out;
  for (const auto& [person, where] : editors_)
    if (where == target && person != me) out.push_back(person);
  return out;
}

std::optional<protocol::focus> presence::take_focus_update(clock::time_point now) {
  if (wanted_ == sent_ || now - sent_at_ < focus_interval) return std::nullopt;
  sent_ = wanted_;
  sent_at_ = now;
  return protocol::focus{wanted_};
}

std::optional<presence::clock::time_point> presence::focus_due() const {
  if (wanted_ == sent_) return std::nullopt;
  return sent_at_ + focus_interval;
}

}  // namespace jos::client
