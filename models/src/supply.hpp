// Supply: the suppliers and every shipment of components they fill. Plants order through it and
// nothing else reaches a supplier. Internal to models/.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "truckflow/engine/simulation.hpp"
#include "truckflow/models/description.hpp"

#include "conservation.hpp"

namespace truckflow::models::detail {

class Chain;
class Supplier;

/// Components on their way from a supplier to a plant.
struct Shipment {
  enum class State : std::uint8_t { processing, in_transit, received };
  std::int64_t id = 0;  ///< 1, 2, ... in the order placed
  std::size_t supplier = 0;
  std::int64_t units = 0;
  std::int64_t allocated = 0;  ///< units already taken from the supplier's stock
  State state = State::processing;
};

class Supply {
 public:
  explicit Supply(Chain& chain);
  Supply(const Supply&) = delete;
  Supply& operator=(const Supply&) = delete;
  ~Supply();

  std::size_t size() const noexcept { return suppliers_.size(); }
  const Supplier& supplier(std::size_t index) const { return *suppliers_.at(index); }
  /// The supplier a plant in `plant_region` buys `component` from (ChainMap::supplier_for); throws
  /// std::invalid_argument when there is none.
  std::size_t supplier_for(std::size_t component, std::size_t plant_region,
                           const std::vector<SourcingDesc>& sourcing) const;
  /// Orders `units` from `supplier`: the shipment is filled from its stock, then leaves after the
  /// lead time (wait for `fill` to complete); it lives as long as the chain.
  Shipment& order(std::size_t supplier, std::int64_t units);
  /// Fills the shipment (Supplier::fulfill).
  engine::Process<> fill(Shipment& shipment);

  /// The suppliers' laws, given what plants received from each supplier.
  void check(Laws& laws, const std::vector<std::int64_t>& received_by_plants) const;

 private:
  Chain& chain_;
  std::vector<std::unique_ptr<Supplier>> suppliers_;
  std::deque<Shipment> shipments_;  // every shipment, in the order placed
};

}  // namespace truckflow::models::detail
