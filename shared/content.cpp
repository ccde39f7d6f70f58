#include "shared/content.hpp"

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace jos::embedded {
extern const std::string_view leerlijn_json;
}

namespace jos::shared {
namespace {

using json = nlohmann::json;

std::vector<std::string> strings(const json& j) { return j.get<std::vector<std::string>>(); }

worded read_worded(const json& j) {
  return {j.value("combined", std::string{}), j.at("existing").get<std::string>(),
          j.at("new").get<std::string>()};
}

std::vector<column> read_columns(const json& j) {
  std::vector<column> out;
  for (const auto& c : j)
    out.push_back(
        {c.at("id").get<std::string>(), c.value("label", c.value("text", std::string{}))});
  return out;
}

cooperation_text read_cooperation(const json& j) {
  return {j.at("name").get<std::string>(), j.at("focus").get<std::string>(),
          j.at("signalering_goal").get<std::string>(), j.at("comparison").get<std::string>()};
}

document_id read_document_id(const json& j, const std::string& where) {
  auto id = parse_document_id(j.get<std::string>());
  if (!id) throw std::runtime_error("unknown document " + j.dump() + " in " + where);
  return *id;
}

material read_material(const json& j, const std::string& where) {
  static const std::pair<std::string_view, material> names[] = {
      {"leerlijn_doel", material::leerlijn_doel},
      {"leerlijn_opzet", material::leerlijn_opzet},
      {"hulpmiddelen", material::hulpmiddelen},
      {"coordinator", material::coordinator},
      {"bijeenkomst", material::bijeenkomst}};
  const std::string name = j.get<std::string>();
  for (const auto& [n, m] : names)
    if (n == name) return m;
  throw std::runtime_error("unknown material " + name + " in " + where);
}

// The document an item works on must be of the kind it shows; the comparison's is the
// team's conclusions beside it.
bool form_fits(document_kind kind, document_id form) {
  return kind_of(form) == kind ||
         (kind == document_kind::vergelijking && form == document_id::conclusies);
}

agenda_item_template read_item(const json& a) {
  agenda_item_template item;
  item.id = a.at("id").get<std::string>();
  item.title = a.at("title").get<std::string>();
  item.minutes = a.at("minutes").get<int>();
  item.pause_minutes = a.value("pause_minutes", 0);
  auto kind = parse_document_kind(a.at("document").get<std::string>());
  if (!kind) throw std::runtime_error("unknown document in agenda item " + item.id);
  item.document = *kind;
  auto shows = parse_agenda_screen(a.at("shows").get<std::string>());
  if (!shows) throw std::runtime_error("unknown screen in agenda item " + item.id);
  item.shows = *shows;
  if (a.contains("form")) item.form = read_document_id(a.at("form"), item.id);
  if (item.form && !form_fits(item.document, *item.form))
    throw std::runtime_error("form of another kind in agenda item " + item.id);
  const bool needs_form =
      item.shows == agenda_screen::fill || item.shows == agenda_screen::look_back;
  if (needs_form && !item.form) throw std::runtime_error("no form for agenda item " + item.id);
  if (a.contains("material"))
    for (const auto& m : a.at("material")) item.materials.push_back(read_material(m, item.id));
  item.description = a.value("description", std::string{});
  return item;
}

meeting_template read_meeting(const json& j) {
  meeting_template m;
  m.id = j.at("id").get<std::string>();
  m.number = j.at("number").get<int>();
  m.step = j.value("step", std::string{});
  m.introduction = j.value("introduction", std::string{});
  m.name = j.at("name").get<std::string>();
  m.week = j.value("week", 0);
  m.minutes = j.at("minutes").get<int>();
  m.tijdsduur = j.value("tijdsduur", std::string{});
  if (j.contains("instrumenten")) m.instrumenten = strings(j.at("instrumenten"));
  m.literatuur = j.value("literatuur", std::string{});
  m.doel = j.value("doel", std::string{});
  m.eindresultaat = j.value("eindresultaat", std::string{});
  m.planning = j.value("planning", std::string{});
  m.tussentijds = j.value("tussentijds", std::string{});
  m.within_days = j.value("within_days", 0);
  if (j.contains("voorbereiding")) m.voorbereiding = strings(j.at("voorbereiding"));
  if (j.contains("benodigdheden")) m.benodigdheden = strings(j.at("benodigdheden"));
  for (const auto& d : j.at("fills")) m.fills.push_back(read_document_id(d, m.id));
  for (const auto& d : j.at("sends")) {
    if (d == "vergelijking")
      m.sends_comparison = true;
    else
      m.sends.push_back(read_document_id(d, m.id));
  }
  for (const auto& a : j.at("agenda")) m.agenda.push_back(read_item(a));
  return m;
}

leerlijn_overview read_overview(const json& j) {
  leerlijn_overview o;
  o.goal_heading = j.at("goal_heading").get<std::string>();
  o.for_whom_heading = j.at("for_whom_heading").get<std::string>();
  o.for_whom = j.at("for_whom").get<std::string>();
  o.team = j.at("team").get<std::string>();
  o.opzet_heading = j.at("opzet_heading").get<std::string>();
  o.opzet = j.at("opzet").get<std::string>();
  o.hulpmiddelen_heading = j.at("hulpmiddelen_heading").get<std::string>();
  o.hulpmiddelen_intro = j.at("hulpmiddelen_intro").get<std::string>();
  o.hulpmiddelen = strings(j.at("hulpmiddelen"));
  o.coordinator_heading = j.at("coordinator_heading").get<std::string>();
  o.coordinator = j.at("coordinator").get<std::string>();
  o.coordinator_criteria_heading = j.at("coordinator_criteria_heading").get<std::string>();
  o.coordinator_examples = strings(j.at("coordinator_examples"));
  o.coordinator_role = j.at("coordinator_role").get<std::string>();
  return o;
}

content parse(std::string_view text) {
  const json j = json::parse(text);
  content c;
  c.title = j.at("title").get<std::string>();
  c.goal = j.at("goal").get<std::string>();
  c.preconditions = read_columns(j.at("preconditions"));
  c.coordinator_criteria = strings(j.at("coordinator_criteria"));
  c.overview = read_overview(j.at("overview"));

  const json& fs = j.at("factsheet");
  c.factsheet_title = fs.at("title").get<std::string>();
  c.factsheet_source = fs.at("source").get<std::string>();
  for (const auto& e : fs.at("elements")) {
    element el{e.at("id").get<std::string>(),
               e.at("name").get<std::string>(),
               e.at("explanation").get<std::string>(),
               {}};
    for (const auto& o : e.at("onderdelen"))
      el.onderdelen.push_back({o.at("id").get<std::string>(),
                               o.at("factsheet_title").get<std::string>(),
                               o.at("explanation").get<std::string>()});
    c.elements.push_back(std::move(el));
  }

  const json& si = j.at("signalering");
  c.signalering_title = si.at("title").get<std::string>();
  c.signalering_explanation = si.at("explanation").get<std::string>();
  c.score_instruction = si.at("score_instruction").get<std::string>();
  for (const auto& s : si.at("scale"))
    c.scale.push_back({s.at("value").get<int>(), s.at("label").get<std::string>()});
  for (const auto& b : si.at("bands"))
    c.bands.push_back({b.at("id").get<std::string>(), b.at("name").get<std::string>(),
                       b.at("min").get<int>(), b.at("max").get<int>()});
  for (const auto& r : si.at("rows")) {
    instrument_row row{r.at("id").get<std::string>(), r.at("element").get<std::string>(),
                       r.at("name").get<std::string>(), -1};
    for (std::size_t e = 0; e < c.elements.size(); ++e)
      if (c.elements[e].id == row.element_id) row.element_index = static_cast<int>(e);
    if (row.element_index < 0) throw std::runtime_error("row without element: " + row.id);
    c.rows.push_back(std::move(row));
  }
  c.rating_column = read_worded(si.at("columns").at("rating"));
  c.concreet_column = read_worded(si.at("columns").at("concreet"));
  c.total_label = si.at("total_label").get<std::string>();
  c.phase_question = read_worded(si.at("phase_question"));

  const json& ap = j.at("actieplan");
  c.actieplan_title = ap.at("title").get<std::string>();
  c.actieplan_explanation = ap.at("explanation").get<std::string>();
  c.actieplan_columns = read_columns(ap.at("columns"));

  const json& ev = j.at("evaluatielijst");
  c.evaluatie_title = ev.at("title").get<std::string>();
  c.evaluatie_explanation = ev.at("explanation").get<std::string>();
  c.evaluatie_columns = read_columns(ev.at("columns"));

  c.existing_text = read_cooperation(j.at("cooperation_wording").at("existing"));
  c.fresh_text = read_cooperation(j.at("cooperation_wording").at("new"));

  for (const auto& m : j.at("meetings")) c.meetings.push_back(read_meeting(m));
  // The seed leaves extra evaluation meetings at "maak een afspraak voor een nieuwe
  // evaluatiebijeenkomst"; their agenda is in the content too, built from the seed's own
  // evaluation items.
  c.extra_meeting = read_meeting(j.at("extra_meeting"));

  if (c.rows.size() != onderdeel_count) throw std::runtime_error("expected 10 onderdelen");
  return c;
}

}  // namespace

const meeting_template& content::meeting_at(int template_index) const {
  if (template_index >= 0 && template_index < static_cast<int>(meetings.size()))
    return meetings[static_cast<std::size_t>(template_index)];
  return extra_meeting;
}

const content& leerlijn() {
  static const content parsed = [] {
    try {
      return parse(jos::embedded::leerlijn_json);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "jos: embedded leerlijn content is invalid: %s\n", e.what());
      std::abort();
    }
  }();
  return parsed;
}

int text_column_count(document_kind kind) {
  switch (kind) {
    case document_kind::signalering: return 1;
    case document_kind::actieplan: return static_cast<int>(leerlijn().actieplan_columns.size());
    case document_kind::evaluatielijst:
      return static_cast<int>(leerlijn().evaluatie_columns.size());
    case document_kind::vergelijking: return 1;
    default: return 0;
  }
}

bool filled_by_actions(const column& c) {
  return c.id == "concrete_acties" || c.id == "acties_nodig" || c.id == "wie" || c.id == "wanneer";
}

document_kind kind_of(document_id doc) {
  switch (doc) {
    case document_id::signalering_begin:
    case document_id::signalering_eind: return document_kind::signalering;
    case document_id::actieplan: return document_kind::actieplan;
    case document_id::evaluatie_tussentijds:
    case document_id::evaluatie_eind:
    case document_id::evaluatie_extra: return document_kind::evaluatielijst;
    case document_id::conclusies: return document_kind::vergelijking;
  }
  return document_kind::none;
}

}  // namespace jos::shared
