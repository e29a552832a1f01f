// A factory: assembles trucks from a bill of materials on a limited number of lines, keeping a
// stock of each component it needs. Internal to models/.
#pragma once

#include <map>
#include <memory>

#include "truckflow/engine/resource.hpp"

#include "chain.hpp"
#include "component_stock.hpp"

namespace truckflow::models::detail {

class Factory {
 public:
  Factory(Chain& chain, std::size_t index, const FactoryDesc& desc);

  std::size_t region() const noexcept { return region_; }
  /// The truck's time at the factory: order processing, gather its components, wait for a line,
  /// assemble.
  engine::Process<> build(Truck& truck);
  /// Component stocks by component index.
  const std::map<std::size_t, std::unique_ptr<ComponentStock>>& stocks() const noexcept { return stocks_; }

 private:
  Chain& chain_;
  std::size_t region_;
  const FactoryDesc& desc_;
  engine::Resource lines_;
  engine::Duration assembly_time_;
  engine::Duration order_processing_;
  engine::Stream& assembly_draws_;
  std::map<std::size_t, std::unique_ptr<ComponentStock>> stocks_;
};

}  // namespace truckflow::models::detail
