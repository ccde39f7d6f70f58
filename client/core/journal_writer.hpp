#pragma once
// Writes the journal's latest contents (see journal.hpp) so that the client never waits
// for the disk, and says which version is durable: an op goes out only once the journal
// that numbers it is, so a crash can never make the client reuse a client_seq the server
// has already seen.
//
// Two ways, one contract: on the desktop a thread of its own writes and fsyncs; without
// threads (the browser) save() writes at once to storage that becomes durable with the
// next storage sync (storage_sync.hpp), and durable() follows that sync.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace jos::client {

class journal_writer {
 public:
  virtual ~journal_writer() = default;
  // Returns the generation of this version; durable() reaches it once it is stored.
  virtual std::uint64_t save(std::string contents) = 0;
  virtual std::uint64_t durable() const = 0;
  // Waits until everything saved is written (where waiting is possible).
  virtual void flush() = 0;
  virtual std::string last_error() const = 0;
};

// `written` is called (on any thread) when a version became durable. `own_thread`: write
// on a thread of the writer's own (the desktop), or in save() itself (a single-threaded
// client; the only way in the browser).
std::unique_ptr<journal_writer> make_journal_writer(std::filesystem::path file,
                                                    std::function<void()> written, bool own_thread);

// The desktop's writer on its own thread (not built for the browser).
std::unique_ptr<journal_writer> make_threaded_journal_writer(std::filesystem::path file,
                                                             std::function<void()> written);

}  // namespace jos::client
