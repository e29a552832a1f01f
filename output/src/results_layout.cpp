// The parts of the results layout that run and compare files share.
#include "results_layout.hpp"

#include <algorithm>
#include <limits>
#include <type_traits>

#include "truckflow/engine/time.hpp"
#include "truckflow/output/operations_figures.hpp"

namespace truckflow::output::detail {

std::string hours_since_start(const models::ScenarioDesc& scenario) {
  return "hours since " + engine::iso_date(scenario.simulation.start_date) + " 00:00:00";
}

Attributes time_attributes(const models::ScenarioDesc& scenario, std::string long_name) {
  return {hours_since_start(scenario), std::move(long_name), {{"calendar", "proleptic_gregorian"}}};
}

Attributes time_axis_attributes(const models::ScenarioDesc& scenario) {
  return {hours_since_start(scenario),
          "simulated time",
          {{"calendar", "proleptic_gregorian"}, {"standard_name", "time"}, {"axis", "T"}}};
}

void write_dimension(NetcdfWriter& nc, const models::Dimension& d, const std::vector<std::size_t>* keep,
                     const std::string& long_name) {
  const auto pick = [&](const auto& values) {
    if (keep == nullptr) return values;
    std::remove_cvref_t<decltype(values)> out;
    for (const std::size_t i : *keep) out.push_back(values.at(i));
    return out;
  };
  nc.dimension(d.name, pick(d.labels), {"", long_name.empty() ? d.long_name : long_name});
  for (const models::TextProperty& p : d.text_properties)
    nc.variable(p.name, {d.name}, pick(p.values), {"", p.long_name});
  for (const models::NumberProperty& p : d.number_properties) {
    nc.variable(p.name, {d.name}, pick(p.values), {p.units, p.long_name});
  }
}

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

DeliveryRow delivery_row(const models::TruckDelivered& d) {
  const auto code = [](std::size_t index) { return static_cast<std::int64_t>(index); };
  return {d.truck_id,
          code(d.truck_type),
          code(d.site),
          code(d.region),
          code(d.factory),
          d.upfitter ? code(*d.upfitter) : -1,
          d.ordered_at.to_hours(),
          d.built_at.to_hours(),
          d.at.to_hours(),
          (d.at - d.ordered_at).to_days()};
}

VisitRow visit_row(const models::StationVisited& v) {
  const auto code = [](std::size_t index) { return static_cast<std::int64_t>(index); };
  return {.arrived_hours = v.arrived.to_hours(),
          .truck_id = v.truck_id,
          .truck_type = code(v.truck_type),
          .site = code(v.site),
          .station = code(v.station),
          .waited_hours = v.waited.to_hours(),
          .served_hours = v.served.to_hours(),
          .units = v.units,
          .cost_cny = v.cost_cny};
}

namespace {

/// Builds a table's columns in order.
template <typename Row>
class Columns {
 public:
  void integer(std::string name, std::string units, std::string long_name, std::string codes_of,
               std::function<std::int64_t(const Row&)> read, bool none_allowed = false) {
    TableColumn<Row> c;
    static_cast<ColumnInfo&>(c) = {std::move(name),     std::move(units), std::move(long_name),
                                   std::move(codes_of), none_allowed,     false};
    c.integer = std::move(read);
    columns_.push_back(std::move(c));
  }
  void real(std::string name, std::string units, std::string long_name, bool is_time,
            std::function<double(const Row&)> read) {
    TableColumn<Row> c;
    static_cast<ColumnInfo&>(c) = {std::move(name), std::move(units), std::move(long_name), "", false, is_time};
    c.real = std::move(read);
    columns_.push_back(std::move(c));
  }
  std::vector<TableColumn<Row>> done() { return std::move(columns_); }

 private:
  std::vector<TableColumn<Row>> columns_;
};

/// The column's values in `rows`.
template <typename Row, typename Value>
std::vector<Value> column_values(const std::function<Value(const Row&)>& read, std::span<const Row> rows) {
  std::vector<Value> values;
  values.reserve(rows.size());
  for (const Row& row : rows) values.push_back(read(row));
  return values;
}

/// The column's variable attributes: units and long_name, CF flags for codes, time units for times.
Attributes column_attributes(const ColumnInfo& column, const models::ScenarioDesc& scenario,
                             const models::SeriesCatalog& catalog) {
  if (column.is_time) return time_attributes(scenario, column.long_name);
  Attributes attributes{column.units, column.long_name};
  if (column.codes_of.empty()) return attributes;
  // CF flags: each code's meaning is the id at that position of the dimension.
  std::vector<std::int64_t> codes;
  std::string meanings;
  if (column.none_allowed) {
    codes.push_back(-1);
    meanings = "_none";  // ids start with a letter: no id can be "_none"
  }
  const std::vector<std::string>& labels = catalog.dimension(column.codes_of).labels;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    codes.push_back(static_cast<std::int64_t>(i));
    meanings += (meanings.empty() ? "" : " ") + labels[i];
  }
  attributes.extra = {{"flag_meanings", meanings}};
  // A dimension with no entries is left out of the file: only codes into one that is there.
  if (!labels.empty()) attributes.extra.emplace_back("truckflow_codes_of", column.codes_of);
  attributes.integers = {{"flag_values", codes}};
  return attributes;
}

/// An event table written at once: dimension `dimension` with one variable per column.
template <typename Row>
void write_table(NetcdfWriter& nc, const std::string& dimension, const std::vector<TableColumn<Row>>& columns,
                 std::span<const Row> rows, const models::ScenarioDesc& scenario,
                 const models::SeriesCatalog& catalog) {
  nc.dimension(dimension, rows.size());
  for (const TableColumn<Row>& column : columns) {
    const Attributes attributes = column_attributes(column, scenario, catalog);
    if (column.integer) {
      nc.variable(column.name, {dimension}, column_values<Row>(column.integer, rows), attributes);
    } else {
      nc.variable(column.name, {dimension}, column_values<Row>(column.real, rows), attributes);
    }
  }
}

/// An event table appended to as the run goes: the unlimited dimension `dimension` and its variables.
template <typename Row>
void declare_table(NetcdfWriter& nc, const std::string& dimension, const std::vector<TableColumn<Row>>& columns,
                   const models::ScenarioDesc& scenario, const models::SeriesCatalog& catalog) {
  nc.unlimited_dimension(dimension);
  for (const TableColumn<Row>& column : columns) {
    nc.appendable(column.name, {dimension}, static_cast<bool>(column.integer),
                  column_attributes(column, scenario, catalog));
  }
}

template <typename Row>
void append_table(NetcdfWriter& nc, const std::vector<TableColumn<Row>>& columns, std::span<const Row> rows) {
  for (const TableColumn<Row>& column : columns) {
    if (column.integer) {
      nc.append(column.name, std::span<const std::int64_t>(column_values<Row>(column.integer, rows)));
    } else {
      nc.append(column.name, std::span<const double>(column_values<Row>(column.real, rows)));
    }
  }
}

}  // namespace

const std::vector<DeliveryColumn>& delivery_columns() {
  static const std::vector<DeliveryColumn> columns = [] {
    Columns<DeliveryRow> c;
    c.integer("delivery_truck_id", "1", "truck id (in order of ordering)", "",
              [](const auto& r) { return r.truck_id; });
    c.integer("delivery_truck_type", "", "truck type", "truck_type", [](const auto& r) { return r.truck_type; });
    c.integer("delivery_site", "", "application site (site_operator gives its operator)", "site",
              [](const auto& r) { return r.site; });
    c.integer("delivery_region", "", "region of the site (where the truck is registered)", "region",
              [](const auto& r) { return r.region; });
    c.integer("delivery_factory", "", "factory that built the truck", "factory",
              [](const auto& r) { return r.factory; });
    c.integer(
        "delivery_upfitter", "", "upfitter that fitted its body (none: -1, meaning _none)", "upfitter",
        [](const auto& r) { return r.upfitter; }, true);
    c.real("delivery_ordered_time", "", "when the truck was ordered", true,
           [](const auto& r) { return r.ordered_hours; });
    c.real("delivery_built_time", "", "when the truck was assembled", true,
           [](const auto& r) { return r.built_hours; });
    c.real("delivery_delivered_time", "", "when the truck was delivered", true,
           [](const auto& r) { return r.delivered_hours; });
    c.real("delivery_lead_time_days", "d", "time from order to delivery", false,
           [](const auto& r) { return r.lead_time_days; });
    return c.done();
  }();
  return columns;
}

void write_deliveries(NetcdfWriter& nc, const models::ScenarioDesc& scenario, const models::SeriesCatalog& catalog,
                      const std::vector<DeliveryRow>& rows) {
  write_table<DeliveryRow>(nc, "delivery", delivery_columns(), rows, scenario, catalog);
}

RegionFlowRow region_flow_row(const models::RegionMoneyFlow& f) {
  return {f.year, static_cast<std::int64_t>(f.payer_region), static_cast<std::int64_t>(f.payee_region),
          static_cast<std::int64_t>(f.flow_kind), f.amount_cny};
}

const std::vector<RegionFlowColumn>& region_flow_columns() {
  static const std::vector<RegionFlowColumn> columns = [] {
    Columns<RegionFlowRow> c;
    c.integer("region_flow_year", "1", "calendar year (settled at its end: its taxes and sharing included)", "",
              [](const auto& r) { return r.year; });
    c.integer("region_flow_payer_region", "", "region of the paying establishments", "region",
              [](const auto& r) { return r.payer_region; });
    c.integer("region_flow_payee_region", "", "region of the paid establishments", "region",
              [](const auto& r) { return r.payee_region; });
    c.integer("region_flow_kind", "", "kind of money flow", "flow_kind", [](const auto& r) { return r.flow_kind; });
    c.real("region_flow_amount_cny", "CNY", "money paid over the year", false,
           [](const auto& r) { return r.amount_cny; });
    return c.done();
  }();
  return columns;
}

void write_region_flows(NetcdfWriter& nc, const models::ScenarioDesc& scenario, const models::SeriesCatalog& catalog,
                        const std::vector<models::RegionMoneyFlow>& flows) {
  std::vector<RegionFlowRow> rows;
  rows.reserve(flows.size());
  for (const models::RegionMoneyFlow& f : flows) rows.push_back(region_flow_row(f));
  write_table<RegionFlowRow>(nc, "region_flow", region_flow_columns(), rows, scenario, catalog);
}

const RegionFlowColumn& region_flow_run_column() {
  static const RegionFlowColumn column = [] {
    Columns<RegionFlowRow> c;
    c.integer("region_flow_run", "1", "the run: a position along the file's truck_type or rule_set dimension", "",
              [](const auto& r) { return r.run; });
    return c.done().front();
  }();
  return column;
}

void write_compared_region_flows(NetcdfWriter& nc, const models::ScenarioDesc& scenario,
                                 const models::SeriesCatalog& catalog,
                                 const std::vector<const std::vector<models::RegionMoneyFlow>*>& runs) {
  std::vector<RegionFlowRow> rows;
  for (std::size_t r = 0; r < runs.size(); ++r) {
    for (const models::RegionMoneyFlow& f : *runs[r]) {
      rows.push_back(region_flow_row(f));
      rows.back().run = static_cast<std::int64_t>(r);
    }
  }
  std::vector<RegionFlowColumn> columns{region_flow_run_column()};
  columns.insert(columns.end(), region_flow_columns().begin(), region_flow_columns().end());
  write_table<RegionFlowRow>(nc, "region_flow", columns, rows, scenario, catalog);
}

const std::vector<VisitColumn>& visit_columns() {
  static const std::vector<VisitColumn> columns = [] {
    Columns<VisitRow> c;
    c.real("visit_arrived_time", "", "when the truck arrived at the station", true,
           [](const auto& r) { return r.arrived_hours; });
    c.integer("visit_truck_id", "1", "truck id (as delivery_truck_id)", "", [](const auto& r) { return r.truck_id; });
    c.integer("visit_truck_type", "", "truck type", "truck_type", [](const auto& r) { return r.truck_type; });
    c.integer("visit_site", "", "the truck's application site", "site", [](const auto& r) { return r.site; });
    c.integer("visit_station", "", "station visited", "station", [](const auto& r) { return r.station; });
    c.real("visit_waited_hours", "h", "wait from arrival to the start of service", false,
           [](const auto& r) { return r.waited_hours; });
    c.real("visit_served_hours", "h", "service: handling and charging, swapping or filling", false,
           [](const auto& r) { return r.served_hours; });
    c.real("visit_units", "kWh, kg or L",
           "energy put in the truck, in the unit of the station's carrier, which differs from row to row: kWh at "
           "charging and swap stations, kg at hydrogen stations, L at methanol and diesel stations (station_kind)",
           false, [](const auto& r) { return r.units; });
    c.real("visit_cost_cny", "CNY", "what the truck paid", false, [](const auto& r) { return r.cost_cny; });
    return c.done();
  }();
  return columns;
}

void declare_visits(NetcdfWriter& nc, const models::ScenarioDesc& scenario, const models::SeriesCatalog& catalog) {
  declare_table(nc, "visit", visit_columns(), scenario, catalog);
}

void append_visits(NetcdfWriter& nc, std::span<const VisitRow> rows) { append_table(nc, visit_columns(), rows); }

PostingRow posting_row(const models::MoneyPosted& p) {
  const auto code = [](const std::optional<std::size_t>& i) { return i ? static_cast<std::int64_t>(*i) : -1; };
  return {p.at.to_hours(),
          static_cast<std::int64_t>(p.flow_kind),
          static_cast<std::int64_t>(p.payer),
          static_cast<std::int64_t>(p.payee),
          p.amount_fen,
          code(p.truck_type),
          code(p.deployed_in)};
}

const std::vector<PostingColumn>& posting_columns() {
  static const std::vector<PostingColumn> columns = [] {
    Columns<PostingRow> c;
    c.real("posting_time", "", "when the money moved", true, [](const auto& r) { return r.hours; });
    c.integer("posting_kind", "", "kind of money flow", "flow_kind", [](const auto& r) { return r.kind; });
    c.integer("posting_payer", "", "establishment that paid", "establishment", [](const auto& r) { return r.payer; });
    c.integer("posting_payee", "", "establishment that was paid", "establishment",
              [](const auto& r) { return r.payee; });
    c.integer("posting_amount_fen", "fen", "amount, in fen (0.01 CNY): exact, so sums reconcile to the fen", "",
              [](const auto& r) { return r.amount_fen; });
    c.integer(
        "posting_truck_type", "", "truck type the money is for (none: -1, meaning _none)", "truck_type",
        [](const auto& r) { return r.truck_type; }, true);
    c.integer(
        "posting_deployed_region", "", "region where that truck works (none: -1, meaning _none)", "region",
        [](const auto& r) { return r.deployed_region; }, true);
    return c.done();
  }();
  return columns;
}

void declare_postings(NetcdfWriter& nc, const models::ScenarioDesc& scenario, const models::SeriesCatalog& catalog) {
  declare_table(nc, "posting", posting_columns(), scenario, catalog);
}

void append_postings(NetcdfWriter& nc, std::span<const PostingRow> rows) { append_table(nc, posting_columns(), rows); }

const std::vector<StageColumn>& stage_columns() {
  static const std::vector<StageColumn> columns = {
      {"stage_trucks_entered",
       "trucks",
       "trucks that entered the stage (those still in it included)",
       [](const StageWait& w) { return w.trucks; },
       {},
       {}},
      {"stage_peak_trucks",
       "trucks",
       "most trucks in the stage at one sample",
       [](const StageWait& w) { return w.peak_trucks; },
       {},
       {}},
      {"stage_mean_days",
       "d",
       "mean time a truck spent in the stage (trucks still in it: so far)",
       {},
       [](const StageWait& w) { return w.mean_days; },
       {}},
      {"stage_max_days",
       "d",
       "longest time a truck spent in the stage (trucks still in it: so far)",
       {},
       [](const StageWait& w) { return w.max_days; },
       {}},
      {"stage_worst_place",
       "",
       "the factory, upfitter or (on the road) site with the longest mean time in the stage",
       {},
       {},
       [](const StageWait& w) { return w.worst_place; }},
      {"stage_worst_place_mean_days",
       "d",
       "mean time in the stage at its worst place",
       {},
       [](const StageWait& w) { return w.worst_place_mean_days; }},
  };
  return columns;
}

namespace {

/// `first`, then `run_dimension` if there is one.
std::vector<std::string> with_runs(const std::string& first, const std::string& run_dimension) {
  return run_dimension.empty() ? std::vector<std::string>{first} : std::vector<std::string>{first, run_dimension};
}

}  // namespace

void write_stage_waits(NetcdfWriter& nc, const std::vector<std::vector<StageWait>>& runs,
                       const std::string& run_dimension) {
  // Row-major over (stage, run): each run's wait for each stage, delivered (no wait) as empty.
  const auto cells = [&](auto value_of, auto empty) {
    std::vector<decltype(empty)> out;
    for (std::size_t s = 0; s < models::truck_stage_count; ++s) {
      for (const auto& waits : runs) {
        const auto it = std::find_if(waits.begin(), waits.end(),
                                     [&](const StageWait& w) { return static_cast<std::size_t>(w.stage) == s; });
        out.push_back(it == waits.end() ? empty : value_of(*it));
      }
    }
    return out;
  };
  const std::vector<std::string> dims = with_runs("stage", run_dimension);
  for (const StageColumn& c : stage_columns()) {
    if (c.integer) {
      nc.variable(c.name, dims, cells(c.integer, std::int64_t{0}), {c.units, c.long_name});
    } else if (c.real) {
      nc.variable(c.name, dims, cells(c.real, std::numeric_limits<double>::quiet_NaN()), {c.units, c.long_name});
    } else {
      nc.variable(c.name, dims, cells(c.text, std::string()), {"", c.long_name});
    }
  }
}

void write_headlines(NetcdfWriter& nc, const std::vector<std::vector<HeadlineFigure>>& runs,
                     const std::string& run_dimension) {
  for (std::size_t h = 0; h < runs.front().size(); ++h) {
    std::vector<double> values;
    for (const auto& figures : runs) values.push_back(figures.at(h).value);
    const HeadlineFigure& f = runs.front()[h];
    nc.variable("headline_" + f.name,
                run_dimension.empty() ? std::vector<std::string>{} : std::vector<std::string>{run_dimension}, values,
                {f.units, f.long_name});
  }
}

const std::vector<SummaryColumn>& station_wait_columns() {
  static const std::vector<SummaryColumn> columns = {
      {"station_wait_visits", "visits", "trucks served at the station over the run"},
      {"station_wait_mean_hours", "h", "mean wait before service (NaN without visits)"},
      {"station_wait_p95_hours", "h", "95th percentile of the wait before service, to the minute (NaN without visits)"},
      {"station_wait_max_hours", "h", "longest wait before service (NaN without visits)"},
  };
  return columns;
}

void write_station_waits(NetcdfWriter& nc, const std::vector<const StationWaits*>& runs,
                         const std::string& run_dimension) {
  if (runs.empty() || runs.front()->stations() == 0) return;  // no station dimension
  const std::size_t stations = runs.front()->stations();
  const std::vector<std::string> dims = with_runs("station", run_dimension);
  std::vector<std::int64_t> visits;
  std::vector<std::vector<double>> reals(3);
  for (std::size_t s = 0; s < stations; ++s) {  // row-major over (station, run)
    for (const StationWaits* run : runs) {
      const WaitSummary w = run->by_station(s);
      visits.push_back(w.visits);
      reals[0].push_back(w.mean_hours);
      reals[1].push_back(w.p95_hours);
      reals[2].push_back(w.max_hours);
    }
  }
  const auto& c = station_wait_columns();
  nc.variable(c[0].name, dims, visits, {c[0].units, c[0].long_name});
  for (std::size_t i = 0; i < 3; ++i) nc.variable(c[i + 1].name, dims, reals[i], {c[i + 1].units, c[i + 1].long_name});
}

const std::vector<SummaryColumn>& ownership_columns() {
  static const std::vector<SummaryColumn> columns = {
      {"ownership_cny", "CNY",
       "cost of ownership over the run: purchase less subsidy annualised at the discount rate over the truck's life, "
       "per truck-year in service, plus energy, maintenance, crew and insurance"},
      {"ownership_cny_per_km", "CNY/km", "cost of ownership per km driven (NaN without km)"},
      {"ownership_cny_per_tonne_km", "CNY/(t km)", "cost of ownership per tonne-km (NaN without tonne-km)"},
  };
  return columns;
}

void write_ownership(NetcdfWriter& nc, const std::vector<OwnershipRun>& runs, const std::vector<std::size_t>& run_types,
                     const std::string& run_dimension) {
  if (runs.empty() || runs.front().scenario->sites.empty()) return;  // no site dimension
  std::vector<std::vector<std::vector<OperationsTotals>>> cells;     // [run][site][type]
  for (const OwnershipRun& r : runs) cells.push_back(operations_by_site_and_type(*r.scenario, *r.catalog, *r.last));
  const std::size_t sites = runs.front().scenario->sites.size();
  const std::size_t types = runs.front().scenario->truck_types.size();
  // Each run's own type (by truck type), every type of each run (by another dimension), or every
  // type of the one run.
  const bool by_type = !run_types.empty();
  const std::size_t columns = by_type ? runs.size() : types;
  const std::size_t runs_per_cell = by_type ? 1 : runs.size();
  std::vector<std::vector<double>> values(3);
  for (std::size_t s = 0; s < sites; ++s) {
    for (std::size_t c = 0; c < columns; ++c) {
      for (std::size_t r = 0; r < runs_per_cell; ++r) {
        const OperationsTotals& o = by_type ? cells[c][s][run_types[c]] : cells[r][s][c];
        values[0].push_back(o.ownership_cny());
        values[1].push_back(o.ownership_cny_per_km());
        values[2].push_back(o.ownership_cny_per_tonne_km());
      }
    }
  }
  std::vector<std::string> dims{"site", "truck_type"};
  if (!by_type && !run_dimension.empty()) dims.push_back(run_dimension);
  const auto& c = ownership_columns();
  for (std::size_t i = 0; i < 3; ++i) nc.variable(c[i].name, dims, values[i], {c[i].units, c[i].long_name});
}

void write_provenance(NetcdfWriter& nc, const models::ScenarioDesc& s, const Provenance& p, const std::string& kind) {
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

}  // namespace truckflow::output::detail
