#include "server/admin.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <charconv>
#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>

#include "server/database_lock.hpp"
#include "server/hub.hpp"
#include "server/open_store.hpp"
#include "server/person_export.hpp"
#include "server/private_path.hpp"
#include "server/sqlite_store.hpp"
#include "server/store_worker.hpp"
#include "server/stored_state.hpp"

namespace jos::server {
namespace {

namespace fs = std::filesystem;
namespace net = boost::asio;

// A plain connection for what the store interface does not offer (backup, pragmas).
class sqlite_connection {
 public:
  sqlite_connection(const std::string& path, int flags) {
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "geen geheugen";
      sqlite3_close(db_);
      throw store_error("kan " + path + " niet openen: " + message);
    }
    sqlite3_busy_timeout(db_, 5000);
  }
  ~sqlite_connection() { sqlite3_close(db_); }
  sqlite_connection(const sqlite_connection&) = delete;
  sqlite_connection& operator=(const sqlite_connection&) = delete;
  sqlite3* get() const { return db_; }

  // The rows of a query, each column as text.
  std::vector<std::vector<std::string>> rows(const char* sql) const {
    std::vector<std::vector<std::string>> out;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr) != SQLITE_OK)
      throw store_error(std::string("SQLite: ") + sqlite3_errmsg(db_));
    int rc = 0;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      auto& row = out.emplace_back();
      for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
        row.emplace_back(text != nullptr ? text : "");
      }
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) throw store_error(std::string("SQLite: ") + sqlite3_errmsg(db_));
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
};

// Admin commands never create a database by mistyping its name.
void require_existing(const std::string& db) {
  if (!is_postgresql_url(db) && !fs::exists(db))
    throw store_error("database " + db + " bestaat niet");
}

// Backup, check and restore-coordinator work on the file itself.
void require_sqlite_file(const std::string& db) {
  if (is_postgresql_url(db))
    throw store_error(
        "dit werkt alleen op een SQLite-bestand; gebruik voor PostgreSQL de middelen van "
        "PostgreSQL zelf (pg_dump, pg_basebackup)");
  require_existing(db);
}

shared::trajectory load_state(store& from, const std::string& trajectory_id) {
  const auto data = from.load_room(trajectory_id);
  if (!data) throw store_error("geen leerlijn met id " + trajectory_id);
  return stored_state(*data);
}

shared::person_id find_person_by(const shared::trajectory& t, const std::string& person) {
  shared::person_id number = 0;
  const auto* end = person.data() + person.size();
  if (auto [p, ec] = std::from_chars(person.data(), end, number); ec == std::errc{} && p == end) {
    if (shared::find_person(t, number) != nullptr) return number;
  }
  shared::person_id found = shared::no_person;
  for (const auto& p : t.team) {
    if (p.name != person) continue;
    if (found != shared::no_person)
      throw store_error("meer teamleden heten ‘" + person + "’; geef het nummer (zie export)");
    found = p.id;
  }
  if (found == shared::no_person)
    throw store_error("geen teamlid ‘" + person + "’ in leerlijn " + t.id);
  return found;
}

template <typename Body>
int reporting(std::ostream& err, Body body) {
  try {
    return body();
  } catch (const std::exception& e) {
    err << "jos-server: " << e.what() << "\n";
    return 1;
  }
}

// Loads the trajectory's room from `db` and hands it to `use`, which calls `finished` once
// it is done; returns then, with everything committed durable. False: no such trajectory.
bool with_room(const std::string& db, const std::string& trajectory_id,
               const std::function<void(std::shared_ptr<room>, std::function<void()>)>& use) {
  require_sqlite_file(db);
  const database_lock lock(db);
  net::io_context io;
  auto work = net::make_work_guard(io);
  metrics stats;
  store_worker store(std::make_unique<sqlite_store>(db), stats);
  auto rooms = std::make_shared<hub>(io, store, stats);
  bool found = false;
  rooms->open_room(trajectory_id, [&](std::shared_ptr<room> r) {
    if (!r) return work.reset();
    found = true;
    use(std::move(r), [&] { work.reset(); });
  });
  io.run();
  store.stop();  // every commit queued is written before this returns
  return found;
}

}  // namespace

std::optional<std::vector<shared::person>> team_of(const std::string& db,
                                                   const std::string& trajectory_id) {
  std::vector<shared::person> team;
  const bool found = with_room(db, trajectory_id, [&](auto r, auto finished) {
    r->read_state([&, finished](shared::trajectory t) {
      team = std::move(t.team);
      finished();
    });
  });
  if (!found) return std::nullopt;
  return team;
}

restored_coordinator restore_coordinator(const std::string& db, const std::string& trajectory_id,
                                         shared::person_id person) {
  restored_coordinator out;
  const bool found = with_room(db, trajectory_id, [&](auto r, auto finished) {
    r->restore_coordinator(person, [&, finished](std::string error, protocol::codes codes) {
      out = {std::move(error), std::move(codes)};
      finished();
    });
  });
  if (!found) out.error = "Er is geen leerlijn " + trajectory_id + " in " + db + ".";
  return out;
}

int backup_database(const std::string& db, const std::string& to, std::ostream& out,
                    std::ostream& err) {
  return reporting(err, [&] {
    require_sqlite_file(db);
    const std::string partial = to + ".deel";
    fs::remove(partial);
    create_private(partial);
    {
      sqlite_connection source(db, SQLITE_OPEN_READWRITE);
      sqlite_connection target(partial, SQLITE_OPEN_READWRITE);
      sqlite3_backup* backup = sqlite3_backup_init(target.get(), "main", source.get(), "main");
      if (backup == nullptr)
        throw store_error(std::string("back-up: ") + sqlite3_errmsg(target.get()));
      // All pages in one step: one read transaction, so the copy is one moment of the
      // database, however much the server writes meanwhile.
      int rc = SQLITE_BUSY;
      for (int tries = 0; tries < 100 && (rc == SQLITE_BUSY || rc == SQLITE_LOCKED); ++tries) {
        rc = sqlite3_backup_step(backup, -1);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) usleep(50'000);
      }
      sqlite3_backup_finish(backup);
      if (rc != SQLITE_DONE) {
        fs::remove(partial);
        throw store_error(std::string("back-up mislukt: ") + sqlite3_errstr(rc));
      }
    }
    fs::rename(partial, to);
    out << "Back-up van " << db << " staat in " << to << "\n";
    return 0;
  });
}

int check_database(const std::string& db, std::ostream& out, std::ostream& err) {
  return reporting(err, [&] {
    require_sqlite_file(db);
    int problems = 0;
    {
      sqlite_connection c(db, SQLITE_OPEN_READWRITE);
      const auto integrity = c.rows("PRAGMA integrity_check");
      const bool ok = integrity.size() == 1 && integrity[0][0] == "ok";
      out << "Integriteit: " << (ok ? "in orde" : "FOUT") << "\n";
      if (!ok) {
        ++problems;
        for (const auto& row : integrity) out << "  " << row[0] << "\n";
      }
      const auto pages = c.rows(
          "SELECT (SELECT page_count FROM pragma_page_count()), (SELECT page_size FROM "
          "pragma_page_size()), (SELECT freelist_count FROM pragma_freelist_count())");
      out << "Pagina's: " << pages[0][0] << " van " << pages[0][1] << " bytes, waarvan "
          << pages[0][2] << " vrij\n";
    }
    std::error_code ec;
    out << "Bestand: " << fs::file_size(db, ec) << " bytes; WAL: ";
    const auto wal = fs::file_size(db + "-wal", ec);
    out << (ec ? 0 : wal) << " bytes\n";

    sqlite_store store(db);
    const auto all = store.trajectories();
    out << "Leerlijnen: " << all.size() << "\n";
    for (const auto& r : all) {
      try {
        const auto data = store.load_room(r.id);
        const auto state = stored_state(*data);
        out << "  " << r.id << "  in orde: " << state.team.size() << " teamleden, "
            << data->tail.size() << " wijzigingen na de snapshot (" << data->snapshot_json.size()
            << " bytes)\n";
      } catch (const std::exception& e) {
        ++problems;
        out << "  " << r.id << "  LAADT NIET: " << e.what() << "\n";
      }
    }
    out << (problems == 0 ? "Alles in orde.\n" : "Er zijn problemen gevonden.\n");
    return problems == 0 ? 0 : 1;
  });
}

int erase_person_command(const std::string& db, const std::string& trajectory_id,
                         const std::string& person, std::ostream& out, std::ostream& err) {
  return reporting(err, [&] {
    require_existing(db);
    database_lock exclusive(db);
    // On PostgreSQL the trajectory's own lock excludes a server instead (pg_store.hpp).
    auto store = open_store(db);
    const auto id = find_person_by(load_state(*store, trajectory_id), person);
    store->erase_person(trajectory_id, id);
    out << "Teamlid " << id << " is gewist uit leerlijn " << trajectory_id
        << "; wat diegene schreef staat er nog, als ‘verwijderd teamlid’.\n";
    return 0;
  });
}

int erase_trajectory_command(const std::string& db, const std::string& trajectory_id,
                             std::ostream& out, std::ostream& err) {
  return reporting(err, [&] {
    require_existing(db);
    database_lock exclusive(db);
    auto store = open_store(db);
    if (!store->load_room(trajectory_id))
      throw store_error("geen leerlijn met id " + trajectory_id);
    store->erase_trajectory(trajectory_id);
    out << "Leerlijn " << trajectory_id << " is gewist.\n";
    return 0;
  });
}

int export_person_command(const std::string& db, const std::string& trajectory_id,
                          const std::string& person, export_format format, std::ostream& out,
                          std::ostream& err) {
  return reporting(err, [&] {
    require_existing(db);
    auto store = open_store(db);
    const auto state = load_state(*store, trajectory_id);
    const auto id = find_person_by(state, person);
    if (format == export_format::json)
      out << person_export_json(state, id)->dump(2) << "\n";
    else
      out << *person_export_text(state, id);
    return 0;
  });
}

}  // namespace jos::server
