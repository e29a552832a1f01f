// Supply: building the suppliers, placing and filling orders, the suppliers' laws.
#include "supply.hpp"

#include <stdexcept>

#include "chain.hpp"
#include "supplier.hpp"

namespace truckflow::models::detail {

Supply::Supply(Chain& chain) : chain_(chain) {
  for (std::size_t i = 0; i < chain.desc.suppliers.size(); ++i) {
    suppliers_.push_back(std::make_unique<Supplier>(chain, i, chain.desc.suppliers[i]));
  }
}

Supply::~Supply() = default;

std::size_t Supply::supplier_for(std::size_t component, std::size_t plant_region,
                                 const std::vector<SourcingDesc>& sourcing) const {
  const auto supplier = chain_.map.supplier_for(component, plant_region, sourcing);
  if (!supplier) {
    throw std::invalid_argument("no supplier can deliver component '" + chain_.desc.components[component].id + "'");
  }
  return *supplier;
}

Shipment& Supply::order(std::size_t supplier, std::int64_t units) {
  return shipments_.emplace_back(Shipment{static_cast<std::int64_t>(shipments_.size()) + 1, supplier, units});
}

engine::Process<> Supply::fill(Shipment& shipment) { return suppliers_.at(shipment.supplier)->fulfill(shipment); }

// Suppliers: initial + produced = allocated + stock; allocated = shipped + allocated to orders
// still being processed; shipped = in transit + received.
void Supply::check(Laws& laws, const std::vector<std::int64_t>& received_by_plants) const {
  for (std::size_t s = 0; s < suppliers_.size(); ++s) {
    std::int64_t processing = 0;
    std::int64_t in_transit = 0;
    std::int64_t received = 0;
    for (const Shipment& shipment : shipments_) {
      if (shipment.supplier != s) continue;
      switch (shipment.state) {
        case Shipment::State::processing:
          processing += shipment.allocated;
          break;
        case Shipment::State::in_transit:
          in_transit += shipment.units;
          break;
        case Shipment::State::received:
          received += shipment.units;
          break;
      }
    }
    const Supplier& supplier = *suppliers_[s];
    const std::string& id = chain_.desc.suppliers[s].id;
    laws.equal(supplier.initial_stock() + supplier.produced(), supplier.allocated() + supplier.stock(),
               id + ": initial + produced = allocated to orders + stock");
    laws.equal(supplier.allocated(), supplier.shipped() + processing, id + ": allocated = shipped + being processed");
    laws.equal(supplier.shipped(), in_transit + received, id + ": shipped = in transit + received");
    laws.equal(received, received_by_plants.at(s), id + ": received by plants = shipments received");
  }
}

}  // namespace truckflow::models::detail
