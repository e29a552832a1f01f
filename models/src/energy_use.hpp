// How much of its carrier a truck uses on a trip: flat-road use by distance, plus the climb's
// potential energy through the drivetrain, less what electric drives regenerate on descents.
// Internal to models/.
#pragma once

#include "truckflow/models/description.hpp"

#include "places.hpp"

namespace truckflow::models::detail {

/// Energy in one unit of a carrier (kWh per kWh, per kg of hydrogen, per L of methanol or diesel),
/// at its lower heating value; see docs/sources.md [lower-heating-values].
double kwh_per_unit(Carrier carrier);

/// Standard gravity, m/s².
inline constexpr double gravity_m_per_s2 = 9.80665;

/// The carrier used on `trip` (in its unit) by a truck of `op` carrying `cargo_t` tonnes:
///   use_per_100km × km / 100 (loaded use when it carries anything, empty use otherwise)
///   + m·g·climb ÷ efficiency − regenerated share × m·g·descent (both converted to the carrier's
///   unit), with m the truck's mass with its cargo. Negative when a descent returns more than the
///   trip uses (a battery truck running loaded downhill).
double trip_use(const TruckOperationDesc& op, Carrier carrier, const Trip& trip, double cargo_t);

}  // namespace truckflow::models::detail
