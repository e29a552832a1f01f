// Trucks at work: places and trips, energy on a trip, shifts, a one-truck case worked out by
// hand, a charging station against Erlang C, and the operations' conservation laws.
#include <algorithm>
#include <cmath>
#include <deque>
#include <gtest/gtest.h>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "truckflow/engine/queueing.hpp"
#include "truckflow/models/world.hpp"
#include "truckflow/scenarios/loader.hpp"

#include "bay_queue.hpp"
#include "chain.hpp"
#include "energy_use.hpp"
#include "places.hpp"
#include "shift.hpp"
#include "station.hpp"

namespace truckflow::models {
namespace {

using detail::Place;
using detail::Trip;
using engine::hours;
using engine::Time;

const std::string tiny = std::string(TRUCKFLOW_SOURCE_DIR) + "/scenarios/tiny/";

/// A charging station of `servers` chargers of `kw` in `region`, at its centre.
StationDesc charging_station(std::string id, std::string region, std::int64_t servers, double kw, double taper) {
  StationDesc station;
  station.id = std::move(id);
  station.kind = StationKind::charging;
  station.region = std::move(region);
  station.operator_name = "Operator";
  station.servers = servers;
  station.charger_kw = kw;
  station.taper_from_soc = taper;
  return station;
}

/// two_regions.yaml: regions a (host, 0 m) and b (collaborating), 100 km and 2 h apart; one
/// battery truck ordered at day 0 for the quarry in b, delivered at 12 h.
ScenarioDesc one_truck() {
  ScenarioDesc d = scenarios::load_scenario(tiny + "two_regions.yaml").description;
  d.sites[0].deployment[0].trucks = 1;
  d.regions[1].elevation_m = 1000.0;
  d.regions[1].local_speed_kmh = 40.0;
  TruckOperationDesc op;
  op.empty_mass_t = 20.0;
  op.payload_t = 30.0;
  op.use_loaded_per_100km = 150.0;
  op.use_empty_per_100km = 100.0;
  op.storage = 400.0;
  op.usable_share = 0.8;   // 320 kWh usable
  op.reserve_share = 0.1;  // 32 kWh kept
  op.drivetrain_efficiency = 0.9;
  op.regenerated_share = 0.5;
  op.max_charge_kw = 400.0;
  op.maintenance_cny_per_km = 0.2;
  d.truck_types[0].operation = op;
  SiteWorkDesc work;
  work.unload_at = PlaceDesc{"b", PositionDesc{20.0, -100.0, std::nullopt}};  // 20 km out, 100 m lower
  work.loading_minutes = 30.0;
  work.unloading_minutes = 30.0;
  work.tonnes_per_day = 300.0;
  d.sites[0].work = work;
  StationDesc charger = charging_station("quarry_charger", "b", 1, 100.0, 0.8);
  charger.price_cny_per_unit = 0.1;  // service fee on top of the region's flat 0.60
  d.stations.push_back(charger);
  return d;
}

TEST(PlacesTest, TripsInsideAndBetweenRegions) {
  const ScenarioDesc d = one_truck();
  const RoadNetwork roads(2, {{0, 1, 100.0, hours(2), 0.0, 0.0, 0}, {1, 0, 100.0, hours(2), 0.0, 0.0, 0}});
  detail::Places places(d, roads);
  const Place centre_b = places.place(1, {});
  const Place pit = places.place(1, {20.0, -100.0, std::nullopt});
  const Trip out = places.trip(centre_b, pit);
  EXPECT_DOUBLE_EQ(out.km, 20.0);
  EXPECT_EQ(out.duration, hours(0.5));  // at 40 km/h
  EXPECT_DOUBLE_EQ(out.climb_m, 0.0);
  EXPECT_DOUBLE_EQ(out.descent_m, 100.0);
  EXPECT_DOUBLE_EQ(places.trip(pit, pit).km, 0.0);
  // From a (0 m) to the pit: the road (2 h, 100 km; neither climb nor descent given, so the centres'
  // 1000 m difference), then 20 km and 100 m down inside b.
  const Trip far = places.trip(places.place(0, {}), pit);
  EXPECT_DOUBLE_EQ(far.km, 120.0);
  EXPECT_EQ(far.duration, hours(2.5));
  EXPECT_DOUBLE_EQ(far.climb_m, 1000.0);
  EXPECT_DOUBLE_EQ(far.descent_m, 100.0);
  // Coordinates: the straight line times the detour factor.
  const CoordinatesDesc c{29.1, 105.0, 1200.0};
  const Place north = places.place(1, {0.0, 0.0, c});
  EXPECT_NEAR(north.distance_km, detail::great_circle_km(29.0, 105.0, 29.1, 105.0) * 1.3, 1e-9);
  EXPECT_NEAR(detail::great_circle_km(29.0, 105.0, 29.1, 105.0), 11.12, 0.01);
  EXPECT_DOUBLE_EQ(north.elevation_m, 1200.0);
}

TEST(EnergyUseTest, FlatUsePlusClimbLessRegeneratedDescent) {
  TruckOperationDesc op;
  op.empty_mass_t = 20.0;
  op.use_loaded_per_100km = 150.0;
  op.use_empty_per_100km = 100.0;
  op.drivetrain_efficiency = 0.9;
  op.regenerated_share = 0.5;
  const double g = 9.80665;
  // Loaded (50 t) 20 km down 100 m: 30 kWh less half of m g h.
  const double down = 30.0 - 0.5 * 50000.0 * g * 100.0 / 3.6e6;
  EXPECT_NEAR(detail::trip_use(op, Carrier::electricity, {hours(0.5), 20.0, 0.0, 100.0}, 30.0), down, 1e-12);
  // Empty (20 t) back up: 20 kWh plus m g h through the drivetrain.
  const double up = 20.0 + 20000.0 * g * 100.0 / 3.6e6 / 0.9;
  EXPECT_NEAR(detail::trip_use(op, Carrier::electricity, {hours(0.5), 20.0, 100.0, 0.0}, 0.0), up, 1e-12);
  // In kg of hydrogen: the grade's kWh over 33.39 kWh/kg.
  EXPECT_NEAR(detail::trip_use(op, Carrier::hydrogen, {hours(0.5), 0.0, 100.0, 0.0}, 0.0),
              20000.0 * g * 100.0 / 3.6e6 / 0.9 / 33.39, 1e-12);
}

TEST(ShiftCalendarTest, WorkingDaysAndOvernightShifts) {
  // 2026-01-01 is a Thursday. Monday to Friday, 22:00 to 06:00.
  const detail::ShiftCalendar night({8.0, 5, 22.0},
                                    Date{std::chrono::year(2026), std::chrono::January, std::chrono::day(1)});
  const auto at = [](double h) { return Time::zero() + hours(h); };
  EXPECT_EQ(night.shift_end(at(12.0)), at(12.0));   // Thursday noon: off
  EXPECT_EQ(night.next_start(at(12.0)), at(22.0));  // Thursday night
  EXPECT_EQ(night.shift_end(at(23.0)), at(30.0));   // until Friday 06:00
  EXPECT_EQ(night.shift_end(at(24.0 + 3.0)), at(30.0));
  EXPECT_EQ(night.next_start(at(30.0)), at(24.0 + 22.0));  // Friday night
  // Saturday and Sunday nights are off: from Friday's shift end the next starts Monday 22:00.
  EXPECT_EQ(night.next_start(at(2 * 24.0 + 6.0)), at(4 * 24.0 + 22.0));
  const detail::ShiftCalendar always({24.0, 7, 0.0},
                                     Date{std::chrono::year(2026), std::chrono::January, std::chrono::day(1)});
  EXPECT_TRUE(always.always());
  EXPECT_EQ(always.next_start(at(5.0)), at(5.0));
}

TEST(ShiftCalendarTest, RememberedStretchAnswersAsAFreshCalendar) {
  // The calendar keeps the last stretch it found; asked about times in any order (back, forth, at
  // the edges of shifts), it must answer as a calendar asked for the first time.
  const Date start{std::chrono::year(2026), std::chrono::January, std::chrono::day(1)};
  for (const ShiftDesc shift :
       {ShiftDesc{8.0, 5, 22.0}, ShiftDesc{10.0, 6, 7.0}, ShiftDesc{24.0, 5, 0.0}, ShiftDesc{16.0, 7, 6.0}}) {
    const detail::ShiftCalendar used(shift, start);
    std::mt19937_64 draws(7);
    std::uniform_int_distribution<std::int64_t> minute(0, 3 * 7 * 24 * 60);
    for (int i = 0; i < 5000; ++i) {
      // Every other time on an hour, so that shifts' first and last instants come up.
      const std::int64_t m = i % 2 == 0 ? minute(draws) : minute(draws) / 60 * 60;
      const Time t = Time::zero() + engine::minutes(m);
      const detail::ShiftCalendar fresh(shift, start);
      ASSERT_EQ(used.shift_end(t), fresh.shift_end(t)) << "minute " << m;
      const detail::ShiftCalendar fresh_again(shift, start);
      ASSERT_EQ(used.next_start(t), fresh_again.next_start(t)) << "minute " << m;
    }
  }
}

/// The one truck, worked out by hand. It is delivered at 12 h to the quarry (the loading point,
/// where the charger is) with 320 kWh. A cycle: load 30 min, 20 km loaded and 100 m down (30 kWh
/// less 6.81 regenerated = 23.19 kWh, 30 min), unload 30 min, 20 km back empty and up (20 + 6.05 =
/// 26.05 kWh, 30 min): 2 h and 49.24 kWh. Before a leg the truck keeps its 32 kWh reserve plus
/// what it needs from the leg's end to reach the charger: 26.05 kWh from the unloading point, 0
/// from the quarry. After 5 cycles (22 h) it holds 73.80 kWh; the 6th loaded leg would leave 50.61,
/// less than 32 + 26.05, so after loading (22.5 h) it charges at the quarry first, loaded: 246.20
/// kWh, to 80 % at 100 kW in 1.8219 h, then tapering to 20 % of the power at full in 0.8 ln 5 =
/// 1.2876 h; then it drives loaded (0.5 h) and unloads (0.5 h).
TEST(OperationsTest, OneTruckHandComputed) {
  World world(one_truck());
  const double g = 9.80665;
  const double loaded = 30.0 - 0.5 * 50000.0 * g * 100.0 / 3.6e6;
  const double empty = 20.0 + 20000.0 * g * 100.0 / 3.6e6 / 0.9;
  const double level = 320.0 - 5.0 * (loaded + empty);  // at the charger
  EXPECT_LT(level - loaded, 32.0 + empty) << "the 6th loaded leg would leave too little to come back";
  const double charge_h = 320.0 * (0.8 - level / 320.0) / 100.0 + 0.8 * std::log(5.0);
  Sample now;  // read after each run_until
  const auto reals = [&](std::string_view name) { return world.series().reals(now, name); };
  const auto counts = [&](std::string_view name) { return world.series().counts(now, name); };

  world.run_until(Time::zero() + hours(22.25));  // loading for the 6th time
  now = world.read_series();
  EXPECT_EQ(counts("site_loads")(0, 0), 5);
  EXPECT_DOUBLE_EQ(reals("site_tonnes_moved")(0, 0), 150.0);
  EXPECT_DOUBLE_EQ(reals("truck_km")(0, 0), 10 * 20.0);  // 5 loaded, 5 back
  EXPECT_DOUBLE_EQ(reals("tonne_km")(0, 0), 5 * 20.0 * 30.0);
  EXPECT_NEAR(reals("electricity_used_kwh")(0, 0), 320.0 - level, 1e-9);
  EXPECT_NEAR(reals("maintenance_cost_cny")(0, 0), 200.0 * 0.2, 1e-9);
  // Well to wheel: region b's grid, 0.2 kg/kWh; nothing from the exhaust.
  EXPECT_NEAR(reals("co2_well_to_wheel_kg")(0, 0), (320.0 - level) * 0.2, 1e-9);
  EXPECT_DOUBLE_EQ(reals("co2_tank_to_wheel_kg")(0, 0), 0.0);
  EXPECT_EQ(counts("trucks_by_activity")(static_cast<std::size_t>(TruckActivity::working), 0), 1);
  EXPECT_NEAR(reals("truck_service_years")(0, 0), 10.25 / 8766.0, 1e-12);
  // Tonnes required: 300 t a day since the truck arrived at 12 h.
  EXPECT_NEAR(reals("site_tonnes_required")(0), 300.0 * 10.25 / 24.0, 1e-9);

  world.run_until(Time::zero() + hours(22.5 + charge_h / 2));
  now = world.read_series();
  EXPECT_EQ(counts("trucks_by_activity")(static_cast<std::size_t>(TruckActivity::refuelling), 0), 1);
  EXPECT_EQ(counts("station_busy_servers")(0), 1);

  world.run_until(Time::zero() + hours(22.5 + charge_h + 0.01));
  now = world.read_series();
  EXPECT_EQ(counts("station_visits")(0), 1);
  EXPECT_NEAR(reals("electricity_dispensed_kwh")(0), 320.0 - level, 1e-9);
  EXPECT_NEAR(reals("energy_cost_cny")(0, 0), (320.0 - level) * 0.7, 1e-9);
  EXPECT_NEAR(reals("station_purchases_cny")(0), (320.0 - level) * 0.6, 1e-9);
  EXPECT_DOUBLE_EQ(reals("station_wait_hours")(0), 0.0);
  EXPECT_EQ(counts("trucks_by_activity")(static_cast<std::size_t>(TruckActivity::working), 0), 1);
  EXPECT_TRUE(world.conservation_violations().empty());
  // The 6th load counts as delivered when it reaches the unloading point, 0.5 h after the charge;
  // the way back (after unloading) counts then too: unloading and the way back are one wait,
  // counted when it starts.
  world.run_until(Time::zero() + hours(22.5 + charge_h + 0.49));
  now = world.read_series();
  EXPECT_EQ(counts("site_loads")(0, 0), 5);
  world.run_until(Time::zero() + hours(22.5 + charge_h + 0.51));
  now = world.read_series();
  EXPECT_EQ(counts("site_loads")(0, 0), 6);
  EXPECT_DOUBLE_EQ(reals("truck_km")(0, 0), 12 * 20.0);
}

/// one_truck() with its only charger opening on the 4th day (72 h): the truck that needs it on its
/// 6th load (at about 22 h, as in OneTruckHandComputed) has nowhere to go. It is stranded, counted
/// once for that trip however many days it waits, looks again every 24 h (no tow: no station is
/// open), and charges on the first look after the opening, then works on. It arrives to load at
/// 22 h and its loading (30 min) ends at 22.5 h; each look comes 24 h after the last, the first 24 h
/// after the loading ends: 46.5, 70.5, then 94.5 h.
TEST(OperationsTest, AStrandedTruckWaitsForAStationCountedOnce) {
  using namespace std::chrono;
  ScenarioDesc d = one_truck();
  d.stations[0].opening_date = year(2026) / 1 / 4;
  World world(d);
  Sample now;
  const auto counts = [&](std::string_view name) { return world.series().counts(now, name); };
  const auto by_activity = [&](TruckActivity activity) {
    return counts("trucks_by_activity")(static_cast<std::size_t>(activity), 0);
  };

  world.run_until(Time::zero() + hours(20));  // before: working, never stranded
  now = world.read_series();
  EXPECT_EQ(counts("truck_strandings")(0), 0);
  EXPECT_EQ(by_activity(TruckActivity::working), 1);

  for (const double h : {24.0, 48.0, 71.0, 90.0, 94.25}) {  // stranded, counted once, nothing dispensed
    world.run_until(Time::zero() + hours(h));
    now = world.read_series();
    EXPECT_EQ(counts("truck_strandings")(0), 1) << h << " h";
    EXPECT_EQ(by_activity(TruckActivity::stranded), 1) << h << " h";
    EXPECT_EQ(counts("station_visits")(0), 0) << h << " h";
    EXPECT_EQ(counts("site_loads")(0, 0), 5) << h << " h";
  }

  world.run_until(Time::zero() + hours(100));  // charged after its look at 94.5 h, at work again
  now = world.read_series();
  EXPECT_EQ(counts("truck_strandings")(0), 1);
  EXPECT_EQ(by_activity(TruckActivity::stranded), 0);
  EXPECT_EQ(counts("station_visits")(0), 1);
  EXPECT_GE(counts("site_loads")(0, 0), 6);
  EXPECT_TRUE(world.conservation_violations().empty());
}

/// Trucks arriving at a charger as a Poisson stream, each needing an exponentially distributed
/// energy (so an exponential charging time: no taper, no truck limit), reproduce the M/M/c mean
/// wait of Erlang C within the run's 99 % confidence interval (batch means).
TEST(OperationsTest, ChargingStationMatchesErlangC) {
  ScenarioDesc d = scenarios::load_scenario(tiny + "two_regions.yaml").description;
  d.sites[0].deployment.clear();
  d.stations.push_back(charging_station("hub", "a", 3, 100.0, 1.0));
  d.simulation.horizon_years = 12;
  detail::Chain chain(std::move(d));
  detail::Station& station = chain.operations.station(0);
  const double lambda_per_h = 2.4;  // arrivals per hour
  const double mean_kwh = 100.0;    // 1 h of charging on average: rho = 2.4 / 3 = 0.8
  engine::Stream& arrivals = chain.sim.rng("test/arrivals");
  engine::Stream& needs = chain.sim.rng("test/needs");
  std::deque<detail::Truck> trucks;
  const std::size_t batches = 20;
  std::vector<double> batch_wait(batches, 0.0);
  std::vector<double> batch_visits(batches, 0.0);
  const double horizon_h = 12.0 * 8760.0;
  auto customer = [&](detail::Truck& truck, double need) -> engine::Process<> {
    const double arrived_h = chain.sim.now().to_hours();
    const detail::Refill refill = co_await station.refill(truck, 1e9 - need, 1e9, 0.0);
    const auto batch = std::min(batches - 1, static_cast<std::size_t>(arrived_h / horizon_h * batches));
    batch_wait[batch] += refill.waited.to_hours();
    batch_visits[batch] += 1.0;
  };
  auto source = [&]() -> engine::Process<> {
    for (;;) {
      co_await chain.sim.timeout(hours(arrivals.exponential(1.0 / lambda_per_h)));
      detail::Truck& truck = trucks.emplace_back();
      truck.service = TruckService::in_service;
      chain.sim.spawn(customer(truck, needs.exponential(mean_kwh)));
    }
  };
  chain.sim.spawn(source());
  chain.sim.run_until(Time::zero() + hours(horizon_h));
  std::vector<double> means;
  for (std::size_t b = 1; b < batches; ++b) means.push_back(batch_wait[b] / batch_visits[b]);  // the first warms up
  double mean = 0.0;
  for (const double m : means) mean += m / static_cast<double>(means.size());
  double variance = 0.0;
  for (const double m : means) variance += (m - mean) * (m - mean) / static_cast<double>(means.size() - 1);
  const double half_width = 2.878 * std::sqrt(variance / static_cast<double>(means.size()));  // t(0.995, 18)
  const engine::queueing::MMc theory{lambda_per_h, 1.0, 3};
  EXPECT_NEAR(mean, theory.mean_wait(), half_width) << "Erlang C: " << theory.mean_wait() << " h";
  EXPECT_LT(half_width, 0.1 * theory.mean_wait()) << "the run is long enough to tell";
}

/// A swap visit is booked on arrival: a free lane, then the pack charged first; the truck's own
/// pack recharges on the pack bay that frees first. Worked by hand: 2 lanes, 1 pack, 1 bay of
/// 100 kW, 5-minute swaps; trucks at 0, 0.1 and 0.2 h needing 100, 50 and 100 kWh.
TEST(OperationsTest, SwapVisitsAreBookedOnArrival) {
  ScenarioDesc d = scenarios::load_scenario(tiny + "two_regions.yaml").description;
  d.sites[0].deployment.clear();
  StationDesc swap = charging_station("swap", "a", 2, 0.0, 0.8);
  swap.kind = StationKind::swap;
  swap.swap_minutes = 6.0;
  swap.packs = 1;
  swap.pack_bays = 1;
  swap.pack_bay_kw = 100.0;
  d.stations.push_back(swap);
  detail::Chain chain(std::move(d));
  detail::Station& station = chain.operations.station(0);
  std::deque<detail::Truck> trucks(3);
  std::vector<detail::Refill> refills;
  auto arrivals = [&]() -> engine::Process<> {
    refills.push_back(station.book(trucks[0], 0.0, 100.0, 0.0));  // the pack in stock: 0 to 0.1 h
    co_await chain.sim.timeout(hours(0.1));
    refills.push_back(station.book(trucks[1], 50.0, 100.0, 0.0));  // truck 0's pack, charged at 1 h
    co_await chain.sim.timeout(hours(0.1));
    refills.push_back(station.book(trucks[2], 0.0, 100.0, 0.0));  // truck 1's, on the bay 1 to 1.5 h
  };
  chain.sim.spawn(arrivals());
  const auto at = [](double h) { return Time::zero() + hours(h); };
  chain.sim.run_until(at(0.5));
  ASSERT_EQ(refills.size(), 3u);
  EXPECT_EQ(refills[0].waited, hours(0.0));
  EXPECT_EQ(refills[1].waited, hours(0.9));
  EXPECT_EQ(refills[2].waited, hours(1.3));
  EXPECT_EQ(refills[2].served, hours(0.1));
  EXPECT_EQ(trucks[2].served_from, at(1.5));
  EXPECT_EQ(trucks[2].served_until, at(1.6));
  EXPECT_EQ(station.visits(), 3) << "counted as booked";
  EXPECT_DOUBLE_EQ(station.dispensed(), 250.0);
  EXPECT_NEAR(station.wait_hours(), 2.2, 1e-9);
  EXPECT_EQ(station.queue(at(0.5)), 2u);
  EXPECT_EQ(station.busy(at(0.5)), 0u);
  EXPECT_EQ(station.busy(at(1.05)), 1u);
  EXPECT_EQ(station.charged_packs(at(0.5)), 0);
  EXPECT_EQ(station.packs_recharging(at(0.5)), 1) << "truck 0's pack, on the bay";
  EXPECT_EQ(station.charged_packs(at(1.2)), 0) << "truck 1 took it at 1 h";
  EXPECT_EQ(station.charged_packs(at(1.5)), 0) << "truck 2 takes truck 1's at 1.5 h";
  EXPECT_EQ(station.packs_recharging(at(1.7)), 1) << "truck 2's, 1.5 to 2.5 h";
  EXPECT_NEAR(station.dry_hours(at(0.5)), 0.4, 1e-9);
  EXPECT_NEAR(station.dry_hours(at(2.0)), 1.4, 1e-9) << "[0.1, 1.0) and [0.2, 1.5) overlap";
  EXPECT_NEAR(station.expected_wait().to_hours(), 2.0, 1e-9) << "the next pack is charged at 2.5 h";
  chain.sim.run_until(at(3.0));
  EXPECT_EQ(station.charged_packs(at(3.0)), 1);
  EXPECT_EQ(station.packs_recharging(at(3.0)), 0);
}

/// Bays whose service time is known at arrival, fed Poisson arrivals with exponential times, give
/// the M/M/c mean wait of Erlang C: the bay queue is a first-come-first-served c-server queue.
TEST(BayQueueTest, MatchesErlangC) {
  engine::Simulation sim(7);
  engine::Stream& arrivals = sim.rng("arrivals");
  engine::Stream& services = sim.rng("services");
  detail::BayQueue bays(4);
  const detail::ShiftCalendar always({24.0, 7, 0.0},
                                     Date{std::chrono::year(2026), std::chrono::January, std::chrono::day(1)});
  const double lambda_per_h = 3.4;  // mean service 1 h on 4 bays: rho = 0.85
  const std::size_t customers = 400'000;
  const std::size_t batches = 20;
  std::vector<double> batch_wait(batches, 0.0);
  Time now = Time::zero();
  for (std::size_t i = 0; i < customers; ++i) {
    now += hours(arrivals.exponential(1.0 / lambda_per_h));
    const Time start = bays.assign(now, hours(services.exponential(1.0)), always);
    batch_wait[i * batches / customers] += (start - now).to_hours();
  }
  std::vector<double> means;
  for (std::size_t b = 1; b < batches; ++b) means.push_back(batch_wait[b] / static_cast<double>(customers / batches));
  double mean = 0.0;
  for (const double m : means) mean += m / static_cast<double>(means.size());
  double variance = 0.0;
  for (const double m : means) variance += (m - mean) * (m - mean) / static_cast<double>(means.size() - 1);
  const double half_width = 2.878 * std::sqrt(variance / static_cast<double>(means.size()));  // t(0.995, 18)
  const engine::queueing::MMc theory{lambda_per_h, 1.0, 4};
  EXPECT_NEAR(mean, theory.mean_wait(), half_width) << "Erlang C: " << theory.mean_wait() << " h";
  EXPECT_LT(half_width, 0.1 * theory.mean_wait());
  EXPECT_EQ(bays.served(), static_cast<std::int64_t>(customers));
}

/// The bays' free times against a plain multiset: while every service takes the same time they
/// are a ring; a shorter service, or added bays, turn them into a heap; the bay that frees first
/// and the free times are the same throughout. Bays are added while still a ring (step 500) or
/// long after (step 2000), and a single bay is a ring of one.
TEST(BayQueueTest, RingAndHeapAgreeWithAMultiset) {
  for (const auto& [bays_at_start, add_at] : {std::pair{5, 500}, std::pair{5, 2000}, std::pair{1, 2000}}) {
    SCOPED_TRACE(testing::Message() << bays_at_start << " bays, more at step " << add_at);
    engine::Stream draws(11);
    detail::BayQueue bays(static_cast<std::size_t>(bays_at_start));
    std::multiset<std::int64_t> reference;
    for (int b = 0; b < bays_at_start; ++b) reference.insert(0);
    Time now = Time::zero();
    for (int step = 0; step < 3000; ++step) {
      now += hours(draws.exponential(0.2));
      // Constant services first (the ring), then random ones (some end before others: the heap).
      const engine::Duration service = step < 1000 ? hours(1.0) : hours(draws.exponential(1.0));
      const Time until = std::max(now, bays.free_at()) + service;
      bays.occupy_until(until);
      reference.erase(reference.begin());
      reference.insert(until.ticks());
      if (step == add_at) {
        bays.add(2, now);
        reference.insert(now.ticks());
        reference.insert(now.ticks());
      }
      ASSERT_EQ(bays.free_at().ticks(), *reference.begin()) << "step " << step;
      std::vector<std::int64_t> times;
      for (const Time t : bays.free_times()) times.push_back(t.ticks());
      std::ranges::sort(times);
      ASSERT_EQ(times, std::vector<std::int64_t>(reference.begin(), reference.end())) << "step " << step;
    }
  }
}

TEST(BayQueueTest, BaysStartOnlyInShifts) {
  // 2026-01-01 is a Thursday: 08:00 to 16:00 on every day.
  const detail::ShiftCalendar day({8.0, 7, 8.0},
                                  Date{std::chrono::year(2026), std::chrono::January, std::chrono::day(1)});
  detail::BayQueue bays(1);
  const auto at = [](double h) { return Time::zero() + hours(h); };
  EXPECT_EQ(bays.assign(at(9.0), hours(6.5), day), at(9.0));    // 09:00 to 15:30
  EXPECT_EQ(bays.assign(at(10.0), hours(1.0), day), at(15.5));  // waits for the bay: 15:30 to 16:30
  EXPECT_EQ(bays.assign(at(11.0), hours(1.0), day), at(32.0));  // the bay frees after the shift: the next day, 08:00
  EXPECT_NEAR(bays.wait_hours(), 5.5 + 21.0, 1e-9);
}

/// Every shipped tiny scenario with work runs with its conservation laws holding, and a truck type
/// sized for by the comparison's rule gets a station in every region where trucks work.
TEST(OperationsTest, TinyOperationsScenarioConserves) {
  World world(scenarios::load_scenario(tiny + "operations.yaml").description);
  world.run();
  EXPECT_TRUE(world.conservation_violations().empty());
  const Sample last = world.read_series();
  EXPECT_GT(world.series().counts(last, "site_loads").total(), 1000);
  EXPECT_GT(world.series().reals(last, "electricity_dispensed_kwh").total(), 0.0);
  EXPECT_EQ(world.series().counts(last, "truck_strandings").total(), 0);
}

}  // namespace
}  // namespace truckflow::models
