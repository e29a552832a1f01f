// The conservation laws of the chain, checked at the end of every run. Each law compares
// counters kept as things happen with a count made now by walking the trucks and shipments.
#include <array>
#include <string>

#include "chain.hpp"
#include "factory.hpp"
#include "site.hpp"
#include "supplier.hpp"
#include "upfitter.hpp"

namespace truckflow::models::detail {

namespace {

class Laws {
 public:
  void check(bool holds, const std::string& law, std::int64_t left, std::int64_t right) {
    if (!holds) broken.push_back(law + ": " + std::to_string(left) + " != " + std::to_string(right));
  }
  void equal(std::int64_t left, std::int64_t right, const std::string& law) { check(left == right, law, left, right); }
  std::vector<std::string> broken;
};

std::size_t stage(TruckStage s) { return static_cast<std::size_t>(s); }

}  // namespace

std::vector<std::string> Chain::violations() const {
  Laws laws;

  // Trucks: every ordered truck is in exactly one stage.
  std::array<std::int64_t, truck_stage_count> walked{};
  for (const Truck& truck : trucks) ++walked[stage(truck.stage)];
  for (std::size_t s = 0; s < truck_stage_count; ++s) {
    laws.equal(counts.by_stage[s], walked[s],
               std::string("trucks ") + to_string(static_cast<TruckStage>(s)) +
                   ": stage counter = trucks found in that stage");
  }
  const std::int64_t ordered = counts.factory_ordered.total();
  const std::int64_t built = counts.factory_built.total();
  const std::int64_t backlog = walked[stage(TruckStage::order_processing)] +
                               walked[stage(TruckStage::awaiting_components)] +
                               walked[stage(TruckStage::awaiting_line)] + walked[stage(TruckStage::in_assembly)];
  const std::int64_t after_factory = walked[stage(TruckStage::to_upfitter)] + walked[stage(TruckStage::at_upfitter)] +
                                     walked[stage(TruckStage::to_site)] + walked[stage(TruckStage::delivered)];
  laws.equal(ordered, static_cast<std::int64_t>(trucks.size()), "trucks ordered = trucks created");
  laws.equal(ordered, built + backlog, "trucks ordered = built + backlog");
  laws.equal(built, after_factory, "trucks built = delivered + in transit + waiting for upfit");
  laws.equal(counts.region_delivered.total(), walked[stage(TruckStage::delivered)],
             "trucks delivered = trucks at their sites");
  laws.equal(counts.region_ordered.total(), ordered, "orders by region = orders by factory");
  laws.equal(counts.region_built.total(), built, "built by region = built by factory");
  laws.equal(counts.factory_delivered.total(), walked[stage(TruckStage::delivered)],
             "delivered by factory = trucks at their sites");

  // Service: a delivered truck is in service or retired; one not delivered is on order.
  std::array<std::int64_t, 3> by_service{};
  for (const Truck& truck : trucks) {
    const bool delivered = truck.stage == TruckStage::delivered;
    laws.check(delivered == (truck.service != TruckService::on_order),
               "truck " + std::to_string(truck.id) + ": on order until delivered", static_cast<int>(truck.stage),
               static_cast<int>(truck.service));
    ++by_service[static_cast<std::size_t>(truck.service)];
  }
  const std::int64_t retired = counts.region_retired.total();
  laws.equal(by_service[static_cast<std::size_t>(TruckService::retired)], retired,
             "trucks retired = retired trucks found");
  laws.equal(counts.region_delivered.total() - retired, by_service[static_cast<std::size_t>(TruckService::in_service)],
             "fleet in service = delivered - retired");
  laws.equal(counts.site_active.total(), ordered - retired, "trucks a target counts = ordered - retired");

  // Components at factories: taken from stock = built × bill of materials + held by trucks still
  // being built; and initial + received = taken + on hand.
  for (std::size_t f = 0; f < factories.size(); ++f) {
    for (const auto& [component, stock] : factories[f]->stocks()) {
      std::int64_t in_built = 0;
      std::int64_t in_progress = 0;
      for (const Truck& truck : trucks) {
        if (truck.factory != f) continue;
        const auto& bom = desc.truck_types[truck.type].bill_of_materials;
        const bool is_built = stage(truck.stage) > stage(TruckStage::in_assembly);
        for (std::size_t line = 0; line < bom.size(); ++line) {
          if (map.component(bom[line].component) != component) continue;
          if (is_built) {
            in_built += bom[line].quantity;
          } else if (line < truck.kitted_lines) {
            in_progress += bom[line].quantity;
          }
        }
      }
      const std::string where = desc.factories[f].id + "/" + desc.components[component].id;
      std::int64_t built_here_times_bom = 0;
      for (std::size_t type = 0; type < truck_type_count(); ++type) {
        for (const BomLine& line : desc.truck_types[type].bill_of_materials) {
          if (map.component(line.component) == component) {
            built_here_times_bom += counts.factory_built(f, type) * line.quantity;
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

  // Bodies at upfitters.
  for (std::size_t u = 0; u < upfitters.size(); ++u) {
    std::int64_t fitted = 0;
    for (const Truck& truck : trucks) {
      if (truck.upfitter == u && stage(truck.stage) > stage(TruckStage::at_upfitter)) ++fitted;
    }
    laws.equal(upfitters[u]->fitted(), fitted, desc.upfitters[u].id + ": bodies fitted = trucks past the upfitter");
    for (const auto& [body, stock] : upfitters[u]->stocks()) {
      std::int64_t with_body = 0;
      for (const Truck& truck : trucks) {
        if (truck.upfitter == u && truck.has_body && sites[truck.site]->body() == body) ++with_body;
      }
      const std::string where = desc.upfitters[u].id + "/" + desc.components[body].id;
      laws.equal(stock->taken(), with_body, where + ": bodies taken = trucks given a body");
      laws.equal(stock->initial() + stock->received(), stock->taken() + stock->on_hand(),
                 where + ": initial + received = taken + on hand");
    }
  }

  // Suppliers: initial + produced = allocated + stock; allocated = shipped + allocated to orders
  // still being processed; shipped = in transit + received.
  std::vector<std::int64_t> received_from(suppliers.size(), 0);
  for (const auto& factory : factories) {
    for (const auto& [component, stock] : factory->stocks()) received_from[stock->supplier()] += stock->received();
  }
  for (const auto& upfitter : upfitters) {
    for (const auto& [component, stock] : upfitter->stocks()) received_from[stock->supplier()] += stock->received();
  }
  for (std::size_t s = 0; s < suppliers.size(); ++s) {
    std::int64_t processing = 0;
    std::int64_t in_transit = 0;
    std::int64_t received = 0;
    for (const Shipment& shipment : shipments) {
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
    const Supplier& supplier = *suppliers[s];
    const std::string& id = desc.suppliers[s].id;
    laws.equal(supplier.initial_stock() + supplier.produced(), supplier.allocated() + supplier.stock(),
               id + ": initial + produced = allocated to orders + stock");
    laws.equal(supplier.allocated(), supplier.shipped() + processing, id + ": allocated = shipped + being processed");
    laws.equal(supplier.shipped(), in_transit + received, id + ": shipped = in transit + received");
    laws.equal(received, received_from[s], id + ": received by plants = shipments received");
  }
  return laws.broken;
}

}  // namespace truckflow::models::detail
