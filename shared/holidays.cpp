#include "shared/holidays.hpp"

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "shared/calendar.hpp"

namespace jos::embedded {
extern const std::string_view schoolvakanties_json;
}

namespace jos::shared {
namespace {

struct holiday_data {
  std::vector<std::string> years;
  std::vector<school_holiday> holidays;
};

holiday_data parse(std::string_view text) {
  const auto j = nlohmann::json::parse(text);
  holiday_data d;
  for (const auto& year : j.at("school_years")) {
    d.years.push_back(year.at("school_year").get<std::string>());
    for (const auto& h : year.at("holidays")) {
      school_holiday s{h.at("name").get<std::string>(),
                       h.at("regions").get<std::vector<std::string>>(),
                       h.at("from").get<std::string>(), h.at("to").get<std::string>()};
      if (!parse_date(s.from) || !parse_date(s.to) || *parse_date(s.to) < *parse_date(s.from))
        throw std::runtime_error("not a period: " + s.from + " – " + s.to);
      d.holidays.push_back(std::move(s));
    }
  }
  return d;
}

const holiday_data& data() {
  static const holiday_data parsed = [] {
    try {
      return parse(jos::embedded::schoolvakanties_json);
    } catch (const std::exception& e) {
      // A malformed embedded file is a build defect, caught by the tests.
      std::fprintf(stderr, "jos: embedded school holidays are invalid: %s\n", e.what());
      std::abort();
    }
  }();
  return parsed;
}

}  // namespace

const std::vector<school_holiday>& school_holidays() { return data().holidays; }

std::vector<std::string> holiday_school_years() { return data().years; }

std::vector<const school_holiday*> holidays_on(std::string_view date) {
  std::vector<const school_holiday*> out;
  const auto day = parse_date(date);
  if (!day) return out;
  for (const auto& h : school_holidays())
    if (*parse_date(h.from) <= *day && *day <= *parse_date(h.to)) out.push_back(&h);
  return out;
}

}  // namespace jos::shared
