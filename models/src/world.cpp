// World and Chain: building the chain from a description, a truck's life, sampling, and the
// conservation laws checked at the end of every run.
#include "truckflow/models/world.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <stdexcept>
#include <string>

#include "chain.hpp"
#include "factory.hpp"
#include "site.hpp"
#include "upfitter.hpp"
#include "variation.hpp"

namespace truckflow::models {

namespace detail {

namespace {

engine::Time horizon_end(const SimulationDesc& simulation) {
  const engine::Epoch epoch(simulation.start_date);
  auto end = simulation.start_date + std::chrono::years(simulation.horizon_years);
  if (!end.ok()) end = end.year() / end.month() / std::chrono::last;  // from 29 February
  return epoch.time_of(end);
}

}  // namespace

Chain::Chain(ScenarioDesc description)
    : desc(std::move(description)),
      map(desc),
      sim(desc.simulation.seed, engine::Epoch(desc.simulation.start_date)),
      end(horizon_end(desc.simulation)),
      counts(desc),
      series(desc),
      supply(*this),
      production(*this),
      delivery(*this),
      operations(*this),
      value(*this) {
  // One stream per road: "road/a-b/travel_time", and "road/a-b#2/travel_time" for a second a-b road.
  std::map<std::string, int> seen;
  for (const RoadDesc& road : desc.roads) {
    std::string name = road.from + "-" + road.to;
    if (const int n = ++seen[name]; n > 1) name.append(1, '#').append(std::to_string(n));
    road_streams_.push_back(&sim.rng("road/" + name + "/travel_time"));
  }
  sim.spawn(sampler(), "sampler");
  sim.spawn(month_ends(), "month_ends");
}

Chain::~Chain() = default;

engine::Duration Chain::trip(std::size_t from_region, std::size_t to_region) {
  engine::Duration total;
  for (const RoadLink& leg : map.roads().route(from_region, to_region).legs) {
    total += vary(leg.travel_time, desc.roads[leg.road].travel_time_cv, *road_streams_[leg.road]);
  }
  return total;
}

void Chain::order_truck(std::size_t site, std::size_t type, const std::string& factory) {
  const auto chosen = map.factory_for(site, type, factory);
  if (!chosen) throw std::invalid_argument("no factory can deliver truck type '" + desc.truck_types[type].id + "'");
  const std::size_t region = delivery.site(site).region();
  Truck& truck = trucks.emplace_back();
  truck.id = static_cast<std::int64_t>(trucks.size());
  truck.type = type;
  truck.site = site;
  truck.factory = *chosen;
  truck.upfitter = delivery.site(site).upfitter();
  truck.ordered_at = sim.now();
  emit(TruckOrdered{truck.ordered_at, truck.id, type, site, region, truck.factory, truck.upfitter});
  sim.spawn(truck_life(truck), "truck/" + std::to_string(truck.id));
}

void Chain::set_stage(Truck& truck, TruckStage stage) {
  emit(TruckStageChanged{sim.now(), truck.id, truck.stage, stage});
  truck.stage = stage;
}

void Chain::retire(Truck& truck) {
  if (truck.service != TruckService::in_service) {
    throw std::logic_error("truck " + std::to_string(truck.id) + " is not in service and cannot be retired");
  }
  operations.retire(truck);
  truck.service = TruckService::retired;
  emit(TruckRetired{sim.now(), truck.id, truck.type, truck.site, delivery.site(truck.site).region()});
}

void Chain::emit(const DomainEvent& event) {
  counts.on_event(event);
  value.on_event(event);
  for (Observer* observer : observers) observer->on_event(event);
}

engine::Process<> Chain::truck_life(Truck& truck) {
  co_await production.build(truck);
  truck.built_at = sim.now();
  const std::size_t factory_region = production.factory(truck.factory).region();
  const std::size_t region = delivery.site(truck.site).region();
  emit(TruckBuilt{truck.built_at, truck.id, truck.type, region, truck.factory});

  if (truck.upfitter) {
    const std::size_t upfitter_region = delivery.upfitter(*truck.upfitter).region();
    set_stage(truck, TruckStage::to_upfitter);
    co_await sim.timeout(trip(factory_region, upfitter_region));
    set_stage(truck, TruckStage::at_upfitter);
    co_await delivery.fit(truck);
    set_stage(truck, TruckStage::to_site);
    co_await sim.timeout(trip(upfitter_region, region));
  } else {
    set_stage(truck, TruckStage::to_site);
    co_await sim.timeout(trip(factory_region, region));
  }

  set_stage(truck, TruckStage::delivered);
  truck.delivered_at = sim.now();
  truck.service = TruckService::in_service;
  emit(TruckDelivered{truck.delivered_at, truck.id, truck.type, truck.site, region, truck.factory, truck.upfitter,
                      truck.ordered_at, truck.built_at});
  operations.serve(truck);
}

engine::Process<> Chain::sampler() {
  const engine::Duration interval = engine::days(desc.simulation.sample_interval_days);
  // Low priority: a sample sees the state after everything else that happens at its instant.
  co_await sim.timeout(engine::Duration::zero(), engine::Priority::low);
  for (;;) {
    emit_sample();
    co_await sim.timeout(interval, engine::Priority::low);
  }
}

engine::Process<> Chain::month_ends() {
  const engine::Epoch& epoch = sim.epoch();
  for (std::chrono::year_month month = epoch.date().year() / epoch.date().month();; month += std::chrono::months(1)) {
    const std::chrono::year_month next_month = month + std::chrono::months(1);
    const engine::Time next = epoch.time_of(next_month / 1);
    if (next >= end) co_return;  // the last year ends with the run (World::run)
    // Urgent: before everything else due at midnight, which belongs to the new month.
    co_await sim.timeout(next - sim.now(), engine::Priority::urgent);
    if (next_month.month() == std::chrono::January) {
      close_year();
      emit_year_end(static_cast<int>(month.year()));
    } else {
      value.close_month(sim.now());
    }
  }
}

void Chain::close_year() { value.close_year(sim.now()); }

void Chain::emit_sample() {
  value.accrue(sim.now());
  Sample raw = read_series();
  const Sample sample = series.catalog().flows_since(raw, previous_sample_ ? &*previous_sample_ : nullptr);
  previous_sample_ = std::move(raw);
  for (Observer* observer : observers) observer->on_sample(sample);
}

void Chain::emit_year_end(std::int64_t year) {
  Sample raw = read_series();
  const Sample state = series.catalog().flows_since(raw, previous_year_end_ ? &*previous_year_end_ : nullptr);
  previous_year_end_ = std::move(raw);
  for (Observer* observer : observers) observer->on_year_end(year, state);
}

}  // namespace detail

World::World(ScenarioDesc description) : chain_(std::make_unique<detail::Chain>(std::move(description))) {}

World::~World() = default;

const ScenarioDesc& World::description() const noexcept { return chain_->desc; }
const RoadNetwork& World::roads() const noexcept { return chain_->map.roads(); }
engine::Simulation& World::simulation() noexcept { return chain_->sim; }
engine::Time World::end_time() const noexcept { return chain_->end; }
void World::add_observer(Observer& observer) { chain_->observers.push_back(&observer); }
void World::emit_postings(bool on) { chain_->value.emit_postings(on); }
const SeriesCatalog& World::series() const noexcept { return chain_->series.catalog(); }
Sample World::read_series() const { return chain_->read_series(); }
std::vector<std::string> World::conservation_violations() const { return chain_->violations(); }

void World::run_until(engine::Time t) { chain_->sim.run_until(std::min(t, chain_->end)); }

void World::run() {
  run_until(chain_->end);
  chain_->close_year();
  chain_->emit_sample();
  const int last_year = static_cast<int>(
      chain_->sim.epoch().date_of(chain_->end - engine::Duration::from_ticks(1)).year());  // the end is excluded
  chain_->emit_year_end(last_year);
  const std::vector<std::string> broken = conservation_violations();
  if (!broken.empty()) {
    std::string message = "conservation laws broken at the end of the run (a bug in truckflow):";
    for (const std::string& law : broken) message += "\n  " + law;
    throw ConservationError(message);
  }
}

}  // namespace truckflow::models
