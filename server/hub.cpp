#include "server/hub.hpp"

#include <boost/asio/post.hpp>

#include "protocol/state_codec.hpp"
#include "server/log.hpp"
#include "server/secrets.hpp"
#include "shared/rules.hpp"

namespace jos::server {
namespace {

namespace net = boost::asio;

protocol::error unavailable() {
  return {"unavailable", "De server kan de leerlijn nu niet openen; probeer het zo opnieuw."};
}

std::optional<protocol::error> check_profile(const protocol::profile& me) {
  shared::person p;
  p.id = 1;
  p.name = me.name;
  p.function = me.function;
  // The same checks a rename would get; an empty trajectory has no coordinator, so ask as
  // the server.
  shared::trajectory scratch;
  if (auto e = shared::validate(scratch, shared::op::add_person{p}, shared::actor::server()))
    return protocol::error{"invalid", e->message};
  return std::nullopt;
}

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

hub::hub(net::io_context& io, store_worker& store, metrics& m, hub_options options)
    : io_(io),
      strand_(net::make_strand(io.get_executor())),
      store_(store),
      metrics_(m),
      options_(options) {}

void hub::create(protocol::create_trajectory request, created_reply reply) {
  if (auto e = check_profile(request.me)) return reply(*e);
  shared::trajectory probe;
  shared::person coordinator{
      1, "c", shared::organisation::school, "", shared::staff_level::manager, true};
  probe.team.push_back(coordinator);
  if (auto e =
          shared::validate(probe, shared::op::set_partnership{request.partners}, shared::actor{1}))
    return reply(protocol::error{"invalid", e->message});

  trajectory_record record;
  record.id = make_trajectory_id();
  record.join_code = make_join_code();
  const std::string secret = make_token();
  record.coordinator_secret_hash = sha256_hex(secret);
  record.partnership_json = protocol::encode_partnership(request.partners).dump();
  record.created_at_ms = now_ms();
  const std::string token = make_token();

  // The new trajectory is this instance's before its first commit (on a shared database).
  store_.run([id = record.id, here = location_](store& s) { s.claim(id, here); });
  room_data data;
  data.record = record;
  auto r = std::make_shared<room>(net::make_strand(io_.get_executor()), data, store_, metrics_,
                                  options_.room);
  net::post(strand_, [self = shared_from_this(), r, record, secret, token,
                      me = std::move(request.me), reply = std::move(reply)]() mutable {
    self->rooms_[record.id] = r;
    ++self->metrics_.rooms;
    participant_record p{sha256_hex(token), record.id, shared::no_person};
    r->add_person(
        std::move(me), true, std::move(p), record,
        [record, secret, token, reply](std::optional<shared::person_id> id, std::string error) {
          if (!id) return reply(protocol::error{"unavailable", error});
          reply(protocol::created{record.id, record.join_code, secret, token, *id});
        });
  });
}

void hub::join(protocol::join_trajectory request, std::string address, joined_reply reply) {
  if (auto e = check_profile(request.me)) return reply(*e);
  net::post(strand_, [self = shared_from_this(), request = std::move(request),
                      address = std::move(address), reply = std::move(reply)]() mutable {
    if (self->too_many_failures(address))
      return reply(protocol::error{
          "rate_limited", "Te veel onjuiste teamcodes geprobeerd. Wacht een paar minuten."});
    // A team code, or the coordinator secret (which makes the joiner a coordinator).
    const std::string code = normalise_join_code(request.join_code);
    const std::string secret_hash = sha256_hex(request.join_code);
    self->store_.run([self, code, secret_hash, request = std::move(request),
                      address = std::move(address), reply = std::move(reply)](store& s) mutable {
      bool coordinator = false;
      auto id = s.trajectory_by_join_code(code);
      if (!id) {
        id = s.trajectory_by_coordinator_secret(secret_hash);
        coordinator = id.has_value();
      }
      net::post(self->strand_, [self, id, coordinator, request = std::move(request),
                                address = std::move(address), reply = std::move(reply)]() mutable {
        if (!id) {
          self->record_failure(address);
          return reply(protocol::error{
              "unknown_code", "Deze teamcode is onbekend. Controleer de code bij de coördinator."});
        }
        self->open_room(*id, [self, coordinator, request_id = *id, request = std::move(request),
                              reply = std::move(reply)](std::shared_ptr<room> r) mutable {
          if (!r) return reply(self->not_here(request_id));
          const std::string token = make_token();
          participant_record p{sha256_hex(token), r->id(), shared::no_person};
          r->add_person(
              std::move(request.me), coordinator, std::move(p), std::nullopt,
              [r, token, reply](std::optional<shared::person_id> person, std::string error) {
                if (!person) return reply(protocol::error{"unavailable", error});
                reply(protocol::joined{r->id(), token, *person});
              });
        });
      });
    });
  });
}

void hub::hello(protocol::hello request, hello_reply reply) {
  store_.run([self = shared_from_this(), hash = sha256_hex(request.token),
              reply = std::move(reply)](store& s) mutable {
    auto participant = s.participant(hash);
    if (!participant)
      return reply(protocol::error{
          "unauthorised",
          "Je toegang is niet (meer) geldig. Meld je opnieuw aan met de teamcode."});
    self->open_room(participant->trajectory_id,
                    [self, id = participant->trajectory_id, person = participant->person,
                     reply = std::move(reply)](std::shared_ptr<room> r) {
                      if (!r) return reply(self->not_here(id));
                      reply(session_grant{std::move(r), person});
                    });
  });
}

void hub::member_state(std::string token, state_reply reply) {
  hello(protocol::hello{std::move(token), {}, 0},
        [reply = std::move(reply)](std::variant<session_grant, protocol::error> grant) {
          if (auto* e = std::get_if<protocol::error>(&grant)) return reply(*e);
          std::get<session_grant>(grant).target->read_state(
              [reply](shared::trajectory t) { reply(std::move(t)); });
        });
}

void hub::open_room(std::string id, std::function<void(std::shared_ptr<room>)> done) {
  net::post(
      strand_, [self = shared_from_this(), id = std::move(id), done = std::move(done)]() mutable {
        if (auto it = self->rooms_.find(id); it != self->rooms_.end()) {
          // A broken room (its commit failed, e.g. the database session was lost) is loaded
          // anew, which claims the trajectory again.
          if (!it->second->closed() && !it->second->broken()) return done(it->second);
          self->rooms_.erase(it);
          --self->metrics_.rooms;
        }
        auto& waiters = self->loading_[id];
        waiters.push_back(std::move(done));
        if (waiters.size() > 1) return;  // already loading
        self->store_.run([self, id](store& s) {
          std::shared_ptr<room> loaded;
          ownership owner;
          try {
            owner = s.claim(id, self->location_);
            if (!owner.ours) log_debug("room " + id + " is served by " + owner.owner);
            if (auto data = owner.ours ? s.load_room(id) : std::nullopt)
              loaded = std::make_shared<room>(net::make_strand(self->io_.get_executor()), *data,
                                              self->store_, self->metrics_, self->options_.room);
          } catch (const std::exception& e) {
            log_error("loading room " + id + " failed: " + e.what());
          }
          net::post(self->strand_, [self, id, loaded, owner] {
            if (loaded) {
              self->rooms_[id] = loaded;
              ++self->metrics_.rooms;
            }
            if (owner.ours)
              self->served_elsewhere_.erase(id);
            else
              self->served_elsewhere_[id] = owner.owner;
            auto waiters = std::move(self->loading_[id]);
            self->loading_.erase(id);
            for (auto& w : waiters) w(loaded);
          });
        });
      });
}

void hub::set_location(std::string location) { location_ = std::move(location); }

protocol::error hub::not_here(const std::string& id) const {
  auto it = served_elsewhere_.find(id);
  if (it == served_elsewhere_.end() || it->second.empty()) return unavailable();
  return {"moved", "Deze leerlijn staat op een andere server; je wordt doorverbonden.", it->second};
}

void hub::unload_idle() {
  net::post(strand_, [self = shared_from_this()] {
    for (const auto& [id, r] : self->rooms_) {
      r->try_close([self, id = id, r = r](bool closed) {
        if (!closed) return;
        net::post(self->strand_, [self, id, r] {
          auto it = self->rooms_.find(id);
          if (it != self->rooms_.end() && it->second == r) {
            self->rooms_.erase(it);
            --self->metrics_.rooms;
            log_debug("unloaded idle room " + id);
          }
        });
      });
    }
    // Forget old join failures so the map cannot grow without bound.
    const auto cutoff = std::chrono::steady_clock::now() - self->options_.join_failure_window;
    for (auto it = self->join_failures_.begin(); it != self->join_failures_.end();) {
      std::erase_if(it->second, [&](auto t) { return t < cutoff; });
      it = it->second.empty() ? self->join_failures_.erase(it) : std::next(it);
    }
  });
}

bool hub::too_many_failures(const std::string& address) {
  auto it = join_failures_.find(address);
  if (it == join_failures_.end()) return false;
  const auto cutoff = std::chrono::steady_clock::now() - options_.join_failure_window;
  std::erase_if(it->second, [&](auto t) { return t < cutoff; });
  return static_cast<int>(it->second.size()) >= options_.max_join_failures;
}

void hub::record_failure(const std::string& address) {
  join_failures_[address].push_back(std::chrono::steady_clock::now());
}

}  // namespace jos::server
