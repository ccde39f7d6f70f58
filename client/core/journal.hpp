#pragma once
// The local journal of one trajectory: the confirmed state the client last had, the ops
// the server has not confirmed yet, and the client_seq counter, as JSON lines in a file
// under the config directory. Quitting, a crash or a restart while offline loses nothing:
// the next run restores the replica from it and resends each op with its original
// client_seq (the server recognises a resend and does not apply it twice).
//
// Line 1: {"journal":1,"client_id":...,"trajectory_id":...,"seq":N,"next_client_seq":M}
// Line 2: {"state":{...}}            (the confirmed state at seq N; absent without one)
// Then one line per pending op: {"client_seq":K,"op":{...}}   (K = 0: never sent)
// with "ballot":true for an anonymous ballot (numbered apart from the client's ops)

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "client/core/replica.hpp"
#include "shared/model.hpp"

namespace jos::client {

struct journal_contents {
  std::string client_id;
  std::string trajectory_id;
  std::uint64_t next_client_seq = 1;
  std::uint64_t seq = 0;
  std::optional<shared::trajectory> state;
  std::deque<pending_op> ops;
};

// `state_json` is the encoded confirmed state (or empty), so callers can reuse it while
// the state did not change.
std::string encode_journal(const std::string& client_id, const std::string& trajectory_id,
                           std::uint64_t next_client_seq, std::uint64_t seq,
                           const std::string& state_json, const std::deque<pending_op>& ops);
std::optional<journal_contents> decode_journal(std::string_view text, std::string& error);

// Writes the latest contents on its own thread (each write replaces the file durably), so
// the UI thread never waits for the disk. Versions handed in while a write runs are
// coalesced: only the newest is written.
class journal_writer {
 public:
  journal_writer(std::filesystem::path file, std::function<void()> written);
  ~journal_writer();  // writes what is still queued
  journal_writer(const journal_writer&) = delete;
  journal_writer& operator=(const journal_writer&) = delete;

  // Returns the generation of this version; durable() reaches it once it is on disk.
  std::uint64_t save(std::string contents);
  std::uint64_t durable() const;
  void flush();
  std::string last_error() const;
  const std::filesystem::path& file() const { return file_; }

 private:
  void run();

  std::filesystem::path file_;
  std::function<void()> written_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::optional<std::string> next_;
  std::uint64_t requested_ = 0;
  std::uint64_t durable_ = 0;
  std::string error_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace jos::client
