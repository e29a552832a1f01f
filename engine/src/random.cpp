// Stream: xoshiro256** with our own, platform-independent distributions.
#include "truckflow/engine/random.hpp"

#include <bit>
#include <cmath>
#include <stdexcept>
#include <string>

namespace truckflow::engine {

namespace {

constexpr std::uint64_t golden_gamma = 0x9e3779b97f4a7c15ULL;

void require(bool condition, const char* message) {
  if (!condition) throw std::invalid_argument(message);
}

}  // namespace

std::uint64_t mix64(std::uint64_t x) noexcept {
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::uint64_t fnv1a64(std::string_view text) noexcept {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

Stream::Stream(std::uint64_t seed) noexcept {
  // SplitMix64 sequence starting at `seed`; it never yields four zero words in a row.
  std::uint64_t x = seed;
  for (auto& word : state_) {
    x += golden_gamma;
    word = mix64(x);
  }
}

Stream Stream::derive(std::uint64_t master_seed, std::string_view name) noexcept {
  return Stream(mix64(master_seed + golden_gamma) ^ mix64(fnv1a64(name)));
}

std::uint64_t Stream::next_u64() noexcept {
  const std::uint64_t result = std::rotl(state_[1] * 5, 7) * 9;
  const std::uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = std::rotl(state_[3], 45);
  return result;
}

double Stream::uniform() noexcept { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

double Stream::uniform(double lo, double hi) {
  require(std::isfinite(lo) && std::isfinite(hi) && lo <= hi, "uniform(lo, hi) needs finite lo <= hi");
  return lo + (hi - lo) * uniform();
}

std::int64_t Stream::uniform_int(std::int64_t lo, std::int64_t hi) {
  require(lo <= hi, "uniform_int(lo, hi) needs lo <= hi");
  const std::uint64_t span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
  if (span == ~std::uint64_t{0}) return static_cast<std::int64_t>(next_u64());
  const std::uint64_t range = span + 1;
  // Lemire's nearly-divisionless method: multiply, reject the biased low part.
  unsigned __int128 product = static_cast<unsigned __int128>(next_u64()) * range;
  auto low = static_cast<std::uint64_t>(product);
  if (low < range) {
    const std::uint64_t threshold = (0 - range) % range;
    while (low < threshold) {
      product = static_cast<unsigned __int128>(next_u64()) * range;
      low = static_cast<std::uint64_t>(product);
    }
  }
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + static_cast<std::uint64_t>(product >> 64));
}

bool Stream::bernoulli(double p) {
  require(p >= 0.0 && p <= 1.0, "bernoulli(p) needs 0 <= p <= 1");
  return uniform() < p;
}

double Stream::exponential(double mean) {
  require(mean > 0.0 && std::isfinite(mean), "exponential(mean) needs a finite mean > 0");
  // 1 - u is in (0, 1], so the logarithm is finite.
  return -mean * std::log(1.0 - uniform());
}

Duration Stream::exponential(Duration mean) {
  require(mean > Duration::zero(), "exponential(mean) needs a mean > 0");
  const double ticks = exponential(static_cast<double>(mean.ticks()));
  return Duration::from_ticks(detail::round_ticks(ticks, 1, "exponential"));
}

double Stream::normal(double mean, double stddev) {
  require(std::isfinite(mean) && std::isfinite(stddev) && stddev >= 0.0,
          "normal(mean, stddev) needs finite values and stddev >= 0");
  if (has_spare_normal_) {
    has_spare_normal_ = false;
    return mean + stddev * spare_normal_;
  }
  double u = 0.0;
  double v = 0.0;
  double s = 0.0;
  do {
    u = 2.0 * uniform() - 1.0;
    v = 2.0 * uniform() - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  const double factor = std::sqrt(-2.0 * std::log(s) / s);
  spare_normal_ = v * factor;
  has_spare_normal_ = true;
  return mean + stddev * u * factor;
}

double Stream::lognormal(double mu, double sigma) { return std::exp(normal(mu, sigma)); }

double Stream::triangular(double lo, double mode, double hi) {
  require(std::isfinite(lo) && std::isfinite(hi) && lo < hi && lo <= mode && mode <= hi,
          "triangular(lo, mode, hi) needs finite lo <= mode <= hi and lo < hi");
  const double u = uniform();
  const double cut = (mode - lo) / (hi - lo);
  if (u < cut) return lo + std::sqrt(u * (hi - lo) * (mode - lo));
  return hi - std::sqrt((1.0 - u) * (hi - lo) * (hi - mode));
}

double Stream::weibull(double shape, double scale) {
  require(shape > 0.0 && scale > 0.0 && std::isfinite(shape) && std::isfinite(scale),
          "weibull(shape, scale) needs finite shape > 0 and scale > 0");
  return scale * std::pow(-std::log(1.0 - uniform()), 1.0 / shape);
}

std::size_t Stream::discrete(std::span<const double> weights) {
  double total = 0.0;
  for (const double w : weights) {
    require(std::isfinite(w) && w >= 0.0, "discrete(weights) needs finite weights >= 0");
    total += w;
  }
  require(total > 0.0, "discrete(weights) needs at least one weight > 0");
  const double target = uniform() * total;
  double cumulative = 0.0;
  std::size_t last_positive = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] <= 0.0) continue;
    last_positive = i;
    cumulative += weights[i];
    if (target < cumulative) return i;
  }
  return last_positive;  // rounding left target == total
}

}  // namespace truckflow::engine
