// report_failure: a scenario's diagnostics with their locations, or one line naming the failure.
#include "failure_report.hpp"

#include <iostream>
#include <sstream>

#include "truckflow/scenarios/loader.hpp"

#include "cancellation.hpp"
#include "commands.hpp"

namespace truckflow::app {

int report_failure(const std::exception_ptr& failure, Voice voice) {
  std::ostringstream why;
  int code = exit_failure;
  try {
    std::rethrow_exception(failure);
  } catch (const scenarios::ScenarioError& error) {
    for (const scenarios::Diagnostic& d : error.diagnostics()) why << to_string(d) << "\n";
    const std::size_t n = error.diagnostics().size();
    why << n << (n == 1 ? " error" : " errors") << "; nothing was simulated\n";
    code = exit_bad_input;
  } catch (const BadInput& e) {
    why << "truckflow: error: " << e.what() << "\n";
    code = exit_bad_input;
  } catch (const Cancelled& e) {
    if (voice == Voice::quiet) return 128 + e.signal;
    std::cerr << "\ntruckflow: interrupted; no results were written\n";
    return end_by_signal(e.signal);
  } catch (const std::exception& e) {
    why << "truckflow: error: " << e.what() << "\n";
  } catch (...) {
    why << "truckflow: error: a failure of unknown kind\n";
  }
  if (voice == Voice::speak) std::cerr << why.str();
  return code;
}

}  // namespace truckflow::app
