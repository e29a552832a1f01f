// An energy source: a plant making hydrogen, methanol or diesel for the chain's stations, each
// day's output kept until a tube trailer or tanker takes it. Internal to models/.
#pragma once

#include "truckflow/engine/container.hpp"
#include "truckflow/engine/simulation.hpp"
#include "truckflow/models/description.hpp"

#include "places.hpp"

namespace truckflow::models::detail {

class EnergySource {
 public:
  /// `largest_delivery`: the most one station takes at once (the store holds at least twice it).
  EnergySource(engine::Simulation& sim, std::size_t index, const EnergySourceDesc& desc, Place place,
               double largest_delivery);

  /// Its position in the scenario's list.
  std::size_t index() const noexcept { return index_; }
  const EnergySourceDesc& desc() const noexcept { return desc_; }
  const Place& place() const noexcept { return place_; }
  /// Takes `amount` from the store, waiting for output when there is too little.
  auto take(double amount) { return store_.get(amount); }

  double produced() const noexcept { return produced_; }
  double taken() const noexcept { return taken_; }
  double stock() const noexcept { return store_.level(); }
  void count_taken(double amount) noexcept { taken_ += amount; }

 private:
  /// Adds each day's output to the store, as much as fits.
  engine::Process<> produce();

  engine::Simulation& sim_;
  std::size_t index_;
  const EnergySourceDesc& desc_;
  Place place_;
  engine::Container<double> store_;
  double produced_ = 0.0;
  double taken_ = 0.0;
};

}  // namespace truckflow::models::detail
