// A station where trucks charge, swap batteries or refuel: its servers (chargers, swap lanes,
// dispensers, nozzles) and, by kind, its packs recharging in the background or its tank resupplied
// from an energy source.
//
// At a charging or swap station a visit's whole course is known when the truck arrives: chargers
// and lanes serve first come, first served, a charge's time follows from the energy it needs, and
// the charged pack a swap takes is the one that is ready first, while the truck's own pack goes to
// the pack bay that frees first. Such a visit is booked at arrival and costs one event (its end);
// the queue, busy servers and charged packs at any instant are read from the bookings not yet over.
// At a hydrogen, methanol or diesel station the stock depends on deliveries that wait at their
// source, so trucks queue on a Resource and take fuel from a Container. Internal to models/.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "truckflow/engine/container.hpp"
#include "truckflow/engine/resource.hpp"
#include "truckflow/engine/simulation.hpp"
#include "truckflow/models/description.hpp"

#include "bay_queue.hpp"
#include "places.hpp"

namespace truckflow::models::detail {

class Chain;
class EnergySource;
struct Truck;

/// What one visit gave a truck.
struct Refill {
  engine::Duration waited;  ///< from arrival to the start of service (a server, a pack, fuel in stock)
  engine::Duration served;  ///< handling and charging, swapping or filling
  double units = 0.0;       ///< put in the truck, in the carrier's unit
  double cost_cny = 0.0;    ///< what the truck paid
  double bought_cny = 0.0;  ///< what the station paid the grid for it (charging, swap)
};

class Station {
 public:
  /// `source`: the energy source resupplying a hydrogen, methanol or diesel station.
  Station(Chain& chain, std::size_t index, const StationDesc& desc, Places& places, EnergySource* source);

  std::size_t index() const noexcept { return index_; }
  const StationDesc& desc() const noexcept { return desc_; }
  StationKind kind() const noexcept { return desc_.kind; }
  Carrier carrier() const noexcept { return carrier_of(desc_.kind); }
  const Place& place() const noexcept { return place_; }
  bool is_open(engine::Time now) const noexcept { return now >= opens_at_; }
  /// The wait a truck arriving now can expect: at a charging or swap station the wait it would
  /// have; at a fuel station the trucks ahead at the mean service time so far.
  engine::Duration expected_wait() const;

  /// Whether visits are booked on arrival (charging, swap): see `book`.
  bool books_visits() const noexcept { return lanes_.has_value(); }
  /// At a charging or swap station: books the visit of `truck` arriving now, holding `level` of
  /// `full` units, and counts it at once (the truck's `served_from` and `served_until` say when it
  /// is served). `max_charge_kw` limits a charger's power. Trucks of the station's other traffic
  /// are booked the same way, by the station itself.
  Refill book(Truck& truck, double level, double full, double max_charge_kw);
  /// Serves `truck` and returns when it is over: a booked visit, or at a hydrogen, methanol or
  /// diesel station a wait for a nozzle and fuel in the tank (the truck is refuelling from its
  /// start), then the filling.
  engine::Process<Refill> refill(Truck& truck, double level, double full, double max_charge_kw);
  /// CO2 emitted making and bringing a unit of what it sells (the region's grid for electricity,
  /// the source's figure for fuels).
  double upstream_co2_kg_per_unit() const;

  // What the series and conservation laws read.
  std::size_t servers() const noexcept { return lanes_ ? lanes_->bays() : servers_->capacity(); }
  std::size_t busy(engine::Time now) const;
  /// Trucks waiting for a server, a charged pack or fuel.
  std::size_t queue(engine::Time now) const;
  std::int64_t visits() const noexcept { return visits_; }
  double wait_hours() const noexcept { return wait_hours_; }
  /// Hours servers spent serving trucks (handling and charging, swapping or filling).
  double service_hours() const noexcept { return service_hours_; }
  /// Hours servers were available since the station opened, to now.
  double server_hours(engine::Time now) const;
  double dispensed() const noexcept { return dispensed_; }
  /// Of it, what went to trucks of the station's other traffic (outside the fleets).
  double dispensed_to_others() const noexcept { return dispensed_to_others_; }
  /// Trucks of its other traffic that went elsewhere, their wait too long.
  std::int64_t turned_away() const noexcept { return turned_away_; }
  double revenue_cny() const noexcept { return revenue_cny_; }
  double purchases_cny() const noexcept { return purchases_cny_; }
  double grid_kwh() const noexcept { return grid_kwh_; }
  /// Hours with a truck waiting for fuel or a charged pack, to now.
  double dry_hours(engine::Time now) const;
  std::int64_t charged_packs(engine::Time now) const;
  std::int64_t packs_recharging(engine::Time now) const;
  /// Packs it has: those it opened with and those added as it grew.
  std::int64_t packs() const noexcept { return desc_.packs + packs_added_; }
  double stock() const noexcept { return tank_ ? tank_->level() : 0.0; }
  double initial_stock() const noexcept { return tank_ ? desc_.storage : 0.0; }
  /// Taken from the tank for trucks being filled now.
  double dispensing() const noexcept { return dispensing_; }
  double received() const noexcept { return received_; }

 private:
  /// A visit to a charging or swap station, booked as the truck arrives.
  struct Booking {
    engine::Time arrived, starts, ends;
    engine::Time pack_ready;  ///< swap: when the pack it takes is charged
  };

  engine::Duration charge_time(double level, double full, double max_charge_kw) const;
  /// Books a visit arriving now for `units`, charging for `charging` (charging stations), and counts it.
  Refill book_units(double units, engine::Duration charging);
  /// The trucks from outside the fleets, arriving while the station is open.
  engine::Process<> other_traffic();
  double tariff_cny_per_kwh(engine::Time now) const;
  /// Waits for a server and fuel in the tank, then fills.
  engine::Process<Refill> fill_from_tank(Truck& truck, double level, double full);
  /// Counts a visit that is over.
  void count(const Refill& refill);
  /// Servers now over servers at opening: how much the station has grown.
  double growth() const noexcept;
  /// Orders deliveries while the stock and what is on order are at or below the reorder point.
  void reorder();
  /// One delivery: taken at the source, driven over, put in the tank.
  engine::Process<> deliver();
  /// Servers from the plan of expansions and, each year, from the compatible trucks nearby.
  engine::Process<> grow();
  /// Sets the servers, counting the server hours so far.
  void set_servers(std::size_t servers);
  void start_dry(engine::Time now);
  void end_dry(engine::Time now);
  /// Adds [from, to) (from >= now, and >= any earlier from) to the hours with a truck waiting for stock.
  void add_dry(engine::Time from, engine::Time to);

  Chain& chain_;
  std::size_t index_;
  const StationDesc& desc_;
  Place place_;
  EnergySource* source_;
  engine::Time opens_at_;
  std::optional<BayQueue> lanes_;                  // charging, swap: chargers or lanes
  std::vector<Booking> booked_;                    // charging, swap: visits, those not yet over among them
  std::size_t prune_booked_at_ = 64;               // size of booked_ at which the visits over are dropped
  std::optional<BayQueue> charged_at_;             // swap: the packs not in a truck, each free when charged
  std::optional<BayQueue> pack_bays_;              // swap
  std::optional<engine::Resource> servers_;        // hydrogen, methanol, diesel
  std::optional<engine::Container<double>> tank_;  // hydrogen, methanol, diesel
  std::size_t waiting_for_stock_ = 0;
  std::int64_t visits_ = 0;
  double wait_hours_ = 0.0;
  double service_hours_ = 0.0;
  double server_hours_ = 0.0;  // to capacity_since_
  engine::Time capacity_since_;
  double dispensed_ = 0.0;
  double dispensed_to_others_ = 0.0;
  std::int64_t turned_away_ = 0;
  double revenue_cny_ = 0.0;
  double purchases_cny_ = 0.0;
  double grid_kwh_ = 0.0;
  double received_ = 0.0;
  double dispensing_ = 0.0;
  double on_order_ = 0.0;
  engine::Duration resupply_trip_;
  std::int64_t packs_added_ = 0;
  double dry_hours_ = 0.0;                                        // in the periods below, before them
  std::vector<std::pair<engine::Time, engine::Time>> dry_spans_;  // periods not wholly past, in time order
  std::optional<engine::Time> dry_since_;                         // a fuel station dry now
};

}  // namespace truckflow::models::detail
