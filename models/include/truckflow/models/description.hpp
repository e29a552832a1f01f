// The plain description of a scenario: what exists and what is planned. The scenario loader fills
// it from YAML; the World is built from it. No behaviour, no YAML, no files.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "truckflow/models/money_kinds.hpp"
#include "truckflow/models/time_path.hpp"

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
  double local_speed_kmh = 40.0;  ///< mean speed of a truck on roads inside the region
  double detour_factor = 1.3;     ///< road distance over straight-line distance inside the region
};

/// Where a place lies: coordinates (latitude, longitude and elevation).
struct CoordinatesDesc {
  double latitude_deg = 0.0;
  double longitude_deg = 0.0;
  double elevation_m = 0.0;
};

/// Where a place lies in its region: a road distance and a climb from the region's centre, or
/// coordinates (the road distance is then the straight line times the region's detour factor).
struct PositionDesc {
  double distance_km = 0.0;  ///< by road from the region's centre
  double climb_m = 0.0;      ///< height above the region's centre (negative: below it)
  std::optional<CoordinatesDesc> coordinates;
};

/// A place in a region.
struct PlaceDesc {
  std::string region;
  PositionDesc position;
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

/// What a truck runs on, and the unit it is counted in: electricity (kWh), hydrogen (kg),
/// methanol (L), diesel (L).
enum class Carrier { electricity, hydrogen, methanol, diesel };
inline constexpr std::size_t carrier_count = 4;
Carrier carrier_of(Powertrain powertrain);

/// How a truck type works: its mass, energy use, storage, charging, upkeep and life. Energy use is
/// in the unit of its carrier (kWh, kg hydrogen, L methanol or L diesel).
struct TruckOperationDesc {
  double empty_mass_t = 0.0;            ///< tractor and trailer (or body), empty
  double payload_t = 0.0;               ///< the most it carries
  double use_loaded_per_100km = 0.0;    ///< energy on flat road, loaded (carrier unit per 100 km)
  double use_empty_per_100km = 0.0;     ///< energy on flat road, empty
  double storage = 0.0;                 ///< battery (kWh) or tank (kg, L)
  double usable_share = 1.0;            ///< share of the storage that may be used (a battery's window)
  double reserve_share = 0.1;           ///< share of the usable storage kept in reserve
  double drivetrain_efficiency = 0.85;  ///< from the carrier's energy to the wheels
  double regenerated_share = 0.0;       ///< share of a descent's potential energy returned (electric drives)
  double max_charge_kw = 0.0;           ///< the most it takes from a charger (charging types)
  double maintenance_cny_per_km = 0.0;
  double mean_hours_between_breakdowns = 0.0;  ///< of work (0: never breaks down)
  double repair_hours = 0.0;
  double life_years = 0.0;  ///< retired this long after delivery (0: never)
  double crew_cny_per_year = 0.0;
  double insurance_cny_per_year = 0.0;
  double subsidy_cny = 0.0;  ///< purchase subsidy per truck
};

struct TruckTypeDesc {
  std::string id;
  LocalizedName name;
  Powertrain powertrain = Powertrain::diesel;
  double price_cny = 0.0;
  std::vector<BomLine> bill_of_materials;
  std::optional<TruckOperationDesc> operation;  ///< none: its trucks are delivered but do not work
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
  /// Share of its sales that is its own value-added; the rest it buys from the rest of the economy.
  double value_added_share = 0.3;
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
  double upfit_time_cv = 0.0;    ///< coefficient of variation of the upfit time
  double upfit_price_cny = 0.0;  ///< what the factory pays for fitting one body, the body included
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

/// When a site works: every day from `start_hour` for `hours_per_day`, on the first
/// `days_per_week` days of each week (Monday first).
struct ShiftDesc {
  double hours_per_day = 24.0;
  std::int64_t days_per_week = 7;
  double start_hour = 0.0;
};

/// A site's work: its trucks take loads at `load_at` and deliver them to `unload_at`, and drive
/// back empty.
struct SiteWorkDesc {
  std::optional<PlaceDesc> load_at;    ///< none: at the site
  std::optional<PlaceDesc> unload_at;  ///< none: at the site
  double payload_t = 0.0;              ///< tonnes per load (0: as much as the truck type carries)
  std::int64_t loading_bays = 1;
  double loading_minutes = 0.0;
  std::int64_t unloading_bays = 1;
  double unloading_minutes = 0.0;
  ShiftDesc shift;
  double tonnes_per_day = 0.0;            ///< what the site must move (0: not stated)
  double freight_cny_per_tonne_km = 0.0;  ///< what the site's customers pay its operator
  std::string depot;                      ///< a charging station where electric trucks charge off shift ("": none)
};

struct SiteDesc {
  std::string id;
  LocalizedName name;
  std::string region;
  PositionDesc position;
  SiteKind kind = SiteKind::logistics_park;
  std::string operator_name;
  std::optional<UpfitDesc> upfit;
  std::optional<SiteWorkDesc> work;  ///< none: its trucks are delivered but do not work
  std::vector<PlanLineDesc> deployment;
  std::vector<PlanLineDesc> target_fleet;
  /// Multiplies the trucks of every plan line (a what-if: 2 doubles the site's plan).
  double plan_factor = 1.0;

  /// A line's trucks after `plan_factor`, rounded to the nearest truck.
  std::int64_t planned_trucks(const PlanLineDesc& line) const;
};

enum class StationKind { charging, swap, hydrogen, methanol, diesel };
Carrier carrier_of(StationKind kind);
/// Whether trucks of `powertrain` charge, swap or refuel at a station of `kind`.
bool station_serves(StationKind kind, Powertrain powertrain);

/// The most servers a station may have (the scenario's limit, and the cap of the growth rule).
inline constexpr std::int64_t max_station_servers = 10000;

/// Servers a station has from a date on (a fixed plan of expansions).
struct ExpansionDesc {
  Date date;
  std::int64_t servers = 0;
};

/// Trucks from outside the scenario's fleets that also charge at a station (passing traffic, other
/// operators' fleets): arriving at random (a Poisson stream) around the clock while it is open,
/// each taking an exponentially distributed energy at the charger's full power. One whose wait
/// would be longer than `max_wait_hours` goes elsewhere (it is turned away).
struct OtherTrafficDesc {
  double trucks_per_hour = 0.0;
  double mean_kwh = 0.0;
  double max_wait_hours = 24.0;
};

/// A station where trucks charge, swap batteries or refuel. `servers` are its chargers, swap
/// lanes, dispensers or nozzles.
struct StationDesc {
  std::string id;
  LocalizedName name;
  StationKind kind = StationKind::charging;
  std::string region;
  PositionDesc position;
  std::string operator_name;
  std::optional<Date> opening_date;  ///< none: open from the start
  std::int64_t servers = 1;
  double handling_minutes = 0.0;  ///< per visit: positioning, checks, payment
  /// The price trucks pay per unit of the carrier; for charging, on top of the tariff (a service
  /// fee); 0 for hydrogen, methanol and diesel: the region's pump price.
  double price_cny_per_unit = 0.0;
  // charging and swap
  DayProfile<double> tariff_cny_per_kwh;          ///< electricity bought from the grid (empty: the region's flat price)
  double charger_kw = 0.0;                        ///< charging
  double taper_from_soc = 0.8;                    ///< charging: power falls above this state of charge
  std::optional<OtherTrafficDesc> other_traffic;  ///< charging: trucks from outside the fleets
  double swap_minutes = 0.0;                      ///< swap
  std::int64_t packs = 0;                         ///< swap: charged packs in stock at the start
  std::int64_t pack_bays = 0;                     ///< swap: packs recharged at once
  double pack_bay_kw = 0.0;                       ///< swap
  // hydrogen, methanol and diesel
  double fill_per_minute = 0.0;  ///< kg or L dispensed per minute
  double storage = 0.0;          ///< kg or L
  double reorder_at = 0.0;       ///< a delivery is ordered when the stock falls to this
  double delivery = 0.0;         ///< kg or L per tube trailer or tanker
  std::string source;            ///< the energy source that resupplies it
  // growth
  std::vector<ExpansionDesc> expansions;
  double trucks_per_server =
      0.0;  ///< reviewed yearly: servers for the compatible trucks at sites in its region (0: off)
};

/// Where hydrogen, methanol or diesel comes from.
struct EnergySourceDesc {
  std::string id;
  LocalizedName name;
  Carrier carrier = Carrier::hydrogen;
  std::string region;
  PositionDesc position;
  double capacity_per_day = 0.0;    ///< kg or L made per day for this chain
  double price_cny_per_unit = 0.0;  ///< what stations pay per kg or L
  /// Share of its sales that is its own value-added; the rest it buys from the rest of the economy.
  double value_added_share = 0.3;
  double co2_kg_per_unit = 0.0;  ///< emitted making and bringing it (well to tank)
};

/// Taxes on the chain's establishments. Prices in the scenario are net of VAT.
struct TaxDesc {
  double vat_rate = 0.13;          ///< on sales of goods, energy, upkeep and inputs
  double freight_vat_rate = 0.09;  ///< on freight transport
  double vat_local_share = 0.5;    ///< of VAT collected, what the region's government keeps
  double cit_rate = 0.25;          ///< corporate income tax on a year's profit
  double cit_local_share = 0.4;    ///< of it, what the region's government keeps
  /// Years over which a fleet writes off a truck it bought (straight line), for its profit.
  std::int64_t depreciation_years = 4;
  /// Years a loss can be set against later profits (the oldest first) for income tax.
  std::int64_t loss_carry_forward_years = 5;
};

/// A benefit-sharing rule between two regions. `statistics` rules credit value-added (统计分计)
/// from the region where it is recorded to a partner; `fiscal` rules move local tax revenue between
/// their governments (税收分成). Settled at the end of each settlement period on that period's base.
enum class SharingType { statistics, fiscal };
/// What a statistics rule shares (fiscal rules share the local share of taxes).
enum class SharingBase { value_added, output };
/// How often a rule settles: at the end of each calendar month, quarter or year.
enum class SettlementPeriod { yearly, quarterly, monthly };

struct SharingRuleDesc {
  std::string id;
  LocalizedName name;
  SharingType type = SharingType::fiscal;
  bool active = true;  ///< a what-if can switch a rule off
  std::string from;    ///< the region where the base is recorded or collected
  std::string to;      ///< the region credited
  SharingBase base = SharingBase::value_added;
  // Scope: which of `from`'s value-added, output or tax counts. Establishments of these kinds in
  // `from` count, each in proportion to its output from these kinds of sale, for trucks of these
  // types working in this region.
  std::vector<EstablishmentKind> establishments;  ///< empty: every kind in the chain
  std::vector<FlowKind> flows;                    ///< empty: every kind of sale
  std::vector<std::string> truck_types;           ///< empty: every type
  std::string deployed_in;                        ///< "": wherever the trucks work
  double share = 0.5;                             ///< of the base, credited to `to`
  std::int64_t start_year = 0;                    ///< 0: the run's first year
  std::int64_t duration_years = 0;                ///< at the full share (0: without end)
  double step_down_per_year = 0.0;                ///< after that, the share falls by this each year (0: it ends)
  double cap_cny = 0.0;                           ///< the most it moves in all (0: no cap)
  double minimum_cny_per_year = 0.0;              ///< moved even when the share of the base is less (a guarantee)
  SettlementPeriod settlement = SettlementPeriod::yearly;
  /// Whether scope restricts an establishment's base to a part of its output (kinds of sale,
  /// truck types or the region where the trucks work).
  bool scoped_to_output() const noexcept { return !flows.empty() || !truck_types.empty() || !deployed_in.empty(); }
};

/// Figures of the economy and of emissions the operations use.
struct EconomicsDesc {
  double discount_rate = 0.06;                ///< per year, to annualise purchases
  double diesel_co2_kg_per_l = 2.66;          ///< burnt (tank to wheel)
  double diesel_upstream_co2_kg_per_l = 0.6;  ///< made and brought (well to tank)
  double methanol_co2_kg_per_l = 1.09;        ///< burnt
  TaxDesc taxes;
  /// Whether the statistics bureaus accept statistics sharing (under place-of-location statistics,
  /// 在地统计, they may not): if not, credited value-added stays as recorded.
  bool statistics_sharing_honoured = false;
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
  std::vector<StationDesc> stations;
  std::vector<EnergySourceDesc> energy_sources;
  std::vector<SharingRuleDesc> sharing_rules;
  EconomicsDesc economics;
};

/// `scenario` with no site's work: the chain from suppliers to delivered trucks only (delivered
/// trucks stay idle), for quick what-ifs about production and delivery.
ScenarioDesc chain_only(ScenarioDesc scenario);

const char* to_string(RegionRole role);
const char* to_string(Powertrain powertrain);
const char* to_string(SiteKind kind);
const char* to_string(Carrier carrier);
const char* to_string(StationKind kind);
/// The unit a carrier is counted in: "kWh", "kg" or "L".
const char* unit_of(Carrier carrier);

}  // namespace truckflow::models
