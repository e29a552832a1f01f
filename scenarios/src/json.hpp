// A small JSON value with ordered object keys, written pretty-printed: enough to emit the
// scenario's JSON Schema. Internal to scenarios/.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace truckflow::scenarios::detail {

class Json {
 public:
  using Object = std::vector<std::pair<std::string, Json>>;
  using Array = std::vector<Json>;

  Json() = default;                                        // null
  Json(bool value) : value_(value) {}                      // NOLINT(google-explicit-constructor)
  Json(double value) : value_(value) {}                    // NOLINT(google-explicit-constructor)
  Json(int value) : value_(static_cast<double>(value)) {}  // NOLINT(google-explicit-constructor)
  Json(const char* value) : value_(std::string(value)) {}  // NOLINT(google-explicit-constructor)
  Json(std::string value) : value_(std::move(value)) {}    // NOLINT(google-explicit-constructor)
  Json(Array value) : value_(std::move(value)) {}          // NOLINT(google-explicit-constructor)
  static Json object() {
    Json j;
    j.value_ = Object{};
    return j;
  }

  /// Sets (or replaces) a key of an object, keeping the order of first insertion.
  Json& set(const std::string& key, Json value);
  const Json* find(const std::string& key) const;
  Json* find(const std::string& key);

  /// Pretty-printed with two-space indentation and a final newline.
  std::string dump() const;

 private:
  void write(std::string& out, int indent) const;
  std::variant<std::monostate, bool, double, std::string, Array, Object> value_;
};

}  // namespace truckflow::scenarios::detail
