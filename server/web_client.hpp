#pragma once
// The browser client, served at `/`: the page (index.html), the WebAssembly client, its
// JavaScript and its fonts, read once from a directory when the server starts.
//
// Every file but the page and its service worker is served under its content hash
// (/a/<hash>/<name>) and may be cached for good; the page (/) and the worker (/sw.js) are
// revalidated on each visit (ETag), so a new build reaches everyone at their next visit,
// and the worker keeps a copy of everything so that the page opens while the server is
// down. Both are templates: "{{name}}" becomes that file's hashed address, "{{assets}}" a
// JSON map of all of them (HTML-escaped; "{{assets-json}}" plain). Compressible files are
// kept gzipped as well. The page carries a Content-Security-Policy that lets it run only
// its own scripts and WebAssembly and talk only to this server.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jos::server {

struct web_response {
  int status = 200;
  std::string body;  // empty for HEAD and 304
  std::vector<std::pair<std::string, std::string>> headers;
};

class web_client {
 public:
  // An empty client: every request for it is answered with why it is missing.
  web_client() = default;
  // Reads `dir` (index.html and what it names). Throws std::runtime_error when the
  // directory has no index.html.
  explicit web_client(const std::filesystem::path& dir);

  bool installed() const { return !files_.empty(); }
  std::size_t file_count() const { return files_.size(); }

  // The answer for GET or HEAD of `target` (nullopt: not a path of the web client).
  // `accept_encoding` and `if_none_match` are the request's headers.
  std::optional<web_response> answer(std::string_view target, bool head,
                                     std::string_view accept_encoding,
                                     std::string_view if_none_match) const;

  // The hashed address of a file of the client ("" if there is no such file).
  std::string address_of(std::string_view name) const;

 private:
  struct file {
    std::string name;
    std::string type;
    std::string body;
    std::string gzipped;  // empty when compression does not pay
    std::string etag;     // quoted
    bool immutable = true;
  };
  web_response serve(const file& f, bool head, std::string_view accept_encoding,
                     std::string_view if_none_match) const;

  std::map<std::string, file, std::less<>> files_;             // by address (/, /a/<hash>/<name>)
  std::map<std::string, std::string, std::less<>> addresses_;  // name -> address
};

// gzip (RFC 1952) of `data` at the highest compression.
std::string gzip(std::string_view data);

}  // namespace jos::server
