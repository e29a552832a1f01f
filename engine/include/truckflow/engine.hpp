// The whole engine in one include: simulation, processes, events, resources, random streams, statistics.
#pragma once

#include "truckflow/engine/container.hpp"
#include "truckflow/engine/errors.hpp"
#include "truckflow/engine/event.hpp"
#include "truckflow/engine/process.hpp"
#include "truckflow/engine/random.hpp"
#include "truckflow/engine/resource.hpp"
#include "truckflow/engine/simulation.hpp"
#include "truckflow/engine/statistics.hpp"
#include "truckflow/engine/store.hpp"
#include "truckflow/engine/time.hpp"
#include "truckflow/engine/timeout.hpp"
