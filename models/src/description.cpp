// Names of the description's enumerations, as written in scenario files, and a site's scaled plan.
#include "truckflow/models/description.hpp"

#include <cmath>

#include "whole_units.hpp"

namespace truckflow::models {

std::int64_t SiteDesc::planned_trucks(const PlanLineDesc& line) const {
  return detail::whole_units(std::round(static_cast<double>(line.trucks) * plan_factor), "a plan line's trucks");
}

ScenarioDesc chain_only(ScenarioDesc scenario) {
  for (SiteDesc& site : scenario.sites) site.work.reset();
  return scenario;
}

const char* to_string(RegionRole role) {
  switch (role) {
    case RegionRole::host:
      return "host";
    case RegionRole::collaborating:
      return "collaborating";
  }
  return "?";
}

const char* to_string(Powertrain powertrain) {
  switch (powertrain) {
    case Powertrain::battery_electric_charging:
      return "battery_electric_charging";
    case Powertrain::battery_electric_swap:
      return "battery_electric_swap";
    case Powertrain::fuel_cell:
      return "fuel_cell";
    case Powertrain::methanol_hydrogen_electric:
      return "methanol_hydrogen_electric";
    case Powertrain::diesel:
      return "diesel";
  }
  return "?";
}

const char* to_string(SiteKind kind) {
  switch (kind) {
    case SiteKind::mine:
      return "mine";
    case SiteKind::steel_works:
      return "steel_works";
    case SiteKind::port:
      return "port";
    case SiteKind::railway_port:
      return "railway_port";
    case SiteKind::logistics_park:
      return "logistics_park";
    case SiteKind::construction:
      return "construction";
    case SiteKind::industrial_park:
      return "industrial_park";
  }
  return "?";
}

Carrier carrier_of(Powertrain powertrain) {
  switch (powertrain) {
    case Powertrain::battery_electric_charging:
    case Powertrain::battery_electric_swap:
      return Carrier::electricity;
    case Powertrain::fuel_cell:
      return Carrier::hydrogen;
    case Powertrain::methanol_hydrogen_electric:
      return Carrier::methanol;
    case Powertrain::diesel:
      return Carrier::diesel;
  }
  return Carrier::diesel;
}

Carrier carrier_of(StationKind kind) {
  switch (kind) {
    case StationKind::charging:
    case StationKind::swap:
      return Carrier::electricity;
    case StationKind::hydrogen:
      return Carrier::hydrogen;
    case StationKind::methanol:
      return Carrier::methanol;
    case StationKind::diesel:
      return Carrier::diesel;
  }
  return Carrier::diesel;
}

bool station_serves(StationKind kind, Powertrain powertrain) {
  switch (kind) {
    case StationKind::charging:
      return powertrain == Powertrain::battery_electric_charging;
    case StationKind::swap:
      return powertrain == Powertrain::battery_electric_swap;
    case StationKind::hydrogen:
      return powertrain == Powertrain::fuel_cell;
    case StationKind::methanol:
      return powertrain == Powertrain::methanol_hydrogen_electric;
    case StationKind::diesel:
      return powertrain == Powertrain::diesel;
  }
  return false;
}

const char* to_string(Carrier carrier) {
  switch (carrier) {
    case Carrier::electricity:
      return "electricity";
    case Carrier::hydrogen:
      return "hydrogen";
    case Carrier::methanol:
      return "methanol";
    case Carrier::diesel:
      return "diesel";
  }
  return "?";
}

const char* unit_of(Carrier carrier) {
  switch (carrier) {
    case Carrier::electricity:
      return "kWh";
    case Carrier::hydrogen:
      return "kg";
    case Carrier::methanol:
    case Carrier::diesel:
      return "L";
  }
  return "?";
}

const char* to_string(StationKind kind) {
  switch (kind) {
    case StationKind::charging:
      return "charging";
    case StationKind::swap:
      return "swap";
    case StationKind::hydrogen:
      return "hydrogen";
    case StationKind::methanol:
      return "methanol";
    case StationKind::diesel:
      return "diesel";
  }
  return "?";
}

}  // namespace truckflow::models
