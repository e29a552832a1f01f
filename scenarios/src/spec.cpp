// Helpers of the spec templates: ranges, defaults.
#include "spec.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace truckflow::scenarios::detail {

std::string format_default(double value) {
  char buffer[32];
  // Whole numbers in full (1000000, not 1e+06), up to the largest a scenario holds.
  if (value == std::floor(value) && std::fabs(value) < 1e16) {
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
  } else {
    std::snprintf(buffer, sizeof buffer, "%g", value);
  }
  return buffer;
}

std::string describe_range(const Range& range) {
  if (range.min && range.max) {
    return (range.min_exclusive ? "above " : "from ") + format_default(*range.min) +
           (range.max_exclusive ? " to below " : " to ") + format_default(*range.max);
  }
  if (range.min) return (range.min_exclusive ? "> " : ">= ") + format_default(*range.min);
  if (range.max) return (range.max_exclusive ? "< " : "<= ") + format_default(*range.max);
  return "";
}

Json typed_schema(const char* json_type, const Range& range) {
  Json schema = Json::object();
  schema.set("type", json_type);
  if (range.min) schema.set(range.min_exclusive ? "exclusiveMinimum" : "minimum", *range.min);
  if (range.max) schema.set(range.max_exclusive ? "exclusiveMaximum" : "maximum", *range.max);
  return schema;
}

Json identifier_schema() {
  Json schema = typed_schema("string");
  schema.set("pattern", "^[a-z][a-z0-9_]*$");
  schema.set("maxLength", static_cast<int>(max_identifier_length));
  return schema;
}

namespace {

void describe_object(const ObjectSpecBase& spec, std::set<const ObjectSpecBase*>& done, std::string& out) {
  if (!done.insert(&spec).second) return;
  out += "### " + spec.title() + "\n\n" + spec.meaning() + "\n\n";
  out += "| key | type | unit | allowed | default | meaning |\n| --- | --- | --- | --- | --- | --- |\n";
  const auto code_list = [](const std::vector<std::string>& words) {
    std::string text;
    for (const std::string& word : words) text += (text.empty() ? "`" : ", `") + word + "`";
    return text;
  };
  for (const KeyDoc& key : spec.keys()) {
    std::string type = key.type;
    if (!key.object.empty()) type += " (" + key.object + ")";
    std::string allowed = key.allowed;
    std::replace(allowed.begin(), allowed.end(), '|', '/');
    const std::string only =
        key.kinds.empty() ? "" : "*" + spec.discriminator() + " " + code_list(key.kinds) + " only:* ";
    out += "| `" + key.key + "` | " + type + " | " + key.unit + " | " + allowed + " | " +
           (key.required ? "**required**" : key.default_value) + " | " + only + key.meaning + " |\n";
  }
  out += "\n";
  if (!spec.discriminator().empty()) {
    out += "The keys of each `" + spec.discriminator() + "` (besides those of every " + spec.title() + "):\n\n";
    for (const std::string& kind : spec.kinds()) {
      std::vector<std::string> names;
      for (const KeyDoc& key : spec.keys()) {
        if (std::find(key.kinds.begin(), key.kinds.end(), kind) != key.kinds.end()) names.push_back(key.key);
      }
      out += "- `" + kind + "`: " + (names.empty() ? "none" : code_list(names)) + "\n";
    }
    out += "\n";
  }
  if (const auto lists = spec.entity_lists(); !lists.empty()) {
    out +=
        "Entity lists: their items have a unique `id` that other keys refer to, and a file with `extends` "
        "merges them by id (`remove: true` deletes an item):";
    for (std::size_t i = 0; i < lists.size(); ++i) {
      out += std::string(i == 0 ? " " : ", ") + "`" + lists[i]->key + "` (" + lists[i]->noun + ")";
    }
    out += ".\n\n";
  }
  for (const ObjectSpecBase* child : spec.children()) describe_object(*child, done, out);
}

}  // namespace

std::string key_reference(const ObjectSpecBase& root) {
  std::string out;
  std::set<const ObjectSpecBase*> done;
  describe_object(root, done, out);
  return out;
}

}  // namespace truckflow::scenarios::detail
