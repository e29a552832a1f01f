// Operations: trucks at work after delivery. Each site's duty cycle (queue at a bay, load, drive
// loaded, queue, unload, drive back) in its shifts; energy used on every trip; stations chosen,
// queued at and paid; breakdowns; retirement at the end of a truck's life; trucks stranded where
// no station serves them. Owns the places, stations and energy sources. Internal to models/.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "truckflow/engine/simulation.hpp"
#include "truckflow/models/description.hpp"
#include "truckflow/models/events.hpp"

#include "conservation.hpp"
#include "grid.hpp"
#include "places.hpp"

namespace truckflow::models::detail {

class Chain;
class Station;
struct Refill;
class EnergySource;
struct Truck;

class Operations {
 public:
  explicit Operations(Chain& chain);
  Operations(const Operations&) = delete;
  Operations& operator=(const Operations&) = delete;
  ~Operations();

  const Places& places() const noexcept { return places_; }
  std::size_t stations() const noexcept { return stations_.size(); }
  const Station& station(std::size_t index) const { return *stations_.at(index); }
  Station& station(std::size_t index) { return *stations_.at(index); }
  std::size_t sources() const noexcept { return sources_.size(); }
  const EnergySource& source(std::size_t index) const { return *sources_.at(index); }

  /// Whether trucks of `type` work at `site` (the site describes its work and the type its
  /// operating figures).
  bool works(std::size_t site, std::size_t type) const;
  /// A truck just delivered: idle, or working its site's cycles until it retires (in a process of its
  /// own, spawned here: design.md, "Where a working truck lives in memory").
  void serve(Truck& truck);
  /// Moves a truck in service to another activity, keeping the counts.
  void set_activity(Truck& truck, TruckActivity activity);
  /// A truck retiring: it leaves the activity counts with what it has on board.
  void retire(Truck& truck);

  /// The operations' laws: activities, energy by carrier, station stocks, packs, sources, tonnes.
  void check(Laws& laws) const;

  /// Trucks in service by activity and truck type now: `by_activity`, with the trucks waiting for
  /// a bay (whose wait the bay queue knew at their arrival) moved from working to queueing, or to
  /// off shift while the bays wait for the next shift.
  Grid<std::int64_t> activity_counts(engine::Time now) const;
  /// Hours trucks waited for a loading or unloading bay at `site`, to their service's start.
  double bay_wait_hours(std::size_t site) const;

  // Totals since the start (levels where noted), read by the series (operations_series.cpp).
  Grid<std::int64_t> by_activity;  ///< [activity, truck type], a level (bay waits count as working)
  Grid<std::int64_t> site_loads;   ///< [site, truck type]: loads delivered
  Grid<double> site_tonnes;        ///< [site, truck type]: tonnes delivered
  Grid<double> km, tonne_km;       ///< [site, truck type]
  Grid<double> used;               ///< [site, truck type]: carrier used (its unit)
  Grid<double> co2_tank_to_wheel_kg, co2_well_to_wheel_kg, co2_diesel_equivalent_kg;  ///< [site, truck type]
  Grid<double> energy_cost_cny, maintenance_cost_cny;                                 ///< [site, truck type]
  std::vector<std::int64_t> breakdowns, strandings;                                   ///< [truck type]
  /// Years trucks of `type` at `site` have been in service, summed over the trucks, to now.
  double service_years(std::size_t site, std::size_t type, engine::Time now) const;
  /// [site]: tonnes the site must move to now (its tonnes per day over the days since its first
  /// truck arrived, on its working days).
  double tonnes_required(std::size_t site, engine::Time now) const;

 private:
  struct Leg;
  struct SiteWork;
  struct Driver;

  /// A truck's working life at its site: a loop of waits (legs, stretches of road, visits, breakdowns,
  /// nights) between which `next_step` decides what it does.
  engine::Process<> work(Truck& truck);
  /// A truck starting work at `site`: its driver, its energy (delivered full) counted.
  Driver clock_in(Truck& truck, SiteWork& site);

  /// What a working truck does next, what the work loop waits for: a leg of its cycle (from a bay
  /// to the other place, always an event), a stretch of road on a trip (an event unless it takes
  /// no time), a visit to a fuel station on the way (which waits its course), a day stranded, a
  /// night (charging at the depot first, or not), or retirement.
  enum class Step : std::uint8_t { leg, stretch, refuel, stranded, charge, rest, retire };
  /// Why a truck is on a trip: a detour by stations within its cycle, to its loading place (it loads
  /// on arrival), to its depot (it charges and spends the night there).
  enum class Goal : std::uint8_t { none, cycle, load, depot };
  /// On a trip: at a station it takes on energy (a booked visit here; a fuel station's as
  /// Step::refuel), then goes on; at the trip's end, what the trip was for. Otherwise: at the
  /// unloading place (having come loaded) it queues for a bay, unloads and sets off back; elsewhere
  /// it retires when its life is over; if its shift is over it goes to charge at the depot, or
  /// rests when it is not at its loading place or retires before the next shift (at its loading
  /// place it simply queues for its bay, which starts it at the opening); it goes to its loading
  /// place; and there it queues for a bay, loads and sets off.
  Step next_step(Driver& driver, SiteWork& site);
  /// At the loading place: queues for a bay, loads and sets off loaded.
  Step start_loading(Driver& driver, SiteWork& site);
  /// After a bay's wait and service (`at_bay` from now), sets off on `leg` to `to` if the truck can
  /// drive it keeping its reserve and `margin` (Step::leg: it departs now); else on a trip there.
  Step set_off(Driver& driver, const Leg& leg, const Place& to, double margin, engine::Duration at_bay);
  /// Starts a trip to `to` (for `goal`) keeping `margin` on arrival (what the truck needs after
  /// `to` to reach a station), setting off `after` from now (a wait where it is, such as its turn
  /// at a bay, that the first stretch follows: one event for both).
  Step travel(Driver& driver, Goal goal, const Place& to, double margin, engine::Duration after);
  /// The trip's next stretch: straight to its end if the truck can keep its reserve and margin,
  /// else to the station chosen on the way; Step::stranded when none can be reached.
  Step route(Driver& driver);
  /// Sets off to `to`: the stretch's energy, distance, cost, CO2 and wear, and its wait.
  Step stretch(Driver& driver, const Place& to);
  /// What setting off on `trip` using `use` counts: energy, distance, cost, CO2 (with
  /// `diesel_l`, what the scenario's diesel type would burn) and wear towards a breakdown.
  void depart(Driver& driver, const Trip& trip, double use, double diesel_l);
  /// A breakdown, when the wear since the last says so: repaired on the spot.
  engine::Process<> repair(Driver& driver);
  /// The time between shifts: charging at the depot (`at_depot`), then waiting for the next shift.
  engine::Process<> rest(Driver& driver, SiteWork& site, bool at_depot);
  /// No station in reach on the trip: counted stranded (once a trip), it looks again a day later
  /// and is then towed to the nearest open station that serves it.
  engine::Process<> strand(Driver& driver);
  /// Litres of diesel the scenario's diesel type would burn on `trip` with `cargo_t` (0 without one).
  double diesel_litres(const Trip& trip, double cargo_t) const;
  /// A visit to a charging or swap station, booked on arrival and counted at once (truck and
  /// station alike): the time until the truck can leave, which it waits with what follows.
  engine::Duration book_visit(Driver& driver, Station& station);
  /// Charges, swaps or refuels at `station`: a booked visit, or a fuel station's, which waits its
  /// course (and returns zero).
  engine::Process<engine::Duration> visit(Driver& driver, Station& station);
  /// What a visit put in the truck, its cost and its record (`arrived`: when it came).
  void took_on(Driver& driver, Station& station, const Refill& refill, engine::Time arrived);
  /// The station to stop at on the way from `driver.at` to `to`: reachable with what the truck
  /// holds, from which a full truck reaches `to` keeping its reserve and `margin`, quickest by
  /// detour and expected wait. (So a visit always lets the truck go on: no visit repeats at one
  /// instant.)
  Station* choose_station(const Driver& driver, const Place& to, double margin) const;
  /// The open station serving the truck that is nearest by road, whatever it holds (a tow).
  Station* nearest_station(const Driver& driver) const;

  Chain& chain_;
  Places places_;
  std::vector<std::unique_ptr<EnergySource>> sources_;
  std::vector<std::unique_ptr<Station>> stations_;
  std::vector<std::unique_ptr<SiteWork>> works_;  // [site], null for a site without work
  std::vector<std::vector<Station*>> serving_;    // [truck type]: the stations that serve it, in order
  std::optional<std::size_t> diesel_reference_;   // the truck type whose diesel use is the counterfactual
  engine::Stream& breakdown_draws_;

  // Conservation, by carrier.
  std::array<double, carrier_count> filled_at_delivery_{};
  std::array<double, carrier_count> consumed_{};
  std::array<double, carrier_count> retired_with_{};
  double tonnes_loaded_ = 0.0;
  // Service years (service_years): by site and truck type, the trucks in service, and the sums of
  // their delivery times and of retired trucks' retirement times, in years since time zero.
  Grid<std::int64_t> in_service_;
  Grid<double> delivered_years_sum_;
  Grid<double> retired_years_sum_;
};

}  // namespace truckflow::models::detail
