// EnergySource: daily output into a bounded store.
#include "energy_source.hpp"

#include <algorithm>

namespace truckflow::models::detail {

EnergySource::EnergySource(engine::Simulation& sim, std::size_t index, const EnergySourceDesc& desc, Place place,
                           double largest_delivery)
    : sim_(sim),
      index_(index),
      desc_(desc),
      place_(place),
      store_(sim, std::max(7.0 * desc.capacity_per_day, 2.0 * largest_delivery), 0.0) {
  sim.spawn(produce(), "energy_source/" + desc.id);
}

engine::Process<> EnergySource::produce() {
  for (;;) {
    co_await sim_.timeout(engine::days(1));
    const double made = std::min(desc_.capacity_per_day, store_.capacity() - store_.level());
    if (made > 0.0) {
      produced_ += made;
      co_await store_.put(made);
    }
  }
}

}  // namespace truckflow::models::detail
