// The world: regions, roads, suppliers, factories, upfitters and application sites built from a
// scenario description, simulated with the engine.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "truckflow/engine/simulation.hpp"
#include "truckflow/models/description.hpp"
#include "truckflow/models/observer.hpp"
#include "truckflow/models/road_network.hpp"

namespace truckflow::models {

namespace detail {
class Chain;
}

/// Raised when a run breaks a conservation law (a bug in truckflow, not in the scenario).
class ConservationError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

/// The simulated chain. Construction expects a description the scenario loader has checked
/// (every reference resolves, every trading pair is connected by road); it throws
/// `std::invalid_argument` otherwise.
class World {
 public:
  explicit World(ScenarioDesc description);
  World(const World&) = delete;
  World& operator=(const World&) = delete;
  ~World();

  const ScenarioDesc& description() const noexcept;
  const RoadNetwork& roads() const noexcept;
  engine::Simulation& simulation() noexcept;
  /// End of the horizon (time zero is the scenario's start date).
  engine::Time end_time() const noexcept;

  /// Observers see every event, sample and year end from then on, in the order added; they must
  /// outlive the run.
  void add_observer(Observer& observer);
  /// Whether every posting of the ledger is emitted as a MoneyPosted event (off by default: the
  /// default scenario has tens of millions).
  void emit_postings(bool on);

  /// Simulates up to `t` (clamped to the end of the horizon).
  void run_until(engine::Time t);
  /// Simulates to the end of the horizon, emits the final sample (and with it the last year's end)
  /// and checks conservation
  /// (throws `ConservationError` naming every broken law).
  void run();

  /// The series it samples (series_catalog of its description).
  const SeriesCatalog& series() const noexcept;
  /// Every series now, flow series as totals since the start (for tests and debugging; observers
  /// get samples).
  Sample read_series() const;
  /// The conservation laws that do not hold now (empty when all hold); see docs/design.md.
  std::vector<std::string> conservation_violations() const;

 private:
  std::unique_ptr<detail::Chain> chain_;
};

}  // namespace truckflow::models
