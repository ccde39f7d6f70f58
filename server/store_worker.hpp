#pragma once
// Owns the store on one thread. Commits that queue up while a commit is running are
// written together in the next transaction (group commit), so one fsync serves many ops.

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <variant>

#include "server/metrics.hpp"
#include "server/store.hpp"

namespace jos::server {

class store_worker {
 public:
  // Called on the store thread once the item is durable (true) or failed (false).
  using commit_done = std::function<void(bool durable)>;
  using job = std::function<void(store&)>;

  store_worker(std::unique_ptr<store> s, metrics& m);
  ~store_worker();  // finishes everything queued, then stops
  store_worker(const store_worker&) = delete;
  store_worker& operator=(const store_worker&) = delete;

  void commit(commit_item item, commit_done done);
  void run(job j);  // in order with commits

  // After a commit failed for want of space: rooms refuse new ops (reads go on) until the
  // database's disk has space again, checked every second.
  bool disk_full() const { return disk_full_.load(); }
  // On the store thread, when a trajectory is loaded anew: its earlier failed commits are
  // behind it. Until then every commit of a trajectory whose commit failed fails too, so
  // that no later op is stored after a missing one.
  void loaded(const std::string& trajectory_id) { failed_.erase(trajectory_id); }
  void stop();  // idempotent; drains the queue first

 private:
  struct pending_commit {
    commit_item item;
    commit_done done;
  };
  using task = std::variant<pending_commit, job>;

  void loop();
  void flush(std::vector<pending_commit>& group);
  void check_space();

  std::unique_ptr<store> store_;
  metrics& metrics_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<task> queue_;
  bool stopping_ = false;
  std::atomic<bool> disk_full_{false};
  std::set<std::string> failed_;  // store thread only
  std::thread thread_;
};

}  // namespace jos::server
