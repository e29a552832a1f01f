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
                                  : engine::Time::zero()) {
  const auto servers = static_cast<std::size_t>(desc.servers);
  switch (desc.kind) {
    case StationKind::charging:
      lanes_.emplace(servers);
      break;
    case StationKind::swap:
      lanes_.emplace(servers);
      charged_at_.emplace(static_cast<std::size_t>(desc.packs));
      pack_bays_.emplace(static_cast<std::size_t>(desc.pack_bays));
      break;
    case StationKind::hydrogen:
    case StationKind::methanol:
    case StationKind::diesel:
      servers_.emplace(chain.sim, engine::Resource::Options{servers});
      tank_.emplace(chain.sim, desc.storage, desc.storage);
      resupply_trip_ = places.trip(source->place(), place_).duration;
      break;
  }
  if (!desc.expansions.empty() || desc.trucks_per_server > 0.0)
    chain.sim.spawn(grow(), "station/" + desc.id + "/growth");
  if (desc.other_traffic) chain.sim.spawn(other_traffic(), "station/" + desc.id + "/other_traffic");
}

engine::Duration Station::expected_wait() const {
  const engine::Time now = chain_.sim.now();
  if (lanes_) {
    engine::Time starts = std::max(now, lanes_->free_at());
    if (charged_at_) starts = std::max(starts, charged_at_->free_at());
    return starts - now;
  }
  const double mean_service_h =
      visits_ > 0 ? service_hours_ / static_cast<double>(visits_) : desc_.handling_minutes / 60.0;
  const double ahead = static_cast<double>(servers_->queue_length() + waiting_for_stock_ + servers_->in_use()) + 1.0 -
                       static_cast<double>(servers_->capacity());
  if (ahead <= 0.0) return engine::Duration::zero();
  return engine::hours(ahead * mean_service_h / static_cast<double>(servers_->capacity()));
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
  if (lanes_) {
    const Refill refill = book(truck, level, full, max_charge_kw);
    co_await chain_.sim.timeout(refill.waited + refill.served);
    co_return refill;
  }
  const Refill refill = co_await fill_from_tank(truck, level, full);
  count(refill);
  co_return refill;
}

Refill Station::book(Truck& truck, double level, double full, double max_charge_kw) {
  const Refill refill = book_units(std::max(0.0, full - level), desc_.kind == StationKind::charging
                                                                    ? charge_time(level, full, max_charge_kw)
                                                                    : engine::Duration::zero());
  truck.served_from = chain_.sim.now() + refill.waited;
  truck.served_until = truck.served_from + refill.served;
  return refill;
}

Refill Station::book_units(double units, engine::Duration charging) {
  // The server that frees first, and for a swap the pack charged first: the start; the truck's own
  // pack, out at the start, recharges on the pack bay that frees first.
  const engine::Time now = chain_.sim.now();
  if (booked_.size() >= prune_booked_at_) {
    std::erase_if(booked_, [now](const Booking& b) { return b.ends <= now; });
    prune_booked_at_ = std::max<std::size_t>(64, 2 * booked_.size());
  }
  Refill refill;
  refill.units = units;
  const engine::Time server_free = std::max(now, lanes_->free_at());
  engine::Time starts = server_free;
  engine::Time pack_ready = server_free;
  engine::Duration work;
  double price = desc_.price_cny_per_unit;
  if (desc_.kind == StationKind::charging) {
    const double tariff = tariff_cny_per_kwh(starts);
    price += tariff;
    refill.bought_cny = refill.units * tariff;
    work = charging;
  } else {
    pack_ready = charged_at_->free_at();
    starts = std::max(server_free, pack_ready);
    if (pack_ready > server_free) add_dry(server_free, pack_ready);
    const engine::Time bay_starts = std::max(starts, pack_bays_->free_at());
    const engine::Time recharged = bay_starts + engine::hours(refill.units / desc_.pack_bay_kw);
    pack_bays_->occupy_until(recharged);
    charged_at_->occupy_until(recharged);  // the pack taken is replaced by the truck's
    refill.bought_cny = refill.units * tariff_cny_per_kwh(bay_starts);
    work = engine::minutes(desc_.swap_minutes);
  }
  refill.waited = starts - now;
  refill.served = engine::minutes(desc_.handling_minutes) + work;
  refill.cost_cny = refill.units * price;
  lanes_->occupy_until(starts + refill.served);
  booked_.push_back({now, starts, starts + refill.served, pack_ready});
  count(refill);
  return refill;
}

engine::Process<> Station::other_traffic() {
  // Arrivals a Poisson stream, energies exponential: each its own draw from the station's stream.
  engine::Simulation& sim = chain_.sim;
  const OtherTrafficDesc& traffic = *desc_.other_traffic;
  engine::Stream& draws = sim.rng("station/" + desc_.id + "/other_traffic");
  if (opens_at_ > sim.now()) co_await sim.timeout(opens_at_ - sim.now());
  for (;;) {
    co_await sim.timeout(engine::hours(draws.exponential(1.0 / traffic.trucks_per_hour)));
    const double kwh = draws.exponential(traffic.mean_kwh);
    if ((std::max(sim.now(), lanes_->free_at()) - sim.now()).to_hours() > traffic.max_wait_hours) {
      ++turned_away_;  // so the queue is never longer than its patience: bounded memory and time
      continue;
    }
    const Refill refill = book_units(kwh, engine::hours(kwh / desc_.charger_kw));
    dispensed_to_others_ += kwh;
    chain_.emit(
        OtherTrafficCharged{sim.now(), index_, refill.waited, refill.served, kwh, refill.cost_cny, refill.bought_cny});
  }
}

engine::Process<Refill> Station::fill_from_tank(Truck& truck, double level, double full) {
  engine::Simulation& sim = chain_.sim;
  const engine::Time arrived = sim.now();
  engine::Lease server = co_await servers_->acquire();
  Refill refill;
  double price = desc_.price_cny_per_unit;
  if (price == 0.0) price = region_pump_price(chain_.desc.regions[place_.region].prices, carrier());
  const double units = std::min(std::max(0.0, full - level), desc_.storage);
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
  chain_.operations.set_activity(truck, TruckActivity::refuelling);
  refill.waited = sim.now() - arrived;
  refill.served = engine::minutes(desc_.handling_minutes) + engine::minutes(units / desc_.fill_per_minute);
  co_await sim.timeout(refill.served);
  server.release();
  dispensing_ -= units;
  refill.units = units;
  refill.cost_cny = units * price;
  co_return refill;
}

void Station::count(const Refill& refill) {
  if (lanes_) grid_kwh_ += refill.units;
  purchases_cny_ += refill.bought_cny;
  ++visits_;
  wait_hours_ += refill.waited.to_hours();
  service_hours_ += refill.served.to_hours();
  dispensed_ += refill.units;
  revenue_cny_ += refill.cost_cny;
}

std::size_t Station::busy(engine::Time now) const {
  if (!lanes_) return servers_->in_use();
  return static_cast<std::size_t>(
      std::ranges::count_if(booked_, [now](const Booking& b) { return b.starts <= now && now < b.ends; }));
}

std::size_t Station::queue(engine::Time now) const {
  if (!lanes_) return servers_->queue_length() + waiting_for_stock_;
  return static_cast<std::size_t>(
      std::ranges::count_if(booked_, [now](const Booking& b) { return b.arrived <= now && now < b.starts; }));
}

std::int64_t Station::charged_packs(engine::Time now) const {
  // Charged: in stock, and taken by a truck still waiting for its swap.
  if (!charged_at_) return 0;
  return std::ranges::count_if(charged_at_->free_times(), [now](engine::Time ready) { return ready <= now; }) +
         std::ranges::count_if(booked_, [now](const Booking& b) { return b.pack_ready <= now && now < b.starts; });
}

std::int64_t Station::packs_recharging(engine::Time now) const {
  // charged_at_ holds the packs of trucks not yet swapped (booked, still in the truck): they do not count
  // until the swap; a pack taken by a waiting truck that is not charged yet does.
  if (!charged_at_) return 0;
  const auto in_heap =
      std::ranges::count_if(charged_at_->free_times(), [now](engine::Time ready) { return ready > now; });
  const auto not_out = std::ranges::count_if(booked_, [now](const Booking& b) { return now < b.starts; });
  const auto taken = std::ranges::count_if(booked_, [now](const Booking& b) { return now < b.pack_ready; });
  return in_heap - not_out + taken;
}

double Station::upstream_co2_kg_per_unit() const {
  if (source_ != nullptr) return source_->desc().co2_kg_per_unit;
  if (carrier() == Carrier::electricity) return chain_.desc.regions[place_.region].grid_co2_kg_per_kwh;
  return carrier() == Carrier::diesel ? chain_.desc.economics.diesel_upstream_co2_kg_per_l : 0.0;
}

double Station::growth() const noexcept { return static_cast<double>(servers()) / static_cast<double>(desc_.servers); }

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
  const double cost_cny = desc_.delivery * source_->desc().price_cny_per_unit;
  purchases_cny_ += cost_cny;
  chain_.emit(EnergyDelivered{sim.now(), index_, source_->index(), desc_.delivery, cost_cny});
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
      const double for_trucks = std::min(std::ceil(static_cast<double>(trucks) / desc_.trucks_per_server),
                                         static_cast<double>(max_station_servers));
      const auto needed = static_cast<std::size_t>(for_trucks);
      wanted = std::max({wanted, needed, servers()});
    }
    if (pack_bays_ && wanted > servers()) {
      // Packs and pack bays grow with the lanes, in the proportion the station opened with.
      const std::size_t added = wanted - servers();
      const auto more_packs = static_cast<std::int64_t>(added) * desc_.packs / desc_.servers;
      packs_added_ += more_packs;
      charged_at_->add(static_cast<std::size_t>(more_packs), sim.now());
      pack_bays_->add(added * static_cast<std::size_t>(desc_.pack_bays) / static_cast<std::size_t>(desc_.servers),
                      sim.now());
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
  if (lanes_) {
    lanes_->add(servers - lanes_->bays(), now);
  } else {
    servers_->set_capacity(servers);
  }
}

double Station::server_hours(engine::Time now) const {
  const engine::Time from = std::max(capacity_since_, opens_at_);
  return server_hours_ + (now > from ? static_cast<double>(servers()) * (now - from).to_hours() : 0.0);
}

void Station::start_dry(engine::Time now) {
  if (!dry_since_) dry_since_ = now;
}

void Station::end_dry(engine::Time now) {
  if (dry_since_) add_dry(*dry_since_, now);
  dry_since_.reset();
}

void Station::add_dry(engine::Time from, engine::Time to) {
  // Periods over by now are folded into the total.
  const engine::Time now = chain_.sim.now();
  std::size_t past = 0;
  while (past < dry_spans_.size() && dry_spans_[past].second <= now) {
    dry_hours_ += (dry_spans_[past].second - dry_spans_[past].first).to_hours();
    ++past;
  }
  dry_spans_.erase(dry_spans_.begin(), dry_spans_.begin() + static_cast<std::ptrdiff_t>(past));
  if (!dry_spans_.empty() && from <= dry_spans_.back().second) {
    dry_spans_.back().second = std::max(dry_spans_.back().second, to);
  } else {
    dry_spans_.emplace_back(from, to);
  }
}

double Station::dry_hours(engine::Time now) const {
  double hours = dry_hours_ + (dry_since_ ? (now - *dry_since_).to_hours() : 0.0);
  for (const auto& [from, to] : dry_spans_) {
    if (from < now) hours += (std::min(now, to) - from).to_hours();
  }
  return hours;
}

}  // namespace truckflow::models::detail
