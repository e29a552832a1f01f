// The simulated chain's shared state: the entities, the trucks, the counters, and the processes
// that tie them together (a truck's life, the sampler). Internal to models/.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "truckflow/engine/simulation.hpp"
#include "truckflow/models/description.hpp"
#include "truckflow/models/observer.hpp"
#include "truckflow/models/road_network.hpp"

namespace truckflow::models::detail {

class Supplier;
class Factory;
class Upfitter;
class Site;

/// One truck, from order to delivery.
struct Truck {
  std::int64_t id = 0;
  std::size_t type = 0;
  std::size_t site = 0;
  std::size_t factory = 0;
  std::optional<std::size_t> upfitter;
  engine::Time ordered_at;
  engine::Time built_at;
  engine::Time delivered_at;
  TruckStage stage = TruckStage::awaiting_components;
  std::size_t kitted_lines = 0;  ///< bill-of-materials lines gathered so far
  bool has_body = false;         ///< its body has been taken from the upfitter's stock
};

/// Components on their way from a supplier to a plant.
struct Shipment {
  enum class State : std::uint8_t { processing, in_transit, received };
  std::size_t supplier = 0;
  std::int64_t units = 0;
  std::int64_t allocated = 0;  ///< units already taken from the supplier's stock
  State state = State::processing;
};

/// Positions of the scenario's entities by id.
using IdIndex = std::map<std::string, std::size_t, std::less<>>;

class Chain {
 public:
  explicit Chain(ScenarioDesc description);
  Chain(const Chain&) = delete;
  Chain& operator=(const Chain&) = delete;
  ~Chain();

  // The description and its indices.
  const ScenarioDesc desc;
  IdIndex region_index, component_index, truck_type_index, supplier_index, factory_index, upfitter_index, site_index;

  engine::Simulation sim;
  const RoadNetwork roads;
  const engine::Time end;

  std::vector<std::unique_ptr<Supplier>> suppliers;
  std::vector<std::unique_ptr<Factory>> factories;
  std::vector<std::unique_ptr<Upfitter>> upfitters;
  std::vector<std::unique_ptr<Site>> sites;

  std::deque<Truck> trucks;        ///< every truck ordered, by id
  std::deque<Shipment> shipments;  ///< every component shipment placed

  // Counters (see Snapshot for their meaning).
  std::vector<std::int64_t> factory_ordered, factory_built, factory_delivered;  // [factory * types + type]
  std::vector<std::int64_t> region_ordered, region_built, region_delivered;     // [region * types + type]
  std::vector<std::int64_t> site_delivered;
  std::array<std::int64_t, truck_stage_count> stage_counts{};
  std::vector<Observer*> observers;

  std::size_t truck_type_count() const noexcept { return desc.truck_types.size(); }
  std::size_t region_of_site(std::size_t site) const;
  std::size_t region_of_factory(std::size_t factory) const;
  engine::Duration travel_time(std::size_t from_region, std::size_t to_region) const {
    return roads.route(from_region, to_region).travel_time;
  }

  /// Orders a truck of `type` for `site` from `factory` (or the nearest that builds the type).
  void order_truck(std::size_t site, std::size_t type, std::optional<std::size_t> factory);
  void set_stage(Truck& truck, TruckStage stage) noexcept;
  /// The supplier `plant_region` buys `component` from: the sourcing entry, else the nearest.
  std::size_t supplier_for(std::size_t component, std::size_t plant_region,
                           const std::vector<SourcingDesc>& sourcing) const;

  Snapshot snapshot() const;
  std::vector<std::string> violations() const;

 private:
  engine::Process<> truck_life(Truck& truck);
  engine::Process<> sampler();
  std::size_t nearest_factory(std::size_t type, std::size_t site_region) const;
};

}  // namespace truckflow::models::detail
