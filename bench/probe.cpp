#include "bench/probe.hpp"

#include <sqlite3.h>

#include <chrono>
#include <set>
#include <sstream>

#include "bench/wire.hpp"
#include "protocol/beast/net.hpp"
#include "protocol/codec.hpp"

namespace jos::bench {
namespace {

double ms_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

tcp::endpoint loopback(std::uint16_t port) { return {net::ip::make_address("127.0.0.1"), port}; }

void open_session(websocket::stream<tcp::socket>& ws, std::uint16_t port) {
  ws.next_layer().connect(loopback(port));
  ws.next_layer().set_option(tcp::no_delay(true));
  ws.read_message_max(64 * 1024 * 1024);
  ws.handshake("127.0.0.1:" + std::to_string(port), "/ws");
  ws.text(true);
}

std::string read_text(websocket::stream<tcp::socket>& ws) {
  beast::flat_buffer buffer;
  ws.read(buffer);
  return beast::buffers_to_string(buffer.cdata());
}

void send(websocket::stream<tcp::socket>& ws, const protocol::client_message& m) {
  ws.write(net::buffer(protocol::encode(m)));
}

}  // namespace

std::string create_trajectory_on(std::uint16_t port) {
  net::io_context io;
  websocket::stream<tcp::socket> ws(io);
  open_session(ws, port);
  send(ws, protocol::create_trajectory{
               {"School", "Jongerenwerk", shared::cooperation::existing},
               {"Bench", shared::organisation::school, "docent", shared::staff_level::manager},
               {}});
  std::string token;
  for (int messages = 0; messages < 100 && token.empty(); ++messages) {
    const auto decoded = protocol::decode_server(read_text(ws));
    const auto* m = std::get_if<protocol::server_message>(&decoded);
    if (m == nullptr) continue;
    if (const auto* c = std::get_if<protocol::created>(m)) token = c->token;
    if (const auto* e = std::get_if<protocol::error>(m))
      throw std::runtime_error("create refused: " + e->reason);
  }
  send(ws, protocol::hello{token, "bench-creator", 0});
  for (int messages = 0; messages < 100; ++messages)
    if (type_of(read_text(ws)) == "welcome") return token;
  throw std::runtime_error("no welcome after create");
}

bool hello_welcomed(std::uint16_t port, const std::string& token) {
  try {
    net::io_context io;
    websocket::stream<tcp::socket> ws(io);
    open_session(ws, port);
    send(ws, protocol::hello{token, "bench-failover", 0});
    for (int messages = 0; messages < 100; ++messages) {
      const auto type = type_of(read_text(ws));
      if (type == "welcome") return true;
      if (type == "error") return false;
    }
  } catch (const std::exception&) {
  }
  return false;
}

hello_timing time_hello(std::uint16_t port, const std::string& token,
                        const std::string& client_id) {
  net::io_context io;
  websocket::stream<tcp::socket> ws(io);
  open_session(ws, port);
  const std::string hello =
      protocol::encode(protocol::client_message{protocol::hello{token, client_id, 0}});
  hello_timing t;
  const auto start = std::chrono::steady_clock::now();
  ws.write(net::buffer(hello));
  beast::flat_buffer buffer;
  for (int messages = 0; messages < 100; ++messages) {
    ws.read(buffer);
    const auto data = buffer.cdata();
    const std::string_view m(static_cast<const char*>(data.data()), data.size());
    const auto type = type_of(m);
    if (type == "welcome") t.welcome_ms = ms_since(start);
    if (type == "snapshot") {
      t.snapshot_ms = ms_since(start);
      t.snapshot_bytes = m.size();
      std::size_t pos = 0;
      read_uint(m, R"("seq":)", pos, t.seq);
      break;
    }
    if (type == "error") throw std::runtime_error("hello refused: " + std::string(m));
    buffer.consume(buffer.size());
  }
  beast::error_code ignored;
  ws.close(websocket::close_code::normal, ignored);
  return t;
}

server_counters read_counters(std::uint16_t port) {
  server_counters c;
  try {
    net::io_context io;
    beast::tcp_stream stream(io);
    stream.connect(loopback(port));
    http::request<http::empty_body> request{http::verb::get, "/metrics", 11};
    request.set(http::field::host, "127.0.0.1");
    http::write(stream, request);
    beast::flat_buffer buffer;
    http::response<http::string_body> response;
    http::read(stream, buffer, response);
    std::istringstream lines(response.body());
    std::string name;
    std::uint64_t value = 0;
    std::string line;
    while (std::getline(lines, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::istringstream fields(line);
      if (!(fields >> name >> value)) continue;
      if (name == "jos_ops_accepted_total") c.ops_accepted = value;
      if (name == "jos_commit_seconds_count") c.commits = value;
      if (name == "jos_send_queue_overflows_total") c.send_queue_overflows = value;
      if (name == "jos_messages_sent_total") c.messages_sent = value;
    }
  } catch (const std::exception&) {
    // The relay has no /metrics; zeros say so.
  }
  return c;
}

store_check check_store(const std::string& db_path,
                        const std::vector<std::pair<std::uint32_t, std::uint64_t>>& acked) {
  store_check c;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + db_path);
  }
  auto query = [&](const char* sql, auto&& row) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK)
      throw std::runtime_error(std::string("SQLite: ") + sqlite3_errmsg(db));
    while (sqlite3_step(stmt) == SQLITE_ROW) row(stmt);
    sqlite3_finalize(stmt);
  };
  query("SELECT COUNT(*), MIN(seq), MAX(seq) FROM ops GROUP BY trajectory_id",
        [&](sqlite3_stmt* s) {
          const auto n = static_cast<std::uint64_t>(sqlite3_column_int64(s, 0));
          c.ops += n;
          if (sqlite3_column_int64(s, 1) != 1 ||
              static_cast<std::uint64_t>(sqlite3_column_int64(s, 2)) != n)
            ++c.sequence_holes;
        });
  query(
      "SELECT COUNT(*) FROM (SELECT 1 FROM ops WHERE client_id <> '' "
      "GROUP BY trajectory_id, client_id, client_seq HAVING COUNT(*) > 1)",
      [&](sqlite3_stmt* s) { c.doubled = static_cast<std::uint64_t>(sqlite3_column_int64(s, 0)); });
  std::set<std::pair<std::string, std::uint64_t>> stored;
  query("SELECT client_id, client_seq FROM ops WHERE client_id <> ''", [&](sqlite3_stmt* s) {
    stored.emplace(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)),
                   static_cast<std::uint64_t>(sqlite3_column_int64(s, 1)));
  });
  sqlite3_close(db);
  for (const auto& [client, client_seq] : acked)
    if (!stored.contains({client_id_of(client), client_seq})) ++c.lost;
  return c;
}

}  // namespace jos::bench
