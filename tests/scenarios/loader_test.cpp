// Loading good scenarios: extends (merge by id, remove), --set overrides, the seed, the resolved
// text, and the schema and key reference generated from the same specs as the loader.
#include "truckflow/scenarios/loader.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <gtest/gtest.h>
#include <optional>
#include <sstream>
#include <string>

#include "truckflow/models/whole_plan.hpp"

namespace truckflow::scenarios {
namespace {

const std::string root = TRUCKFLOW_SOURCE_DIR;
const std::string tiny = root + "/scenarios/tiny/";

std::vector<std::string> errors(const std::string& file, std::vector<std::string> overrides) {
  try {
    (void)load_scenario(tiny + file, {.overrides = std::move(overrides)});
  } catch (const ScenarioError& error) {
    std::vector<std::string> messages;
    for (const Diagnostic& d : error.diagnostics()) messages.push_back(to_string(d));
    return messages;
  }
  return {};
}

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(LoaderTest, ReadsACompleteScenario) {
  const LoadedScenario loaded = load_scenario(tiny + "two_regions.yaml");
  const models::ScenarioDesc& s = loaded.description;
  EXPECT_EQ(s.name, "Two regions, one of everything");
  ASSERT_EQ(s.regions.size(), 2U);
  EXPECT_EQ(s.regions[0].role, models::RegionRole::host);
  EXPECT_DOUBLE_EQ(s.regions[1].grid_co2_kg_per_kwh, 0.2);
  EXPECT_DOUBLE_EQ(s.regions[1].prices.diesel_cny_per_l, 7.2) << "a default";
  ASSERT_EQ(s.roads.size(), 1U);
  EXPECT_TRUE(s.roads[0].two_way);
  EXPECT_DOUBLE_EQ(s.roads[0].climb_m, 0.0);
  EXPECT_EQ(s.suppliers[0].max_stock_units, 100);
  EXPECT_EQ(s.factories[0].inventory.order_quantity_trucks, 2);
  EXPECT_EQ(s.sites[0].kind, models::SiteKind::mine);
  EXPECT_EQ(s.simulation.start_date, std::chrono::year(2026) / 1 / 1);
  EXPECT_EQ(s.simulation.seed, 1U);
}

TEST(LoaderTest, ExtendsMergesMappingsAndListsById) {
  const models::ScenarioDesc s = load_scenario(tiny + "slow_supplier.yaml").description;
  EXPECT_EQ(s.name, "Two regions, slow supplier");
  ASSERT_EQ(s.suppliers.size(), 1U);
  EXPECT_DOUBLE_EQ(s.suppliers[0].capacity_units_per_day, 1.0) << "overridden";
  EXPECT_DOUBLE_EQ(s.suppliers[0].unit_price_cny, 100000.0) << "kept from the base";
  EXPECT_EQ(s.suppliers[0].region, "b");
  EXPECT_EQ(s.factories[0].inventory.initial_stock_trucks, 0);
  ASSERT_EQ(s.sites[0].deployment.size(), 1U) << "a list of plain items is replaced";
  EXPECT_EQ(s.sites[0].deployment[0].trucks, 2);

  const models::ScenarioDesc u = load_scenario(tiny + "upfit.yaml").description;
  EXPECT_EQ(u.components.size(), 2U) << "a new id is appended";
  EXPECT_EQ(u.suppliers[1].id, "body_maker");
  ASSERT_TRUE(u.sites[0].upfit.has_value());
  EXPECT_EQ(u.sites[0].upfit->body, "dump_body");
}

TEST(LoaderTest, OverridesSetAnyValue) {
  const models::ScenarioDesc s =
      load_scenario(tiny + "two_regions.yaml",
                    {.overrides = {"suppliers[kit_maker].capacity_units_per_day=7.5", "sites[0].deployment[0].trucks=9",
                                   "simulation.horizon_years=2", "roads[0].climb_m=300",
                                   "regions[b].prices={diesel_cny_per_l: 8}"}})
          .description;
  EXPECT_DOUBLE_EQ(s.suppliers[0].capacity_units_per_day, 7.5);
  EXPECT_EQ(s.sites[0].deployment[0].trucks, 9);
  EXPECT_EQ(s.simulation.horizon_years, 2);
  EXPECT_DOUBLE_EQ(s.roads[0].climb_m, 300.0);
  EXPECT_DOUBLE_EQ(s.regions[1].prices.diesel_cny_per_l, 8.0);
  EXPECT_DOUBLE_EQ(s.regions[1].prices.hydrogen_cny_per_kg, 35.0) << "the rest of the replaced mapping: defaults";
  EXPECT_EQ(load_scenario(tiny + "two_regions.yaml", {.seed = "42"}).description.simulation.seed, 42U);
  EXPECT_EQ(load_scenario(tiny + "two_regions.yaml", {.seed = "010"}).description.simulation.seed, 10U)
      << "decimal, as in --set simulation.seed=010: not octal";
}

TEST(LoaderTest, BadOverridesAreClearErrors) {
  EXPECT_EQ(errors("two_regions.yaml", {"simulation.seed"}),
            std::vector<std::string>{
                "--set simulation.seed: error: expected key.path=value (for example simulation.seed=7)"});
  EXPECT_EQ(errors("two_regions.yaml", {"suppliers[nobody].lead_time_days=1"}),
            std::vector<std::string>{
                "--set suppliers[nobody].lead_time_days=1: error: suppliers has no item with id 'nobody'"});
  EXPECT_EQ(errors("two_regions.yaml", {"sites[3].operator=x"}),
            std::vector<std::string>{"--set sites[3].operator=x: error: sites has 1 item; there is no item [3] "
                                     "(expected an index from 0 to 0 or an item's id)"});
  EXPECT_EQ(errors("two_regions.yaml", {"regions[99999999999999999999].id=x"}),
            std::vector<std::string>{"--set regions[99999999999999999999].id=x: error: regions has 2 items; there is "
                                     "no item [99999999999999999999] (expected an index from 0 to 1 or an item's id)"})
      << "an index too large for any number";
  EXPECT_EQ(errors("two_regions.yaml", {"regions=[]", "regions[0].id=x"}),
            std::vector<std::string>{
                "--set regions[0].id=x: error: regions has 0 items; there is no item [0] (the list is empty)"});
  EXPECT_EQ(errors("two_regions.yaml", {"a..b=1"}),
            std::vector<std::string>{"--set a..b=1: error: 'a..b' is not a key path (keys joined by '.', list items "
                                     "selected by [index] or [id])"});
  EXPECT_EQ(errors("two_regions.yaml", {"simulation.horizon_years=-1"}),
            std::vector<std::string>{"--set simulation.horizon_years=-1: error: simulation.horizon_years: expected a "
                                     "whole number from 1 to 100, found -1"});
  EXPECT_EQ(errors("two_regions.yaml", {"simulation.colour=blue"}),
            std::vector<std::string>{"--set simulation.colour=blue: error: simulation.colour: unknown key 'colour' in "
                                     "simulation; expected one of 'start_date', 'horizon_years', 'seed' or "
                                     "'sample_interval_days'"});
}

TEST(LoaderTest, TheSeedIsReadAsTheSetOverrideIsAndItsErrorsNameIt) {
  const auto seed_errors = [](const std::string& seed) {
    try {
      (void)load_scenario(tiny + "two_regions.yaml", {.seed = seed});
    } catch (const ScenarioError& error) {
      std::vector<std::string> messages;
      for (const Diagnostic& d : error.diagnostics()) messages.push_back(to_string(d));
      return messages;
    }
    return std::vector<std::string>{};
  };
  EXPECT_EQ(seed_errors("0x10"),
            std::vector<std::string>{"--seed 0x10: error: simulation.seed: expected a whole number, found '0x10'"});
  EXPECT_EQ(seed_errors(""),
            std::vector<std::string>{"--seed '': error: simulation.seed: expected a whole number, found nothing"});
  EXPECT_EQ(seed_errors("-1"), std::vector<std::string>{"--seed -1: error: simulation.seed: expected a whole number "
                                                        "from 0 to 9.2e+18, found -1"});
  EXPECT_EQ(seed_errors("-1"), [] {
    std::vector<std::string> messages = errors("two_regions.yaml", {"simulation.seed=-1"});
    for (std::string& m : messages) m.replace(0, m.find(':'), "--seed -1");
    return messages;
  }()) << "the same message as --set simulation.seed=-1, located at --seed";
}

TEST(LoaderTest, ADuplicateIdAloneIsAnErrorWithItsLocation) {
  const std::string site =
      "{id: quarry, name: {en: Q}, region: b, kind: mine, operator: Q, deployment: [{year: 2026, truck_type: truck, "
      "trucks: 1}]}";
  const std::string set = "sites=[" + site + ", " + site + "]";
  EXPECT_EQ(errors("two_regions.yaml", {set}),
            std::vector<std::string>{"--set " + set +
                                     ": error: sites[1].id: duplicate site id 'quarry' (first at "
                                     "sites[0])"});
}

TEST(LoaderTest, DuplicateIdsInOneListAreErrors) {
  const std::string region_c =
      "{id: c, name: {en: C}, role: host, latitude_deg: 1, longitude_deg: 1, grid_co2_kg_per_kwh: 0}";
  const auto messages = errors("two_regions.yaml", {"regions=[" + region_c + ", " + region_c + "]"});
  ASSERT_GT(messages.size(), 1U) << "the duplicate, and the references to the regions a and b that are gone";
  EXPECT_EQ(messages[0], "--set regions=[" + region_c + ", " + region_c +
                             "]: error: regions[1].id: duplicate region id 'c' (first at regions[0])");
}

/// Writes `text` to a file in the test's temporary folder; returns its path.
std::string write_file(const std::string& name, const std::string& text) {
  const std::string path = testing::TempDir() + name;
  std::ofstream(path) << text;
  return path;
}

TEST(LoaderTest, RemoveDeletesAnItemAndRemoveFalseKeepsOne) {
  const std::string path = write_file("remove.yaml", "extends: " + tiny + "two_regions.yaml\n" + R"(sites:
  - id: quarry
    remove: true
  - id: pit
    remove: false
    name: {en: Pit}
    region: a
    kind: mine
    operator: Pit fleet
    deployment: [{year: 2026, truck_type: truck, trucks: 2}]
)");
  const LoadedScenario loaded = load_scenario(path);
  ASSERT_EQ(loaded.description.sites.size(), 1U);
  EXPECT_EQ(loaded.description.sites[0].id, "pit");
  EXPECT_EQ(loaded.resolved_yaml.find("remove"), std::string::npos);
}

TEST(LoaderTest, RemoveOutsideAnExtendingFileIsAnError) {
  const std::string message =
      "error: sites[0].remove: 'remove' (remove: true deletes an item of the scenario a file extends) is allowed only "
      "in a file with extends";
  EXPECT_EQ(errors("two_regions.yaml", {"sites[quarry].remove=true"}),
            std::vector<std::string>{"--set sites[quarry].remove=true: " + message});
  std::string text = read(tiny + "two_regions.yaml");
  const std::size_t quarry = text.find("  - id: quarry\n");
  ASSERT_NE(quarry, std::string::npos);
  text.insert(quarry + 15, "    remove: false\n");
  const std::string path = write_file("no_extends_remove.yaml", text);
  const int line =
      1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(quarry), '\n')) + 1;
  try {
    (void)load_scenario(path);
    FAIL() << "loaded";
  } catch (const ScenarioError& error) {
    ASSERT_EQ(error.diagnostics().size(), 1U) << error.what();
    EXPECT_EQ(to_string(error.diagnostics()[0]), path + ":" + std::to_string(line) + ":5: " + message);
  }
}

TEST(LoaderTest, IdentifiersHaveAtMost64Characters) {
  const auto with_component = [](const std::string& id) {
    return errors("two_regions.yaml", {"components=[{id: kit, name: {en: Kit}}, {id: " + id + ", name: {en: X}}]"});
  };
  EXPECT_EQ(with_component(std::string(64, 'a')), std::vector<std::string>{});
  const auto messages = with_component(std::string(65, 'a'));
  ASSERT_EQ(messages.size(), 1U);
  EXPECT_NE(messages[0].find("components[1].id: expected an identifier (up to 64 lower case"), std::string::npos);
}

TEST(LoaderTest, APlanYearAfterTheHorizonIsAWarning) {
  const LoadedScenario loaded =
      load_scenario(tiny + "two_regions.yaml", {.overrides = {"sites[quarry].deployment[0].year=2030"}});
  ASSERT_EQ(loaded.warnings.size(), 1U);
  EXPECT_EQ(loaded.warnings[0].severity, Diagnostic::Severity::warning);
  EXPECT_EQ(to_string(loaded.warnings[0]),
            "--set sites[quarry].deployment[0].year=2030: warning: sites[0].deployment[0].year: year 2030 is after "
            "the horizon (the last year simulated is 2026): these trucks are never ordered");
  EXPECT_TRUE(load_scenario(tiny + "two_regions.yaml").warnings.empty());
}

TEST(LoaderTest, ASharingRuleWhoseScopeMatchesNothingIsAWarning) {
  // tiny/sharing.yaml: the factory in a; the supplier and the quarry (no work) deploying trucks in b.
  const auto warnings = [](std::vector<std::string> overrides) {
    std::vector<std::string> texts;
    for (const Diagnostic& d : load_scenario(tiny + "sharing.yaml", {.overrides = std::move(overrides)}).warnings) {
      texts.push_back(d.path + ": " + d.message);
    }
    return texts;
  };
  EXPECT_EQ(warnings({}), std::vector<std::string>{});
  // Suppliers sell components, not trucks.
  EXPECT_EQ(
      warnings({"sharing_rules[six_four].establishments=[supplier]", "sharing_rules[six_four].flows=[truck_sale]"}),
      std::vector<std::string>{"sharing_rules[0]: no establishment in 'a' makes a sale within the rule's scope "
                               "(its establishments and flows): the rule settles nothing"});
  // A component sale names no truck, so a rule on trucks' types cannot count it.
  EXPECT_EQ(warnings({"sharing_rules[stepped].establishments=[supplier]"}),
            std::vector<std::string>{
                "sharing_rules[4]: no establishment in 'a' makes a sale within the rule's scope (its establishments "
                "and flows; with truck_types or deployed_in, only sales for a truck count): the rule settles nothing"});
  // b has no factory, and the quarry does no work, so its operator sells no freight.
  EXPECT_EQ(warnings({"sharing_rules[six_four].from=b", "sharing_rules[six_four].to=a",
                      "sharing_rules[six_four].establishments=[factory, fleet_operator]"}),
            std::vector<std::string>{"sharing_rules[0]: no establishment in 'b' makes a sale within the rule's scope "
                                     "(its establishments and flows): the rule settles nothing"});
  // The trucks work in b, not in a.
  EXPECT_EQ(warnings({"sharing_rules[stepped].deployed_in=a"}),
            std::vector<std::string>{"sharing_rules[4]: no site in 'a' plans trucks of its truck_types: the rule "
                                     "settles nothing"});
  // A sale the scope does count: the factory's truck sales, for trucks working in b.
  EXPECT_EQ(warnings({"sharing_rules[six_four].establishments=[factory]", "sharing_rules[six_four].deployed_in=b"}),
            std::vector<std::string>{});
}

// compare's plans: models::assign_whole_plan on the description (tests/models/whole_plan_test.cpp),
// then check_derived, which locates what it reports in the scenario's own files.
LoadedScenario whole_plan_as(const std::string& file, const std::vector<std::string>& overrides,
                             const std::string& type) {
  const LoadedScenario base = load_scenario(file, {.overrides = overrides, .keep_origins = true});
  models::WholePlan whole = models::assign_whole_plan(base.description, type, max_plan_line_trucks);
  std::vector<DerivedNote> notes;
  for (const models::PlanNote& n : whole.notes) notes.push_back({n.path, n.message, n.error, n.kind});
  return check_derived(base, std::move(whole.description), notes);
}

TEST(LoaderTest, AssigningPlansKeepsAPinnedFactoryOnlyIfItBuildsTheType) {
  const std::string sichuan = root + "/scenarios/sichuan.yaml";
  const std::vector<std::string> pinned = {"sites[panzhihua_mines].deployment[0].factory=sinotruk_chengdu"};
  EXPECT_TRUE(whole_plan_as(sichuan, pinned, "bev_charging").warnings.empty());
  const auto mhev_warnings = whole_plan_as(sichuan, pinned, "mhev").warnings;
  ASSERT_EQ(mhev_warnings.size(), 1U);
  EXPECT_EQ(to_string(mhev_warnings[0]),
            "--set " + pinned[0] +
                ": warning: sites[0].deployment[0].factory: 'sinotruk_chengdu' does not build "
                "'mhev'; in this comparison the nearest factory that does takes these orders");
  const auto to_bev = whole_plan_as(sichuan, pinned, "bev_charging").description.sites[0].deployment;
  EXPECT_EQ(to_bev[0].truck_type, "bev_charging");
  EXPECT_EQ(to_bev[0].factory, "sinotruk_chengdu") << "Sinotruk builds battery trucks";
  EXPECT_EQ(to_bev[1].factory, "") << "not pinned";
  const auto to_mhev = whole_plan_as(sichuan, pinned, "mhev").description.sites[0].deployment;
  EXPECT_EQ(to_mhev[0].truck_type, "mhev");
  EXPECT_EQ(to_mhev[0].factory, "") << "Sinotruk does not build methanol trucks: the nearest that does will";
  EXPECT_EQ(to_mhev.size(), to_bev.size()) << "deployment lines are kept one by one";
}

TEST(LoaderTest, ADerivedDescriptionIsCheckedWithLocations) {
  // A type no factory can deliver to the quarry: the check names the plan line, where it is written.
  const std::string file = tiny + "two_regions.yaml";
  const LoadedScenario base = load_scenario(file, {.keep_origins = true});
  models::ScenarioDesc derived = base.description;
  derived.factories[0].truck_types.clear();
  try {
    (void)check_derived(base, derived, {{"sites[0].deployment[0].year", "a note", true, ""}});
    FAIL() << "an error note was accepted";
  } catch (const ScenarioError& error) {
    ASSERT_EQ(error.diagnostics().size(), 1U);
    EXPECT_EQ(error.diagnostics()[0].location.file, file);
    EXPECT_GT(error.diagnostics()[0].location.line, 1);
    EXPECT_EQ(error.diagnostics()[0].message, "a note");
  }
  try {
    (void)check_derived(base, derived, {});
    FAIL() << "a plan no factory builds was accepted";
  } catch (const ScenarioError& error) {
    EXPECT_EQ(error.diagnostics()[0].location.file, file);
    EXPECT_NE(to_string(error.diagnostics()[0]).find("sites[0].deployment[0].truck_type"), std::string::npos)
        << to_string(error.diagnostics()[0]);
  }
  EXPECT_THROW((void)check_derived(load_scenario(file), derived, {}), std::logic_error) << "loaded without origins";
}

TEST(LoaderTest, ARunOrdersAtMostAMillionTrucks) {
  const std::string line = "{year: 2026, truck_type: truck, trucks: 500000}";
  const std::string too_many = "sites[quarry].deployment=[" + line + ", " + line + ", " + line + "]";
  EXPECT_EQ(errors("two_regions.yaml", {too_many}),
            std::vector<std::string>{"--set " + too_many +
                                     ": error: sites[0].deployment[2].trucks: with this line the plans order 1500000 "
                                     "trucks; one run simulates at most 1000000 (each truck needs about 2 KB of memory "
                                     "while simulated)"});
  const std::string later = "{year: 2027, truck_type: truck, trucks: 500000}";
  // (kits ordered 100 trucks' worth at a time, or the component orders would go over their limit)
  EXPECT_EQ(errors("two_regions.yaml", {"sites[quarry].deployment=[" + line + ", " + line + ", " + later + "]",
                                        "factories[plant].inventory.order_quantity_trucks=100"}),
            std::vector<std::string>{})
      << "2027 is after the one-year horizon: never ordered, not counted";
}

TEST(LoaderTest, ThePlanFactorCountsAgainstTheTruckLimit) {
  const std::string line = "{year: 2026, truck_type: truck, trucks: 1000000}";
  const std::string plan = "sites[quarry].deployment=[" + line + "]";
  const std::string factor = "sites[quarry].plan_factor=2.5";
  EXPECT_EQ(errors("two_regions.yaml", {plan, factor, "factories[plant].inventory.order_quantity_trucks=100"}),
            std::vector<std::string>{"--set " + plan +
                                     ": error: sites[0].deployment[0].trucks: with this line the plans order 2500000 "
                                     "trucks; one run simulates at most 1000000 (each truck needs about 2 KB of memory "
                                     "while simulated)"});
}

TEST(LoaderTest, ComponentOrdersAreBoundedAtTheOrderQuantity) {
  // A burst of (1000000 - 2) / 1 + 1 orders at the start, then one per truck for 4 trucks, plus one.
  const std::string reorder = "factories[plant].inventory.reorder_point_trucks=1000000";
  const std::string one = "factories[plant].inventory.order_quantity_trucks=1";
  EXPECT_EQ(errors("two_regions.yaml", {reorder, one}),
            std::vector<std::string>{
                "--set " + one +
                ": error: factories[0].inventory.order_quantity_trucks: the run may "
                "place up to 1000004 component orders (with 4 trucks planned here, this order quantity and reorder "
                "point); one run places at most 1000000: raise the order quantity or lower the reorder point"});
  EXPECT_EQ(errors("two_regions.yaml", {reorder}), std::vector<std::string>{}) << "half as many orders of 2";
}

TEST(LoaderTest, ReadsOperationsStationsAndEnergySources) {
  using namespace std::chrono;
  const models::ScenarioDesc s = load_scenario(tiny + "operations.yaml").description;
  EXPECT_DOUBLE_EQ(s.regions[0].local_speed_kmh, 35.0);
  EXPECT_DOUBLE_EQ(s.regions[0].detour_factor, 1.4);
  EXPECT_DOUBLE_EQ(s.regions[1].local_speed_kmh, 40.0) << "a default";
  EXPECT_DOUBLE_EQ(s.regions[1].detour_factor, 1.3) << "a default";

  ASSERT_TRUE(s.truck_types[0].operation.has_value());
  const models::TruckOperationDesc& op = *s.truck_types[0].operation;
  EXPECT_DOUBLE_EQ(op.payload_t, 31.0);
  EXPECT_DOUBLE_EQ(op.storage, 423.0);
  EXPECT_DOUBLE_EQ(op.max_charge_kw, 360.0);
  EXPECT_DOUBLE_EQ(op.subsidy_cny, 50000.0);

  const models::SiteDesc& quarry = s.sites[0];
  EXPECT_DOUBLE_EQ(quarry.position.climb_m, 120.0);
  ASSERT_TRUE(quarry.work.has_value());
  ASSERT_TRUE(quarry.work->load_at.has_value());
  EXPECT_EQ(quarry.work->load_at->region, "b");
  EXPECT_DOUBLE_EQ(quarry.work->load_at->position.distance_km, 12.0);
  ASSERT_TRUE(quarry.work->unload_at->position.coordinates.has_value());
  EXPECT_DOUBLE_EQ(quarry.work->unload_at->position.coordinates->elevation_m, 520.0);
  EXPECT_EQ(quarry.work->loading_bays, 2);
  EXPECT_EQ(quarry.work->shift.days_per_week, 6);
  EXPECT_DOUBLE_EQ(quarry.work->shift.start_hour, 6.0);
  EXPECT_EQ(quarry.work->depot, "quarry_depot");

  ASSERT_EQ(s.stations.size(), 6U);
  const models::StationDesc& depot = s.stations[0];
  EXPECT_EQ(depot.kind, models::StationKind::charging);
  EXPECT_EQ(depot.operator_name, "Quarry fleet");
  EXPECT_EQ(depot.servers, 4) << "chargers";
  EXPECT_DOUBLE_EQ(depot.price_cny_per_unit, 0.2) << "service_fee_cny_per_kwh";
  EXPECT_DOUBLE_EQ(depot.taper_from_soc, 0.85);
  EXPECT_DOUBLE_EQ(depot.tariff_cny_per_kwh.at(minutes(9 * 60)), 0.9);
  EXPECT_DOUBLE_EQ(depot.tariff_cny_per_kwh.at(minutes(23 * 60)), 0.3);
  ASSERT_EQ(depot.expansions.size(), 2U);
  EXPECT_EQ(depot.expansions[1].date, year(2027) / 1 / 1);
  EXPECT_EQ(depot.expansions[1].servers, 8);
  EXPECT_FALSE(depot.opening_date.has_value());

  const models::StationDesc& swap = s.stations[1];
  EXPECT_EQ(swap.kind, models::StationKind::swap);
  EXPECT_EQ(swap.opening_date, std::optional<models::Date>(year(2026) / 3 / 1));
  EXPECT_EQ(swap.servers, 1) << "lanes";
  EXPECT_DOUBLE_EQ(swap.price_cny_per_unit, 1.1);
  EXPECT_EQ(swap.packs, 5);
  EXPECT_DOUBLE_EQ(swap.trucks_per_server, 40.0);
  EXPECT_DOUBLE_EQ(swap.taper_from_soc, 0.8) << "the default of a key of another kind";

  const models::StationDesc& hydrogen = s.stations[2];
  EXPECT_EQ(hydrogen.servers, 2) << "dispensers";
  EXPECT_DOUBLE_EQ(hydrogen.fill_per_minute, 3.0);
  EXPECT_DOUBLE_EQ(hydrogen.storage, 1000.0);
  EXPECT_DOUBLE_EQ(hydrogen.reorder_at, 300.0);
  EXPECT_DOUBLE_EQ(hydrogen.delivery, 500.0);
  EXPECT_EQ(hydrogen.source, "a_electrolyser");
  EXPECT_EQ(s.stations[3].kind, models::StationKind::methanol);
  EXPECT_DOUBLE_EQ(s.stations[3].price_cny_per_unit, 0.0) << "the region's pump price";
  EXPECT_EQ(s.stations[4].servers, 4) << "nozzles";
  EXPECT_DOUBLE_EQ(s.stations[4].storage, 40000.0) << "storage_l";

  ASSERT_EQ(s.energy_sources.size(), 3U);
  EXPECT_EQ(s.energy_sources[0].carrier, models::Carrier::hydrogen);
  EXPECT_DOUBLE_EQ(s.energy_sources[0].capacity_per_day, 2000.0);
  EXPECT_DOUBLE_EQ(s.energy_sources[0].co2_kg_per_unit, 1.5);
  EXPECT_EQ(s.energy_sources[1].carrier, models::Carrier::methanol);
  EXPECT_DOUBLE_EQ(s.energy_sources[1].price_cny_per_unit, 2.8);
  EXPECT_DOUBLE_EQ(s.energy_sources[2].co2_kg_per_unit, 0.6);

  EXPECT_DOUBLE_EQ(s.economics.discount_rate, 0.05);
  EXPECT_DOUBLE_EQ(s.economics.methanol_co2_kg_per_l, 1.09) << "a default";

  const models::ScenarioDesc plain = load_scenario(tiny + "two_regions.yaml").description;
  EXPECT_TRUE(plain.stations.empty());
  EXPECT_FALSE(plain.truck_types[0].operation.has_value());
  EXPECT_FALSE(plain.sites[0].work.has_value());
}

TEST(LoaderTest, OverridesAndExtendsReachStationsAndEnergySources) {
  const models::ScenarioDesc s =
      load_scenario(tiny + "operations.yaml", {.overrides = {"stations[quarry_depot].chargers=6",
                                                             "energy_sources[a_electrolyser].co2_kg_per_kg=0",
                                                             "sites[quarry].work.shift.hours_per_day=24"}})
          .description;
  EXPECT_EQ(s.stations[0].servers, 6);
  EXPECT_DOUBLE_EQ(s.energy_sources[0].co2_kg_per_unit, 0.0);
  EXPECT_DOUBLE_EQ(s.sites[0].work->shift.hours_per_day, 24.0);
  EXPECT_EQ(s.sites[0].work->shift.days_per_week, 6) << "the rest of the mapping is kept";
  EXPECT_EQ(errors("operations.yaml", {"stations[a_hydrogen].chargers=4"}),
            std::vector<std::string>{
                "--set stations[a_hydrogen].chargers=4: error: stations[2].chargers: key 'chargers' is not allowed "
                "for a station of kind 'hydrogen' (it is for kind 'charging')"});

  const std::string path = write_file("no_methanol.yaml", "extends: " + tiny + "operations.yaml\n" + R"(stations:
  - id: b_methanol
    remove: true
energy_sources:
  - id: b_methanol_plant
    remove: true
)");
  const models::ScenarioDesc removed = load_scenario(path).description;
  ASSERT_EQ(removed.stations.size(), 5U);
  EXPECT_EQ(removed.stations[3].id, "b_diesel");
  EXPECT_EQ(removed.energy_sources.size(), 2U);
}

TEST(LoaderTest, TheResolvedTextLoadsToTheSameScenario) {
  const LoadedScenario loaded = load_scenario(tiny + "upfit.yaml", {.overrides = {"simulation.seed=99"}});
  EXPECT_EQ(loaded.resolved_yaml.find("extends"), std::string::npos);
  const LoadedScenario again = load_scenario(write_file("resolved.yaml", loaded.resolved_yaml));
  EXPECT_EQ(again.resolved_yaml, loaded.resolved_yaml);
  EXPECT_EQ(again.description.simulation.seed, 99U);
  EXPECT_EQ(again.description.sites[0].upfit->upfitter, "body_shop");
}

TEST(SchemaTest, TheShippedSchemaIsTheGeneratedOne) {
  EXPECT_EQ(read(root + "/scenarios/schema/scenario.schema.json"), json_schema())
      << "regenerate it: build/release/app/truckflow schema > scenarios/schema/scenario.schema.json";
}

TEST(SchemaTest, TheKeyReferenceInTheDocsIsTheGeneratedOne) {
  const std::string docs = read(root + "/docs/scenario.md");
  const std::string begin = "<!-- key reference: generated by `truckflow schema --markdown` -->\n";
  const std::string end = "<!-- end of key reference -->";
  const std::size_t from = docs.find(begin);
  const std::size_t to = docs.find(end);
  ASSERT_NE(from, std::string::npos);
  ASSERT_NE(to, std::string::npos);
  EXPECT_EQ(docs.substr(from + begin.size(), to - from - begin.size()), key_reference_markdown())
      << "regenerate the key reference in docs/scenario.md (make docs)";
}

}  // namespace
}  // namespace truckflow::scenarios
