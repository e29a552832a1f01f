// Production: building the factories, sending trucks to them, their components' laws.
#include "production.hpp"

#include "chain.hpp"
#include "factory.hpp"

namespace truckflow::models::detail {

Production::Production(Chain& chain) : chain_(chain) {
  for (std::size_t i = 0; i < chain.desc.factories.size(); ++i) {
    factories_.push_back(std::make_unique<Factory>(chain, i, chain.desc.factories[i]));
  }
}

Production::~Production() = default;

engine::Process<> Production::build(Truck& truck) { return factories_.at(truck.factory)->build(truck); }

void Production::check(Laws& laws) const {
  // Components at factories: taken from stock = built × bill of materials + held by trucks still
  // being built; and initial + received = taken + on hand.
  for (std::size_t f = 0; f < factories_.size(); ++f) {
    for (const auto& [component, stock] : factories_[f]->stocks()) {
      std::int64_t in_built = 0;
      std::int64_t in_progress = 0;
      for (const Truck& truck : chain_.trucks) {
        if (truck.factory != f) continue;
        const auto& bom = chain_.desc.truck_types[truck.type].bill_of_materials;
        const bool is_built = truck.stage > TruckStage::in_assembly;
        for (std::size_t line = 0; line < bom.size(); ++line) {
          if (chain_.map.component(bom[line].component) != component) continue;
          if (is_built) {
            in_built += bom[line].quantity;
          } else if (line < truck.kitted_lines) {
            in_progress += bom[line].quantity;
          }
        }
      }
      const std::string where = chain_.desc.factories[f].id + "/" + chain_.desc.components[component].id;
      std::int64_t built_here_times_bom = 0;
      for (std::size_t type = 0; type < chain_.truck_type_count(); ++type) {
        for (const BomLine& line : chain_.desc.truck_types[type].bill_of_materials) {
          if (chain_.map.component(line.component) == component) {
            built_here_times_bom += chain_.counts.factory_built(f, type) * line.quantity;
          }
        }
      }
      laws.equal(built_here_times_bom, in_built,
                 where + ": trucks built × bill of materials = components in built trucks");
      laws.equal(stock->taken(), built_here_times_bom + in_progress,
                 where + ": components consumed = trucks built × bill of materials + components in trucks being built");
      laws.equal(stock->initial() + stock->received(), stock->taken() + stock->on_hand(),
                 where + ": initial + received = consumed + on hand");
    }
  }
}

void Production::add_received(std::vector<std::int64_t>& by_supplier) const {
  for (const auto& factory : factories_) {
    for (const auto& [component, stock] : factory->stocks()) by_supplier.at(stock->supplier()) += stock->received();
  }
}

}  // namespace truckflow::models::detail
