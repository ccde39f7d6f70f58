#include "shared/documents/attachments.hpp"

#include <algorithm>

namespace jos::documents {
namespace {

using namespace shared;

// The seed's appendices, as the content numbers them: 1 Factsheet, 2 Signaleringsinstrument,
// 3 Format actieplan, 4 Evaluatielijst.
constexpr document_kind appendices[] = {document_kind::factsheet, document_kind::signalering,
                                        document_kind::actieplan, document_kind::evaluatielijst};

bool mentions(const std::string& s, std::string_view word) {
  return s.find(word) != std::string::npos;
}

// The last document of a kind filled in before `meeting`.
std::pair<document_id, int> last_filled(const trajectory& t, int meeting, document_kind kind) {
  std::pair<document_id, int> found{document_id::signalering_begin, -1};
  for (int i = 0; i < meeting && i < static_cast<int>(t.meetings.size()); ++i)
    for (document_id d : editable_documents(t.meetings[static_cast<std::size_t>(i)].template_index))
      if (kind_of(d) == kind && held_by_trajectory(d)) found = {d, i};
  return found;
}

}  // namespace

std::vector<attachment> attachments_of(const trajectory& t, int meeting) {
  std::vector<attachment> out;
  if (meeting < 0 || meeting >= static_cast<int>(t.meetings.size())) return out;
  for (const auto& item :
       template_of(t.meetings[static_cast<std::size_t>(meeting)]).benodigdheden) {
    if (item.starts_with("Indien ")) continue;
    attachment a;
    a.label = item;
    if (item.starts_with("Bijlage ") && item.size() > 8 && item[8] >= '1' && item[8] <= '4') {
      const document_kind kind = appendices[item[8] - '1'];
      a.what = kind == document_kind::factsheet ? attachment::kind::factsheet
                                                : attachment::kind::blank_form;
      a.form = kind;
    } else if (item.starts_with("Gezamenlijk ingevuld")) {
      const document_kind kind = mentions(item, "Signaleringsinstrument")
                                     ? document_kind::signalering
                                 : mentions(item, "Actieplan") ? document_kind::actieplan
                                                               : document_kind::evaluatielijst;
      a.what = attachment::kind::filled;
      std::tie(a.filled, a.filled_in) = last_filled(t, meeting, kind);
    }
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace jos::documents
