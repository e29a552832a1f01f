// The spec's building blocks on a small test-only scenario (an energy chain: areas, stations of
// three kinds, sharing rules, shares, a distance table, a price path, a tariff): entity lists
// registered once, discriminated objects, maps and tables keyed by ids, values by date and by time
// of day. Each block's decoding, messages (with locations), schema and docs.
#include "spec.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <string>
#include <vector>

#include "truckflow/models/entity_lists.hpp"
#include "truckflow/models/time_path.hpp"

#include "compose.hpp"
#include "entities.hpp"
#include "scenario_spec.hpp"
#include "time_spec.hpp"

namespace truckflow::scenarios::detail {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::year;

enum class StationKind { charging, swap, hydrogen };
enum class RuleType { by_share, fixed };

struct Area {
  std::string id;
};
struct Station {
  std::string id;
  std::string area;
  StationKind kind = StationKind::charging;
  std::int64_t chargers = 0;
  double power_kw = 0.0;
  std::int64_t swap_bays = 0;
  double hydrogen_kg_per_day = 0.0;
};
struct Rule {
  RuleType type = RuleType::by_share;
  std::map<std::string, double> shares;
  double amount_cny = 0.0;
};
struct Chain {
  std::vector<Area> areas;
  std::vector<Station> stations;
  std::vector<Rule> rules;
  std::vector<Area> zones;  ///< items with ids, but no entity list: replaced whole by extends
  std::map<std::string, double> demand_share;
  std::map<std::string, std::map<std::string, double>> haul_km;
  models::TimePath<double> diesel_cny_per_l{7.2};
  models::DayProfile<double> tariff_cny_per_kwh{0.6};
};

// Adding an entity list (CONTRIBUTING.md): declare it, give its items an identifier key, register
// it with `entities` in the object that holds it, and refer to it with `reference`.
const EntityList areas{"areas", "area"};
const EntityList stations{"stations", "station"};

const ObjectSpec<Area>& area_spec() {
  static const auto spec = [] {
    ObjectSpec<Area> s("area", "A place.");
    s.add(identifier("id", &Area::id, "identifier of the area"));
    return s;
  }();
  return spec;
}

// Adding a discriminated object (CONTRIBUTING.md): a `choice` key, `discriminated_by` it, then
// the keys of some kinds only with `add_for`.
const ObjectSpec<Station>& station_spec() {
  static const auto spec = [] {
    ObjectSpec<Station> s("station", "Where trucks take on energy.");
    s.add(identifier("id", &Station::id, "identifier of the station"));
    s.add(reference("area", &Station::area, areas, "where it is"));
    s.add(
        choice("kind", &Station::kind,
               {{"charging", StationKind::charging}, {"swap", StationKind::swap}, {"hydrogen", StationKind::hydrogen}},
               "what it serves"));
    s.discriminated_by("kind");
    s.add_for({"charging"}, integer("chargers", &Station::chargers, Range{1.0, 1000.0}, "chargers", "charging points"));
    s.add_for({"charging", "swap"},
              number("power_kw", &Station::power_kw, positive, "kW", "grid connection", Need::optional));
    s.add_for({"swap"}, integer("swap_bays", &Station::swap_bays, Range{1.0, 100.0}, "bays", "battery swap bays"));
    s.add_for({"hydrogen"}, number("hydrogen_kg_per_day", &Station::hydrogen_kg_per_day, positive, "kg/d",
                                   "hydrogen dispensed per day"));
    return s;
  }();
  return spec;
}

const ObjectSpec<Rule>& rule_spec() {
  static const auto spec = [] {
    ObjectSpec<Rule> s("sharing rule", "How a value is shared between areas.");
    s.add(choice("type", &Rule::type, {{"by_share", RuleType::by_share}, {"fixed", RuleType::fixed}},
                 "how the value is shared", Need::optional));
    s.discriminated_by("type");
    s.add_for({"by_share"},
              value("shares", &Rule::shares, by_id(areas, number_value(share), Total{1.0}), "", "share of each area"));
    s.add_for({"fixed"}, number("amount_cny", &Rule::amount_cny, non_negative, "CNY", "fixed amount"));
    return s;
  }();
  return spec;
}

const ObjectSpec<Chain>& chain_spec() {
  static const auto spec = [] {
    ObjectSpec<Chain> s("chain", "A test-only energy chain.");
    s.add(entities(areas, &Chain::areas, area_spec(), "places", Need::required, 1));
    s.add(entities(stations, &Chain::stations, station_spec(), "stations"));
    s.add(list("rules", &Chain::rules, rule_spec(), "sharing rules"));
    s.add(list("zones", &Chain::zones, area_spec(), "zones (a plain list, though its items have ids)"));
    s.add(value("demand_share", &Chain::demand_share, by_id(areas, number_value(share), Total{1.0}), "",
                "share of the demand in each area", Need::optional));
    s.add(value("haul_km", &Chain::haul_km, by_id(areas, by_id(areas, number_value(non_negative))), "km",
                "haul distance from area to area", Need::optional));
    s.add(value("diesel_cny_per_l", &Chain::diesel_cny_per_l, by_date(number_value(non_negative)), "CNY/L",
                "diesel price", Need::optional));
    s.add(value("tariff_cny_per_kwh", &Chain::tariff_cny_per_kwh, by_time_of_day(number_value(non_negative)), "CNY/kWh",
                "electricity tariff", Need::optional));
    return s;
  }();
  return spec;
}

/// Decodes `node` as a chain, then checks its entities and paths as the loader does.
std::vector<std::string> check(const Node& node, Chain& chain, std::vector<Diagnostic> diagnostics = {}) {
  std::vector<Diagnostic> warnings;
  Context context(diagnostics, warnings);
  if (diagnostics.empty()) chain_spec().decode(node, chain, context, "");
  if (diagnostics.empty()) {
    check_entities(chain_spec(), chain, context);
    check_path_starts(context, year(2026) / 1 / 1);
  }
  std::vector<std::string> messages;
  for (const Diagnostic& d : diagnostics) messages.push_back(to_string(d));
  return messages;
}

/// The messages of `yaml` (named chain.yaml in locations); `chain` gets what was decoded.
std::vector<std::string> decode(const std::string& yaml, Chain& chain) {
  std::vector<Diagnostic> diagnostics;
  ReadBudget budget;
  const Node node = read_yaml_text(yaml, "chain.yaml", diagnostics, budget);
  return check(node, chain, std::move(diagnostics));
}

std::vector<std::string> errors(const std::string& yaml) {
  Chain chain;
  return decode(yaml, chain);
}

using Messages = std::vector<std::string>;

/// The messages of decoding `yaml` with `spec` and checking its entity lists, as the loader does.
template <typename T>
std::vector<std::string> decode_with(const ObjectSpec<T>& spec, const std::string& yaml, T& out) {
  std::vector<Diagnostic> diagnostics;
  std::vector<Diagnostic> warnings;
  ReadBudget budget;
  const Node node = read_yaml_text(yaml, "test.yaml", diagnostics, budget);
  Context context(diagnostics, warnings);
  spec.decode(node, out, context, "");
  if (diagnostics.empty()) check_entities(spec, out, context);
  std::vector<std::string> messages;
  for (const Diagnostic& d : diagnostics) messages.push_back(to_string(d));
  return messages;
}

// ---- the recipes of CONTRIBUTING.md, step by step --------------------------------------------

struct Depot {
  std::string id;
  std::string area;
};
struct Depots {
  std::vector<Area> areas;
  std::vector<Depot> depots;
};

TEST(RecipeTest, AddingAnEntityList) {
  static const EntityList depots{"depots", "depot"};  // declare the list
  ObjectSpec<Depot> depot("depot", "A depot.");       // its item, with an identifier key
  depot.add(identifier("id", &Depot::id, "identifier of the depot"));
  depot.add(reference("area", &Depot::area, areas, "where it is"));
  ObjectSpec<Depots> top("top", "A world of depots.");
  top.add(entities(areas, &Depots::areas, area_spec(), "places"));
  top.add(entities(depots, &Depots::depots, depot, "depots"));  // register it: nothing else to do

  Depots out;
  EXPECT_EQ(decode_with(top, "areas: [{id: chengdu}]\ndepots: [{id: d, area: chengdu}, {id: d, area: xichang}]\n", out),
            (Messages{"test.yaml:2:39: error: depots[1].id: duplicate depot id 'd' (first at depots[0], line 2)",
                      "test.yaml:2:48: error: depots[1].area: unknown area 'xichang'; the areas are 'chengdu'"}));
  EXPECT_EQ(top.entity_list("depots"), &depots) << "extends merges it by id";
  EXPECT_NE(key_reference(top).find("`depots` (depot)"), std::string::npos);
}

TEST(RecipeTest, AddingADiscriminatedObject) {
  ObjectSpec<Station> s("station", "A station.");
  s.add(choice("kind", &Station::kind, {{"charging", StationKind::charging}, {"hydrogen", StationKind::hydrogen}},
               "what it serves"));
  s.discriminated_by("kind");
  s.add_for({"charging"}, integer("chargers", &Station::chargers, Range{1.0, 1000.0}, "chargers", "charging points"));
  s.add_for({"hydrogen"}, number("hydrogen_kg_per_day", &Station::hydrogen_kg_per_day, positive, "kg/d", "per day"));

  Station out;
  EXPECT_EQ(decode_with(s, "{kind: hydrogen, hydrogen_kg_per_day: 500}", out), Messages{});
  EXPECT_DOUBLE_EQ(out.hydrogen_kg_per_day, 500.0);
  EXPECT_EQ(decode_with(s, "{kind: hydrogen, hydrogen_kg_per_day: 500, chargers: 2}", out),
            Messages{"test.yaml:1:44: error: chargers: key 'chargers' is not allowed for a station of kind "
                     "'hydrogen' (it is for kind 'charging')"});
  EXPECT_NE(s.schema(SchemaFor::complete_file).dump().find("\"chargers\": false"), std::string::npos);
  EXPECT_NE(key_reference(s).find("- `hydrogen`: `hydrogen_kg_per_day`"), std::string::npos);
}

// ---- entity lists ----------------------------------------------------------------------------

TEST(SpecEntityListTest, DuplicatesAndReferencesComeFromTheRegistration) {
  EXPECT_EQ(errors("areas: [{id: chengdu}, {id: panzhihua}, {id: chengdu}]\n"
                   "stations: [{id: s1, area: panzhuhua, kind: charging, chargers: 2}]\n"),
            (Messages{"chain.yaml:1:46: error: areas[2].id: duplicate area id 'chengdu' (first at areas[0], line 1)",
                      "chain.yaml:2:27: error: stations[0].area: unknown area 'panzhuhua' (did you mean "
                      "'panzhihua'?)"}));
  EXPECT_EQ(chain_spec().entity_lists(), (std::vector<const EntityList*>{&areas, &stations}));
  EXPECT_EQ(chain_spec().entity_list("rules"), nullptr) << "a plain list";
}

TEST(SpecEntityListTest, ExtendsMergesARegisteredListByIdAndReplacesAPlainOne) {
  const std::string dir = testing::TempDir();
  std::ofstream(dir + "chain_base.yaml") << "areas: [{id: a}, {id: b}]\n"
                                            "stations: [{id: s1, area: a, kind: charging, chargers: 2}]\n"
                                            "rules: [{type: fixed, amount_cny: 5}]\n"
                                            "zones: [{id: a}, {id: b}]\n";
  std::ofstream(dir + "chain_more.yaml") << "extends: chain_base.yaml\n"
                                            "areas: [{id: c}, {id: a, remove: true}]\n"
                                            "stations: [{id: s1, area: b}]\n"
                                            "rules: [{type: fixed, amount_cny: 7}]\n"
                                            "zones: [{id: c}]\n";
  std::vector<Diagnostic> diagnostics;
  const Node node = compose(dir + "chain_more.yaml", chain_spec(), {}, diagnostics, {});
  Chain chain;
  ASSERT_EQ(check(node, chain, diagnostics), Messages{});
  ASSERT_EQ(chain.areas.size(), 2U);
  EXPECT_EQ(chain.areas[0].id, "b");
  EXPECT_EQ(chain.areas[1].id, "c");
  ASSERT_EQ(chain.stations.size(), 1U);
  EXPECT_EQ(chain.stations[0].area, "b") << "merged by id";
  EXPECT_EQ(chain.stations[0].chargers, 2) << "kept from the base";
  ASSERT_EQ(chain.rules.size(), 1U) << "a plain list is replaced";
  EXPECT_DOUBLE_EQ(chain.rules[0].amount_cny, 7.0);
  ASSERT_EQ(chain.zones.size(), 1U) << "a list not registered as entities is replaced, even with ids";
  EXPECT_EQ(chain.zones[0].id, "c");
}

TEST(SpecEntityListTest, TheChildSpecsOfTheDocsComeFromTheKeys) {
  const auto children = chain_spec().children();
  EXPECT_EQ(children, (std::vector<const ObjectSpecBase*>{&area_spec(), &station_spec(), &rule_spec()}));
  EXPECT_EQ(chain_spec().child("stations"), &station_spec());
  EXPECT_NE(key_reference(chain_spec())
                .find("Entity lists: their items have a unique `id` that other keys refer "
                      "to, and a file with `extends` merges them by id (`remove: true` deletes "
                      "an item): `areas` (area), `stations` (station).\n"),
            std::string::npos);
}

// ---- discriminated objects -------------------------------------------------------------------

const std::string two_areas = "areas: [{id: chengdu}, {id: panzhihua}]\n";

TEST(SpecDiscriminatedTest, EachKindHasItsKeys) {
  Chain chain;
  ASSERT_EQ(decode(two_areas + "stations:\n"
                               "  - {id: c1, area: chengdu, kind: charging, chargers: 8, power_kw: 1200}\n"
                               "  - {id: s1, area: chengdu, kind: swap, swap_bays: 2}\n"
                               "  - {id: h1, area: panzhihua, kind: hydrogen, hydrogen_kg_per_day: 500}\n"
                               "rules: [{shares: {chengdu: 0.5, panzhihua: 0.5}}, {type: fixed, amount_cny: 3}]\n",
                   chain),
            Messages{});
  EXPECT_EQ(chain.stations[0].chargers, 8);
  EXPECT_DOUBLE_EQ(chain.stations[0].power_kw, 1200.0);
  EXPECT_EQ(chain.stations[1].kind, StationKind::swap);
  EXPECT_EQ(chain.stations[1].swap_bays, 2);
  EXPECT_DOUBLE_EQ(chain.stations[2].hydrogen_kg_per_day, 500.0);
  EXPECT_EQ(chain.rules[0].type, RuleType::by_share) << "the default kind";
  EXPECT_DOUBLE_EQ(chain.rules[0].shares.at("panzhihua"), 0.5);
  EXPECT_DOUBLE_EQ(chain.rules[1].amount_cny, 3.0);
}

TEST(SpecDiscriminatedTest, AKeyOfAnotherKindIsAnErrorNamingTheKind) {
  EXPECT_EQ(errors(two_areas + "stations:\n"
                               "  - id: h1\n"
                               "    area: chengdu\n"
                               "    kind: hydrogen\n"
                               "    chargers: 4\n"
                               "    hydrogen_kg_per_day: 500\n"),
            Messages{"chain.yaml:6:5: error: stations[0].chargers: key 'chargers' is not allowed for a station of "
                     "kind 'hydrogen' (it is for kind 'charging')"});
  EXPECT_EQ(errors(two_areas + "rules: [{type: fixed, amount_cny: 3, shares: {chengdu: 1}}]\n"),
            Messages{"chain.yaml:2:38: error: rules[0].shares: key 'shares' is not allowed for a sharing rule of "
                     "type 'fixed' (it is for type 'by_share')"});
}

TEST(SpecDiscriminatedTest, DidYouMeanLooksAmongTheKindsKeys) {
  EXPECT_EQ(errors(two_areas + "stations: [{id: h1, area: chengdu, kind: hydrogen, hydrogen_kg_per_dya: 5}]\n"),
            (Messages{"chain.yaml:2:52: error: stations[0].hydrogen_kg_per_dya: unknown key 'hydrogen_kg_per_dya' in "
                      "station of kind 'hydrogen' (did you mean 'hydrogen_kg_per_day'?)",
                      "chain.yaml:2:12: error: stations[0]: missing required key 'hydrogen_kg_per_day' for a station "
                      "of kind 'hydrogen': hydrogen dispensed per day [kg/d]"}));
  EXPECT_EQ(errors(two_areas + "stations: [{id: s1, area: chengdu, kind: swap, swap_bays: 1, bays: 2}]\n"),
            Messages{"chain.yaml:2:62: error: stations[0].bays: unknown key 'bays' in station of kind 'swap'; "
                     "expected one of 'id', 'area', 'kind', 'power_kw' or 'swap_bays'"});
}

TEST(SpecDiscriminatedTest, AMissingKeyOfTheKindIsRequiredAndAWrongKindIsOneError) {
  EXPECT_EQ(errors(two_areas + "stations: [{id: c1, area: chengdu, kind: charging}]\n"),
            Messages{"chain.yaml:2:12: error: stations[0]: missing required key 'chargers' for a station of kind "
                     "'charging': charging points [chargers]"});
  EXPECT_EQ(errors(two_areas + "stations: [{id: c1, area: chengdu, kind: chargng, chargers: 2}]\n"),
            Messages{"chain.yaml:2:42: error: stations[0].kind: expected 'charging', 'swap' or 'hydrogen', found "
                     "'chargng' (did you mean 'charging'?)"})
      << "the kind unknown, no key is refused for it";
}

TEST(SpecDiscriminatedTest, TheSchemaRefusesTheKeysOfOtherKinds) {
  const std::string schema = station_spec().schema(SchemaFor::complete_file).dump();
  EXPECT_NE(schema.find(R"("allOf": [)"), std::string::npos) << schema;
  EXPECT_NE(schema.find(R"("if": {
        "properties": {
          "kind": {
            "const": "hydrogen"
          }
        },
        "required": ["kind"]
      },
      "then": {
        "properties": {
          "chargers": false,
          "power_kw": false,
          "swap_bays": false
        },
        "required": ["hydrogen_kg_per_day"]
      })"),
            std::string::npos)
      << schema;
  const std::string rules = rule_spec().schema(SchemaFor::complete_file).dump();
  EXPECT_NE(rules.find(R"("if": {
        "properties": {
          "type": {
            "const": "by_share"
          }
        }
      },)"),
            std::string::npos)
      << "an absent type is the default, by_share\n"
      << rules;
}

TEST(SpecDiscriminatedTest, TheDocsListTheKeysOfEachKind) {
  const std::string docs = key_reference(chain_spec());
  EXPECT_NE(docs.find("| `chargers` | whole number | chargers | from 1 to 1000 | **required** | *kind `charging` "
                      "only:* charging points |\n"),
            std::string::npos)
      << docs;
  EXPECT_NE(docs.find("The keys of each `kind` (besides those of every station):\n\n"
                      "- `charging`: `chargers`, `power_kw`\n"
                      "- `swap`: `power_kw`, `swap_bays`\n"
                      "- `hydrogen`: `hydrogen_kg_per_day`\n"),
            std::string::npos)
      << docs;
}

TEST(SpecDiscriminatedTest, MistakesInTheSpecAreCaughtWhenItIsBuilt) {
  ObjectSpec<Station> s("station", "");
  s.add(identifier("id", &Station::id, ""));
  EXPECT_THROW(s.discriminated_by("kind"), std::logic_error) << "no such choice";
  s.add(choice("kind", &Station::kind, {{"charging", StationKind::charging}}, ""));
  EXPECT_THROW(s.add_for({"charging"}, number("power_kw", &Station::power_kw, positive, "kW", "")), std::logic_error)
      << "add_for before discriminated_by";
  s.discriminated_by("kind");
  EXPECT_THROW(s.add_for({"swap"}, number("power_kw", &Station::power_kw, positive, "kW", "")), std::logic_error)
      << "no such kind";
}

TEST(SpecSchemaTest, TheTestChainsSchemaAcceptsAndRefusesAsTheLoaderDoes) {
  // Through check_schema.py (python3-jsonschema), as the shipped scenarios are: every file in
  // `good/` must match the schema, every --invalid file must not.
  const std::string dir = testing::TempDir() + "spec_schema/";
  std::filesystem::create_directories(dir + "good");
  std::ofstream(dir + "chain.schema.json") << chain_spec().schema(SchemaFor::complete_file).dump();
  const std::string areas_line = "areas: [{id: chengdu}, {id: panzhihua}]\n";
  std::ofstream(dir + "good/chain.yaml")
      << areas_line
      << "stations:\n  - {id: c1, area: chengdu, kind: charging, chargers: 8, power_kw: 1200}\n"
         "  - {id: h1, area: panzhihua, kind: hydrogen, hydrogen_kg_per_day: 500}\n"
         "rules: [{shares: {chengdu: 0.5, panzhihua: 0.5}}, {type: fixed, amount_cny: 3}]\n"
         "demand_share: {chengdu: 0.6, panzhihua: 0.4}\nhaul_km: {chengdu: {panzhihua: 620}}\n"
         "diesel_cny_per_l: [{from: 2026-01-01, value: 7.2}]\ntariff_cny_per_kwh: {0: 0.3, \"8:00\": 1}\n";
  std::ofstream(dir + "good/by_year.yaml") << areas_line << "diesel_cny_per_l: {2026: 7.2, 2028: 6.9}\n";
  const std::vector<std::string> bad = {
      "stations: [{id: h1, area: chengdu, kind: hydrogen, hydrogen_kg_per_day: 5, chargers: 2}]",
      "stations: [{id: c1, area: chengdu, kind: charging}]",
      "rules: [{amount_cny: 3}]",  // no type: by_share, which has no amount
      "demand_share: {Chengdu: 1}",
      "diesel_cny_per_l: {20x9: 7}",
      "tariff_cny_per_kwh: {0: 1, 24: 2}"};
  std::string command = "/usr/bin/python3 " + std::string(TRUCKFLOW_SOURCE_DIR) + "/tests/scenarios/check_schema.py " +
                        dir + "chain.schema.json " + dir + "good --invalid";
  for (std::size_t i = 0; i < bad.size(); ++i) {
    const std::string path = dir + "bad" + std::to_string(i) + ".yaml";
    std::ofstream(path) << areas_line << bad[i] << "\n";
    command += " " + path;
  }
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
}

// ---- maps and tables keyed by ids ------------------------------------------------------------

TEST(SpecByIdTest, ASharePerArea) {
  Chain chain;
  ASSERT_EQ(decode(two_areas + "demand_share: {chengdu: 0.6, panzhihua: 0.4}\n", chain), Messages{});
  EXPECT_EQ(chain.demand_share, (std::map<std::string, double>{{"chengdu", 0.6}, {"panzhihua", 0.4}}));
}

TEST(SpecByIdTest, EveryKeyIsCheckedAgainstItsListAtTheKey) {
  EXPECT_EQ(errors(two_areas + "demand_share: {chengdu: 0.6, panzihua: 0.4}\n"),
            Messages{"chain.yaml:2:30: error: demand_share.panzihua: unknown area 'panzihua' (did you mean "
                     "'panzhihua'?)"});
  EXPECT_EQ(errors(two_areas + "haul_km:\n  chengdu: {panzhihua: 620, xichang: 400}\n"),
            Messages{"chain.yaml:3:29: error: haul_km.chengdu.xichang: unknown area 'xichang'; the areas are "
                     "'chengdu' and 'panzhihua'"});
}

TEST(SpecByIdTest, ValuesAreCheckedAndSharesAddUpToOne) {
  EXPECT_EQ(errors(two_areas + "demand_share: {chengdu: 0.6, panzhihua: 0.5}\n"),
            Messages{"chain.yaml:2:15: error: demand_share: the values add up to 1.1; expected 1"});
  EXPECT_EQ(errors(two_areas + "demand_share: {chengdu: 1.5}\n"),
            Messages{"chain.yaml:2:25: error: demand_share.chengdu: expected a number from 0 to 1, found 1.5"});
  EXPECT_EQ(errors(two_areas + "haul_km: [chengdu]\n"),
            Messages{"chain.yaml:2:10: error: haul_km: expected a mapping from area ids to mapping of area id to "
                     "number, found a list"});
}

TEST(SpecByIdTest, ATableIsAMapOfMaps) {
  Chain chain;
  ASSERT_EQ(
      decode(two_areas + "haul_km:\n  chengdu: {panzhihua: 620}\n  panzhihua: {chengdu: 640, panzhihua: 0}\n", chain),
      Messages{});
  EXPECT_DOUBLE_EQ(chain.haul_km.at("panzhihua").at("chengdu"), 640.0);
  const std::string docs = key_reference(chain_spec());
  EXPECT_NE(docs.find("| `haul_km` | mapping of area id to mapping of area id to number | km | keys: ids in areas; "
                      "values: (keys: ids in areas; values: >= 0) |"),
            std::string::npos)
      << docs;
}

// ---- values by date and by time of day -------------------------------------------------------

TEST(SpecTimePathTest, AValueHoldsFromItsPointUntilTheNext) {
  models::TimePath<double> path({{year(2026) / 1 / 1, 7.2}, {year(2028) / 7 / 1, 6.9}});
  EXPECT_DOUBLE_EQ(path.at(year(2026) / 1 / 1), 7.2);
  EXPECT_DOUBLE_EQ(path.at(year(2028) / 6 / 30), 7.2);
  EXPECT_DOUBLE_EQ(path.at(year(2028) / 7 / 1), 6.9);
  EXPECT_DOUBLE_EQ(path.at(year(2099) / 1 / 1), 6.9) << "the last holds for good";
  EXPECT_THROW((void)path.at(year(2025) / 12 / 31), std::out_of_range);
  EXPECT_DOUBLE_EQ(models::TimePath<double>(3.0).at(year(1900) / 1 / 1), 3.0);
  EXPECT_THROW(models::TimePath<double>({{year(2027) / 1 / 1, 1.0}, {year(2026) / 1 / 1, 2.0}}), std::invalid_argument);
}

TEST(SpecTimePathTest, ThreeWaysToWriteIt) {
  Chain chain;
  ASSERT_EQ(decode(two_areas + "diesel_cny_per_l: {2026: 7.2, 2028: 6.9}\n", chain), Messages{});
  EXPECT_DOUBLE_EQ(chain.diesel_cny_per_l.at(year(2027) / 12 / 31), 7.2);
  EXPECT_DOUBLE_EQ(chain.diesel_cny_per_l.at(year(2028) / 1 / 1), 6.9);
  ASSERT_EQ(decode(two_areas + "diesel_cny_per_l:\n  - {from: 2025-06-01, value: 7.5}\n"
                               "  - {from: 2027-03-15, value: 7}\n",
                   chain),
            Messages{});
  EXPECT_DOUBLE_EQ(chain.diesel_cny_per_l.at(year(2027) / 3 / 14), 7.5);
  EXPECT_DOUBLE_EQ(chain.diesel_cny_per_l.at(year(2027) / 3 / 15), 7.0);
  ASSERT_EQ(decode(two_areas + "diesel_cny_per_l: 8\n", chain), Messages{});
  EXPECT_DOUBLE_EQ(chain.diesel_cny_per_l.at(year(2030) / 1 / 1), 8.0);
}

TEST(SpecTimePathTest, DatesIncreaseTheFirstIsAtTheStartAndValuesAreInRange) {
  EXPECT_EQ(errors(two_areas + "diesel_cny_per_l:\n  - {from: 2026-01-01, value: 7}\n"
                               "  - {from: 2028-01-01, value: 6}\n  - {from: 2027-07-01, value: 6.5}\n"),
            Messages{"chain.yaml:5:12: error: diesel_cny_per_l[2].from: the points must be in increasing order of "
                     "date: 2027-07-01 is not after the point before (2028-01-01)"});
  EXPECT_EQ(errors(two_areas + "diesel_cny_per_l: {2027: 7.2}\n"),
            Messages{"chain.yaml:2:20: error: diesel_cny_per_l.2027: the first point (2027-01-01) is after the run "
                     "starts (2026-01-01): give the value from the start date"});
  EXPECT_EQ(errors(two_areas + "diesel_cny_per_l: {2026: 7.2, 2028: -1, 20x9: 5}\n"),
            (Messages{"chain.yaml:2:37: error: diesel_cny_per_l.2028: expected a number >= 0, found -1",
                      "chain.yaml:2:41: error: diesel_cny_per_l.20x9: expected a year from 1900 to 3000 as the key, "
                      "found '20x9'"}));
  EXPECT_EQ(errors(two_areas + "diesel_cny_per_l: [{from: 2026-01-01, price: 7}]\n"),
            Messages{"chain.yaml:2:20: error: diesel_cny_per_l[0]: expected a point {from: YYYY-MM-DD, value: "
                     "number}, found a mapping with keys 'from' and 'price'"});
}

TEST(SpecTimePathTest, ATariffByTimeOfDay) {
  Chain chain;
  ASSERT_EQ(decode(two_areas + "tariff_cny_per_kwh: {0: 0.3, \"8:00\": 1.0, \"22:30\": 0.3}\n", chain), Messages{});
  const auto& tariff = chain.tariff_cny_per_kwh;
  EXPECT_DOUBLE_EQ(tariff.at(hours(7) + minutes(59)), 0.3);
  EXPECT_DOUBLE_EQ(tariff.at(hours(8)), 1.0);
  EXPECT_DOUBLE_EQ(tariff.at(hours(22) + minutes(29)), 1.0);
  EXPECT_DOUBLE_EQ(tariff.at(hours(22) + minutes(30)), 0.3);
  EXPECT_DOUBLE_EQ(tariff.at(hours(24 * 3 + 9)), 1.0) << "any day";
  EXPECT_EQ(errors(two_areas + "tariff_cny_per_kwh: {8: 1.0, 22: 0.3}\n"),
            Messages{"chain.yaml:2:22: error: tariff_cny_per_kwh.8: the first time of day must be 0 (00:00), so "
                     "that every time of day has a value; found '8'"});
  EXPECT_EQ(errors(two_areas + "tariff_cny_per_kwh: {0: 0.3, \"12:00\": 1, 6: 0.5, 24: 1}\n"),
            (Messages{"chain.yaml:2:42: error: tariff_cny_per_kwh.6: the times of day must increase: '6' is not "
                      "after the time before",
                      "chain.yaml:2:50: error: tariff_cny_per_kwh.24: expected a time of day as the key: a whole "
                      "hour from 0 to 23 or \"HH:MM\", found '24'"}));
  EXPECT_EQ(errors(two_areas + "tariff_cny_per_kwh: {0: 1, \"7:5\": 2}\n"),
            Messages{"chain.yaml:2:28: error: tariff_cny_per_kwh.7:5: expected a time of day as the key: a whole "
                     "hour from 0 to 23 or \"HH:MM\", found '7:5'"});
}

TEST(SpecTimePathTest, TheSchemaAndDocsTellTheForms) {
  const std::string docs = key_reference(chain_spec());
  EXPECT_NE(docs.find("| `diesel_cny_per_l` | number by date | CNY/L | >= 0; a value, {YEAR: value, ...} or [{from: "
                      "YYYY-MM-DD, value: ...}, ...]; each holds until the next |  | diesel price |"),
            std::string::npos)
      << docs;
  const std::string schema = chain_spec().schema(SchemaFor::complete_file).dump();
  EXPECT_NE(schema.find(R"("pattern": "^[0-9]{4}$")"), std::string::npos) << schema;
  EXPECT_NE(schema.find(R"("pattern": "^([01]?[0-9]|2[0-3])(:[0-5][0-9])?$")"), std::string::npos) << schema;
}

}  // namespace
}  // namespace truckflow::scenarios::detail

namespace truckflow::scenarios::detail {
namespace {

// models::entity_lists registers every entity list once; the scenario format holds each of them
// (by an `entities` key) under the same key and noun, and no other.
TEST(EntityListsTest, TheScenarioHoldsEveryRegisteredListAndNoOther) {
  std::vector<std::string> registered;
  models::for_each_entity_list([&](const auto& list) {
    registered.emplace_back(list.key);
    const EntityList* held = scenario_spec().entity_list(std::string(list.key));
    ASSERT_NE(held, nullptr) << list.key;
    EXPECT_EQ(held->noun, list.noun) << list.key;
  });
  std::vector<std::string> held;
  for (const EntityList* list : scenario_spec().entity_lists()) held.push_back(list->key);
  std::sort(registered.begin(), registered.end());
  std::sort(held.begin(), held.end());
  EXPECT_EQ(held, registered);
}

}  // namespace
}  // namespace truckflow::scenarios::detail
