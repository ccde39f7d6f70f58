#include "server/request_origin.hpp"

#include <algorithm>
#include <cctype>

namespace jos::server {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_trusted(std::string_view address, const std::vector<std::string>& trusted) {
  return std::find(trusted.begin(), trusted.end(), address) != trusted.end();
}

bool same_text(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// "host:443" under https is "host" (browsers leave the default port out of Origin).
std::string without_default_port(std::string_view scheme_host) {
  std::string s(scheme_host);
  if (s.starts_with("https://") && s.ends_with(":443")) s.resize(s.size() - 4);
  if (s.starts_with("http://") && s.ends_with(":80")) s.resize(s.size() - 3);
  return s;
}

bool loopback_name(std::string_view host) {
  // Host is "name", "name:port", "[v6]" or "[v6]:port".
  std::string_view name = host;
  if (name.starts_with("[")) {
    name = name.substr(1, name.find(']') - 1);
  } else if (const auto colon = name.rfind(':'); colon != std::string_view::npos) {
    name = name.substr(0, colon);
  }
  return same_text(name, "localhost") || name.starts_with("127.") || name == "::1";
}

}  // namespace

std::string client_address(const request_facts& r, const std::vector<std::string>& trusted) {
  if (!is_trusted(r.peer, trusted)) return r.peer;
  // From the right: the last hop first. The first address no trusted proxy stands for is
  // the client; a list of only trusted proxies leaves the leftmost.
  std::string_view list = r.forwarded_for;
  std::string found = r.peer;
  while (!list.empty()) {
    const auto comma = list.rfind(',');
    const std::string_view hop =
        trim(comma == std::string_view::npos ? list : list.substr(comma + 1));
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(0, comma);
    if (hop.empty()) continue;
    found = std::string(hop);
    if (!is_trusted(hop, trusted)) break;
  }
  return found;
}

std::string request_scheme(const request_facts& r, const std::vector<std::string>& trusted) {
  if (is_trusted(r.peer, trusted) && !r.forwarded_proto.empty()) {
    // A chain of proxies lists one scheme per hop; the first is the browser's.
    const std::string_view first = trim(r.forwarded_proto.substr(0, r.forwarded_proto.find(',')));
    if (same_text(first, "https")) return "https";
    if (same_text(first, "http")) return "http";
  }
  return r.tls ? "https" : "http";
}

bool origin_allowed(const request_facts& r, const std::vector<std::string>& allowed,
                    const std::vector<std::string>& trusted) {
  if (r.origin.empty()) return true;  // native clients send none
  if (std::find(allowed.begin(), allowed.end(), r.origin) != allowed.end()) return true;
  // The page of this server itself: the browser sends the scheme and host of the page,
  // which are the scheme and Host it reached us by.
  if (r.host.empty()) return false;
  if (r.loopback_only && !is_trusted(r.peer, trusted) && !loopback_name(r.host)) return false;
  const std::string own =
      without_default_port(request_scheme(r, trusted) + "://" + std::string(r.host));
  return same_text(without_default_port(r.origin), own);
}

}  // namespace jos::server
