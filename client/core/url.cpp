#include "client/core/url.hpp"

#include <algorithm>
#include <cctype>

namespace jos::client {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  return true;
}

url_result fail(std::string message) { return {std::nullopt, std::move(message)}; }

}  // namespace

std::string server_url::text() const {
  std::string out = tls ? "wss://" : "ws://";
  const bool v6 = host.find(':') != std::string::npos;
  out += v6 ? "[" + host + "]" : host;
  out += ":" + std::to_string(port);
  if (target != "/ws") out += target;
  return out;
}

url_result parse_server_url(std::string_view text) {
  std::string_view s = trim(text);
  if (s.empty()) return fail("Vul het adres van de server in.");
  server_url url;
  // People paste what their browser shows; http(s) means the same host.
  if (starts_with_ci(s, "wss://")) {
    url.tls = true;
    s.remove_prefix(6);
  } else if (starts_with_ci(s, "https://")) {
    url.tls = true;
    s.remove_prefix(8);
  } else if (starts_with_ci(s, "ws://")) {
    s.remove_prefix(5);
  } else if (starts_with_ci(s, "http://")) {
    s.remove_prefix(7);
  } else if (s.find("://") != std::string_view::npos) {
    return fail("Gebruik een adres dat begint met ws:// of wss://.");
  }

  std::string_view authority = s;
  if (auto slash = s.find('/'); slash != std::string_view::npos) {
    authority = s.substr(0, slash);
    std::string_view path = s.substr(slash);
    if (path != "/") url.target = std::string(path);
  }
  if (authority.empty()) return fail("Het adres mist de naam van de server.");

  std::string_view port_text;
  if (authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return fail("Het adres is onvolledig (']' ontbreekt).");
    url.host = std::string(authority.substr(1, close - 1));
    std::string_view rest = authority.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return fail("Na ']' verwacht het adres een poortnummer.");
      port_text = rest.substr(1);
    }
  } else {
    const auto colon = authority.rfind(':');
    if (colon != std::string_view::npos) {
      url.host = std::string(authority.substr(0, colon));
      port_text = authority.substr(colon + 1);
    } else {
      url.host = std::string(authority);
    }
  }
  if (url.host.empty()) return fail("Het adres mist de naam van de server.");
  const bool host_ok = std::all_of(url.host.begin(), url.host.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' ||
           c == '_';
  });
  if (!host_ok) return fail("De servernaam bevat tekens die niet in een adres horen.");

  if (port_text.empty()) {
    url.port = url.tls ? 443 : 80;
  } else {
    unsigned long port = 0;
    for (char c : port_text) {
      if (!std::isdigit(static_cast<unsigned char>(c)) || port > 65535)
        return fail("Het poortnummer moet een getal tussen 1 en 65535 zijn.");
      port = port * 10 + static_cast<unsigned long>(c - '0');
    }
    if (port == 0 || port > 65535)
      return fail("Het poortnummer moet een getal tussen 1 en 65535 zijn.");
    url.port = static_cast<std::uint16_t>(port);
  }
  return {url, {}};
}

url_result moved_target(std::string_view location, const server_url& here) {
  // What a server says is not what a person typed: no spaces to trim, no http:// to read
  // as ws://, no host without a scheme, nothing outside printable ASCII.
  constexpr std::size_t longest = 2048;
  const bool plain =
      location.size() <= longest &&
      std::all_of(location.begin(), location.end(), [](char c) { return c > ' ' && c < 0x7f; });
  const bool scheme = starts_with_ci(location, "ws://") || starts_with_ci(location, "wss://");
  auto parsed = plain && scheme ? parse_server_url(location) : url_result{};
  if (!parsed.url)
    return fail(
        "De server stuurde je door naar een ongeldig adres. Daar is geen verbinding mee gemaakt. "
        "Meld dit aan de beheerder van de server.");
  if (here.tls && !parsed.url->tls)
    return fail("De server stuurde je door naar een onbeveiligd adres (" + parsed.url->text() +
                "). Daar is geen verbinding mee gemaakt, want je gegevens zouden dan "
                "onversleuteld over het netwerk gaan. Meld dit aan de beheerder van de server.");
  return parsed;
}

}  // namespace jos::client
