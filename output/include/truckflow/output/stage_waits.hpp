// Where trucks wait: how long trucks spend in each stage of the chain, by stage and by the place
// that holds them there (the factory, the upfitter or, on the road to it, the site), kept from
// the event stream. Trucks still in a stage count with their time so far.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "truckflow/engine/time.hpp"
#include "truckflow/models/description.hpp"
#include "truckflow/models/observer.hpp"
#include "truckflow/output/wait_histogram.hpp"

namespace truckflow::output {

/// What the trucks did in one stage.
struct StageWait {
  models::TruckStage stage = models::TruckStage::order_processing;
  std::int64_t trucks = 0;  ///< trucks that entered the stage
  double mean_days = 0.0;   ///< over those trucks (NaN when none)
  double max_days = 0.0;    ///< the longest (NaN when none)
  std::string worst_place;  ///< id of the place with the longest mean time in the stage (ties within a
                            ///< minute: the one with more trucks; "" when none)
  double worst_place_mean_days = 0.0;
  std::int64_t peak_trucks = 0;  ///< most trucks in the stage at one sample
};

class StageWaits : public models::Observer {
 public:
  StageWaits();
  void on_event(const models::DomainEvent& event) override;
  void on_sample(const models::Sample& sample) override;

  /// One per stage a truck waits in (every stage but `delivered`), in chain order, at `now` (the
  /// run's end).
  std::vector<StageWait> waits(const models::ScenarioDesc& scenario, engine::Time now) const;
  /// The waits for an assembly line at `factory` (the `awaiting_line` stage) of the trucks that
  /// have left it.
  WaitSummary line_waits(std::size_t factory) const;

 private:
  struct Truck {
    engine::Time entered;
    models::TruckStage stage = models::TruckStage::order_processing;
    std::uint32_t factory = 0;
    std::uint32_t upfitter = 0;  // meaningful only for trucks that go through one
    std::uint32_t site = 0;
  };
  /// Time spent in a stage at one place.
  struct Tally {
    std::int64_t trucks = 0;
    double days = 0.0;
    double max_days = 0.0;
  };
  static constexpr std::size_t stages = models::truck_stage_count - 1;  // all but delivered
  std::size_t place_of(const Truck& truck) const;
  void leave(const Truck& truck, engine::Time now);

  std::vector<Truck> trucks_;               // [truck id - 1]
  std::vector<std::vector<Tally>> places_;  // [stage][place]
  std::vector<std::int64_t> peak_;          // [stage]
  std::vector<std::int64_t> in_stage_;      // [stage]
  std::vector<WaitHistogram> line_waits_;   // [factory]
};

}  // namespace truckflow::output
