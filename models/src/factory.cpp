// Factory: kitting, line allocation and assembly.
#include "factory.hpp"

#include <algorithm>

#include "variation.hpp"

namespace truckflow::models::detail {

Factory::Factory(Chain& chain, std::size_t index, const FactoryDesc& desc)
    : chain_(chain),
      region_(chain.map.region(desc.region)),
      desc_(desc),
      lines_(chain.sim, static_cast<std::size_t>(desc.lines)),
      assembly_time_(engine::hours(desc.assembly_hours)),
      order_processing_(engine::days(desc.order_processing_days)),
      assembly_draws_(chain.sim.rng("factory/" + desc.id + "/assembly_time")) {
  // Units per truck of each component: the most any type built here needs.
  std::map<std::size_t, std::int64_t> units_per_truck;
  for (const std::string& type_id : desc.truck_types) {
    const std::size_t type = chain.map.truck_type(type_id);
    for (const BomLine& line : chain.desc.truck_types[type].bill_of_materials) {
      std::int64_t& units = units_per_truck[chain.map.component(line.component)];
      units = std::max(units, line.quantity);
    }
  }
  for (const auto& [component, units] : units_per_truck) {
    stocks_.emplace(component, std::make_unique<ComponentStock>(
                                   chain, PlantKind::factory, index, region_, component, units, desc.inventory,
                                   chain.supply.supplier_for(component, region_, desc.sourcing)));
  }
}

engine::Process<> Factory::build(Truck& truck) {
  if (order_processing_ > engine::Duration::zero()) co_await chain_.sim.timeout(order_processing_);
  chain_.set_stage(truck, TruckStage::awaiting_components);
  for (const BomLine& line : chain_.desc.truck_types[truck.type].bill_of_materials) {
    co_await stocks_.at(chain_.map.component(line.component))->take(line.quantity);
    ++truck.kitted_lines;
  }
  chain_.set_stage(truck, TruckStage::awaiting_line);
  const engine::Lease line = co_await lines_.acquire();
  chain_.set_stage(truck, TruckStage::in_assembly);
  co_await chain_.sim.timeout(vary(assembly_time_, desc_.assembly_time_cv, assembly_draws_));
}

}  // namespace truckflow::models::detail
