// Errors in scenario input: where (file:line:column), which key (the key path), what is wrong.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace truckflow::scenarios {

/// A position in an input. Lines and columns count from 1; 0 means "the whole input" (for
/// example a --set argument, whose `file` is the argument itself).
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

/// "file:line:column" (GCC style, clickable in editors), or just `file` when line is 0.
std::string to_string(const SourceLocation& location);

struct Diagnostic {
  enum class Severity { error, warning };
  SourceLocation location;
  std::string path;     ///< the key path, e.g. "suppliers[2].capacity_units_per_day"; may be empty
  std::string message;  ///< what was found and what was expected
  Severity severity = Severity::error;
  /// What kind of problem: the same for every diagnostic one check makes from one template (e.g.
  /// "plan_year_after_horizon"), whatever its values and location. Empty: a kind of its own.
  std::string kind;
};

/// "file:line:column: error: path: message" (or "warning:").
std::string to_string(const Diagnostic& diagnostic);

/// Diagnostics of one kind shown as one: the first of them, and how many there are in all.
struct DiagnosticGroup {
  Diagnostic first;
  std::size_t count = 1;
};

/// Groups `diagnostics` by kind (each one without a kind stands alone), in the order of their
/// first diagnostics; the first of a group is the first of its kind in `diagnostics`.
std::vector<DiagnosticGroup> group_by_kind(const std::vector<Diagnostic>& diagnostics);

/// The first diagnostic as `to_string` shows it, then " (and N more like it)" if there are more.
std::string to_string(const DiagnosticGroup& group);

/// " (did you mean 'x'?)" when one of `candidates` is close enough to `word` to be a typo, else "".
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

/// Every problem found in a scenario (at least one), in the order of the input.
class ScenarioError : public std::runtime_error {
 public:
  explicit ScenarioError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace truckflow::scenarios
