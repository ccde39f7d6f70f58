// The desktop's journal writer: a thread of its own writes each version durably (see
// files.hpp), so the UI thread never waits for the disk. Versions handed in while a write
// runs are coalesced: only the newest is written.
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "client/core/files.hpp"
#include "client/core/journal_writer.hpp"

namespace jos::client {
namespace {

class threaded_journal_writer final : public journal_writer {
 public:
  threaded_journal_writer(std::filesystem::path file, std::function<void()> written)
      : file_(std::move(file)), written_(std::move(written)), thread_([this] { run(); }) {}

  ~threaded_journal_writer() override {  // writes what is still queued
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }
  threaded_journal_writer(const threaded_journal_writer&) = delete;
  threaded_journal_writer& operator=(const threaded_journal_writer&) = delete;

  std::uint64_t save(std::string contents) override {
    std::uint64_t generation;
    {
      std::lock_guard lock(mutex_);
      next_ = std::move(contents);
      generation = ++requested_;
    }
    changed_.notify_all();
    return generation;
  }

  std::uint64_t durable() const override {
    std::lock_guard lock(mutex_);
    return durable_;
  }

  void flush() override {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return durable_ >= requested_; });
  }

  std::string last_error() const override {
    std::lock_guard lock(mutex_);
    return error_;
  }

 private:
  void run() {
    std::unique_lock lock(mutex_);
    for (;;) {
      changed_.wait(lock, [this] { return stop_ || next_.has_value(); });
      if (!next_) return;  // stopping with nothing left to write
      std::string contents = std::move(*next_);
      next_.reset();
      const std::uint64_t generation = requested_;
      lock.unlock();
      std::string error;
      const bool ok = write_file_durably(file_, contents, error);
      lock.lock();
      // A failed write still counts as done: holding back every send because the disk is
      // full would be worse than losing the journal's protection. The UI shows the error.
      error_ = ok ? std::string{} : error;
      durable_ = generation;
      changed_.notify_all();
      if (written_) {
        lock.unlock();
        written_();
        lock.lock();
      }
    }
  }

  std::filesystem::path file_;
  std::function<void()> written_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::optional<std::string> next_;
  std::uint64_t requested_ = 0;
  std::uint64_t durable_ = 0;
  std::string error_;
  bool stop_ = false;
  std::thread thread_;  // last: it starts running in the constructor
};

}  // namespace

std::unique_ptr<journal_writer> make_threaded_journal_writer(std::filesystem::path file,
                                                             std::function<void()> written) {
  return std::make_unique<threaded_journal_writer>(std::move(file), std::move(written));
}

}  // namespace jos::client
