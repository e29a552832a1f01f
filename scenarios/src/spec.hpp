// Declarative specifications of the scenario's objects: each key's type, unit, range, default
// and meaning, in one place. A spec decodes nodes into the models' description structs (strictly,
// reporting every problem with its location) and writes the JSON Schema and the key reference
// of docs/scenario.md. Internal to scenarios/.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>
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

/// Allowed values of a number: [min, max]; (min, ...] when `min_exclusive`, [..., max) when
/// `max_exclusive`.
struct Range {
  std::optional<double> min;
  std::optional<double> max;
  bool min_exclusive = false;
  bool max_exclusive = false;

  bool contains(double value) const {
    const bool low = min && (min_exclusive ? value <= *min : value < *min);
    const bool high = max && (max_exclusive ? value >= *max : value > *max);
    return !low && !high;
  }
};
inline constexpr Range non_negative{0.0, std::nullopt, false};
inline constexpr Range positive{0.0, std::nullopt, true};
inline constexpr Range share{0.0, 1.0, false};
/// A coefficient of variation.
inline constexpr Range variation{0.0, 3.0, false};

/// A top-level list of entities: items with a unique `id` that other keys refer to by id. Declared
/// once (e.g. `const EntityList regions{"regions", "region"};`) and registered once, by the
/// `entities` field that holds the list: duplicate ids, references, `extends` merge-by-id and the
/// docs all derive from that field.
struct EntityList {
  std::string key;   ///< the list's key in the scenario, e.g. "truck_types"
  std::string noun;  ///< one item, e.g. "truck type": "duplicate truck type id", "unknown truck type"

  /// "a truck type", "an upfitter".
  std::string a_noun() const { return (noun.find_first_of("aeiou") == 0 ? "an " : "a ") + noun; }
  /// "truck types" (the key, words apart).
  std::string plural() const {
    std::string words = key;
    std::replace(words.begin(), words.end(), '_', ' ');
    return words;
  }
};

/// What a key looks like, for the documentation.
struct KeyDoc {
  std::string key;
  std::string type;           ///< "number", "whole number", "text", "date", "id of a region", ...
  std::string unit;           ///< "" when the value has no unit
  std::string allowed;        ///< "> 0", "0 to 1", "'a', 'b' or 'c'", ...
  std::string default_value;  ///< "" when required
  bool required = false;
  std::string meaning;
  std::string object;              ///< the nested object's title, for objects and lists of objects
  std::vector<std::string> kinds;  ///< a discriminated object's kinds the key is for (empty: every kind)
};

/// Which files a JSON Schema describes: a complete scenario (every required key present), or a
/// file that extends another (overrides only: an entity needs just its id, and may be removed).
enum class SchemaFor { complete_file, extending_file };

class ObjectSpecBase;

template <typename T>
struct Field {
  KeyDoc doc;
  std::function<void(const Node&, T&, Context&, const std::string&)> decode;
  std::function<Json(SchemaFor)> schema;  ///< the value's schema, without description
  const ObjectSpecBase* child = nullptr;  ///< the nested object's spec (objects, lists of objects): docs derive it
  const EntityList* entities = nullptr;   ///< the entity list this key holds (see `entities`)
  std::function<std::vector<std::string>(const T&)> ids;  ///< that list's ids, in order
  std::vector<std::string> options;                       ///< a choice's values (a discriminator's kinds)
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
  /// Nested object specs (derived from the keys), for the documentation.
  virtual std::vector<const ObjectSpecBase*> children() const = 0;
  /// The spec of the object (or list item) under `key`, or null.
  virtual const ObjectSpecBase* child(const std::string& key) const = 0;
  /// The entity list registered under `key`, or null: `extends` merges it by id.
  virtual const EntityList* entity_list(const std::string& key) const = 0;
  /// Every entity list registered in this object.
  virtual std::vector<const EntityList*> entity_lists() const = 0;
  /// An entity has an `identifier` key: always required, and removable in an extending file.
  virtual bool is_entity() const = 0;
  /// The discriminator key (e.g. "kind") of a discriminated object, or "".
  virtual const std::string& discriminator() const = 0;
  /// A discriminated object's kinds (the discriminator's values), or none.
  virtual std::vector<std::string> kinds() const = 0;

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
/// The key reference of `root` and every object under it: Markdown tables, one per object (the
/// key reference of docs/scenario.md is that of the scenario spec).
std::string key_reference(const ObjectSpecBase& root);

template <typename T>
class ObjectSpec : public ObjectSpecBase {
 public:
  using ObjectSpecBase::ObjectSpecBase;

  /// A key every object of this kind may have.
  ObjectSpec& add(Field<T> field) {
    fields_.push_back(std::move(field));
    return *this;
  }
  /// Makes this a discriminated object: the `choice` key `key`, added before, names the object's
  /// kind, and keys added with `add_for` are allowed only for the kinds they list.
  ObjectSpec& discriminated_by(const std::string& key) {
    const Field<T>* field = find(key);
    if (field == nullptr || field->options.empty()) {
      throw std::logic_error("spec '" + title() + "': the discriminator '" + key + "' must be a choice added before");
    }
    discriminator_ = key;
    return *this;
  }
  /// A key allowed only for objects of the given kinds (values of the discriminator).
  ObjectSpec& add_for(std::vector<std::string> kinds, Field<T> field) {
    const Field<T>* discriminator = find(discriminator_);
    if (discriminator == nullptr) throw std::logic_error("spec '" + title() + "': add_for before discriminated_by");
    for (const std::string& kind : kinds) {
      if (std::find(discriminator->options.begin(), discriminator->options.end(), kind) ==
          discriminator->options.end()) {
        throw std::logic_error("spec '" + title() + "': '" + kind + "' is no value of '" + discriminator_ + "'");
      }
    }
    field.doc.kinds = std::move(kinds);
    return add(std::move(field));
  }
  /// How the object is written, shown when something else is found, e.g. "{en: Chengdu, zh: 成都}".
  ObjectSpec& example(std::string text) {
    example_ = std::move(text);
    return *this;
  }

  bool is_entity() const override {
    return std::any_of(fields_.begin(), fields_.end(), [](const Field<T>& f) { return f.doc.type == "identifier"; });
  }
  const std::string& discriminator() const override { return discriminator_; }
  std::vector<std::string> kinds() const override {
    return discriminator_.empty() ? std::vector<std::string>{} : find(discriminator_)->options;
  }

  void decode(const Node& node, T& out, Context& context, const std::string& path) const {
    context.remember(path, node);
    if (!node.is_map()) {
      context.error(node, path,
                    "expected a mapping (" + title() + "), found " + node.describe() +
                        (example_.empty() ? "" : "; write it like " + example_));
      return;
    }
    const std::optional<std::string> kind = kind_of(node);
    const std::string of_kind = kind ? " of " + discriminator_ + " '" + *kind + "'" : "";
    std::vector<bool> present(fields_.size(), false);
    for (const auto& entry : node.entries()) {
      const Node& key = entry.first;  // (lambdas may not capture structured bindings before clang 16)
      const Node& value = entry.second;
      const std::string& name = key.text();
      const Field<T>* field = find(name);
      if (field == nullptr && is_entity() && name == "remove") {
        context.error(key, child_path(path, name),
                      "'remove' (remove: true deletes an item of the scenario a file extends) is allowed only "
                      "in a file with extends");
        continue;
      }
      if (field == nullptr) {
        context.error(key, child_path(path, name),
                      "unknown key '" + name + "' in " + title() + of_kind + unknown_key_hint(name, kind));
        continue;
      }
      if (kind && !for_kind(*field, *kind)) {
        const std::string hint = did_you_mean(name, names_for(kind));
        context.error(
            key, child_path(path, name),
            "key '" + name + "' is not allowed for " + article(title()) + of_kind +
                (hint.empty() ? " (it is for " + discriminator_ + " " + quoted_list(field->doc.kinds) + ")" : hint));
        continue;
      }
      present[static_cast<std::size_t>(field - fields_.data())] = true;
      const std::string key_path = child_path(path, name);
      context.remember(key_path, value);
      field->decode(value, out, context, key_path);
    }
    for (std::size_t i = 0; i < fields_.size(); ++i) {
      const KeyDoc& doc = fields_[i].doc;
      // Keys of some kinds only are required when the kind is known to be one of them.
      const bool applies = doc.kinds.empty() || (kind && for_kind(fields_[i], *kind));
      if (doc.required && applies && !present[i]) {
        context.error(node, path,
                      "missing required key '" + doc.key + "'" +
                          (doc.kinds.empty() ? "" : " for " + article(title()) + of_kind) + ": " + doc.meaning +
                          (doc.unit.empty() ? "" : " [" + doc.unit + "]"));
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
      if (f.doc.required && f.doc.kinds.empty() && needed_in(file, f)) required.emplace_back(f.doc.key);
      Json property = f.schema(file);
      std::string description = f.doc.meaning;
      if (!f.doc.unit.empty()) description += " [" + f.doc.unit + "]";
      if (!f.doc.kinds.empty()) description += " (" + discriminator_ + " " + quoted_list(f.doc.kinds) + " only)";
      property.set("description", description);
      if (!f.doc.default_value.empty() && !f.doc.required && f.doc.object.empty()) {
        property.set("default", default_json(f));
      }
      properties.set(f.doc.key, property);
    }
    if (is_entity() && file == SchemaFor::extending_file) {
      Json remove = typed_schema("boolean");
      remove.set("description", "true: delete the extended scenario's item with this id");
      properties.set("remove", remove);
    }
    s.set("properties", properties);
    s.set("additionalProperties", false);
    if (!required.empty()) s.set("required", required);
    if (!discriminator_.empty()) s.set("allOf", kind_schemas(file));
    return s;
  }

  std::vector<const ObjectSpecBase*> children() const override {
    std::vector<const ObjectSpecBase*> result;
    for (const Field<T>& f : fields_) {
      if (f.child != nullptr && std::find(result.begin(), result.end(), f.child) == result.end()) {
        result.push_back(f.child);
      }
    }
    return result;
  }
  const ObjectSpecBase* child(const std::string& key) const override {
    const Field<T>* field = find(key);
    return field != nullptr ? field->child : nullptr;
  }
  const EntityList* entity_list(const std::string& key) const override {
    const Field<T>* field = find(key);
    return field != nullptr ? field->entities : nullptr;
  }
  std::vector<const EntityList*> entity_lists() const override {
    std::vector<const EntityList*> lists;
    for (const Field<T>& f : fields_) {
      if (f.entities != nullptr) lists.push_back(f.entities);
    }
    return lists;
  }
  /// The ids of every entity list registered in this object, read from `value`.
  std::vector<std::pair<const EntityList*, std::vector<std::string>>> entity_ids(const T& value) const {
    std::vector<std::pair<const EntityList*, std::vector<std::string>>> result;
    for (const Field<T>& f : fields_) {
      if (f.entities != nullptr) result.emplace_back(f.entities, f.ids(value));
    }
    return result;
  }

 private:
  const Field<T>* find(const std::string& key) const {
    const auto it =
        std::find_if(fields_.begin(), fields_.end(), [&key](const Field<T>& f) { return f.doc.key == key; });
    return it == fields_.end() ? nullptr : &*it;
  }
  static bool for_kind(const Field<T>& field, const std::string& kind) {
    return field.doc.kinds.empty() ||
           std::find(field.doc.kinds.begin(), field.doc.kinds.end(), kind) != field.doc.kinds.end();
  }
  /// The object's kind, if it is discriminated and its discriminator holds (or defaults to) a valid value.
  std::optional<std::string> kind_of(const Node& node) const {
    if (discriminator_.empty()) return std::nullopt;
    const Field<T>& field = *find(discriminator_);
    const Node* value = node.find(discriminator_);
    if (value == nullptr) {
      return field.doc.required ? std::nullopt : std::optional<std::string>(field.doc.default_value);
    }
    if (!value->is_scalar() ||
        std::find(field.options.begin(), field.options.end(), value->text()) == field.options.end()) {
      return std::nullopt;  // reported when the discriminator is decoded
    }
    return value->text();
  }
  /// The keys allowed for `kind` (every key when the kind is unknown).
  std::vector<std::string> names_for(const std::optional<std::string>& kind) const {
    std::vector<std::string> names;
    for (const Field<T>& f : fields_) {
      if (!kind || for_kind(f, *kind)) names.push_back(f.doc.key);
    }
    return names;
  }
  std::string unknown_key_hint(const std::string& key, const std::optional<std::string>& kind) const {
    const std::vector<std::string> names = names_for(kind);
    const std::string hint = did_you_mean(key, names);
    return hint.empty() ? "; expected one of " + quoted_list(names) : hint;
  }
  static std::string article(const std::string& noun) {
    return (noun.find_first_of("aeiou") == 0 ? "an " : "a ") + noun;
  }
  bool needed_in(SchemaFor file, const Field<T>& f) const {
    return file == SchemaFor::complete_file || (is_entity() && f.doc.type == "identifier");
  }
  /// One if/then per kind: the keys of other kinds are refused, the kind's required keys required.
  Json::Array kind_schemas(SchemaFor file) const {
    const Field<T>& field = *find(discriminator_);
    Json::Array all;
    for (const std::string& kind : field.options) {
      Json condition = Json::object();
      Json is_kind = Json::object();
      is_kind.set("const", kind);
      Json condition_properties = Json::object();
      condition_properties.set(discriminator_, is_kind);
      condition.set("properties", condition_properties);
      // An absent discriminator is its default kind (in a complete file; an extending file may
      // leave the kind to the file it extends).
      if (field.doc.required || kind != field.doc.default_value || file == SchemaFor::extending_file) {
        condition.set("required", Json::Array{discriminator_});
      }
      Json refused = Json::object();
      Json::Array required;
      for (const Field<T>& f : fields_) {
        if (!for_kind(f, kind)) refused.set(f.doc.key, false);
        if (!f.doc.kinds.empty() && for_kind(f, kind) && f.doc.required && needed_in(file, f)) {
          required.emplace_back(f.doc.key);
        }
      }
      Json then = Json::object();
      then.set("properties", refused);
      if (!required.empty()) then.set("required", required);
      Json rule = Json::object();
      rule.set("if", condition);
      rule.set("then", then);
      all.push_back(rule);
    }
    return all;
  }
  static Json default_json(const Field<T>& f) {
    const std::string& text = f.doc.default_value;
    if (f.doc.type == "number" || f.doc.type == "whole number") return Json(std::strtod(text.c_str(), nullptr));
    if (f.doc.type == "true or false") return Json(text == "true");
    if (text == "[]") return Json(Json::Array{});
    return Json(text);
  }

  std::vector<Field<T>> fields_;
  std::string discriminator_;
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

/// The id of an entity in the list `list` (checked once every list is read).
template <typename T>
Field<T> reference(std::string key, std::string T::*member, const EntityList& list, std::string meaning,
                   Need need = Need::required) {
  KeyDoc doc{std::move(key),         "id of " + list.a_noun(), "", "an id in " + list.key, "",
             need == Need::required, std::move(meaning),       ""};
  auto decode = [member, &list](const Node& node, T& out, Context& context, const std::string& path) {
    auto value = to_text(node, context, path);
    if (!value) return;
    context.references.push_back({list.key, *value, path});
    out.*member = std::move(*value);
  };
  auto schema = [](SchemaFor) { return identifier_schema(); };
  return {std::move(doc), decode, schema};
}

template <typename T>
Field<T> reference_list(std::string key, std::vector<std::string> T::*member, const EntityList& list,
                        std::string meaning, Need need = Need::required) {
  KeyDoc doc{std::move(key),
             "list of ids of " + list.plural(),
             "",
             "at least one id in " + list.key,
             "",
             need == Need::required,
             std::move(meaning),
             ""};
  auto decode = [member, &list](const Node& node, T& out, Context& context, const std::string& path) {
    if (!node.is_sequence() || node.items().empty()) {
      context.error(node, path, "expected a list of ids in " + list.key + ", found " + node.describe());
      return;
    }
    for (std::size_t i = 0; i < node.items().size(); ++i) {
      const std::string item = item_path(path, i);
      context.remember(item, node.items()[i]);
      if (auto value = to_text(node.items()[i], context, item)) {
        context.references.push_back({list.key, *value, item});
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

/// A date key holding `Member` (a date, or an optional date).
template <typename T, typename Member>
Field<T> date_key(std::string key, Member T::*member, std::string meaning, bool required) {
  KeyDoc doc{std::move(key), "date", "", "YYYY-MM-DD", "", required, std::move(meaning), ""};
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

template <typename T>
Field<T> date(std::string key, models::Date T::*member, std::string meaning, Need need = Need::required) {
  return date_key(std::move(key), member, std::move(meaning), need == Need::required);
}

/// A date that may be absent (std::nullopt: none given).
template <typename T>
Field<T> optional_date(std::string key, std::optional<models::Date> T::*member, std::string meaning) {
  return date_key(std::move(key), member, std::move(meaning), false);
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
  return {std::move(doc), decode, schema, nullptr, nullptr, {}, names};
}

/// A list of distinct values of a choice (at least one).
template <typename T, typename E>
Field<T> choice_list(std::string key, std::vector<E> T::*member, std::vector<std::pair<std::string, E>> options,
                     std::string meaning, Need need = Need::required) {
  std::vector<std::string> names;
  for (const auto& [name, value] : options) names.push_back(name);
  KeyDoc doc{
      std::move(key),         "list of",          "", "at least one of " + quoted_list(names) + ", each once", "",
      need == Need::required, std::move(meaning), ""};
  auto decode = [member, options, names](const Node& node, T& out, Context& context, const std::string& path) {
    if (!node.is_sequence() || node.items().empty()) {
      context.error(node, path, "expected a list of " + quoted_list(names) + ", found " + node.describe());
      return;
    }
    std::vector<E>& values = out.*member;
    for (std::size_t i = 0; i < node.items().size(); ++i) {
      const Node& item = node.items()[i];
      const std::string item_key = item_path(path, i);
      context.remember(item_key, item);
      const auto value = to_text(item, context, item_key);
      if (!value) continue;
      const auto option =
          std::find_if(options.begin(), options.end(), [&](const auto& o) { return o.first == *value; });
      if (option == options.end()) {
        context.error(item, item_key,
                      "expected " + quoted_list(names) + ", found " + item.describe() + did_you_mean(*value, names));
      } else if (std::find(values.begin(), values.end(), option->second) != values.end()) {
        context.error(item, item_key, "'" + *value + "' is listed twice");
      } else {
        values.push_back(option->second);
      }
    }
  };
  auto schema = [names](SchemaFor) {
    Json::Array values;
    for (const std::string& name : names) values.emplace_back(name);
    Json item = typed_schema("string");
    item.set("enum", values);
    Json s = typed_schema("array");
    s.set("items", item);
    s.set("minItems", 1);
    s.set("uniqueItems", true);
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
  return {std::move(doc), decode, schema, &spec};
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
  return {std::move(doc), decode, schema, &spec};
}

/// The schema of a list of `spec` objects; `file` is the file the list is in, `items` what its items must be.
inline Json list_schema(const ObjectSpecBase& spec, SchemaFor items, SchemaFor file, std::size_t min_items,
                        std::size_t max_items) {
  Json s = typed_schema("array");
  s.set("items", spec.schema(file == SchemaFor::extending_file ? items : SchemaFor::complete_file));
  if (min_items > 0) s.set("minItems", static_cast<int>(min_items));
  if (max_items != std::numeric_limits<std::size_t>::max()) s.set("maxItems", static_cast<int>(max_items));
  return s;
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
  // A file that extends another replaces a list whole (its items must then be complete), but
  // merges an entity list by id (see `entities`).
  auto schema = [&spec, min_items, max_items](SchemaFor file) {
    return list_schema(spec, SchemaFor::complete_file, file, min_items, max_items);
  };
  return {std::move(doc), decode, schema, &spec};
}

/// Registers the entity list `list`, held in `member`, whose items `spec` describes (an object
/// with an `identifier` key): its ids are checked unique, references to `list` resolve against
/// them, a file with `extends` merges it by id, and the docs list it. The one place a list is
/// registered.
template <typename T, typename U>
Field<T> entities(const EntityList& list, std::vector<U> T::*member, const ObjectSpec<U>& spec, std::string meaning,
                  Need need = Need::optional, std::size_t min_items = 0,
                  std::size_t max_items = std::numeric_limits<std::size_t>::max()) {
  if (!spec.is_entity()) throw std::logic_error("entity list '" + list.key + "': its items need an identifier key");
  Field<T> field = detail::list(list.key, member, spec, std::move(meaning), need, min_items, max_items);
  field.entities = &list;
  field.schema = [&spec, min_items, max_items](SchemaFor file) {
    return list_schema(spec, SchemaFor::extending_file, file, min_items, max_items);
  };
  field.ids = [member](const T& value) {
    std::vector<std::string> ids;
    for (const U& item : value.*member) ids.push_back(item.id);
    return ids;
  };
  return field;
}

// ---------------------------------------------------------------------------------------------
// Values that are not one scalar: maps keyed by ids, tables, paths in time (time_spec.hpp). A
// ValueSpec decodes one value and describes it; `value` makes it a key, and a ValueSpec may hold
// another (a table is a map of maps).

template <typename V>
struct ValueSpec {
  std::string type;     ///< for the docs: "number", "mapping of region id to number", ...
  std::string allowed;  ///< for the docs: "0 to 1", ...
  std::function<std::optional<V>(const Node&, Context&, const std::string&)> decode;
  std::function<Json()> schema;
};

/// A number in `range`.
inline ValueSpec<double> number_value(Range range) {
  auto decode = [range](const Node& node, Context& context, const std::string& path) -> std::optional<double> {
    const auto value = to_number(node, context, path);
    if (!value) return std::nullopt;
    if (!range.contains(*value)) {
      context.error(node, path, "expected a number " + describe_range(range) + ", found " + node.text());
      return std::nullopt;
    }
    return value;
  };
  return {"number", describe_range(range), decode, [range] { return typed_schema("number", range); }};
}

/// What a map keyed by ids must add up to (e.g. shares: 1).
struct Total {
  double value;
  double tolerance = 1e-9;
};

/// A mapping from ids of `list` to values, e.g. a share per region `{chengdu: 0.6, panzhihua: 0.4}`.
/// Every key must be an id in the list (checked with references, located at the key); `total`,
/// when given, is what the values must add up to. Read into a std::map (ordered by id).
template <typename V>
ValueSpec<std::map<std::string, V>> by_id(const EntityList& list, ValueSpec<V> value,
                                          std::optional<Total> total = std::nullopt) {
  if (total && !std::is_arithmetic_v<V>) throw std::logic_error("by_id: only numbers add up to a total");
  ValueSpec<std::map<std::string, V>> spec;
  spec.type = "mapping of " + list.noun + " id to " + value.type;
  // A table's inner map says its own keys and values in parentheses.
  const bool nested = value.allowed.find(';') != std::string::npos;
  spec.allowed = "keys: ids in " + list.key +
                 (value.allowed.empty() ? "" : "; values: " + (nested ? "(" + value.allowed + ")" : value.allowed));
  if (total) spec.allowed += "; adding up to " + format_default(total->value);
  const std::string expected = "a mapping from " + list.noun + " ids to " + value.type;
  spec.decode = [&list, value, total, expected](const Node& node, Context& context,
                                                const std::string& path) -> std::optional<std::map<std::string, V>> {
    if (!node.is_map()) {
      context.error(node, path, "expected " + expected + ", found " + node.describe());
      return std::nullopt;
    }
    std::map<std::string, V> result;
    bool complete = true;
    for (const auto& [key, item] : node.entries()) {
      const std::string key_path = child_path(path, key.text());
      context.remember(key_path, key);  // an unknown id is reported at its key
      context.references.push_back({list.key, key.text(), key_path});
      auto decoded = value.decode(item, context, key_path);
      if (decoded) {
        result.emplace(key.text(), std::move(*decoded));
      } else {
        complete = false;
      }
    }
    if (total && complete) {
      double sum = 0.0;
      if constexpr (std::is_arithmetic_v<V>) {
        for (const auto& entry : result) sum += static_cast<double>(entry.second);
      }
      if (std::abs(sum - total->value) > total->tolerance) {
        context.error(node, path,
                      "the values add up to " + format_default(sum) + "; expected " + format_default(total->value));
        return std::nullopt;
      }
    }
    if (!complete) return std::nullopt;
    return result;
  };
  spec.schema = [value] {
    Json s = typed_schema("object");
    s.set("propertyNames", identifier_schema());
    s.set("additionalProperties", value.schema());
    return s;
  };
  return spec;
}

/// A key holding a value of `spec`.
template <typename T, typename V>
Field<T> value(std::string key, V T::*member, ValueSpec<V> spec, std::string unit, std::string meaning,
               Need need = Need::required) {
  KeyDoc doc{std::move(key),     spec.type, std::move(unit), spec.allowed, "", need == Need::required,
             std::move(meaning), ""};
  auto decode = [member, spec](const Node& node, T& out, Context& context, const std::string& path) {
    if (auto decoded = spec.decode(node, context, path)) out.*member = std::move(*decoded);
  };
  auto schema = [spec](SchemaFor) { return spec.schema(); };
  return {std::move(doc), decode, schema};
}

}  // namespace truckflow::scenarios::detail
