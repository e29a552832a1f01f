// A comparison's results file: one run per truck type, the runs along `truck_type`, or one per
// set of sharing rules, along `rule_set`.
#include <algorithm>
#include <type_traits>

#include "truckflow/output/results.hpp"

#include "netcdf_writer.hpp"
#include "results_layout.hpp"

namespace truckflow::output {

namespace {

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

/// A series of a comparison, with the runs as a last dimension `run_dimension`. Compared by truck
/// type, each run's values are summed over its own truck types (the runs differ by the type the
/// plan was assigned to), so (time, X, truck_type) like a run file's (time, X, truck_type).
template <typename T>
void write_compared_series(NetcdfWriter& nc, const models::SeriesCatalog::Entry& e,
                           const std::vector<ComparedRun>& runs, ComparedBy by) {
  const auto type_at = by == ComparedBy::truck_type
                           ? std::find(e.spec.dimensions.begin(), e.spec.dimensions.end(), "truck_type")
                           : e.spec.dimensions.end();
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
  dims.emplace_back(to_string(by));
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
  nc.variable(e.spec.name, dims, out, detail::series_attributes(e.spec));
}

}  // namespace

const char* to_string(ComparedBy by) { return by == ComparedBy::truck_type ? "truck_type" : "rule_set"; }

void write_compare_results(const std::string& path, const std::vector<ComparedRun>& runs, ComparedBy by,
                           const Provenance& provenance, const std::function<void()>& interruption_check) {
  if (runs.empty()) throw std::logic_error("write_compare_results: no runs");
  const models::ScenarioDesc& base = *runs.front().scenario;
  const auto& base_samples = runs.front().run->samples();
  for (const ComparedRun& r : runs) {
    if (r.run->samples().size() != base_samples.size() ||
        r.run->catalog().values_per_sample() != runs.front().run->catalog().values_per_sample()) {
      throw std::logic_error("write_compare_results: the runs were sampled differently");
    }
  }
  const std::string run_dimension = to_string(by);
  NetcdfWriter nc(path, interruption_check);
  std::vector<double> hours;
  for (const models::Sample& sample : base_samples) hours.push_back(sample.time.to_hours());
  nc.dimension("time", hours, detail::time_axis_attributes(base));
  const models::SeriesCatalog& catalog = runs.front().run->catalog();
  // Compared by truck type, the file's truck_type holds each run's type, in the runs' order.
  std::vector<std::size_t> run_types;
  if (by == ComparedBy::truck_type) {
    const models::Dimension& all_types = catalog.dimension("truck_type");
    for (const ComparedRun& r : runs) {
      const auto it = std::find(all_types.labels.begin(), all_types.labels.end(), r.label);
      if (it == all_types.labels.end()) throw std::logic_error("write_compare_results: unknown truck type " + r.label);
      run_types.push_back(static_cast<std::size_t>(it - all_types.labels.begin()));
    }
  }
  for (const models::Dimension& d : catalog.dimensions()) {
    if (d.name == "truck_type" && by == ComparedBy::truck_type) {
      detail::write_dimension(nc, d, &run_types, "truck type the whole deployment plan was assigned to (one run each)");
    } else if (d.name == "sharing_rule" && by == ComparedBy::rule_set && !d.labels.empty()) {
      // Which rules held differs by run: sharing_rule_active is over (sharing_rule, rule_set).
      models::Dimension rules = d;
      std::erase_if(rules.text_properties, [](const auto& p) { return p.name == "sharing_rule_active"; });
      detail::write_dimension(nc, rules);
    } else if (!d.labels.empty()) {
      detail::write_dimension(nc, d);
    }
  }
  std::string labels;
  if (by == ComparedBy::rule_set) {
    std::vector<std::string> sets;
    for (const ComparedRun& r : runs) sets.push_back(r.label);
    nc.dimension("rule_set", sets,
                 {"", "set of sharing rules active in the run, ids joined by '+' ('none': no rule; one run each)"});
    std::vector<std::string> active;  // row-major over (sharing_rule, rule_set)
    for (std::size_t i = 0; i < base.sharing_rules.size(); ++i) {
      for (const ComparedRun& r : runs) active.emplace_back(r.scenario->sharing_rules.at(i).active ? "yes" : "no");
    }
    if (!active.empty()) {
      nc.variable("sharing_rule_active", {"sharing_rule", "rule_set"}, active,
                  {"", "whether the rule held in the run (yes or no)"});
    }
  }
  for (const models::SeriesCatalog::Entry& e : catalog.series()) {
    if (!detail::written(e)) continue;
    if (e.spec.type == models::ValueType::count) {
      write_compared_series<std::int64_t>(nc, e, runs, by);
    } else {
      write_compared_series<double>(nc, e, runs, by);
    }
  }

  std::vector<std::vector<HeadlineFigure>> figures;
  std::vector<std::vector<StageWait>> waits;
  std::vector<const StationWaits*> station_waits;
  std::vector<detail::OwnershipRun> ownership;
  std::vector<const std::vector<models::RegionMoneyFlow>*> region_flows;
  for (const ComparedRun& r : runs) {
    region_flows.push_back(&r.run->region_flows());
    figures.push_back(headline_figures(*r.scenario, *r.run));
    waits.push_back(r.run->stage_waits(*r.scenario));
    station_waits.push_back(&r.run->station_waits());
    ownership.push_back({r.scenario, &r.run->catalog(), &r.run->last()});
    labels += (labels.empty() ? "" : ",") + r.label;
  }
  detail::write_stage_waits(nc, waits, run_dimension);
  detail::write_station_waits(nc, station_waits, run_dimension);
  detail::write_ownership(nc, ownership, run_types, run_dimension);
  detail::write_headlines(nc, figures, run_dimension);
  detail::write_compared_region_flows(nc, base, catalog, region_flows);
  nc.attribute(by == ComparedBy::truck_type ? "compared_truck_types" : "compared_rule_sets", labels);
  detail::write_provenance(nc, base, provenance, "compare");
  nc.close();
}

}  // namespace truckflow::output
