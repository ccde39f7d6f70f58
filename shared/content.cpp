#include "shared/content.hpp"

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

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

meeting_template read_meeting(const json& j) {
  meeting_template m;
  m.id = j.at("id").get<std::string>();
  m.number = j.at("number").get<int>();
  m.step = j.value("step", std::string{});
  m.name = j.at("name").get<std::string>();
  m.week = j.value("week", 0);
  m.minutes = j.at("minutes").get<int>();
  m.doel = j.value("doel", std::string{});
  m.eindresultaat = j.value("eindresultaat", std::string{});
  m.planning = j.value("planning", std::string{});
  if (j.contains("voorbereiding")) m.voorbereiding = strings(j.at("voorbereiding"));
  if (j.contains("benodigdheden")) m.benodigdheden = strings(j.at("benodigdheden"));
  for (const auto& a : j.at("agenda")) {
    agenda_item_template item;
    item.id = a.at("id").get<std::string>();
    item.title = a.at("title").get<std::string>();
    item.minutes = a.at("minutes").get<int>();
    item.pause_minutes = a.value("pause_minutes", 0);
    auto kind = parse_document_kind(a.at("document").get<std::string>());
    if (!kind) throw std::runtime_error("unknown document in agenda item " + item.id);
    item.document = *kind;
    item.description = a.value("description", std::string{});
    m.agenda.push_back(std::move(item));
  }
  return m;
}

// Extra evaluation meetings are not worked out in the seed beyond "maak een afspraak voor
// een nieuwe evaluatiebijeenkomst" to evaluate the next steps; this is the smallest agenda
// that carries that out with the seed's own building blocks.
meeting_template make_extra_meeting() {
  meeting_template m;
  m.id = "extra_evaluatie";
  m.number = 5;
  m.name = "Extra evaluatiebijeenkomst";
  m.minutes = 90;
  m.doel = "Evalueren van de vervolgstappen";
  m.agenda = {
      {"welkom", "Welkom", 5, 0, document_kind::none, ""},
      {"evalueren_vervolgstappen", "Evalueren vervolgstappen", 80, 0, document_kind::evaluatielijst,
       ""},
      {"afsluiting", "Afsluiting", 5, 0, document_kind::none, ""},
  };
  return m;
}

content parse(std::string_view text) {
  const json j = json::parse(text);
  content c;
  c.title = j.at("title").get<std::string>();
  c.goal = j.at("goal").get<std::string>();
  c.preconditions = read_columns(j.at("preconditions"));
  c.coordinator_criteria = strings(j.at("coordinator_criteria"));

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
  c.extra_meeting = make_extra_meeting();

  if (c.rows.size() != onderdeel_count) throw std::runtime_error("expected 10 onderdelen");
  return c;
}

}  // namespace

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
    case document_id::evaluatie_eind: return document_kind::evaluatielijst;
  }
  return document_kind::none;
}

}  // namespace jos::shared
