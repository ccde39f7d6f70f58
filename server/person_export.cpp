#include "server/person_export.hpp"

#include <algorithm>
#include <sstream>

namespace jos::server {
namespace {

using nlohmann::json;
using namespace shared;

std::string str(std::string_view v) { return std::string(v); }

bool contains(const std::vector<person_id>& ids, person_id p) {
  return std::find(ids.begin(), ids.end(), p) != ids.end();
}

}  // namespace

std::optional<json> person_export_json(const trajectory& t, person_id who) {
  const person* p = find_person(t, who);
  if (p == nullptr) return std::nullopt;
  json out = {{"leerlijn",
               {{"id", t.id},
                {"school", t.partners.school},
                {"jongerenwerk", t.partners.youth_organisation}}},
              {"persoon",
               {{"id", p->id},
                {"naam", p->name},
                {"organisatie", str(name_of(p->org))},
                {"functie", p->function},
                {"niveau", str(name_of(p->level))},
                {"coordinator", p->coordinator}}}};
  json meetings = json::array();
  json reactions = json::array();
  for (std::size_t i = 0; i < t.meetings.size(); ++i) {
    const auto& m = t.meetings[i];
    const auto& s = m.session;
    json roles = json::array();
    if (contains(s.present, who)) roles.push_back("aanwezig");
    if (s.notulist == who) roles.push_back("notulist");
    if (s.invuller == who) roles.push_back("invuller");
    if (contains(s.writers, who)) roles.push_back("schrijver");
    if (!roles.empty())
      meetings.push_back({{"bijeenkomst", i + 1}, {"datum", m.planned_date}, {"rollen", roles}});
    for (const auto& r : s.reactions)
      if (r.author == who)
        reactions.push_back({{"bijeenkomst", i + 1},
                             {"onderdeel", r.row < 0 ? json(nullptr) : json(r.row + 1)},
                             {"tijd_ms", r.at_ms},
                             {"tekst", r.text}});
  }
  json actions = json::array();
  for (const auto& a : t.actions)
    if (a.owner == who)
      actions.push_back({{"actie", a.id},
                         {"onderdeel", a.row + 1},
                         {"tekst", a.text},
                         {"deadline", a.due},
                         {"status", str(name_of(a.status))}});
  json votes = json::array();
  for (const auto& v : t.votes)
    if (const auto ballot = v.ballots.find(who); ballot != v.ballots.end())
      votes.push_back({{"document", str(name_of(v.document))},
                       {"onderdeel", v.row + 1},
                       {"stem", ballot->second}});
  out["bijeenkomsten"] = meetings;
  out["reacties"] = reactions;
  out["acties"] = actions;
  out["stemmen"] = votes;
  return out;
}

std::optional<std::string> person_export_text(const trajectory& t, person_id who) {
  const auto j = person_export_json(t, who);
  if (!j) return std::nullopt;
  const auto& p = (*j)["persoon"];
  std::ostringstream out;
  out << "Gegevens van " << p["naam"].get<std::string>() << " in de leerlijn " << t.partners.school
      << " + " << t.partners.youth_organisation << "\n\n"
      << "Naam:        " << p["naam"].get<std::string>() << "\n"
      << "Organisatie: " << p["organisatie"].get<std::string>() << "\n"
      << "Functie:     " << p["functie"].get<std::string>() << "\n"
      << "Niveau:      " << p["niveau"].get<std::string>() << "\n"
      << "Coördinator: " << (p["coordinator"].get<bool>() ? "ja" : "nee") << "\n";
  auto section = [&](const char* title, const json& items, auto line) {
    out << "\n" << title << " (" << items.size() << ")\n";
    for (const auto& item : items) out << "– " << line(item) << "\n";
  };
  section("Bijeenkomsten", (*j)["bijeenkomsten"], [](const json& m) {
    std::string roles;
    for (const auto& r : m["rollen"]) roles += (roles.empty() ? "" : ", ") + r.get<std::string>();
    const auto date = m["datum"].get<std::string>();
    return "bijeenkomst " + std::to_string(m["bijeenkomst"].get<int>()) +
           (date.empty() ? "" : " (" + date + ")") + ": " + roles;
  });
  section("Reacties", (*j)["reacties"], [](const json& r) {
    return "bijeenkomst " + std::to_string(r["bijeenkomst"].get<int>()) +
           (r["onderdeel"].is_null() ? "" : ", onderdeel " + r["onderdeel"].dump()) + ": ‘" +
           r["tekst"].get<std::string>() + "’";
  });
  section("Acties", (*j)["acties"], [](const json& a) {
    const auto due = a["deadline"].get<std::string>();
    return "‘" + a["tekst"].get<std::string>() + "’ (" + a["status"].get<std::string>() +
           (due.empty() ? "" : ", uiterlijk " + due) + ")";
  });
  section("Stemmen", (*j)["stemmen"], [](const json& v) {
    return v["document"].get<std::string>() + ", onderdeel " + v["onderdeel"].dump() + ": " +
           v["stem"].dump();
  });
  return out.str();
}

}  // namespace jos::server
