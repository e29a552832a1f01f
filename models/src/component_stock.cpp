// ComponentStock: taking components, reviewing the position, replenishing from the supplier.
#include "component_stock.hpp"

#include <stdexcept>

#include "supplier.hpp"

namespace truckflow::models::detail {

ComponentStock::ComponentStock(Chain& chain, PlantKind plant_kind, std::size_t plant, std::size_t plant_region,
                               std::size_t component, std::int64_t units_per_truck, const InventoryPolicyDesc& policy,
                               std::size_t supplier)
    : chain_(chain),
      plant_kind_(plant_kind),
      plant_(plant),
      plant_region_(plant_region),
      component_(component),
      supplier_(supplier),
      reorder_point_units_(policy.reorder_point_trucks * units_per_truck),
      order_quantity_units_(policy.order_quantity_trucks * units_per_truck),
      initial_(policy.initial_stock_trucks * units_per_truck),
      stock_(chain.sim, unbounded, initial_) {
  if (order_quantity_units_ <= 0 || reorder_point_units_ < 0 || initial_ < 0) {
    throw std::invalid_argument(
        "inventory policy needs an order quantity >= 1 and a reorder point and initial stock >= 0");
  }
  review();
}

void ComponentStock::review() {
  while (stock_.level() + on_order_ - waiting_ <= reorder_point_units_) {
    on_order_ += order_quantity_units_;
    Shipment& shipment = chain_.supply.order(supplier_, order_quantity_units_);
    chain_.sim.spawn(replenish(shipment));
  }
}

engine::Process<> ComponentStock::take(std::int64_t units) {
  waiting_ += units;
  review();
  co_await stock_.get(units);
  waiting_ -= units;
  taken_ += units;
}

engine::Process<> ComponentStock::replenish(Shipment& shipment) {
  co_await chain_.supply.fill(shipment);
  co_await chain_.sim.timeout(chain_.trip(chain_.supply.supplier(supplier_).region(), plant_region_));
  shipment.state = Shipment::State::received;
  on_order_ -= shipment.units;
  received_ += shipment.units;
  chain_.emit(ShipmentReceived{chain_.sim.now(), shipment.id, shipment.supplier, plant_kind_, plant_, plant_region_,
                               shipment.units});
  co_await stock_.put(shipment.units);
}

}  // namespace truckflow::models::detail
