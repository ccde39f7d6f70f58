// The browser client served at /: types, compression, caching by content hash, the
// Content-Security-Policy; the page's own origin may open a session without any
// configuration while foreign pages still may not; and behind a trusted reverse proxy the
// limits see the client's own address.
#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "server/request_origin.hpp"
#include "server/web_client.hpp"
#include "tests/server/test_server.hpp"

namespace jos::server::test {
namespace {

namespace fs = std::filesystem;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string gunzip(const std::string& data) {
  z_stream z{};
  if (inflateInit2(&z, 15 + 16) != Z_OK) return {};
  std::string out(std::size_t{1} << 20, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int result = inflate(&z, Z_FINISH);
  out.resize(z.total_out);
  inflateEnd(&z);
  return result == Z_STREAM_END ? out : std::string("(kapot)");
}

const std::string boot_js = "// the boot script\n" + std::string(4000, ' ') + "start();\n";
const std::string wasm_bytes = std::string("\0asm\1\0\0\0", 8) + std::string(3000, '\7');

// A web client as the build lays it out: the page template and the files it names.
struct web_dir {
  temp_dir dir;
  explicit web_dir(const std::string& boot = boot_js) {
    write("index.html",
          "<!doctype html><html lang=\"nl\"><title>jos</title>"
          "<link rel=\"icon\" href=\"{{favicon.svg}}\">"
          "<script src=\"{{boot.js}}\" data-assets=\"{{assets}}\"></script></html>\n");
    write("boot.js", boot);
    write("jos.wasm", wasm_bytes);
    write("DejaVuSans.ttf", std::string(2000, 'f'));
    write("favicon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    write("sw.js", "const assets = {{assets-json}};\n");
  }
  void write(const std::string& name, const std::string& bytes) const {
    std::ofstream(dir.file(name), std::ios::binary) << bytes;
  }
  config cfg() const {
    config c;
    c.web_dir = dir.path();
    return c;
  }
};

TEST(WebClient, ThePageAndItsFilesWithTheirTypesAndAPolicy) {
  web_dir site;
  test_server server(site.cfg());
  const web_client files(site.dir.path());

  const auto page = http_request(server.port(), "GET", "/");
  ASSERT_EQ(page.status, 200) << page.error;
  EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(page.header("cache-control"), "no-cache") << "a new build reaches the next visit";
  EXPECT_FALSE(page.header("etag").empty());
  const std::string policy = page.header("content-security-policy");
  EXPECT_TRUE(contains(policy, "default-src 'none'")) << policy;
  EXPECT_TRUE(contains(policy, "script-src 'self' 'wasm-unsafe-eval'")) << policy;
  EXPECT_TRUE(contains(policy, "connect-src 'self'")) << policy;
  EXPECT_TRUE(contains(policy, "frame-ancestors 'none'")) << policy;
  EXPECT_EQ(page.header("x-content-type-options"), "nosniff");
  const std::string boot_address = files.address_of("boot.js");
  ASSERT_TRUE(boot_address.starts_with("/a/")) << boot_address;
  EXPECT_TRUE(contains(page.body, "<script src=\"" + boot_address + "\"")) << page.body;
  EXPECT_TRUE(contains(page.body, "&quot;jos.wasm&quot;:&quot;" + files.address_of("jos.wasm")))
      << page.body;
  EXPECT_EQ(http_request(server.port(), "GET", "/index.html").body, page.body);

  // The service worker, at the root (its scope), told every file of this build.
  const auto worker = http_request(server.port(), "GET", "/sw.js");
  ASSERT_EQ(worker.status, 200);
  EXPECT_EQ(worker.header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(worker.header("cache-control"), "no-cache");
  EXPECT_TRUE(contains(worker.body, "\"boot.js\":\"" + boot_address + "\"")) << worker.body;

  for (const auto& [name, type] : std::vector<std::pair<std::string, std::string>>{
           {"boot.js", "text/javascript; charset=utf-8"},
           {"jos.wasm", "application/wasm"},
           {"DejaVuSans.ttf", "font/ttf"},
           {"favicon.svg", "image/svg+xml"}}) {
    SCOPED_TRACE(name);
    const auto f = http_request(server.port(), "GET", files.address_of(name));
    ASSERT_EQ(f.status, 200) << f.error;
    EXPECT_EQ(f.header("content-type"), type);
    EXPECT_EQ(f.header("cache-control"), "public, max-age=31536000, immutable");
    EXPECT_TRUE(f.header("content-security-policy").empty()) << "only the page runs anything";
  }
  EXPECT_EQ(http_request(server.port(), "GET", files.address_of("jos.wasm")).body, wasm_bytes);
}

TEST(WebClient, CompressedForThoseWhoAskAndRevalidatedByHash) {
  web_dir site;
  test_server server(site.cfg());
  const web_client files(site.dir.path());
  const std::string address = files.address_of("boot.js");

  const auto zipped =
      http_request(server.port(), "GET", address, {{"Accept-Encoding", "gzip, br"}});
  ASSERT_EQ(zipped.status, 200);
  EXPECT_EQ(zipped.header("content-encoding"), "gzip");
  EXPECT_EQ(zipped.header("vary"), "Accept-Encoding");
  EXPECT_LT(zipped.body.size(), boot_js.size() / 4);
  EXPECT_EQ(gunzip(zipped.body), boot_js);
  const auto plain = http_request(server.port(), "GET", address);
  EXPECT_TRUE(plain.header("content-encoding").empty());
  EXPECT_EQ(plain.body, boot_js);

  // A browser that has it already is told so, without the body.
  const auto again =
      http_request(server.port(), "GET", address, {{"If-None-Match", zipped.header("etag")}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  const auto page = http_request(server.port(), "GET", "/");
  EXPECT_EQ(
      http_request(server.port(), "GET", "/", {{"If-None-Match", page.header("etag")}}).status,
      304);

  const auto head = http_request(server.port(), "HEAD", address);
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.header("content-length"), std::to_string(boot_js.size()));
  EXPECT_TRUE(head.body.empty());

  // Another build: another address for what changed, the same for what did not.
  web_dir changed(boot_js + "// v2\n");
  const web_client next(changed.dir.path());
  EXPECT_NE(next.address_of("boot.js"), address);
  EXPECT_EQ(next.address_of("jos.wasm"), files.address_of("jos.wasm"));
  // The old address is gone with the old build: the page says to reload.
  test_server newer(changed.cfg());
  const auto old = http_request(newer.port(), "GET", address);
  EXPECT_EQ(old.status, 404);
  EXPECT_TRUE(contains(old.body, "Laad de pagina opnieuw")) << old.body;
}

TEST(WebClient, OnlyItsOwnFilesAreServed) {
  web_dir site;
  test_server server(site.cfg());
  for (const char* target : {"/a/../index.html", "/a/0000000000000000/boot.js",
                             "/a/x/../../../../etc/passwd", "/boot.js", "/index.html/"})
    EXPECT_EQ(http_request(server.port(), "GET", target).status, 404) << target;
  EXPECT_EQ(http_request(server.port(), "POST", "/").status, 405);
  EXPECT_EQ(http_get(server.port(), "/healthz").body, "ok\n") << "the rest of the port as before";
}

TEST(WebClient, ABrokenOrMissingBuildIsSaidClearly) {
  temp_dir empty;
  EXPECT_THROW(web_client{empty.path()}, std::runtime_error);
  web_dir site;
  site.write("index.html", "<script src=\"{{missing.js}}\"></script>");
  try {
    web_client broken(site.dir.path());
    ADD_FAILURE() << "a page that names a missing file was taken";
  } catch (const std::runtime_error& e) {
    EXPECT_TRUE(contains(e.what(), "missing.js")) << e.what();
  }
  const web_client none;
  const auto root = none.answer("/", false, "", "");
  ASSERT_TRUE(root);
  EXPECT_EQ(root->status, 404);
  EXPECT_TRUE(contains(root->body, "--web")) << root->body;
  EXPECT_FALSE(none.answer("/healthz", false, "", "")) << "not the web client's business";
}

TEST(WebClient, ThePagesOwnOriginMayOpenASessionAndForeignPagesMayNot) {
  test_server server;  // no allowlist at all
  const std::string port = std::to_string(server.port());

  client_options own;
  own.origin = "http://127.0.0.1:" + port;
  test_client page(server.port(), own);
  ASSERT_EQ(page.connect(), "");
  EXPECT_TRUE(page.create(partners(), profile_of("Anna")));

  client_options localhost;
  localhost.origin = "http://localhost:" + port;
  localhost.host = "localhost:" + port;
  test_client by_name(server.port(), localhost);
  EXPECT_EQ(by_name.connect(), "");

  // Another page on this machine (another port is another origin).
  client_options other_port;
  other_port.origin = "http://127.0.0.1:1";
  test_client foreign(server.port(), other_port);
  EXPECT_TRUE(contains(foreign.connect(), "HTTP 403"));

  // A foreign page whose name was made to point here (DNS rebinding) names itself as Host.
  client_options rebound;
  rebound.origin = "http://kwaadaardig.example:" + port;
  rebound.host = "kwaadaardig.example:" + port;
  test_client rebinding(server.port(), rebound);
  EXPECT_TRUE(contains(rebinding.connect(), "HTTP 403"));

  // An https page for a plain connection is not this server's page either.
  client_options scheme;
  scheme.origin = "https://127.0.0.1:" + port;
  test_client wrong_scheme(server.port(), scheme);
  EXPECT_TRUE(contains(wrong_scheme.connect(), "HTTP 403"));
}

TEST(WebClient, BehindATrustedProxyTheLimitsSeeTheClientsAddress) {
  // The per-address limit on starting leerlijnen: one per hour here, so the second start from
  // the same address is refused at once.
  auto start_from = [](test_server& server, const std::string& forwarded_for) {
    client_options o;
    o.headers = {{"X-Forwarded-For", forwarded_for}};
    test_client c(server.port(), o);
    EXPECT_EQ(c.connect(), "");
    if (c.create(partners(), profile_of("Anna"))) return std::string("gestart");
    return c.last_error() ? std::string(protocol::name_of(c.last_error()->code))
                          : std::string("(geen antwoord)");
  };

  // Not trusted: the header is anybody's to write and changes nothing.
  config open_cfg;
  open_cfg.creates_per_hour = 1;
  test_server open(open_cfg);
  EXPECT_EQ(start_from(open, "203.0.113.7"), "gestart");
  EXPECT_EQ(start_from(open, "198.51.100.9"), "rate_limited");

  config cfg;
  cfg.creates_per_hour = 1;
  cfg.trusted_proxies = {"127.0.0.1"};
  test_server proxied(cfg);
  EXPECT_EQ(start_from(proxied, "203.0.113.7"), "gestart");
  EXPECT_EQ(start_from(proxied, "203.0.113.7"), "rate_limited");
  EXPECT_EQ(start_from(proxied, "198.51.100.9"), "gestart") << "someone else is not limited";
  // A client that writes its own X-Forwarded-For gets the address the proxy appended.
  EXPECT_EQ(start_from(proxied, "198.51.100.10, 203.0.113.7"), "rate_limited");
}

TEST(WebClient, BehindATlsProxyThePagesHttpsOriginIsItsOwn) {
  config cfg;
  cfg.trusted_proxies = {"127.0.0.1"};
  test_server server(cfg);
  client_options o;
  o.origin = "https://jos.example.nl";
  o.host = "jos.example.nl";
  o.headers = {{"X-Forwarded-Proto", "https"}, {"X-Forwarded-For", "203.0.113.7"}};
  test_client page(server.port(), o);
  EXPECT_EQ(page.connect(), "");

  test_server untrusting;
  test_client same(untrusting.port(), o);
  EXPECT_TRUE(contains(same.connect(), "HTTP 403")) << "only a trusted proxy speaks for https";
}

TEST(RequestOrigin, ForwardedAddressesAreBelievedOnlyFromTrustedHops) {
  const std::vector<std::string> trusted{"10.0.0.2", "10.0.0.3"};
  request_facts r;
  r.peer = "10.0.0.2";
  r.forwarded_for = "192.0.2.1, 198.51.100.4, 10.0.0.3";
  EXPECT_EQ(client_address(r, trusted), "198.51.100.4");
  r.forwarded_for = "10.0.0.3";
  EXPECT_EQ(client_address(r, trusted), "10.0.0.3") << "only proxies: the furthest one";
  r.forwarded_for = "";
  EXPECT_EQ(client_address(r, trusted), "10.0.0.2");
  r.peer = "192.0.2.99";
  r.forwarded_for = "1.2.3.4";
  EXPECT_EQ(client_address(r, trusted), "192.0.2.99");

  r.peer = "10.0.0.2";
  r.forwarded_proto = "https, http";
  EXPECT_EQ(request_scheme(r, trusted), "https");
  r.tls = false;
  r.peer = "192.0.2.99";
  EXPECT_EQ(request_scheme(r, trusted), "http");

  request_facts page;
  page.peer = "192.0.2.99";
  page.tls = true;
  page.host = "jos.example.nl:443";
  page.origin = "https://jos.example.nl";
  EXPECT_TRUE(origin_allowed(page, {}, {})) << "the default port is left out of Origin";
  page.origin = "https://JOS.example.nl";
  EXPECT_TRUE(origin_allowed(page, {}, {})) << "host names are not case-sensitive";
  page.origin = "null";
  EXPECT_FALSE(origin_allowed(page, {}, {})) << "a sandboxed or file page";
}

}  // namespace
}  // namespace jos::server::test
