#include "client/app_command_line.hpp"

#include <CLI/CLI.hpp>
#include <charconv>
#include <cstdlib>
#include <vector>

#include "client/frame_profile.hpp"

namespace jos::client {
namespace {

constexpr const char* hint = "(jos-client --help toont alle opties)\n";

bool parse_int(const std::string& s, int& out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && end == s.data() + s.size();
}

// The values as typed; CLI11 knows the options, these checks say in Dutch what is wrong.
struct typed_values {
  std::string config_dir, frames, after, quit_after, size;
};

std::unique_ptr<CLI::App> build(app_options& o, typed_values& v) {
  auto app = std::make_unique<CLI::App>("jos-client: de desktopversie van jos", "jos-client");
  app->option_defaults()->group("Opties");
  app->set_help_flag("-h,--help", "deze tekst")->group("Opties");
  for (auto [key, value] : {std::pair{"Usage", "Gebruik"}, {"OPTIONS", "OPTIES"}})
    app->get_formatter()->label(key, value);
  app->get_formatter()->column_width(26);
  auto valued = [&app](const char* name, std::string& target, const char* help, const char* type) {
    app->add_option(name, target, help)->type_name(type);
  };
  valued("--server", o.server, "serveradres (ws://host:poort of wss://host), wordt onthouden",
         "URL");
  valued("--config-dir", v.config_dir,
         "map voor instellingen en journaal (standaard ~/.config/jos)", "MAP");
  valued("--trust-cert", o.trust_cert, "vertrouw dit certificaat (PEM) voor wss://", "BESTAND");
  valued("--screenshot", o.screenshot, "maak een schermafbeelding (PNG) en stop", "BESTAND");
  valued("--frames", v.frames, "… na N beelden", "N");
  valued("--after", v.after,
         "… nadat de leerlijn geladen is (joined, plus N beelden) of zodra TEKST in een "
         "document of de notulen staat (text:TEKST)",
         "joined|text:TEKST");
  valued("--marks", o.marks,
         "schrijf waar onderdelen staan (tests): bij de schermafbeelding, of zonder die na elk "
         "beeld waarin iets verschoof",
         "BESTAND");
  valued("--quit-after", v.quit_after, "stop na S seconden en meld hoeveel beelden getekend zijn",
         "S");
  valued("--profile", o.profile,
         "schrijf daarbij wat de beelden kostten en hoe snel de leerlijn er stond; de laatste 5 "
         "seconden tellen als rust (bench)",
         "BESTAND");
  valued("--size", v.size, "venstergrootte, standaard 1280x800", "BxH");
  valued("--show", o.show, "begin met overview, documents of comparison", "SCHERM");
  app->add_option("--click", o.clicks,
                  "klik vóór de schermafbeelding op dit onderdeel (tests; vaker te geven)")
      ->type_name("NAAM")
      ->allow_extra_args(false);
  valued("--until", o.until, "maak de schermafbeelding pas zodra dit onderdeel getekend is (tests)",
         "NAAM");
  app->add_flag("--present", o.present, "begin als presentatie voor de beamer (ook F5)");
  return app;
}

// CLI11 says what went wrong in English; the user reads it in Dutch.
std::string dutch(const CLI::ParseError& e, const CLI::App& app) {
  const std::string what = e.what();
  if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
    const auto colon = what.find(": ");
    return "Onbekende optie: " + (colon == std::string::npos ? what : what.substr(colon + 2)) +
           "\n" + hint;
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) != nullptr)
    for (const auto* option : app.get_options())
      if (!option->get_lnames().empty() &&
          what.find("--" + option->get_lnames().front()) != std::string::npos)
        return "--" + option->get_lnames().front() + " verwacht een waarde.\n" + hint;
  return "Ongeldige opdracht: " + what + "\n" + hint;
}

// The checks CLI11 leaves to us; an error message, or empty.
std::string check(app_options& o, const typed_values& v) {
  if (!v.config_dir.empty()) o.config_dir = v.config_dir;
  if (!v.frames.empty() && (!parse_int(v.frames, o.frames) || o.frames < 0))
    return "--frames verwacht een getal.\n";
  if (!v.after.empty()) {
    if (v.after.rfind("text:", 0) == 0 && v.after.size() > 5)
      o.after_text = v.after.substr(5);
    else if (v.after == "joined")
      o.after_joined = true;
    else
      return "--after kent ‘joined’ en ‘text:TEKST’.\n";
  }
  if (!v.quit_after.empty()) {
    // strtod, not from_chars: the browser build's C++ library has no floating from_chars.
    char* end = nullptr;
    o.quit_after = std::strtod(v.quit_after.c_str(), &end);
    if (end != v.quit_after.c_str() + v.quit_after.size() || !(o.quit_after > 0))
      return "--quit-after verwacht een aantal seconden.\n";
  }
  if (!o.show.empty() && o.show != "overview" && o.show != "documents" && o.show != "comparison")
    return "--show kent overview, documents en comparison.\n";
  if (!v.size.empty()) {
    const auto x = v.size.find('x');
    if (x == std::string::npos || !parse_int(v.size.substr(0, x), o.width) ||
        !parse_int(v.size.substr(x + 1), o.height) || o.width < 320 || o.height < 240)
      return "--size verwacht bijvoorbeeld 1280x800.\n";
  }
  if ((!o.clicks.empty() || !o.until.empty()) && o.screenshot.empty())
    return "--click en --until vragen ook --screenshot.\n";
  if (!o.profile.empty() && !(o.quit_after > profile_idle_seconds))
    return "--profile vraagt ook --quit-after (meer dan 5 seconden).\n";
  return {};
}

}  // namespace

app_command_line parse_app_options(int argc, char** argv) {
  app_options o;
  typed_values v;
  auto app = build(o, v);
  try {
    app->parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    return {std::nullopt, app->help(), true};
  } catch (const CLI::ParseError& e) {
    return {std::nullopt, dutch(e, *app)};
  }
  if (auto error = check(o, v); !error.empty()) return {std::nullopt, error};
  if (!o.screenshot.empty() && o.frames == 0 && !o.after_joined && o.after_text.empty())
    o.frames = 3;
  return {o, {}};
}

}  // namespace jos::client
