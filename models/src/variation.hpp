// Random variation of durations around their nominal values. Internal to models/.
#pragma once

#include "truckflow/engine/random.hpp"
#include "truckflow/engine/time.hpp"

namespace truckflow::models::detail {

/// A duration around `mean` with coefficient of variation `cv`: log-normal, so never negative,
/// with mean `mean` (draws are capped at 1,000 × `mean`, which the mean does not notice). Exactly
/// `mean`, without a draw, when `cv` is 0 (so deterministic scenarios stay exactly as computed by
/// hand).
engine::Duration vary(engine::Duration mean, double cv, engine::Stream& stream);

}  // namespace truckflow::models::detail
