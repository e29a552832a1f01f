// Exceptions the engine raises inside processes and out of Simulation::run().
#pragma once

#include <any>
#include <cstdint>
#include <exception>
#include <stdexcept>
#include <string>

#include "truckflow/engine/time.hpp"

namespace truckflow::engine {

/// Raised inside a process at its current wait when another process interrupts it.
/// `cause()` is whatever the interrupter passed (empty if nothing).
class Interrupted : public std::exception {
 public:
  explicit Interrupted(std::any cause) : cause_(std::move(cause)) {}
  const std::any& cause() const noexcept { return cause_; }
  const char* what() const noexcept override { return "process interrupted"; }

 private:
  std::any cause_;
};

/// Thrown out of `Simulation::run()` (and `run_until`, `step`) when an exception escapes a process
/// that nobody was waiting for. The original exception is nested: `std::rethrow_if_nested(e)`.
class ProcessError : public std::runtime_error {
 public:
  ProcessError(std::string process_name, Time time, const std::string& message)
      : std::runtime_error("process '" + process_name + "' failed at " + to_string(time) + ": " + message),
        process_name_(std::move(process_name)),
        time_(time) {}
  const std::string& process_name() const noexcept { return process_name_; }
  Time time() const noexcept { return time_; }

 private:
  std::string process_name_;
  Time time_;
};

}  // namespace truckflow::engine
