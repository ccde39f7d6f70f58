#include "shared/model.hpp"

#include <algorithm>

namespace jos::shared {

document make_document(document_id id) {
  document doc;
  doc.id = id;
  const int columns = text_column_count(kind_of(id));
  for (auto& row : doc.rows) row.cells.assign(static_cast<std::size_t>(columns), {});
  return doc;
}

meeting make_meeting(int template_index) {
  meeting m;
  m.template_index = template_index;
  const auto& tpl = template_of(m);
  m.session.items.resize(tpl.agenda.size());
  for (document_id d : tpl.fills)
    if (!held_by_trajectory(d)) m.extra_document = make_document(d);
  return m;
}

trajectory make_trajectory(std::string id, partnership partners) {
  trajectory t;
  t.id = std::move(id);
  t.partners = std::move(partners);
  for (int i = 0; i < seed_meeting_count; ++i) t.meetings.push_back(make_meeting(i));
  for (int d = 0; d < document_count; ++d)
    t.documents[static_cast<std::size_t>(d)] = make_document(static_cast<document_id>(d));
  return t;
}

const meeting_template& template_of(const meeting& m) {
  return leerlijn().meeting_at(m.template_index);
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

const std::vector<document_id>& editable_documents(int template_index) {
  return leerlijn().meeting_at(template_index).fills;
}

bool held_by_trajectory(document_id id) { return static_cast<int>(id) < document_count; }

const document* find_document(const trajectory& t, document_id id, int meeting) {
  if (held_by_trajectory(id)) return &t.documents[static_cast<std::size_t>(id)];
  if (meeting < 0 || meeting >= static_cast<int>(t.meetings.size())) return nullptr;
  const auto& own = t.meetings[static_cast<std::size_t>(meeting)].extra_document;
  return own && own->id == id ? &*own : nullptr;
}

document* find_document(trajectory& t, document_id id, int meeting) {
  return const_cast<document*>(find_document(static_cast<const trajectory&>(t), id, meeting));
}

std::array<int, onderdeel_count> ratings_of(const document& d) {
  std::array<int, onderdeel_count> r{};
  for (std::size_t i = 0; i < r.size(); ++i) r[i] = d.rows[i].rating;
  return r;
}

}  // namespace jos::shared
