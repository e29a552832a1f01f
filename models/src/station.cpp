// Station: queueing for a server, charging with a taper, swapping packs that recharge in the
// background, refuelling from a tank resupplied by road, prices, dry hours and growth.
#include "station.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "chain.hpp"
#include "energy_source.hpp"

namespace truckflow::models::detail {

namespace {

/// A charger's power at a full battery, as a share of its power before the taper.
constexpr double power_share_at_full = 0.2;

double region_pump_price(const RegionPrices& prices, Carrier carrier) {
  switch (carrier) {
    case Carrier::electricity:
      return prices.electricity_cny_per_kwh;
    case Carrier::hydrogen:
      return prices.hydrogen_cny_per_kg;
    case Carrier::methanol:
      return prices.methanol_cny_per_l;
    case Carrier::diesel:
      return prices.diesel_cny_per_l;
  }
  return 0.0;
}

}  // namespace

Station::Station(Chain& chain, std::size_t index, const StationDesc& desc, Places& places, EnergySource* source)
    : chain_(chain),
      index_(index),
      desc_(desc),
      place_(places.place(chain.map.region(desc.region), desc.position)),
      source_(source),
      opens_at_(desc.opening_date ? std::max(engine::Time::zero(), chain.sim.epoch().time_of(*desc.opening_date))
                                  : engine::Time::zero()),
      servers_(chain.sim, engine::Resource::Options{static_cast<std::size_t>(desc.servers)}) {
  switch (desc.kind) {
    case StationKind::charging:
      break;
    case StationKind::swap:
      packs_.emplace(chain.sim, std::numeric_limits<std::int64_t>::max() / 2, desc.packs);
      pack_bays_.emplace(chain.sim, static_cast<std::size_t>(desc.pack_bays));
      break;
    case StationKind::hydrogen:
    case StationKind::methanol:
    case StationKind::diesel:
      tank_.emplace(chain.sim, desc.storage, desc.storage);
      resupply_trip_ = places.trip(source->place(), place_).duration;
      break;
  }
  if (!desc.expansions.empty() || desc.trucks_per_server > 0.0)
    chain.sim.spawn(grow(), "station/" + desc.id + "/growth");
}

engine::Duration Station::expected_wait() const {
  const double mean_service_h =
      visits_ > 0 ? service_hours_ / static_cast<double>(visits_) : desc_.handling_minutes / 60.0;
  const double ahead = static_cast<double>(servers_.queue_length() + waiting_for_stock_ + servers_.in_use()) + 1.0 -
                       static_cast<double>(servers_.capacity());
  if (ahead <= 0.0) return engine::Duration::zero();
  return engine::hours(ahead * mean_service_h / static_cast<double>(servers_.capacity()));
}

double Station::tariff_cny_per_kwh(engine::Time now) const {
  if (desc_.tariff_cny_per_kwh.points().empty())
    return chain_.desc.regions[place_.region].prices.electricity_cny_per_kwh;
  const std::int64_t minute_ticks = engine::minutes(1).ticks();
  return desc_.tariff_cny_per_kwh.at(std::chrono::minutes(now.ticks() / minute_ticks));
}

engine::Duration Station::charge_time(double level, double full, double max_charge_kw) const {
  const double power_kw = max_charge_kw > 0.0 ? std::min(desc_.charger_kw, max_charge_kw) : desc_.charger_kw;
  const double taper = desc_.taper_from_soc;
  const double from = std::clamp(level / full, 0.0, 1.0);
  double hours = 0.0;
  if (from < taper) hours += full * (taper - from) / power_kw;
  if (taper < 1.0) {
    // Above the taper the power falls linearly with the state of charge s, to power_share_at_full
    // at s = 1: P(s) = P0 (1 - k (s - taper)), k = (1 - share) / (1 - taper); the time is the
    // integral of full / P(s) ds.
    const double k = (1.0 - power_share_at_full) / (1.0 - taper);
    const double a = std::max(from, taper);
    hours += full / power_kw / k * std::log((1.0 - k * (a - taper)) / power_share_at_full);
  }
  return engine::hours(hours);
}

engine::Process<Refill> Station::refill(Truck& truck, double level, double full, double max_charge_kw) {
  engine::Simulation& sim = chain_.sim;
  const engine::Time arrived = sim.now();
  engine::Lease server = co_await servers_.acquire();
  Refill refill;
  double units = std::max(0.0, full - level);
  engine::Duration work;
  double price = desc_.price_cny_per_unit;
  switch (desc_.kind) {
    case StationKind::charging:
      price += tariff_cny_per_kwh(sim.now());
      work = charge_time(level, full, max_charge_kw);
      break;
    case StationKind::swap:
      if (packs_->level() < 1) {
        ++waiting_for_stock_;
        start_dry(sim.now());
        co_await packs_->get(1);
        --waiting_for_stock_;
        if (waiting_for_stock_ == 0) end_dry(sim.now());
      } else {
        co_await packs_->get(1);
      }
      ++packs_recharging_;
      sim.spawn(recharge(units));
      work = engine::minutes(desc_.swap_minutes);
      break;
    case StationKind::hydrogen:
    case StationKind::methanol:
    case StationKind::diesel:
      if (price == 0.0) price = region_pump_price(chain_.desc.regions[place_.region].prices, carrier());
      units = std::min(units, desc_.storage);
      if (tank_->level() < units) {
        ++waiting_for_stock_;
        start_dry(sim.now());
        co_await tank_->get(units);
        --waiting_for_stock_;
        if (waiting_for_stock_ == 0) end_dry(sim.now());
      } else {
        co_await tank_->get(units);
      }
      dispensing_ += units;
      reorder();
      work = engine::minutes(units / desc_.fill_per_minute);
      break;
  }
  chain_.operations.set_activity(truck, TruckActivity::refuelling);
  refill.waited = sim.now() - arrived;
  refill.served = engine::minutes(desc_.handling_minutes) + work;
  co_await sim.timeout(refill.served);
  server.release();
  if (tank_) dispensing_ -= units;
  if (desc_.kind == StationKind::charging) {
    grid_kwh_ += units;
    purchases_cny_ += units * (price - desc_.price_cny_per_unit);
  }
  refill.units = units;
  refill.cost_cny = units * price;
  ++visits_;
  wait_hours_ += refill.waited.to_hours();
  service_hours_ += refill.served.to_hours();
  dispensed_ += units;
  revenue_cny_ += refill.cost_cny;
  co_return refill;
}

double Station::upstream_co2_kg_per_unit() const {
  if (source_ != nullptr) return source_->desc().co2_kg_per_unit;
  if (carrier() == Carrier::electricity) return chain_.desc.regions[place_.region].grid_co2_kg_per_kwh;
  return carrier() == Carrier::diesel ? chain_.desc.economics.diesel_upstream_co2_kg_per_l : 0.0;
}

engine::Process<> Station::recharge(double kwh) {
  engine::Lease bay = co_await pack_bays_->acquire();
  grid_kwh_ += kwh;
  purchases_cny_ += kwh * tariff_cny_per_kwh(chain_.sim.now());
  co_await chain_.sim.timeout(engine::hours(kwh / desc_.pack_bay_kw));
  bay.release();
  --packs_recharging_;
  co_await packs_->put(1);
}

double Station::growth() const noexcept {
  return static_cast<double>(servers_.capacity()) / static_cast<double>(desc_.servers);
}

void Station::reorder() {
  // As many deliveries as lift the stock and what is on order above the reorder point, which grows
  // with the station's servers (as its storage does).
  const double reorder_at = desc_.reorder_at * std::max(1.0, growth());
  while (tank_->level() + on_order_ <= reorder_at) {
    on_order_ += desc_.delivery;
    chain_.sim.spawn(deliver(), "");
  }
}

engine::Process<> Station::deliver() {
  engine::Simulation& sim = chain_.sim;
  co_await source_->take(desc_.delivery);
  source_->count_taken(desc_.delivery);
  purchases_cny_ += desc_.delivery * source_->desc().price_cny_per_unit;
  co_await sim.timeout(resupply_trip_);
  co_await tank_->put(desc_.delivery);
  on_order_ -= desc_.delivery;
  received_ += desc_.delivery;
  reorder();
}

engine::Process<> Station::grow() {
  engine::Simulation& sim = chain_.sim;
  const engine::Epoch& epoch = sim.epoch();
  std::size_t planned = static_cast<std::size_t>(desc_.servers);
  std::size_t next_expansion = 0;
  std::chrono::year review_year = epoch.date().year() + std::chrono::years(1);  // the first year has no fleet yet
  for (;;) {
    const engine::Time expansion = next_expansion < desc_.expansions.size()
                                       ? epoch.time_of(desc_.expansions[next_expansion].date)
                                       : engine::Time::max();
    const engine::Time review =
        desc_.trucks_per_server > 0.0 ? epoch.time_of(review_year / std::chrono::January / 1) : engine::Time::max();
    const engine::Time next = std::min(expansion, review);
    if (next == engine::Time::max()) co_return;
    // Low priority: after the deliveries due at the same instant.
    if (next > sim.now()) co_await sim.timeout(next - sim.now(), engine::Priority::low);
    if (next == expansion) planned = static_cast<std::size_t>(desc_.expansions[next_expansion++].servers);
    if (next == review) review_year += std::chrono::years(1);
    std::size_t wanted = planned;
    if (desc_.trucks_per_server > 0.0) {
      std::int64_t trucks = 0;
      for (std::size_t t = 0; t < chain_.desc.truck_types.size(); ++t) {
        if (station_serves(desc_.kind, chain_.desc.truck_types[t].powertrain)) {
          trucks += chain_.counts.in_service(place_.region, t);
        }
      }
      // At most max_station_servers, however few trucks a server is for.
      const double servers = std::min(std::ceil(static_cast<double>(trucks) / desc_.trucks_per_server),
                                      static_cast<double>(max_station_servers));
      const auto needed = static_cast<std::size_t>(servers);
      wanted = std::max({wanted, needed, servers_.capacity()});
    }
    if (packs_ && wanted > servers_.capacity()) {
      // Packs and pack bays grow with the lanes, in the proportion the station opened with.
      const std::size_t added = wanted - servers_.capacity();
      const auto more_packs = static_cast<std::int64_t>(added) * desc_.packs / desc_.servers;
      if (more_packs > 0) {
        packs_added_ += more_packs;
        co_await packs_->put(more_packs);  // never waits: the capacity is unbounded
      }
      pack_bays_->set_capacity(pack_bays_->capacity() + added * static_cast<std::size_t>(desc_.pack_bays) /
                                                            static_cast<std::size_t>(desc_.servers));
    }
    set_servers(wanted);
    // The tank grows with the servers, in the proportion the station opened with.
    if (tank_) tank_->set_capacity(std::max(tank_->capacity(), desc_.storage * growth()));
  }
}

void Station::set_servers(std::size_t servers) {
  const engine::Time now = chain_.sim.now();
  server_hours_ = server_hours(now);
  capacity_since_ = std::max(now, opens_at_);
  servers_.set_capacity(servers);
}

double Station::server_hours(engine::Time now) const {
  const engine::Time from = std::max(capacity_since_, opens_at_);
  return server_hours_ + (now > from ? static_cast<double>(servers_.capacity()) * (now - from).to_hours() : 0.0);
}

void Station::start_dry(engine::Time now) {
  if (!dry_since_) dry_since_ = now;
}

void Station::end_dry(engine::Time now) {
  if (dry_since_) dry_hours_ += (now - *dry_since_).to_hours();
  dry_since_.reset();
}

double Station::dry_hours(engine::Time now) const {
  return dry_hours_ + (dry_since_ ? (now - *dry_since_).to_hours() : 0.0);
}

}  // namespace truckflow::models::detail
