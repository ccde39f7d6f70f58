#include "server/web_client.hpp"

#include <zlib.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "protocol/json_reader.hpp"
#include "server/secrets.hpp"

namespace jos::server {
namespace {

namespace fs = std::filesystem;

// What the page may do: run its own scripts, WebAssembly and service worker, load its own
// styles, images and fonts, and connect only to this server (HTTP for the wasm and fonts,
// WebSocket for the session; 'self' covers ws:// and wss:// of the page's own host).
// Nothing may frame it.
constexpr const char* page_policy =
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
    "manifest-src 'self'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'";

std::string type_of(const fs::path& p) {
  const std::string ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".wasm") return "application/wasm";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".ttf") return "font/ttf";
  if (ext == ".png") return "image/png";
  if (ext == ".json") return "application/json";
  return "application/octet-stream";
}

bool compressible(const std::string& type) { return type.rfind("image/png", 0) != 0; }

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("kan " + p.string() + " niet lezen");
  std::ostringstream out;
  out << in.rdbuf();
  return std::move(out).str();
}

bool accepts_gzip(std::string_view accept_encoding) {
  // Enough for browsers: "gzip, deflate, br" (a q=0 for gzip is not something they send).
  return accept_encoding.find("gzip") != std::string_view::npos;
}

bool matches(std::string_view if_none_match, const std::string& etag) {
  return !if_none_match.empty() &&
         (if_none_match == "*" || if_none_match.find(etag) != std::string_view::npos);
}

}  // namespace

std::string gzip(std::string_view data) {
  z_stream z{};
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    return {};
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return result == Z_STREAM_END ? out : std::string{};
}

namespace {

// The files served under their own, fixed address: the page and its service worker (a
// worker's scope is the folder it is served from, so it must live at the root).
struct entry_point {
  const char* name;
  const char* address;
};
constexpr entry_point entry_points[] = {{"index.html", "/"}, {"sw.js", "/sw.js"}};

bool is_entry_point(const std::string& name) {
  for (const auto& e : entry_points)
    if (name == e.name) return true;
  return false;
}

// Fills in a template: {{name}} becomes that file's address; {{assets}} the map of all of
// them as JSON in an HTML attribute, {{assets-json}} the same as plain JSON.
std::string fill_in(const std::string& name, const std::string& text,
                    const std::map<std::string, std::string, std::less<>>& addresses,
                    const std::string& map_json) {
  std::string out;
  for (std::size_t at = 0;;) {
    const auto open = text.find("{{", at);
    if (open == std::string::npos) return out + text.substr(at);
    const auto close = text.find("}}", open);
    if (close == std::string::npos)
      throw std::runtime_error(name + ": {{ zonder }} op positie " + std::to_string(open));
    out += text.substr(at, open - at);
    const std::string key = text.substr(open + 2, close - open - 2);
    if (key == "assets") {
      for (char c : map_json) out += c == '"' ? std::string("&quot;") : std::string(1, c);
    } else if (key == "assets-json") {
      out += map_json;
    } else {
      const auto it = addresses.find(key);
      if (it == addresses.end())
        throw std::runtime_error(name + " noemt " + key + ", dat ontbreekt");
      out += it->second;
    }
    at = close + 2;
  }
}

}  // namespace

web_client::web_client(const fs::path& dir) {
  if (!fs::is_regular_file(dir / "index.html"))
    throw std::runtime_error("geen browserclient in " + dir.string() + " (index.html ontbreekt)");
  std::vector<file> assets;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_regular_file() || is_entry_point(entry.path().filename().string())) continue;
    file f;
    f.name = entry.path().filename().string();
    f.type = type_of(entry.path());
    f.body = read_all(entry.path());
    assets.push_back(std::move(f));
  }
  protocol::json map = protocol::json::object();
  for (auto& f : assets) {
    const std::string hash = sha256_hex(f.body).substr(0, 16);
    const std::string address = "/a/" + hash + "/" + f.name;
    f.etag = "\"" + hash + "\"";
    addresses_[f.name] = address;
    map[f.name] = address;
  }
  const std::string map_json = map.dump();

  for (const auto& e : entry_points) {
    if (!fs::is_regular_file(dir / e.name)) continue;
    file f;
    f.name = e.name;
    f.type = type_of(e.name);
    f.body = fill_in(e.name, read_all(dir / e.name), addresses_, map_json);
    f.etag = "\"" + sha256_hex(f.body).substr(0, 16) + "\"";
    f.immutable = false;
    addresses_[f.name] = e.address;
    assets.push_back(std::move(f));
  }

  for (auto& f : assets) {
    if (compressible(f.type)) {
      f.gzipped = gzip(f.body);
      if (f.gzipped.size() >= f.body.size()) f.gzipped.clear();
    }
    const std::string address = addresses_[f.name];
    files_[address] = std::move(f);
  }
}

std::string web_client::address_of(std::string_view name) const {
  const auto it = addresses_.find(name);
  return it == addresses_.end() ? std::string{} : it->second;
}

std::optional<web_response> web_client::answer(std::string_view target, bool head,
                                               std::string_view accept_encoding,
                                               std::string_view if_none_match) const {
  // The query never selects anything here (a link may carry one).
  target = target.substr(0, target.find('?'));
  if (target == "/index.html") target = "/";
  if (target != "/" && target != "/sw.js" && !target.starts_with("/a/")) return std::nullopt;
  const auto it = files_.find(target);
  if (it != files_.end()) return serve(it->second, head, accept_encoding, if_none_match);
  web_response missing;
  missing.status = 404;
  missing.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
  missing.headers.emplace_back("Cache-Control", "no-store");
  if (target == "/") {
    missing.body =
        "De browserversie van jos is op deze server niet beschikbaar (zie jos-server --web).\n";
  } else {
    missing.body = "Niet gevonden (een oudere versie van jos? Laad de pagina opnieuw).\n";
  }
  if (head) missing.body.clear();
  return missing;
}

web_response web_client::serve(const file& f, bool head, std::string_view accept_encoding,
                               std::string_view if_none_match) const {
  web_response r;
  r.headers.emplace_back("Content-Type", f.type);
  r.headers.emplace_back("ETag", f.etag);
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Cache-Control",
                         f.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (f.name == "index.html") {
    r.headers.emplace_back("Content-Security-Policy", page_policy);
    r.headers.emplace_back("Referrer-Policy", "no-referrer");
    r.headers.emplace_back("X-Frame-Options", "DENY");
  }
  if (!f.gzipped.empty()) r.headers.emplace_back("Vary", "Accept-Encoding");
  if (matches(if_none_match, f.etag)) {
    r.status = 304;
    return r;
  }
  const bool zipped = !f.gzipped.empty() && accepts_gzip(accept_encoding);
  if (zipped) r.headers.emplace_back("Content-Encoding", "gzip");
  r.headers.emplace_back("Content-Length",
                         std::to_string(zipped ? f.gzipped.size() : f.body.size()));
  if (!head) r.body = zipped ? f.gzipped : f.body;
  return r;
}

}  // namespace jos::server
