// A station where trucks charge, swap batteries or refuel: its servers (chargers, swap lanes,
// dispensers, nozzles) and, by kind, its packs recharging in the background or its tank resupplied
// from an energy source. Internal to models/.
#pragma once

#include <cstdint>
#include <optional>

#include "truckflow/engine/container.hpp"
#include "truckflow/engine/resource.hpp"
#include "truckflow/engine/simulation.hpp"
#include "truckflow/models/description.hpp"

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
  /// The wait a truck arriving now can expect: the trucks ahead, at the mean service time so far.
  engine::Duration expected_wait() const;

  /// Serves `truck`, holding `level` of `full` units: queues for a server (and a charged pack, or
  /// fuel in stock), then fills it up (the truck is refuelling from then on). `max_charge_kw`
  /// limits a charger's power.
  engine::Process<Refill> refill(Truck& truck, double level, double full, double max_charge_kw);
  /// CO2 emitted making and bringing a unit of what it sells (the region's grid for electricity,
  /// the source's figure for fuels).
  double upstream_co2_kg_per_unit() const;

  // What the series and conservation laws read.
  std::size_t servers() const noexcept { return servers_.capacity(); }
  std::size_t busy() const noexcept { return servers_.in_use(); }
  std::size_t queue() const noexcept { return servers_.queue_length() + waiting_for_stock_; }
  std::int64_t visits() const noexcept { return visits_; }
  double wait_hours() const noexcept { return wait_hours_; }
  /// Hours servers spent serving trucks (handling and charging, swapping or filling).
  double service_hours() const noexcept { return service_hours_; }
  /// Hours servers were available since the station opened, to now.
  double server_hours(engine::Time now) const;
  double dispensed() const noexcept { return dispensed_; }
  double revenue_cny() const noexcept { return revenue_cny_; }
  double purchases_cny() const noexcept { return purchases_cny_; }
  double grid_kwh() const noexcept { return grid_kwh_; }
  /// Hours with a truck waiting for fuel or a charged pack, to now.
  double dry_hours(engine::Time now) const;
  std::int64_t charged_packs() const noexcept { return packs_ ? packs_->level() : 0; }
  std::int64_t packs_recharging() const noexcept { return packs_recharging_; }
  /// Packs it has: those it opened with and those added as it grew.
  std::int64_t packs() const noexcept { return desc_.packs + packs_added_; }
  double stock() const noexcept { return tank_ ? tank_->level() : 0.0; }
  double initial_stock() const noexcept { return tank_ ? desc_.storage : 0.0; }
  /// Taken from the tank for trucks being filled now.
  double dispensing() const noexcept { return dispensing_; }
  double received() const noexcept { return received_; }

 private:
  engine::Duration charge_time(double level, double full, double max_charge_kw) const;
  double tariff_cny_per_kwh(engine::Time now) const;
  /// A depleted pack back to full on a pack bay, then into the stock of charged packs.
  engine::Process<> recharge(double kwh);
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

  Chain& chain_;
  std::size_t index_;
  const StationDesc& desc_;
  Place place_;
  EnergySource* source_;
  engine::Time opens_at_;
  engine::Resource servers_;
  std::optional<engine::Container<std::int64_t>> packs_;  // swap: charged packs
  std::optional<engine::Resource> pack_bays_;             // swap
  std::optional<engine::Container<double>> tank_;         // hydrogen, methanol, diesel
  std::size_t waiting_for_stock_ = 0;
  std::int64_t packs_recharging_ = 0;  // taken out of trucks and not yet charged
  std::int64_t visits_ = 0;
  double wait_hours_ = 0.0;
  double service_hours_ = 0.0;
  double server_hours_ = 0.0;  // to capacity_since_
  engine::Time capacity_since_;
  double dispensed_ = 0.0;
  double revenue_cny_ = 0.0;
  double purchases_cny_ = 0.0;
  double grid_kwh_ = 0.0;
  double received_ = 0.0;
  double dispensing_ = 0.0;
  double on_order_ = 0.0;
  engine::Duration resupply_trip_;
  std::int64_t packs_added_ = 0;
  double dry_hours_ = 0.0;
  std::optional<engine::Time> dry_since_;
};

}  // namespace truckflow::models::detail
