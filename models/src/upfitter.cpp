// Upfitter: body stock and bays.
#include "upfitter.hpp"

#include "series_registry.hpp"
#include "variation.hpp"

namespace truckflow::models::detail {

Upfitter::Upfitter(Chain& chain, std::size_t index, const UpfitterDesc& desc, const std::vector<std::size_t>& bodies)
    : chain_(chain),
      index_(index),
      region_(chain.map.region(desc.region)),
      bays_(chain.sim, static_cast<std::size_t>(desc.bays)),
      upfit_time_(engine::hours(desc.upfit_hours)),
      upfit_time_cv_(desc.upfit_time_cv),
      upfit_draws_(chain.sim.rng("upfitter/" + desc.id + "/upfit_time")) {
  for (const std::size_t body : bodies) {
    stocks_.emplace(
        body, std::make_unique<ComponentStock>(chain, PlantKind::upfitter, index_, region_, body, 1, desc.inventory,
                                               chain.supply.supplier_for(body, region_, desc.sourcing)));
  }
}

engine::Process<> Upfitter::fit(Truck& truck, std::size_t body) {
  co_await stocks_.at(body)->take(1);
  truck.has_body = true;
  const engine::Lease bay = co_await bays_.acquire();
  co_await chain_.sim.timeout(vary(upfit_time_, upfit_time_cv_, upfit_draws_));
  ++fitted_;
  chain_.emit(TruckUpfitted{chain_.sim.now(), truck.id, index_});
}

void declare_upfitter_series(SeriesRegistry& r) {
  r.counts({"upfitter_trucks_fitted", {"upfitter"}, "trucks", "bodies fitted (cumulative)", Measure::cumulative},
           [](const Chain& c, std::span<std::int64_t> out) {
             for (std::size_t u = 0; u < out.size(); ++u) out[u] = c.delivery.upfitter(u).fitted();
           });
}

}  // namespace truckflow::models::detail
