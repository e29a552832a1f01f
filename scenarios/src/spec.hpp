// Declarative specifications of the scenario's objects: each key's type, unit, range, default
// and meaning, in one place. A spec decodes nodes into the models' description structs (strictly,
// reporting every problem with its location) and writes the JSON Schema and the key reference
// of docs/scenario.md. Internal to scenarios/.
#pragma once

#include <algorithm>
#include <cstdio>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "context.hpp"
#include "json.hpp"
#include "scalars.hpp"

namespace truckflow::scenarios::detail {

/// Whether a key must be present; an optional key keeps the struct's default.
enum class Need { required, optional };

/// Allowed values of a number: [min, max], or (min, max] when `min_exclusive`.
struct Range {
  std::optional<double> min;
  std::optional<double> max;
  bool min_exclusive = false;

  bool contains(double value) const {
    const bool low = min && (min_exclusive ? value <= *min : value < *min);
    const bool high = max && value > *max;
    return !low && !high;
  }
};
inline constexpr Range non_negative{0.0, std::nullopt, false};
inline constexpr Range positive{0.0, std::nullopt, true};
inline constexpr Range share{0.0, 1.0, false};
/// A coefficient of variation.
inline constexpr Range variation{0.0, 3.0, false};

/// What a key looks like, for the documentation.
struct KeyDoc {
  std::string key;
  std::string type;           ///< "number", "whole number", "text", "date", "id of a region", ...
  std::string unit;           ///< "" when the value has no unit
  std::string allowed;        ///< "> 0", "0 to 1", "'a', 'b' or 'c'", ...
  std::string default_value;  ///< "" when required
  bool required = false;
  std::string meaning;
  std::string object;  ///< the nested object's title, for objects and lists of objects
};

/// Which files a JSON Schema describes: a complete scenario (every required key present), or a
/// file that extends another (overrides only: an entity needs just its id, and may be removed).
enum class SchemaFor { complete_file, extending_file };

template <typename T>
struct Field {
  KeyDoc doc;
  std::function<void(const Node&, T&, Context&, const std::string&)> decode;
  std::function<Json(SchemaFor)> schema;  ///< the value's schema, without description
};

/// The spec of one kind of object (a mapping with known keys).
class ObjectSpecBase {
 public:
  ObjectSpecBase(std::string title, std::string meaning) : title_(std::move(title)), meaning_(std::move(meaning)) {}
  virtual ~ObjectSpecBase() = default;
  const std::string& title() const noexcept { return title_; }
  const std::string& meaning() const noexcept { return meaning_; }
  virtual std::vector<KeyDoc> keys() const = 0;
  virtual Json schema(SchemaFor file) const = 0;
  /// Nested object specs, for the documentation.
  virtual std::vector<const ObjectSpecBase*> children() const = 0;

 private:
  std::string title_;
  std::string meaning_;
};

std::string describe_range(const Range& range);
std::string format_default(double value);
/// {"type": json_type} plus the range's bounds.
Json typed_schema(const char* json_type, const Range& range = {});
/// A string holding an identifier.
Json identifier_schema();

template <typename T>
class ObjectSpec : public ObjectSpecBase {
 public:
  using ObjectSpecBase::ObjectSpecBase;

  ObjectSpec& add(Field<T> field, const ObjectSpecBase* child = nullptr) {
    fields_.push_back(std::move(field));
    if (child != nullptr) children_.push_back(child);
    return *this;
  }
  /// An entity (an item with an id, in a top-level list): its id is always required, and a file
  /// that extends another may remove it (`remove: true`, handled when files are composed).
  ObjectSpec& entity(bool is_entity = true) {
    entity_ = is_entity;
    return *this;
  }
  bool is_entity() const noexcept { return entity_; }
  /// How the object is written, shown when something else is found, e.g. "{en: Chengdu, zh: 成都}".
  ObjectSpec& example(std::string text) {
    example_ = std::move(text);
    return *this;
  }

  void decode(const Node& node, T& out, Context& context, const std::string& path) const {
    context.remember(path, node);
    if (!node.is_map()) {
      context.error(node, path,
                    "expected a mapping (" + title() + "), found " + node.describe() +
                        (example_.empty() ? "" : "; write it like " + example_));
      return;
    }
    std::vector<bool> present(fields_.size(), false);
    for (const auto& [key, value] : node.entries()) {
      const std::string& name = key.text();  // (lambdas may not capture structured bindings before clang 16)
      const auto it =
          std::find_if(fields_.begin(), fields_.end(), [&name](const Field<T>& f) { return f.doc.key == name; });
      if (it == fields_.end() && entity_ && name == "remove") {
        context.error(key, child_path(path, name),
                      "'remove' (remove: true deletes an item of the scenario a file extends) is allowed only "
                      "in a file with extends");
        continue;
      }
      if (it == fields_.end()) {
        context.error(key, child_path(path, name), "unknown key '" + name + "' in " + title() + unknown_key_hint(name));
        continue;
      }
      present[static_cast<std::size_t>(it - fields_.begin())] = true;
      const std::string key_path = child_path(path, key.text());
      context.remember(key_path, value);
      it->decode(value, out, context, key_path);
    }
    for (std::size_t i = 0; i < fields_.size(); ++i) {
      if (fields_[i].doc.required && !present[i]) {
        const KeyDoc& doc = fields_[i].doc;
        context.error(
            node, path,
            "missing required key '" + doc.key + "': " + doc.meaning + (doc.unit.empty() ? "" : " [" + doc.unit + "]"));
      }
    }
  }

  std::vector<KeyDoc> keys() const override {
    std::vector<KeyDoc> docs;
    for (const Field<T>& f : fields_) docs.push_back(f.doc);
    return docs;
  }

  Json schema(SchemaFor file) const override {
    Json s = Json::object();
    s.set("type", "object");
    s.set("description", meaning());
    Json properties = Json::object();
    Json::Array required;
    for (const Field<T>& f : fields_) {
      if (f.doc.required && (file == SchemaFor::complete_file || (entity_ && f.doc.key == "id"))) {
        required.emplace_back(f.doc.key);
      }
      Json property = f.schema(file);
      std::string description = f.doc.meaning;
      if (!f.doc.unit.empty()) description += " [" + f.doc.unit + "]";
      property.set("description", description);
      if (!f.doc.default_value.empty() && !f.doc.required && f.doc.object.empty()) {
        property.set("default", default_json(f));
      }
      properties.set(f.doc.key, property);
    }
    if (entity_ && file == SchemaFor::extending_file) {
      Json remove = typed_schema("boolean");
      remove.set("description", "true: delete the extended scenario's item with this id");
      properties.set("remove", remove);
    }
    s.set("properties", properties);
    s.set("additionalProperties", false);
    if (!required.empty()) s.set("required", required);
    return s;
  }

  std::vector<const ObjectSpecBase*> children() const override { return children_; }

 private:
  std::string unknown_key_hint(const std::string& key) const {
    std::vector<std::string> names;
    for (const Field<T>& f : fields_) names.push_back(f.doc.key);
    const std::string hint = did_you_mean(key, names);
    return hint.empty() ? "; expected one of " + quoted_list(names) : hint;
  }
  static Json default_json(const Field<T>& f) {
    const std::string& text = f.doc.default_value;
    if (f.doc.type == "number" || f.doc.type == "whole number") return Json(std::strtod(text.c_str(), nullptr));
    if (f.doc.type == "true or false") return Json(text == "true");
    if (text == "[]") return Json(Json::Array{});
    return Json(text);
  }

  std::vector<Field<T>> fields_;
  std::vector<const ObjectSpecBase*> children_;
  bool entity_ = false;
  std::string example_;
};

// ---------------------------------------------------------------------------------------------
// Field makers. `member` is the struct member the key fills.

template <typename T, typename M>
requires std::is_floating_point_v<M> Field<T> number(std::string key, M T::*member, Range range, std::string unit,
                                                     std::string meaning, Need need = Need::required) {
  KeyDoc doc{std::move(key),
             "number",
             std::move(unit),
             describe_range(range),
             need == Need::optional ? format_default(T{}.*member) : "",
             need == Need::required,
             std::move(meaning),
             ""};
  auto decode = [member, range](const Node& node, T& out, Context& context, const std::string& path) {
    const auto value = to_number(node, context, path);
    if (!value) return;
    if (!range.contains(*value)) {
      context.error(node, path, "expected a number " + describe_range(range) + ", found " + node.text());
      return;
    }
    out.*member = static_cast<M>(*value);
  };
  auto schema = [range](SchemaFor) { return typed_schema("number", range); };
  return {std::move(doc), decode, schema};
}

template <typename T, typename M>
requires std::is_integral_v<M> Field<T> integer(std::string key, M T::*member, Range range, std::string unit,
                                                std::string meaning, Need need = Need::required) {
  KeyDoc doc{std::move(key),
             "whole number",
             std::move(unit),
             describe_range(range),
             need == Need::optional ? std::to_string(T{}.*member) : "",
             need == Need::required,
             std::move(meaning),
             ""};
  auto decode = [member, range](const Node& node, T& out, Context& context, const std::string& path) {
    const auto value = to_integer(node, context, path);
    if (!value) return;
    if (!range.contains(static_cast<double>(*value))) {
      context.error(node, path, "expected a whole number " + describe_range(range) + ", found " + node.text());
      return;
    }
    out.*member = static_cast<M>(*value);
  };
  auto schema = [range](SchemaFor) { return typed_schema("integer", range); };
  return {std::move(doc), decode, schema};
}

template <typename T>
Field<T> boolean(std::string key, bool T::*member, std::string meaning, Need need = Need::optional) {
  KeyDoc doc{std::move(key),
             "true or false",
             "",
             "",
             need == Need::optional ? ((T{}.*member) ? "true" : "false") : "",
             need == Need::required,
             std::move(meaning),
             ""};
  auto decode = [member](const Node& node, T& out, Context& context, const std::string& path) {
    if (const auto value = to_boolean(node, context, path)) out.*member = *value;
  };
  auto schema = [](SchemaFor) { return typed_schema("boolean"); };
  return {std::move(doc), decode, schema};
}

template <typename T>
Field<T> text(std::string key, std::string T::*member, std::string meaning, Need need = Need::optional) {
  KeyDoc doc{std::move(key), "text", "", "", "", need == Need::required, std::move(meaning), ""};
  auto decode = [member](const Node& node, T& out, Context& context, const std::string& path) {
    if (auto value = to_text(node, context, path)) out.*member = std::move(*value);
  };
  auto schema = [](SchemaFor) { return typed_schema("string"); };
  return {std::move(doc), decode, schema};
}

/// The id of an entity: unique in its list, referred to by other entities.
template <typename T>
Field<T> identifier(std::string key, std::string T::*member, std::string meaning) {
  const std::string rule =
      "up to " + std::to_string(max_identifier_length) + " lower case letters, digits and _, starting with a letter";
  KeyDoc doc{std::move(key), "identifier", "", rule, "", true, std::move(meaning), ""};
  auto decode = [member, rule](const Node& node, T& out, Context& context, const std::string& path) {
    auto value = to_text(node, context, path);
    if (!value) return;
    if (!is_identifier(*value)) {
      context.error(node, path, "expected an identifier (" + rule + "), found " + node.describe());
      return;
    }
    out.*member = std::move(*value);
  };
  auto schema = [](SchemaFor) { return identifier_schema(); };
  return {std::move(doc), decode, schema};
}

/// The id of an entity in the top-level list `collection` (checked once every list is read).
template <typename T>
Field<T> reference(std::string key, std::string T::*member, const std::string& collection, const std::string& what,
                   std::string meaning, Need need = Need::required) {
  KeyDoc doc{std::move(key),         "id of " + what,    "", "an id in " + collection, "",
             need == Need::required, std::move(meaning), ""};
  auto decode = [member, collection](const Node& node, T& out, Context& context, const std::string& path) {
    auto value = to_text(node, context, path);
    if (!value) return;
    context.references.push_back({collection, *value, path});
    out.*member = std::move(*value);
  };
  auto schema = [](SchemaFor) { return identifier_schema(); };
  return {std::move(doc), decode, schema};
}

template <typename T>
Field<T> reference_list(std::string key, std::vector<std::string> T::*member, const std::string& collection,
                        const std::string& what, std::string meaning, Need need = Need::required) {
  KeyDoc doc{std::move(key),         "list of ids of " + what, "", "at least one id in " + collection, "",
             need == Need::required, std::move(meaning),       ""};
  auto decode = [member, collection](const Node& node, T& out, Context& context, const std::string& path) {
    if (!node.is_sequence() || node.items().empty()) {
      context.error(node, path, "expected a list of ids in " + collection + ", found " + node.describe());
      return;
    }
    for (std::size_t i = 0; i < node.items().size(); ++i) {
      const std::string item = item_path(path, i);
      context.remember(item, node.items()[i]);
      if (auto value = to_text(node.items()[i], context, item)) {
        context.references.push_back({collection, *value, item});
        (out.*member).push_back(std::move(*value));
      }
    }
  };
  auto schema = [](SchemaFor) {
    Json s = typed_schema("array");
    s.set("items", identifier_schema());
    s.set("minItems", 1);
    return s;
  };
  return {std::move(doc), decode, schema};
}

template <typename T>
Field<T> date(std::string key, models::Date T::*member, std::string meaning, Need need = Need::required) {
  KeyDoc doc{std::move(key), "date", "", "YYYY-MM-DD", "", need == Need::required, std::move(meaning), ""};
  auto decode = [member](const Node& node, T& out, Context& context, const std::string& path) {
    if (const auto value = to_date(node, context, path)) out.*member = *value;
  };
  auto schema = [](SchemaFor) {
    Json s = typed_schema("string");
    s.set("pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
    return s;
  };
  return {std::move(doc), decode, schema};
}

template <typename T, typename E>
Field<T> choice(std::string key, E T::*member, std::vector<std::pair<std::string, E>> options, std::string meaning,
                Need need = Need::required) {
  std::vector<std::string> names;
  std::string default_name;
  for (const auto& [name, value] : options) {
    names.push_back(name);
    if (value == T{}.*member) default_name = name;
  }
  KeyDoc doc{
      std::move(key),         "one of",           "", quoted_list(names), need == Need::optional ? default_name : "",
      need == Need::required, std::move(meaning), ""};
  auto decode = [member, options, names](const Node& node, T& out, Context& context, const std::string& path) {
    auto value = to_text(node, context, path);
    if (!value) return;
    for (const auto& [name, option] : options) {
      if (name == *value) {
        out.*member = option;
        return;
      }
    }
    const std::string hint = did_you_mean(*value, names);
    context.error(node, path, "expected " + quoted_list(names) + ", found " + node.describe() + hint);
  };
  auto schema = [names](SchemaFor) {
    Json::Array values;
    for (const std::string& name : names) values.emplace_back(name);
    Json s = typed_schema("string");
    s.set("enum", values);
    return s;
  };
  return {std::move(doc), decode, schema};
}

template <typename T, typename U>
Field<T> object(std::string key, U T::*member, const ObjectSpec<U>& spec, std::string meaning,
                Need need = Need::required) {
  KeyDoc doc{
      std::move(key),         "mapping",          "",          "", need == Need::optional ? "see " + spec.title() : "",
      need == Need::required, std::move(meaning), spec.title()};
  auto decode = [member, &spec](const Node& node, T& out, Context& context, const std::string& path) {
    spec.decode(node, out.*member, context, path);
  };
  auto schema = [&spec](SchemaFor file) { return spec.schema(file); };
  return {std::move(doc), decode, schema};
}

template <typename T, typename U>
Field<T> optional_object(std::string key, std::optional<U> T::*member, const ObjectSpec<U>& spec, std::string meaning) {
  KeyDoc doc{std::move(key), "mapping", "", "", "none", false, std::move(meaning), spec.title()};
  auto decode = [member, &spec](const Node& node, T& out, Context& context, const std::string& path) {
    U value{};
    spec.decode(node, value, context, path);
    out.*member = std::move(value);
  };
  auto schema = [&spec](SchemaFor file) { return spec.schema(file); };
  return {std::move(doc), decode, schema};
}

template <typename T, typename U>
Field<T> list(std::string key, std::vector<U> T::*member, const ObjectSpec<U>& spec, std::string meaning,
              Need need = Need::optional, std::size_t min_items = 0,
              std::size_t max_items = std::numeric_limits<std::size_t>::max()) {
  constexpr std::size_t no_max = std::numeric_limits<std::size_t>::max();
  std::string allowed = min_items > 0 ? "at least " + std::to_string(min_items) + " item(s)" : "";
  if (max_items != no_max) {
    allowed += (allowed.empty() ? "at most " : ", at most ") + std::to_string(max_items);
  }
  KeyDoc doc{std::move(key),     "list",      "", allowed, need == Need::optional ? "[]" : "", need == Need::required,
             std::move(meaning), spec.title()};
  auto decode = [member, &spec, min_items, max_items](const Node& node, T& out, Context& context,
                                                      const std::string& path) {
    if (!node.is_sequence()) {
      context.error(node, path, "expected a list of " + spec.title() + " entries, found " + node.describe());
      return;
    }
    if (node.items().size() < min_items) {
      context.error(node, path,
                    "expected at least " + std::to_string(min_items) + " " + spec.title() + " entries, found " +
                        std::to_string(node.items().size()));
    }
    if (node.items().size() > max_items) {
      context.error(node, path,
                    "expected at most " + std::to_string(max_items) + " " + spec.title() + " entries, found " +
                        std::to_string(node.items().size()));
      return;
    }
    auto& items = out.*member;
    items.clear();
    items.resize(node.items().size());
    for (std::size_t i = 0; i < node.items().size(); ++i)
      spec.decode(node.items()[i], items[i], context, item_path(path, i));
  };
  auto schema = [&spec, min_items, max_items](SchemaFor file) {
    Json s = typed_schema("array");
    // A file that extends another merges lists of entities by id, but replaces any other list
    // whole: its items must then be complete.
    s.set("items", spec.schema(spec.is_entity() ? file : SchemaFor::complete_file));
    if (min_items > 0) s.set("minItems", static_cast<int>(min_items));
    if (max_items != no_max) s.set("maxItems", static_cast<int>(max_items));
    return s;
  };
  return {std::move(doc), decode, schema};
}

}  // namespace truckflow::scenarios::detail
