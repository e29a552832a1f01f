// What run and compare files share: time attributes, dimensions with their label variables, the
// series' attributes, the event tables' columns (deliveries, station visits) and the provenance.
// Internal to output/.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "truckflow/models/description.hpp"
#include "truckflow/models/events.hpp"
#include "truckflow/models/series.hpp"
#include "truckflow/output/results.hpp"
#include "truckflow/output/stage_waits.hpp"
#include "truckflow/output/station_waits.hpp"

#include "netcdf_writer.hpp"

namespace truckflow::output::detail {

/// "hours since 2026-01-01 00:00:00" for the scenario's start.
std::string hours_since_start(const models::ScenarioDesc& scenario);
Attributes time_attributes(const models::ScenarioDesc& scenario, std::string long_name);
/// The `time` dimension's coordinate attributes (CF: standard_name, axis, calendar).
Attributes time_axis_attributes(const models::ScenarioDesc& scenario);

/// A dimension with its labels and label variables; only the entries at `keep` when given, and
/// with `long_name` instead of the dimension's own when given.
void write_dimension(NetcdfWriter& nc, const models::Dimension& d, const std::vector<std::size_t>* keep = nullptr,
                     const std::string& long_name = {});

/// Whether a series has a variable: a zero-length dimension (a scenario without upfitters) has
/// none, nor do the series over it.
bool written(const models::SeriesCatalog::Entry& e);
/// units, long_name, CF cell_methods and truckflow_measure.
Attributes series_attributes(const models::SeriesSpec& spec);

/// One delivered truck, as the delivery table stores it.
struct DeliveryRow {
  std::int64_t truck_id = 0;
  std::int64_t truck_type = 0;  // positions in the scenario's lists
  std::int64_t site = 0;
  std::int64_t region = 0;
  std::int64_t factory = 0;
  std::int64_t upfitter = -1;  // -1: none
  double ordered_hours = 0.0;
  double built_hours = 0.0;
  double delivered_hours = 0.0;
  double lead_time_days = 0.0;
};
DeliveryRow delivery_row(const models::TruckDelivered& delivered);

/// One station visit, as the visit table stores it.
struct VisitRow {
  double arrived_hours = 0.0;
  std::int64_t truck_id = 0;
  std::int64_t truck_type = 0;  // positions in the scenario's lists
  std::int64_t site = 0;
  std::int64_t station = 0;
  double waited_hours = 0.0;
  double served_hours = 0.0;
  double units = 0.0;
  double cost_cny = 0.0;
};
VisitRow visit_row(const models::StationVisited& visited);

/// The money between two regions in a year, for one kind of flow, as the region_flow table stores it.
struct RegionFlowRow {
  std::int64_t year = 0;
  std::int64_t payer_region = 0;  // positions in the scenario's regions
  std::int64_t payee_region = 0;
  std::int64_t flow_kind = 0;  // a position in the flow_kind dimension
  double amount_cny = 0.0;
  std::int64_t run = 0;  // in a compare file, a position along its run dimension
};
RegionFlowRow region_flow_row(const models::RegionMoneyFlow& flow);

/// One posting of the ledger, as the posting table stores it.
struct PostingRow {
  double hours = 0.0;
  std::int64_t kind = 0;   // a position in the flow_kind dimension
  std::int64_t payer = 0;  // positions in the establishment dimension
  std::int64_t payee = 0;
  std::int64_t amount_fen = 0;
  std::int64_t truck_type = -1;  // -1: none
  std::int64_t deployed_region = -1;
};
PostingRow posting_row(const models::MoneyPosted& posted);

/// A column of an event table (one row per event). A categorical column holds integer codes:
/// positions in the dimension `codes_of` names (-1 for none where `none_allowed`), described by CF
/// flag_values and flag_meanings.
struct ColumnInfo {
  std::string name;
  std::string units;
  std::string long_name;
  std::string codes_of;  ///< "" for a number
  bool none_allowed = false;
  bool is_time = false;  ///< hours since the start (decoded to dates)
};
template <typename Row>
struct TableColumn : ColumnInfo {
  std::function<std::int64_t(const Row&)> integer;  ///< integer and categorical columns
  std::function<double(const Row&)> real;           ///< the others
};

using DeliveryColumn = TableColumn<DeliveryRow>;
const std::vector<DeliveryColumn>& delivery_columns();

/// The delivery table (dimension `delivery`).
void write_deliveries(NetcdfWriter& nc, const models::ScenarioDesc& scenario, const models::SeriesCatalog& catalog,
                      const std::vector<DeliveryRow>& rows);

using RegionFlowColumn = TableColumn<RegionFlowRow>;
const std::vector<RegionFlowColumn>& region_flow_columns();

/// The region-flow table (dimension `region_flow`).
void write_region_flows(NetcdfWriter& nc, const models::ScenarioDesc& scenario, const models::SeriesCatalog& catalog,
                        const std::vector<models::RegionMoneyFlow>& flows);
/// The column a compare file's region-flow table adds first: the run of each row.
const RegionFlowColumn& region_flow_run_column();
/// A compare file's region-flow table: each run's rows in turn, with their run.
void write_compared_region_flows(NetcdfWriter& nc, const models::ScenarioDesc& scenario,
                                 const models::SeriesCatalog& catalog,
                                 const std::vector<const std::vector<models::RegionMoneyFlow>*>& runs);

using VisitColumn = TableColumn<VisitRow>;
const std::vector<VisitColumn>& visit_columns();

using PostingColumn = TableColumn<PostingRow>;
const std::vector<PostingColumn>& posting_columns();

/// The posting table (`run --ledger`): the unlimited dimension `posting` and its variables, filled
/// by append_postings() as the run goes.
void declare_postings(NetcdfWriter& nc, const models::ScenarioDesc& scenario, const models::SeriesCatalog& catalog);
void append_postings(NetcdfWriter& nc, std::span<const PostingRow> rows);

/// The station-visit table: the unlimited dimension `visit` and its variables, filled by
/// append_visits() as the run goes.
void declare_visits(NetcdfWriter& nc, const models::ScenarioDesc& scenario, const models::SeriesCatalog& catalog);
void append_visits(NetcdfWriter& nc, std::span<const VisitRow> rows);

/// A variable of the stage-wait table (over `stage`; the `delivered` stage, where no truck waits,
/// holds 0, NaN or "").
struct StageColumn {
  std::string name;
  std::string units;
  std::string long_name;
  std::function<std::int64_t(const StageWait&)> integer;
  std::function<double(const StageWait&)> real;
  std::function<std::string(const StageWait&)> text;
};
const std::vector<StageColumn>& stage_columns();
/// The stage-wait table of each run: over (stage) for one run (`run_dimension` ""), over (stage,
/// run_dimension) for a comparison's runs.
void write_stage_waits(NetcdfWriter& nc, const std::vector<std::vector<StageWait>>& runs,
                       const std::string& run_dimension);

void write_headlines(NetcdfWriter& nc, const std::vector<std::vector<HeadlineFigure>>& runs,
                     const std::string& run_dimension);

/// A variable of the operations summary written at the end: a station's waits, or a site's and
/// truck type's cost of ownership.
struct SummaryColumn {
  std::string name;
  std::string units;
  std::string long_name;
};
/// `station_wait_*`: over (station) in a run file, (station, run_dimension) in a compare file.
const std::vector<SummaryColumn>& station_wait_columns();
void write_station_waits(NetcdfWriter& nc, const std::vector<const StationWaits*>& runs,
                         const std::string& run_dimension);
/// `ownership_*`: over (site, truck_type); a comparison of truck types holds each run's own
/// type's column, another comparison adds `run_dimension`.
const std::vector<SummaryColumn>& ownership_columns();
/// `runs`: each run's scenario, final sample and catalog; `run_types`: in a comparison of truck
/// types, each run's truck type (empty otherwise).
struct OwnershipRun {
  const models::ScenarioDesc* scenario;
  const models::SeriesCatalog* catalog;
  const models::Sample* last;
};
void write_ownership(NetcdfWriter& nc, const std::vector<OwnershipRun>& runs, const std::vector<std::size_t>& run_types,
                     const std::string& run_dimension);
void write_provenance(NetcdfWriter& nc, const models::ScenarioDesc& s, const Provenance& p, const std::string& kind);

}  // namespace truckflow::output::detail
