#pragma once
// One trajectory's authoritative state. Everything runs on the room's strand: each op is
// validated, applied and given the next sequence number, then goes out to the others at
// once while it is committed; its sender gets the op back only once it is durable, and that
// copy is its acknowledgement. Everyone receives the ops in sequence order.
//
// Others may thus hold an op that a crash loses. Each run of the room has its own epoch,
// sent in welcome; a client that comes back with another epoch (or none) gets the whole
// state, never a catch-up on top of ops this run never had.

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/strand.hpp>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/limits.hpp"
#include "protocol/messages.hpp"
#include "server/connection.hpp"
#include "server/metrics.hpp"
#include "server/store.hpp"
#include "server/store_worker.hpp"
#include "shared/model.hpp"
#include "shared/rules.hpp"

namespace jos::server {

struct room_options {
  std::uint64_t snapshot_every = 500;   // ops between stored snapshots
  std::size_t history_size = 4096;      // recent ops kept for catch-up and transformation
  std::uint64_t max_catch_up = 2000;    // beyond this a reconnecting client gets a snapshot
  bool broadcast_after_commit = false;  // hold every member, not only the sender
  std::size_t max_trajectory_bytes = protocol::max_trajectory_bytes;  // the state's JSON
  int retention_months = 0;  // told to every client in welcome (--retention-months)
};

// One installation of one person: the key of every mark, resend check and acknowledgement.
using client_key = std::pair<shared::person_id, std::string>;

class room : public std::enable_shared_from_this<room> {
 public:
  using executor = boost::asio::strand<boost::asio::any_io_executor>;
  // person or error text (Dutch)
  using join_done = std::function<void(std::optional<shared::person_id>, std::string)>;

  // Rebuilds the room from stored data; throws store_error if the data does not decode.
  room(executor strand, const room_data& data, store_worker& store, metrics& m,
       room_options options = {});

  const std::string& id() const { return id_; }

  // Adds a person (join, or the creator) and records their token hash in the same commit.
  // `created` is set for the first person of a new trajectory.
  void add_person(protocol::profile who, bool coordinator, participant_record token,
                  std::optional<trajectory_record> created, join_done done);

  // A connection says hello: it gets welcome, then a snapshot or the ops it missed.
  // `ballot_key` keeps this person's anonymous ballots (secrets.hpp).
  void attach(connection_ptr c, shared::person_id who, std::string ballot_key,
              std::string client_id, std::uint64_t last_seq, std::uint64_t epoch);
  void detach(const connection_ptr& c);
  void submit(const connection_ptr& c, protocol::submit message);
  // Who types where: passed on to the others, never stored.
  void focus(const connection_ptr& c, std::optional<shared::op::text_target> target);
  // A coordinator renews a code: stored first, then every coordinator connected gets the
  // new codes; the old code stops working as soon as it is stored.
  void rotate_code(const connection_ptr& c, protocol::access_code which);
  // A person's data (AVG): one's own, or as a coordinator anyone's; person_export or error.
  void export_person(const connection_ptr& c, shared::person_id person);
  // A code someone just got in with (normalised): the store keeps only its hash, so this is
  // how the room comes to know a code it did not make, to show it to coordinators.
  void learn_code(protocol::access_code which, std::string code);
  // The server's admin (jos-server restore-coordinator) makes `person` the only coordinator
  // and renews the coordinator code; `done` gets why not (Dutch), or no error and the codes.
  using restored = std::function<void(std::string error, protocol::codes codes)>;
  void restore_coordinator(shared::person_id person, restored done);

  // Closes the room if nobody is connected and nothing is pending; `done(true)` then.
  void try_close(std::function<void(bool closed)> done);
  bool closed() const { return closed_.load(); }
  bool broken() const { return broken_.load(); }  // a commit failed: load it anew

  // A copy of the state (for exports), taken on the strand.
  void read_state(std::function<void(shared::trajectory)> done);

  // For tests and the bench: the state's canonical JSON hash, on the strand, once every op
  // applied so far is durable (so that `seq` is both the state's and the committed one).
  void state_hash(std::function<void(std::uint64_t seq, std::string hash)> done);

 private:
  struct history_entry {
    std::uint64_t seq = 0;
    shared::person_id author = shared::no_person;
    std::string client_id;
    std::uint64_t client_seq = 0;
    shared::operation op;
    std::string element_json;  // the op as a broadcast element (ballots hidden)
  };
  struct member {
    connection_ptr conn;
    shared::person_id person = shared::no_person;
    std::string ballot_key;
    std::string client_id;
    std::uint64_t seen_seq = 0;  // ops up to here were in what it was sent on attach
    std::optional<shared::op::text_target> focus;
    // While an op of its own is being committed, what goes to this member waits here,
    // each message with the seq it must not run ahead of, so that the member learns of its
    // op only once it is durable, and of later ops only after it.
    // (A vector read from `held_from` on: a deque would allocate for every member, held
    // or not.)
    std::uint64_t hold_until = 0;
    std::vector<std::pair<std::uint64_t, std::shared_ptr<const std::string>>> held;
    std::size_t held_from = 0;
  };
  struct waiting_ack {
    std::uint64_t seq = 0;
    connection_ptr conn;
    std::uint64_t client_seq = 0;
  };

  // A resend (replay): the ack again, with the seq the op got the first time.
  struct replay {
    connection_ptr conn;
    shared::person_id person = shared::no_person;
    std::string client_id;
    std::uint64_t client_seq = 0;
    std::uint64_t before_seq = 0;  // seq of the client's latest op
  };

  void do_submit(const connection_ptr& c, protocol::submit message);
  // A cast_vote in an anonymous vote: ordered under the voter's stand-in, stored and sent
  // without voter, client id or client seq, acknowledged to the voter alone.
  void submit_ballot(const connection_ptr& c, const member& voter, protocol::submit message);
  void acknowledge_again(const connection_ptr& c, const client_key& key, std::uint64_t client_seq);
  void send_ack(const connection_ptr& c, std::uint64_t client_seq, std::uint64_t seq);
  void refuse_replay(const connection_ptr& c, std::uint64_t client_seq, bool store_failed);
  // Replays older than memory are looked up in the store, one at a time per room.
  void look_up_next_replay();
  // An anonymous ballot as accept() records it: under which key, with which client seq.
  struct ballot_entry {
    std::string key;
    std::uint64_t client_seq = 0;
  };
  // Validates, applies, sends the op to everyone but `sender` and commits; calls
  // `on_durable` on the strand after the commit. A `ballot` was validated as its voter
  // already and is applied under its stand-in, `author`.
  std::optional<shared::rule_error> accept(shared::operation op, shared::person_id author,
                                           const std::string& client_id, std::uint64_t client_seq,
                                           std::optional<participant_record> token,
                                           std::optional<trajectory_record> created,
                                           std::function<void()> on_durable,
                                           const connection_ptr& sender = nullptr,
                                           const ballot_entry* ballot = nullptr);
  bool transform_text(shared::op::edit_text& edit, std::uint64_t base_seq,
                      const client_key& sender) const;
  // Refuses a change that would grow the state past options_.max_trajectory_bytes; `growth`
  // is at least what it adds (see growth_bound in room.cpp).
  std::optional<shared::rule_error> refuse_growth(std::int64_t growth);
  // The snapshot message of the state now, encoded once for everyone who needs it at this seq.
  std::shared_ptr<const std::string> snapshot_message();
  void committed(std::uint64_t seq, bool durable);
  // Once everyone connected has voted, the server reveals the ballots itself.
  void reveal_when_all_voted(int meeting);
  // The stand-in for a voter new to the open anonymous vote.
  shared::person_id next_stand_in(int meeting) const;
  void broadcast(std::string message, std::uint64_t seq);
  // To one member, in order with everything else it gets: held while it waits on a commit.
  // `after` is the seq the message must not overtake (an op's own seq).
  void deliver(member& m, std::shared_ptr<const std::string> message, std::uint64_t after);
  // Ops up to committed_seq_ are durable: what was held up to there goes out.
  void release_held();
  void send_presence();
  void send_editing(const member& m);
  // The codes to a coordinator, or nothing (empty codes) to anyone else.
  void send_codes(member& m);
  // Nothing in memory names `person` or their devices any more (op::erase_person).
  void forget_person(shared::person_id person);
  // Someone was taken off the team: their sessions are told so and closed.
  void close_sessions_of(shared::person_id person);
  void rotate_next_code();
  member* find(const connection_ptr& c);

  executor strand_;
  std::string id_;
  store_worker& store_;
  metrics& metrics_;
  room_options options_;

  shared::trajectory state_;
  std::uint64_t seq_ = 0;
  std::uint64_t committed_seq_ = 0;
  std::uint64_t epoch_ = 0;  // names this run of the room (random, below 2^53)
  std::string join_code_;
  std::string coordinator_code_;
  // Renewals of codes, one at a time so that none undoes another.
  struct rotation {
    protocol::access_code which;
    std::function<void(bool stored)> reported;
  };
  std::deque<rotation> rotations_;
  bool rotating_ = false;
  // Per installation of a person: the highest client seq taken, and the seq it got.
  std::map<client_key, std::pair<std::uint64_t, std::uint64_t>> clients_;
  // The anonymous ballots since the last vote opened, by ballot key: the stand-in each
  // counts under, its last client seq and the seq that got, for resends. Stored as the
  // stand-in's marks; nothing in them names a person.
  struct ballot_mark {
    shared::person_id stand_in = shared::no_person;
    std::uint64_t client_seq = 0;
    std::uint64_t seq = 0;
  };
  std::map<std::string, ballot_mark> ballots_;
  // The state's JSON size: measured at load and with every stored snapshot, and in between
  // raised by what each op may add, so that it never falls below the truth for long.
  std::int64_t state_bytes_ = 0;
  std::shared_ptr<const std::string> snapshot_message_;  // of the state at snapshot_seq_
  std::uint64_t snapshot_seq_ = 0;
  std::deque<history_entry> history_;
  std::vector<member> members_;
  std::map<std::uint64_t, std::function<void()>> on_durable_;  // seq -> continuation
  std::vector<waiting_ack> waiting_acks_;
  std::vector<std::function<void()>> when_all_durable_;
  std::deque<replay> replays_;
  bool replay_lookup_running_ = false;
  std::atomic<bool> closed_{false};
  std::atomic<bool> broken_{false};
};

}  // namespace jos::server
