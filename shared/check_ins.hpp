#pragma once
// Between the Actieplanbijeenkomst and the Terugkombijeenkomst the seed has the coordinator
// keep in touch: "De coördinator heeft tussentijds contact met de betrokkenen en polst of de
// uitvoering van het actieplan van de grond komt … Indien de uitvoering van het actieplan
// niet van de grond komt, kan de coördinator … besluiten om de terugkombijeenkomst eerder te
// organiseren."

#include <optional>
#include <vector>

#include "shared/model.hpp"

namespace jos::shared {

// The meeting the coordinator keeps in touch before: the next one, when its content has
// words for the time before it (tussentijds), the one before it has been held and it has
// not begun. nullopt at any other time.
std::optional<int> check_in_period(const trajectory& t);

struct owner_check_in {
  person_id owner = no_person;
  std::vector<int> actions;        // ids of their actions still to do
  const check_in* last = nullptr;  // the latest contact with them, if any
};

// The owners of actions still to do, in team order, with the last contact with each.
std::vector<owner_check_in> check_ins_by_owner(const trajectory& t);

// Owners whose latest contact says the plan does not get going: a reason to meet earlier.
std::vector<person_id> not_getting_going(const trajectory& t);

}  // namespace jos::shared
