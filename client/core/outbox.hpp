#pragma once
// Our changes on their way to the server. Each op gets its client_seq here; the local
// journal keeps the confirmed state and everything not yet confirmed, so quitting, a crash
// or a closed browser tab loses nothing; and an op goes out only once the journal that
// numbers it is durable, so a crash can never make us reuse a client_seq the server has
// already seen.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "client/core/journal_writer.hpp"
#include "client/core/replica.hpp"

namespace jos::client {

class outbox {
 public:
  using send_function = std::function<void(std::uint64_t link, std::string text)>;

  // `own_thread`: see make_journal_writer. `written` is called when a journal write became
  // durable (possibly on another thread).
  outbox(bool own_thread, std::function<void()> written);
  ~outbox();
  outbox(const outbox&) = delete;
  outbox& operator=(const outbox&) = delete;

  // Opens the journal of a trajectory in `file` and, if it is this installation's, restores
  // `r` from it. Returns what the person should know about a damaged journal (Dutch).
  std::vector<std::string> open(std::filesystem::path file, std::string client_id,
                                std::string trajectory_id, replica& r);
  // Writes what is pending and closes the journal.
  void close(const replica& r);
  bool is_open() const { return writer_ != nullptr; }
  const std::string& trajectory_id() const { return trajectory_id_; }

  // After anything changed: numbers what may go out now (when `may_send`), writes the
  // journal, and queues the ops for `link`.
  // Returns the changes given up because no frame could carry them (their text kept).
  std::vector<dropped_change> after_change(replica& r, std::uint64_t link, bool may_send);
  // Sends, in order, what waits and whose journal is durable.
  void flush(std::uint64_t link, const send_function& send);
  // What was queued for a link that is gone is sent again from the replica later.
  void link_lost() { queued_.clear(); }
  // A snapshot replaced the confirmed state (its encoding must be made anew).
  void state_replaced() { ++resets_; }
  std::string last_error() const;

 private:
  void save(const replica& r, bool force);

  struct queued {
    std::uint64_t link = 0;
    std::uint64_t journal_generation = 0;
    std::string text;
  };

  bool own_thread_;
  std::function<void()> written_;
  std::unique_ptr<journal_writer> writer_;
  std::string client_id_;
  std::string trajectory_id_;
  std::uint64_t next_client_seq_ = 1;
  std::vector<queued> queued_;  // sends waiting until the journal holds their ops
  std::uint64_t journal_generation_ = 0;
  std::uint64_t saved_revision_ = 0;
  std::chrono::steady_clock::time_point saved_at_;
  // The encoded confirmed state, reused while it did not change.
  std::string state_json_;
  std::uint64_t state_json_seq_ = ~std::uint64_t{0};
  std::uint64_t resets_ = 0;
  std::uint64_t state_json_resets_ = 0;
};

}  // namespace jos::client
