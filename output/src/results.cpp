// The layout of results files (docs/output.md): dimensions, the sampled series, the delivery
// table, headline figures and provenance.
#include "truckflow/output/results.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "truckflow/engine/time.hpp"

#include "netcdf_writer.hpp"

namespace truckflow::output {

using models::ScenarioDesc;
using models::Snapshot;

namespace {

std::int64_t sum(const std::vector<std::int64_t>& values) {
  return std::accumulate(values.begin(), values.end(), std::int64_t{0});
}

std::string hours_since_start(const ScenarioDesc& scenario) {
  return "hours since " + engine::iso_date(scenario.simulation.start_date) + " 00:00:00";
}

Attributes time_attributes(const ScenarioDesc& scenario, std::string long_name) {
  return {hours_since_start(scenario), std::move(long_name), {{"calendar", "proleptic_gregorian"}}};
}

template <typename T, typename F>
std::vector<std::string> labels(const std::vector<T>& items, F label) {
  std::vector<std::string> out;
  for (const T& item : items) out.push_back(label(item));
  return out;
}

using SnapshotArray = std::vector<std::int64_t> Snapshot::*;

/// One series over time: each sample's array (over the other dimensions) in turn.
std::vector<std::int64_t> series(const std::vector<Snapshot>& samples, SnapshotArray array) {
  std::vector<std::int64_t> out;
  for (const Snapshot& s : samples) out.insert(out.end(), (s.*array).begin(), (s.*array).end());
  return out;
}

/// Sums an array laid out [outer * types + type] over its types.
std::vector<std::int64_t> sum_over_types(const std::vector<std::int64_t>& values, std::size_t types) {
  if (types == 0) return {};
  std::vector<std::int64_t> out(values.size() / types, 0);
  for (std::size_t i = 0; i < values.size(); ++i) out[i / types] += values[i];
  return out;
}

void write_dimensions(NetcdfWriter& nc, const ScenarioDesc& s, const std::vector<Snapshot>& samples) {
  std::vector<double> hours;
  for (const Snapshot& sample : samples) hours.push_back(sample.time.to_hours());
  nc.dimension("time", hours,
               {hours_since_start(s),
                "simulated time",
                {{"calendar", "proleptic_gregorian"}, {"standard_name", "time"}, {"axis", "T"}}});

  nc.dimension("region", labels(s.regions, [](const auto& r) { return r.id; }), {"", "region id", {}});
  nc.variable("region_name_en", {"region"}, labels(s.regions, [](const auto& r) { return r.name.en; }),
              {"", "region name (English)", {}});
  nc.variable("region_name_zh", {"region"}, labels(s.regions, [](const auto& r) { return r.name.zh; }),
              {"", "region name (Chinese)", {}});
  nc.variable("region_role", {"region"},
              labels(s.regions, [](const auto& r) { return std::string(models::to_string(r.role)); }),
              {"", "host (承载区) or collaborating (协同区) area", {}});

  nc.dimension("factory", labels(s.factories, [](const auto& f) { return f.id; }), {"", "factory id", {}});
  nc.variable("factory_region", {"factory"}, labels(s.factories, [](const auto& f) { return f.region; }),
              {"", "region of the factory", {}});

  nc.dimension("supplier", labels(s.suppliers, [](const auto& x) { return x.id; }), {"", "supplier id", {}});
  nc.variable("supplier_component", {"supplier"}, labels(s.suppliers, [](const auto& x) { return x.component; }),
              {"", "component the supplier makes", {}});
  nc.variable("supplier_region", {"supplier"}, labels(s.suppliers, [](const auto& x) { return x.region; }),
              {"", "region of the supplier", {}});

  nc.dimension("site", labels(s.sites, [](const auto& x) { return x.id; }), {"", "application site id", {}});
  nc.variable("site_region", {"site"}, labels(s.sites, [](const auto& x) { return x.region; }),
              {"", "region of the site", {}});
  nc.variable("site_kind", {"site"},
              labels(s.sites, [](const auto& x) { return std::string(models::to_string(x.kind)); }),
              {"", "kind of site", {}});

  if (!s.upfitters.empty()) {
    nc.dimension("upfitter", labels(s.upfitters, [](const auto& x) { return x.id; }), {"", "upfitter id", {}});
  }
  std::vector<std::string> stages;
  for (std::size_t i = 0; i < models::truck_stage_count; ++i) {
    stages.emplace_back(models::to_string(static_cast<models::TruckStage>(i)));
  }
  nc.dimension("stage", stages, {"", "where a truck is in the chain", {}});
}

void write_truck_type_labels(NetcdfWriter& nc, const std::vector<const models::TruckTypeDesc*>& types,
                             const char* long_name) {
  nc.dimension("truck_type", labels(types, [](const auto* t) { return t->id; }), {"", long_name, {}});
  nc.variable("truck_type_name_en", {"truck_type"}, labels(types, [](const auto* t) { return t->name.en; }),
              {"", "truck type name (English)", {}});
  nc.variable("truck_type_name_zh", {"truck_type"}, labels(types, [](const auto* t) { return t->name.zh; }),
              {"", "truck type name (Chinese)", {}});
  nc.variable("truck_type_powertrain", {"truck_type"},
              labels(types, [](const auto* t) { return std::string(models::to_string(t->powertrain)); }),
              {"", "powertrain", {}});
  std::vector<double> prices;
  for (const auto* t : types) prices.push_back(t->price_cny);
  nc.variable("truck_type_price_cny", {"truck_type"}, prices, {"CNY", "purchase price of one truck", {}});
}

void write_provenance(NetcdfWriter& nc, const ScenarioDesc& s, const Provenance& p, const std::string& kind) {
  nc.attribute("Conventions", "CF-1.8");
  nc.attribute("title", "truckflow results: " + s.name);
  nc.attribute("source", "truckflow " + p.truckflow_version + " (git " + p.git_revision + ")");
  nc.attribute("history", p.command_line);
  nc.attribute("truckflow_kind", kind);
  nc.attribute("truckflow_version", p.truckflow_version);
  nc.attribute("truckflow_git_revision", p.git_revision);
  nc.attribute("command_line", p.command_line);
  nc.attribute("scenario_name", s.name);
  nc.attribute("scenario_file", p.scenario_file);
  nc.attribute("start_date", engine::iso_date(s.simulation.start_date));
  nc.attribute("horizon_years", s.simulation.horizon_years);
  nc.attribute("sample_interval_days", s.simulation.sample_interval_days);
  nc.attribute("random_seed", static_cast<std::int64_t>(s.simulation.seed));
  nc.variable("scenario_yaml", {}, std::vector<std::string>{p.scenario_yaml},
              {"", "the scenario as simulated (extends merged, overrides applied), YAML", {}});
}

void write_deliveries(NetcdfWriter& nc, const ScenarioDesc& s, const RunRecorder& run) {
  const auto& d = run.deliveries();
  nc.dimension("delivery", d.size());
  std::vector<std::int64_t> ids;
  std::vector<std::string> types, sites, operators, regions, factories, upfitters;
  std::vector<double> ordered, built, delivered, lead;
  for (const models::DeliveryRecord& r : d) {
    ids.push_back(r.truck_id);
    types.push_back(s.truck_types[r.truck_type].id);
    sites.push_back(s.sites[r.site].id);
    operators.push_back(s.sites[r.site].operator_name);
    regions.push_back(s.regions[r.region].id);
    factories.push_back(s.factories[r.factory].id);
    upfitters.push_back(r.upfitter ? s.upfitters[*r.upfitter].id : "");
    ordered.push_back(r.ordered_at.to_hours());
    built.push_back(r.built_at.to_hours());
    delivered.push_back(r.delivered_at.to_hours());
    lead.push_back((r.delivered_at - r.ordered_at).to_days());
  }
  nc.variable("delivery_truck_id", {"delivery"}, ids, {"1", "truck id (in order of ordering)", {}});
  nc.variable("delivery_truck_type", {"delivery"}, types, {"", "truck type", {}});
  nc.variable("delivery_site", {"delivery"}, sites, {"", "application site", {}});
  nc.variable("delivery_operator", {"delivery"}, operators, {"", "operator the truck is registered to", {}});
  nc.variable("delivery_region", {"delivery"}, regions, {"", "region of the site (where the truck is registered)", {}});
  nc.variable("delivery_factory", {"delivery"}, factories, {"", "factory that built the truck", {}});
  nc.variable("delivery_upfitter", {"delivery"}, upfitters, {"", "upfitter that fitted its body (empty: none)", {}});
  nc.variable("delivery_ordered_time", {"delivery"}, ordered, time_attributes(s, "when the truck was ordered"));
  nc.variable("delivery_built_time", {"delivery"}, built, time_attributes(s, "when the truck was assembled"));
  nc.variable("delivery_delivered_time", {"delivery"}, delivered, time_attributes(s, "when the truck was delivered"));
  nc.variable("delivery_lead_time_days", {"delivery"}, lead, {"d", "time from order to delivery", {}});
}

}  // namespace

std::vector<HeadlineFigure> headline_figures(const ScenarioDesc& scenario, const RunRecorder& run) {
  const auto& samples = run.samples();
  if (samples.empty()) throw std::logic_error("headline_figures: the run has no samples");
  const Snapshot& last = samples.back();
  std::int64_t max_backlog = 0;
  for (const Snapshot& s : samples) max_backlog = std::max(max_backlog, sum(s.factory_backlog));
  double lead_sum = 0.0;
  double lead_max = 0.0;
  double cost = 0.0;
  for (const models::DeliveryRecord& d : run.deliveries()) {
    const double days = (d.delivered_at - d.ordered_at).to_days();
    lead_sum += days;
    lead_max = std::max(lead_max, days);
    cost += scenario.truck_types[d.truck_type].price_cny;
  }
  const auto n = static_cast<double>(run.deliveries().size());
  const double nan = std::numeric_limits<double>::quiet_NaN();
  return {
      {"trucks_ordered", "trucks", "trucks ordered over the run", static_cast<double>(sum(last.factory_ordered))},
      {"trucks_delivered", "trucks", "trucks delivered: the fleet in service at the end",
       static_cast<double>(sum(last.region_delivered))},
      {"backlog_at_end_trucks", "trucks", "trucks ordered and not yet built at the end",
       static_cast<double>(sum(last.factory_backlog))},
      {"max_backlog_trucks", "trucks", "largest backlog at any sample", static_cast<double>(max_backlog)},
      {"mean_order_to_delivery_days", "d", "mean time from order to delivery", n > 0 ? lead_sum / n : nan},
      {"max_order_to_delivery_days", "d", "longest time from order to delivery", n > 0 ? lead_max : nan},
      {"supplier_stockouts_orders", "orders", "component orders that found too little stock",
       static_cast<double>(sum(last.supplier_stockouts))},
      {"fleet_purchase_cost_cny", "CNY", "purchase price of the trucks delivered", cost},
  };
}

void write_run_results(const std::string& path, const ScenarioDesc& s, const RunRecorder& run,
                       const Provenance& provenance, const std::function<void()>& interruption_check) {
  NetcdfWriter nc(path, interruption_check);
  const auto& samples = run.samples();
  write_dimensions(nc, s, samples);
  std::vector<const models::TruckTypeDesc*> types;
  for (const auto& t : s.truck_types) types.push_back(&t);
  write_truck_type_labels(nc, types, "truck type id");

  const std::vector<std::string> by_factory{"time", "factory", "truck_type"};
  nc.variable("factory_trucks_ordered", by_factory, series(samples, &Snapshot::factory_ordered),
              {"trucks", "trucks ordered from the factory (cumulative)", {}});
  nc.variable("factory_trucks_built", by_factory, series(samples, &Snapshot::factory_built),
              {"trucks", "trucks assembled (cumulative)", {}});
  nc.variable("factory_backlog_trucks", by_factory, series(samples, &Snapshot::factory_backlog),
              {"trucks", "trucks ordered and not yet built", {}});
  nc.variable("factory_trucks_delivered", by_factory, series(samples, &Snapshot::factory_delivered),
              {"trucks", "trucks from the factory delivered to their sites (cumulative)", {}});
  const std::vector<std::string> by_region{"time", "region", "truck_type"};
  nc.variable("region_trucks_ordered", by_region, series(samples, &Snapshot::region_ordered),
              {"trucks", "trucks ordered by sites in the region (cumulative)", {}});
  nc.variable("region_trucks_built", by_region, series(samples, &Snapshot::region_built),
              {"trucks", "trucks built for sites in the region (cumulative)", {}});
  nc.variable("region_fleet_trucks", by_region, series(samples, &Snapshot::region_delivered),
              {"trucks", "fleet in service: trucks delivered to sites in the region", {}});
  nc.variable("site_trucks_delivered", {"time", "site"}, series(samples, &Snapshot::site_delivered),
              {"trucks", "trucks delivered to the site (cumulative)", {}});
  const std::vector<std::string> by_supplier{"time", "supplier"};
  nc.variable("supplier_output_units", by_supplier, series(samples, &Snapshot::supplier_produced),
              {"units", "components made (cumulative)", {}});
  nc.variable("supplier_shipped_units", by_supplier, series(samples, &Snapshot::supplier_shipped),
              {"units", "components dispatched to plants (cumulative)", {}});
  nc.variable("supplier_stock_units", by_supplier, series(samples, &Snapshot::supplier_stock),
              {"units", "components in the supplier's stock", {}});
  nc.variable("supplier_stockouts_orders", by_supplier, series(samples, &Snapshot::supplier_stockouts),
              {"orders", "orders that found too little stock (cumulative)", {}});
  if (!s.upfitters.empty()) {
    nc.variable("upfitter_trucks_fitted", {"time", "upfitter"}, series(samples, &Snapshot::upfitter_fitted),
                {"trucks", "bodies fitted (cumulative)", {}});
  }
  std::vector<std::int64_t> stages;
  for (const Snapshot& x : samples) stages.insert(stages.end(), x.trucks_by_stage.begin(), x.trucks_by_stage.end());
  nc.variable("trucks_by_stage", {"time", "stage"}, stages, {"trucks", "trucks in each stage of the chain", {}});

  write_deliveries(nc, s, run);
  for (const HeadlineFigure& h : headline_figures(s, run)) {
    nc.variable("headline_" + h.name, {}, std::vector<double>{h.value}, {h.units, h.long_name, {}});
  }
  write_provenance(nc, s, provenance, "run");
  nc.close();
}

void write_compare_results(const std::string& path, const std::vector<ComparedRun>& runs, const Provenance& provenance,
                           const std::function<void()>& interruption_check) {
  if (runs.empty()) throw std::logic_error("write_compare_results: no runs");
  const ScenarioDesc& base = *runs.front().scenario;
  const auto& base_samples = runs.front().run->samples();
  for (const ComparedRun& r : runs) {
    if (r.run->samples().size() != base_samples.size()) {
      throw std::logic_error("write_compare_results: the runs were sampled differently");
    }
  }
  NetcdfWriter nc(path, interruption_check);
  write_dimensions(nc, base, base_samples);
  std::vector<const models::TruckTypeDesc*> types;
  for (const ComparedRun& r : runs) {
    const auto it = std::find_if(base.truck_types.begin(), base.truck_types.end(),
                                 [&](const auto& t) { return t.id == r.truck_type; });
    if (it == base.truck_types.end())
      throw std::logic_error("write_compare_results: unknown truck type " + r.truck_type);
    types.push_back(&*it);
  }
  write_truck_type_labels(nc, types, "truck type the whole deployment plan was assigned to (one run each)");

  const std::size_t time_count = base_samples.size();
  const std::size_t type_count = base.truck_types.size();
  // (time, X, truck_type [run]), the order of a run file's (time, X, truck_type): each run's array
  // at each time, summed over the run's own truck types.
  const auto compared = [&](const auto& row_of) {
    std::vector<std::int64_t> out;
    for (std::size_t t = 0; t < time_count; ++t) {
      std::vector<std::vector<std::int64_t>> rows;
      for (const ComparedRun& r : runs) rows.push_back(row_of(r.run->samples()[t]));
      for (std::size_t x = 0; x < rows.front().size(); ++x) {
        for (const auto& row : rows) out.push_back(row.at(x));
      }
    }
    return out;
  };
  const auto summed = [&](SnapshotArray array) {
    return compared([&](const Snapshot& s) { return sum_over_types(s.*array, type_count); });
  };
  const auto as_is = [&](SnapshotArray array) { return compared([&](const Snapshot& s) { return s.*array; }); };
  nc.variable("factory_trucks_built", {"time", "factory", "truck_type"}, summed(&Snapshot::factory_built),
              {"trucks", "trucks assembled (cumulative)", {}});
  nc.variable("factory_backlog_trucks", {"time", "factory", "truck_type"}, summed(&Snapshot::factory_backlog),
              {"trucks", "trucks ordered and not yet built", {}});
  nc.variable("region_fleet_trucks", {"time", "region", "truck_type"}, summed(&Snapshot::region_delivered),
              {"trucks", "fleet in service: trucks delivered to sites in the region", {}});
  nc.variable("supplier_output_units", {"time", "supplier", "truck_type"}, as_is(&Snapshot::supplier_produced),
              {"units", "components made (cumulative)", {}});
  nc.variable("supplier_stock_units", {"time", "supplier", "truck_type"}, as_is(&Snapshot::supplier_stock),
              {"units", "components in the supplier's stock", {}});
  nc.variable("supplier_stockouts_orders", {"time", "supplier", "truck_type"}, as_is(&Snapshot::supplier_stockouts),
              {"orders", "orders that found too little stock (cumulative)", {}});
  nc.variable("trucks_by_stage", {"time", "stage", "truck_type"}, compared([](const Snapshot& s) {
                const auto& row = s.trucks_by_stage;
                return std::vector<std::int64_t>(row.begin(), row.end());
              }),
              {"trucks", "trucks in each stage of the chain", {}});

  std::vector<std::vector<HeadlineFigure>> figures;
  for (const ComparedRun& r : runs) figures.push_back(headline_figures(*r.scenario, *r.run));
  for (std::size_t h = 0; h < figures.front().size(); ++h) {
    std::vector<double> values;
    for (const auto& run_figures : figures) values.push_back(run_figures[h].value);
    const HeadlineFigure& f = figures.front()[h];
    nc.variable("headline_" + f.name, {"truck_type"}, values, {f.units, f.long_name, {}});
  }
  std::string compared_types;
  for (const ComparedRun& r : runs) compared_types += (compared_types.empty() ? "" : ",") + r.truck_type;
  nc.attribute("compared_truck_types", compared_types);
  write_provenance(nc, base, provenance, "compare");
  nc.close();
}

}  // namespace truckflow::output
