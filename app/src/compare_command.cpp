// truckflow compare: the scenario once per truck type, the whole plan assigned to that type (or,
// with --rules, once per set of sharing rules), with the same random streams in every run; runs in
// parallel, results in run order.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <filesystem>
#include <iostream>
#include <optional>
#include <set>
#include <stdexcept>
#include <thread>
#include <tuple>

#include "truckflow/models/chain_sizing.hpp"
#include "truckflow/models/whole_plan.hpp"
#include "truckflow/output/atomic_file.hpp"
#include "truckflow/output/operations_figures.hpp"
#include "truckflow/output/results.hpp"
#include "truckflow/scenarios/loader.hpp"

#include "build_info.hpp"
#include "cancellation.hpp"
#include "commands.hpp"
#include "headline_table.hpp"
#include "inputs.hpp"
#include "progress.hpp"
#include "simulate.hpp"
#include "text_table.hpp"

namespace truckflow::app {

namespace {

struct Variant {
  std::string label;  ///< the truck type, or the rule set (--rules)
  models::ScenarioDesc scenario;
  std::optional<output::RunRecorder> recorder;  ///< made with the run's world
  std::atomic<double> fraction{0.0};
  std::atomic<std::uint64_t> events{0};
  std::exception_ptr error;           ///< set by the worker before `finished`
  std::atomic<bool> finished{false};  ///< the run ended (done or failed); `error` may be read after
};

/// A comparison runs the scenario once per type (or rule set) and keeps every run's results
/// (samples, and a delivery record of about 100 bytes per truck) until its file is written, so what
/// is kept and the time taken are limited for the runs together (each run's plan is the base plan,
/// or the base plan assigned to one type, so the base scenario's estimates hold for each). What a
/// run needs only while it runs is limited per run, as for `run`.
void check_comparison_cost(const scenarios::WorkEstimate& run, std::size_t runs, bool by_rules) {
  using Limits = scenarios::WorkLimits;
  const auto n = static_cast<std::int64_t>(runs);
  const std::string option = by_rules ? "--rules" : "--types";
  const std::string noun = by_rules ? "rule sets" : "truck types";
  const auto check = [&](std::int64_t each, std::int64_t limit, const char* what, const char* advice) {
    if (each > 0 && n > limit / each) {
      throw BadInput(option + ": comparing " + std::to_string(n) + " " + noun + " runs the scenario " +
                     std::to_string(n) + " times, with up to " + std::to_string(each) + " " + what +
                     " each; the runs of one comparison have at most " + std::to_string(limit) +
                     " together: compare fewer " + noun + " or " + advice);
    }
  };
  check(run.sampled_values, Limits::sampled_values, "sampled values", "sample less often");
  check(run.trucks, 10 * Limits::trucks, "trucks (a delivery record each)", "plan fewer trucks");
  check(run.supplier_days, Limits::supplier_days, "supplier-days", "simulate fewer years");
}

/// The items of a comma-separated option, in order (the option repeated adds more); an empty item
/// (a comma too many) is bad input.
std::vector<std::string> items_of(const std::vector<std::string>& given, const std::string& option) {
  std::vector<std::string> items;
  for (const std::string& text : given) {
    std::size_t start = 0;
    for (;;) {
      const std::size_t comma = text.find(',', start);
      items.push_back(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      if (items.back().empty()) throw BadInput(option + ": an empty item in '" + text + "' (a comma too many?)");
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return items;
}

std::vector<std::string> chosen_types(const CompareArguments& args, const models::ScenarioDesc& base) {
  std::vector<std::string> known;
  for (const auto& type : base.truck_types) known.push_back(type.id);
  if (args.types.empty()) return known;
  const std::vector<std::string> types = items_of(args.types, "--types");
  for (std::size_t i = 0; i < types.size(); ++i) {
    const std::string& type = types[i];
    if (std::find(types.begin(), types.begin() + static_cast<std::ptrdiff_t>(i), type) !=
        types.begin() + static_cast<std::ptrdiff_t>(i)) {
      throw BadInput("--types: '" + type + "' is given twice; each truck type is compared once");
    }
    if (std::find(known.begin(), known.end(), type) == known.end()) {
      std::string list;
      for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
      throw BadInput("--types: unknown truck type '" + type + "'; the scenario's types are " + list);
    }
  }
  return types;
}

/// The rule sets of --rules: each a label and the ids of the rules it switches on.
std::vector<std::pair<std::string, std::set<std::string>>> chosen_rule_sets(const CompareArguments& args,
                                                                            const models::ScenarioDesc& base) {
  std::set<std::string> known;
  std::string list;
  for (const auto& rule : base.sharing_rules) {
    known.insert(rule.id);
    list += (list.empty() ? "" : ", ") + rule.id;
  }
  std::vector<std::pair<std::string, std::set<std::string>>> sets;
  for (const std::string& label : items_of(args.rules, "--rules")) {
    if (std::any_of(sets.begin(), sets.end(), [&](const auto& s) { return s.first == label; })) {
      throw BadInput("--rules: the set '" + label + "' is given twice; each set is compared once");
    }
    std::set<std::string> ids;
    if (label != "none") {
      std::size_t start = 0;
      for (;;) {
        const std::size_t plus = label.find('+', start);
        const std::string id = label.substr(start, plus == std::string::npos ? std::string::npos : plus - start);
        if (id == "none") throw BadInput("--rules: 'none' is a set of its own, not a rule to join with '+'");
        if (known.count(id) == 0) {
          throw BadInput("--rules: unknown sharing rule '" + id + "' in '" + label + "'; the scenario's rules are " +
                         (list.empty() ? std::string("none") : list) + " (or 'none' for no rule)");
        }
        if (!ids.insert(id).second) throw BadInput("--rules: '" + id + "' is twice in the set '" + label + "'");
        if (plus == std::string::npos) break;
        start = plus + 1;
      }
    }
    for (const auto& [other, other_ids] : sets) {
      if (other_ids == ids) throw BadInput("--rules: '" + label + "' is the set '" + other + "' again");
    }
    sets.emplace_back(label, std::move(ids));
  }
  return sets;
}

/// Value-added and local tax by region, one column per rule set.
void print_value_by_rules(std::ostream& out, const std::vector<std::unique_ptr<Variant>>& variants) {
  const models::ScenarioDesc& base = variants.front()->scenario;
  const auto read = [](const Variant& v, const char* series) {
    return v.recorder->catalog().reals(v.recorder->last(), series);
  };
  for (const auto& [series, title, first] :
       {std::tuple{"value_added_credited_cny", "Value-added credited by region", "value_added_recorded_cny"},
        std::tuple{"tax_after_transfers_cny", "Local tax after transfers by region", "tax_collected_cny"}}) {
    std::vector<std::string> names{"region",
                                   first == std::string("value_added_recorded_cny") ? "recorded" : "collected"};
    std::vector<std::string> units{"", "[M CNY]"};
    for (const auto& v : variants) {
      names.push_back(v->label);
      units.emplace_back("[M CNY]");
    }
    Table table(names, units, 1);
    for (std::size_t r = 0; r < base.regions.size(); ++r) {
      std::vector<std::string> row{base.regions[r].id, fixed(read(*variants.front(), first)(r) / 1e6, 1)};
      for (const auto& v : variants) row.push_back(fixed(read(*v, series)(r) / 1e6, 1));
      table.add(row);
    }
    const bool credited = first == std::string("value_added_recorded_cny");
    const std::string note = !credited                                    ? "fiscal rules"
                             : base.economics.statistics_sharing_honoured ? "statistics sharing honoured"
                                                                          : "statistics sharing not honoured: credited "
                                                                            "stays as recorded";
    table.print(out, std::string(title) + " over the run, by set of rules (" + note + ")");
  }
}

/// The runs of a comparison of truck types: the whole plan assigned to each type, its chain sized.
void add_type_variants(const CompareArguments& args, const scenarios::LoadedScenario& base,
                       std::vector<std::unique_ptr<Variant>>& variants) {
  const std::vector<std::string> types = chosen_types(args, base.description);
  check_comparison_cost(base.work, types.size(), false);
  if (args.output) check_output_path(*args.output);
  std::vector<models::WholePlan> plans;
  for (const std::string& type : types) {
    models::WholePlan whole = models::assign_whole_plan(base.description, type, scenarios::max_plan_line_trucks);
    if (args.chain_only) whole.description = models::chain_only(std::move(whole.description));
    if (!args.as_given) {
      std::vector<models::PlanNote> sized = models::size_chain_for(whole.description, type);
      whole.notes.insert(whole.notes.end(), sized.begin(), sized.end());
    }
    plans.push_back(std::move(whole));
  }
  // Every run has the same stations (the results share one station dimension): the stations the
  // sizing added for any type are in every run, unused by the types they do not serve.
  const std::size_t base_stations = base.description.stations.size();
  std::vector<models::StationDesc> added;
  for (const models::WholePlan& plan : plans) {
    added.insert(added.end(), plan.description.stations.begin() + static_cast<std::ptrdiff_t>(base_stations),
                 plan.description.stations.end());
  }
  for (std::size_t i = 0; i < types.size(); ++i) {
    models::WholePlan& whole = plans[i];
    whole.description.stations.resize(base_stations);
    whole.description.stations.insert(whole.description.stations.end(), added.begin(), added.end());
    auto variant = std::make_unique<Variant>();
    variant->label = types[i];
    std::vector<scenarios::DerivedNote> notes;
    for (const models::PlanNote& note : whole.notes) notes.push_back({note.path, note.message, note.error, note.kind});
    scenarios::LoadedScenario loaded = scenarios::check_derived(base, std::move(whole.description), notes);
    print_warnings(loaded.warnings, base.warnings);  // what the reassignment adds
    variant->scenario = std::move(loaded.description);
    variants.push_back(std::move(variant));
  }
}

void print_table(std::ostream& out, const std::vector<std::unique_ptr<Variant>>& variants, bool by_rules) {
  std::vector<std::string> columns;
  std::vector<std::vector<output::HeadlineFigure>> figures;
  for (const auto& v : variants) {
    columns.push_back(v->label);
    figures.push_back(output::headline_figures(v->scenario, *v->recorder));
  }
  out << (by_rules
              ? "Headline figures by set of sharing rules (the scenario as given; same random streams)\n"
              : "Headline figures by truck type (the whole deployment plan assigned to each; same random streams)\n");
  print_headline_table(out, columns, headline_rows(figures));
}

/// Which type is best where: for each working site, each type's cost of ownership and CO2 per
/// tonne-km, share of the site's demand met and mean station wait, the lowest cost marked.
void print_best_by_site(std::ostream& out, const std::vector<std::unique_ptr<Variant>>& variants) {
  if (variants.empty()) return;
  const models::ScenarioDesc& base = variants.front()->scenario;
  Table table({"site", "region", "truck_type", "ownership", "co2_wtw", "met", "wait_mean", "best"},
              {"", "", "", "[CNY/(t km)]", "[kg/(t km)]", "[%]", "[h]", ""}, 3);
  bool any = false;
  for (std::size_t s = 0; s < base.sites.size(); ++s) {
    if (!base.sites[s].work) continue;
    struct Cell {
      std::string type;
      double cost;
      double co2;
      double met;
      double wait;
    };
    std::vector<Cell> cells;
    for (const auto& v : variants) {
      const models::SeriesCatalog& catalog = v->recorder->catalog();
      const models::Sample& last = v->recorder->last();
      const auto by_site = output::operations_by_site_and_type(v->scenario, catalog, last);
      output::OperationsTotals site;
      for (const output::OperationsTotals& cell : by_site[s]) site.add(cell);
      const double required = output::tonnes_required(catalog, last)[s];
      std::size_t type = 0;
      while (v->scenario.truck_types[type].id != v->label) ++type;
      cells.push_back({v->label, site.ownership_cny_per_tonne_km(), site.co2_well_to_wheel_kg_per_tonne_km(),
                       required > 0.0 ? 100.0 * site.tonnes_moved / required : std::nan(""),
                       v->recorder->station_waits().by_site_and_type(s, type).mean_hours});
    }
    std::size_t best = cells.size();
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (std::isnan(cells[i].cost)) continue;
      if (best == cells.size() || cells[i].cost < cells[best].cost) best = i;
    }
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const Cell& c = cells[i];
      table.add({base.sites[s].id, base.sites[s].region, c.type, fixed(c.cost, 3), fixed(c.co2, 4), fixed(c.met, 1),
                 fixed(c.wait, 2), i == best ? "*" : ""});
      any = true;
    }
  }
  if (any) {
    table.print(out,
                "Which type is best where (ownership: cost of ownership per tonne-km; met: share of the site's "
                "demand moved; *: the lowest cost of ownership at the site)");
  }
}

}  // namespace

int compare_command(const CompareArguments& args, const std::string& command_line) {
  const scenarios::LoadedScenario base = load_scenario(args.scenario, WarningLines::one_per_kind, true);
  const bool by_rules = !args.rules.empty();
  if (by_rules && !args.types.empty())
    throw BadInput("--rules and --types: compare rule sets or truck types, not both");
  std::vector<std::unique_ptr<Variant>> variants;
  if (by_rules) {
    const auto sets = chosen_rule_sets(args, base.description);
    check_comparison_cost(base.work, sets.size(), true);
    for (const auto& [label, ids] : sets) {
      auto variant = std::make_unique<Variant>();
      variant->label = label;
      variant->scenario = base.description;
      if (args.chain_only) variant->scenario = models::chain_only(std::move(variant->scenario));
      for (models::SharingRuleDesc& rule : variant->scenario.sharing_rules) rule.active = ids.count(rule.id) > 0;
      variants.push_back(std::move(variant));
    }
  } else {
    add_type_variants(args, base, variants);
  }

  // Workers take the runs in order; each run is independent, so results do not depend on how
  // many run at once.
  const unsigned jobs =
      std::max(1U, std::min<unsigned>(args.jobs != 0 ? args.jobs : std::thread::hardware_concurrency(),
                                      static_cast<unsigned>(variants.size())));
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < variants.size(); i = next++) {
      Variant& v = *variants[i];
      try {
        models::World world(v.scenario);
        world.add_observer(v.recorder.emplace(world.series()));
        simulate(world, [&](double fraction) {
          v.fraction = fraction;
          v.events = world.simulation().events_processed();
        });
        v.fraction = 1.0;
      } catch (...) {
        v.error = std::current_exception();
      }
      v.finished = true;
    }
  };
  std::vector<std::thread> workers;
  for (unsigned j = 0; j < jobs; ++j) workers.emplace_back(work);
  {
    Progress progress("compare", args.progress);
    for (;;) {
      double done = 0.0;
      std::uint64_t events = 0;
      std::size_t finished = 0;
      for (const auto& v : variants) {
        done += v->fraction;
        events += v->events;
        finished += v->finished ? 1 : 0;
      }
      if (finished == variants.size()) break;
      progress.update(done / static_cast<double>(variants.size()),
                      std::to_string(finished) + "/" + std::to_string(variants.size()) + " runs", events);
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  for (std::thread& worker : workers) worker.join();
  for (const auto& v : variants) {
    if (v->error) std::rethrow_exception(v->error);
  }

  if (args.output) {
    std::vector<output::ComparedRun> runs;
    for (const auto& v : variants) runs.push_back({v->label, &v->scenario, &*v->recorder});
    if (args.progress.enabled) std::cerr << "compare: writing " << *args.output << "\n";
    output::AtomicFile file(*args.output);
    file.write_and_publish([&](const std::string& temporary_path) {
      output::write_compare_results(
          temporary_path, runs, by_rules ? output::ComparedBy::rule_set : output::ComparedBy::truck_type,
          {command_line, args.scenario.file, base.resolved_yaml, version, git_revision}, throw_if_cancelled);
      throw_if_cancelled();
    });
  }
  std::cout << "Scenario: " << base.description.name << "\n";
  if (by_rules) {
    std::cout << "Basis: the scenario as given, once per set of sharing rules (only that set's rules active)\n\n";
    print_table(std::cout, variants, true);
    std::cout << "\n";
    print_value_by_rules(std::cout, variants);
  } else {
    std::cout << "Basis: "
              << (args.as_given ? std::string("the scenario's suppliers, lines and stations as given (--as-given)")
                                : models::chain_sizing_rule())
              << "\n\n";
    print_table(std::cout, variants, false);
    print_best_by_site(std::cout, variants);
  }
  if (args.output) {
    std::cerr << "Results written to " << *args.output << " (" << std::filesystem::file_size(*args.output) / 1024
              << " KiB; " << (by_rules ? "rule_set" : "truck_type") << " is the run dimension)\n";
  } else {
    print_no_results_file();
  }
  return exit_ok;
}

}  // namespace truckflow::app
