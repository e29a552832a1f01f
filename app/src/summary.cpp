// The summary tables of the chain: trucks by region, year, factory, supplier, upfitter and stage.
#include "summary.hpp"

#include <string>
#include <vector>

#include "text_table.hpp"

namespace truckflow::app {

namespace {

/// Trucks ordered, built and delivered in each year (the year's end less the year before's), and
/// in service at its end, for each region whose sites order trucks, then for all regions.
void print_years(std::ostream& out, const models::ScenarioDesc& scenario, const models::SeriesCatalog& series,
                 const std::vector<output::YearEnd>& years) {
  if (years.empty()) return;
  Table table({"region", "year", "ordered", "built", "delivered", "in_service"},
              {"", "", "[trucks]", "[trucks]", "[trucks]", "[trucks]"}, 2);
  const auto add_rows = [&](const std::string& label, const std::vector<std::size_t>& regions) {
    const auto at_end = [&](const output::YearEnd& y, const char* name) {
      const auto values = series.counts(y.state, name);
      std::int64_t total = 0;
      for (const std::size_t r : regions) total += values.row_total(r);
      return total;
    };
    std::int64_t ordered = 0;
    std::int64_t built = 0;
    std::int64_t delivered = 0;
    for (const output::YearEnd& y : years) {
      const std::int64_t ordered_end = at_end(y, "region_trucks_ordered");
      const std::int64_t built_end = at_end(y, "region_trucks_built");
      const std::int64_t delivered_end = at_end(y, "region_trucks_delivered");
      table.add({label, n(y.year), n(ordered_end - ordered), n(built_end - built), n(delivered_end - delivered),
                 n(at_end(y, "region_fleet_trucks"))});
      ordered = ordered_end;
      built = built_end;
      delivered = delivered_end;
    }
  };
  const auto ordered_at_end = series.counts(years.back().state, "region_trucks_ordered");
  std::vector<std::size_t> ordering_regions;
  for (std::size_t r = 0; r < scenario.regions.size(); ++r) {
    if (ordered_at_end.row_total(r) == 0) continue;
    add_rows(scenario.regions[r].id, {r});
    ordering_regions.push_back(r);
  }
  add_rows("total", ordering_regions);
  table.print(out, "Trucks by site region and year (in_service: delivered and not retired at the end of the year)");
}

}  // namespace

void print_summary(std::ostream& out, const models::ScenarioDesc& scenario, const models::SeriesCatalog& series,
                   const models::Sample& last, const std::vector<output::YearEnd>& years,
                   const std::vector<output::StageWait>& waits) {
  const std::size_t types = scenario.truck_types.size();
  const auto values = [&](const char* name) { return series.counts(last, name); };

  Table regions({"region", "truck_type", "ordered", "built", "delivered", "backlog"},
                {"", "", "[trucks]", "[trucks]", "[trucks]", "[trucks]"}, 2);
  const auto region_ordered = values("region_trucks_ordered");
  const auto region_built = values("region_trucks_built");
  const auto region_delivered = values("region_trucks_delivered");
  for (std::size_t r = 0; r < scenario.regions.size(); ++r) {
    for (std::size_t t = 0; t < types; ++t) {
      if (region_ordered(r, t) == 0) continue;
      regions.add({scenario.regions[r].id, scenario.truck_types[t].id, n(region_ordered(r, t)), n(region_built(r, t)),
                   n(region_delivered(r, t)), n(region_ordered(r, t) - region_built(r, t))});
    }
  }
  regions.add({"total", "", n(region_ordered.total()), n(region_built.total()), n(region_delivered.total()),
               n(region_ordered.total() - region_built.total())});
  regions.print(out, "Trucks by site region and truck type");
  print_years(out, scenario, series, years);

  Table factories({"factory", "truck_type", "ordered", "built", "backlog"},
                  {"", "", "[trucks]", "[trucks]", "[trucks]"}, 2);
  const auto factory_ordered = values("factory_trucks_ordered");
  const auto factory_built = values("factory_trucks_built");
  const auto factory_backlog = values("factory_backlog_trucks");
  for (std::size_t f = 0; f < scenario.factories.size(); ++f) {
    for (std::size_t t = 0; t < types; ++t) {
      if (factory_ordered(f, t) == 0) continue;
      factories.add({scenario.factories[f].id, scenario.truck_types[t].id, n(factory_ordered(f, t)),
                     n(factory_built(f, t)), n(factory_backlog(f, t))});
    }
  }
  factories.print(out, "Trucks by factory and truck type");

  Table suppliers({"supplier", "component", "output", "shipped", "stock", "stock-outs"},
                  {"", "", "[units]", "[units]", "[units]", "[orders]"}, 2);
  const auto output = values("supplier_output_units");
  const auto shipped = values("supplier_shipped_units");
  const auto stock = values("supplier_stock_units");
  const auto stockouts = values("supplier_stockouts_orders");
  for (std::size_t s = 0; s < scenario.suppliers.size(); ++s) {
    suppliers.add({scenario.suppliers[s].id, scenario.suppliers[s].component, n(output(s)), n(shipped(s)), n(stock(s)),
                   n(stockouts(s))});
  }
  suppliers.print(out, "Suppliers (a stock-out is an order that found too little stock and waited)");

  if (!scenario.upfitters.empty()) {
    Table upfitters({"upfitter", "fitted"}, {"", "[trucks]"}, 1);
    const auto fitted = values("upfitter_trucks_fitted");
    for (std::size_t u = 0; u < scenario.upfitters.size(); ++u) upfitters.add({scenario.upfitters[u].id, n(fitted(u))});
    upfitters.print(out, "Upfitters");
  }

  Table stages({"stage", "trucks"}, {"", "[trucks]"}, 1);
  const auto by_stage = values("trucks_by_stage");
  for (std::size_t s = 0; s < models::truck_stage_count; ++s) {
    stages.add({models::to_string(static_cast<models::TruckStage>(s)), n(by_stage(s))});
  }
  stages.print(out, "Where the trucks are at the end");

  Table waited({"stage", "worst_place", "trucks", "peak", "mean", "max", "mean_at_worst"},
               {"", "", "[trucks]", "[trucks]", "[d]", "[d]", "[d]"}, 2);
  for (const output::StageWait& w : waits) {
    if (w.trucks == 0) continue;
    waited.add({models::to_string(w.stage), w.worst_place, n(w.trucks), n(w.peak_trucks), days(w.mean_days),
                days(w.max_days), days(w.worst_place_mean_days)});
  }
  waited.print(out,
               "Where trucks waited (worst_place: the longest mean time in the stage; peak: most at one sample; a "
               "truck still waiting counts with its time so far)");
}

}  // namespace truckflow::app
