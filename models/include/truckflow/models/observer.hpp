// What the world emits: periodic snapshots of its state, its state at each year's end and a record
// per delivered truck. Models
// only emit; output/ (and the command line's summary) decide what to record and how.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "truckflow/engine/time.hpp"

namespace truckflow::models {

/// Where a truck is in the chain; every ordered truck is in exactly one stage.
enum class TruckStage : std::uint8_t {
  order_processing,     ///< ordered, the factory is planning its production
  awaiting_components,  ///< its factory is gathering the components
  awaiting_line,        ///< all components gathered, waiting for an assembly line
  in_assembly,
  to_upfitter,  ///< built, on the road to the upfitter
  at_upfitter,  ///< waiting for a body or a bay, or being fitted
  to_site,      ///< on the road to its application site
  delivered,    ///< registered to its operator at the site
};
inline constexpr std::size_t truck_stage_count = 8;
const char* to_string(TruckStage stage);

/// The state of the world at one instant. Counts marked cumulative include everything since the
/// start; the others are levels at `time`. Flat arrays, indexed as noted (indices follow the order
/// of the scenario's lists).
struct Snapshot {
  engine::Time time;
  std::size_t truck_type_count = 0;

  // [factory * truck_type_count + truck_type]
  std::vector<std::int64_t> factory_ordered;    ///< cumulative trucks ordered from the factory
  std::vector<std::int64_t> factory_built;      ///< cumulative trucks assembled
  std::vector<std::int64_t> factory_backlog;    ///< ordered and not yet built
  std::vector<std::int64_t> factory_delivered;  ///< cumulative trucks from the factory delivered to their sites

  // [region * truck_type_count + truck_type], by the region of the ordering site
  std::vector<std::int64_t> region_ordered;    ///< cumulative
  std::vector<std::int64_t> region_built;      ///< cumulative
  std::vector<std::int64_t> region_delivered;  ///< cumulative: the fleet in service (no retirement yet)

  // [site]
  std::vector<std::int64_t> site_delivered;  ///< cumulative

  // [supplier]
  std::vector<std::int64_t> supplier_produced;   ///< cumulative units made
  std::vector<std::int64_t> supplier_shipped;    ///< cumulative units dispatched
  std::vector<std::int64_t> supplier_stock;      ///< units in stock
  std::vector<std::int64_t> supplier_stockouts;  ///< cumulative orders that found too little stock

  // [upfitter]
  std::vector<std::int64_t> upfitter_fitted;  ///< cumulative bodies fitted

  std::array<std::int64_t, truck_stage_count> trucks_by_stage{};
};

/// One delivered truck.
struct DeliveryRecord {
  std::int64_t truck_id = 0;
  std::size_t truck_type = 0;
  std::size_t site = 0;
  std::size_t region = 0;  ///< the site's region
  std::size_t factory = 0;
  std::optional<std::size_t> upfitter;
  engine::Time ordered_at;
  engine::Time built_at;
  engine::Time delivered_at;
};

class Observer {
 public:
  virtual ~Observer() = default;
  /// Every sampling interval from time zero, and once more at the end of the run.
  virtual void on_sample(const Snapshot& snapshot) { (void)snapshot; }
  virtual void on_delivery(const DeliveryRecord& record) { (void)record; }
  /// The state at the end of each calendar year the run covers: at midnight of 1 January `year` + 1,
  /// before anything that happens at that instant (it belongs to the new year); the run's last
  /// (perhaps partial) year ends with the run, in the state of the final sample. Cumulative counts
  /// here differenced year by year give what each year did.
  virtual void on_year_end(std::int64_t year, const Snapshot& state) {
    (void)year;
    (void)state;
  }
};

}  // namespace truckflow::models
