// The simulated chain: its parts (supply, production, delivery), the trucks, the event stream
// with its first listener (the truck counters), and the processes that tie the parts together (a
// truck's life, the sampler, the year ends). Internal to models/.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "truckflow/engine/simulation.hpp"
#include "truckflow/models/chain_map.hpp"
#include "truckflow/models/description.hpp"
#include "truckflow/models/observer.hpp"
#include "truckflow/models/road_network.hpp"

#include "delivery.hpp"
#include "operations.hpp"
#include "production.hpp"
#include "series_registry.hpp"
#include "supply.hpp"
#include "truck_counts.hpp"
#include "value.hpp"

namespace truckflow::models::detail {

/// One truck, from order to delivery and through its service. What a working truck touches at
/// every event comes first, in one cache line (the record is aligned to one): with thousands of
/// trucks at work a record is rarely in cache when its truck's next event comes.
struct alignas(64) Truck {
  std::size_t type = 0;
  std::size_t site = 0;
  // In service (Operations):
  TruckActivity activity = TruckActivity::idle;
  double energy = 0.0;        ///< on board, in its carrier's unit (the usable part of its battery or tank)
  double cargo_t = 0.0;       ///< tonnes on board
  engine::Time queued_until;  ///< while working: queueing for a loading or unloading bay until then
  /// A visit to a charging or swap station, booked on arrival: queueing until `served_from`, then
  /// charging or swapping until `served_until` (whatever its activity counter says meanwhile).
  engine::Time served_from, served_until;

  std::int64_t id = 0;
  std::size_t factory = 0;
  std::optional<std::size_t> upfitter;
  engine::Time ordered_at;
  engine::Time built_at;
  engine::Time delivered_at;
  TruckStage stage = TruckStage::order_processing;
  TruckService service = TruckService::on_order;
  std::size_t kitted_lines = 0;  ///< bill-of-materials lines gathered so far
  bool has_body = false;         ///< its body has been taken from the upfitter's stock
};
static_assert(offsetof(Truck, served_until) + sizeof(engine::Time) <= 64,
              "a working truck's fields should fit the record's first cache line");

class Chain {
 public:
  explicit Chain(ScenarioDesc description);
  Chain(const Chain&) = delete;
  Chain& operator=(const Chain&) = delete;
  ~Chain();

  const ScenarioDesc desc;
  const ChainMap map;  ///< who supplies whom, by road
  engine::Simulation sim;
  const engine::Time end;

  std::deque<Truck> trucks;  ///< every truck ordered, by id

  TruckCounts counts;                ///< the chain's first listener
  const SeriesRegistry series;       ///< what a sample holds, and how to read it
  std::vector<Observer*> observers;  ///< after `counts`, in the order added

  // The parts of the chain, each with its own entities, processes, series and laws.
  Supply supply;          ///< suppliers and their shipments
  Production production;  ///< factories and their component stocks
  Delivery delivery;      ///< upfitters and application sites
  Operations operations;  ///< trucks at work, stations and energy sources
  Value value;            ///< the money: postings, value-added, taxes

  /// Sends `event` to every listener, now.
  void emit(const DomainEvent& event);

  std::size_t truck_type_count() const noexcept { return desc.truck_types.size(); }
  /// A trip by road: each link's nominal time, varied by its road's `travel_time_cv`.
  engine::Duration trip(std::size_t from_region, std::size_t to_region);

  /// Orders a truck of `type` for `site` from the named factory (empty: the one ChainMap chooses).
  void order_truck(std::size_t site, std::size_t type, const std::string& factory);
  void set_stage(Truck& truck, TruckStage stage);
  /// Takes a truck in service out of it for good (throws std::logic_error for one that is not in
  /// service): it stays in the records, counts as retired, and a target fleet replaces it.
  void retire(Truck& truck);

  /// Every series now (flows as totals since the start).
  Sample read_series() const { return series.read(*this, sim.now()); }
  std::vector<std::string> violations() const;

  /// Sends a sample of every series to the observers (flows since the previous sample), after
  /// posting the money accrued since the last.
  void emit_sample();
  /// The end of a year (or of the run): settles its taxes and the sharing rules.
  void close_year();
  /// Sends the state at the end of `year` to the observers (flows since the previous year's end).
  void emit_year_end(std::int64_t year);

 private:
  engine::Process<> truck_life(Truck& truck);
  engine::Process<> sampler();
  engine::Process<> month_ends();  // closes each month, and each year

  std::optional<Sample> previous_sample_;    // raw (flows as totals)
  std::optional<Sample> previous_year_end_;  // raw

  std::vector<engine::Stream*> road_streams_;  // [road]: the travel-time draws of each road
};

}  // namespace truckflow::models::detail
