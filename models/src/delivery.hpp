// Delivery: the upfitters that fit special bodies and the application sites that order trucks and
// receive them. Internal to models/.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "truckflow/engine/simulation.hpp"

#include "conservation.hpp"

namespace truckflow::models::detail {

class Chain;
class Upfitter;
class Site;
struct Truck;

class Delivery {
 public:
  explicit Delivery(Chain& chain);
  Delivery(const Delivery&) = delete;
  Delivery& operator=(const Delivery&) = delete;
  ~Delivery();

  std::size_t upfitters() const noexcept { return upfitters_.size(); }
  const Upfitter& upfitter(std::size_t index) const { return *upfitters_.at(index); }
  std::size_t sites() const noexcept { return sites_.size(); }
  const Site& site(std::size_t index) const { return *sites_.at(index); }
  /// The truck's time at its upfitter (Upfitter::fit).
  engine::Process<> fit(Truck& truck);

  /// The bodies' laws at every upfitter.
  void check(Laws& laws) const;
  /// Adds what each upfitter received from each supplier to `by_supplier`.
  void add_received(std::vector<std::int64_t>& by_supplier) const;

 private:
  Chain& chain_;
  std::vector<std::unique_ptr<Upfitter>> upfitters_;
  std::vector<std::unique_ptr<Site>> sites_;
};

}  // namespace truckflow::models::detail
