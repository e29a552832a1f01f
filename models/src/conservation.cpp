// The conservation laws of the chain, checked at the end of every run: the trucks' here, then each
// part's own. Each law compares counters kept as things happen with a count made now by walking
// the trucks and shipments.
#include <array>
#include <string>

#include "chain.hpp"

namespace truckflow::models::detail {

namespace {

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

  operations.check(laws);
  value.check(laws);
  production.check(laws);
  delivery.check(laws);
  std::vector<std::int64_t> received_by_plants(supply.size(), 0);
  production.add_received(received_by_plants);
  delivery.add_received(received_by_plants);
  supply.check(laws, received_by_plants);
  return laws.broken;
}

}  // namespace truckflow::models::detail
