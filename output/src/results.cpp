// The layout of results files (docs/output.md): dimensions, the sampled series, the delivery
// table, headline figures and provenance.
#include "truckflow/output/results.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <type_traits>

#include "truckflow/engine/time.hpp"

#include "netcdf_writer.hpp"

namespace truckflow::output {

using models::ScenarioDesc;

namespace {

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

void write_time(NetcdfWriter& nc, const ScenarioDesc& s, const std::vector<models::Sample>& samples) {
  std::vector<double> hours;
  for (const models::Sample& sample : samples) hours.push_back(sample.time.to_hours());
  nc.dimension("time", hours,
               {hours_since_start(s),
                "simulated time",
                {{"calendar", "proleptic_gregorian"}, {"standard_name", "time"}, {"axis", "T"}}});
}

/// A dimension with its labels and properties; only the entries at `keep` when given.
void write_dimension(NetcdfWriter& nc, const models::Dimension& d, const std::vector<std::size_t>* keep = nullptr,
                     const std::string& long_name = {}) {
  const auto pick = [&](const auto& values) {
    if (keep == nullptr) return values;
    std::remove_cvref_t<decltype(values)> out;
    for (const std::size_t i : *keep) out.push_back(values.at(i));
    return out;
  };
  nc.dimension(d.name, pick(d.labels), {"", long_name.empty() ? d.long_name : long_name, {}});
  for (const models::TextProperty& p : d.text_properties)
    nc.variable(p.name, {d.name}, pick(p.values), {"", p.long_name, {}});
  for (const models::NumberProperty& p : d.number_properties) {
    nc.variable(p.name, {d.name}, pick(p.values), {p.units, p.long_name, {}});
  }
}

/// Whether a series can be written: a zero-length dimension (a scenario without upfitters) has
/// no variable in the file, nor do the series over it.
bool written(const models::SeriesCatalog::Entry& e) {
  return std::all_of(e.shape.begin(), e.shape.end(), [](std::size_t n) { return n > 0; });
}

Attributes series_attributes(const models::SeriesSpec& spec) {
  // CF cell_methods: a level or running total is the value at the instant; a flow sums the interval.
  return {spec.units,
          spec.long_name,
          {{"cell_methods", spec.measure == models::Measure::flow ? "time: sum" : "time: point"},
           {"truckflow_measure", models::to_string(spec.measure)}}};
}

/// Every value of one series over time, sample by sample.
template <typename T>
std::vector<T> over_time(const models::SeriesCatalog::Entry& e, const std::vector<models::Sample>& samples) {
  std::vector<T> out;
  out.reserve(samples.size() * e.size);
  for (const models::Sample& sample : samples) {
    const std::vector<T>& all = [&]() -> const std::vector<T>& {
      if constexpr (std::is_same_v<T, std::int64_t>) {
        return sample.counts;
      } else {
        return sample.reals;
      }
    }();
    out.insert(out.end(), all.begin() + static_cast<std::ptrdiff_t>(e.offset),
               all.begin() + static_cast<std::ptrdiff_t>(e.offset + e.size));
  }
  return out;
}

void write_series(NetcdfWriter& nc, const RunRecorder& run) {
  for (const models::SeriesCatalog::Entry& e : run.catalog().series()) {
    if (!written(e)) continue;
    std::vector<std::string> dims{"time"};
    dims.insert(dims.end(), e.spec.dimensions.begin(), e.spec.dimensions.end());
    if (e.spec.type == models::ValueType::count) {
      nc.variable(e.spec.name, dims, over_time<std::int64_t>(e, run.samples()), series_attributes(e.spec));
    } else {
      nc.variable(e.spec.name, dims, over_time<double>(e, run.samples()), series_attributes(e.spec));
    }
  }
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
  for (const models::TruckDelivered& r : d) {
    ids.push_back(r.truck_id);
    types.push_back(s.truck_types[r.truck_type].id);
    sites.push_back(s.sites[r.site].id);
    operators.push_back(s.sites[r.site].operator_name);
    regions.push_back(s.regions[r.region].id);
    factories.push_back(s.factories[r.factory].id);
    upfitters.push_back(r.upfitter ? s.upfitters[*r.upfitter].id : "");
    ordered.push_back(r.ordered_at.to_hours());
    built.push_back(r.built_at.to_hours());
    delivered.push_back(r.at.to_hours());
    lead.push_back((r.at - r.ordered_at).to_days());
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

/// A series of a comparison: each run's values summed over its own truck types (the runs differ
/// by the type the plan was assigned to), with the runs as a last `truck_type` dimension, so
/// (time, X, truck_type) like a run file's (time, X, truck_type).
template <typename T>
void write_compared_series(NetcdfWriter& nc, const models::SeriesCatalog::Entry& e,
                           const std::vector<ComparedRun>& runs) {
  const auto type_at = std::find(e.spec.dimensions.begin(), e.spec.dimensions.end(), "truck_type");
  std::vector<std::string> dims{"time"};
  std::size_t outer = 1;  // values before the truck_type dimension, and after it
  std::size_t inner = 1;
  std::size_t types = 1;
  for (std::size_t k = 0; k < e.spec.dimensions.size(); ++k) {
    if (e.spec.dimensions.begin() + static_cast<std::ptrdiff_t>(k) == type_at) {
      types = e.shape[k];
      continue;
    }
    dims.push_back(e.spec.dimensions[k]);
    (type_at == e.spec.dimensions.end() || e.spec.dimensions.begin() + static_cast<std::ptrdiff_t>(k) < type_at
         ? outer
         : inner) *= e.shape[k];
  }
  dims.emplace_back("truck_type");
  const std::size_t reduced = outer * inner;
  std::vector<std::vector<T>> per_run;
  for (const ComparedRun& r : runs) per_run.push_back(over_time<T>(e, r.run->samples()));
  const std::size_t times = runs.front().run->samples().size();
  std::vector<T> out(times * reduced * runs.size(), T{});
  for (std::size_t t = 0; t < times; ++t) {
    for (std::size_t r = 0; r < runs.size(); ++r) {
      const T* values = per_run[r].data() + t * e.size;
      for (std::size_t o = 0; o < outer; ++o) {
        for (std::size_t k = 0; k < types; ++k) {
          for (std::size_t i = 0; i < inner; ++i) {
            out[(t * reduced + o * inner + i) * runs.size() + r] += values[(o * types + k) * inner + i];
          }
        }
      }
    }
  }
  nc.variable(e.spec.name, dims, out, series_attributes(e.spec));
}

}  // namespace

std::vector<HeadlineFigure> headline_figures(const ScenarioDesc& scenario, const RunRecorder& run) {
  const auto& samples = run.samples();
  if (samples.empty()) throw std::logic_error("headline_figures: the run has no samples");
  const models::SeriesCatalog& series = run.catalog();
  const models::Sample& last = samples.back();
  std::int64_t max_backlog = 0;
  for (const models::Sample& s : samples) {
    max_backlog = std::max(max_backlog, series.counts(s, "factory_backlog_trucks").total());
  }
  double lead_sum = 0.0;
  double lead_max = 0.0;
  double cost = 0.0;
  for (const models::TruckDelivered& d : run.deliveries()) {
    const double days = (d.at - d.ordered_at).to_days();
    lead_sum += days;
    lead_max = std::max(lead_max, days);
    cost += scenario.truck_types[d.truck_type].price_cny;
  }
  const auto n = static_cast<double>(run.deliveries().size());
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto at_end = [&](const char* name) { return static_cast<double>(series.counts(last, name).total()); };
  return {
      {"trucks_ordered", "trucks", "trucks ordered over the run", at_end("factory_trucks_ordered")},
      {"trucks_delivered", "trucks", "trucks delivered: the fleet in service at the end",
       at_end("region_fleet_trucks")},
      {"backlog_at_end_trucks", "trucks", "trucks ordered and not yet built at the end",
       at_end("factory_backlog_trucks")},
      {"max_backlog_trucks", "trucks", "largest backlog at any sample", static_cast<double>(max_backlog)},
      {"mean_order_to_delivery_days", "d", "mean time from order to delivery", n > 0 ? lead_sum / n : nan},
      {"max_order_to_delivery_days", "d", "longest time from order to delivery", n > 0 ? lead_max : nan},
      {"supplier_stockouts_orders", "orders", "component orders that found too little stock",
       at_end("supplier_stockouts_orders")},
      {"fleet_purchase_cost_cny", "CNY", "purchase price of the trucks delivered", cost},
  };
}

void write_run_results(const std::string& path, const ScenarioDesc& s, const RunRecorder& run,
                       const Provenance& provenance, const std::function<void()>& interruption_check) {
  NetcdfWriter nc(path, interruption_check);
  write_time(nc, s, run.samples());
  for (const models::Dimension& d : run.catalog().dimensions()) {
    if (!d.labels.empty()) write_dimension(nc, d);
  }
  write_series(nc, run);

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
  write_time(nc, base, base_samples);
  const models::SeriesCatalog& catalog = runs.front().run->catalog();
  const models::Dimension& all_types = catalog.dimension("truck_type");
  std::vector<std::size_t> type_indices;
  for (const ComparedRun& r : runs) {
    const auto it = std::find(all_types.labels.begin(), all_types.labels.end(), r.truck_type);
    if (it == all_types.labels.end())
      throw std::logic_error("write_compare_results: unknown truck type " + r.truck_type);
    type_indices.push_back(static_cast<std::size_t>(it - all_types.labels.begin()));
  }
  for (const models::Dimension& d : catalog.dimensions()) {
    if (d.name == "truck_type") {
      write_dimension(nc, d, &type_indices, "truck type the whole deployment plan was assigned to (one run each)");
    } else if (!d.labels.empty()) {
      write_dimension(nc, d);
    }
  }
  for (const models::SeriesCatalog::Entry& e : catalog.series()) {
    if (!written(e)) continue;
    if (e.spec.type == models::ValueType::count) {
      write_compared_series<std::int64_t>(nc, e, runs);
    } else {
      write_compared_series<double>(nc, e, runs);
    }
  }

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
