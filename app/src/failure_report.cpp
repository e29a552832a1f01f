// report_failure: a scenario's diagnostics with their locations, or one line naming the failure.
#include "failure_report.hpp"

#include <iostream>

#include "truckflow/scenarios/loader.hpp"

#include "cancellation.hpp"
#include "commands.hpp"

namespace truckflow::app {

int report_failure(const std::exception_ptr& failure, Voice voice) {
  // Written straight to stderr, not built first: reporting a failed allocation should not allocate.
  const bool speak = voice == Voice::speak;
  try {
    std::rethrow_exception(failure);
  } catch (const scenarios::ScenarioError& error) {
    if (speak) {
      for (const scenarios::Diagnostic& d : error.diagnostics()) std::cerr << to_string(d) << "\n";
      const std::size_t n = error.diagnostics().size();
      std::cerr << n << (n == 1 ? " error" : " errors") << "; nothing was simulated\n";
    }
    return exit_bad_input;
  } catch (const BadInput& e) {
    if (speak) std::cerr << "truckflow: error: " << e.what() << "\n";
    return exit_bad_input;
  } catch (const Cancelled& e) {
    if (!speak) return 128 + e.signal;
    std::cerr << "\ntruckflow: interrupted; no results were written\n";
    return end_by_signal(e.signal);
  } catch (const std::exception& e) {
    if (speak) std::cerr << "truckflow: error: " << e.what() << "\n";
    return exit_failure;
  } catch (...) {
    if (speak) std::cerr << "truckflow: error: a failure of unknown kind\n";
    return exit_failure;
  }
}

}  // namespace truckflow::app
