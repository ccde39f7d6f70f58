#include "shared/documents/builders.hpp"

#include <cctype>
#include <charconv>

#include "shared/comparison.hpp"
#include "shared/content.hpp"

namespace jos::documents {
namespace {

using namespace shared;

std::string partnership_line(const trajectory& t) {
  const auto& c = leerlijn();
  return t.partners.school + " en " + t.partners.youth_organisation + " · " +
         c.wording(t.partners.kind).name;
}

std::string rating_text(int rating) {
  if (rating < rating_min || rating > rating_max) return "–";
  const auto& scale = leerlijn().scale;
  return std::to_string(rating) + " (" + scale[static_cast<std::size_t>(rating - 1)].label + ")";
}

std::string score_line(const score& s) {
  if (!s.complete())
    return "Totaalscore tot nu toe: " + std::to_string(s.total) + " (nog " +
           std::to_string(s.missing) + " van de " + std::to_string(onderdeel_count) +
           " onderdelen te scoren)";
  return "Totaalscore: " + std::to_string(s.total) + " · " + band_of(*s.final_phase).name;
}

std::string element_name(const instrument_row& row) {
  return leerlijn().elements[static_cast<std::size_t>(row.element_index)].name;
}

std::string file_stem(document_id doc) {
  switch (doc) {
    case document_id::signalering_begin: return "signaleringsinstrument-begin";
    case document_id::actieplan: return "actieplan";
    case document_id::evaluatie_tussentijds: return "evaluatielijst-tussentijds";
    case document_id::evaluatie_eind: return "evaluatielijst-eind";
    case document_id::signalering_eind: return "signaleringsinstrument-eind";
  }
  return "document";
}

std::string person_name(const trajectory& t, person_id id) {
  const person* p = find_person(t, id);
  return p == nullptr ? "–" : p->name;
}

// A column the actions fill: one line per action of the onderdeel (the Actieplan lists
// them all, an Evaluatielijst those still to do), after what was written in the cell freely.
std::string action_lines(const trajectory& t, document_id doc, int row, const column& col,
                         const std::string& free_text) {
  std::string out = free_text;
  for (const auto& a : t.actions) {
    if (a.row != row || a.status == action_status::vervallen) continue;
    if (kind_of(doc) == document_kind::evaluatielijst && a.status == action_status::klaar) continue;
    std::string line;
    if (col.id == "wie") {
      line = a.owner == no_person ? "–" : person_name(t, a.owner);
    } else if (col.id == "wanneer") {
      line = a.due.empty() ? "–" : a.due;
    } else {
      line = a.text;
    }
    if (!out.empty()) out += '\n';
    out += line;
  }
  return out;
}

}  // namespace

report build_document(const trajectory& t, document_id doc) {
  const auto& c = leerlijn();
  const document& d = t.documents[static_cast<std::size_t>(doc)];
  report r;
  r.file_stem = file_stem(doc);
  r.title = std::string(label_of(doc));
  r.subtitle = partnership_line(t);

  table grid;
  grid.headers = {"Werkzaam element", "Onderdeel"};
  switch (kind_of(doc)) {
    case document_kind::signalering:
      grid.headers.push_back(c.rating_column.for_(t.partners.kind));
      grid.headers.push_back(c.concreet_column.for_(t.partners.kind));
      break;
    case document_kind::actieplan:
      for (const auto& col : c.actieplan_columns) grid.headers.push_back(col.label);
      break;
    default:
      for (const auto& col : c.evaluatie_columns) grid.headers.push_back(col.label);
      break;
  }
  const std::vector<column>* columns =
      kind_of(doc) == document_kind::actieplan        ? &c.actieplan_columns
      : kind_of(doc) == document_kind::evaluatielijst ? &c.evaluatie_columns
                                                      : nullptr;
  for (std::size_t i = 0; i < c.rows.size(); ++i) {
    std::vector<std::string> row{element_name(c.rows[i]), c.rows[i].name};
    if (kind_of(doc) == document_kind::signalering) row.push_back(rating_text(d.rows[i].rating));
    for (std::size_t k = 0; k < d.rows[i].cells.size(); ++k) {
      const std::string& cell = d.rows[i].cells[k];
      if (columns != nullptr && k < columns->size() && filled_by_actions((*columns)[k])) {
        row.push_back(action_lines(t, doc, static_cast<int>(i), (*columns)[k], cell));
      } else {
        row.push_back(cell);
      }
    }
    grid.rows.push_back(std::move(row));
  }
  r.add_table(std::move(grid));
  if (kind_of(doc) != document_kind::signalering && !t.actions.empty()) {
    r.heading("Acties");
    table actions;
    actions.headers = {"Nr.", "Onderdeel", "Actie", "Wie?", "Wanneer?", "Stand"};
    for (const auto& a : t.actions)
      actions.rows.push_back({std::to_string(a.id), c.rows[static_cast<std::size_t>(a.row)].name,
                              a.text, a.owner == no_person ? "–" : person_name(t, a.owner),
                              a.due.empty() ? "–" : a.due, std::string(label_of(a.status))});
    r.add_table(std::move(actions));
  }
  if (kind_of(doc) == document_kind::signalering) {
    r.paragraph(score_line(compute_score(ratings_of(d))));
    r.paragraph(c.score_instruction);
  }
  return r;
}

report build_minutes(const trajectory& t, int index) {
  const meeting& m = t.meetings.at(static_cast<std::size_t>(index));
  const auto& tpl = template_of(m);
  report r;
  r.file_stem = "notulen-" + std::to_string(index + 1);
  r.title = "Notulen " + tpl.name;
  r.subtitle = partnership_line(t) +
               (m.planned_date.empty() ? std::string{} : " · " + m.planned_date) + " · " +
               std::string(label_of(m.mode));

  std::string present;
  for (person_id id : m.session.present) {
    if (!present.empty()) present += ", ";
    present += person_name(t, id);
  }
  r.paragraph("Aanwezig: " + (present.empty() ? std::string("–") : present));
  r.paragraph("Notulist: " + person_name(t, m.session.notulist) +
              " · Invuller: " + person_name(t, m.session.invuller));
  r.heading("Agenda");
  table agenda;
  agenda.headers = {"Agendapunt", "Minuten"};
  for (const auto& item : tpl.agenda)
    agenda.rows.push_back(std::vector<std::string>{item.title, std::to_string(item.minutes)});
  r.add_table(std::move(agenda));
  r.heading("Notulen");
  r.paragraph(m.session.minutes.empty() ? "(geen notulen)" : m.session.minutes);
  if (!m.session.reactions.empty()) {
    r.heading("Schriftelijke reacties");
    table reactions;
    reactions.headers = {"Wie", "Bij", "Reactie"};
    for (const auto& x : m.session.reactions)
      reactions.rows.push_back({person_name(t, x.author),
                                x.row < 0 ? std::string("Bijeenkomst")
                                          : leerlijn().rows[static_cast<std::size_t>(x.row)].name,
                                x.text});
    r.add_table(std::move(reactions));
  }
  return r;
}

report build_comparison(const trajectory& t) {
  const auto& c = leerlijn();
  const comparison cmp = compare_signalering(t);
  report r;
  r.file_stem = "vergelijking";
  r.title = "Analyse van de gerealiseerde verbetering";
  r.subtitle = partnership_line(t);
  r.paragraph(c.wording(t.partners.kind).comparison);
  table grid;
  grid.headers = {"Werkzaam element",
                  "Onderdeel",
                  std::string(before_label(cmp.kind)),
                  std::string(after_label(cmp.kind)),
                  "Verschil",
                  "Oordeel"};
  for (std::size_t i = 0; i < c.rows.size(); ++i) {
    const auto& row = cmp.rows[i];
    const bool both = row.before != 0 && row.after != 0;
    std::string diff = both ? std::to_string(row.after - row.before) : "–";
    if (both && row.after > row.before) diff = "+" + diff;
    grid.rows.push_back({element_name(c.rows[i]), c.rows[i].name,
                         row.before == 0 ? "–" : std::to_string(row.before),
                         row.after == 0 ? "–" : std::to_string(row.after), diff,
                         std::string(verdict_label(row.verdict, cmp.kind))});
  }
  r.add_table(std::move(grid));
  r.paragraph(std::string(before_label(cmp.kind)) + ": " + score_line(cmp.before));
  r.paragraph(std::string(after_label(cmp.kind)) + ": " + score_line(cmp.after));
  // In a sentence the verdicts are lower case ("8 onderdelen verbeterd, ...").
  const auto lower = [&](change c) {
    std::string label(verdict_label(c, cmp.kind));
    label[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(label[0])));
    return label;
  };
  r.paragraph(std::to_string(cmp.improved) + " onderdelen " + lower(change::improved) + ", " +
              std::to_string(cmp.same) + " " + lower(change::same) + ", " +
              std::to_string(cmp.worse) + " " + lower(change::worse) + ".");

  return r;
}

std::optional<report> build_by_name(const trajectory& t, std::string_view name) {
  if (auto doc = parse_document_id(name)) return build_document(t, *doc);
  if (name == "vergelijking") return build_comparison(t);
  if (name.starts_with("notulen-")) {
    int n = 0;
    const auto digits = name.substr(8);
    auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (ec == std::errc{} && p == digits.data() + digits.size() && n >= 1 &&
        n <= static_cast<int>(t.meetings.size()))
      return build_minutes(t, n - 1);
  }
  return std::nullopt;
}

}  // namespace jos::documents
