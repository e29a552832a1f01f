// A comparison's results file: one run per truck type, the runs along `truck_type`.
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
  nc.variable(e.spec.name, dims, out, detail::series_attributes(e.spec));
}

}  // namespace

void write_compare_results(const std::string& path, const std::vector<ComparedRun>& runs, const Provenance& provenance,
                           const std::function<void()>& interruption_check) {
  if (runs.empty()) throw std::logic_error("write_compare_results: no runs");
  const models::ScenarioDesc& base = *runs.front().scenario;
  const auto& base_samples = runs.front().run->samples();
  for (const ComparedRun& r : runs) {
    if (r.run->samples().size() != base_samples.size() ||
        r.run->catalog().values_per_sample() != runs.front().run->catalog().values_per_sample()) {
      throw std::logic_error("write_compare_results: the runs were sampled differently");
    }
  }
  NetcdfWriter nc(path, interruption_check);
  std::vector<double> hours;
  for (const models::Sample& sample : base_samples) hours.push_back(sample.time.to_hours());
  nc.dimension("time", hours, detail::time_axis_attributes(base));
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
      detail::write_dimension(nc, d, &type_indices,
                              "truck type the whole deployment plan was assigned to (one run each)");
    } else if (!d.labels.empty()) {
      detail::write_dimension(nc, d);
    }
  }
  for (const models::SeriesCatalog::Entry& e : catalog.series()) {
    if (!detail::written(e)) continue;
    if (e.spec.type == models::ValueType::count) {
      write_compared_series<std::int64_t>(nc, e, runs);
    } else {
      write_compared_series<double>(nc, e, runs);
    }
  }

  std::vector<std::vector<HeadlineFigure>> figures;
  for (const ComparedRun& r : runs) figures.push_back(headline_figures(*r.scenario, *r.run));
  std::vector<std::vector<StageWait>> waits;
  for (const ComparedRun& r : runs) waits.push_back(r.run->stage_waits(*r.scenario));
  detail::write_stage_waits(nc, waits, true);
  std::vector<const StationWaits*> station_waits;
  std::vector<detail::OwnershipRun> ownership;
  std::vector<std::size_t> run_types;
  for (const ComparedRun& r : runs) {
    station_waits.push_back(&r.run->station_waits());
    ownership.push_back({r.scenario, &r.run->catalog(), &r.run->last()});
    const auto& types = r.scenario->truck_types;
    run_types.push_back(static_cast<std::size_t>(
        std::find_if(types.begin(), types.end(), [&](const auto& t) { return t.id == r.truck_type; }) - types.begin()));
  }
  detail::write_station_waits(nc, station_waits, true);
  detail::write_ownership(nc, ownership, run_types);
  detail::write_headlines(nc, figures, true);
  std::string compared_types;
  for (const ComparedRun& r : runs) compared_types += (compared_types.empty() ? "" : ",") + r.truck_type;
  nc.attribute("compared_truck_types", compared_types);
  detail::write_provenance(nc, base, provenance, "compare");
  nc.close();
}

}  // namespace truckflow::output
