// Operations: a delivered truck's working life, trips and their energy, station visits,
// breakdowns, retirement, and the operations' conservation laws.
#include "operations.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "bay_queue.hpp"
#include "chain.hpp"
#include "energy_source.hpp"
#include "energy_use.hpp"
#include "shift.hpp"
#include "site.hpp"
#include "station.hpp"

namespace truckflow::models::detail {

namespace {

constexpr double hours_per_year = 8766.0;  // 365.25 days
/// How long a stranded truck waits before it looks for a station again.
constexpr auto stranded_retry = engine::days(1);

std::size_t index_of(Carrier carrier) { return static_cast<std::size_t>(carrier); }

double largest_delivery(const ScenarioDesc& desc, const std::string& source) {
  double largest = 0.0;
  for (const StationDesc& s : desc.stations) {
    if (s.source == source) largest = std::max(largest, s.delivery);
  }
  return largest;
}

}  // namespace

/// A leg every cycle drives, worked out once: the trip, and by truck type the cargo, the energy
/// used and the diesel the scenario's diesel type would burn.
struct Operations::Leg {
  Trip trip;
  std::vector<double> use;            // [truck type], in its carrier's unit
  std::vector<double> diesel_litres;  // [truck type]
};

struct Operations::SiteWork {
  SiteWork(Chain& chain, const SiteWorkDesc& work, Place home_place, Place load_place, Place unload_place)
      : desc(work),
        home(home_place),
        load(load_place),
        unload(unload_place),
        loading(static_cast<std::size_t>(work.loading_bays)),
        unloading(static_cast<std::size_t>(work.unloading_bays)),
        loading_time(engine::minutes(work.loading_minutes)),
        unloading_time(engine::minutes(work.unloading_minutes)),
        shift(work.shift, chain.desc.simulation.start_date) {}
  const SiteWorkDesc& desc;
  Place home, load, unload;
  BayQueue loading, unloading;
  engine::Duration loading_time, unloading_time;
  ShiftCalendar shift;
  Station* depot = nullptr;
  std::vector<double> cargo_t;  // [truck type]: tonnes per load
  Leg loaded, empty;            // load -> unload, unload -> load
  // [truck type]: the least energy to reach a station serving it from the loading place (loaded)
  // and from the unloading place (empty); 0 when none serves it.
  std::vector<double> reach_from_load, reach_from_unload;
  std::optional<engine::Time> first_truck;  // when its first truck arrived
};

/// A truck at work: what it is, where it is and what it has left, and where it is going.
struct Operations::Driver {
  Truck& truck;
  const TruckOperationDesc& op;
  const Place* at;
  double full;  // usable storage
  double reserve;
  double hours_to_breakdown;
  double upstream_co2_kg_per_unit;  // of what it last took on
  engine::Time retire_at;           // the end of its life (Time::max() for a life of 0)
  Carrier carrier;
  // A leg or a stretch of road under way ends at `next`, `wait` after it began (a bay's turn and
  // the drive; once there, `wait` is stale until set again). On a trip (`goal` other than none) to
  // `bound_for`, keeping `margin` on arrival and stopping at stations on the way: `stop` is the
  // station the stretch under way ends at, null on the last stretch; between stretches `next` is
  // null and `wait` is what the truck waits where it is before setting off.
  Goal goal = Goal::none;
  bool stranded = false;  // counted stranded on this trip
  const Place* next = nullptr;
  const Place* bound_for = nullptr;
  Station* stop = nullptr;
  engine::Duration wait;
  double margin = 0.0;
};

Operations::Operations(Chain& chain)
    : chain_(chain), places_(chain.desc, chain.map.roads()), breakdown_draws_(chain.sim.rng("operations/breakdowns")) {
  const ScenarioDesc& d = chain.desc;
  const std::size_t types = d.truck_types.size();
  by_activity = Grid<std::int64_t>(truck_activity_count, types);
  site_loads = Grid<std::int64_t>(d.sites.size(), types);
  site_tonnes = km = tonne_km = used = co2_tank_to_wheel_kg = co2_well_to_wheel_kg = co2_diesel_equivalent_kg =
      energy_cost_cny = maintenance_cost_cny = delivered_years_sum_ = retired_years_sum_ =
          Grid<double>(d.sites.size(), types);
  in_service_ = Grid<std::int64_t>(d.sites.size(), types);
  breakdowns.assign(types, 0);
  strandings.assign(types, 0);

  for (const EnergySourceDesc& s : d.energy_sources) {
    sources_.push_back(std::make_unique<EnergySource>(chain.sim, sources_.size(), s,
                                                      places_.place(chain.map.region(s.region), s.position),
                                                      largest_delivery(d, s.id)));
  }
  for (std::size_t i = 0; i < d.stations.size(); ++i) {
    const StationDesc& s = d.stations[i];
    EnergySource* source = nullptr;
    for (std::size_t j = 0; j < d.energy_sources.size(); ++j) {
      if (d.energy_sources[j].id == s.source) source = sources_[j].get();
    }
    stations_.push_back(std::make_unique<Station>(chain, i, s, places_, source));
  }
  for (std::size_t i = 0; i < d.sites.size(); ++i) {
    const SiteDesc& site = d.sites[i];
    if (!site.work) {
      works_.push_back(nullptr);
      continue;
    }
    const std::size_t region = chain.map.region(site.region);
    const Place home = places_.place(region, site.position);
    const auto at = [&](const std::optional<PlaceDesc>& p) {
      return p ? places_.place(chain.map.region(p->region), p->position) : home;
    };
    auto work = std::make_unique<SiteWork>(chain, *site.work, home, at(site.work->load_at), at(site.work->unload_at));
    for (std::size_t s = 0; s < d.stations.size(); ++s) {
      if (d.stations[s].id == site.work->depot) work->depot = stations_[s].get();
    }
    works_.push_back(std::move(work));
  }
  serving_.resize(types);
  for (std::size_t t = 0; t < types; ++t) {
    for (const auto& station : stations_) {
      if (station_serves(station->kind(), d.truck_types[t].powertrain)) serving_[t].push_back(station.get());
    }
  }
  for (std::size_t t = 0; t < types; ++t) {
    if (d.truck_types[t].powertrain == Powertrain::diesel && d.truck_types[t].operation) {
      diesel_reference_ = t;
      break;
    }
  }
  for (const auto& work : works_) {
    if (!work) continue;
    work->loaded.trip = places_.trip(work->load, work->unload);
    work->empty.trip = places_.trip(work->unload, work->load);
    for (std::size_t t = 0; t < types; ++t) {
      const TruckTypeDesc& type = d.truck_types[t];
      const TruckOperationDesc op = type.operation.value_or(TruckOperationDesc{});
      const double cargo = work->desc.payload_t > 0.0 ? std::min(work->desc.payload_t, op.payload_t) : op.payload_t;
      work->cargo_t.push_back(cargo);
      for (const auto& [leg, load] : {std::pair{&work->loaded, cargo}, std::pair{&work->empty, 0.0}}) {
        leg->use.push_back(type.operation ? trip_use(op, carrier_of(type.powertrain), leg->trip, load) : 0.0);
        leg->diesel_litres.push_back(diesel_litres(leg->trip, load));
      }
      const auto reach = [&](const Place& from, double load) {
        double least = serving_[t].empty() ? 0.0 : std::numeric_limits<double>::infinity();
        for (const Station* station : serving_[t]) {
          const double use = trip_use(op, carrier_of(type.powertrain), places_.trip(from, station->place()), load);
          least = std::min(least, std::max(0.0, use));
        }
        return type.operation ? least : 0.0;
      };
      work->reach_from_load.push_back(reach(work->load, cargo));
      work->reach_from_unload.push_back(reach(work->unload, 0.0));
    }
  }
}

Operations::~Operations() = default;

bool Operations::works(std::size_t site, std::size_t type) const {
  return works_.at(site) != nullptr && chain_.desc.truck_types.at(type).operation.has_value();
}

double Operations::tonnes_required(std::size_t site, engine::Time now) const {
  const SiteWork* work = works_[site].get();
  if (work == nullptr || !work->first_truck || now <= *work->first_truck) return 0.0;
  const double days = (now - *work->first_truck).to_days();
  return work->desc.tonnes_per_day * days * static_cast<double>(work->desc.shift.days_per_week) / 7.0;
}

Grid<std::int64_t> Operations::activity_counts(engine::Time now) const {
  Grid<std::int64_t> counts = by_activity;
  const auto move = [&](const Truck& truck, TruckActivity to) {
    --counts(static_cast<std::size_t>(truck.activity), truck.type);
    ++counts(static_cast<std::size_t>(to), truck.type);
  };
  for (const Truck& truck : chain_.trucks) {
    if (truck.service != TruckService::in_service) continue;
    if (now < truck.served_until) {
      // At a charging or swap station, in the queue or served.
      move(truck, now < truck.served_from ? TruckActivity::queueing : TruckActivity::refuelling);
    } else if (truck.activity == TruckActivity::working && now < truck.queued_until) {
      // Waiting for a bay: in the queue, or parked until the next shift opens the bays.
      const bool in_shift = works_[truck.site]->shift.shift_end(now) > now;
      move(truck, in_shift ? TruckActivity::queueing : TruckActivity::off_shift);
    }
  }
  return counts;
}

double Operations::bay_wait_hours(std::size_t site) const {
  const SiteWork* work = works_[site].get();
  return work == nullptr ? 0.0 : work->loading.wait_hours() + work->unloading.wait_hours();
}

void Operations::set_activity(Truck& truck, TruckActivity activity) {
  --by_activity(static_cast<std::size_t>(truck.activity), truck.type);
  truck.activity = activity;
  ++by_activity(static_cast<std::size_t>(activity), truck.type);
}

double Operations::service_years(std::size_t site, std::size_t type, engine::Time now) const {
  const double now_years = now.to_hours() / hours_per_year;
  return static_cast<double>(in_service_(site, type)) * now_years - delivered_years_sum_(site, type) +
         retired_years_sum_(site, type);
}

void Operations::retire(Truck& truck) {
  --by_activity(static_cast<std::size_t>(truck.activity), truck.type);
  --in_service_(truck.site, truck.type);
  retired_years_sum_(truck.site, truck.type) += chain_.sim.now().to_hours() / hours_per_year;
  retired_with_[index_of(carrier_of(chain_.desc.truck_types[truck.type].powertrain))] += truck.energy;
}

void Operations::serve(Truck& truck) {
  truck.activity = TruckActivity::idle;
  ++by_activity(static_cast<std::size_t>(TruckActivity::idle), truck.type);
  ++in_service_(truck.site, truck.type);
  delivered_years_sum_(truck.site, truck.type) += chain_.sim.now().to_hours() / hours_per_year;
  if (works(truck.site, truck.type)) {
    chain_.sim.spawn(work(truck), "truck/" + std::to_string(truck.id) + "/work", engine::Priority::urgent);
  }
}

Operations::Driver Operations::clock_in(Truck& truck, SiteWork& site) {
  const engine::Time now = chain_.sim.now();
  if (!site.first_truck) site.first_truck = now;
  const TruckTypeDesc& type = chain_.desc.truck_types[truck.type];
  const TruckOperationDesc& op = *type.operation;
  const Carrier carrier = carrier_of(type.powertrain);
  const std::size_t region = chain_.delivery.site(truck.site).region();
  const double full = op.storage * op.usable_share;
  truck.energy = full;  // delivered full
  filled_at_delivery_[index_of(carrier)] += full;
  return Driver{truck,
                op,
                &site.home,
                full,
                full * op.reserve_share,
                op.mean_hours_between_breakdowns > 0.0 ? breakdown_draws_.exponential(op.mean_hours_between_breakdowns)
                                                       : std::numeric_limits<double>::infinity(),
                carrier == Carrier::electricity ? chain_.desc.regions[region].grid_co2_kg_per_kwh
                : carrier == Carrier::diesel    ? chain_.desc.economics.diesel_upstream_co2_kg_per_l
                                                : 0.0,
                op.life_years > 0.0 ? now + engine::hours(op.life_years * hours_per_year) : engine::Time::max(),
                carrier};
}

Operations::Step Operations::next_step(Driver& driver, SiteWork& site) {
  Truck& truck = driver.truck;
  const std::size_t t = truck.type;
  if (driver.goal != Goal::none) {
    if (driver.next != driver.bound_for || driver.stop != nullptr) {
      // At a station on the way (take on energy, then go on), or between stretches (after a fuel
      // station's visit, or a day stranded): the next stretch.
      if (driver.stop != nullptr) {
        if (!driver.stop->books_visits()) return Step::refuel;
        driver.wait = book_visit(driver, *std::exchange(driver.stop, nullptr));
      }
      return route(driver);
    }
    // There.
    switch (std::exchange(driver.goal, Goal::none)) {
      case Goal::depot:
        return Step::charge;
      case Goal::load:
        return start_loading(driver, site);
      default:
        break;
    }
  }
  const engine::Time now = chain_.sim.now();
  if (driver.at == &site.unload) {
    // Loaded at the unloading place: queue for a bay, unload, set off back.
    const engine::Time unloading_starts = site.unloading.assign(now, site.unloading_time, site.shift);
    truck.queued_until = unloading_starts;
    ++site_loads(truck.site, t);
    site_tonnes(truck.site, t) += truck.cargo_t;
    truck.cargo_t = 0.0;
    return set_off(driver, site.empty, site.load, site.reach_from_load[t],
                   unloading_starts + site.unloading_time - now);
  }
  if (now >= driver.retire_at) return Step::retire;
  // Between shifts, a truck at its loading place with nothing to do first simply queues for its
  // bay, which starts it when the shift opens (counted off shift meanwhile): no event of its own.
  // One that charges at the depot first, is elsewhere, or retires before then takes its night.
  if (site.shift.shift_end(now) == now) {
    if (site.depot != nullptr && truck.energy < driver.full &&
        station_serves(site.depot->kind(), chain_.desc.truck_types[t].powertrain)) {
      set_activity(truck, TruckActivity::off_shift);
      return travel(driver, Goal::depot, site.depot->place(), 0.0, engine::Duration::zero());
    }
    if (driver.at != &site.load || site.shift.next_start(now) >= driver.retire_at) return Step::rest;
  }
  if (driver.at != &site.load) {
    return travel(driver, Goal::load, site.load, site.reach_from_load[t], engine::Duration::zero());
  }
  return start_loading(driver, site);
}

Operations::Step Operations::start_loading(Driver& driver, SiteWork& site) {
  Truck& truck = driver.truck;
  const std::size_t t = truck.type;
  const engine::Time now = chain_.sim.now();
  const engine::Time loading_starts = site.loading.assign(now, site.loading_time, site.shift);
  set_activity(truck, TruckActivity::working);
  truck.queued_until = loading_starts;
  truck.cargo_t = site.cargo_t[t];
  tonnes_loaded_ += truck.cargo_t;
  // Enough for the leg and, after it, to reach a station from where it ends (empty, after unloading).
  return set_off(driver, site.loaded, site.unload, site.reach_from_unload[t], loading_starts + site.loading_time - now);
}

Operations::Step Operations::set_off(Driver& driver, const Leg& leg, const Place& to, double margin,
                                     engine::Duration at_bay) {
  const std::size_t t = driver.truck.type;
  if (driver.truck.energy - leg.use[t] >= driver.reserve + margin) {
    depart(driver, leg.trip, leg.use[t], leg.diesel_litres[t]);
    driver.next = &to;
    driver.wait = at_bay + leg.trip.duration;
    return Step::leg;
  }
  return travel(driver, Goal::cycle, to, margin, at_bay);  // with a stop at a station on the way
}

Operations::Step Operations::travel(Driver& driver, Goal goal, const Place& to, double margin, engine::Duration after) {
  driver.goal = goal;
  driver.bound_for = &to;
  driver.margin = margin;
  driver.wait = after;
  driver.stranded = false;
  driver.stop = nullptr;
  driver.next = nullptr;
  return route(driver);
}

Operations::Step Operations::route(Driver& driver) {
  const Place& to = *driver.bound_for;
  Truck& truck = driver.truck;
  const double use = trip_use(driver.op, driver.carrier, places_.trip(*driver.at, to), truck.cargo_t);
  if (truck.energy - use >= driver.reserve + driver.margin) return stretch(driver, to);
  Station* station = choose_station(driver, to, driver.margin);
  if (station == nullptr) return Step::stranded;
  driver.stranded = false;
  driver.stop = station;
  return stretch(driver, station->place());
}

Operations::Step Operations::stretch(Driver& driver, const Place& to) {
  const Trip trip = places_.trip(*driver.at, to);
  depart(driver, trip, trip_use(driver.op, driver.carrier, trip, driver.truck.cargo_t),
         diesel_litres(trip, driver.truck.cargo_t));
  driver.next = &to;
  driver.wait += trip.duration;
  return Step::stretch;
}

engine::Process<> Operations::work(Truck& truck) {
  // GCC lays a coroutine's frame out in the order of its source, every local and every co_await
  // (its awaiter and the temporaries of its expression) in a slot of its own. So the truck's
  // decisions are plain functions (next_step and those it calls), and its one common wait comes
  // first: what every event touches is the frame's first lines, those the engine prefetches
  // before the resume (design.md, "Where a working truck lives in memory").
  SiteWork& site = *works_[truck.site];
  Driver driver = clock_in(truck, site);
  // A cycle has two events in the common case: arriving to load (the bay's start is known at
  // once, and loading and the loaded leg are one wait) and arriving to unload (unloading and the
  // way back are one wait). A truck short of energy finishes at the bay, then stops at stations:
  // a stretch of road to each, and one to where it was going, an event each (none for a stretch
  // with nothing to wait: no time on the road, no wait before it); a visit to a charging or swap
  // station is booked on arrival.
  for (;;) {
    const Step step = next_step(driver, site);
    if (step == Step::leg || step == Step::stretch) {
      if (step == Step::leg || driver.wait > engine::Duration::zero()) co_await chain_.sim.timeout(driver.wait);
      driver.at = driver.next;
      if (driver.hours_to_breakdown <= 0.0) co_await repair(driver);
      continue;
    }
    if (step == Step::retire) break;
    if (step == Step::refuel) {
      driver.wait = co_await visit(driver, *std::exchange(driver.stop, nullptr));
      driver.next = nullptr;  // between stretches: the trip goes on from here
    } else if (step == Step::stranded) {
      co_await strand(driver);
      driver.next = nullptr;
    } else {
      co_await rest(driver, site, step == Step::charge);
    }
  }
  chain_.retire(truck);
}

engine::Process<> Operations::rest(Driver& driver, SiteWork& site, bool at_depot) {
  engine::Simulation& sim = chain_.sim;
  engine::Time charged = sim.now();
  if (at_depot) {
    const engine::Duration left = co_await visit(driver, *site.depot);
    charged = sim.now() + left;
  }
  set_activity(driver.truck, TruckActivity::off_shift);
  const engine::Time wake = std::max(std::min(site.shift.next_start(sim.now()), driver.retire_at), charged);
  if (wake > sim.now()) co_await sim.timeout(wake - sim.now());
}

engine::Process<> Operations::strand(Driver& driver) {
  engine::Simulation& sim = chain_.sim;
  Truck& truck = driver.truck;
  if (!driver.stranded) {
    driver.stranded = true;
    ++strandings[truck.type];
    set_activity(truck, TruckActivity::stranded);
  }
  co_await sim.timeout(std::exchange(driver.wait, engine::Duration::zero()) + stranded_retry);
  // Still nothing in reach: towed to the nearest open station that serves it. A full truck that
  // still cannot go on (its leg is longer than its range, with no station on the way) stays
  // stranded, counted once, and looks again each day.
  if (truck.energy < driver.full && choose_station(driver, *driver.bound_for, driver.margin) == nullptr) {
    if (Station* nearest = nearest_station(driver)) {
      co_await sim.timeout(places_.trip(*driver.at, nearest->place()).duration);
      driver.at = &nearest->place();
      driver.wait = co_await visit(driver, *nearest);
      set_activity(truck, TruckActivity::stranded);
    }
  }
}

double Operations::diesel_litres(const Trip& trip, double cargo_t) const {
  if (!diesel_reference_) return 0.0;
  const TruckOperationDesc& diesel = *chain_.desc.truck_types[*diesel_reference_].operation;
  return std::max(0.0, trip_use(diesel, Carrier::diesel, trip, cargo_t));
}

void Operations::depart(Driver& driver, const Trip& trip, double use, double diesel_l) {
  Truck& truck = driver.truck;
  set_activity(truck, TruckActivity::working);
  // A descent can return energy to a battery, up to full; a tank cannot refill.
  const double after = driver.carrier == Carrier::electricity ? std::min(driver.full, truck.energy - use)
                                                              : truck.energy - std::max(0.0, use);
  const double consumed = truck.energy - after;
  truck.energy = after;
  consumed_[index_of(driver.carrier)] += consumed;
  const std::size_t s = truck.site;
  const std::size_t t = truck.type;
  const EconomicsDesc& e = chain_.desc.economics;
  used(s, t) += consumed;
  km(s, t) += trip.km;
  tonne_km(s, t) += trip.km * truck.cargo_t;
  maintenance_cost_cny(s, t) += trip.km * driver.op.maintenance_cny_per_km;
  const double burnt_kg_per_unit = driver.carrier == Carrier::diesel     ? e.diesel_co2_kg_per_l
                                   : driver.carrier == Carrier::methanol ? e.methanol_co2_kg_per_l
                                                                         : 0.0;
  co2_tank_to_wheel_kg(s, t) += consumed * burnt_kg_per_unit;
  co2_well_to_wheel_kg(s, t) += consumed * (burnt_kg_per_unit + driver.upstream_co2_kg_per_unit);
  co2_diesel_equivalent_kg(s, t) += diesel_l * (e.diesel_co2_kg_per_l + e.diesel_upstream_co2_kg_per_l);
  driver.hours_to_breakdown -= trip.duration.to_hours();
}

engine::Process<> Operations::repair(Driver& driver) {
  Truck& truck = driver.truck;
  ++breakdowns[truck.type];
  set_activity(truck, TruckActivity::broken);
  co_await chain_.sim.timeout(engine::hours(driver.op.repair_hours));
  set_activity(truck, TruckActivity::working);
  driver.hours_to_breakdown = breakdown_draws_.exponential(driver.op.mean_hours_between_breakdowns);
}

engine::Duration Operations::book_visit(Driver& driver, Station& station) {
  Truck& truck = driver.truck;
  set_activity(truck, TruckActivity::queueing);
  const Refill refill = station.book(truck, truck.energy, driver.full, driver.op.max_charge_kw);
  took_on(driver, station, refill, chain_.sim.now());
  return refill.waited + refill.served;
}

engine::Process<engine::Duration> Operations::visit(Driver& driver, Station& station) {
  if (station.books_visits()) co_return book_visit(driver, station);
  Truck& truck = driver.truck;
  set_activity(truck, TruckActivity::queueing);
  const Refill refill = co_await station.refill(truck, truck.energy, driver.full, driver.op.max_charge_kw);
  took_on(driver, station, refill, chain_.sim.now() - (refill.waited + refill.served));
  co_return engine::Duration::zero();
}

void Operations::took_on(Driver& driver, Station& station, const Refill& refill, engine::Time arrived) {
  Truck& truck = driver.truck;
  truck.energy += refill.units;
  energy_cost_cny(truck.site, truck.type) += refill.cost_cny;
  driver.upstream_co2_kg_per_unit = station.upstream_co2_kg_per_unit();
  chain_.emit(StationVisited{chain_.sim.now(), arrived, truck.id, truck.type, truck.site, station.index(),
                             refill.waited, refill.served, refill.units, refill.cost_cny, refill.bought_cny});
}

Station* Operations::nearest_station(const Driver& driver) const {
  const engine::Time now = chain_.sim.now();
  Station* nearest = nullptr;
  engine::Duration best = engine::Duration::max();
  for (Station* station : serving_[driver.truck.type]) {
    if (!station->is_open(now)) continue;
    const engine::Duration time = places_.trip(*driver.at, station->place()).duration;
    if (time < best) {
      nearest = station;
      best = time;
    }
  }
  return nearest;
}

Station* Operations::choose_station(const Driver& driver, const Place& to, double margin) const {
  const engine::Time now = chain_.sim.now();
  Station* best = nullptr;
  engine::Duration best_time = engine::Duration::max();
  for (Station* station : serving_[driver.truck.type]) {
    if (!station->is_open(now)) continue;
    const Trip there = places_.trip(*driver.at, station->place());
    if (trip_use(driver.op, driver.carrier, there, driver.truck.cargo_t) > driver.truck.energy) continue;
    const Trip on = places_.trip(station->place(), to);
    if (trip_use(driver.op, driver.carrier, on, driver.truck.cargo_t) > driver.full - driver.reserve - margin) continue;
    const engine::Duration time = there.duration + on.duration + station->expected_wait();
    if (time < best_time) {
      best = station;
      best_time = time;
    }
  }
  return best;
}

void Operations::check(Laws& laws) const {
  const engine::Time now = chain_.sim.now();
  // Activities: every truck in service does one thing.
  Grid<std::int64_t> walked(truck_activity_count, chain_.desc.truck_types.size());
  std::array<double, carrier_count> on_board{};
  double cargo = 0.0;
  for (const Truck& truck : chain_.trucks) {
    if (truck.service != TruckService::in_service) continue;
    ++walked(static_cast<std::size_t>(truck.activity), truck.type);
    on_board[index_of(carrier_of(chain_.desc.truck_types[truck.type].powertrain))] += truck.energy;
    cargo += truck.cargo_t;
  }
  for (std::size_t a = 0; a < truck_activity_count; ++a) {
    for (std::size_t t = 0; t < walked.columns(); ++t) {
      laws.equal(by_activity(a, t), walked(a, t),
                 std::string("trucks ") + to_string(static_cast<TruckActivity>(a)) + " (" +
                     chain_.desc.truck_types[t].id + "): activity counter = trucks found doing it");
    }
  }
  // Energy by carrier: what stations put in the fleets' trucks and what they came with = what they
  // used + what they hold + what left with retired trucks.
  std::array<double, carrier_count> dispensed{};
  for (const auto& station : stations_) {
    dispensed[index_of(station->carrier())] += station->dispensed() - station->dispensed_to_others();
  }
  for (std::size_t c = 0; c < carrier_count; ++c) {
    const std::string name = to_string(static_cast<Carrier>(c));
    laws.near(dispensed[c] + filled_at_delivery_[c], consumed_[c] + on_board[c] + retired_with_[c],
              name + ": dispensed + filled at delivery = consumed + on board + left with retired trucks");
  }
  for (const auto& station : stations_) {
    const std::string name = "station " + station->desc().id;
    switch (station->kind()) {
      case StationKind::charging:
        laws.near(station->grid_kwh(), station->dispensed(), name + ": bought from the grid = dispensed");
        break;
      case StationKind::swap:
        laws.equal(station->charged_packs(now) + station->packs_recharging(now), station->packs(),
                   name + ": charged + recharging packs = packs");
        break;
      case StationKind::hydrogen:
      case StationKind::methanol:
      case StationKind::diesel:
        laws.near(station->initial_stock() + station->received(),
                  station->dispensed() + station->stock() + station->dispensing(),
                  name + ": initial stock + received = dispensed + stock + being dispensed");
        break;
    }
  }
  for (const auto& source : sources_) {
    laws.near(source->produced(), source->taken() + source->stock(),
              "energy source " + source->desc().id + ": produced = taken + stock");
  }
  laws.near(tonnes_loaded_, site_tonnes.total() + cargo, "tonnes loaded = delivered + on board");
}

}  // namespace truckflow::models::detail
