// Delivery: building the upfitters and sites, sending trucks to be fitted, the bodies' laws.
#include "delivery.hpp"

#include <algorithm>

#include "chain.hpp"
#include "site.hpp"
#include "upfitter.hpp"

namespace truckflow::models::detail {

Delivery::Delivery(Chain& chain) : chain_(chain) {
  const ScenarioDesc& desc = chain.desc;
  for (std::size_t u = 0; u < desc.upfitters.size(); ++u) {
    std::vector<std::size_t> bodies;  // the bodies the sites routed here need
    for (const SiteDesc& site : desc.sites) {
      if (!site.upfit || chain.map.upfitter(site.upfit->upfitter) != u) continue;
      const std::size_t body = chain.map.component(site.upfit->body);
      if (std::find(bodies.begin(), bodies.end(), body) == bodies.end()) bodies.push_back(body);
    }
    upfitters_.push_back(std::make_unique<Upfitter>(chain, u, desc.upfitters[u], bodies));
  }
  for (std::size_t i = 0; i < desc.sites.size(); ++i) sites_.push_back(std::make_unique<Site>(chain, i, desc.sites[i]));
}

Delivery::~Delivery() = default;

engine::Process<> Delivery::fit(Truck& truck) {
  return upfitters_.at(truck.upfitter.value())->fit(truck, sites_.at(truck.site)->body().value());
}

void Delivery::check(Laws& laws) const {
  // Bodies at upfitters.
  for (std::size_t u = 0; u < upfitters_.size(); ++u) {
    std::int64_t fitted = 0;
    for (const Truck& truck : chain_.trucks) {
      if (truck.upfitter == u && truck.stage > TruckStage::at_upfitter) ++fitted;
    }
    laws.equal(upfitters_[u]->fitted(), fitted,
               chain_.desc.upfitters[u].id + ": bodies fitted = trucks past the upfitter");
    for (const auto& [body, stock] : upfitters_[u]->stocks()) {
      std::int64_t with_body = 0;
      for (const Truck& truck : chain_.trucks) {
        if (truck.upfitter == u && truck.has_body && sites_[truck.site]->body() == body) ++with_body;
      }
      const std::string where = chain_.desc.upfitters[u].id + "/" + chain_.desc.components[body].id;
      laws.equal(stock->taken(), with_body, where + ": bodies taken = trucks given a body");
      laws.equal(stock->initial() + stock->received(), stock->taken() + stock->on_hand(),
                 where + ": initial + received = taken + on hand");
    }
  }
}

void Delivery::add_received(std::vector<std::int64_t>& by_supplier) const {
  for (const auto& upfitter : upfitters_) {
    for (const auto& [component, stock] : upfitter->stocks()) by_supplier.at(stock->supplier()) += stock->received();
  }
}

}  // namespace truckflow::models::detail
