// Site: turning the deployment plan into orders.
#include "site.hpp"

#include <algorithm>

namespace truckflow::models::detail {

Site::Site(Chain& chain, std::size_t index, const SiteDesc& desc)
    : chain_(chain), desc_(desc), index_(index), region_(chain.map.region(desc.region)) {
  if (desc.upfit) {
    upfitter_ = chain.map.upfitter(desc.upfit->upfitter);
    body_ = chain.map.component(desc.upfit->body);
  }
  const std::string prefix = "site/" + desc.id + "/";
  for (const PlanLineDesc& line : desc.deployment) {
    chain.sim.spawn(deploy(line), prefix + "deployment/" + std::to_string(line.year) + "/" + line.truck_type);
  }
  for (const PlanLineDesc& line : desc.target_fleet) {
    chain.sim.spawn(reach_target(line), prefix + "target_fleet/" + std::to_string(line.year) + "/" + line.truck_type);
  }
}

std::pair<engine::Time, engine::Time> Site::window(std::int64_t year) const {
  const engine::Epoch& epoch = chain_.sim.epoch();
  const auto first = std::chrono::year(static_cast<int>(year)) / std::chrono::January / 1;
  const auto next = std::chrono::year(static_cast<int>(year + 1)) / std::chrono::January / 1;
  return {std::max(epoch.time_of(first), engine::Time::zero()), std::min(epoch.time_of(next), chain_.end)};
}

engine::Process<> Site::deploy(const PlanLineDesc& line) {
  // Evenly over the whole calendar year: in a run that starts after 1 January the orders due
  // before the start are not placed (they belong to the past), as those due after the end are not.
  const engine::Epoch& epoch = chain_.sim.epoch();
  const engine::Time first = epoch.time_of(std::chrono::year(static_cast<int>(line.year)) / std::chrono::January / 1);
  const engine::Time next =
      epoch.time_of(std::chrono::year(static_cast<int>(line.year + 1)) / std::chrono::January / 1);
  co_await place_orders(line, trucks(line), first, next);
}

engine::Process<> Site::reach_target(const PlanLineDesc& line) {
  const auto [from, to] = window(line.year);
  if (from >= to) co_return;  // the year is past the horizon
  co_await chain_.sim.timeout(from - chain_.sim.now());
  const std::size_t type = chain_.map.truck_type(line.truck_type);
  co_await place_orders(line, std::max<std::int64_t>(0, trucks(line) - chain_.counts.site_active(index_, type)), from,
                        to);
}

engine::Process<> Site::place_orders(const PlanLineDesc& line, std::int64_t count, engine::Time from, engine::Time to) {
  const std::size_t type = chain_.map.truck_type(line.truck_type);
  const __int128 span = (to - from).ticks();
  for (std::int64_t i = 0; i < count; ++i) {
    const engine::Time at = from + engine::Duration::from_ticks(static_cast<std::int64_t>(span * i / count));
    if (at < engine::Time::zero()) continue;  // before the run
    if (at >= chain_.end) co_return;          // after it
    co_await chain_.sim.timeout(at - chain_.sim.now());
    chain_.order_truck(index_, type, line.factory);
  }
}

}  // namespace truckflow::models::detail
