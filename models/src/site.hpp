// An application site: orders trucks through the years as its deployment plan says. Internal to
// models/.
#pragma once

#include <optional>
#include <vector>

#include "chain.hpp"

namespace truckflow::models::detail {

class Site {
 public:
  Site(Chain& chain, std::size_t index, const SiteDesc& desc);

  std::size_t region() const noexcept { return region_; }
  std::optional<std::size_t> upfitter() const noexcept { return upfitter_; }
  std::optional<std::size_t> body() const noexcept { return body_; }

 private:
  /// A line's trucks, after the site's plan factor.
  std::int64_t trucks(const PlanLineDesc& line) const { return desc_.planned_trucks(line); }
  /// Orders the line's trucks, evenly spaced over the line's calendar year (those due before the
  /// run's start or after its end are not placed).
  engine::Process<> deploy(const PlanLineDesc& line);
  /// At the start of the line's year, orders what is missing to reach the line's trucks in service
  /// at its end (counting the site's trucks on order or in service, not those retired), evenly
  /// spaced over the year.
  engine::Process<> reach_target(const PlanLineDesc& line);
  /// Orders `count` trucks evenly spaced over [from, to), the first at `from`, skipping any due
  /// before the run's start or after its end.
  engine::Process<> place_orders(const PlanLineDesc& line, std::int64_t count, engine::Time from, engine::Time to);
  /// The part of `year` inside the horizon.
  std::pair<engine::Time, engine::Time> window(std::int64_t year) const;

  Chain& chain_;
  const SiteDesc& desc_;
  std::size_t index_;
  std::size_t region_;
  std::optional<std::size_t> upfitter_;
  std::optional<std::size_t> body_;
};

}  // namespace truckflow::models::detail
