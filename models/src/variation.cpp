// vary: a mean-preserving log-normal.
#include "variation.hpp"

#include <algorithm>
#include <cmath>

namespace truckflow::models::detail {

engine::Duration vary(engine::Duration mean, double cv, engine::Stream& stream) {
  if (cv <= 0.0 || mean <= engine::Duration::zero()) return mean;
  // ln X ~ N(mu, sigma²) with E[X] = mean and sd(X) / E[X] = cv.
  const double mean_ticks = static_cast<double>(mean.ticks());
  const double sigma2 = std::log1p(cv * cv);
  const double draw = stream.lognormal(std::log(mean_ticks) - sigma2 / 2.0, std::sqrt(sigma2));
  // A draw over 1,000 times the mean has probability below 1e-7 even at cv = 3; capping there
  // changes the mean by less than that and keeps the duration representable.
  const double cap = std::min(1000.0 * mean_ticks, 0.5 * static_cast<double>(engine::Duration::max().ticks()));
  return engine::Duration::from_ticks(std::llround(std::min(draw, cap)));
}

}  // namespace truckflow::models::detail
