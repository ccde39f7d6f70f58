#include "server/server.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "server/context.hpp"
#include "server/database_lock.hpp"
#include "server/hub.hpp"
#include "server/listener.hpp"
#include "server/log.hpp"
#include "server/open_store.hpp"
#include "server/retention.hpp"
#include "server/store_worker.hpp"

namespace jos::server {
namespace {

// The browser client of `dir`, or of this build when none is named, or the one the package
// installed (a client that is not there is said once; `/` then explains it).
web_client load_web_client(const std::string& dir) {
  if (!dir.empty()) return web_client(dir);
  for (const char* candidate : {
#ifdef JOS_DEFAULT_WEB_DIR
           JOS_DEFAULT_WEB_DIR,
#endif
           JOS_INSTALLED_WEB_DIR}) {
    if (std::filesystem::is_regular_file(std::filesystem::path(candidate) / "index.html"))
      return web_client(candidate);
  }
  log_info("geen browserversie gevonden; / legt dat uit (zie --web)");
  return {};
}

}  // namespace

struct server::impl {
  config cfg;
  database_lock lock;  // before the store opens, after it closes
  net::io_context io;
  metrics stats;
  std::unique_ptr<store_worker> store;
  std::shared_ptr<hub> rooms;
  std::shared_ptr<server_context> ctx;
  std::shared_ptr<listener> accept;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work;
  std::unique_ptr<net::steady_timer> sweep;
  std::vector<std::thread> threads;
  bool stopped = false;
  std::uint64_t sweeps = 0;

  explicit impl(config c) : cfg(std::move(c)), lock(cfg.db), io(cfg.threads) {
    set_log_level(cfg.level);
    // The disk that fills up is the database's; PostgreSQL's is the operator's to watch.
    if (!is_postgresql_url(cfg.db))
      stats.watch_disk(std::filesystem::absolute(cfg.db).parent_path().string());
    store = std::make_unique<store_worker>(open_store(cfg.db), stats);
    hub_options options;
    options.room.snapshot_every = cfg.snapshot_every;
    options.room.max_catch_up = cfg.max_catch_up;
    options.room.broadcast_after_commit = cfg.broadcast_after_commit;
    options.wrong_codes.free = cfg.free_wrong_codes;
    options.wrong_codes.first = cfg.wrong_code_delay;
    options.creation_code = cfg.creation_code;
    options.creates_per_hour = cfg.creates_per_hour;
    options.room.max_trajectory_bytes = cfg.max_trajectory_bytes;
    options.room.retention_months = cfg.retention_months;
    rooms = std::make_shared<hub>(io, *store, stats, options);
    ctx = std::make_shared<server_context>(cfg, stats, rooms);
    ctx->web = load_web_client(cfg.web_dir);

    std::shared_ptr<ssl::context> tls;
    if (!cfg.tls_cert.empty()) {
      tls = std::make_shared<ssl::context>(ssl::context::tls_server);
      tls->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                       ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
      // TLS 1.2 only with forward secrecy and authenticated encryption (ECDHE with AES-GCM
      // or ChaCha20-Poly1305), the server's order first; TLS 1.3's suites all are.
      if (SSL_CTX_set_cipher_list(tls->native_handle(), "ECDHE+AESGCM:ECDHE+CHACHA20") != 1)
        throw std::runtime_error("no TLS 1.2 cipher suite with ECDHE and AEAD available");
      SSL_CTX_set_options(tls->native_handle(), SSL_OP_CIPHER_SERVER_PREFERENCE);
      tls->use_certificate_chain_file(cfg.tls_cert);
      tls->use_private_key_file(cfg.tls_key, ssl::context::pem);
    }
    const auto address = net::ip::make_address(cfg.listen);
    accept = std::make_shared<listener>(io, tcp::endpoint{address, cfg.port}, ctx, tls);
    const std::string host = address.is_v6() ? "[" + cfg.listen + "]" : cfg.listen;
    rooms->set_location(!cfg.advertise.empty() ? cfg.advertise
                                               : std::string(tls ? "wss://" : "ws://") + host +
                                                     ":" + std::to_string(accept->port()));
  }

  void schedule_sweep() {
    sweep->expires_after(std::chrono::seconds(30));
    sweep->async_wait([this](beast::error_code ec) {
      if (ec) return;
      rooms->unload_idle();
      if (++sweeps % 120 == 0) erase_expired();  // hourly
      if (sweeps % 10 == 0) rooms->finish_erasures();
      schedule_sweep();
    });
  }

  void erase_expired() {
    if (cfg.retention_months > 0)
      rooms->erase_expired(cfg.retention_months, today_utc(), [](auto) {});
  }
};

server::server(config cfg) : impl_(std::make_unique<impl>(std::move(cfg))) {}

server::~server() { stop(); }

std::uint16_t server::port() const { return impl_->accept->port(); }

std::shared_ptr<hub> server::rooms() { return impl_->rooms; }

void server::start() {
  auto& i = *impl_;
  i.work.emplace(i.io.get_executor());
  i.accept->run();
  i.sweep = std::make_unique<net::steady_timer>(i.io);
  i.schedule_sweep();
  i.erase_expired();
  i.rooms->finish_erasures();
  for (int t = 0; t < i.cfg.threads; ++t) i.threads.emplace_back([&i] { i.io.run(); });
  log_info("jos-server luistert op " + i.cfg.listen + ":" + std::to_string(port()) +
           (i.cfg.tls_cert.empty() ? " (ws://)" : " (wss://)") + ", database " +
           (is_postgresql_url(i.cfg.db) ? "PostgreSQL" : i.cfg.db));
}

void server::stop() {
  auto& i = *impl_;
  if (i.stopped) return;
  i.stopped = true;
  if (i.threads.empty()) {
    i.store->stop();
    return;
  }
  i.accept->stop();
  net::post(i.io, [&i] {
    if (i.sweep) i.sweep->cancel();
  });
  for (auto& c : i.ctx->connections.all())
    c->close(protocol::error_code::restarting, "Server herstart");
  // Give the goodbyes a moment to be written; clients reconnect by themselves.
  for (int n = 0; n < 100 && i.stats.connections.load() > 0; ++n)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  i.store->stop();  // every queued commit is written before this returns
  i.work.reset();
  i.io.stop();
  for (auto& t : i.threads) t.join();
  i.threads.clear();
  log_info("jos-server gestopt");
}

void server::run_until_signal() {
  net::io_context signals_io;
  net::signal_set signals(signals_io, SIGINT, SIGTERM);
  signals.async_wait([](beast::error_code, int) {});
  if (!impl_->cfg.port_file.empty()) {
    std::ofstream(impl_->cfg.port_file) << port() << "\n";
  }
  signals_io.run();
  stop();
}

}  // namespace jos::server
