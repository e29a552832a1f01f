// A scenario's plans assigned to one truck type, for `truckflow compare`: the same sites, years and
// counts, as if every truck planned were of that type. A plain function of the description.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "truckflow/models/description.hpp"

namespace truckflow::models {

/// What assigning the plans changed that the user should hear about, at a key path of the
/// description ("sites[0].deployment[1].factory").
struct PlanNote {
  std::string path;
  std::string message;
  bool error = false;  ///< the result cannot be run (a warning otherwise)
  std::string kind;    ///< the note's template, for grouping (Diagnostic::kind)
};

struct WholePlan {
  ScenarioDesc description;
  std::vector<PlanNote> notes;
};

/// `base` with every plan line of every site assigned to `truck_type`. Each deployment line keeps
/// its year and count. A line's factory is kept only if that factory builds `truck_type`;
/// otherwise the nearest factory that does takes its orders, and a warning says so. The
/// target-fleet lines of one year become one target, their sum (their factory kept only if they
/// all named the same one); a sum over `max_line_trucks` is an error at the line that passes it.
WholePlan assign_whole_plan(const ScenarioDesc& base, const std::string& truck_type, std::int64_t max_line_trucks);

}  // namespace truckflow::models
