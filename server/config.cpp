#include "server/config.hpp"

#include <charconv>

namespace jos::server {
namespace {

template <typename T>
bool number(const std::string& s, T& out) {
  const auto* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, out);
  return ec == std::errc{} && p == end;
}

}  // namespace

std::string usage() {
  return R"(jos-server: de synchronisatieserver van jos

Gebruik: jos-server [opties]
         jos-server create --db FILE --school NAAM --jongerenwerk NAAM [--nieuw]
         jos-server list --db FILE
         jos-server migrate --from FILE --to postgresql://…

Opties:
  --listen ADDR        adres om op te luisteren (standaard 127.0.0.1; 0.0.0.0 voor iedereen)
  --port N             poort (standaard 8765; 0 kiest een vrije poort en drukt die af)
  --db FILE|URL        SQLite-bestand (standaard jos-data/jos.sqlite) of een PostgreSQL-
                       database (postgresql://…), die meerdere servers kunnen delen
  --advertise URL      waar clients deze server bereiken (ws://host:poort), voor de andere
                       servers op dezelfde PostgreSQL-database (standaard uit --listen/--port)
  --tls-cert FILE      certificaat (PEM) voor wss:// en https://
  --tls-key FILE       sleutel (PEM) bij het certificaat
  --allow-origin URL   sta een browser-Origin toe (herhaalbaar); zonder Origin altijd toegestaan
  --log-level LEVEL    error, warn, info (standaard) of debug
  --threads N          netwerkthreads (standaard 1)
  --port-file FILE     schrijf de gekozen poort naar dit bestand
  --broadcast-after-commit
                       stuur een wijziging pas door als ze op schijf staat (trager; zonder
                       deze optie zien de anderen haar meteen en de afzender na het opslaan)
  --help               deze tekst
)";
}

parse_result parse_config(const std::vector<std::string>& args) {
  config c;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= args.size()) return false;
      out = args[++i];
      return true;
    };
    std::string v;
    if (a == "--help" || a == "-h") return {std::nullopt, usage(), true};
    if (a == "--listen") {
      if (!value(c.listen)) return {std::nullopt, "--listen verwacht een adres"};
    } else if (a == "--port") {
      if (!value(v) || !number(v, c.port)) return {std::nullopt, "--port verwacht 0..65535"};
    } else if (a == "--db") {
      if (!value(c.db)) return {std::nullopt, "--db verwacht een bestandsnaam"};
    } else if (a == "--advertise") {
      if (!value(c.advertise)) return {std::nullopt, "--advertise verwacht een URL (ws://…)"};
    } else if (a == "--tls-cert") {
      if (!value(c.tls_cert)) return {std::nullopt, "--tls-cert verwacht een bestand"};
    } else if (a == "--tls-key") {
      if (!value(c.tls_key)) return {std::nullopt, "--tls-key verwacht een bestand"};
    } else if (a == "--allow-origin") {
      if (!value(v)) return {std::nullopt, "--allow-origin verwacht een URL"};
      c.allowed_origins.push_back(v);
    } else if (a == "--log-level") {
      if (!value(v) || !parse_log_level(v, c.level))
        return {std::nullopt, "--log-level verwacht error, warn, info of debug"};
    } else if (a == "--threads") {
      if (!value(v) || !number(v, c.threads) || c.threads < 1 || c.threads > 64)
        return {std::nullopt, "--threads verwacht 1..64"};
    } else if (a == "--port-file") {
      if (!value(c.port_file)) return {std::nullopt, "--port-file verwacht een bestand"};
    } else if (a == "--broadcast-after-commit") {
      c.broadcast_after_commit = true;
    } else if (a == "--snapshot-every") {
      if (!value(v) || !number(v, c.snapshot_every) || c.snapshot_every < 1)
        return {std::nullopt, "--snapshot-every verwacht een positief getal"};
    } else if (a == "--idle-timeout") {
      if (!value(v) || !number(v, c.idle_timeout_seconds) || c.idle_timeout_seconds < 2)
        return {std::nullopt, "--idle-timeout verwacht seconden (>= 2)"};
    } else {
      return {std::nullopt, "onbekende optie: " + a + "\n\n" + usage()};
    }
  }
  if (c.tls_cert.empty() != c.tls_key.empty())
    return {std::nullopt, "--tls-cert en --tls-key horen bij elkaar"};
  return {c, {}};
}

}  // namespace jos::server
