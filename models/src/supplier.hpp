// A supplier: makes one component at a daily capacity into a bounded stock, and fills plants'
// orders from it after a lead time. Internal to models/.
#pragma once

#include <cstdint>

#include "truckflow/engine/container.hpp"

#include "chain.hpp"

namespace truckflow::models::detail {

class Supplier {
 public:
  Supplier(Chain& chain, std::size_t index, const SupplierDesc& desc);

  std::size_t region() const noexcept { return region_; }
  std::size_t component() const noexcept { return component_; }

  /// Takes `units` from stock (waiting for production when short; such an order counts as a
  /// stock-out), then holds them for the lead time before they leave.
  engine::Process<> fulfill(Shipment& shipment);

  std::int64_t produced() const noexcept { return produced_; }
  std::int64_t allocated() const noexcept { return allocated_; }
  std::int64_t shipped() const noexcept { return shipped_; }
  std::int64_t stockouts() const noexcept { return stockouts_; }
  std::int64_t stock() const noexcept { return stock_.level(); }
  std::int64_t initial_stock() const noexcept { return initial_stock_; }

 private:
  /// At each day boundary, adds the day's output (capacity × the day's disruption factor,
  /// carrying fractions over), up to the stock limit.
  engine::Process<> produce();
  double capacity_factor(std::int64_t day) const;

  Chain& chain_;
  std::size_t index_;
  const SupplierDesc& desc_;
  std::size_t region_;
  std::size_t component_;
  std::int64_t initial_stock_;
  engine::Container<std::int64_t> stock_;
  engine::Duration lead_time_;
  engine::Stream& lead_time_draws_;
  std::int64_t produced_ = 0;
  std::int64_t allocated_ = 0;
  std::int64_t shipped_ = 0;
  std::int64_t stockouts_ = 0;
};

}  // namespace truckflow::models::detail
