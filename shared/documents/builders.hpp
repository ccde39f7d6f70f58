#pragma once
// The documents the seed says everyone receives after a meeting, built from the state.

#include <optional>
#include <string_view>

#include "shared/documents/report.hpp"
#include "shared/model.hpp"

namespace jos::documents {

report build_document(const shared::trajectory& t, shared::document_id doc);
report build_minutes(const shared::trajectory& t, int meeting);
report build_comparison(const shared::trajectory& t);

// By name, as used in export URLs: a document id ("signalering_1", "actieplan", ...),
// "notulen-N" (meeting N, counted from 1) or "vergelijking".
std::optional<report> build_by_name(const shared::trajectory& t, std::string_view name);

}  // namespace jos::documents
