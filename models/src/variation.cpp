// vary: a mean-preserving log-normal.
#include "variation.hpp"

#include <cmath>

namespace truckflow::models::detail {

engine::Duration vary(engine::Duration mean, double cv, engine::Stream& stream) {
  if (cv <= 0.0 || mean <= engine::Duration::zero()) return mean;
  // ln X ~ N(mu, sigma²) with E[X] = mean and sd(X) / E[X] = cv.
  const double sigma2 = std::log1p(cv * cv);
  const double mu = std::log(static_cast<double>(mean.ticks())) - sigma2 / 2.0;
  return engine::Duration::from_ticks(std::llround(stream.lognormal(mu, std::sqrt(sigma2))));
}

}  // namespace truckflow::models::detail
