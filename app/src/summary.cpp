// The summary table: columns sized to their contents, units under the headers.
#include "summary.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace truckflow::app {

namespace {

/// A text table: left-aligned label columns, then right-aligned number columns.
class Table {
 public:
  Table(std::vector<std::string> names, std::vector<std::string> units, std::size_t label_columns)
      : names_(std::move(names)), units_(std::move(units)), labels_(label_columns) {}

  void add(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }

  void print(std::ostream& out, const std::string& title) const {
    std::vector<std::size_t> width(names_.size());
    for (std::size_t c = 0; c < names_.size(); ++c) {
      width[c] = std::max(names_[c].size(), units_[c].size());
      for (const auto& row : rows_) width[c] = std::max(width[c], row[c].size());
    }
    out << title << "\n";
    print_row(out, names_, width);
    print_row(out, units_, width);
    for (const auto& row : rows_) print_row(out, row, width);
    out << "\n";
  }

 private:
  void print_row(std::ostream& out, const std::vector<std::string>& cells,
                 const std::vector<std::size_t>& width) const {
    std::string line = " ";
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::string pad(width[c] - cells[c].size(), ' ');
      line += "  " + (c < labels_ ? cells[c] + pad : pad + cells[c]);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  }

  std::vector<std::string> names_;
  std::vector<std::string> units_;
  std::size_t labels_;
  std::vector<std::vector<std::string>> rows_;
};

std::string n(std::int64_t value) { return std::to_string(value); }

/// The sum over truck types of `counts` ([region * types + type]) for `region`.
std::int64_t region_sum(const std::vector<std::int64_t>& counts, std::size_t region, std::size_t types) {
  std::int64_t total = 0;
  for (std::size_t t = 0; t < types; ++t) total += counts[region * types + t];
  return total;
}

/// Trucks ordered, built and delivered in each year (the year's end less the year before's), and
/// in service at its end, for each region whose sites order trucks, then for all regions.
void print_years(std::ostream& out, const models::ScenarioDesc& scenario, const std::vector<output::YearEnd>& years) {
  if (years.empty()) return;
  const std::size_t types = years.back().state.truck_type_count;
  Table table({"region", "year", "ordered", "built", "delivered", "in_service"},
              {"", "", "[trucks]", "[trucks]", "[trucks]", "[trucks]"}, 2);
  const auto add_rows = [&](const std::string& label, const std::vector<std::size_t>& regions) {
    const auto at_end = [&](const output::YearEnd& y, std::vector<std::int64_t> models::Snapshot::*counts) {
      std::int64_t total = 0;
      for (const std::size_t r : regions) total += region_sum(y.state.*counts, r, types);
      return total;
    };
    std::int64_t ordered = 0;
    std::int64_t built = 0;
    std::int64_t delivered = 0;
    for (const output::YearEnd& y : years) {
      const std::int64_t ordered_end = at_end(y, &models::Snapshot::region_ordered);
      const std::int64_t built_end = at_end(y, &models::Snapshot::region_built);
      const std::int64_t delivered_end = at_end(y, &models::Snapshot::region_delivered);
      table.add({label, n(y.year), n(ordered_end - ordered), n(built_end - built), n(delivered_end - delivered),
                 n(delivered_end)});
      ordered = ordered_end;
      built = built_end;
      delivered = delivered_end;
    }
  };
  std::vector<std::size_t> ordering_regions;
  for (std::size_t r = 0; r < scenario.regions.size(); ++r) {
    if (region_sum(years.back().state.region_ordered, r, types) == 0) continue;
    add_rows(scenario.regions[r].id, {r});
    ordering_regions.push_back(r);
  }
  add_rows("total", ordering_regions);
  table.print(out, "Trucks by site region and year (in_service: delivered by the end of the year)");
}

}  // namespace

void print_summary(std::ostream& out, const models::ScenarioDesc& scenario, const models::Snapshot& last,
                   const std::vector<output::YearEnd>& years) {
  const std::size_t types = last.truck_type_count;

  Table regions({"region", "truck_type", "ordered", "built", "delivered", "backlog"},
                {"", "", "[trucks]", "[trucks]", "[trucks]", "[trucks]"}, 2);
  std::int64_t ordered = 0;
  std::int64_t built = 0;
  std::int64_t delivered = 0;
  for (std::size_t r = 0; r < scenario.regions.size(); ++r) {
    for (std::size_t t = 0; t < types; ++t) {
      const std::size_t i = r * types + t;
      if (last.region_ordered[i] == 0) continue;
      regions.add({scenario.regions[r].id, scenario.truck_types[t].id, n(last.region_ordered[i]),
                   n(last.region_built[i]), n(last.region_delivered[i]),
                   n(last.region_ordered[i] - last.region_built[i])});
      ordered += last.region_ordered[i];
      built += last.region_built[i];
      delivered += last.region_delivered[i];
    }
  }
  regions.add({"total", "", n(ordered), n(built), n(delivered), n(ordered - built)});
  regions.print(out, "Trucks by site region and truck type");
  print_years(out, scenario, years);

  Table factories({"factory", "truck_type", "ordered", "built", "backlog"},
                  {"", "", "[trucks]", "[trucks]", "[trucks]"}, 2);
  for (std::size_t f = 0; f < scenario.factories.size(); ++f) {
    for (std::size_t t = 0; t < types; ++t) {
      const std::size_t i = f * types + t;
      if (last.factory_ordered[i] == 0) continue;
      factories.add({scenario.factories[f].id, scenario.truck_types[t].id, n(last.factory_ordered[i]),
                     n(last.factory_built[i]), n(last.factory_backlog[i])});
    }
  }
  factories.print(out, "Trucks by factory and truck type");

  Table suppliers({"supplier", "component", "output", "shipped", "stock", "stock-outs"},
                  {"", "", "[units]", "[units]", "[units]", "[orders]"}, 2);
  for (std::size_t s = 0; s < scenario.suppliers.size(); ++s) {
    suppliers.add({scenario.suppliers[s].id, scenario.suppliers[s].component, n(last.supplier_produced[s]),
                   n(last.supplier_shipped[s]), n(last.supplier_stock[s]), n(last.supplier_stockouts[s])});
  }
  suppliers.print(out, "Suppliers (a stock-out is an order that found too little stock and waited)");

  if (!scenario.upfitters.empty()) {
    Table upfitters({"upfitter", "fitted"}, {"", "[trucks]"}, 1);
    for (std::size_t u = 0; u < scenario.upfitters.size(); ++u) {
      upfitters.add({scenario.upfitters[u].id, n(last.upfitter_fitted[u])});
    }
    upfitters.print(out, "Upfitters");
  }

  Table stages({"stage", "trucks"}, {"", "[trucks]"}, 1);
  for (std::size_t s = 0; s < models::truck_stage_count; ++s) {
    stages.add({models::to_string(static_cast<models::TruckStage>(s)), n(last.trucks_by_stage[s])});
  }
  stages.print(out, "Where the trucks are at the end");
}

}  // namespace truckflow::app
