// StageWaits: each truck's time in each stage, by place.
#include "truckflow/output/stage_waits.hpp"

#include <algorithm>
#include <limits>
#include <type_traits>
#include <variant>

namespace truckflow::output {

namespace {

using models::TruckStage;

enum class PlaceKind { factory, upfitter, site };

PlaceKind kind_of(TruckStage stage) {
  switch (stage) {
    case TruckStage::to_upfitter:
    case TruckStage::at_upfitter:
      return PlaceKind::upfitter;
    case TruckStage::to_site:
    case TruckStage::delivered:
      return PlaceKind::site;
    default:
      return PlaceKind::factory;
  }
}

std::size_t index(TruckStage stage) { return static_cast<std::size_t>(stage); }

}  // namespace

std::size_t StageWaits::place_of(const Truck& truck) const {
  switch (kind_of(truck.stage)) {
    case PlaceKind::factory:
      return truck.factory;
    case PlaceKind::upfitter:
      return truck.upfitter;
    case PlaceKind::site:
      return truck.site;
  }
  return 0;
}

void StageWaits::leave(const Truck& truck, engine::Time now) {
  if (truck.stage == TruckStage::delivered) return;
  std::vector<Tally>& places = places_[index(truck.stage)];
  const std::size_t place = place_of(truck);
  if (places.size() <= place) places.resize(place + 1);
  Tally& tally = places[place];
  const double days = (now - truck.entered).to_days();
  ++tally.trucks;
  tally.days += days;
  tally.max_days = std::max(tally.max_days, days);
  if (truck.stage == TruckStage::awaiting_line) {
    if (line_waits_.size() <= truck.factory) line_waits_.resize(truck.factory + 1);
    line_waits_[truck.factory].add((now - truck.entered).to_hours());
  }
}

WaitSummary StageWaits::line_waits(std::size_t factory) const {
  return factory < line_waits_.size() ? line_waits_[factory].summary() : WaitHistogram().summary();
}

StageWaits::StageWaits() : places_(stages), peak_(stages, 0), in_stage_(models::truck_stage_count, 0) {}

void StageWaits::on_event(const models::DomainEvent& event) {
  std::visit(
      [this](const auto& e) {
        using E = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<E, models::TruckOrdered>) {
          if (e.truck_id != static_cast<std::int64_t>(trucks_.size()) + 1) return;  // ids are 1, 2, ... in order
          trucks_.push_back({e.at, TruckStage::order_processing, static_cast<std::uint32_t>(e.factory),
                             static_cast<std::uint32_t>(e.upfitter.value_or(0)), static_cast<std::uint32_t>(e.site)});
          ++in_stage_[index(TruckStage::order_processing)];
        } else if constexpr (std::is_same_v<E, models::TruckStageChanged>) {
          if (e.truck_id < 1 || e.truck_id > static_cast<std::int64_t>(trucks_.size())) return;
          Truck& truck = trucks_[static_cast<std::size_t>(e.truck_id - 1)];
          leave(truck, e.at);
          --in_stage_[index(truck.stage)];
          truck.stage = e.to;
          truck.entered = e.at;
          ++in_stage_[index(truck.stage)];
        }
      },
      event);
}

void StageWaits::on_sample(const models::Sample& /*sample*/) {
  for (std::size_t s = 0; s < peak_.size(); ++s) peak_[s] = std::max(peak_[s], in_stage_[s]);
}

std::vector<StageWait> StageWaits::waits(const models::ScenarioDesc& scenario, engine::Time now) const {
  // Trucks still in a stage count with their time so far.
  std::vector<std::vector<Tally>> places = places_;
  for (const Truck& truck : trucks_) {
    if (truck.stage == TruckStage::delivered) continue;
    std::vector<Tally>& at = places[index(truck.stage)];
    const std::size_t place = place_of(truck);
    if (at.size() <= place) at.resize(place + 1);
    const double days = (now - truck.entered).to_days();
    ++at[place].trucks;
    at[place].days += days;
    at[place].max_days = std::max(at[place].max_days, days);
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<StageWait> out;
  for (std::size_t s = 0; s < stages; ++s) {
    StageWait w;
    w.stage = static_cast<TruckStage>(s);
    w.peak_trucks = peak_[s];
    double days = 0.0;
    double max_days = 0.0;
    double worst = -1.0;
    std::int64_t worst_trucks = 0;
    for (std::size_t p = 0; p < places[s].size(); ++p) {
      const Tally& t = places[s][p];
      if (t.trucks == 0) continue;
      w.trucks += t.trucks;
      days += t.days;
      max_days = std::max(max_days, t.max_days);
      const double mean = t.days / static_cast<double>(t.trucks);
      // Means within a minute are a tie (a stage that takes the same time everywhere), which the
      // place with more trucks wins: the worst place is then the busiest, not rounding noise.
      constexpr double tie_days = 1.0 / 1440.0;
      if (mean > worst + tie_days || (mean >= worst - tie_days && t.trucks > worst_trucks)) {
        worst = mean;
        worst_trucks = t.trucks;
        switch (kind_of(w.stage)) {
          case PlaceKind::factory:
            w.worst_place = scenario.factories.at(p).id;
            break;
          case PlaceKind::upfitter:
            w.worst_place = scenario.upfitters.at(p).id;
            break;
          case PlaceKind::site:
            w.worst_place = scenario.sites.at(p).id;
            break;
        }
      }
    }
    w.mean_days = w.trucks > 0 ? days / static_cast<double>(w.trucks) : nan;
    w.max_days = w.trucks > 0 ? max_days : nan;
    w.worst_place_mean_days = w.trucks > 0 ? worst : nan;
    out.push_back(w);
  }
  return out;
}

}  // namespace truckflow::output
