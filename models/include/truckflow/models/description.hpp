// The plain description of a scenario: what exists and what is planned. The scenario loader fills
// it from YAML; the World is built from it. No behaviour, no YAML, no files.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace truckflow::models {

using Date = std::chrono::year_month_day;

/// A name in English and (optionally) Chinese.
struct LocalizedName {
  std::string en;
  std::string zh;
};

enum class RegionRole {
  host,           ///< 承载区: hosts the chain's core industry
  collaborating,  ///< 协同区: supplies parts and energy, puts trucks to work
};

/// Energy and fuel prices in a region (used by the operations and value layers). The defaults are Sichuan
/// figures (docs/sources.md [estimate-electricity-price] [estimate-diesel-price] [farizon-hohhot-2025]);
/// hydrogen 35 lies between Chengdu's subsidised 30 and the unsubsidised 40
/// (docs/sources.md [chengdu-h2-subsidy] [estimate-hydrogen-price]).
struct RegionPrices {
  double electricity_cny_per_kwh = 0.60;
  double diesel_cny_per_l = 7.2;
  double hydrogen_cny_per_kg = 35.0;
  double methanol_cny_per_l = 2.5;
};

struct RegionDesc {
  std::string id;
  LocalizedName name;
  RegionRole role = RegionRole::collaborating;
  double latitude_deg = 0.0;
  double longitude_deg = 0.0;
  double elevation_m = 0.0;
  double grid_co2_kg_per_kwh = 0.0;
  RegionPrices prices;
};

/// A road link between two regions; `climb_m` and `descent_m` are for travel from `from` to `to`
/// (a two-way link swaps them for the way back).
struct RoadDesc {
  std::string from;
  std::string to;
  double distance_km = 0.0;
  double travel_time_h = 0.0;
  double climb_m = 0.0;
  double descent_m = 0.0;
  bool two_way = true;
  double travel_time_cv = 0.0;  ///< coefficient of variation of a trip's travel time (0: always the same)
};

struct ComponentDesc {
  std::string id;
  LocalizedName name;
};

enum class Powertrain {
  battery_electric_charging,
  battery_electric_swap,
  fuel_cell,
  methanol_hydrogen_electric,
  diesel,
};

struct BomLine {
  std::string component;
  std::int64_t quantity = 1;
};

struct TruckTypeDesc {
  std::string id;
  LocalizedName name;
  Powertrain powertrain = Powertrain::diesel;
  double price_cny = 0.0;
  std::vector<BomLine> bill_of_materials;
};

/// A window of reduced capacity, from `start_date` to `end_date` inclusive.
struct DisruptionDesc {
  Date start_date;
  Date end_date;
  double capacity_factor = 0.0;  ///< share of normal capacity during the window (0: stopped)
};

struct SupplierDesc {
  std::string id;
  LocalizedName name;
  std::string region;
  std::string component;
  double capacity_units_per_day = 0.0;
  double lead_time_days = 0.0;
  double lead_time_cv = 0.0;  ///< coefficient of variation of the lead time (0: always the same)
  double unit_price_cny = 0.0;
  std::int64_t initial_stock_units = 0;
  std::int64_t max_stock_units = 0;  ///< production pauses when the stock reaches it; 0: 14 days of capacity
  std::vector<DisruptionDesc> disruptions;
};

/// Component stock policy of a factory or upfitter, in trucks' worth of each component:
/// when stock on hand plus on order falls to `reorder_point_trucks` or below, order
/// `order_quantity_trucks`' worth (continuous review).
struct InventoryPolicyDesc {
  std::int64_t initial_stock_trucks = 0;
  std::int64_t reorder_point_trucks = 0;
  std::int64_t order_quantity_trucks = 1;
};

/// Which supplier a plant buys a component from (by default: the nearest by travel time).
struct SourcingDesc {
  std::string component;
  std::string supplier;
};

struct FactoryDesc {
  std::string id;
  LocalizedName name;
  std::string region;
  std::vector<std::string> truck_types;
  std::int64_t lines = 1;
  double assembly_hours = 0.0;
  double assembly_time_cv = 0.0;       ///< coefficient of variation of the assembly time
  double order_processing_days = 0.0;  ///< from an order to the start of its production (planning, scheduling)
  InventoryPolicyDesc inventory;
  std::vector<SourcingDesc> sourcing;
};

/// Fits special-purpose bodies (专用车) to chassis before delivery.
struct UpfitterDesc {
  std::string id;
  LocalizedName name;
  std::string region;
  std::int64_t bays = 1;
  double upfit_hours = 0.0;
  double upfit_time_cv = 0.0;  ///< coefficient of variation of the upfit time
  InventoryPolicyDesc inventory;
  std::vector<SourcingDesc> sourcing;
};

enum class SiteKind { mine, steel_works, port, railway_port, logistics_park, construction, industrial_park };

struct UpfitDesc {
  std::string upfitter;
  std::string body;  ///< the body component fitted
};

/// Trucks of one type for one year: ordered in that year (`deployment`), or wanted in service at
/// its end (`target_fleet`).
struct PlanLineDesc {
  std::int64_t year = 0;
  std::string truck_type;
  std::int64_t trucks = 0;
  std::string factory;  ///< empty: the nearest factory that builds the type
};

struct SiteDesc {
  std::string id;
  LocalizedName name;
  std::string region;
  SiteKind kind = SiteKind::logistics_park;
  std::string operator_name;
  std::optional<UpfitDesc> upfit;
  std::vector<PlanLineDesc> deployment;
  std::vector<PlanLineDesc> target_fleet;
  /// Multiplies the trucks of every plan line (a what-if: 2 doubles the site's plan).
  double plan_factor = 1.0;

  /// A line's trucks after `plan_factor`, rounded to the nearest truck.
  std::int64_t planned_trucks(const PlanLineDesc& line) const;
};

struct SimulationDesc {
  Date start_date{std::chrono::year(2026), std::chrono::January, std::chrono::day(1)};
  std::int64_t horizon_years = 1;
  std::uint64_t seed = 0;
  double sample_interval_days = 1.0;
};

struct ScenarioDesc {
  std::string name;
  std::string description;
  SimulationDesc simulation;
  std::vector<RegionDesc> regions;
  std::vector<RoadDesc> roads;
  std::vector<ComponentDesc> components;
  std::vector<TruckTypeDesc> truck_types;
  std::vector<SupplierDesc> suppliers;
  std::vector<FactoryDesc> factories;
  std::vector<UpfitterDesc> upfitters;
  std::vector<SiteDesc> sites;
};

const char* to_string(RegionRole role);
const char* to_string(Powertrain powertrain);
const char* to_string(SiteKind kind);

}  // namespace truckflow::models
