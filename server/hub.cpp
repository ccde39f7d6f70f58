#include "server/hub.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cctype>

#include <openssl/crypto.h>

#include "protocol/state_codec.hpp"
#include "server/log.hpp"
#include "server/secrets.hpp"
#include "shared/rules.hpp"

namespace jos::server {
namespace {

namespace net = boost::asio;

protocol::error unavailable() {
  return {protocol::error_code::unavailable,
          "De server kan de leerlijn nu niet openen; probeer het zo opnieuw."};
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
    return protocol::error{protocol::error_code::invalid, e->message};
  return std::nullopt;
}

// Compared in constant time: how long a wrong guess takes says nothing about the code.
bool same_secret(const std::string& given, const std::string& expected) {
  return given.size() == expected.size() &&
         CRYPTO_memcmp(given.data(), expected.data(), given.size()) == 0;
}

// An older server's coordinator secret as typed: it was lowercase hex.
std::string legacy_secret(std::string_view typed) {
  std::string out;
  for (char c : typed)
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return out;
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
      options_(options),
      wrong_codes_(options.wrong_codes),
      creates_(options.creates_per_hour, std::chrono::hours(1)) {}

void hub::create(protocol::create_trajectory request, std::string address, created_reply reply) {
  if (auto e = check_profile(request.me)) return reply(*e);
  net::post(strand_, [self = shared_from_this(), request = std::move(request),
                      address = std::move(address), reply = std::move(reply)]() mutable {
    // Every attempt counts, a wrong creation code too: nobody guesses it quickly either.
    if (!self->creates_.take(address, std::chrono::steady_clock::now()))
      return reply(protocol::error{
          protocol::error_code::rate_limited,
          "Vanaf dit adres zijn in het afgelopen uur al veel leerlijnen gestart. Probeer het "
          "later opnieuw."});
    if (!self->options_.creation_code.empty() &&
        !same_secret(request.creation_code, self->options_.creation_code))
      return reply(protocol::error{
          protocol::error_code::creation_code,
          request.creation_code.empty()
              ? "Deze server vraagt een aanmaakcode om een leerlijn te starten. Vraag die aan "
                "de beheerder van de server."
              : "Deze aanmaakcode klopt niet. Vraag de juiste aan de beheerder van de server."});
    self->start(std::move(request), std::move(reply));
  });
}

void hub::start(protocol::create_trajectory request, created_reply reply) {
  shared::trajectory probe;
  shared::person coordinator{
      1, "c", shared::organisation::school, "", shared::staff_level::manager, true};
  probe.team.push_back(coordinator);
  if (auto e =
          shared::validate(probe, shared::op::set_partnership{request.partners}, shared::actor{1}))
    return reply(protocol::error{protocol::error_code::invalid, e->message});

  trajectory_record record;
  record.id = make_trajectory_id();
  record.join_code = make_join_code();
  record.coordinator_code = make_coordinator_code();
  record.partnership_json = protocol::encode_partnership(request.partners).dump();
  record.created_at_ms = now_ms();
  const std::string token = make_token();

  // The new trajectory is this instance's before its first commit (on a shared database).
  store_.run([id = record.id, here = location_](store& s) { s.claim(id, here); });
  room_data data;
  data.record = record;
  auto r = std::make_shared<room>(net::make_strand(io_.get_executor()), data, store_, metrics_,
                                  options_.room);
  rooms_[record.id] = r;
  ++metrics_.rooms;
  participant_record p{sha256_hex(token), record.id, shared::no_person};
  r->add_person(
      std::move(request.me), true, std::move(p), record,
      [record, token, reply](std::optional<shared::person_id> id, std::string error) {
        if (!id) return reply(protocol::error{protocol::error_code::unavailable, error});
        reply(protocol::created{record.id, record.join_code, record.coordinator_code, token, *id});
      });
}

void hub::join(protocol::join_trajectory request, std::string address, joined_reply reply) {
  if (auto e = check_profile(request.me)) return reply(*e);
  net::post(strand_, [self = shared_from_this(), request = std::move(request),
                      address = std::move(address), reply = std::move(reply)]() mutable {
    // Every code is checked at once: a right one is never refused or kept waiting, however
    // much its address guessed before (one guesser behind a school's NAT locks out nobody).
    // A team code, or the coordinator code (which makes the joiner a coordinator), or the
    // long coordinator secret an older server gave out.
    const std::string code = normalise_join_code(request.join_code);
    const std::string secret_hash = sha256_hex(legacy_secret(request.join_code));
    self->store_.run([self, code, secret_hash, request = std::move(request),
                      address = std::move(address), reply = std::move(reply)](store& s) mutable {
      auto match = s.trajectory_by_code(code);
      const bool by_code = match.has_value();  // not by an older server's secret
      if (!match)
        if (auto legacy = s.trajectory_by_coordinator_secret(secret_hash))
          match = code_match{*legacy, true};
      std::optional<std::string> id;
      bool coordinator = false;
      if (match) {
        id = match->trajectory_id;
        coordinator = match->coordinator;
      }
      net::post(self->strand_, [self, id, coordinator, by_code, code, request = std::move(request),
                                address = std::move(address), reply = std::move(reply)]() mutable {
        if (!id) return self->answer_wrong_code(address, std::move(reply));
        self->open_room(
            *id, [self, coordinator, by_code, code, request_id = *id, request = std::move(request),
                  reply = std::move(reply)](std::shared_ptr<room> r) mutable {
              if (!r) return reply(self->not_here(request_id));
              if (by_code)
                r->learn_code(
                    coordinator ? protocol::access_code::coordinator : protocol::access_code::team,
                    code);
              const std::string token = make_token();
              participant_record p{sha256_hex(token), r->id(), shared::no_person};
              r->add_person(
                  std::move(request.me), coordinator, std::move(p), std::nullopt,
                  [r, token, reply](std::optional<shared::person_id> person, std::string error) {
                    if (!person)
                      return reply(protocol::error{protocol::error_code::unavailable, error});
                    reply(protocol::joined{r->id(), token, *person});
                  });
            });
      });
    });
  });
}

void hub::hello(protocol::hello request, hello_reply reply) {
  store_.run([self = shared_from_this(), hash = sha256_hex(request.token),
              token = std::move(request.token), reply = std::move(reply)](store& s) mutable {
    auto participant = s.participant(hash);
    if (!participant)
      return reply(protocol::error{
          protocol::error_code::unauthorised,
          "Je toegang is niet (meer) geldig. Meld je opnieuw aan met de teamcode."});
    // Computed here, where the token is at hand; from now on only the key travels.
    std::string key = ballot_key(token, participant->trajectory_id);
    self->open_room(
        participant->trajectory_id,
        [self, id = participant->trajectory_id, person = participant->person, key = std::move(key),
         reply = std::move(reply)](std::shared_ptr<room> r) mutable {
          if (!r) return reply(self->not_here(id));
          reply(session_grant{std::move(r), person, std::move(key)});
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
          self->store_.loaded(id);
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
  return {protocol::error_code::moved,
          "Deze leerlijn staat op een andere server; je wordt doorverbonden.", it->second};
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
    // Forget old wrong codes and creations so the maps cannot grow without bound.
    const auto now = std::chrono::steady_clock::now();
    self->wrong_codes_.sweep(now);
    self->creates_.sweep(now);
  });
}

void hub::answer_wrong_code(const std::string& address, joined_reply reply) {
  const protocol::error unknown{
      protocol::error_code::unknown_code,
      "Deze teamcode is onbekend. Controleer de code bij de coördinator."};
  const auto delay = wrong_codes_.wrong_code(address, std::chrono::steady_clock::now());
  if (delay.count() == 0) return reply(unknown);
  auto timer = std::make_shared<net::steady_timer>(strand_, delay);
  timer->async_wait([timer, unknown, reply = std::move(reply)](boost::system::error_code) {
    reply(unknown);  // also when cancelled at shutdown: the answer is the same
  });
}

}  // namespace jos::server
