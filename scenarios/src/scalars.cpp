// Scalar conversions with precise messages.
#include "scalars.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <iterator>

namespace truckflow::scenarios::detail {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?  — YAML 1.2's decimal numbers.
bool is_decimal_number(const std::string& text) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
  std::size_t digits = 0;
  while (i < n && is_digit(text[i])) ++i, ++digits;
  if (i < n && text[i] == '.') {
    ++i;
    while (i < n && is_digit(text[i])) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
    std::size_t exponent = 0;
    while (i < n && is_digit(text[i])) ++i, ++exponent;
    if (exponent == 0) return false;
  }
  return i == n;
}

/// [-+]?[0-9]+
bool is_whole_number(const std::string& text) {
  std::size_t i = (!text.empty() && (text[0] == '+' || text[0] == '-')) ? 1 : 0;
  return i < text.size() && std::all_of(text.begin() + static_cast<std::ptrdiff_t>(i), text.end(), is_digit);
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool looks_non_finite(const std::string& text) {
  std::string t = lower(text);
  if (!t.empty() && (t[0] == '+' || t[0] == '-')) t.erase(0, 1);
  return t == ".inf" || t == ".nan" || t == "inf" || t == "infinity" || t == "nan";
}

bool is_yaml11_boolean(const std::string& text) {
  static const char* const words[] = {"yes", "no", "on", "off", "y", "n", "true", "false"};
  const std::string t = lower(text);
  return std::any_of(std::begin(words), std::end(words), [&](const char* w) { return t == w; });
}

bool require_scalar(const Node& node, Context& context, const std::string& path, const char* expected) {
  if (node.is_scalar()) return true;
  context.error(node, path, std::string("expected ") + expected + ", found " + node.describe());
  return false;
}

}  // namespace

std::optional<double> to_number(const Node& node, Context& context, const std::string& path) {
  if (!require_scalar(node, context, path, "a number")) return std::nullopt;
  const std::string& text = node.text();
  if (!node.plain()) {
    context.error(node, path, "expected a number, found " + node.describe() + " (numbers are written without quotes)");
    return std::nullopt;
  }
  if (looks_non_finite(text)) {
    context.error(node, path, "expected a finite number, found '" + text + "'");
    return std::nullopt;
  }
  if (!is_decimal_number(text)) {
    context.error(node, path, "expected a number, found '" + text + "'");
    return std::nullopt;
  }
  const double value = std::strtod(text.c_str(), nullptr);
  if (!std::isfinite(value)) {
    context.error(node, path, "expected a finite number, found '" + text + "' (out of range)");
    return std::nullopt;
  }
  return value;
}

std::optional<std::int64_t> to_integer(const Node& node, Context& context, const std::string& path) {
  if (!require_scalar(node, context, path, "a whole number")) return std::nullopt;
  const std::string& text = node.text();
  if (!node.plain() || !is_whole_number(text)) {
    context.error(node, path, "expected a whole number, found " + node.describe());
    return std::nullopt;
  }
  std::int64_t value = 0;
  const char* begin = text.data() + (text[0] == '+' ? 1 : 0);
  const auto [end, error] = std::from_chars(begin, text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) {
    context.error(node, path, "the whole number '" + text + "' is out of range");
    return std::nullopt;
  }
  return value;
}

std::optional<bool> to_boolean(const Node& node, Context& context, const std::string& path) {
  if (!require_scalar(node, context, path, "true or false")) return std::nullopt;
  if (node.plain() && node.text() == "true") return true;
  if (node.plain() && node.text() == "false") return false;
  if (node.plain() && is_yaml11_boolean(node.text())) {
    context.error(node, path,
                  "expected true or false, found '" + node.text() + "' (write true or false in lower case)");
  } else {
    context.error(node, path, "expected true or false, found " + node.describe());
  }
  return std::nullopt;
}

std::optional<std::string> to_text(const Node& node, Context& context, const std::string& path) {
  if (!require_scalar(node, context, path, "text")) return std::nullopt;
  return node.text();
}

std::optional<models::Date> to_date(const Node& node, Context& context, const std::string& path) {
  if (!require_scalar(node, context, path, "a date (YYYY-MM-DD)")) return std::nullopt;
  const std::string& text = node.text();
  // Digits everywhere but the two dashes ("--26-01-01" once reached std::stoi and ended the run).
  bool shaped = text.size() == 10;
  for (std::size_t i = 0; shaped && i < text.size(); ++i)
    shaped = (i == 4 || i == 7) ? text[i] == '-' : is_digit(text[i]);
  if (shaped) {
    const models::Date date{std::chrono::year(std::stoi(text.substr(0, 4))),
                            std::chrono::month(static_cast<unsigned>(std::stoi(text.substr(5, 2)))),
                            std::chrono::day(static_cast<unsigned>(std::stoi(text.substr(8, 2))))};
    if (date.ok()) return date;
    context.error(node, path, "'" + text + "' is not a calendar date");
    return std::nullopt;
  }
  context.error(node, path, "expected a date written YYYY-MM-DD, found " + node.describe());
  return std::nullopt;
}

bool is_identifier(const std::string& text) {
  return !text.empty() && text.size() <= max_identifier_length && text[0] >= 'a' && text[0] <= 'z' &&
         std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || is_digit(c) || c == '_'; });
}

}  // namespace truckflow::scenarios::detail
