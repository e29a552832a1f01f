// Strict conversion of scalar nodes into typed values (YAML 1.2 core schema, stricter than
// yaml-cpp): decimal numbers only, finite, true/false only, ISO dates. Internal to scenarios/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "truckflow/models/description.hpp"

#include "context.hpp"

namespace truckflow::scenarios::detail {

std::optional<double> to_number(const Node& node, Context& context, const std::string& path);
std::optional<std::int64_t> to_integer(const Node& node, Context& context, const std::string& path);
std::optional<bool> to_boolean(const Node& node, Context& context, const std::string& path);
std::optional<std::string> to_text(const Node& node, Context& context, const std::string& path);
std::optional<models::Date> to_date(const Node& node, Context& context, const std::string& path);

inline constexpr std::size_t max_identifier_length = 64;
/// True for an identifier: lower case letters, digits and _, starting with a letter, at most
/// max_identifier_length long.
bool is_identifier(const std::string& text);

}  // namespace truckflow::scenarios::detail
