#pragma once
// Plain HTTP on the server's port: /healthz, /metrics, /export/, the browser client at /
// (web_client.hpp), and the upgrade to /ws.

#include <memory>

#include "protocol/beast/net.hpp"
#include "server/context.hpp"

namespace jos::server {

// `slot`: the connection's share of its address's connections, held as long as it lives.
void run_http_session(beast::tcp_stream stream, beast::flat_buffer buffer,
                      std::shared_ptr<server_context> ctx, std::shared_ptr<void> slot);
void run_http_session(beast::ssl_stream<beast::tcp_stream> stream, beast::flat_buffer buffer,
                      std::shared_ptr<server_context> ctx, std::shared_ptr<void> slot);

}  // namespace jos::server
