// Simulation: running, and the registry of named random streams.
#include "truckflow/engine/simulation.hpp"

#include <stdexcept>

namespace truckflow::engine {

Simulation::Simulation(std::uint64_t seed, Epoch epoch) : seed_(seed), epoch_(epoch) {}

Simulation::~Simulation() { kernel_.shutdown(); }

Stream& Simulation::rng(std::string_view name) {
  auto it = streams_.find(name);
  if (it == streams_.end()) it = streams_.emplace(std::string(name), Stream::derive(seed_, name)).first;
  return it->second;
}

void Simulation::run() { kernel_.run_before(Time::max()); }

void Simulation::run_until(Time until) {
  if (until < now()) {
    throw std::invalid_argument("run_until(" + to_string(until) + "): the clock is already at " + to_string(now()));
  }
  if (!kernel_.run_before(until)) kernel_.advance_to(until);
}

bool Simulation::step() { return kernel_.step(Time::max()); }

}  // namespace truckflow::engine
