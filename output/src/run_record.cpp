// RunTotals, RunRecorder and the headline figures.
#include "truckflow/output/run_record.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <variant>

#include "truckflow/output/operations_figures.hpp"

namespace truckflow::output {

RunTotals::RunTotals(models::SeriesCatalog catalog)
    : station_waits_(catalog.dimension("station").labels.size(), catalog.dimension("truck_type").labels.size(),
                     catalog.dimension("site").labels.size()),
      catalog_(std::move(catalog)),
      delivered_by_type_(catalog_.dimension("truck_type").labels.size(), 0) {}

void RunTotals::on_event(const models::DomainEvent& event) {
  waits_.on_event(event);
  station_waits_.on_event(event);
  if (const auto* flow = std::get_if<models::RegionMoneyFlow>(&event)) {
    region_flows_.push_back(*flow);
    return;
  }
  const auto* delivered = std::get_if<models::TruckDelivered>(&event);
  if (delivered == nullptr) return;
  ++deliveries_;
  ++delivered_by_type_.at(delivered->truck_type);
  const double days = (delivered->at - delivered->ordered_at).to_days();
  lead_sum_days_ += days;
  lead_max_days_ = std::max(lead_max_days_, days);
}

void RunTotals::on_sample(const models::Sample& sample) {
  waits_.on_sample(sample);
  max_backlog_ = std::max(max_backlog_, catalog_.counts(sample, "factory_backlog_trucks").total());
  last_.assign(1, sample);
}

void RunTotals::on_year_end(std::int64_t year, const models::Sample& state) { year_ends_.push_back({year, state}); }

std::vector<StageWait> RunTotals::stage_waits(const models::ScenarioDesc& scenario) const {
  return waits_.waits(scenario, last().time);
}

const models::Sample& RunTotals::last() const {
  if (last_.empty()) throw std::logic_error("the run has no samples");
  return last_.front();
}

void RunRecorder::on_event(const models::DomainEvent& event) {
  RunTotals::on_event(event);
  if (const auto* delivered = std::get_if<models::TruckDelivered>(&event)) delivered_.push_back(*delivered);
}

void RunRecorder::on_sample(const models::Sample& sample) {
  RunTotals::on_sample(sample);
  samples_.push_back(sample);
}

std::vector<HeadlineFigure> headline_definitions() {
  return {
      {"trucks_ordered", "trucks", "trucks ordered over the run"},
      {"trucks_delivered", "trucks", "trucks delivered over the run (retired ones included)"},
      {"backlog_at_end_trucks", "trucks", "trucks ordered and not yet built at the end"},
      {"in_chain_at_end_trucks", "trucks", "trucks ordered and not yet delivered at the end, whatever the stage"},
      {"max_backlog_trucks", "trucks", "largest backlog at any sample"},
      {"mean_order_to_delivery_days", "d", "mean time from order to delivery (NaN without deliveries)"},
      {"max_order_to_delivery_days", "d", "longest time from order to delivery (NaN without deliveries)"},
      {"supplier_stockouts_orders", "orders", "component orders that found too little stock"},
      {"fleet_purchase_cost_cny", "CNY", "purchase price of the trucks delivered"},
      {"longest_stage_wait_days", "d",
       "longest time one truck spent in one stage of the chain before delivery (trucks still there: so far)"},
      {"tonnes_moved_t", "t", "tonnes the sites' trucks delivered"},
      {"demand_met_share", "1",
       "tonnes moved over tonnes required, at the sites that state what they must move (NaN when none does)"},
      {"truck_km", "km", "distance the trucks drove at work"},
      {"tonne_km", "t km", "tonnes carried times distance"},
      {"station_visits", "visits", "charging, swap and refuelling visits"},
      {"mean_station_wait_hours", "h", "mean wait at stations before service (NaN without visits)"},
      {"p95_station_wait_hours", "h", "95th percentile of the wait at stations, to the minute (NaN without visits)"},
      {"truck_strandings", "strandings", "times a truck found no station it could reach"},
      {"energy_cost_cny_per_km", "CNY/km", "paid at stations per km driven (NaN without km)"},
      {"ownership_cny_per_tonne_km", "CNY/(t km)",
       "cost of ownership (annualised purchase less subsidy, energy, maintenance, crew, insurance) per tonne-km"},
      {"co2_well_to_wheel_kg_per_tonne_km", "kg/(t km)", "well-to-wheel CO2 per tonne-km"},
      {"co2_diesel_equivalent_kg_per_tonne_km", "kg/(t km)",
       "well-to-wheel CO2 per tonne-km of the scenario's diesel type on the same trips"},
      {"value_added_cny", "CNY", "value-added of the chain's establishments in every region (recorded)"},
      {"local_tax_cny", "CNY", "local share of the taxes the chain's establishments paid, in every region"},
      {"sharing_settled_cny", "CNY",
       "what the sharing rules moved: credited value-added and local tax transferred between regions"},
  };
}

std::vector<HeadlineFigure> headline_figures(const models::ScenarioDesc& scenario, const RunTotals& run) {
  const models::SeriesCatalog& series = run.catalog();
  const models::Sample& last = run.last();
  const auto at_end = [&](const char* name) { return static_cast<double>(series.counts(last, name).total()); };
  const auto n = static_cast<double>(run.deliveries());
  const double nan = std::numeric_limits<double>::quiet_NaN();
  double longest_wait = nan;
  for (const StageWait& w : run.stage_waits(scenario)) {
    if (w.trucks > 0 && (std::isnan(longest_wait) || w.max_days > longest_wait)) longest_wait = w.max_days;
  }
  double cost = 0.0;
  for (std::size_t t = 0; t < run.delivered_by_type().size(); ++t) {
    cost += static_cast<double>(run.delivered_by_type()[t]) * scenario.truck_types.at(t).price_cny;
  }
  OperationsTotals all;
  for (const OperationsTotals& type : operations_by_type(operations_by_site_and_type(scenario, series, last)))
    all.add(type);
  double moved = 0.0;
  double required = 0.0;
  const std::vector<double> required_by_site = tonnes_required(series, last);
  const auto moved_by_site = series.reals(last, "site_tonnes_moved");
  for (std::size_t s = 0; s < required_by_site.size(); ++s) {
    if (required_by_site[s] > 0.0) {
      required += required_by_site[s];
      moved += moved_by_site.row_total(s);
    }
  }
  const WaitSummary waits = run.station_waits().all();
  const std::map<std::string, double, std::less<>> values{
      {"trucks_ordered", at_end("factory_trucks_ordered")},
      {"trucks_delivered", at_end("region_trucks_delivered")},
      {"backlog_at_end_trucks", at_end("factory_backlog_trucks")},
      {"in_chain_at_end_trucks", at_end("factory_trucks_ordered") - at_end("region_trucks_delivered")},
      {"max_backlog_trucks", static_cast<double>(run.max_backlog_trucks())},
      {"mean_order_to_delivery_days", n > 0 ? run.lead_time_sum_days() / n : nan},
      {"max_order_to_delivery_days", n > 0 ? run.lead_time_max_days() : nan},
      {"supplier_stockouts_orders", at_end("supplier_stockouts_orders")},
      {"fleet_purchase_cost_cny", cost},
      {"longest_stage_wait_days", longest_wait},
      {"tonnes_moved_t", all.tonnes_moved},
      {"demand_met_share", required > 0.0 ? moved / required : nan},
      {"truck_km", all.km},
      {"tonne_km", all.tonne_km},
      {"station_visits", static_cast<double>(waits.visits)},
      {"mean_station_wait_hours", waits.mean_hours},
      {"p95_station_wait_hours", waits.p95_hours},
      {"truck_strandings", at_end("truck_strandings")},
      {"energy_cost_cny_per_km", all.energy_cost_cny_per_km()},
      {"ownership_cny_per_tonne_km", all.ownership_cny_per_tonne_km()},
      {"co2_well_to_wheel_kg_per_tonne_km", all.co2_well_to_wheel_kg_per_tonne_km()},
      {"co2_diesel_equivalent_kg_per_tonne_km", all.co2_diesel_equivalent_kg_per_tonne_km()},
      {"value_added_cny", series.reals(last, "value_added_recorded_cny").total()},
      {"local_tax_cny", series.reals(last, "tax_collected_cny").total()},
      {"sharing_settled_cny", series.reals(last, "sharing_settled_cny").total()},
  };
  std::vector<HeadlineFigure> figures = headline_definitions();
  if (figures.size() != values.size()) throw std::logic_error("headline_figures: a value without a definition");
  for (HeadlineFigure& f : figures) f.value = values.at(f.name);
  return figures;
}

}  // namespace truckflow::output
