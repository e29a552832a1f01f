// What decoding a scenario collects: diagnostics, cross-references to check once every list is
// read, and where each decoded key path came from. Internal to scenarios/.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "node.hpp"

namespace truckflow::scenarios::detail {

/// "parent.key" (or "key" at the top).
std::string child_path(const std::string& parent, const std::string& key);
/// "parent[index]".
std::string item_path(const std::string& parent, std::size_t index);

/// A reference from one entity to another by id.
struct Reference {
  std::string collection;  ///< the top-level list the id must be in, e.g. "regions"
  std::string id;
  std::string path;
};

/// The first point of a value that changes by date: it must be on or before the run's start.
struct PathStart {
  std::chrono::year_month_day first;
  std::string path;  ///< the key path of the first point's date
};

class Context {
 public:
  Context(std::vector<Diagnostic>& diagnostics, std::vector<Diagnostic>& warnings)
      : diagnostics_(diagnostics), warnings_(warnings) {}

  /// Reports a problem with `node` at key path `path`.
  void error(const Node& node, const std::string& path, std::string message);
  /// Reports a problem at a path decoded earlier (located at its node, or its nearest parent's).
  void error_at(const std::string& path, std::string message);
  /// A problem that does not stop the run (e.g. a plan year the run never reaches); `kind` names
  /// its template (Diagnostic::kind).
  void warning_at(std::string kind, const std::string& path, std::string message);
  void remember(const std::string& path, const Node& node) { locations_[path] = node.where(); }
  SourceLocation where(const std::string& path) const;
  /// Every key path decoded, and where it came from.
  const std::map<std::string, SourceLocation>& locations() const noexcept { return locations_; }
  /// Takes the locations of an earlier decoding (to check a description derived from it).
  void adopt_locations(std::map<std::string, SourceLocation> locations) { locations_ = std::move(locations); }
  std::size_t error_count() const noexcept { return diagnostics_.size(); }

  std::vector<Reference> references;
  std::vector<PathStart> path_starts;

 private:
  std::vector<Diagnostic>& diagnostics_;
  std::vector<Diagnostic>& warnings_;
  std::map<std::string, SourceLocation> locations_;
};

/// Up to `limit` candidates closest to `word` by edit distance, if close enough to be a typo.
std::vector<std::string> similar(const std::string& word, const std::vector<std::string>& candidates,
                                 std::size_t limit = 1);
/// "'a', 'b' or 'c'".
std::string quoted_list(const std::vector<std::string>& words, const char* last_joiner = " or ");

}  // namespace truckflow::scenarios::detail
