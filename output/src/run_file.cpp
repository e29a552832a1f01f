// A run's results file, written as the run goes.
#include <string>
#include <variant>

#include "truckflow/output/results.hpp"

#include "netcdf_writer.hpp"
#include "results_layout.hpp"

namespace truckflow::output {

struct RunFileWriter::Delivery {
  detail::DeliveryRow row;
};

/// An event table appended to the file as the run goes, a batch at a time (the file's chunks hold
/// 32,768 rows), up to a limit.
template <typename Row>
struct RunFileWriter::Appended {
  static constexpr std::size_t batch_rows = 4096;
  explicit Appended(std::size_t most_rows) : limit(most_rows) { pending.reserve(batch_rows); }
  /// Adds `row`, appending a full batch with `append`; throws `Full` past the limit.
  template <typename Full>
  void add(const Row& row, NetcdfWriter& nc, void (*append)(NetcdfWriter&, std::span<const Row>), const char* what) {
    if (rows == limit) {
      throw Full("the " + std::string(what) + " table is full: a run may have at most " + std::to_string(limit) +
                 " rows in its results file");
    }
    ++rows;
    pending.push_back(row);
    if (pending.size() == batch_rows) {
      append(nc, pending);
      pending.clear();
    }
  }
  std::size_t limit;
  std::vector<Row> pending;
  std::size_t rows = 0;
};

struct RunFileWriter::Visits : Appended<detail::VisitRow> {
  using Appended::Appended;
};

struct RunFileWriter::Postings : Appended<detail::PostingRow> {
  using Appended::Appended;
};

RunFileWriter::RunFileWriter(std::string path, const models::ScenarioDesc& scenario,
                             const models::SeriesCatalog& catalog, Provenance provenance,
                             std::function<void()> interruption_check, std::optional<std::size_t> station_visit_limit,
                             std::optional<std::size_t> posting_limit)
    : scenario_(scenario),
      catalog_(catalog),
      provenance_(std::move(provenance)),
      nc_(std::make_unique<NetcdfWriter>(std::move(path), std::move(interruption_check))) {
  nc_->unlimited_dimension("time", detail::time_axis_attributes(scenario_));
  for (const models::Dimension& d : catalog_.dimensions()) {
    if (!d.labels.empty()) detail::write_dimension(*nc_, d);
  }
  for (const models::SeriesCatalog::Entry& e : catalog_.series()) {
    if (!detail::written(e)) continue;
    std::vector<std::string> dims{"time"};
    dims.insert(dims.end(), e.spec.dimensions.begin(), e.spec.dimensions.end());
    nc_->appendable(e.spec.name, dims, e.spec.type == models::ValueType::count, detail::series_attributes(e.spec));
  }
  if (station_visit_limit) {
    detail::declare_visits(*nc_, scenario_, catalog_);
    visits_ = std::make_unique<Visits>(*station_visit_limit);
  }
  if (posting_limit) {
    detail::declare_postings(*nc_, scenario_, catalog_);
    postings_ = std::make_unique<Postings>(*posting_limit);
  }
}

RunFileWriter::~RunFileWriter() = default;

void RunFileWriter::on_event(const models::DomainEvent& event) {
  if (const auto* delivered = std::get_if<models::TruckDelivered>(&event)) {
    deliveries_.push_back({detail::delivery_row(*delivered)});
  } else if (const auto* visited = std::get_if<models::StationVisited>(&event); visited != nullptr && visits_) {
    visits_->add<TooManyStationVisits>(detail::visit_row(*visited), *nc_, detail::append_visits, "station-visit");
  } else if (const auto* posted = std::get_if<models::MoneyPosted>(&event); posted != nullptr && postings_) {
    postings_->add<TooManyPostings>(detail::posting_row(*posted), *nc_, detail::append_postings, "posting");
  }
}

void RunFileWriter::on_sample(const models::Sample& sample) {
  const double hours = sample.time.to_hours();
  nc_->append("time", std::span<const double>(&hours, 1));
  for (const models::SeriesCatalog::Entry& e : catalog_.series()) {
    if (!detail::written(e)) continue;
    if (e.spec.type == models::ValueType::count) {
      nc_->append(e.spec.name, std::span<const std::int64_t>(sample.counts).subspan(e.offset, e.size));
    } else {
      nc_->append(e.spec.name, std::span<const double>(sample.reals).subspan(e.offset, e.size));
    }
  }
}

void RunFileWriter::finish(const RunTotals& totals) {
  std::vector<detail::DeliveryRow> rows;
  rows.reserve(deliveries_.size());
  for (const Delivery& d : deliveries_) rows.push_back(d.row);
  deliveries_.clear();
  detail::write_deliveries(*nc_, scenario_, catalog_, rows);
  detail::write_region_flows(*nc_, scenario_, catalog_, totals.region_flows());
  if (visits_) detail::append_visits(*nc_, visits_->pending);
  if (postings_) detail::append_postings(*nc_, postings_->pending);
  detail::write_stage_waits(*nc_, {totals.stage_waits(scenario_)}, "");
  detail::write_station_waits(*nc_, {&totals.station_waits()}, "");
  detail::write_ownership(*nc_, {{&scenario_, &catalog_, &totals.last()}}, {}, "");
  detail::write_headlines(*nc_, {headline_figures(scenario_, totals)}, "");
  detail::write_provenance(*nc_, scenario_, provenance_, "run");
  nc_->close();
}

void write_run_results(const std::string& path, const models::ScenarioDesc& scenario, const RunRecorder& run,
                       const Provenance& provenance, const std::function<void()>& interruption_check) {
  RunFileWriter writer(path, scenario, run.catalog(), provenance, interruption_check);
  for (const models::TruckDelivered& d : run.deliveries()) writer.on_event(d);
  for (const models::Sample& s : run.samples()) writer.on_sample(s);
  writer.finish(run);
}

}  // namespace truckflow::output
