// The variable reference of docs/output.md, from the declarations the writers use.
#include <sstream>

#include "truckflow/models/description.hpp"
#include "truckflow/output/results.hpp"

#include "results_layout.hpp"

namespace truckflow::output {

namespace {

std::string code(const std::string& name) { return "`" + name + "`"; }

std::string joined(const std::vector<std::string>& items, const std::string& separator = ", ") {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

/// A row of an event table's reference: the column's name, units, type and meaning.
template <typename Row>
void table_row(std::ostream& out, const detail::TableColumn<Row>& c) {
  std::string type = c.integer ? "int64" : "float64";
  if (!c.codes_of.empty()) type = "code into " + code(c.codes_of) + (c.none_allowed ? ", or -1" : "");
  out << "| " << code(c.name) << " | " << (c.is_time ? "hours since the start" : c.units) << " | " << type << " | "
      << c.long_name << " |\n";
}

}  // namespace

std::string results_reference_markdown() {
  const models::SeriesCatalog catalog = models::series_catalog(models::ScenarioDesc{});
  std::ostringstream out;
  out << "### Dimensions\n\n"
      << "| dimension | coordinate values | label variables |\n| --- | --- | --- |\n"
      << "| `time` | sample times, hours since the start (decoded to dates); unlimited in a run file | |\n";
  for (const models::Dimension& d : catalog.dimensions()) {
    std::vector<std::string> properties;
    for (const auto& p : d.text_properties) properties.push_back(code(p.name));
    for (const auto& p : d.number_properties) properties.push_back(code(p.name) + " [" + p.units + "]");
    std::vector<std::string> fixed;
    for (const std::string& label : d.labels) fixed.push_back(code(label));
    out << "| " << code(d.name) << " | " << (fixed.empty() ? d.long_name + "s" : joined(fixed)) << " | "
        << joined(properties) << " |\n";
  }
  out << "| `delivery` | none (the rows of the delivery table) | |\n"
      << "| `region_flow` | none (the rows of the region-flow table) | |\n"
      << "| `visit` | none (the rows of the station-visit table); unlimited; only with `run --station-visits` | |\n"
      << "| `posting` | none (the rows of the posting table); unlimited; only with `run --ledger` | |\n\n";

  out << "### Sampled series\n\n"
      << "Dimensions after `time`, in C order. In a compare file of truck types each series is summed over "
         "`truck_type` (each run assigned the whole plan to one type) and has the runs as a last `truck_type` "
         "dimension; in a compare file of rule sets (`compare --rules`) each series keeps its dimensions and has "
         "the runs as a last `rule_set` dimension. Measure: "
         "*level*, the state at the sample's instant; *cumulative*, the total since the start; *flow*, the total "
         "since the previous sample (`cell_methods: time: sum`).\n\n"
      << "| variable | dimensions | units | measure | type | meaning |\n| --- | --- | --- | --- | --- | --- |\n";
  for (const models::SeriesCatalog::Entry& e : catalog.series()) {
    out << "| " << code(e.spec.name) << " | " << joined(e.spec.dimensions) << " | " << e.spec.units << " | "
        << models::to_string(e.spec.measure) << " | " << (e.spec.type == models::ValueType::count ? "int64" : "float64")
        << " | " << e.spec.long_name << " |\n";
  }

  out << "\n### The delivery table (run files)\n\n"
      << "One row per delivered truck, in order of delivery. A categorical column holds integer codes: the "
         "position of the id in the dimension named by its `truckflow_codes_of` attribute, as CF `flag_values` "
         "and `flag_meanings` also say (`-1`, meaning `_none`: none). Codes have no `units` (CF flags).\n\n"
      << "| variable | units | type | meaning |\n| --- | --- | --- | --- |\n";
  for (const detail::DeliveryColumn& c : detail::delivery_columns()) table_row(out, c);

  out << "\n### The region-flow table\n\n"
      << "Money between regions, year by year: one row per year, payer region, payee region and kind of flow with "
         "money, written at each year's end (after its taxes and sharing settlements), in the order of year, payer "
         "region, payee region and kind. Only pairs with money have rows, so the table grows with the flows, not "
         "with the square of the regions. Categorical columns as in the delivery table. A compare file holds each "
         "run's rows in turn, with a first column `region_flow_run`.\n\n"
      << "| variable | units | type | meaning |\n| --- | --- | --- | --- |\n";
  table_row(out, detail::region_flow_run_column());
  for (const detail::RegionFlowColumn& c : detail::region_flow_columns()) table_row(out, c);

  out << "\n### The posting table (run files written with `--ledger`)\n\n"
      << "The ledger itself: one row per posting, money from one establishment to another, in the order they "
         "were made. Amounts are integer fen (0.01 CNY), so any sum of them is exact and equals the series, which "
         "are these sums in CNY. Categorical columns as in the delivery table.\n\n"
      << "| variable | units | type | meaning |\n| --- | --- | --- | --- |\n";
  for (const detail::PostingColumn& c : detail::posting_columns()) table_row(out, c);

  out << "\n### The station-visit table (run files written with `--station-visits`)\n\n"
      << "One row per charging, swap or refuelling visit, in the order the visits were counted: on arrival at "
         "charging and swap stations (the visit's whole course is known then), on leaving hydrogen, methanol and "
         "diesel stations. Categorical columns as in the delivery table.\n\n"
      << "| variable | units | type | meaning |\n| --- | --- | --- | --- |\n";
  for (const detail::VisitColumn& c : detail::visit_columns()) table_row(out, c);

  out << "\n### Where trucks waited\n\n"
      << "Over `stage` in a run file, over (`stage`, `truck_type`) or (`stage`, `rule_set`) in a compare file: how "
         "long trucks spent in each "
         "stage of the chain and where (the factory for the stages up to assembly, the upfitter on the way to and at "
         "it, the site on the road to it). A truck still in a stage at the end counts with its time so far. The "
         "`delivered` stage holds 0, NaN or an empty text.\n\n"
      << "| variable | units | meaning |\n| --- | --- | --- |\n";
  for (const detail::StageColumn& c : detail::stage_columns()) {
    out << "| " << code(c.name) << " | " << c.units << " | " << c.long_name << " |\n";
  }

  out << "\n### Station waits and cost of ownership\n\n"
      << "Written at the end of the run. The station waits are over `station` in a run file, over (`station`, "
         "`truck_type`) or (`station`, `rule_set`) in a compare file; the cost of ownership over (`site`, "
         "`truck_type`) in a run file and in a compare file of truck types (which holds each run's own type), "
         "over (`site`, `truck_type`, `rule_set`) in a compare file of rule sets.\n\n"
      << "| variable | dimensions | units | meaning |\n| --- | --- | --- | --- |\n";
  for (const detail::SummaryColumn& c : detail::station_wait_columns()) {
    out << "| " << code(c.name) << " | station | " << c.units << " | " << c.long_name << " |\n";
  }
  for (const detail::SummaryColumn& c : detail::ownership_columns()) {
    out << "| " << code(c.name) << " | site, truck_type | " << c.units << " | " << c.long_name << " |\n";
  }

  out << "\n### Headline figures\n\n"
      << "Scalars `headline_<figure>` in a run file, over `truck_type` or `rule_set` in a compare file; the rows of "
         "the "
         "headline table `run`, `compare` and `inspect` print.\n\n"
      << "| figure | units | meaning |\n| --- | --- | --- |\n";
  for (const HeadlineFigure& f : headline_definitions()) {
    out << "| " << code(f.name) << " | " << f.units << " | " << f.long_name << " |\n";
  }
  return out.str();
}

}  // namespace truckflow::output
