// Production: the factories, each with its assembly lines and component stocks. Trucks are built
// through it. Internal to models/.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "truckflow/engine/simulation.hpp"

#include "conservation.hpp"

namespace truckflow::models::detail {

class Chain;
class Factory;
struct Truck;

class Production {
 public:
  explicit Production(Chain& chain);
  Production(const Production&) = delete;
  Production& operator=(const Production&) = delete;
  ~Production();

  std::size_t size() const noexcept { return factories_.size(); }
  const Factory& factory(std::size_t index) const { return *factories_.at(index); }
  /// The truck's time at its factory (Factory::build).
  engine::Process<> build(Truck& truck);

  /// The components' laws at every factory.
  void check(Laws& laws) const;
  /// Adds what each factory received from each supplier to `by_supplier`.
  void add_received(std::vector<std::int64_t>& by_supplier) const;

 private:
  Chain& chain_;
  std::vector<std::unique_ptr<Factory>> factories_;
};

}  // namespace truckflow::models::detail
