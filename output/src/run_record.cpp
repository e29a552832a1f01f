// RunTotals, RunRecorder and the headline figures.
#include "truckflow/output/run_record.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <variant>

namespace truckflow::output {

RunTotals::RunTotals(models::SeriesCatalog catalog)
    : catalog_(std::move(catalog)), delivered_by_type_(catalog_.dimension("truck_type").labels.size(), 0) {}

void RunTotals::on_event(const models::DomainEvent& event) {
  waits_.on_event(event);
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
  };
  std::vector<HeadlineFigure> figures = headline_definitions();
  if (figures.size() != values.size()) throw std::logic_error("headline_figures: a value without a definition");
  for (HeadlineFigure& f : figures) f.value = values.at(f.name);
  return figures;
}

}  // namespace truckflow::output
