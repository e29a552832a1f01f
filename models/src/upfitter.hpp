// An upfitter: fits special-purpose bodies (专用车) to chassis in bays, keeping a stock of each
// body it fits. Internal to models/.
#pragma once

#include <map>
#include <memory>

#include "truckflow/engine/resource.hpp"

#include "chain.hpp"
#include "component_stock.hpp"

namespace truckflow::models::detail {

class Upfitter {
 public:
  /// `bodies`: the body components the sites routed here need.
  Upfitter(Chain& chain, std::size_t index, const UpfitterDesc& desc, const std::vector<std::size_t>& bodies);

  std::size_t region() const noexcept { return region_; }
  /// Takes a body from stock, waits for a bay and fits it.
  engine::Process<> fit(Truck& truck, std::size_t body);
  std::int64_t fitted() const noexcept { return fitted_; }
  const std::map<std::size_t, std::unique_ptr<ComponentStock>>& stocks() const noexcept { return stocks_; }

 private:
  Chain& chain_;
  std::size_t index_;
  std::size_t region_;
  engine::Resource bays_;
  engine::Duration upfit_time_;
  double upfit_time_cv_;
  engine::Stream& upfit_draws_;
  std::map<std::size_t, std::unique_ptr<ComponentStock>> stocks_;
  std::int64_t fitted_ = 0;
};

}  // namespace truckflow::models::detail
