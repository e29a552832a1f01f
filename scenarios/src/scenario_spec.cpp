// Every key of a scenario file: its type, unit, allowed values, default and meaning.
#include "scenario_spec.hpp"

#include <stdexcept>
#include <string_view>

#include "truckflow/models/entity_lists.hpp"

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

const ObjectSpec<SiteDesc>& site_spec() {
  static const auto spec = [] {
    ObjectSpec<SiteDesc> s("site", "An application site (应用场景) where trucks are put to work.");
    s.add(identifier("id", &SiteDesc::id, "identifier of the site"));
    s.add(object("name", &SiteDesc::name, name_spec(), "names of the site"));
    s.add(reference("region", &SiteDesc::region, regions_list, "where the site is; its trucks register there"));
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
    return s;
  }();
  return spec;
}

}  // namespace truckflow::scenarios::detail
