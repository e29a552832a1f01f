// Supplier: daily production with disruption windows, and order fulfilment.
#include "supplier.hpp"

#include <algorithm>

#include "series_registry.hpp"
#include "variation.hpp"
#include "whole_units.hpp"

namespace truckflow::models::detail {

namespace {

std::int64_t stock_limit(const SupplierDesc& desc) {
  if (desc.max_stock_units > 0) return desc.max_stock_units;
  return std::max<std::int64_t>(
      {1, desc.initial_stock_units, ceil_units(14.0 * desc.capacity_units_per_day, "stock limit")});
}

}  // namespace

Supplier::Supplier(Chain& chain, std::size_t index, const SupplierDesc& desc)
    : chain_(chain),
      index_(index),
      desc_(desc),
      region_(chain.map.region(desc.region)),
      component_(chain.map.component(desc.component)),
      initial_stock_(desc.initial_stock_units),
      stock_(chain.sim, stock_limit(desc), desc.initial_stock_units),
      lead_time_(engine::days(desc.lead_time_days)),
      lead_time_draws_(chain.sim.rng("supplier/" + desc.id + "/lead_time")) {
  chain.sim.spawn(produce(), "supplier/" + std::to_string(index) + "/production");
}

double Supplier::capacity_factor(std::int64_t day) const {
  const auto date = std::chrono::sys_days(chain_.desc.simulation.start_date) + std::chrono::days(day);
  double factor = 1.0;
  for (const DisruptionDesc& d : desc_.disruptions) {
    if (date >= std::chrono::sys_days(d.start_date) && date <= std::chrono::sys_days(d.end_date)) {
      factor = std::min(factor, d.capacity_factor);
    }
  }
  return factor;
}

engine::Process<> Supplier::produce() {
  double carried = 0.0;  // output made but not yet a whole unit
  for (std::int64_t day = 0;; ++day) {
    co_await chain_.sim.timeout(engine::days(1));
    carried += desc_.capacity_units_per_day * capacity_factor(day);
    const std::int64_t whole = floor_units(carried, "daily output");
    carried -= static_cast<double>(whole);
    const std::int64_t made = std::min(whole, stock_.capacity() - stock_.level());
    if (made > 0) {
      produced_ += made;
      co_await stock_.put(made);
    }
  }
}

engine::Process<> Supplier::fulfill(Shipment& shipment) {
  if (stock_.level() < shipment.units || stock_.getters_waiting() > 0) {
    ++stockouts_;
    chain_.emit(StockOut{chain_.sim.now(), index_, shipment.units});
  }
  // An order larger than the stock limit is filled in parts as production allows.
  for (std::int64_t left = shipment.units; left > 0;) {
    const std::int64_t part = std::min(left, stock_.capacity());
    co_await stock_.get(part);
    allocated_ += part;
    shipment.allocated += part;
    left -= part;
  }
  co_await chain_.sim.timeout(vary(lead_time_, desc_.lead_time_cv, lead_time_draws_));
  shipped_ += shipment.units;
  shipment.state = Shipment::State::in_transit;
  chain_.emit(ShipmentDispatched{chain_.sim.now(), shipment.id, index_, shipment.units});
}

void declare_supplier_series(SeriesRegistry& r) {
  const std::vector<std::string> by_supplier{"supplier"};
  r.counts({"supplier_output_units", by_supplier, "units", "components made (cumulative)", Measure::cumulative},
           [](const Chain& c, std::span<std::int64_t> out) {
             for (std::size_t s = 0; s < out.size(); ++s) out[s] = c.supply.supplier(s).produced();
           });
  r.counts({"supplier_shipped_units", by_supplier, "units", "components dispatched to plants (cumulative)",
            Measure::cumulative},
           [](const Chain& c, std::span<std::int64_t> out) {
             for (std::size_t s = 0; s < out.size(); ++s) out[s] = c.supply.supplier(s).shipped();
           });
  r.counts({"supplier_stock_units", by_supplier, "units", "components in the supplier's stock", Measure::level},
           [](const Chain& c, std::span<std::int64_t> out) {
             for (std::size_t s = 0; s < out.size(); ++s) out[s] = c.supply.supplier(s).stock();
           });
  r.counts({"supplier_stockouts_orders", by_supplier, "orders", "orders that found too little stock (cumulative)",
            Measure::cumulative},
           [](const Chain& c, std::span<std::int64_t> out) {
             for (std::size_t s = 0; s < out.size(); ++s) out[s] = c.supply.supplier(s).stockouts();
           });
}

}  // namespace truckflow::models::detail
