// Every key of a scenario file: its type, unit, allowed values, default and meaning.
#include "scenario_spec.hpp"

#include <stdexcept>
#include <string_view>

#include "truckflow/models/entity_lists.hpp"

#include "time_spec.hpp"

namespace truckflow::scenarios::detail {

using namespace truckflow::models;

namespace {

// The entity lists, as models/include/truckflow/models/entity_lists.hpp registers them; each is
// held by the `entities` key of the scenario spec (below), which validation (duplicate ids,
// references), `extends` (merge by id) and the docs derive from.
EntityList entity_list(std::string_view key) {
  EntityList found;
  models::for_each_entity_list([&](const auto& list) {
    if (list.key == key) found = {std::string(list.key), std::string(list.noun)};
  });
  if (found.key.empty()) throw std::logic_error("no entity list '" + std::string(key) + "' in models::entity_lists");
  return found;
}
const EntityList regions_list = entity_list("regions");
const EntityList components_list = entity_list("components");
const EntityList truck_types_list = entity_list("truck_types");
const EntityList suppliers_list = entity_list("suppliers");
const EntityList factories_list = entity_list("factories");
const EntityList upfitters_list = entity_list("upfitters");
const EntityList sites_list = entity_list("sites");
const EntityList stations_list = entity_list("stations");
const EntityList energy_sources_list = entity_list("energy_sources");
const EntityList sharing_rules_list = entity_list("sharing_rules");

const ObjectSpec<LocalizedName>& name_spec() {
  static const auto spec = [] {
    ObjectSpec<LocalizedName> s("name", "A name in English and, optionally, Chinese.");
    s.example("{en: Panzhihua, zh: 攀枝花}");
    s.add(text("en", &LocalizedName::en, "name in English", Need::required));
    s.add(text("zh", &LocalizedName::zh, "name in Chinese (中文名)"));
    return s;
  }();
  return spec;
}

const ObjectSpec<SimulationDesc>& simulation_spec() {
  static const auto spec = [] {
    ObjectSpec<SimulationDesc> s("simulation", "When the run starts, how long it lasts, its seed and its sampling.");
    s.add(date("start_date", &SimulationDesc::start_date, "first day simulated; time zero is midnight at its start"));
    s.add(integer("horizon_years", &SimulationDesc::horizon_years, Range{1.0, 100.0}, "a",
                  "calendar years simulated from the start date"));
    s.add(integer("seed", &SimulationDesc::seed, Range{0.0, 9.2e18}, "",
                  "master seed of every random stream (truckflow run --seed overrides it)", Need::optional));
    s.add(number("sample_interval_days", &SimulationDesc::sample_interval_days, Range{1.0 / 24.0, 366.0}, "d",
                 "interval between samples of the results", Need::optional));
    return s;
  }();
  return spec;
}

const ObjectSpec<RegionPrices>& prices_spec() {
  static const auto spec = [] {
    ObjectSpec<RegionPrices> s("prices", "Energy and fuel prices paid in the region.");
    s.add(number("electricity_cny_per_kwh", &RegionPrices::electricity_cny_per_kwh, non_negative, "CNY/kWh",
                 "electricity price (flat tariff)", Need::optional));
    s.add(number("diesel_cny_per_l", &RegionPrices::diesel_cny_per_l, non_negative, "CNY/L", "diesel price at the pump",
                 Need::optional));
    s.add(number("hydrogen_cny_per_kg", &RegionPrices::hydrogen_cny_per_kg, non_negative, "CNY/kg",
                 "hydrogen price at the pump", Need::optional));
    s.add(number("methanol_cny_per_l", &RegionPrices::methanol_cny_per_l, non_negative, "CNY/L",
                 "methanol price at the pump", Need::optional));
    return s;
  }();
  return spec;
}

const ObjectSpec<RegionDesc>& region_spec() {
  static const auto spec = [] {
    ObjectSpec<RegionDesc> s("region", "A city or area: where plants, stations and sites are.");
    s.add(identifier("id", &RegionDesc::id, "identifier other entities use to name this region"));
    s.add(object("name", &RegionDesc::name, name_spec(), "names of the region"));
    s.add(choice("role", &RegionDesc::role, {{"host", RegionRole::host}, {"collaborating", RegionRole::collaborating}},
                 "host area (承载区) or collaborating area (协同区) in benefit sharing"));
    s.add(number("latitude_deg", &RegionDesc::latitude_deg, Range{-90.0, 90.0}, "degree north",
                 "latitude of its centre"));
    s.add(number("longitude_deg", &RegionDesc::longitude_deg, Range{-180.0, 180.0}, "degree east",
                 "longitude of its centre"));
    s.add(number("elevation_m", &RegionDesc::elevation_m, Range{-500.0, 9000.0}, "m", "elevation of its centre",
                 Need::optional));
    s.add(number("grid_co2_kg_per_kwh", &RegionDesc::grid_co2_kg_per_kwh, non_negative, "kg CO2/kWh",
                 "CO2 emitted per kWh drawn from the grid"));
    s.add(object("prices", &RegionDesc::prices, prices_spec(), "energy and fuel prices", Need::optional));
    s.add(number("local_speed_kmh", &RegionDesc::local_speed_kmh, Range{0.0, 150.0, true}, "km/h",
                 "mean speed of a truck on roads inside the region", Need::optional));
    s.add(number("detour_factor", &RegionDesc::detour_factor, Range{1.0, 5.0}, "",
                 "road distance over straight-line distance inside the region", Need::optional));
    return s;
  }();
  return spec;
}

const ObjectSpec<CoordinatesDesc>& coordinates_spec() {
  static const auto spec = [] {
    ObjectSpec<CoordinatesDesc> s("coordinates", "Where a place is on the map.");
    s.example("{latitude_deg: 26.58, longitude_deg: 101.72, elevation_m: 1190}");
    s.add(number("latitude_deg", &CoordinatesDesc::latitude_deg, Range{-90.0, 90.0}, "degree north", "latitude"));
    s.add(number("longitude_deg", &CoordinatesDesc::longitude_deg, Range{-180.0, 180.0}, "degree east", "longitude"));
    s.add(number("elevation_m", &CoordinatesDesc::elevation_m, Range{-500.0, 9000.0}, "m", "elevation"));
    return s;
  }();
  return spec;
}

const ObjectSpec<PositionDesc>& position_spec() {
  static const auto spec = [] {
    ObjectSpec<PositionDesc> s("position",
                               "Where a place lies in its region: a road distance and a climb from the region's "
                               "centre, or coordinates (the road distance is then the straight line times the "
                               "region's detour_factor), not both.");
    s.example("{distance_km: 12, climb_m: 300}");
    s.add(number("distance_km", &PositionDesc::distance_km, Range{0.0, 10000.0}, "km",
                 "by road from the region's centre", Need::optional));
    s.add(number("climb_m", &PositionDesc::climb_m, Range{-9000.0, 9000.0}, "m",
                 "height above the region's centre (negative: below it)", Need::optional));
    s.add(optional_object("coordinates", &PositionDesc::coordinates, coordinates_spec(),
                          "latitude, longitude and elevation, instead of distance_km and climb_m"));
    return s;
  }();
  return spec;
}

const ObjectSpec<PlaceDesc>& place_spec() {
  static const auto spec = [] {
    ObjectSpec<PlaceDesc> s("place", "A place in a region, e.g. where loads are taken or delivered.");
    s.example("{region: panzhihua, position: {distance_km: 25, climb_m: -400}}");
    s.add(reference("region", &PlaceDesc::region, regions_list, "the region it is in"));
    s.add(object("position", &PlaceDesc::position, position_spec(),
                 "where it lies in the region (default: at its "
                 "centre)",
                 Need::optional));
    return s;
  }();
  return spec;
}

const ObjectSpec<RoadDesc>& road_spec() {
  static const auto spec = [] {
    ObjectSpec<RoadDesc> s("road", "A road link between two regions; routes are the fastest chains of links.");
    s.add(reference("from", &RoadDesc::from, regions_list, "one end of the link"));
    s.add(reference("to", &RoadDesc::to, regions_list, "the other end"));
    s.add(number("distance_km", &RoadDesc::distance_km, Range{0.0, 10000.0, true}, "km", "road distance"));
    s.add(number("travel_time_h", &RoadDesc::travel_time_h, Range{0.0, 1000.0, true}, "h",
                 "typical travel time of a loaded truck"));
    s.add(number("climb_m", &RoadDesc::climb_m, Range{0.0, 100000.0}, "m", "total climb travelling from 'from' to 'to'",
                 Need::optional));
    s.add(number("descent_m", &RoadDesc::descent_m, Range{0.0, 100000.0}, "m",
                 "total descent travelling from 'from' to 'to'", Need::optional));
    s.add(boolean("two_way", &RoadDesc::two_way, "usable in both directions (the way back swaps climb and descent)"));
    s.add(number("travel_time_cv", &RoadDesc::travel_time_cv, variation, "",
                 "coefficient of variation of a trip's travel time (log-normal around travel_time_h; 0: always "
                 "the same)",
                 Need::optional));
    return s;
  }();
  return spec;
}

const ObjectSpec<ComponentDesc>& component_spec() {
  static const auto spec = [] {
    ObjectSpec<ComponentDesc> s("component",
                                "A part suppliers make and plants fit: a battery pack, a fuel-cell stack...");
    s.add(identifier("id", &ComponentDesc::id, "identifier bills of materials and suppliers use"));
    s.add(object("name", &ComponentDesc::name, name_spec(), "names of the component"));
    return s;
  }();
  return spec;
}

const ObjectSpec<BomLine>& bom_line_spec() {
  static const auto spec = [] {
    ObjectSpec<BomLine> s("bill of materials line", "How many of one component a truck needs.");
    s.add(reference("component", &BomLine::component, components_list, "the component"));
    s.add(integer("quantity", &BomLine::quantity, Range{1.0, 1000.0}, "units per truck", "how many per truck",
                  Need::optional));
    return s;
  }();
  return spec;
}

const ObjectSpec<TruckOperationDesc>& truck_operation_spec() {
  static const auto spec = [] {
    ObjectSpec<TruckOperationDesc> s("truck operation",
                                     "How a truck type works: its mass, energy use, storage, charging, upkeep and "
                                     "life. Energy is in the unit of its carrier: kWh (battery electric), kg "
                                     "(hydrogen, fuel cell), L (methanol, diesel).");
    const std::string per_100km = "kWh, kg or L per 100 km (the carrier's unit)";
    s.add(number("empty_mass_t", &TruckOperationDesc::empty_mass_t, Range{0.0, 200.0, true}, "t",
                 "tractor and trailer (or body), empty"));
    s.add(number("payload_t", &TruckOperationDesc::payload_t, Range{0.0, 200.0, true}, "t", "the most it carries"));
    s.add(number("use_loaded_per_100km", &TruckOperationDesc::use_loaded_per_100km, Range{0.0, 10000.0}, per_100km,
                 "energy on flat road, loaded"));
    s.add(number("use_empty_per_100km", &TruckOperationDesc::use_empty_per_100km, Range{0.0, 10000.0}, per_100km,
                 "energy on flat road, empty"));
    s.add(number("storage", &TruckOperationDesc::storage, Range{0.0, 100000.0, true}, "kWh, kg or L",
                 "battery (kWh) or tank (kg, L)"));
    s.add(number("usable_share", &TruckOperationDesc::usable_share, Range{0.0, 1.0, true}, "",
                 "share of the storage that may be used (a battery's window)", Need::optional));
    s.add(number("reserve_share", &TruckOperationDesc::reserve_share, Range{0.0, 1.0, false, true}, "",
                 "share of the usable storage kept in reserve", Need::optional));
    s.add(number("drivetrain_efficiency", &TruckOperationDesc::drivetrain_efficiency, Range{0.0, 1.0, true}, "",
                 "from the carrier's energy to the wheels", Need::optional));
    s.add(number("regenerated_share", &TruckOperationDesc::regenerated_share, share, "",
                 "share of a descent's potential energy returned (electric drives)", Need::optional));
    s.add(number("max_charge_kw", &TruckOperationDesc::max_charge_kw, Range{0.0, 5000.0}, "kW",
                 "the most it takes from a charger (needed above 0 by battery_electric_charging types)",
                 Need::optional));
    s.add(number("maintenance_cny_per_km", &TruckOperationDesc::maintenance_cny_per_km, Range{0.0, 1000.0}, "CNY/km",
                 "maintenance per km driven", Need::optional));
    s.add(number("mean_hours_between_breakdowns", &TruckOperationDesc::mean_hours_between_breakdowns, Range{0.0, 1e6},
                 "h", "of work (0: never breaks down)", Need::optional));
    s.add(number("repair_hours", &TruckOperationDesc::repair_hours, Range{0.0, 8760.0}, "h",
                 "time to repair a breakdown", Need::optional));
    s.add(number("life_years", &TruckOperationDesc::life_years, Range{0.0, 100.0}, "a",
                 "retired this long after delivery (0: never)", Need::optional));
    s.add(number("crew_cny_per_year", &TruckOperationDesc::crew_cny_per_year, Range{0.0, 1e8}, "CNY/a",
                 "drivers' wages per truck", Need::optional));
    s.add(number("insurance_cny_per_year", &TruckOperationDesc::insurance_cny_per_year, Range{0.0, 1e8}, "CNY/a",
                 "insurance per truck", Need::optional));
    s.add(number("subsidy_cny", &TruckOperationDesc::subsidy_cny, Range{0.0, 1e9}, "CNY", "purchase subsidy per truck",
                 Need::optional));
    return s;
  }();
  return spec;
}

const ObjectSpec<TruckTypeDesc>& truck_type_spec() {
  static const auto spec = [] {
    ObjectSpec<TruckTypeDesc> s("truck type", "A kind of truck: its powertrain, price and bill of materials.");
    s.add(identifier("id", &TruckTypeDesc::id, "identifier factories and deployment plans use"));
    s.add(object("name", &TruckTypeDesc::name, name_spec(), "names of the type"));
    s.add(choice("powertrain", &TruckTypeDesc::powertrain,
                 {{"battery_electric_charging", Powertrain::battery_electric_charging},
                  {"battery_electric_swap", Powertrain::battery_electric_swap},
                  {"fuel_cell", Powertrain::fuel_cell},
                  {"methanol_hydrogen_electric", Powertrain::methanol_hydrogen_electric},
                  {"diesel", Powertrain::diesel}},
                 "how it is powered and replenished"));
    s.add(number("price_cny", &TruckTypeDesc::price_cny, Range{0.0, 1e9}, "CNY", "purchase price of one truck"));
    s.add(list("bill_of_materials", &TruckTypeDesc::bill_of_materials, bom_line_spec(),
               "components assembled into one truck at the factory", Need::required, 1));
    s.add(optional_object("operation", &TruckTypeDesc::operation, truck_operation_spec(),
                          "how its trucks work (none: they are delivered but do not work)"));
    return s;
  }();
  return spec;
}

const ObjectSpec<DisruptionDesc>& disruption_spec() {
  static const auto spec = [] {
    ObjectSpec<DisruptionDesc> s("disruption",
                                 "A window when a supplier makes less, e.g. a plant stopped for a month.");
    s.add(date("start_date", &DisruptionDesc::start_date, "first day of the window"));
    s.add(date("end_date", &DisruptionDesc::end_date, "last day of the window (inclusive)"));
    s.add(number("capacity_factor", &DisruptionDesc::capacity_factor, share, "",
                 "share of normal capacity during the window (0: stopped)", Need::optional));
    return s;
  }();
  return spec;
}

const ObjectSpec<SupplierDesc>& supplier_spec() {
  static const auto spec = [] {
    ObjectSpec<SupplierDesc> s("supplier", "A plant making one component, sold to factories and upfitters.");
    s.add(identifier("id", &SupplierDesc::id, "identifier sourcing entries use"));
    s.add(object("name", &SupplierDesc::name, name_spec(), "names of the supplier"));
    s.add(reference("region", &SupplierDesc::region, regions_list, "where the plant is"));
    s.add(reference("component", &SupplierDesc::component, components_list, "what it makes"));
    s.add(number("capacity_units_per_day", &SupplierDesc::capacity_units_per_day, Range{0.0, 1e6}, "units/d",
                 "output per day available to this chain (fractions carry over to the next day)"));
    s.add(number("lead_time_days", &SupplierDesc::lead_time_days, Range{0.0, 3650.0}, "d",
                 "from taking an order's units from stock to dispatching them"));
    s.add(number("lead_time_cv", &SupplierDesc::lead_time_cv, variation, "",
                 "coefficient of variation of the lead time (log-normal; 0: always the same)", Need::optional));
    s.add(number("unit_price_cny", &SupplierDesc::unit_price_cny, Range{0.0, 1e9}, "CNY/unit", "price of one unit"));
    s.add(number("value_added_share", &SupplierDesc::value_added_share, share, "",
                 "share of its sales that is its own value-added; the rest it buys from the rest of the economy",
                 Need::optional));
    s.add(integer("initial_stock_units", &SupplierDesc::initial_stock_units, Range{0.0, 1e9}, "units",
                  "units in stock at the start", Need::optional));
    s.add(integer("max_stock_units", &SupplierDesc::max_stock_units, Range{0.0, 1e9}, "units",
                  "production pauses while the stock is at this level (0: 14 days of capacity)", Need::optional));
    s.add(list("disruptions", &SupplierDesc::disruptions, disruption_spec(), "windows of reduced capacity"));
    return s;
  }();
  return spec;
}

const ObjectSpec<InventoryPolicyDesc>& inventory_spec() {
  static const auto spec = [] {
    ObjectSpec<InventoryPolicyDesc> s(
        "inventory policy",
        "Component stock policy in trucks' worth of each component (continuous review): when stock on hand plus on "
        "order minus waiting demand falls to the reorder point, order the order quantity.");
    s.add(integer("initial_stock_trucks", &InventoryPolicyDesc::initial_stock_trucks, Range{0.0, 1e6}, "trucks' worth",
                  "stock of each component at the start", Need::optional));
    s.add(integer("reorder_point_trucks", &InventoryPolicyDesc::reorder_point_trucks, Range{0.0, 1e6}, "trucks' worth",
                  "order when the inventory position is at or below this", Need::optional));
    s.add(integer("order_quantity_trucks", &InventoryPolicyDesc::order_quantity_trucks, Range{1.0, 1e6},
                  "trucks' worth", "size of each order", Need::optional));
    return s;
  }();
  return spec;
}

const ObjectSpec<SourcingDesc>& sourcing_spec() {
  static const auto spec = [] {
    ObjectSpec<SourcingDesc> s("sourcing", "Which supplier a plant buys a component from.");
    s.add(reference("component", &SourcingDesc::component, components_list, "the component"));
    s.add(reference("supplier", &SourcingDesc::supplier, suppliers_list, "the supplier that makes it"));
    return s;
  }();
  return spec;
}

const ObjectSpec<FactoryDesc>& factory_spec() {
  static const auto spec = [] {
    ObjectSpec<FactoryDesc> s("factory", "A truck assembly plant.");
    s.add(identifier("id", &FactoryDesc::id, "identifier deployment plans use"));
    s.add(object("name", &FactoryDesc::name, name_spec(), "names of the factory"));
    s.add(reference("region", &FactoryDesc::region, regions_list, "where the plant is"));
    s.add(reference_list("truck_types", &FactoryDesc::truck_types, truck_types_list, "the types it builds"));
    s.add(integer("lines", &FactoryDesc::lines, Range{1.0, 1000.0}, "lines", "assembly lines working in parallel"));
    s.add(number("assembly_hours", &FactoryDesc::assembly_hours, Range{0.0, 8760.0, true}, "h",
                 "time on a line per truck"));
    s.add(number("assembly_time_cv", &FactoryDesc::assembly_time_cv, variation, "",
                 "coefficient of variation of the assembly time (log-normal; 0: always the same)", Need::optional));
    s.add(number("order_processing_days", &FactoryDesc::order_processing_days, Range{0.0, 3650.0}, "d",
                 "from an order to the start of its production (planning and scheduling)", Need::optional));
    s.add(object("inventory", &FactoryDesc::inventory, inventory_spec(), "component stock policy", Need::optional));
    s.add(list("sourcing", &FactoryDesc::sourcing, sourcing_spec(),
               "suppliers chosen per component (default: the nearest by travel time)"));
    return s;
  }();
  return spec;
}

const ObjectSpec<UpfitterDesc>& upfitter_spec() {
  static const auto spec = [] {
    ObjectSpec<UpfitterDesc> s("upfitter",
                               "A plant fitting special-purpose bodies (专用车) to chassis before delivery.");
    s.add(identifier("id", &UpfitterDesc::id, "identifier sites use"));
    s.add(object("name", &UpfitterDesc::name, name_spec(), "names of the upfitter"));
    s.add(reference("region", &UpfitterDesc::region, regions_list, "where the plant is"));
    s.add(integer("bays", &UpfitterDesc::bays, Range{1.0, 1000.0}, "bays", "bodies fitted in parallel"));
    s.add(number("upfit_hours", &UpfitterDesc::upfit_hours, Range{0.0, 8760.0, true}, "h", "time in a bay per truck"));
    s.add(number("upfit_time_cv", &UpfitterDesc::upfit_time_cv, variation, "",
                 "coefficient of variation of the upfit time (log-normal; 0: always the same)", Need::optional));
    s.add(number("upfit_price_cny", &UpfitterDesc::upfit_price_cny, Range{0.0, 1e9}, "CNY/truck",
                 "what the factory pays for fitting one body, the body included (prices are net of VAT)",
                 Need::optional));
    s.add(object("inventory", &UpfitterDesc::inventory, inventory_spec(), "body stock policy", Need::optional));
    s.add(list("sourcing", &UpfitterDesc::sourcing, sourcing_spec(),
               "suppliers chosen per body (default: the nearest by travel time)"));
    return s;
  }();
  return spec;
}

const ObjectSpec<UpfitDesc>& upfit_spec() {
  static const auto spec = [] {
    ObjectSpec<UpfitDesc> s("upfit", "The body a site's trucks get, and where it is fitted.");
    s.add(reference("upfitter", &UpfitDesc::upfitter, upfitters_list, "where the body is fitted"));
    s.add(reference("body", &UpfitDesc::body, components_list, "the body fitted"));
    return s;
  }();
  return spec;
}

const ObjectSpec<PlanLineDesc>& plan_line_spec() {
  static const auto spec = [] {
    ObjectSpec<PlanLineDesc> s("plan line", "Trucks of one type for one calendar year.");
    s.add(integer("year", &PlanLineDesc::year, Range{1900.0, 3000.0}, "", "calendar year"));
    s.add(reference("truck_type", &PlanLineDesc::truck_type, truck_types_list, "the type"));
    s.add(integer("trucks", &PlanLineDesc::trucks, Range{0.0, static_cast<double>(max_plan_line_trucks)}, "trucks",
                  "how many"));
    s.add(reference("factory", &PlanLineDesc::factory, factories_list,
                    "the factory ordered from (default: the nearest that builds the type)", Need::optional));
    return s;
  }();
  return spec;
}

const ObjectSpec<ShiftDesc>& shift_spec() {
  static const auto spec = [] {
    ObjectSpec<ShiftDesc> s("shift",
                            "When a site works: every working day from start_hour for hours_per_day, on the first "
                            "days_per_week days of each week (Monday first).");
    s.add(number("hours_per_day", &ShiftDesc::hours_per_day, Range{0.0, 24.0, true}, "h", "hours worked a day",
                 Need::optional));
    s.add(integer("days_per_week", &ShiftDesc::days_per_week, Range{1.0, 7.0}, "d", "days worked a week",
                  Need::optional));
    s.add(number("start_hour", &ShiftDesc::start_hour, Range{0.0, 24.0, false, true}, "h",
                 "when the shift starts, in hours after midnight", Need::optional));
    return s;
  }();
  return spec;
}

const ObjectSpec<SiteWorkDesc>& site_work_spec() {
  static const auto spec = [] {
    ObjectSpec<SiteWorkDesc> s("site work",
                               "A site's work: its trucks take loads at load_at, deliver them to unload_at and drive "
                               "back empty.");
    s.add(
        optional_object("load_at", &SiteWorkDesc::load_at, place_spec(), "where loads are taken (none: at the site)"));
    s.add(optional_object("unload_at", &SiteWorkDesc::unload_at, place_spec(),
                          "where loads are delivered (none: at the site)"));
    s.add(number("payload_t", &SiteWorkDesc::payload_t, Range{0.0, 200.0}, "t",
                 "tonnes per load (0: as much as the truck type carries)", Need::optional));
    s.add(integer("loading_bays", &SiteWorkDesc::loading_bays, Range{1.0, 1000.0}, "bays", "trucks loaded at once",
                  Need::optional));
    s.add(number("loading_minutes", &SiteWorkDesc::loading_minutes, Range{0.0, 1440.0, true}, "min",
                 "time in a loading bay per load"));
    s.add(integer("unloading_bays", &SiteWorkDesc::unloading_bays, Range{1.0, 1000.0}, "bays",
                  "trucks unloaded at once", Need::optional));
    s.add(number("unloading_minutes", &SiteWorkDesc::unloading_minutes, Range{0.0, 1440.0, true}, "min",
                 "time in an unloading bay per load"));
    s.add(object("shift", &SiteWorkDesc::shift, shift_spec(), "when the site works (default: all day, every day)",
                 Need::optional));
    s.add(number("tonnes_per_day", &SiteWorkDesc::tonnes_per_day, Range{0.0, 1e7}, "t/d",
                 "what the site must move (0: not stated)", Need::optional));
    s.add(number("freight_cny_per_tonne_km", &SiteWorkDesc::freight_cny_per_tonne_km, Range{0.0, 1000.0}, "CNY/(t km)",
                 "what the site's customers pay its operator per tonne-km moved (0: nothing)", Need::optional));
    s.add(reference("depot", &SiteWorkDesc::depot, stations_list,
                    "a charging station where electric trucks charge off shift (default: none)", Need::optional));
    return s;
  }();
  return spec;
}

const ObjectSpec<SiteDesc>& site_spec() {
  static const auto spec = [] {
    ObjectSpec<SiteDesc> s("site", "An application site (应用场景) where trucks are put to work.");
    s.add(identifier("id", &SiteDesc::id, "identifier of the site"));
    s.add(object("name", &SiteDesc::name, name_spec(), "names of the site"));
    s.add(reference("region", &SiteDesc::region, regions_list, "where the site is; its trucks register there"));
    s.add(object("position", &SiteDesc::position, position_spec(),
                 "where it lies in the region (default: at its "
                 "centre)",
                 Need::optional));
    s.add(choice("kind", &SiteDesc::kind,
                 {{"mine", SiteKind::mine},
                  {"steel_works", SiteKind::steel_works},
                  {"port", SiteKind::port},
                  {"railway_port", SiteKind::railway_port},
                  {"logistics_park", SiteKind::logistics_park},
                  {"construction", SiteKind::construction},
                  {"industrial_park", SiteKind::industrial_park}},
                 "what kind of site"));
    s.add(text("operator", &SiteDesc::operator_name, "the operator its trucks are registered to", Need::required));
    s.add(optional_object("upfit", &SiteDesc::upfit, upfit_spec(),
                          "a special-purpose body every truck for this site gets before delivery"));
    s.add(optional_object("work", &SiteDesc::work, site_work_spec(),
                          "what its trucks do (none: they are delivered but do not work)"));
    s.add(list("deployment", &SiteDesc::deployment, plan_line_spec(),
               "trucks ordered each year, evenly spaced over the year"));
    s.add(list("target_fleet", &SiteDesc::target_fleet, plan_line_spec(),
               "trucks wanted in service at the end of each listed year; what is missing is ordered evenly over that "
               "year"));
    s.add(number("plan_factor", &SiteDesc::plan_factor, Range{0.0, 1000.0}, "",
                 "multiplies the trucks of every deployment and target-fleet line (rounded to the nearest truck): a "
                 "what-if scales a site's plan with one key, e.g. --set sites[panzhihua_mines].plan_factor=2",
                 Need::optional));
    return s;
  }();
  return spec;
}

const ObjectSpec<ExpansionDesc>& expansion_spec() {
  static const auto spec = [] {
    ObjectSpec<ExpansionDesc> s("expansion", "Servers a station has from a date on.");
    s.add(date("date", &ExpansionDesc::date, "from this day on"));
    s.add(integer("servers", &ExpansionDesc::servers, Range{1.0, static_cast<double>(max_station_servers)}, "servers",
                  "its chargers, swap lanes, dispensers or nozzles from then on"));
    return s;
  }();
  return spec;
}

const ObjectSpec<OtherTrafficDesc>& other_traffic_spec() {
  static const auto spec = [] {
    ObjectSpec<OtherTrafficDesc> s("other traffic",
                                   "Trucks from outside the scenario's fleets that also charge here (passing traffic, "
                                   "other operators): a Poisson stream around the clock while the station is open, "
                                   "each taking an exponentially distributed energy at the charger's full power.");
    s.add(number("trucks_per_hour", &OtherTrafficDesc::trucks_per_hour, Range{0.0, 10000.0, true}, "trucks/h",
                 "mean arrivals per hour"));
    s.add(number("mean_kwh", &OtherTrafficDesc::mean_kwh, Range{0.0, 100000.0, true}, "kWh", "mean energy one takes"));
    s.add(number("max_wait_hours", &OtherTrafficDesc::max_wait_hours, Range{0.0, 8760.0}, "h",
                 "one whose wait would be longer goes elsewhere (turned away: station_turned_away_trucks)",
                 Need::optional));
    return s;
  }();
  return spec;
}

const ObjectSpec<StationDesc>& station_spec() {
  static const auto spec = [] {
    ObjectSpec<StationDesc> s("station",
                              "A station where trucks charge, swap batteries or refuel; its servers are its "
                              "chargers, swap lanes, dispensers or nozzles.");
    s.add(identifier("id", &StationDesc::id, "identifier sites use"));
    s.add(object("name", &StationDesc::name, name_spec(), "names of the station"));
    s.add(choice("kind", &StationDesc::kind,
                 {{"charging", StationKind::charging},
                  {"swap", StationKind::swap},
                  {"hydrogen", StationKind::hydrogen},
                  {"methanol", StationKind::methanol},
                  {"diesel", StationKind::diesel}},
                 "what it serves: charging (battery electric, charging), swap (battery electric, swap), hydrogen "
                 "(fuel cell), methanol (methanol hydrogen electric) or diesel"));
    s.discriminated_by("kind");
    s.add(reference("region", &StationDesc::region, regions_list, "where the station is"));
    s.add(object("position", &StationDesc::position, position_spec(),
                 "where it lies in the region (default: at its "
                 "centre)",
                 Need::optional));
    s.add(text("operator", &StationDesc::operator_name, "who runs it", Need::required));
    s.add(optional_date("opening_date", &StationDesc::opening_date, "the day it opens (default: open from the start)"));
    s.add(number("handling_minutes", &StationDesc::handling_minutes, Range{0.0, 1440.0}, "min",
                 "per visit: positioning, checks, payment", Need::optional));
    s.add(list("expansions", &StationDesc::expansions, expansion_spec(),
               "servers from given dates on (a fixed plan; dates strictly increasing)", Need::optional, 0, 100));
    s.add(number("trucks_per_server", &StationDesc::trucks_per_server, Range{0.0, 10000.0}, "trucks/server",
                 "reviewed yearly: servers for the compatible trucks at sites in its region (0: off)", Need::optional));
    const Range servers{1.0, static_cast<double>(max_station_servers)};
    s.add_for({"charging"}, integer("chargers", &StationDesc::servers, servers, "chargers", "charging points"));
    s.add_for({"swap"}, integer("lanes", &StationDesc::servers, servers, "lanes", "swap lanes"));
    s.add_for({"hydrogen"}, integer("dispensers", &StationDesc::servers, servers, "dispensers", "dispensers"));
    s.add_for({"methanol", "diesel"}, integer("nozzles", &StationDesc::servers, servers, "nozzles", "nozzles"));
    s.add_for({"charging"}, number("service_fee_cny_per_kwh", &StationDesc::price_cny_per_unit, Range{0.0, 100.0},
                                   "CNY/kWh", "service fee trucks pay on top of the tariff", Need::optional));
    s.add_for({"swap"}, number("price_cny_per_kwh", &StationDesc::price_cny_per_unit, Range{0.0, 100.0}, "CNY/kWh",
                               "all-in price per kWh swapped in"));
    s.add_for({"hydrogen"}, number("price_cny_per_kg", &StationDesc::price_cny_per_unit, Range{0.0, 1000.0}, "CNY/kg",
                                   "price trucks pay (0: the region's pump price)", Need::optional));
    s.add_for({"methanol", "diesel"}, number("price_cny_per_l", &StationDesc::price_cny_per_unit, Range{0.0, 100.0},
                                             "CNY/L", "price trucks pay (0: the region's pump price)", Need::optional));
    s.add_for({"charging", "swap"},
              value("tariff_cny_per_kwh", &StationDesc::tariff_cny_per_kwh,
                    by_time_of_day(number_value(Range{0.0, 100.0})), "CNY/kWh",
                    "electricity bought from the grid (default: the region's flat electricity price)", Need::optional));
    s.add_for({"charging"},
              number("charger_kw", &StationDesc::charger_kw, Range{0.0, 5000.0, true}, "kW", "power of one charger"));
    s.add_for({"charging"}, number("taper_from_soc", &StationDesc::taper_from_soc, Range{0.0, 1.0, true}, "",
                                   "the power falls above this state of charge", Need::optional));
    s.add_for({"charging"}, optional_object("other_traffic", &StationDesc::other_traffic, other_traffic_spec(),
                                            "trucks from outside the fleets that also charge here (none by default)"));
    s.add_for({"swap"}, number("swap_minutes", &StationDesc::swap_minutes, Range{0.0, 600.0, true}, "min",
                               "time in a lane per swap"));
    s.add_for({"swap"}, integer("packs", &StationDesc::packs, Range{1.0, 100000.0}, "packs",
                                "charged packs in stock at the start"));
    s.add_for({"swap"},
              integer("pack_bays", &StationDesc::pack_bays, Range{1.0, 10000.0}, "bays", "packs recharged at once"));
    s.add_for({"swap"}, number("pack_bay_kw", &StationDesc::pack_bay_kw, Range{0.0, 5000.0, true}, "kW",
                               "charging power of one pack bay"));
    const Range amount{0.0, 1e7, true};
    s.add_for({"hydrogen"}, number("fill_kg_per_minute", &StationDesc::fill_per_minute, Range{0.0, 1000.0, true},
                                   "kg/min", "hydrogen dispensed per minute"));
    s.add_for({"hydrogen"}, number("storage_kg", &StationDesc::storage, amount, "kg", "hydrogen stored on site"));
    s.add_for({"hydrogen"}, number("reorder_at_kg", &StationDesc::reorder_at, Range{0.0, 1e7}, "kg",
                                   "a delivery is ordered when the stock falls to this (below storage_kg)"));
    s.add_for({"hydrogen"},
              number("delivery_kg", &StationDesc::delivery, amount, "kg", "per tube trailer (at most storage_kg)"));
    s.add_for({"methanol", "diesel"}, number("fill_l_per_minute", &StationDesc::fill_per_minute,
                                             Range{0.0, 1000.0, true}, "L/min", "fuel dispensed per minute"));
    s.add_for({"methanol", "diesel"}, number("storage_l", &StationDesc::storage, amount, "L", "fuel stored on site"));
    s.add_for({"methanol", "diesel"}, number("reorder_at_l", &StationDesc::reorder_at, Range{0.0, 1e7}, "L",
                                             "a delivery is ordered when the stock falls to this (below storage_l)"));
    s.add_for({"methanol", "diesel"},
              number("delivery_l", &StationDesc::delivery, amount, "L", "per tanker (at most storage_l)"));
    s.add_for({"hydrogen", "methanol", "diesel"},
              reference("source", &StationDesc::source, energy_sources_list,
                        "the energy source that resupplies it (of its carrier, connected by road)"));
    return s;
  }();
  return spec;
}

const ObjectSpec<EnergySourceDesc>& energy_source_spec() {
  static const auto spec = [] {
    ObjectSpec<EnergySourceDesc> s("energy source",
                                   "Where hydrogen, methanol or diesel comes from (electricity comes from each "
                                   "region's grid).");
    s.add(identifier("id", &EnergySourceDesc::id, "identifier stations use"));
    s.add(object("name", &EnergySourceDesc::name, name_spec(), "names of the source"));
    s.add(choice("carrier", &EnergySourceDesc::carrier,
                 {{"hydrogen", Carrier::hydrogen}, {"methanol", Carrier::methanol}, {"diesel", Carrier::diesel}},
                 "what it supplies"));
    s.discriminated_by("carrier");
    s.add(reference("region", &EnergySourceDesc::region, regions_list, "where it is"));
    s.add(object("position", &EnergySourceDesc::position, position_spec(),
                 "where it lies in the region (default: at its centre)", Need::optional));
    s.add_for({"hydrogen"}, number("capacity_kg_per_day", &EnergySourceDesc::capacity_per_day, Range{0.0, 1e9, true},
                                   "kg/d", "made per day for this chain"));
    s.add_for({"hydrogen"}, number("price_cny_per_kg", &EnergySourceDesc::price_cny_per_unit, Range{0.0, 1000.0},
                                   "CNY/kg", "what stations pay"));
    s.add_for({"hydrogen"}, number("co2_kg_per_kg", &EnergySourceDesc::co2_kg_per_unit, Range{0.0, 100.0}, "kg CO2/kg",
                                   "emitted making and bringing it (well to tank)", Need::optional));
    s.add_for({"methanol", "diesel"}, number("capacity_l_per_day", &EnergySourceDesc::capacity_per_day,
                                             Range{0.0, 1e9, true}, "L/d", "made per day for this chain"));
    s.add_for({"methanol", "diesel"}, number("price_cny_per_l", &EnergySourceDesc::price_cny_per_unit,
                                             Range{0.0, 100.0}, "CNY/L", "what stations pay"));
    s.add_for({"methanol", "diesel"},
              number("co2_kg_per_l", &EnergySourceDesc::co2_kg_per_unit, Range{0.0, 100.0}, "kg CO2/L",
                     "emitted making and bringing it (well to tank)", Need::optional));
    s.add(number("value_added_share", &EnergySourceDesc::value_added_share, share, "",
                 "share of its sales that is its own value-added; the rest it buys from the rest of the economy",
                 Need::optional));
    return s;
  }();
  return spec;
}

const ObjectSpec<TaxDesc>& tax_spec() {
  static const auto spec = [] {
    ObjectSpec<TaxDesc> s("taxes",
                          "Taxes on the chain's establishments, settled at each year's end: VAT and corporate income "
                          "tax. Prices in the scenario are net of VAT.");
    s.add(number("vat_rate", &TaxDesc::vat_rate, share, "",
                 "VAT on sales of goods, energy, upkeep and inputs (the buyer deducts what it paid)", Need::optional));
    s.add(
        number("freight_vat_rate", &TaxDesc::freight_vat_rate, share, "", "VAT on freight transport", Need::optional));
    s.add(number("vat_local_share", &TaxDesc::vat_local_share, share, "",
                 "share of VAT the region's government keeps (the rest goes to the central government)",
                 Need::optional));
    s.add(number("cit_rate", &TaxDesc::cit_rate, share, "",
                 "corporate income tax on each establishment's profit in a year (value-added less wages and "
                 "depreciation, plus subsidies; a loss pays nothing and is set against later profits: "
                 "loss_carry_forward_years)",
                 Need::optional));
    s.add(number("cit_local_share", &TaxDesc::cit_local_share, share, "",
                 "share of corporate income tax the region's government keeps (the rest goes to the central "
                 "government)",
                 Need::optional));
    s.add(integer("depreciation_years", &TaxDesc::depreciation_years, Range{1.0, 50.0}, "a",
                  "years over which a fleet writes off a truck it bought, straight line from the year of purchase",
                  Need::optional));
    s.add(integer("loss_carry_forward_years", &TaxDesc::loss_carry_forward_years, Range{0.0, 50.0}, "a",
                  "years a loss can be set against later profits for income tax, the oldest first (0: none)",
                  Need::optional));
    return s;
  }();
  return spec;
}

const ObjectSpec<SharingRuleDesc>& sharing_rule_spec() {
  static const auto spec = [] {
    ObjectSpec<SharingRuleDesc> s(
        "sharing rule",
        "A benefit-sharing rule between two regions, settled at the end of each period on that period's base: a "
        "statistics "
        "rule credits value-added (统计分计), a fiscal rule moves local tax revenue between governments (税收分成).");
    s.add(identifier("id", &SharingRuleDesc::id, "identifier compare --rules uses"));
    s.add(object("name", &SharingRuleDesc::name, name_spec(), "names of the rule"));
    s.add(choice("type", &SharingRuleDesc::type,
                 {{"statistics", SharingType::statistics}, {"fiscal", SharingType::fiscal}},
                 "statistics: credits value-added (or output) to the partner; fiscal: moves the local share of "
                 "taxes between the regions' governments",
                 Need::required));
    s.discriminated_by("type");
    s.add(boolean("active", &SharingRuleDesc::active, "whether the rule holds in this run (default: true)"));
    s.add(reference("from", &SharingRuleDesc::from, regions_list,
                    "the region where the base is recorded or collected (e.g. the host area that builds trucks)"));
    s.add(reference("to", &SharingRuleDesc::to, regions_list, "the region credited (e.g. the area that uses them)"));
    s.add_for(
        {"statistics"},
        choice("base", &SharingRuleDesc::base,
               {{"value_added", SharingBase::value_added}, {"output", SharingBase::output}},
               "what is shared: value-added or output (fiscal rules share the local share of taxes)", Need::optional));
    s.add(choice_list("establishments", &SharingRuleDesc::establishments,
                      {{"supplier", EstablishmentKind::supplier},
                       {"factory", EstablishmentKind::factory},
                       {"upfitter", EstablishmentKind::upfitter},
                       {"station", EstablishmentKind::station},
                       {"energy_source", EstablishmentKind::energy_source},
                       {"fleet_operator", EstablishmentKind::fleet_operator}},
                      "scope: only establishments of these kinds in `from` (default: every kind in the chain)",
                      Need::optional));
    s.add(choice_list("flows", &SharingRuleDesc::flows,
                      {{"component_sale", FlowKind::component_sale},
                       {"truck_sale", FlowKind::truck_sale},
                       {"upfit", FlowKind::upfit},
                       {"energy_purchase", FlowKind::energy_purchase},
                       {"energy_sale", FlowKind::energy_sale},
                       {"freight_service", FlowKind::freight_service}},
                      "scope: each establishment counts in proportion to its output from these kinds of sale "
                      "(energy_purchase: an energy source's sales to stations; default: all its output)",
                      Need::optional));
    s.add(reference_list("truck_types", &SharingRuleDesc::truck_types, truck_types_list,
                         "scope: only what comes from trucks of these types (default: everything in the region)",
                         Need::optional));
    s.add(reference("deployed_in", &SharingRuleDesc::deployed_in, regions_list,
                    "scope: only what comes from trucks working in this region (default: wherever)", Need::optional));
    s.add(number("share", &SharingRuleDesc::share, share, "", "share of the base credited to `to` (0.4 for 6:4)"));
    s.add(integer("start_year", &SharingRuleDesc::start_year, Range{0.0, 3000.0}, "a",
                  "first calendar year the rule holds (default: the run's first)", Need::optional));
    s.add(integer("duration_years", &SharingRuleDesc::duration_years, Range{0.0, 1000.0}, "a",
                  "calendar years at the full share, the rule's first (even if the run covers only part of it) "
                  "counting as one (default 0: without end)",
                  Need::optional));
    s.add(number("step_down_per_year", &SharingRuleDesc::step_down_per_year, share, "1/a",
                 "after the duration, the share falls by this each year until it is 0 (default 0: the rule ends)",
                 Need::optional));
    s.add(number("cap_cny", &SharingRuleDesc::cap_cny, Range{0.0, 1e13}, "CNY",
                 "the most the rule moves in all (default 0: no cap)", Need::optional));
    s.add(number("minimum_cny_per_year", &SharingRuleDesc::minimum_cny_per_year, Range{0.0, 1e11}, "CNY/a",
                 "a guarantee: moved in each year the rule holds even when the share of the base is less, in "
                 "proportion in a year the run covers only in part (default 0)",
                 Need::optional));
    s.add_for({"statistics"},
              choice("settlement", &SharingRuleDesc::settlement,
                     {{"yearly", SettlementPeriod::yearly},
                      {"quarterly", SettlementPeriod::quarterly},
                      {"monthly", SettlementPeriod::monthly}},
                     "how often the rule settles: at the end of each calendar quarter or month it advances its "
                     "share of the year's base so far; the year's last settlement settles the year (its share of "
                     "the year's base, the guarantee made up, moving back what the advances moved too much), so a "
                     "year moves the same however often it settles (fiscal rules settle yearly: taxes are paid at "
                     "each year's end)",
                     Need::optional));
    return s;
  }();
  return spec;
}

const ObjectSpec<EconomicsDesc>& economics_spec() {
  static const auto spec = [] {
    ObjectSpec<EconomicsDesc> s("economics", "Figures of the economy and of emissions the operations use.");
    s.add(number("discount_rate", &EconomicsDesc::discount_rate, share, "1/a", "per year, to annualise purchases",
                 Need::optional));
    s.add(number("diesel_co2_kg_per_l", &EconomicsDesc::diesel_co2_kg_per_l, Range{0.0, 100.0}, "kg CO2/L",
                 "diesel burnt (tank to wheel)", Need::optional));
    s.add(number("diesel_upstream_co2_kg_per_l", &EconomicsDesc::diesel_upstream_co2_kg_per_l, Range{0.0, 100.0},
                 "kg CO2/L", "diesel made and brought (well to tank)", Need::optional));
    s.add(number("methanol_co2_kg_per_l", &EconomicsDesc::methanol_co2_kg_per_l, Range{0.0, 100.0}, "kg CO2/L",
                 "methanol burnt", Need::optional));
    s.add(object("taxes", &EconomicsDesc::taxes, tax_spec(), "taxes on the chain's establishments", Need::optional));
    s.add(boolean("statistics_sharing_honoured", &EconomicsDesc::statistics_sharing_honoured,
                  "whether the statistics bureaus accept statistics sharing (统计分计); if not (在地统计), credited "
                  "value-added stays as recorded and statistics rules are agreed but not settled (default: false)"));
    return s;
  }();
  return spec;
}

}  // namespace

const ObjectSpec<ScenarioDesc>& scenario_spec() {
  static const auto spec = [] {
    ObjectSpec<ScenarioDesc> s("scenario", "A truckflow scenario: what exists and what is planned.");
    s.add(text("name", &ScenarioDesc::name, "name of the scenario", Need::required));
    s.add(text("description", &ScenarioDesc::description, "what the scenario is for"));
    s.add(object("simulation", &ScenarioDesc::simulation, simulation_spec(), "when and how long to simulate"));
    s.add(entities(regions_list, &ScenarioDesc::regions, region_spec(), "cities and areas", Need::required, 1, 2000));
    s.add(list("roads", &ScenarioDesc::roads, road_spec(), "road links between regions", Need::optional, 0, 20000));
    s.add(entities(components_list, &ScenarioDesc::components, component_spec(), "parts suppliers make", Need::required,
                   1));
    s.add(
        entities(truck_types_list, &ScenarioDesc::truck_types, truck_type_spec(), "kinds of truck", Need::required, 1));
    s.add(entities(suppliers_list, &ScenarioDesc::suppliers, supplier_spec(), "component plants", Need::required, 1));
    s.add(
        entities(factories_list, &ScenarioDesc::factories, factory_spec(), "truck assembly plants", Need::required, 1));
    s.add(entities(upfitters_list, &ScenarioDesc::upfitters, upfitter_spec(), "special-purpose body plants"));
    s.add(entities(sites_list, &ScenarioDesc::sites, site_spec(), "application sites and their deployment plans"));
    s.add(entities(stations_list, &ScenarioDesc::stations, station_spec(),
                   "charging, battery-swap, hydrogen, methanol and diesel stations", Need::optional, 0, 5000));
    s.add(entities(energy_sources_list, &ScenarioDesc::energy_sources, energy_source_spec(),
                   "where stations get hydrogen, methanol and diesel", Need::optional, 0, 1000));
    s.add(entities(sharing_rules_list, &ScenarioDesc::sharing_rules, sharing_rule_spec(),
                   "benefit-sharing rules between regions", Need::optional, 0, 1000));
    s.add(object("economics", &ScenarioDesc::economics, economics_spec(), "figures of the economy and of emissions",
                 Need::optional));
    return s;
  }();
  return spec;
}

}  // namespace truckflow::scenarios::detail
