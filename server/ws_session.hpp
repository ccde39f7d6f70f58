#pragma once
// A WebSocket connection of one client, over plain TCP or TLS.

#include <memory>
#include <string>

#include "protocol/beast/net.hpp"
#include "server/context.hpp"

namespace jos::server {

using upgrade_request = http::request<http::string_body>;
using tls_stream = beast::ssl_stream<beast::tcp_stream>;

// `slot`: the connection's share of its address's connections, held as long as it lives.
void run_websocket_session(beast::tcp_stream stream, upgrade_request request,
                           std::shared_ptr<server_context> ctx, std::string address,
                           std::shared_ptr<void> slot);
void run_websocket_session(tls_stream stream, upgrade_request request,
                           std::shared_ptr<server_context> ctx, std::string address,
                           std::shared_ptr<void> slot);

}  // namespace jos::server
