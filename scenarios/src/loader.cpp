// load_scenario, json_schema and key_reference_markdown: the scenarios layer's public face.
#include "truckflow/scenarios/loader.hpp"

#include <algorithm>

#include "compose.hpp"
#include "scenario_spec.hpp"
#include "validate.hpp"

namespace truckflow::scenarios {

namespace {

/// Input order: by file (in the order files first appear), then line and column.
void sort_by_location(std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> files;
  for (const Diagnostic& d : diagnostics) {
    if (std::find(files.begin(), files.end(), d.location.file) == files.end()) files.push_back(d.location.file);
  }
  const auto rank = [&](const Diagnostic& d) {
    return std::make_tuple(std::find(files.begin(), files.end(), d.location.file) - files.begin(), d.location.line,
                           d.location.column);
  };
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return rank(a) < rank(b); });
}

/// Whether the factory with id `factory` lists `truck_type` among the types it builds.
bool factory_builds(const detail::Node& root, const std::string& factory, const std::string& truck_type) {
  const detail::Node* factories = root.find("factories");
  if (factories == nullptr || !factories->is_sequence()) return false;
  for (const detail::Node& item : factories->items()) {
    const detail::Node* id = item.is_map() ? item.find("id") : nullptr;
    if (id == nullptr || id->text() != factory) continue;
    const detail::Node* types = item.find("truck_types");
    if (types == nullptr || !types->is_sequence()) return false;
    return std::any_of(types->items().begin(), types->items().end(),
                       [&](const detail::Node& type) { return type.text() == truck_type; });
  }
  return false;
}

/// Removes `key` from the mapping `node`.
void erase_key(detail::Node& node, const std::string& key) {
  auto& entries = node.entries();
  entries.erase(std::remove_if(entries.begin(), entries.end(), [&](const auto& e) { return e.first.text() == key; }),
                entries.end());
}

/// Rewrites every plan line of every site to `truck_type` (see LoadOptions::assign_plans_to). A
/// line that names a factory keeps it only if that factory builds `truck_type`; otherwise the
/// nearest that does is used, as for a line without one, and a warning says so.
void assign_plans(detail::Node& root, const std::string& truck_type, std::vector<Diagnostic>& warnings,
                  std::vector<Diagnostic>& errors) {
  detail::Node* sites = root.is_map() ? root.find("sites") : nullptr;
  if (sites == nullptr || !sites->is_sequence()) return;
  for (std::size_t s = 0; s < sites->items().size(); ++s) {
    detail::Node& site = sites->items()[s];
    if (!site.is_map()) continue;
    for (const char* plan : {"deployment", "target_fleet"}) {
      detail::Node* lines = site.find(plan);
      if (lines == nullptr || !lines->is_sequence()) continue;
      std::vector<detail::Node> merged;
      for (std::size_t l = 0; l < lines->items().size(); ++l) {
        detail::Node& line = lines->items()[l];
        detail::Node* type = line.is_map() ? line.find("truck_type") : nullptr;
        if (type == nullptr) {
          merged.push_back(std::move(line));
          continue;
        }
        *type = detail::Node::scalar(truck_type, true, type->where());
        if (const detail::Node* factory = line.find("factory");
            factory != nullptr && !factory_builds(root, factory->text(), truck_type)) {
          warnings.push_back({factory->where(),
                              "sites[" + std::to_string(s) + "]." + plan + "[" + std::to_string(l) + "].factory",
                              "'" + factory->text() + "' does not build '" + truck_type +
                                  "'; in this comparison the nearest factory that does takes these orders",
                              Diagnostic::Severity::warning, "plan_factory_reassigned"});
          erase_key(line, "factory");
        }
        // Targets for the same year become one target: their sum.
        const detail::Node* year = line.find("year");
        const auto same_year = std::find_if(merged.begin(), merged.end(), [&](const detail::Node& other) {
          const detail::Node* other_year = other.find("year");
          return std::string(plan) == "target_fleet" && year != nullptr && other_year != nullptr &&
                 other_year->text() == year->text();
        });
        detail::Node* trucks = line.find("trucks");
        detail::Node* other_trucks = same_year != merged.end() ? same_year->find("trucks") : nullptr;
        const auto is_count = [](const detail::Node* n) {
          return n != nullptr && n->is_scalar() && n->plain() && !n->text().empty() && n->text().size() < 12 &&
                 std::all_of(n->text().begin(), n->text().end(), [](char c) { return c >= '0' && c <= '9'; });
        };
        if (is_count(trucks) && is_count(other_trucks)) {
          const long long total = std::stoll(other_trucks->text()) + std::stoll(trucks->text());
          if (total > detail::max_plan_line_trucks) {
            errors.push_back(
                {trucks->where(), "sites[" + std::to_string(s) + "]." + plan + "[" + std::to_string(l) + "].trucks",
                 "in this comparison the " + std::string(plan) + " lines of " + year->text() +
                     " become one target of " + std::to_string(total) + " trucks (" + other_trucks->text() +
                     " from the earlier lines of that year and " + trucks->text() + " here), over the limit of " +
                     std::to_string(detail::max_plan_line_trucks) + " trucks for a plan line"});
            continue;
          }
          *other_trucks = detail::Node::scalar(std::to_string(total), true, other_trucks->where());
          const detail::Node* factory = line.find("factory");
          const detail::Node* other_factory = same_year->find("factory");
          if (factory == nullptr || other_factory == nullptr || factory->text() != other_factory->text()) {
            erase_key(*same_year, "factory");  // summed lines from different factories: the nearest builds them
          }
        } else {
          merged.push_back(std::move(line));
        }
      }
      lines->items() = std::move(merged);
    }
  }
}

}  // namespace

LoadedScenario load_scenario(const std::string& path, const LoadOptions& options) {
  std::vector<Diagnostic> diagnostics;
  std::vector<detail::Override> overrides;
  for (const std::string& assignment : options.overrides) overrides.push_back({assignment, ""});
  // The seed is read exactly as `--set simulation.seed=TEXT` is; only its problems name --seed.
  if (options.seed)
    overrides.push_back(
        {"simulation.seed=" + *options.seed, "--seed " + (options.seed->empty() ? "''" : *options.seed)});
  detail::Node root =
      detail::compose(path, detail::scenario_spec(), overrides, diagnostics, options.interruption_check);
  if (!diagnostics.empty()) throw ScenarioError(std::move(diagnostics));
  if (options.interruption_check) options.interruption_check();
  LoadedScenario loaded;
  if (options.assign_plans_to) {
    assign_plans(root, *options.assign_plans_to, loaded.warnings, diagnostics);
    if (!diagnostics.empty()) throw ScenarioError(std::move(diagnostics));
  }

  detail::Context context(diagnostics, loaded.warnings);
  if (root.is_null()) {
    diagnostics.push_back({root.where().file.empty() ? SourceLocation{path, 1, 1} : root.where(), "",
                           "the scenario is empty; expected a mapping with keys such as name, simulation, regions"});
  } else {
    detail::scenario_spec().decode(root, loaded.description, context, "");
    if (diagnostics.empty()) loaded.work = detail::validate(loaded.description, context);
  }
  if (!diagnostics.empty()) {
    sort_by_location(diagnostics);
    throw ScenarioError(std::move(diagnostics));
  }
  loaded.resolved_yaml = detail::to_yaml(root);
  return loaded;
}

std::string json_schema() {
  using detail::Json;
  using detail::SchemaFor;
  // The top level describes a file that extends another (every key optional); a file without
  // `extends` must also match the complete-scenario schema (the `else` branch).
  Json document = detail::scenario_spec().schema(SchemaFor::extending_file);
  document.set("$schema", "http://json-schema.org/draft-07/schema#");
  document.set("title", "truckflow scenario");
  document.set("description",
               detail::scenario_spec().meaning() +
                   " This schema checks keys, types, ranges and, in a file without extends, that every required key "
                   "is there; whether references resolve is checked by `truckflow validate`.");
  Json extends = Json::object();
  extends.set("type", "string");
  extends.set("description",
              "path of a scenario this one extends, relative to this file; keys here override it (mappings merge, "
              "entity lists merge by id, an item with remove: true deletes the base's item, other lists are replaced)");
  Json properties = *document.find("properties");
  properties.set("extends", extends);
  document.set("properties", properties);
  Json has_extends = Json::object();
  has_extends.set("required", Json::Array{"extends"});
  document.set("if", has_extends);
  document.set("else", detail::scenario_spec().schema(SchemaFor::complete_file));
  return document.dump();
}

std::string key_reference_markdown() { return detail::key_reference(detail::scenario_spec()); }

}  // namespace truckflow::scenarios
