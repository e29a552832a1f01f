// A plant's stock of one component with a continuous-review reorder policy: orders go to the
// plant's supplier and arrive over the road. Internal to models/.
#pragma once

#include <cstdint>
#include <limits>

#include "truckflow/engine/container.hpp"

#include "chain.hpp"

namespace truckflow::models::detail {

class ComponentStock {
 public:
  /// `units_per_truck` converts the policy's trucks' worth into units.
  ComponentStock(Chain& chain, PlantKind plant_kind, std::size_t plant, std::size_t plant_region, std::size_t component,
                 std::int64_t units_per_truck, const InventoryPolicyDesc& policy, std::size_t supplier);

  /// Waits until `units` are on hand and takes them (first come, first served), ordering more
  /// whenever the inventory position (on hand + on order − waiting demand) reaches the reorder
  /// point.
  engine::Process<> take(std::int64_t units);

  std::size_t component() const noexcept { return component_; }
  std::size_t supplier() const noexcept { return supplier_; }
  std::int64_t initial() const noexcept { return initial_; }
  std::int64_t received() const noexcept { return received_; }
  std::int64_t taken() const noexcept { return taken_; }
  std::int64_t on_hand() const noexcept { return stock_.level(); }

 private:
  void review();
  engine::Process<> replenish(Shipment& shipment);

  static constexpr std::int64_t unbounded = std::numeric_limits<std::int64_t>::max() / 4;

  Chain& chain_;
  PlantKind plant_kind_;
  std::size_t plant_;
  std::size_t plant_region_;
  std::size_t component_;
  std::size_t supplier_;
  std::int64_t reorder_point_units_;
  std::int64_t order_quantity_units_;
  std::int64_t initial_;
  engine::Container<std::int64_t> stock_;
  std::int64_t on_order_ = 0;
  std::int64_t waiting_ = 0;
  std::int64_t received_ = 0;
  std::int64_t taken_ = 0;
};

}  // namespace truckflow::models::detail
