// Energy on a trip, and the carriers' energy content.
#include "energy_use.hpp"

namespace truckflow::models::detail {

double kwh_per_unit(Carrier carrier) {
  switch (carrier) {
    case Carrier::electricity:
      return 1.0;
    case Carrier::hydrogen:
      return 33.39;  // 120.21 MJ/kg
    case Carrier::methanol:
      return 4.41;  // 20.09 MJ/kg × 0.791 kg/L
    case Carrier::diesel:
      return 9.95;  // 42.79 MJ/kg × 0.837 kg/L
  }
  return 1.0;
}

double trip_use(const TruckOperationDesc& op, Carrier carrier, const Trip& trip, double cargo_t) {
  const double per_100km = cargo_t > 0.0 ? op.use_loaded_per_100km : op.use_empty_per_100km;
  const double mass_kg = (op.empty_mass_t + cargo_t) * 1000.0;
  constexpr double joules_per_kwh = 3.6e6;
  const double climb_kwh = mass_kg * gravity_m_per_s2 * trip.climb_m / joules_per_kwh;
  const double descent_kwh = mass_kg * gravity_m_per_s2 * trip.descent_m / joules_per_kwh;
  const double grade_kwh = climb_kwh / op.drivetrain_efficiency - op.regenerated_share * descent_kwh;
  return per_100km * trip.km / 100.0 + grade_kwh / kwh_per_unit(carrier);
}

}  // namespace truckflow::models::detail
