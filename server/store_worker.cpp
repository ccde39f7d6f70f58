#include "server/store_worker.hpp"

#include <chrono>

#include "server/log.hpp"

namespace jos::server {

store_worker::store_worker(std::unique_ptr<store> s, metrics& m)
    : store_(std::move(s)), metrics_(m), thread_([this] { loop(); }) {}

store_worker::~store_worker() { stop(); }

void store_worker::commit(commit_item item, commit_done done) {
  {
    std::lock_guard lock(mutex_);
    queue_.emplace_back(pending_commit{std::move(item), std::move(done)});
  }
  wake_.notify_one();
}

void store_worker::run(job j) {
  {
    std::lock_guard lock(mutex_);
    queue_.emplace_back(std::move(j));
  }
  wake_.notify_one();
}

void store_worker::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

void store_worker::flush(std::vector<pending_commit>& group) {
  if (group.empty()) return;
  std::vector<commit_item> items;
  items.reserve(group.size());
  for (auto& g : group) items.push_back(std::move(g.item));
  const auto start = std::chrono::steady_clock::now();
  bool durable = true;
  try {
    for (const auto& item : items)
      if (failed_.count(item.trajectory_id))
        throw store_error("an earlier commit of this trajectory failed");
    store_->commit(items);
  } catch (const disk_full_error& e) {
    if (!disk_full_.exchange(true))
      log_error(std::string("disk full, writes refused: ") + e.what());
    durable = false;
  } catch (const std::exception& e) {
    log_error("commit of " + std::to_string(items.size()) + " items failed: " + e.what());
    durable = false;
  }
  if (!durable) {
    ++metrics_.store_errors;
    for (const auto& item : items) failed_.insert(item.trajectory_id);
  }
  metrics_.commit_latency(
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  ++metrics_.commits;
  for (auto& g : group) g.done(durable);
  group.clear();
}

void store_worker::check_space() {
  // Room for a few WAL pages and the checkpoint after them; SQLite needs no more to go on.
  constexpr std::uint64_t enough = 1 << 20;
  if (const auto free = metrics_.disk_free(); free && *free >= enough) {
    disk_full_ = false;
    log_warn("disk has space again, writes resume");
  }
}

void store_worker::loop() {
  std::vector<pending_commit> group;
  for (;;) {
    std::deque<task> batch;
    {
      std::unique_lock lock(mutex_);
      while (!stopping_ && queue_.empty()) {
        if (!disk_full_) {
          wake_.wait(lock);
        } else if (!wake_.wait_for(lock, std::chrono::seconds(1),
                                   [this] { return stopping_ || !queue_.empty(); })) {
          check_space();
        }
      }
      if (queue_.empty() && stopping_) return;
      batch.swap(queue_);
    }
    if (disk_full_) check_space();
    for (auto& t : batch) {
      if (auto* c = std::get_if<pending_commit>(&t)) {
        group.push_back(std::move(*c));
        continue;
      }
      // A job sees everything committed before it was queued.
      flush(group);
      try {
        std::get<job>(t)(*store_);
      } catch (const std::exception& e) {
        ++metrics_.store_errors;
        log_error(std::string("store job failed: ") + e.what());
      }
    }
    flush(group);
  }
}

}  // namespace jos::server
