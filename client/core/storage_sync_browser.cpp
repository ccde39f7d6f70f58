// The browser's storage: the client's files live in emscripten's IDBFS, in memory, and are
// copied to IndexedDB by FS.syncfs, which runs asynchronously. One sync runs at a time; a
// request made meanwhile is served by the next one, which starts when it ends.
#include <emscripten.h>

#include <map>

#include "client/core/storage_sync.hpp"

namespace jos::client {
namespace {

std::uint64_t requested = 0;
std::uint64_t running_for = 0;  // the ticket the running sync serves (0: none runs)
std::uint64_t synced = 0;
std::string last_error;
std::uint64_t next_listener = 0;
std::map<std::uint64_t, std::function<void()>> listeners;

// page.js: FS.syncfs(false), then jos_storage_synced.
EM_JS(void, jos_syncfs_start, (), { Module.josSyncStorage(); });

void start() {
  running_for = requested;
  jos_syncfs_start();
}

}  // namespace

std::uint64_t request_storage_sync() {
  ++requested;
  if (running_for == 0) start();
  return requested;
}

std::uint64_t storage_synced() { return synced; }
bool storage_sync_idle() { return running_for == 0 && synced == requested; }
std::string storage_sync_error() { return last_error; }

std::uint64_t add_storage_listener(std::function<void()> listener) {
  listeners[++next_listener] = std::move(listener);
  return next_listener;
}

void remove_storage_listener(std::uint64_t id) { listeners.erase(id); }

}  // namespace jos::client

// Called by FS.syncfs when a sync ended.
extern "C" EMSCRIPTEN_KEEPALIVE void jos_storage_synced(int failed) {
  using namespace jos::client;
  // A failed sync counts as done (as a failed write does on the desktop); the error shows.
  last_error = failed != 0 ? "de opslag van de browser (IndexedDB) weigert" : "";
  synced = running_for;
  running_for = 0;
  if (requested > synced) start();
  const auto copy = listeners;
  for (const auto& [id, listener] : copy)
    if (listener) listener();
}
