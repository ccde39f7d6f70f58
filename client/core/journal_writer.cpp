#include "client/core/journal_writer.hpp"

#include <deque>
#include <utility>

#include "client/core/files.hpp"
#include "client/core/storage_sync.hpp"

namespace jos::client {
namespace {

// Writes in save() itself; a version is durable once the storage sync asked for after
// writing it has completed.
class inline_journal_writer final : public journal_writer {
 public:
  inline_journal_writer(std::filesystem::path file, std::function<void()> written)
      : file_(std::move(file)), listener_(add_storage_listener(std::move(written))) {}
  ~inline_journal_writer() override { remove_storage_listener(listener_); }
  inline_journal_writer(const inline_journal_writer&) = delete;
  inline_journal_writer& operator=(const inline_journal_writer&) = delete;

  std::uint64_t save(std::string contents) override {
    std::string error;
    // A failed write still counts as done: holding back every send because the storage
    // is full would be worse than losing the journal's protection. The UI shows the error.
    write_error_ = write_file_durably(file_, contents, error) ? std::string{} : error;
    waiting_.emplace_back(++saved_, request_storage_sync());
    return saved_;
  }

  std::uint64_t durable() const override {
    const std::uint64_t synced = storage_synced();
    while (!waiting_.empty() && waiting_.front().second <= synced) {
      durable_ = waiting_.front().first;
      waiting_.pop_front();
    }
    return durable_;
  }

  // The browser cannot wait for its storage; the file itself is already written.
  void flush() override {}

  std::string last_error() const override {
    if (!write_error_.empty()) return write_error_;
    return storage_sync_error();
  }

 private:
  std::filesystem::path file_;
  std::uint64_t listener_;
  std::uint64_t saved_ = 0;
  std::string write_error_;
  // Generation and the sync ticket that makes it durable, oldest first.
  mutable std::deque<std::pair<std::uint64_t, std::uint64_t>> waiting_;
  mutable std::uint64_t durable_ = 0;
};

}  // namespace

std::unique_ptr<journal_writer> make_journal_writer(std::filesystem::path file,
                                                    std::function<void()> written,
                                                    bool own_thread) {
#ifndef __EMSCRIPTEN__
  if (own_thread) return make_threaded_journal_writer(std::move(file), std::move(written));
#else
  (void)own_thread;  // the browser has no threads to give the journal
#endif
  return std::make_unique<inline_journal_writer>(std::move(file), std::move(written));
}

}  // namespace jos::client
