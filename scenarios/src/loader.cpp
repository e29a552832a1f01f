// load_scenario, json_schema and key_reference_markdown: the scenarios layer's public face.
#include "truckflow/scenarios/loader.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "compose.hpp"
#include "scenario_spec.hpp"
#include "validate.hpp"

namespace truckflow::scenarios {

struct KeyOrigins {
  std::map<std::string, SourceLocation> locations;
  std::vector<detail::Reference> references;
  std::vector<detail::PathStart> path_starts;
};

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
  if (options.keep_origins) {
    loaded.origins =
        std::make_shared<const KeyOrigins>(KeyOrigins{context.locations(), context.references, context.path_starts});
  }
  return loaded;
}

LoadedScenario check_derived(const LoadedScenario& origin, models::ScenarioDesc derived,
                             const std::vector<DerivedNote>& notes) {
  if (!origin.origins) throw std::logic_error("check_derived: the origin was loaded without keep_origins");
  std::vector<Diagnostic> diagnostics;
  LoadedScenario loaded;
  detail::Context context(diagnostics, loaded.warnings);
  context.adopt_locations(origin.origins->locations);
  context.references = origin.origins->references;
  context.path_starts = origin.origins->path_starts;
  for (const DerivedNote& note : notes) {
    if (note.error) {
      context.error_at(note.path, note.message);
    } else {
      context.warning_at(note.kind, note.path, note.message);
    }
  }
  if (diagnostics.empty()) loaded.work = detail::validate(derived, context);
  if (!diagnostics.empty()) {
    sort_by_location(diagnostics);
    throw ScenarioError(std::move(diagnostics));
  }
  loaded.description = std::move(derived);
  loaded.resolved_yaml = origin.resolved_yaml;
  loaded.origins = origin.origins;
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
