// The value layer's summary tables: value-added recorded and credited and local tax by region, the
// sharing rules' settlements, and the money between regions.
#include <string>
#include <vector>

#include "summary.hpp"
#include "text_table.hpp"

namespace truckflow::app {

void print_value(std::ostream& out, const models::ScenarioDesc& scenario, const models::SeriesCatalog& series,
                 const models::Sample& last, const std::vector<models::RegionMoneyFlow>& flows) {
  const std::size_t regions = scenario.regions.size();
  const auto recorded = series.reals(last, "value_added_recorded_cny");
  const auto credited = series.reals(last, "value_added_credited_cny");
  const auto collected = series.reals(last, "tax_collected_cny");
  const auto after = series.reals(last, "tax_after_transfers_cny");
  Table by_region({"region", "role", "value_added", "value_added", "local_tax", "local_tax"},
                  {"", "", "recorded [M CNY]", "credited [M CNY]", "collected [M CNY]", "after transfers [M CNY]"}, 2);
  for (std::size_t r = 0; r < regions; ++r) {
    by_region.add({scenario.regions[r].id, models::to_string(scenario.regions[r].role), fixed(recorded(r) / 1e6, 1),
                   fixed(credited(r) / 1e6, 1), fixed(collected(r) / 1e6, 1), fixed(after(r) / 1e6, 1)});
  }
  by_region.print(out, std::string("Value-added and local tax by region over the run (recorded where the "
                                   "establishments are; credited after statistics sharing, which this scenario ") +
                           (scenario.economics.statistics_sharing_honoured ? "honours" : "does not honour") +
                           "; tax after fiscal sharing)");

  if (!scenario.sharing_rules.empty()) {
    const auto agreed = series.reals(last, "sharing_agreed_cny");
    const auto settled = series.reals(last, "sharing_settled_cny");
    Table rules({"rule", "type", "from", "to", "active", "agreed", "settled"},
                {"", "", "", "", "", "[M CNY]", "[M CNY]"}, 5);
    for (std::size_t i = 0; i < scenario.sharing_rules.size(); ++i) {
      const models::SharingRuleDesc& rule = scenario.sharing_rules[i];
      rules.add({rule.id, rule.type == models::SharingType::fiscal ? "fiscal" : "statistics", rule.from, rule.to,
                 rule.active ? "yes" : "no", fixed(agreed(i) / 1e6, 2), fixed(settled(i) / 1e6, 2)});
    }
    rules.print(out, "Sharing rules over the run (agreed: what the rule called for; settled: what moved)");
  }

  // Money from the establishments of one region to those of another, every kind of flow.
  std::vector<double> between(regions * regions, 0.0);
  for (const models::RegionMoneyFlow& flow : flows)
    between[flow.payer_region * regions + flow.payee_region] += flow.amount_cny;
  std::vector<std::string> names{"from \\ to"};
  std::vector<std::string> units{""};
  for (const models::RegionDesc& region : scenario.regions) {
    names.push_back(region.id);
    units.emplace_back("[M CNY]");
  }
  Table matrix(names, units, 1);
  for (std::size_t from = 0; from < regions; ++from) {
    std::vector<std::string> row{scenario.regions[from].id};
    for (std::size_t to = 0; to < regions; ++to) row.push_back(fixed(between[from * regions + to] / 1e6, 1));
    matrix.add(row);
  }
  matrix.print(out,
               "Money paid by establishments in one region (row) to those in another (column) over the run, "
               "every kind of flow (the region_flow table has it by year and kind)");
}

}  // namespace truckflow::app
