// TruckCounts: following the event stream; the truck series it answers.
#include "truck_counts.hpp"

#include <algorithm>
#include <type_traits>

#include "chain.hpp"
#include "series_registry.hpp"

namespace truckflow::models::detail {

TruckCounts::TruckCounts(const ScenarioDesc& desc)
    : factory_ordered(desc.factories.size(), desc.truck_types.size()),
      factory_built(factory_ordered),
      factory_delivered(factory_ordered),
      region_ordered(desc.regions.size(), desc.truck_types.size()),
      region_built(region_ordered),
      region_delivered(region_ordered),
      region_retired(region_ordered),
      site_delivered(desc.sites.size(), 0),
      site_active(desc.sites.size(), desc.truck_types.size()) {}

void TruckCounts::on_event(const DomainEvent& event) {
  std::visit(
      [this](const auto& e) {
        using E = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<E, TruckOrdered>) {
          ++by_stage[static_cast<std::size_t>(TruckStage::order_processing)];
          ++factory_ordered(e.factory, e.truck_type);
          ++region_ordered(e.region, e.truck_type);
          ++site_active(e.site, e.truck_type);
        } else if constexpr (std::is_same_v<E, TruckStageChanged>) {
          --by_stage[static_cast<std::size_t>(e.from)];
          ++by_stage[static_cast<std::size_t>(e.to)];
        } else if constexpr (std::is_same_v<E, TruckBuilt>) {
          ++factory_built(e.factory, e.truck_type);
          ++region_built(e.region, e.truck_type);
        } else if constexpr (std::is_same_v<E, TruckDelivered>) {
          ++factory_delivered(e.factory, e.truck_type);
          ++region_delivered(e.region, e.truck_type);
          ++site_delivered[e.site];
        } else if constexpr (std::is_same_v<E, TruckRetired>) {
          ++region_retired(e.region, e.truck_type);
          --site_active(e.site, e.truck_type);
        }
      },
      event);
}

namespace {

void copy(std::span<const std::int64_t> from, std::span<std::int64_t> to) {
  std::copy(from.begin(), from.end(), to.begin());
}

}  // namespace

void declare_truck_series(SeriesRegistry& registry) {
  const std::vector<std::string> by_factory{"factory", "truck_type"};
  registry.counts({"factory_trucks_ordered", by_factory, "trucks", "trucks ordered from the factory (cumulative)",
                   Measure::cumulative},
                  [](const Chain& c, std::span<std::int64_t> out) { copy(c.counts.factory_ordered.flat(), out); });
  registry.counts({"factory_trucks_built", by_factory, "trucks", "trucks assembled (cumulative)", Measure::cumulative},
                  [](const Chain& c, std::span<std::int64_t> out) { copy(c.counts.factory_built.flat(), out); });
  registry.counts({"factory_backlog_trucks", by_factory, "trucks", "trucks ordered and not yet built", Measure::level},
                  [](const Chain& c, std::span<std::int64_t> out) {
                    const auto ordered = c.counts.factory_ordered.flat();
                    const auto built = c.counts.factory_built.flat();
                    for (std::size_t i = 0; i < out.size(); ++i) out[i] = ordered[i] - built[i];
                  });
  registry.counts({"factory_trucks_delivered", by_factory, "trucks",
                   "trucks from the factory delivered to their sites (cumulative)", Measure::cumulative},
                  [](const Chain& c, std::span<std::int64_t> out) { copy(c.counts.factory_delivered.flat(), out); });

  const std::vector<std::string> by_region{"region", "truck_type"};
  registry.counts({"region_trucks_ordered", by_region, "trucks", "trucks ordered by sites in the region (cumulative)",
                   Measure::cumulative},
                  [](const Chain& c, std::span<std::int64_t> out) { copy(c.counts.region_ordered.flat(), out); });
  registry.counts({"region_trucks_built", by_region, "trucks", "trucks built for sites in the region (cumulative)",
                   Measure::cumulative},
                  [](const Chain& c, std::span<std::int64_t> out) { copy(c.counts.region_built.flat(), out); });
  registry.counts({"region_trucks_delivered", by_region, "trucks",
                   "trucks delivered to sites in the region (cumulative)", Measure::cumulative},
                  [](const Chain& c, std::span<std::int64_t> out) { copy(c.counts.region_delivered.flat(), out); });
  registry.counts({"region_fleet_trucks", by_region, "trucks",
                   "fleet in service: trucks delivered to sites in the region and not retired", Measure::level},
                  [](const Chain& c, std::span<std::int64_t> out) {
                    const Grid<std::int64_t>& delivered = c.counts.region_delivered;
                    for (std::size_t r = 0; r < delivered.rows(); ++r) {
                      for (std::size_t t = 0; t < delivered.columns(); ++t) {
                        out[r * delivered.columns() + t] = c.counts.in_service(r, t);
                      }
                    }
                  });
  registry.counts(
      {"site_trucks_delivered", {"site"}, "trucks", "trucks delivered to the site (cumulative)", Measure::cumulative},
      [](const Chain& c, std::span<std::int64_t> out) { copy(c.counts.site_delivered, out); });
  registry.counts({"trucks_by_stage", {"stage"}, "trucks", "trucks in each stage of the chain", Measure::level},
                  [](const Chain& c, std::span<std::int64_t> out) { copy(c.counts.by_stage, out); });
}

}  // namespace truckflow::models::detail
