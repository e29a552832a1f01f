// Composing a scenario: a file, what it `extends` (merged under it), and `--set key.path=value`
// overrides. Internal to scenarios/.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "node.hpp"

namespace truckflow::scenarios::detail {

/// One override: "key.path=value", and the source its problems are reported at (e.g. "--seed 7");
/// empty: "--set key.path=value".
struct Override {
  std::string assignment;
  std::string source;
};

class ObjectSpecBase;

/// Reads `path`, resolves `extends` chains (paths relative to the extending file) and applies
/// `overrides` in order, all within one ReadBudget. Problems go to `diagnostics`; the result is
/// then unusable.
///
/// Merging an extending file over its base, as `spec` (the top-level object's) says: mappings
/// merge key by key; an entity list (registered with `entities`) whose items all have an `id`
/// merges item by item (same id: merged; new id: appended; `remove: true` deletes the base's
/// item); anything else is replaced.
Node compose(const std::string& path, const ObjectSpecBase& spec, const std::vector<Override>& overrides,
             std::vector<Diagnostic>& diagnostics, std::function<void()> interruption_check);

/// Applies one "key.path=value" override (e.g. "suppliers[catl_yibin].capacity_units_per_day=0",
/// "sites[2].deployment[0].trucks=50"); the value is read as YAML.
void apply_override(Node& root, const Override& override, std::vector<Diagnostic>& diagnostics, ReadBudget& budget);

}  // namespace truckflow::scenarios::detail
