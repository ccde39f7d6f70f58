#pragma once
// Where a written file is durable only later. In the browser the client's files live in
// memory (emscripten's IDBFS) until a sync copies them to IndexedDB; on the desktop
// write_file_durably() is durable when it returns. Writers ask for a sync after writing,
// and whoever must wait for durability (the journal: an op goes out only once the journal
// that numbers it is stored) waits for their ticket.

#include <cstdint>
#include <functional>
#include <string>

namespace jos::client {

// Asks for everything written so far to be made durable; returns the ticket that says so.
std::uint64_t request_storage_sync();
// The highest ticket whose sync has completed (failed syncs count as completed; see
// storage_sync_error).
std::uint64_t storage_synced();
// Everything asked for is durable (no sync runs or waits).
bool storage_sync_idle();
// Why the last sync failed (Dutch), or empty.
std::string storage_sync_error();
// Called on the driving thread whenever a sync completed. Returns an id for removal.
std::uint64_t add_storage_listener(std::function<void()> listener);
void remove_storage_listener(std::uint64_t id);

}  // namespace jos::client
