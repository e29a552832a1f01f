// The scenario document as a tree of nodes that remember where they came from (file, line,
// column), read from YAML with the checks yaml-cpp leaves out. Internal to scenarios/.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "truckflow/scenarios/diagnostics.hpp"

namespace truckflow::scenarios::detail {

class Node {
 public:
  enum class Kind { null, scalar, sequence, map };

  Node() = default;
  static Node null(SourceLocation where);
  static Node scalar(std::string text, bool plain, SourceLocation where);
  static Node sequence(SourceLocation where);
  static Node map(SourceLocation where);

  Kind kind() const noexcept { return kind_; }
  bool is_null() const noexcept { return kind_ == Kind::null; }
  bool is_scalar() const noexcept { return kind_ == Kind::scalar; }
  bool is_sequence() const noexcept { return kind_ == Kind::sequence; }
  bool is_map() const noexcept { return kind_ == Kind::map; }
  const SourceLocation& where() const noexcept { return where_; }

  /// Scalar text; `plain` is false for quoted or explicitly tagged scalars (always text).
  const std::string& text() const noexcept { return text_; }
  bool plain() const noexcept { return plain_; }

  /// Sequence items.
  std::vector<Node>& items() noexcept { return items_; }
  const std::vector<Node>& items() const noexcept { return items_; }

  /// Map entries in document order; keys are scalars.
  std::vector<std::pair<Node, Node>>& entries() noexcept { return entries_; }
  const std::vector<std::pair<Node, Node>>& entries() const noexcept { return entries_; }
  /// The value under `key`, or null if absent.
  const Node* find(std::string_view key) const;
  Node* find(std::string_view key);

  /// "a number", "the text 'abc'", "a list", "a mapping", "nothing": for error messages.
  std::string describe() const;

 private:
  Kind kind_ = Kind::null;
  SourceLocation where_;
  std::string text_;
  bool plain_ = true;
  std::vector<Node> items_;
  std::vector<std::pair<Node, Node>> entries_;
};

/// Limits that keep hostile input from exhausting time or memory. One budget serves every input
/// of a scenario (its file, the files it extends and the --set values), which share the nodes.
struct ReadBudget {
  std::size_t max_file_bytes = std::size_t{8} * 1024 * 1024;  ///< per input
  std::size_t max_nodes = 1'000'000;  ///< all inputs together, after expanding aliases (defeats "billion laughs")
  std::size_t max_depth = 64;
  std::size_t max_scalar_bytes = std::size_t{64} * 1024;
  std::size_t nodes_read = 0;                ///< so far
  std::function<void()> interruption_check;  ///< called every `check_every` nodes; may throw to stop reading
  static constexpr std::size_t check_every = 4096;
};

/// Reads a YAML file into nodes. Problems (unreadable file, syntax errors, text that is not
/// UTF-8, duplicate keys, merge keys, non-scalar keys, limits exceeded) are appended to
/// `diagnostics`; on failure the result is null.
Node read_yaml_file(const std::string& path, std::vector<Diagnostic>& diagnostics, ReadBudget& budget);
/// The same for text already in memory; `source` names it in locations.
Node read_yaml_text(const std::string& text, const std::string& source, std::vector<Diagnostic>& diagnostics,
                    ReadBudget& budget);

/// The document as YAML text (block style, keys in order, scalars quoted where needed).
std::string to_yaml(const Node& node);

}  // namespace truckflow::scenarios::detail
