#include "shared/model.hpp"

#include <algorithm>

namespace jos::shared {

trajectory make_trajectory(std::string id, partnership partners) {
  trajectory t;
  t.id = std::move(id);
  t.partners = std::move(partners);
  for (int i = 0; i < seed_meeting_count; ++i) {
    meeting m;
    m.template_index = i;
    t.meetings.push_back(std::move(m));
  }
  for (int d = 0; d < document_count; ++d) {
    auto& doc = t.documents[static_cast<std::size_t>(d)];
    doc.id = static_cast<document_id>(d);
    const int columns = text_column_count(kind_of(doc.id));
    for (auto& row : doc.rows) row.cells.assign(static_cast<std::size_t>(columns), {});
  }
  return t;
}

const meeting_template& template_of(const meeting& m) {
  const auto& c = leerlijn();
  if (m.template_index >= 0 && m.template_index < static_cast<int>(c.meetings.size()))
    return c.meetings[static_cast<std::size_t>(m.template_index)];
  return c.extra_meeting;
}

const person* find_person(const trajectory& t, person_id id) {
  auto it =
      std::find_if(t.team.begin(), t.team.end(), [id](const person& p) { return p.id == id; });
  return it == t.team.end() ? nullptr : &*it;
}

const person* find_anyone(const trajectory& t, person_id id) {
  if (const person* p = find_person(t, id)) return p;
  const auto it =
      std::find_if(t.former.begin(), t.former.end(), [id](const person& p) { return p.id == id; });
  return it == t.former.end() ? nullptr : &*it;
}

int coordinator_count(const trajectory& t) {
  return static_cast<int>(
      std::count_if(t.team.begin(), t.team.end(), [](const person& p) { return p.coordinator; }));
}

std::optional<document_id> document_for(int template_index, document_kind kind) {
  switch (kind) {
    case document_kind::signalering:
      // Meetings 1 and 2 work with the first; meeting 4 fills the second.
      return template_index == 3 ? document_id::signalering_eind : document_id::signalering_begin;
    case document_kind::actieplan: return document_id::actieplan;
    case document_kind::evaluatielijst:
      return template_index == 2 ? document_id::evaluatie_tussentijds : document_id::evaluatie_eind;
    default: return std::nullopt;
  }
}

std::vector<document_id> editable_documents(int template_index) {
  switch (template_index) {
    case 0: return {document_id::signalering_begin};
    case 1: return {document_id::actieplan};
    case 2: return {document_id::evaluatie_tussentijds};
    case 3: return {document_id::evaluatie_eind, document_id::signalering_eind};
    default: return {document_id::evaluatie_eind};
  }
}

std::array<int, onderdeel_count> ratings_of(const document& d) {
  std::array<int, onderdeel_count> r{};
  for (std::size_t i = 0; i < r.size(); ++i) r[i] = d.rows[i].rating;
  return r;
}

}  // namespace jos::shared
