// Running a world to the end of its horizon in steps, so that progress can be shown and Ctrl-C
// honoured between steps.
#pragma once

#include <functional>

#include "truckflow/models/world.hpp"

namespace truckflow::app {

/// Runs `world` to its end (final sample and conservation check included), calling `on_step`
/// with the fraction of the horizon done after each simulated day. Throws `Cancelled` when
/// cancellation is requested.
void simulate(models::World& world, const std::function<void(double fraction)>& on_step);

}  // namespace truckflow::app
