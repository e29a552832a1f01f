// Json: building and pretty-printing.
#include "json.hpp"

#include <cmath>
#include <cstdio>

namespace truckflow::scenarios::detail {

Json& Json::set(const std::string& key, Json value) {
  auto& object = std::get<Object>(value_);
  for (auto& [k, v] : object) {
    if (k == key) {
      v = std::move(value);
      return v;
    }
  }
  object.emplace_back(key, std::move(value));
  return object.back().second;
}

const Json* Json::find(const std::string& key) const {
  if (const auto* object = std::get_if<Object>(&value_)) {
    for (const auto& [k, v] : *object) {
      if (k == key) return &v;
    }
  }
  return nullptr;
}

Json* Json::find(const std::string& key) {
  return const_cast<Json*>(static_cast<const Json&>(*this).find(key));  // NOLINT(cppcoreguidelines-pro-type-const-cast)
}

namespace {

void write_string(std::string& out, const std::string& s) {
  out += '"';
  for (const char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
          out += buffer;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void write_number(std::string& out, double value) {
  char buffer[32];
  if (std::nearbyint(value) == value && std::fabs(value) < 1e15) {
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.17g", value);
  }
  out += buffer;
}

}  // namespace

void Json::write(std::string& out, int indent) const {
  const std::string pad(static_cast<std::size_t>(indent + 2), ' ');
  const std::string close(static_cast<std::size_t>(indent), ' ');
  if (std::holds_alternative<std::monostate>(value_)) {
    out += "null";
  } else if (const bool* b = std::get_if<bool>(&value_)) {
    out += *b ? "true" : "false";
  } else if (const double* d = std::get_if<double>(&value_)) {
    write_number(out, *d);
  } else if (const std::string* s = std::get_if<std::string>(&value_)) {
    write_string(out, *s);
  } else if (const Array* a = std::get_if<Array>(&value_)) {
    bool scalars = true;
    for (const Json& item : *a)
      scalars = scalars && !std::holds_alternative<Object>(item.value_) && !std::holds_alternative<Array>(item.value_);
    if (a->empty() || scalars) {
      out += '[';
      for (std::size_t i = 0; i < a->size(); ++i) {
        if (i > 0) out += ", ";
        (*a)[i].write(out, indent);
      }
      out += ']';
    } else {
      out += "[\n";
      for (std::size_t i = 0; i < a->size(); ++i) {
        out += pad;
        (*a)[i].write(out, indent + 2);
        out += i + 1 < a->size() ? ",\n" : "\n";
      }
      out += close + "]";
    }
  } else {
    const Object& object = std::get<Object>(value_);
    if (object.empty()) {
      out += "{}";
      return;
    }
    out += "{\n";
    for (std::size_t i = 0; i < object.size(); ++i) {
      out += pad;
      write_string(out, object[i].first);
      out += ": ";
      object[i].second.write(out, indent + 2);
      out += i + 1 < object.size() ? ",\n" : "\n";
    }
    out += close + "}";
  }
}

std::string Json::dump() const {
  std::string out;
  write(out, 0);
  return out + "\n";
}

}  // namespace truckflow::scenarios::detail
