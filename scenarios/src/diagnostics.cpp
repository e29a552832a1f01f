// Formatting of scenario diagnostics.
#include "truckflow/scenarios/diagnostics.hpp"

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

ScenarioError::ScenarioError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

}  // namespace truckflow::scenarios
