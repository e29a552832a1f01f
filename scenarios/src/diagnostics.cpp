// Formatting of scenario diagnostics.
#include "truckflow/scenarios/diagnostics.hpp"

#include <map>

namespace truckflow::scenarios {

namespace {

std::string join(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const Diagnostic& d : diagnostics) {
    if (!text.empty()) text += '\n';
    text += to_string(d);
  }
  return text;
}

}  // namespace

std::string to_string(const SourceLocation& location) {
  if (location.line <= 0) return location.file;
  return location.file + ":" + std::to_string(location.line) + ":" + std::to_string(location.column);
}

std::string to_string(const Diagnostic& diagnostic) {
  std::string text = to_string(diagnostic.location) +
                     (diagnostic.severity == Diagnostic::Severity::warning ? ": warning: " : ": error: ");
  if (!diagnostic.path.empty()) text += diagnostic.path + ": ";
  return text + diagnostic.message;
}

std::vector<DiagnosticGroup> group_by_kind(const std::vector<Diagnostic>& diagnostics) {
  std::vector<DiagnosticGroup> groups;
  std::map<std::string, std::size_t> group_of_kind;
  for (const Diagnostic& d : diagnostics) {
    if (!d.kind.empty()) {
      if (const auto [it, added] = group_of_kind.try_emplace(d.kind, groups.size()); !added) {
        ++groups[it->second].count;
        continue;
      }
    }
    groups.push_back({d, 1});
  }
  return groups;
}

std::string to_string(const DiagnosticGroup& group) {
  const std::string text = to_string(group.first);
  if (group.count <= 1) return text;
  return text + " (and " + std::to_string(group.count - 1) + " more like it)";
}

ScenarioError::ScenarioError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

}  // namespace truckflow::scenarios
