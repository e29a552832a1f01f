// A chain sized for one truck type, so that `truckflow compare` weighs types on equal terms rather
// than measuring how the scenario happened to size each type's suppliers, lines and stations.
// A plain function of the description.
#pragma once

#include <string>
#include <vector>

#include "truckflow/models/description.hpp"
#include "truckflow/models/whole_plan.hpp"

namespace truckflow::models {

/// Capacity above the peak need the sizing rule provides (1.25: 25 % spare).
inline constexpr double sizing_headroom = 1.25;

/// The rule `size_chain_for` applies, in words, for the basis printed above a comparison.
std::string chain_sizing_rule();

/// Sizes `scenario`'s chain for `truck_type` (its plans already assigned to that type), by one
/// rule (chain_sizing_rule): with D the most trucks planned in any one year,
/// - every supplier of a component the type's bill of materials (or a site's body) needs makes at
///   least headroom × D × quantity per 365 days;
/// - every factory building the type has at least headroom × D × assembly hours / 8,760 lines, and
///   every upfitter as many bays for the bodies it fits;
/// - the energy sources of the type's carrier (hydrogen, methanol, diesel) make together at least
///   headroom × every truck planned × 400 km a day at the type's loaded use;
/// - every region where a site's trucks work (the site and where it loads and unloads) has a
///   station serving the type: where it has none, a copy of the scenario's first such station is
///   placed at the region's centre (id `<station>_in_<region>`), growing by its own rule.
/// Nothing is made smaller. Notes say what changed (warnings), or that no station serves the type.
std::vector<PlanNote> size_chain_for(ScenarioDesc& scenario, const std::string& truck_type);

}  // namespace truckflow::models
