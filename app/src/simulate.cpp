// simulate: day by day, checking for cancellation.
#include "simulate.hpp"

#include <algorithm>

#include "cancellation.hpp"

namespace truckflow::app {

void simulate(models::World& world, const std::function<void(double fraction)>& on_step) {
  const engine::Time end = world.end_time();
  const double span = std::max(1.0, end.to_seconds());
  for (engine::Time t = world.simulation().now(); t < end;) {
    t = std::min(end, t + engine::days(1));
    world.run_until(t);
    throw_if_cancelled();
    on_step(t.to_seconds() / span);
  }
  world.run();
}

}  // namespace truckflow::app
