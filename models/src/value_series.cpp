// The value layer's series: recorded and credited value-added and local tax by region, the sharing
// rules' settlements, money paid and received by region and kind, and each establishment's output
// and intermediate consumption. (Money between pairs of regions is the region_flow table, from
// RegionMoneyFlow events: a series over pairs would grow with the square of the regions.)
#include <string>
#include <vector>

#include "chain.hpp"
#include "money.hpp"
#include "series_registry.hpp"

namespace truckflow::models::detail {

namespace {

/// What the establishments of each region paid (or received), by kind, [region, kind]: one pass
/// over the establishments, summed in fen.
void read_by_region(const Chain& c, std::span<double> out, bool received) {
  const Ledger& ledger = c.value.ledger();
  const Establishments& establishments = ledger.establishments();
  std::vector<std::int64_t> sums(out.size(), 0);
  for (std::size_t e = 0; e < establishments.size(); ++e) {
    if (!establishments[e].region) continue;
    for (std::size_t k = 0; k < flow_kind_count; ++k) {
      const auto kind = static_cast<FlowKind>(k);
      sums[*establishments[e].region * flow_kind_count + k] +=
          received ? ledger.received(e, kind) : ledger.paid(e, kind);
    }
  }
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = cny_of(sums[i]);
}

}  // namespace

void declare_value_series(SeriesRegistry& r) {
  const ScenarioDesc& d = r.description();
  const Establishments establishments(d);
  std::vector<std::string> ids, kinds, regions;
  for (const Establishment& e : establishments.all()) {
    ids.push_back(e.id);
    kinds.emplace_back(to_string(e.kind));
    regions.push_back(e.region ? d.regions[*e.region].id : std::string());
  }
  r.dimension({"establishment",
               "establishment id (kind/entity id, or kind/region id outside the chain)",
               ids,
               {{"establishment_kind", "kind of establishment", kinds},
                {"establishment_region", "region of the establishment (empty: the central government)", regions}}});
  std::vector<std::string> flow_kinds;
  for (std::size_t k = 0; k < flow_kind_count; ++k) flow_kinds.emplace_back(to_string(static_cast<FlowKind>(k)));
  r.dimension({"flow_kind", "kind of money flow", flow_kinds});

  const std::vector<std::string> by_region{"region"};
  r.reals({"value_added_recorded_cny", by_region, "CNY",
           "value-added of the chain's establishments in the region: output less intermediate consumption, where "
           "it happens (cumulative)",
           Measure::cumulative},
          [](const Chain& c, std::span<double> out) {
            for (std::size_t i = 0; i < out.size(); ++i) out[i] = cny_of(c.value.ledger().value_added_of_region(i));
          });
  r.reals({"value_added_credited_cny", by_region, "CNY",
           "recorded value-added after the statistics sharing settled (统计分计; as recorded when the scenario's "
           "statistics sharing is not honoured) (cumulative)",
           Measure::cumulative},
          [](const Chain& c, std::span<double> out) {
            for (std::size_t i = 0; i < out.size(); ++i) out[i] = cny_of(c.value.value_added_credited(i));
          });
  r.reals({"tax_collected_cny", by_region, "CNY",
           "local share of the taxes the chain's establishments in the region paid, collected by its government "
           "(cumulative; settled at each year's end)",
           Measure::cumulative},
          [](const Chain& c, std::span<double> out) {
            for (std::size_t i = 0; i < out.size(); ++i) out[i] = cny_of(c.value.tax_collected(i));
          });
  r.reals({"tax_after_transfers_cny", by_region, "CNY",
           "local tax collected, plus fiscal sharing transfers received less paid (税收分成) (cumulative)",
           Measure::cumulative},
          [](const Chain& c, std::span<double> out) {
            for (std::size_t i = 0; i < out.size(); ++i) out[i] = cny_of(c.value.tax_after_transfers(i));
          });
  const std::vector<std::string> by_rule{"sharing_rule"};
  r.reals({"sharing_agreed_cny", by_rule, "CNY",
           "what each sharing rule called for at its settlements: its share of the base, at least its minimum, "
           "within its cap (cumulative; a year's end can take back what the year's advances called for too much)",
           Measure::cumulative},
          [](const Chain& c, std::span<double> out) {
            for (std::size_t i = 0; i < out.size(); ++i) out[i] = cny_of(c.value.sharing_agreed(i));
          });
  r.reals({"sharing_settled_cny", by_rule, "CNY",
           "what each sharing rule moved: fiscal rules always, statistics rules when statistics sharing is honoured "
           "(cumulative)",
           Measure::cumulative},
          [](const Chain& c, std::span<double> out) {
            for (std::size_t i = 0; i < out.size(); ++i) out[i] = cny_of(c.value.sharing_settled(i));
          });
  const std::vector<std::string> by_region_and_kind{"region", "flow_kind"};
  r.reals({"money_paid_cny", by_region_and_kind, "CNY",
           "money the establishments in the region paid, by kind (cumulative; the region_flow table has it by "
           "payee region, year by year, except taxes paid to the central government, which is in no region)",
           Measure::cumulative},
          [](const Chain& c, std::span<double> out) { read_by_region(c, out, false); });
  r.reals({"money_received_cny", by_region_and_kind, "CNY",
           "money the establishments in the region received, by kind (cumulative)", Measure::cumulative},
          [](const Chain& c, std::span<double> out) { read_by_region(c, out, true); });
  const std::vector<std::string> by_establishment{"establishment"};
  r.reals({"establishment_output_cny", by_establishment, "CNY",
           "goods and services sold (trucks included; 0 outside the chain) (cumulative)", Measure::cumulative},
          [](const Chain& c, std::span<double> out) {
            for (std::size_t i = 0; i < out.size(); ++i) out[i] = cny_of(c.value.ledger().output(i));
          });
  r.reals({"establishment_intermediate_cny", by_establishment, "CNY",
           "goods and services bought and used up: intermediate consumption (0 outside the chain) (cumulative)",
           Measure::cumulative},
          [](const Chain& c, std::span<double> out) {
            for (std::size_t i = 0; i < out.size(); ++i) out[i] = cny_of(c.value.ledger().intermediate(i));
          });
}

}  // namespace truckflow::models::detail
