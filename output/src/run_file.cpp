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

/// Visits not yet appended to the file (appended a batch at a time: the file's chunks hold 32,768).
struct RunFileWriter::Visits {
  static constexpr std::size_t batch_rows = 4096;
  std::size_t limit = 0;
  std::vector<detail::VisitRow> pending;
  std::size_t rows = 0;
};

RunFileWriter::RunFileWriter(std::string path, const models::ScenarioDesc& scenario,
                             const models::SeriesCatalog& catalog, Provenance provenance,
                             std::function<void()> interruption_check, std::optional<std::size_t> station_visit_limit)
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
    visits_ = std::make_unique<Visits>();
    visits_->limit = *station_visit_limit;
    visits_->pending.reserve(Visits::batch_rows);
  }
}

RunFileWriter::~RunFileWriter() = default;

void RunFileWriter::on_event(const models::DomainEvent& event) {
  if (const auto* delivered = std::get_if<models::TruckDelivered>(&event)) {
    deliveries_.push_back({detail::delivery_row(*delivered)});
  } else if (const auto* visited = std::get_if<models::StationVisited>(&event); visited != nullptr && visits_) {
    if (visits_->rows == visits_->limit) {
      throw TooManyStationVisits("the station-visit table is full: a run may have at most " +
                                 std::to_string(visits_->limit) + " station visits in its results file");
    }
    ++visits_->rows;
    visits_->pending.push_back(detail::visit_row(*visited));
    if (visits_->pending.size() == Visits::batch_rows) {
      detail::append_visits(*nc_, visits_->pending);
      visits_->pending.clear();
    }
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
  detail::write_stage_waits(*nc_, {totals.stage_waits(scenario_)}, false);
  detail::write_station_waits(*nc_, {&totals.station_waits()}, false);
  detail::write_ownership(*nc_, {{&scenario_, &catalog_, &totals.last()}}, {});
  detail::write_headlines(*nc_, {headline_figures(scenario_, totals)}, false);
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
