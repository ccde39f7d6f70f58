#include "shared/documents/builders.hpp"

#include <algorithm>
#include <cctype>

#include "shared/calendar.hpp"
#include "shared/comparison.hpp"
#include "shared/content.hpp"
#include "shared/documents/attachments.hpp"
#include "shared/minutes.hpp"
#include "shared/representation.hpp"

namespace jos::documents {
namespace {

using namespace shared;

std::string partnership_line(const trajectory& t) {
  const auto& c = leerlijn();
  return t.partners.school + " en " + t.partners.youth_organisation + " · " +
         c.wording(t.partners.kind).name;
}

const meeting* meeting_at(const trajectory& t, int index) {
  if (index < 0 || index >= static_cast<int>(t.meetings.size())) return nullptr;
  return &t.meetings[static_cast<std::size_t>(index)];
}

// "dinsdag 22 september 2026, 15:30–18:30", or the date alone, or that it is not agreed.
std::string when(const meeting& m) {
  if (m.planned_date.empty()) return "datum nog niet afgesproken";
  std::string out = long_dutch_date(m.planned_date);
  if (const auto start = parse_time(m.start_time))
    out += ", " + format_time(*start) + "–" + format_time(*start + template_of(m).minutes);
  return out;
}

// "Signaleringsbijeenkomst van dinsdag 8 september 2026".
std::string meeting_line(const trajectory& t, int index) {
  const meeting* m = meeting_at(t, index);
  if (m == nullptr) return {};
  const std::string name = template_of(*m).name;
  return m->planned_date.empty() ? name + " (datum nog niet afgesproken)"
                                 : name + " van " + long_dutch_date(m->planned_date);
}

// Where the meeting is: the room, the link, or both for a hybrid meeting.
std::vector<std::string> where(const meeting& m) {
  std::vector<std::string> out;
  if (m.mode != meeting_mode::digitaal)
    out.push_back("Plaats: " + (m.place.empty() ? std::string("volgt nog") : m.place));
  if (m.mode != meeting_mode::fysiek)
    out.push_back("Link: " + (m.link.empty() ? std::string("volgt nog") : m.link));
  return out;
}

// The meeting that fills a document (an extra meeting's own list: that meeting).
int filled_in(const trajectory& t, document_id doc, int meeting) {
  if (!held_by_trajectory(doc)) return meeting;
  for (int i = 0; i < static_cast<int>(t.meetings.size()); ++i) {
    const auto& fills = editable_documents(t.meetings[static_cast<std::size_t>(i)].template_index);
    if (std::find(fills.begin(), fills.end(), doc) != fills.end()) return i;
  }
  return -1;
}

std::string footer_for(const trajectory& t, const std::string& what, int meeting_index) {
  std::string out = what + " · " + t.partners.school + " en " + t.partners.youth_organisation;
  if (const meeting* m = meeting_at(t, meeting_index); m != nullptr && !m->planned_date.empty())
    out += " · " + long_dutch_date(m->planned_date);
  return out;
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

std::string date_or_dash(const std::string& iso) {
  return iso.empty() ? "–" : long_dutch_date(iso);
}

std::vector<std::string> action_row(const trajectory& t, const action_item& a, bool with_status) {
  std::vector<std::string> row{std::to_string(a.id),
                               leerlijn().rows[static_cast<std::size_t>(a.row)].name, a.text,
                               name_or_dash(t, a.owner), date_or_dash(a.due)};
  if (with_status) row.emplace_back(label_of(a.status));
  return row;
}

table actions_table(bool with_status) {
  table actions;
  actions.headers = {"Nr.", "Onderdeel", "Actie", "Wie?", "Wanneer?"};
  actions.weights = {0.4, 1.6, 3.2, 1.4, 1.6};
  if (with_status) {
    actions.headers.emplace_back("Stand");
    actions.weights.push_back(1.0);
  }
  return actions;
}

bool any_text(const document_row& row) {
  return std::any_of(row.cells.begin(), row.cells.end(),
                     [](const std::string& c) { return !c.empty(); });
}

std::string joined(const std::vector<std::string>& parts, const std::string& sep = ", ") {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

// The headers of a form's table, in the seed's words for this cooperation.
table form_table(const trajectory& t, document_kind kind) {
  const auto& c = leerlijn();
  table grid;
  grid.headers = {"Werkzaam element", "Onderdeel"};
  switch (kind) {
    case document_kind::signalering:
      grid.headers.push_back(c.rating_column.for_(t.partners.kind));
      grid.headers.push_back(c.concreet_column.for_(t.partners.kind));
      grid.weights = {1.1, 1.7, 1.5, 4.2};
      break;
    case document_kind::actieplan:
      for (const auto& col : c.actieplan_columns) grid.headers.push_back(col.label);
      grid.weights = {1.1, 1.5, 2.0, 2.0, 2.0, 1.0, 1.0};
      break;
    case document_kind::vergelijking:
      grid.headers.emplace_back("Conclusie van het team");
      grid.weights = {1.1, 1.7, 5.0};
      break;
    default:
      for (const auto& col : c.evaluatie_columns) grid.headers.push_back(col.label);
      grid.weights = {1.1, 1.5, 2.0, 2.0, 2.0, 1.0, 1.0};
      break;
  }
  return grid;
}

// The actions a document lists in an onderdeel's row: the Actieplan all of them, an
// Evaluatielijst those still to do.
bool listed_in(const action_item& a, document_id doc, int row) {
  if (a.row != row || a.status == action_status::vervallen) return false;
  return kind_of(doc) != document_kind::evaluatielijst || a.status != action_status::klaar;
}

// A column the actions fill: one line per action listed in the row, after what was written
// in the cell freely.
std::string action_lines(const trajectory& t, document_id doc, int row, const column& col,
                         const std::string& free_text) {
  std::string out = free_text;
  for (const auto& a : t.actions) {
    if (!listed_in(a, doc, row)) continue;
    std::string line;
    if (col.id == "wie") {
      line = name_or_dash(t, a.owner);
    } else if (col.id == "wanneer") {
      line = date_or_dash(a.due);
    } else {
      line = a.text;
    }
    if (!out.empty()) out += '\n';
    out += line;
  }
  return out;
}

}  // namespace

report build_document(const trajectory& t, document_id doc, int meeting) {
  const auto& c = leerlijn();
  report r;
  const document* found = find_document(t, doc, meeting);
  const int from = filled_in(t, doc, meeting);
  r.title = std::string(label_of(doc));
  r.subtitle = partnership_line(t) + (from >= 0 ? " · " + meeting_line(t, from) : std::string{});
  r.footer = footer_for(t, r.title, from);
  r.landscape = true;
  if (found == nullptr) {
    r.paragraph("Dit document bestaat niet.");
    return r;
  }
  const document& d = *found;
  const document_kind kind = kind_of(doc);
  table grid = form_table(t, kind);

  if (kind == document_kind::signalering) {
    for (std::size_t i = 0; i < c.rows.size(); ++i) {
      std::vector<std::string> row{element_name(c.rows[i]), c.rows[i].name,
                                   rating_text(d.rows[i].rating)};
      row.push_back(d.rows[i].cells.empty() ? std::string{} : d.rows[i].cells[0]);
      grid.rows.push_back(std::move(row));
    }
    // The seed's form ends in "TOTALE SCORE"; the phase goes beside it.
    const score s = compute_score(ratings_of(d));
    grid.rows.push_back(
        {c.total_label, "",
         s.complete() ? std::to_string(s.total) : std::to_string(s.total) + " (voorlopig)",
         s.complete() && s.final_phase
             ? band_of(*s.final_phase).name
             : "nog " + std::to_string(s.missing) + " van de " + std::to_string(onderdeel_count) +
                   " onderdelen te scoren"});
    r.add_table(std::move(grid));
    r.paragraph(score_line(s));
    if (s.complete() && s.final_phase)
      r.paragraph(c.phase_question.for_(t.partners.kind) + " " + band_of(*s.final_phase).name);
    return r;
  }

  // The other forms print what was filled in (or holds actions), not rows left empty.
  std::vector<std::string> empty;
  const std::vector<column>* columns = kind == document_kind::actieplan ? &c.actieplan_columns
                                       : kind == document_kind::evaluatielijst
                                           ? &c.evaluatie_columns
                                           : nullptr;
  for (std::size_t i = 0; i < c.rows.size(); ++i) {
    const int row_index = static_cast<int>(i);
    const bool has_actions =
        columns != nullptr && std::any_of(t.actions.begin(), t.actions.end(), [&](const auto& a) {
          return listed_in(a, doc, row_index);
        });
    if (!any_text(d.rows[i]) && !has_actions) {
      empty.push_back(c.rows[i].name);
      continue;
    }
    std::vector<std::string> row{element_name(c.rows[i]), c.rows[i].name};
    for (std::size_t k = 0; k < d.rows[i].cells.size(); ++k) {
      const std::string& cell = d.rows[i].cells[k];
      if (columns != nullptr && k < columns->size() && filled_by_actions((*columns)[k])) {
        row.push_back(action_lines(t, doc, row_index, (*columns)[k], cell));
      } else {
        row.push_back(cell);
      }
    }
    grid.rows.push_back(std::move(row));
  }
  if (grid.rows.empty()) {
    r.paragraph("Nog niets ingevuld.");
  } else {
    r.add_table(std::move(grid));
    if (!empty.empty()) r.note("Niet ingevuld bij: " + joined(empty) + ".");
  }
  if (kind != document_kind::vergelijking && !t.actions.empty()) {
    r.heading("Acties");
    table actions = actions_table(true);
    for (const auto& a : t.actions) actions.rows.push_back(action_row(t, a, true));
    r.add_table(std::move(actions));
  }
  return r;
}

report build_minutes(const trajectory& t, int index) {
  const meeting& m = t.meetings.at(static_cast<std::size_t>(index));
  const auto& tpl = template_of(m);
  const live_session& s = m.session;
  report r;
  r.title = "Notulen " + tpl.name;
  r.subtitle = partnership_line(t);
  r.footer = footer_for(t, r.title, index);

  r.paragraph("Datum: " + when(m));
  std::string form = "Vorm: " + std::string(label_of(m.mode));
  for (const auto& w : where(m)) form += " · " + w;
  r.paragraph(form);

  r.heading("Aanwezig");
  std::vector<std::string> present;
  for (const person* p : people_marked(t, s, attendance::aanwezig)) present.push_back(p->name);
  for (const person* p : people_marked(t, s, attendance::online))
    present.push_back(p->name + " (online)");
  // Attendance marked before it knew who came online: those present with no person left.
  r.paragraph("Aanwezig: " + (present.empty() ? std::string("–") : joined(present)));
  std::vector<std::string> excused;
  for (const person* p : people_marked(t, s, attendance::afgemeld)) excused.push_back(p->name);
  if (!excused.empty()) r.paragraph("Afgemeld: " + joined(excused));
  if (!present.empty()) {
    std::vector<std::string> absent;
    for (const person* p : people_marked(t, s, attendance::onbekend)) absent.push_back(p->name);
    if (!absent.empty()) r.paragraph("Afwezig zonder bericht: " + joined(absent));
  }
  r.paragraph("Notulist: " + name_or_dash(t, s.notulist) +
              " · Invuller: " + name_or_dash(t, s.invuller));
  const auto gaps = meeting_representation_gaps(t, index);
  if (gaps.empty()) {
    r.paragraph("Uitvoerders én managers van school en jongerenwerk waren aanwezig.");
  } else {
    std::vector<std::string> missing;
    missing.reserve(gaps.size());
    for (const auto& g : gaps) missing.push_back(g.message);
    r.paragraph("Vertegenwoordiging: " + joined(missing, " "));
  }

  r.heading("Verslag per agendapunt");
  table per_item;
  per_item.headers = {"Agendapunt", "Gepland (min)", "Duurde (min)", "Besproken", "Besloten"};
  for (int i = 0; i < static_cast<int>(tpl.agenda.size()); ++i) {
    const auto& item = tpl.agenda[static_cast<std::size_t>(i)];
    const agenda_record* rec =
        i < static_cast<int>(s.items.size()) ? &s.items[static_cast<std::size_t>(i)] : nullptr;
    r.subheading(std::to_string(i + 1) + ". " + item.title);
    r.note(item_time_line(t, index, i));
    const auto decisions = recorded_decisions(t, index, i);
    const bool said = rec != nullptr && !rec->notes.empty();
    const bool decided = rec != nullptr && !rec->decided.empty();
    if (said) r.paragraph("Besproken: " + rec->notes);
    if (decided) r.paragraph("Besloten: " + rec->decided);
    if (!decisions.empty()) r.list(decisions);
    if (!said && !decided && decisions.empty()) r.note("Niets genoteerd.");
    std::string decided_all = rec != nullptr ? rec->decided : std::string{};
    for (const auto& d : decisions) decided_all += (decided_all.empty() ? "" : "\n") + d;
    per_item.rows.push_back(
        {std::to_string(i + 1) + ". " + item.title, std::to_string(item.minutes),
         rec != nullptr && rec->used_ms > 0 ? std::to_string(whole_minutes(rec->used_ms))
                                            : std::string{},
         rec != nullptr ? rec->notes : std::string{}, decided_all});
  }
  if (!s.minutes.empty()) {
    r.heading("Overige notulen");
    r.paragraph(s.minutes);
    per_item.rows.push_back({"Overige notulen", "", "", s.minutes, ""});
  }
  r.add_table(std::move(per_item), block::audience::spreadsheet);

  std::vector<int> made;
  for (const auto& rec : s.items) made.insert(made.end(), rec.actions.begin(), rec.actions.end());
  if (!made.empty()) {
    r.heading("Acties");
    table actions = actions_table(false);
    for (int id : made)
      if (id >= 1 && id <= static_cast<int>(t.actions.size()))
        actions.rows.push_back(action_row(t, t.actions[static_cast<std::size_t>(id - 1)], false));
    r.add_table(std::move(actions));
  }

  if (!s.reactions.empty()) {
    r.heading("Schriftelijke reacties");
    table reactions;
    reactions.headers = {"Wie", "Bij", "Reactie"};
    reactions.weights = {1.2, 1.6, 4.0};
    for (const auto& x : s.reactions)
      reactions.rows.push_back({name_or_dash(t, x.author),
                                x.row < 0 ? std::string("Bijeenkomst")
                                          : leerlijn().rows[static_cast<std::size_t>(x.row)].name,
                                x.text});
    r.add_table(std::move(reactions));
  }

  r.heading("Volgende bijeenkomst");
  if (const meeting* next = meeting_at(t, index + 1)) {
    r.paragraph(template_of(*next).name + ": " + when(*next));
    for (const auto& w : where(*next)) r.paragraph(w);
  } else {
    r.paragraph("Er is nog geen volgende bijeenkomst afgesproken.");
  }
  return r;
}

report build_comparison(const trajectory& t) {
  const auto& c = leerlijn();
  const comparison cmp = compare_signalering(t);
  const auto at = comparison_item(t);
  const int held = at ? at->meeting : -1;
  const bool fresh = cmp.kind == cooperation::fresh;
  report r;
  r.title = "Analyse van de gerealiseerde verbetering";
  r.subtitle = partnership_line(t) + (held >= 0 ? " · " + meeting_line(t, held) : std::string{});
  r.footer = footer_for(t, r.title, held);
  r.landscape = true;
  r.paragraph(c.wording(t.partners.kind).comparison);

  // The chart and the sentence about the phase, as the comparison screen shows them.
  chart figure;
  figure.before_label = std::string(before_label(cmp.kind)) + " (eerste Signaleringsinstrument)";
  figure.after_label = std::string(after_label(cmp.kind)) + " (tweede Signaleringsinstrument)";
  for (std::size_t i = 0; i < c.rows.size(); ++i) {
    chart::row row;
    if (i == 0 || c.rows[i - 1].element_index != c.rows[i].element_index)
      row.element = element_name(c.rows[i]);
    row.label = c.rows[i].name;
    row.before = cmp.rows[i].before;
    row.after = cmp.rows[i].after;
    row.verdict = std::string(verdict_label(cmp.rows[i].verdict, cmp.kind));
    row.trend = cmp.rows[i].verdict == change::improved ? 1
                : cmp.rows[i].verdict == change::worse  ? -1
                                                        : 0;
    figure.rows.push_back(std::move(row));
  }
  for (const auto& b : c.bands) figure.bands.push_back({b.name, b.min, b.max});
  figure.before_total = cmp.before.rated == 0 ? 0 : cmp.before.total;
  figure.after_total = cmp.after.rated == 0 ? 0 : cmp.after.total;
  figure.before_complete = cmp.before.complete();
  figure.after_complete = cmp.after.complete();
  r.add_chart(std::move(figure));
  r.paragraph(phase_sentence(cmp));

  table grid;
  grid.headers = {"Werkzaam element",
                  "Onderdeel",
                  std::string(before_label(cmp.kind)),
                  std::string(after_label(cmp.kind)),
                  "Verschil",
                  "Oordeel"};
  grid.weights = {1.2, 2.2, 0.8, 0.8, 0.8, 1.4};
  for (std::size_t i = 0; i < c.rows.size(); ++i) {
    const auto& row = cmp.rows[i];
    const bool both = row.before != 0 && row.after != 0;
    std::string diff = both ? std::to_string(row.after - row.before) : "–";
    if (both && row.after > row.before) diff.insert(0, "+");
    grid.rows.push_back({element_name(c.rows[i]), c.rows[i].name,
                         row.before == 0 ? "–" : std::to_string(row.before),
                         row.after == 0 ? "–" : std::to_string(row.after), diff,
                         std::string(verdict_label(row.verdict, cmp.kind))});
  }
  r.add_table(std::move(grid));
  r.paragraph(std::string(before_label(cmp.kind)) + ": " + score_line(cmp.before));
  r.paragraph(std::string(after_label(cmp.kind)) + ": " + score_line(cmp.after));
  // In a sentence the verdicts are lower case ("8 onderdelen verbeterd, ...").
  const auto lower = [&](change v) {
    std::string label(verdict_label(v, cmp.kind));
    label[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(label[0])));
    return label;
  };
  r.paragraph(std::to_string(cmp.improved) + " onderdelen " + lower(change::improved) + ", " +
              std::to_string(cmp.same) + " " + lower(change::same) + ", " +
              std::to_string(cmp.worse) + " " + lower(change::worse) + ".");

  // The words beside the scores: what the team wrote the first time (for a new cooperation
  // the desired situation) and the second time, and what it concludes.
  r.heading(fresh ? "De gewenste situatie naast de situatie nu" : "Hoe het was en hoe het nu is");
  const auto& first = t.documents[static_cast<std::size_t>(document_id::signalering_begin)];
  const auto& second = t.documents[static_cast<std::size_t>(document_id::signalering_eind)];
  const auto& conclusions = t.documents[static_cast<std::size_t>(document_id::conclusies)];
  table texts;
  texts.headers = {
      "Onderdeel",
      fresh ? "Gewenst (eerste Signaleringsinstrument)" : "Begin (eerste Signaleringsinstrument)",
      fresh ? "Nu (tweede Signaleringsinstrument)" : "Eind (tweede Signaleringsinstrument)",
      "Conclusie van het team"};
  texts.weights = {1.4, 3.0, 3.0, 2.4};
  const auto words = [](const document_row& row) {
    std::string out = rating_text(row.rating);
    if (!row.cells.empty() && !row.cells[0].empty()) out += "\n" + row.cells[0];
    return out;
  };
  for (std::size_t i = 0; i < c.rows.size(); ++i)
    texts.rows.push_back(
        {c.rows[i].name, words(first.rows[i]), words(second.rows[i]),
         conclusions.rows[i].cells.empty() ? std::string{} : conclusions.rows[i].cells[0]});
  r.add_table(std::move(texts));
  r.heading("Conclusies van het team");
  const agenda_record* overall = nullptr;
  if (at && at->item < static_cast<int>(
                           t.meetings[static_cast<std::size_t>(at->meeting)].session.items.size()))
    overall = &t.meetings[static_cast<std::size_t>(at->meeting)]
                   .session.items[static_cast<std::size_t>(at->item)];
  if (overall != nullptr && !overall->decided.empty()) {
    r.paragraph(overall->decided);
  } else {
    r.note("Nog geen conclusies genoteerd.");
  }
  return r;
}

report build_factsheet(const trajectory& t) {
  const auto& c = leerlijn();
  report r;
  r.title = c.factsheet_title;
  r.subtitle = "Bijlage 1 bij de leerlijn · " + partnership_line(t);
  r.footer = "Factsheet · " + t.partners.school + " en " + t.partners.youth_organisation;
  for (const auto& e : c.elements) {
    r.heading(e.name);
    r.paragraph(e.explanation);
    for (const auto& o : e.onderdelen) {
      r.subheading(o.factsheet_title);
      r.paragraph(o.explanation);
    }
  }
  r.note("Bron: " + c.factsheet_source);
  return r;
}

report build_blank_form(const trajectory& t, document_kind kind) {
  const auto& c = leerlijn();
  report r;
  r.landscape = true;
  table grid = form_table(t, kind);
  const std::size_t text_columns = grid.headers.size() - 2;
  switch (kind) {
    case document_kind::signalering: {
      r.title = c.signalering_title;
      r.note(c.signalering_explanation);
      std::string scale = "Omcirkel: ";
      for (const auto& s : c.scale)
        scale += (s.value > 1 ? " · " : "") + std::to_string(s.value) + " " + s.label;
      r.note(scale);
      for (const auto& row : c.rows)
        grid.rows.push_back({element_name(row), row.name, "1   2   3", ""});
      grid.rows.push_back({c.total_label, "", "", ""});
      r.add_table(std::move(grid));
      std::string bands = c.score_instruction;
      for (const auto& b : c.bands)
        bands += "\nTotaalscore van " + std::to_string(b.min) + " tot " + std::to_string(b.max) +
                 " punten: " + b.name + ".";
      r.note(bands);
      r.note(c.phase_question.for_(t.partners.kind));
      break;
    }
    default: {
      const bool plan = kind == document_kind::actieplan;
      r.title = plan ? c.actieplan_title : c.evaluatie_title;
      r.note(plan ? c.actieplan_explanation : c.evaluatie_explanation);
      for (const auto& row : c.rows) {
        std::vector<std::string> cells{element_name(row), row.name};
        cells.resize(2 + text_columns);
        grid.rows.push_back(std::move(cells));
      }
      r.add_table(std::move(grid));
      break;
    }
  }
  r.subtitle = "In te vullen met het team · " + partnership_line(t);
  r.footer = r.title + " (leeg) · " + t.partners.school + " en " + t.partners.youth_organisation;
  return r;
}

report build_invitation(const trajectory& t, int index) {
  const meeting& m = t.meetings.at(static_cast<std::size_t>(index));
  const auto& tpl = template_of(m);
  report r;
  r.title = "Uitnodiging: " + tpl.name;
  r.subtitle = partnership_line(t);
  r.footer = footer_for(t, r.title, index);
  // "van de leerlijn Jongerenwerk en Onderwijs Samen (JOS)": the title within a sentence.
  std::string leerlijn_name = leerlijn().title;
  if (leerlijn_name.starts_with("Leerlijn")) leerlijn_name[0] = 'l';
  r.paragraph("Graag nodigen we je uit voor de " + tpl.name + (tpl.step.empty() ? "" : " (") +
              tpl.step + (tpl.step.empty() ? "" : ")") + " van de " + leerlijn_name + ".");
  r.paragraph("Wanneer: " + when(m));
  for (const auto& w : where(m)) r.paragraph(w);
  if (!tpl.doel.empty()) r.paragraph("Doel: " + tpl.doel + ".");

  r.heading("Agenda");
  std::vector<std::string> agenda;
  auto start = parse_time(m.start_time);
  for (const auto& item : tpl.agenda) {
    std::string line = start ? format_time(*start) + "  " : std::string{};
    line += item.title + " (± " + std::to_string(item.minutes) + " min.)";
    agenda.push_back(std::move(line));
    if (start) *start += item.minutes;
  }
  r.list(agenda);

  r.heading("Meenemen of vooraf doornemen");
  std::vector<std::string> bring;
  for (const auto& a : attachments_of(t, index)) bring.push_back(a.label);
  r.list(bring);
  r.paragraph(
      "De documenten zitten als bijlage bij deze uitnodiging. Wil je ze ter voorbereiding "
      "doornemen? Print ze als je ze liever op papier hebt.");
  std::vector<std::string> coordinators;
  for (const auto& p : t.team)
    if (p.coordinator) coordinators.push_back(p.name);
  r.paragraph("Met vriendelijke groet,\n" + (coordinators.empty() ? std::string("de coördinator")
                                                                  : joined(coordinators, " en ")));
  return r;
}

}  // namespace jos::documents
