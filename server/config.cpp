#include "server/config.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <CLI/CLI.hpp>

namespace jos::server {
namespace {

// What each option expects, in the Dutch of the error that names it.
const std::vector<std::pair<std::string, std::string>> expectations = {
    {"--listen", "een adres"},
    {"--port", "0..65535"},
    {"--db", "een bestandsnaam of postgresql://…"},
    {"--advertise", "een URL (ws://… of wss://…)"},
    {"--tls-cert", "een bestand"},
    {"--tls-key", "een bestand"},
    {"--allow-origin", "een URL"},
    {"--web", "een map"},
    {"--trusted-proxy", "een adres"},
    {"--metrics-from", "een IP-adres"},
    {"--creation-code", "een code van 1 tot 64 tekens"},
    {"--creates-per-hour", "een positief getal"},
    {"--max-connections-per-address", "een getal (0 = geen grens)"},
    {"--log-level", "error, warn, info of debug"},
    {"--threads", "1..64"},
    {"--port-file", "een bestand"},
    {"--snapshot-every", "een positief getal"},
    {"--idle-timeout", "seconden (>= 2)"},
    {"--retention-months", "een aantal maanden (0: nooit wissen)"},
    {"--to", "een bestand (backup) of postgresql://… (migrate)"},
    {"--from", "een SQLite-bestand"},
    {"--school", "een naam"},
    {"--jongerenwerk", "een naam"},
    {"--leerlijn", "een id (zie jos-server list)"},
    {"--persoon", "een nummer of een naam"},
    {"--formaat", "json of tekst"},
};

// An IPv4 or IPv6 address written out (no names: /metrics must not depend on DNS).
const CLI::Validator ip_address(
    [](const std::string& s) {
      unsigned char buffer[sizeof(in6_addr)];
      const bool ok =
          inet_pton(AF_INET, s.c_str(), buffer) == 1 || inet_pton(AF_INET6, s.c_str(), buffer) == 1;
      return ok ? std::string() : "geen IP-adres: " + s;
    },
    "");

// Text of 1 to `most` characters.
CLI::Validator text_of(std::size_t most) {
  return CLI::Validator(
      [most](const std::string& s) {
        return s.empty() || s.size() > most ? std::string("lengte") : std::string();
      },
      "");
}

// CLI11 says what went wrong in English; the user gets it in Dutch.
std::string dutch(const CLI::ParseError& e, const std::string& hint) {
  const std::string what = e.what();
  if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
    const auto colon = what.find(": ");
    return "onbekende optie: " + (colon == std::string::npos ? what : what.substr(colon + 2)) +
           "\n" + hint;
  }
  if (what.find("--tls-cert requires --tls-key") != std::string::npos ||
      what.find("--tls-key requires --tls-cert") != std::string::npos)
    return "--tls-cert en --tls-key horen bij elkaar";
  std::string best;
  for (const auto& [name, expects] : expectations)
    if (what.find(name) != std::string::npos && name.size() > best.size()) best = name;
  for (const auto& [name, expects] : expectations)
    if (name == best) return name + " verwacht " + expects;
  return "ongeldige opdracht: " + what + "\n" + hint;
}

template <typename T>
CLI::Option* valued(CLI::App& app, const std::string& name, T& target, const std::string& help,
                    const std::string& type) {
  return app.add_option(name, target, help)->type_name(type);
}

void add_db(CLI::App& app, std::string& db) {
  valued(app, "--db", db,
         "SQLite-bestand (standaard jos-data/jos.sqlite) of een PostgreSQL-database "
         "(postgresql://…), die meerdere servers kunnen delen",
         "BESTAND|URL");
}

std::unique_ptr<CLI::App> build(config& c, admin_request& a, std::string& level) {
  auto built =
      std::make_unique<CLI::App>("jos-server: de synchronisatieserver van jos", "jos-server");
  auto& app = *built;
  app.option_defaults()->group("Opties");
  app.set_help_flag("-h,--help", "deze tekst")->group("Opties");
  app.footer("Meer over een opdracht: jos-server OPDRACHT --help");
  for (auto [key, value] : {std::pair{"Usage", "Gebruik"},
                            {"OPTIONS", "OPTIES"},
                            {"SUBCOMMAND", "OPDRACHT"},
                            {"REQUIRED", "VERPLICHT"},
                            {"Positionals", "Argumenten"},
                            {"Needs", "Vraagt"},
                            {"Excludes", "Niet met"}})
    app.get_formatter()->label(key, value);
  app.get_formatter()->column_width(26);

  valued(app, "--listen", c.listen,
         "adres om op te luisteren (standaard 127.0.0.1; 0.0.0.0 voor iedereen)", "ADRES");
  valued(app, "--port", c.port, "poort (standaard 8765; 0 kiest een vrije poort en drukt die af)",
         "N")
      ->check(CLI::Range(0, 65535).description(""));
  add_db(app, c.db);
  valued(app, "--advertise", c.advertise,
         "waar clients deze server bereiken (ws://host:poort), voor de andere servers op "
         "dezelfde PostgreSQL-database (standaard uit --listen en --port)",
         "URL")
      ->check(CLI::Validator(
          [](const std::string& s) {
            return s.starts_with("ws://") || s.starts_with("wss://") ? std::string()
                                                                     : std::string("geen URL");
          },
          ""));
  auto* cert =
      valued(app, "--tls-cert", c.tls_cert, "certificaat (PEM) voor wss:// en https://", "BESTAND");
  auto* key = valued(app, "--tls-key", c.tls_key, "sleutel (PEM) bij het certificaat", "BESTAND");
  cert->needs(key);
  key->needs(cert);
  valued(app, "--allow-origin", c.allowed_origins,
         "sta een browser-Origin toe (herhaalbaar); zonder Origin altijd toegestaan, en "
         "pagina's van deze server zelf ook",
         "URL");
  valued(app, "--web", c.web_dir,
         "de browserversie die op / wordt aangeboden (standaard die van deze build)", "MAP");
  valued(app, "--trusted-proxy", c.trusted_proxies,
         "een reverse proxy voor deze server (herhaalbaar): alleen van dat adres gelden "
         "X-Forwarded-For en X-Forwarded-Proto",
         "ADRES")
      ->check(text_of(255));
  valued(app, "--metrics-from", c.metrics_from,
         "/metrics ook voor dit IP-adres (herhaalbaar); standaard alleen vanaf deze machine",
         "ADRES")
      ->check(ip_address);
  valued(app, "--log-level", level, "error, warn, info (standaard) of debug", "NIVEAU")
      ->check(CLI::IsMember({"error", "warn", "info", "debug"}).description(""));
  valued(app, "--threads", c.threads, "netwerkthreads (standaard 1)", "N")
      ->check(CLI::Range(1, 64).description(""));
  valued(app, "--port-file", c.port_file, "schrijf de gekozen poort naar dit bestand", "BESTAND");
  valued(app, "--creation-code", c.creation_code,
         "alleen wie deze code opgeeft kan een leerlijn starten (standaard: iedereen die de "
         "server bereikt)",
         "CODE")
      ->check(text_of(64));
  valued(app, "--creates-per-hour", c.creates_per_hour,
         "hoeveel leerlijnen er per uur vanaf één adres gestart mogen worden (standaard 10)", "N")
      ->check(CLI::PositiveNumber.description(""));
  valued(app, "--max-connections-per-address", c.max_connections_per_address,
         "verbindingen per clientadres (standaard 200; 0 = geen grens; achter een reverse proxy "
         "komt iedereen van één adres)",
         "N");
  app.add_flag("--broadcast-after-commit", c.broadcast_after_commit,
               "stuur een wijziging pas door als ze op schijf staat (trager; zonder deze optie "
               "zien de anderen haar meteen en de afzender na het opslaan)");
  valued(app, "--snapshot-every", c.snapshot_every,
         "sla elke N wijzigingen de hele stand op (standaard 500)", "N")
      ->check(CLI::PositiveNumber.description(""));
  valued(app, "--idle-timeout", c.idle_timeout_seconds,
         "verbreek een stille verbinding na zoveel seconden (standaard 12)", "SECONDEN")
      ->check(CLI::Range(2, 86400).description(""));
  valued(app, "--retention-months", c.retention_months,
         "wis een leerlijn N maanden na de laatste bijeenkomst (standaard 12; 0: nooit)", "N")
      ->check(CLI::NonNegativeNumber.description(""));

  auto command = [&app, &a](const char* name, const char* help) {
    auto* sub = app.add_subcommand(name, help);
    sub->group("Opdrachten");
    sub->option_defaults()->group("Opties");
    sub->set_help_flag("-h,--help", "deze tekst")->group("Opties");
    sub->callback([&a, name] { a.name = name; });
    add_db(*sub, a.db);
    return sub;
  };
  auto* create = command("create", "maak een leerlijn en druk de team- en coördinatorcode af");
  valued(*create, "--school", a.school, "naam van de school", "NAAM")->required();
  valued(*create, "--jongerenwerk", a.youth, "naam van het jongerenwerk", "NAAM")->required();
  create->add_flag("--nieuw", a.fresh, "een pas gestarte samenwerking");
  command("list", "toon de leerlijnen (id, teamcode, partners)");
  auto* migrate =
      command("migrate", "zet elke leerlijn van een SQLite-bestand over naar PostgreSQL");
  migrate->remove_option(migrate->get_option("--db"));  // --from and --to say it
  valued(*migrate, "--from", a.from, "het SQLite-bestand", "BESTAND")->required();
  valued(*migrate, "--to", a.to, "de PostgreSQL-database", "postgresql://…")->required();
  auto* backup = command("backup", "maak een kopie terwijl de server draait");
  valued(*backup, "--to", a.to, "het bestand voor de kopie", "BESTAND")->required();
  command("check", "controleer de database: integriteit, elke leerlijn laadt, groottes");
  auto* erase = command("erase", "wis een teamlid of, zonder --persoon, de hele leerlijn (AVG)");
  valued(*erase, "--leerlijn", a.trajectory, "id van de leerlijn (zie list)", "ID")->required();
  valued(*erase, "--persoon", a.person, "nummer of precieze naam van het teamlid",
         "NUMMER-OF-NAAM");
  auto* export_ = command("export", "de gegevens van één persoon (AVG-inzage)");
  valued(*export_, "--leerlijn", a.trajectory, "id van de leerlijn (zie list)", "ID")->required();
  valued(*export_, "--persoon", a.person, "nummer of precieze naam van het teamlid",
         "NUMMER-OF-NAAM")
      ->required();
  valued(*export_, "--formaat", a.format, "json of tekst (standaard)", "FORMAAT")
      ->check(CLI::IsMember({"json", "tekst"}).description(""));
  auto* restore = command("restore-coordinator",
                          "met de server gestopt: maakt --persoon NUMMER weer de enige "
                          "coördinator en geeft een nieuwe coördinatorcode; zonder --persoon: "
                          "toont het team");
  valued(*restore, "--leerlijn", a.trajectory, "id van de leerlijn (zie list)", "ID")->required();
  valued(*restore, "--persoon", a.person, "nummer van wie weer coördinator wordt", "NUMMER");
  app.require_subcommand(0, 1);
  return built;
}

}  // namespace

std::string usage() {
  config c;
  admin_request a;
  std::string level;
  return build(c, a, level)->help();
}

parse_result parse_config(const std::vector<std::string>& args) {
  config c;
  admin_request a;
  std::string level = "info";
  auto app = build(c, a, level);
  // CLI11 takes its arguments last first.
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app->parse(reversed);
  } catch (const CLI::CallForHelp&) {
    return {std::nullopt, std::nullopt, app->get_subcommands().empty() ? usage() : app->help(),
            true};
  } catch (const CLI::ParseError& e) {
    return {std::nullopt, std::nullopt, dutch(e, "(jos-server --help toont alle opties)")};
  }
  if (!a.name.empty()) return {std::nullopt, a, {}};
  parse_log_level(level, c.level);
  return {c, std::nullopt, {}};
}

}  // namespace jos::server
