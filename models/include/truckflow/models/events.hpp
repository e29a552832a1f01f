// The domain events a world emits as they happen: one typed stream that any number of listeners
// (observers) follow. Models only emit; counters, the delivery table and results files listen.
//
// Ordering: events reach every listener synchronously, in the order they happen in the simulation,
// and listeners in the order they were added. The simulation is deterministic, so the stream is
// the same on every run of the same scenario and seed, whatever the number of threads running
// other runs beside it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <variant>

#include "truckflow/engine/time.hpp"

namespace truckflow::models {

/// Where a truck is in the chain; every ordered truck is in exactly one stage.
enum class TruckStage : std::uint8_t {
  order_processing,     ///< ordered, the factory is planning its production
  awaiting_components,  ///< its factory is gathering the components
  awaiting_line,        ///< all components gathered, waiting for an assembly line
  in_assembly,
  to_upfitter,  ///< built, on the road to the upfitter
  at_upfitter,  ///< waiting for a body or a bay, or being fitted
  to_site,      ///< on the road to its application site
  delivered,    ///< registered to its operator at the site
};
inline constexpr std::size_t truck_stage_count = 8;
const char* to_string(TruckStage stage);

/// What a truck is doing, apart from where it came through the chain: on order until it is
/// delivered, then in service until it is retired.
enum class TruckService : std::uint8_t { on_order, in_service, retired };
const char* to_string(TruckService service);

/// What a truck in service is doing; every truck in service does exactly one.
enum class TruckActivity : std::uint8_t {
  idle,        ///< its site describes no work, or its type no operating figures
  off_shift,   ///< parked (or charging at its depot) between shifts
  working,     ///< driving, loading or unloading
  queueing,    ///< waiting for a loading or unloading bay, or at a station
  refuelling,  ///< charging, swapping its battery or filling its tank
  broken,      ///< broken down, under repair
  stranded,    ///< no station it can reach serves it
};
inline constexpr std::size_t truck_activity_count = 7;
const char* to_string(TruckActivity activity);

// Every index below is a position in the scenario's lists (regions, truck types, sites, ...).

/// A site ordered a truck from a factory.
struct TruckOrdered {
  engine::Time at;
  std::int64_t truck_id = 0;
  std::size_t truck_type = 0;
  std::size_t site = 0;
  std::size_t region = 0;  ///< the site's region
  std::size_t factory = 0;
  std::optional<std::size_t> upfitter;  ///< the upfitter that will fit its body, if any
};

/// A truck moved from one stage of the chain to the next.
struct TruckStageChanged {
  engine::Time at;
  std::int64_t truck_id = 0;
  TruckStage from = TruckStage::order_processing;
  TruckStage to = TruckStage::order_processing;
};

/// A truck left its assembly line.
struct TruckBuilt {
  engine::Time at;
  std::int64_t truck_id = 0;
  std::size_t truck_type = 0;
  std::size_t region = 0;  ///< the region of the site that ordered it
  std::size_t factory = 0;
};

/// An upfitter fitted a truck's body.
struct TruckUpfitted {
  engine::Time at;
  std::int64_t truck_id = 0;
  std::size_t upfitter = 0;
};

/// A truck reached its site and was registered to its operator: it is in service.
struct TruckDelivered {
  engine::Time at;  ///< when it was delivered
  std::int64_t truck_id = 0;
  std::size_t truck_type = 0;
  std::size_t site = 0;
  std::size_t region = 0;  ///< the site's region
  std::size_t factory = 0;
  std::optional<std::size_t> upfitter;
  engine::Time ordered_at;
  engine::Time built_at;
};

/// A truck left service for good.
struct TruckRetired {
  engine::Time at;
  std::int64_t truck_id = 0;
  std::size_t truck_type = 0;
  std::size_t site = 0;
  std::size_t region = 0;
};

/// A plant ordered components from a supplier, and the order found too little stock (it waits
/// for production).
struct StockOut {
  engine::Time at;
  std::size_t supplier = 0;
  std::int64_t units = 0;  ///< the order's size
};

/// A supplier's shipment left for the plant.
struct ShipmentDispatched {
  engine::Time at;
  std::int64_t shipment_id = 0;
  std::size_t supplier = 0;
  std::int64_t units = 0;
};

/// Where components go: a factory (for its bill of materials) or an upfitter (bodies).
enum class PlantKind : std::uint8_t { factory, upfitter };

/// A shipment reached its plant's stock.
struct ShipmentReceived {
  engine::Time at;
  std::int64_t shipment_id = 0;
  std::size_t supplier = 0;
  PlantKind plant_kind = PlantKind::factory;
  std::size_t plant = 0;  ///< the factory's or upfitter's position in its list
  std::size_t plant_region = 0;
  std::int64_t units = 0;
};

/// A truck left a station charged, with a fresh battery pack or refuelled.
struct StationVisited {
  engine::Time at;       ///< when it was counted: on arrival at a charging or swap station (the visit's
                         ///< whole course is known then), on leaving a hydrogen, methanol or diesel one
  engine::Time arrived;  ///< when the truck arrived
  std::int64_t truck_id = 0;
  std::size_t truck_type = 0;
  std::size_t site = 0;  ///< the truck's site
  std::size_t station = 0;
  engine::Duration waited;  ///< from arrival to the start of service
  engine::Duration served;  ///< handling and charging, swapping or filling
  double units = 0.0;       ///< put in the truck, in the station's carrier's unit (kWh, kg, L)
  double cost_cny = 0.0;    ///< what the truck paid
  double bought_cny = 0.0;  ///< what a charging or swap station paid the grid for it (0 for fuel stations)
};

/// A truck from outside the scenario's fleets (a station's `other_traffic`) arrived at a charging
/// station; its visit is booked, so its whole course is known then.
struct OtherTrafficCharged {
  engine::Time at;  ///< when it arrived
  std::size_t station = 0;
  engine::Duration waited;  ///< from arrival to the start of charging
  engine::Duration served;  ///< handling and charging
  double kwh = 0.0;
  double cost_cny = 0.0;    ///< what the truck paid
  double bought_cny = 0.0;  ///< what the station paid the grid for it
};

/// A delivery from an energy source (hydrogen, methanol or diesel) left for a station: the station
/// has bought it.
struct EnergyDelivered {
  engine::Time at;
  std::size_t station = 0;
  std::size_t source = 0;
  double units = 0.0;     ///< kg or L
  double cost_cny = 0.0;  ///< what the station paid the source
};

/// At the end of each year of the run (after its taxes and sharing settlements): what the
/// establishments in one region paid those in another (or the same) over the year, for one kind
/// of flow. One event per pair of regions and kind with money, in the order of payer region, payee
/// region, kind.
struct RegionMoneyFlow {
  engine::Time at;
  std::int64_t year = 0;
  std::size_t payer_region = 0;
  std::size_t payee_region = 0;
  std::size_t flow_kind = 0;  ///< a position in the results' flow_kind dimension
  double amount_cny = 0.0;
};

/// A posting of the ledger: money from one establishment to another. Emitted only when asked
/// (World::emit_postings): the default scenario has about two per station visit.
struct MoneyPosted {
  engine::Time at;
  std::size_t flow_kind = 0;  ///< a position in the results' flow_kind dimension
  std::size_t payer = 0;      ///< a position in the results' establishment dimension
  std::size_t payee = 0;
  std::int64_t amount_fen = 0;
  std::optional<std::size_t> truck_type;
  std::optional<std::size_t> deployed_in;  ///< the region where the truck it is for works
};

using DomainEvent = std::variant<TruckOrdered, TruckStageChanged, TruckBuilt, TruckUpfitted, TruckDelivered,
                                 TruckRetired, StockOut, ShipmentDispatched, ShipmentReceived, StationVisited,
                                 OtherTrafficCharged, EnergyDelivered, RegionMoneyFlow, MoneyPosted>;

/// The time of any event.
engine::Time time_of(const DomainEvent& event);

}  // namespace truckflow::models
