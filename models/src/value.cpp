// Value: postings from the domain events, running accounts, VAT and income tax at each year's end,
// the sharing rules settled at the end of their periods, the money between regions emitted, and the
// value laws.
#include "value.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <variant>

#include "chain.hpp"
#include "money.hpp"
#include "station.hpp"

namespace truckflow::models::detail {

namespace {

/// `fen × share`, rounded to the fen.
std::int64_t share_of(std::int64_t fen, double share) {
  return static_cast<std::int64_t>(std::llround(static_cast<double>(fen) * share));
}

}  // namespace

Value::Value(Chain& chain)
    : chain_(chain),
      establishments_(chain.desc),
      ledger_(establishments_),
      maintenance_posted_(chain.desc.sites.size(), chain.desc.truck_types.size()),
      freight_posted_(chain.desc.sites.size(), chain.desc.truck_types.size()),
      crew_posted_(chain.desc.sites.size(), chain.desc.truck_types.size()),
      insurance_posted_(chain.desc.sites.size(), chain.desc.truck_types.size()),
      received_at_close_(establishments_.size(), flow_kind_count),
      paid_at_close_(establishments_.size(), flow_kind_count),
      vat_credit_(establishments_.size(), 0),
      purchases_by_year_(establishments_.size()),
      losses_(establishments_.size(), LossesCarried(chain.desc.economics.taxes.loss_carry_forward_years)),
      local_tax_paid_(establishments_.size(), 0),
      statistics_balance_(chain.desc.regions.size(), 0) {
  for (const SharingRuleDesc& d : chain.desc.sharing_rules) {
    Rule& rule = rules_.emplace_back();
    rule.desc = &d;
    rule.from = chain.map.region(d.from);
    rule.to = chain.map.region(d.to);
    rule.kinds.assign(establishment_kind_count, d.establishments.empty());
    for (const EstablishmentKind kind : d.establishments) rule.kinds[static_cast<std::size_t>(kind)] = true;
    rule.flows.assign(flow_kind_count, d.flows.empty());
    for (const FlowKind kind : d.flows) rule.flows[static_cast<std::size_t>(kind)] = true;
    rule.types.assign(chain.desc.truck_types.size(), d.truck_types.empty());
    for (const std::string& type : d.truck_types) rule.types[chain.map.truck_type(type)] = true;
    if (!d.deployed_in.empty()) rule.deployed_in = chain.map.region(d.deployed_in);
    rule.trucks_scoped = !d.truck_types.empty() || rule.deployed_in.has_value();
    for (auto* v : {&rule.scoped_output, &rule.output_at, &rule.intermediate_at, &rule.local_tax_at}) {
      v->assign(establishments_.size(), 0);
    }
  }
}

void Value::post(engine::Time at, FlowKind kind, std::size_t payer, std::size_t payee, std::int64_t amount_fen,
                 std::optional<std::size_t> truck_type, std::optional<std::size_t> deployed_in) {
  ledger_.post({at, kind, payer, payee, amount_fen, truck_type, deployed_in});
  if (emit_postings_ && amount_fen != 0) {
    chain_.emit(MoneyPosted{at, static_cast<std::size_t>(kind), payer, payee, amount_fen, truck_type, deployed_in});
  }
  const Establishment& seller = establishments_[payee];
  if (!seller.in_chain() || !is_output(kind)) return;
  for (Rule& rule : rules_) {
    if (*seller.region != rule.from || !rule.kinds[static_cast<std::size_t>(seller.kind)] ||
        !rule.flows[static_cast<std::size_t>(kind)]) {
      continue;
    }
    if (rule.trucks_scoped) {
      if (!truck_type || !rule.types[*truck_type]) continue;
      if (rule.deployed_in && deployed_in != rule.deployed_in) continue;
    }
    rule.scoped_output[payee] += amount_fen;
  }
}

void Value::post_inputs(engine::Time at, std::size_t seller, std::size_t region, std::int64_t sale_fen,
                        double value_added_share) {
  post(at, FlowKind::inputs, seller, establishments_.rest_of_economy(region),
       sale_fen - share_of(sale_fen, value_added_share));
}

void Value::on_event(const DomainEvent& event) {
  const ScenarioDesc& d = chain_.desc;
  std::visit(
      [&](const auto& e) {
        using E = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<E, ShipmentReceived>) {
          const SupplierDesc& supplier = d.suppliers[e.supplier];
          const std::size_t seller = establishments_.supplier(e.supplier);
          const std::size_t buyer =
              e.plant_kind == PlantKind::factory ? establishments_.factory(e.plant) : establishments_.upfitter(e.plant);
          const std::int64_t amount = times_fen(e.units, fen_of(supplier.unit_price_cny));  // as invoiced
          post(e.at, FlowKind::component_sale, buyer, seller, amount);
          post_inputs(e.at, seller, *establishments_[seller].region, amount, supplier.value_added_share);
        } else if constexpr (std::is_same_v<E, TruckDelivered>) {
          const TruckTypeDesc& type = d.truck_types[e.truck_type];
          const std::size_t fleet = establishments_.fleet_operator(e.site);
          post(e.at, FlowKind::truck_sale, fleet, establishments_.factory(e.factory), fen_of(type.price_cny),
               e.truck_type, e.region);
          if (e.upfitter) {
            post(e.at, FlowKind::upfit, establishments_.factory(e.factory), establishments_.upfitter(*e.upfitter),
                 fen_of(d.upfitters[*e.upfitter].upfit_price_cny), e.truck_type, e.region);
          }
          if (type.operation) {
            post(e.at, FlowKind::subsidy, establishments_.government(e.region), fleet,
                 fen_of(type.operation->subsidy_cny), e.truck_type, e.region);
          }
        } else if constexpr (std::is_same_v<E, StationVisited>) {
          const std::size_t station = establishments_.station(e.station);
          const std::size_t fleet = establishments_.fleet_operator(e.site);
          post(e.at, FlowKind::energy_sale, fleet, station, fen_of(e.cost_cny), e.truck_type,
               establishments_[fleet].region);
          // Electricity a charging or swap station bought for this visit, from the grid.
          post(e.at, FlowKind::energy_purchase, station,
               establishments_.rest_of_economy(*establishments_[station].region), fen_of(e.bought_cny));
        } else if constexpr (std::is_same_v<E, OtherTrafficCharged>) {
          // Trucks outside the fleets pay as the region's customers do.
          const std::size_t station = establishments_.station(e.station);
          const std::size_t region = *establishments_[station].region;
          post(e.at, FlowKind::energy_sale, establishments_.customers(region), station, fen_of(e.cost_cny));
          post(e.at, FlowKind::energy_purchase, station, establishments_.rest_of_economy(region), fen_of(e.bought_cny));
        } else if constexpr (std::is_same_v<E, EnergyDelivered>) {
          const std::size_t source = establishments_.energy_source(e.source);
          const std::int64_t amount = fen_of(e.cost_cny);
          post(e.at, FlowKind::energy_purchase, establishments_.station(e.station), source, amount);
          post_inputs(e.at, source, *establishments_[source].region, amount,
                      d.energy_sources[e.source].value_added_share);
        }
      },
      event);
}

void Value::post_accrued(engine::Time at, FlowKind kind, std::size_t payer, std::size_t payee, std::int64_t total_fen,
                         std::int64_t& posted, std::size_t truck_type, std::size_t deployed_in) {
  if (total_fen < posted) {
    throw std::logic_error(std::string("an accrued total of ") + to_string(kind) + " went down (a bug in truckflow)");
  }
  post(at, kind, payer, payee, total_fen - posted, truck_type, deployed_in);
  posted = total_fen;
}

void Value::accrue(engine::Time now) {
  const ScenarioDesc& d = chain_.desc;
  const Operations& ops = chain_.operations;
  for (std::size_t s = 0; s < d.sites.size(); ++s) {
    const std::size_t region = *establishments_[establishments_.fleet_operator(s)].region;
    const std::size_t fleet = establishments_.fleet_operator(s);
    const double freight_rate = d.sites[s].work ? d.sites[s].work->freight_cny_per_tonne_km : 0.0;
    for (std::size_t t = 0; t < d.truck_types.size(); ++t) {
      const std::optional<TruckOperationDesc>& op = d.truck_types[t].operation;
      if (!op) continue;
      post_accrued(now, FlowKind::maintenance, fleet, establishments_.rest_of_economy(region),
                   fen_of(ops.maintenance_cost_cny(s, t)), maintenance_posted_(s, t), t, region);
      post_accrued(now, FlowKind::freight_service, establishments_.customers(region), fleet,
                   fen_of(ops.tonne_km(s, t) * freight_rate), freight_posted_(s, t), t, region);
      const double years = ops.service_years(s, t, now);
      post_accrued(now, FlowKind::crew, fleet, establishments_.households(region),
                   fen_of(years * op->crew_cny_per_year), crew_posted_(s, t), t, region);
      post_accrued(now, FlowKind::inputs, fleet, establishments_.rest_of_economy(region),
                   fen_of(years * op->insurance_cny_per_year), insurance_posted_(s, t), t, region);
    }
  }
}

void Value::close_year(engine::Time now) {
  accrue(now);
  const TaxDesc& taxes = chain_.desc.economics.taxes;
  const engine::Epoch& epoch = chain_.sim.epoch();
  const std::int64_t year = static_cast<int>(epoch.date_of(now - engine::Duration::from_ticks(1)).year());
  const auto in_period = [&](std::size_t e, FlowKind kind, bool received) {
    const auto k = static_cast<std::size_t>(kind);
    return received ? ledger_.received(e, kind) - received_at_close_(e, k)
                    : ledger_.paid(e, kind) - paid_at_close_(e, k);
  };
  for (std::size_t e = 0; e < establishments_.size(); ++e) {
    if (!establishments_[e].in_chain()) continue;
    // VAT on the period's sales less that on its purchases of goods and services (trucks included).
    double vat = 0.0;
    std::int64_t value_added = 0;
    for (std::size_t k = 0; k < flow_kind_count; ++k) {
      const auto kind = static_cast<FlowKind>(k);
      if (!is_output(kind)) continue;
      const double rate = kind == FlowKind::freight_service ? taxes.freight_vat_rate : taxes.vat_rate;
      const std::int64_t sold = in_period(e, kind, true);
      const std::int64_t bought = in_period(e, kind, false);
      vat += rate * static_cast<double>(sold - bought);
      value_added += sold - (is_intermediate(kind) ? bought : 0);
    }
    const std::int64_t vat_due = add_fen(static_cast<std::int64_t>(std::llround(vat)), vat_credit_[e]);
    vat_credit_[e] = std::min<std::int64_t>(vat_due, 0);
    pay_tax(now, e, vat_due, taxes.vat_local_share);
    // Corporate income tax on an approximate profit: trucks bought are written off straight-line.
    const std::int64_t bought_trucks = in_period(e, FlowKind::truck_sale, false);
    if (bought_trucks > 0) purchases_by_year_[e].emplace_back(year, bought_trucks);
    double depreciation = 0.0;
    for (const auto& [bought_in, amount] : purchases_by_year_[e]) {
      if (year < bought_in + taxes.depreciation_years) {
        depreciation += static_cast<double>(amount) / static_cast<double>(taxes.depreciation_years);
      }
    }
    const double profit =
        static_cast<double>(value_added - in_period(e, FlowKind::crew, false) + in_period(e, FlowKind::subsidy, true)) -
        depreciation;
    pay_tax(now, e, std::llround(taxes.cit_rate * losses_[e].taxable(year, profit)), taxes.cit_local_share);
  }
  for (Rule& rule : rules_) settle(rule, now, true);
  emit_flows(now, year);
  // The next period starts.
  for (std::size_t e = 0; e < establishments_.size(); ++e) {
    for (std::size_t k = 0; k < flow_kind_count; ++k) {
      received_at_close_(e, k) = ledger_.received(e, static_cast<FlowKind>(k));
      paid_at_close_(e, k) = ledger_.paid(e, static_cast<FlowKind>(k));
    }
  }
}

void Value::close_month(engine::Time now) {
  const unsigned month =
      static_cast<unsigned>(chain_.sim.epoch().date_of(now - engine::Duration::from_ticks(1)).month());
  bool accrued = false;
  for (Rule& rule : rules_) {
    const SettlementPeriod period = rule.desc->settlement;
    if (period == SettlementPeriod::monthly || (period == SettlementPeriod::quarterly && month % 3 == 0)) {
      if (!accrued) accrue(now);  // the running accounts, up to the settlement
      accrued = true;
      settle(rule, now, false);
    }
  }
}

void Value::pay_tax(engine::Time now, std::size_t e, std::int64_t due, double local_share) {
  if (due <= 0) return;
  const std::int64_t local = share_of(due, local_share);
  post(now, FlowKind::tax, e, establishments_.government(*establishments_[e].region), local);
  post(now, FlowKind::tax, e, establishments_.central_government(), due - local);
  local_tax_paid_[e] += local;
}

void Value::emit_flows(engine::Time now, std::int64_t year) {
  std::vector<std::pair<std::uint64_t, std::int64_t>> moved;
  for (const auto& [key, total] : ledger_.flows()) {
    const auto before = flows_at_close_.find(key);
    const std::int64_t amount = total - (before == flows_at_close_.end() ? 0 : before->second);
    if (amount != 0) moved.emplace_back(key, amount);
  }
  std::sort(moved.begin(), moved.end());
  const std::size_t regions = establishments_.regions();
  for (const auto& [key, amount] : moved) {
    flows_at_close_[key] += amount;
    const std::uint64_t pair = key / flow_kind_count;
    chain_.emit(RegionMoneyFlow{now, year, static_cast<std::size_t>(pair / regions),
                                static_cast<std::size_t>(pair % regions),
                                static_cast<std::size_t>(key % flow_kind_count), cny_of(amount)});
  }
}

double Value::rule_base(const Rule& rule) const {
  const SharingRuleDesc& d = *rule.desc;
  double base = 0.0;
  for (std::size_t e = 0; e < establishments_.size(); ++e) {
    const Establishment& establishment = establishments_[e];
    if (!establishment.in_chain() || *establishment.region != rule.from ||
        !rule.kinds[static_cast<std::size_t>(establishment.kind)]) {
      continue;
    }
    const std::int64_t output = ledger_.output(e) - rule.output_at[e];
    const std::int64_t intermediate = ledger_.intermediate(e) - rule.intermediate_at[e];
    double part = d.type == SharingType::fiscal   ? static_cast<double>(local_tax_paid_[e] - rule.local_tax_at[e])
                  : d.base == SharingBase::output ? static_cast<double>(output)
                                                  : static_cast<double>(output - intermediate);
    if (d.scoped_to_output()) {
      // In proportion to the establishment's output in scope.
      if (output <= 0) continue;
      part *= static_cast<double>(rule.scoped_output[e]) / static_cast<double>(output);
    }
    base += part;
  }
  return base;
}

double Value::year_fraction(engine::Time now, std::int64_t year) const {
  using std::chrono::sys_days;
  const engine::Epoch& epoch = chain_.sim.epoch();
  const std::chrono::year y(static_cast<int>(year));
  const double year_hours =
      24.0 * static_cast<double>((sys_days((y + std::chrono::years(1)) / 1 / 1) - sys_days(y / 1 / 1)).count());
  const double from_h =
      std::max(0.0, 24.0 * static_cast<double>((sys_days(y / 1 / 1) - sys_days(epoch.date())).count()));
  return std::clamp((now.to_hours() - from_h) / year_hours, 0.0, 1.0);
}

void Value::settle(Rule& rule, engine::Time now, bool closes_year) {
  const SharingRuleDesc& d = *rule.desc;
  const std::int64_t year = static_cast<int>(chain_.sim.epoch().date_of(now - engine::Duration::from_ticks(1)).year());
  const std::int64_t start = d.start_year > 0 ? d.start_year : static_cast<int>(chain_.sim.epoch().date().year());
  const std::int64_t held = year - start;  // years the rule has held before this one
  double share = d.share;
  if (d.duration_years > 0 && held >= d.duration_years) {
    // After its duration a rule steps down, or ends when it has no step-down.
    share = d.step_down_per_year > 0.0
                ? std::max(0.0, d.share - d.step_down_per_year * static_cast<double>(held - d.duration_years + 1))
                : 0.0;
  }
  if (rule.year != year) {
    rule.year = year;
    rule.agreed_in_year = 0;
    rule.base_in_year = 0.0;
  }
  std::int64_t amount = 0;
  if (d.active && year >= start && share > 0.0) {
    rule.base_in_year += rule_base(rule);
    // What the year calls for so far: settling more often only moves it sooner.
    std::int64_t due = std::max<std::int64_t>(0, std::llround(share * rule.base_in_year));
    if (closes_year) due = std::max(due, share_of(fen_of(d.minimum_cny_per_year), year_fraction(now, year)));
    if (d.cap_cny > 0.0) due = std::min(due, fen_of(d.cap_cny) - (rule.agreed - rule.agreed_in_year));
    amount = due - rule.agreed_in_year;
    if (!closes_year) amount = std::max<std::int64_t>(0, amount);  // advances are taken back only at the year's end
  }
  // The next base starts now, whatever this one moved.
  for (std::size_t e = 0; e < establishments_.size(); ++e) {
    rule.output_at[e] = ledger_.output(e);
    rule.intermediate_at[e] = ledger_.intermediate(e);
    rule.local_tax_at[e] = local_tax_paid_[e];
  }
  std::fill(rule.scoped_output.begin(), rule.scoped_output.end(), 0);
  if (amount == 0) return;
  rule.agreed = add_fen(rule.agreed, amount);
  rule.agreed_in_year = add_fen(rule.agreed_in_year, amount);
  // A negative amount moves back what the year's advances moved too much.
  const std::size_t from = amount > 0 ? rule.from : rule.to;
  const std::size_t to = amount > 0 ? rule.to : rule.from;
  const std::int64_t moved = amount > 0 ? amount : -amount;
  if (d.type == SharingType::fiscal) {
    post(now, FlowKind::sharing_transfer, establishments_.government(from), establishments_.government(to), moved);
  } else if (chain_.desc.economics.statistics_sharing_honoured) {
    statistics_balance_[from] = add_fen(statistics_balance_[from], -moved);
    statistics_balance_[to] = add_fen(statistics_balance_[to], moved);
  } else {
    return;  // agreed, not settled
  }
  rule.settled = add_fen(rule.settled, amount);
}

std::int64_t Value::tax_collected(std::size_t region) const {
  return ledger_.received(establishments_.government(region), FlowKind::tax);
}

std::int64_t Value::tax_after_transfers(std::size_t region) const {
  const std::size_t government = establishments_.government(region);
  return tax_collected(region) + ledger_.received(government, FlowKind::sharing_transfer) -
         ledger_.paid(government, FlowKind::sharing_transfer);
}

void Value::check(Laws& laws) const {
  const std::size_t n = establishments_.size();
  std::int64_t balances = 0;
  std::int64_t by_establishment = 0;
  for (std::size_t e = 0; e < n; ++e) {
    balances += ledger_.balance(e);
    by_establishment += ledger_.value_added(e);
  }
  laws.equal(balances, 0, "money: every establishment's balance sums to zero (fen)");
  std::int64_t by_region = 0;
  for (std::size_t r = 0; r < establishments_.regions(); ++r) by_region += ledger_.value_added_of_region(r);
  laws.equal(by_establishment, by_region, "value-added: establishments' sum = regions' recorded sum (fen)");
  std::int64_t credited = 0;
  std::int64_t fiscal = 0;
  std::int64_t collected = 0;
  std::int64_t after_transfers = 0;
  for (std::size_t r = 0; r < establishments_.regions(); ++r) {
    credited += value_added_credited(r);
    const std::size_t government = establishments_.government(r);
    fiscal +=
        ledger_.received(government, FlowKind::sharing_transfer) - ledger_.paid(government, FlowKind::sharing_transfer);
    collected += tax_collected(r);
    after_transfers += tax_after_transfers(r);
  }
  laws.equal(credited, by_region, "value-added: credited in all regions = recorded in all (fen)");
  laws.equal(fiscal, 0, "sharing: fiscal transfers sum to zero over regions (fen)");
  laws.equal(after_transfers, collected, "tax: after transfers in all regions = collected in all (fen)");
  laws.equal(by_establishment, ledger_.final_sales() - ledger_.outside_inputs(),
             "value-added: the chain's = its final sales - its inputs from outside (fen)");

  // Money against the physical flows.
  std::int64_t truck_sales = 0;
  for (std::size_t t = 0; t < chain_.desc.truck_types.size(); ++t) {
    std::int64_t delivered = 0;
    for (std::size_t r = 0; r < chain_.desc.regions.size(); ++r) delivered += chain_.counts.region_delivered(r, t);
    truck_sales += times_fen(delivered, fen_of(chain_.desc.truck_types[t].price_cny));
  }
  laws.equal(ledger_.total(FlowKind::truck_sale), truck_sales, "money: truck sales = trucks delivered × price (fen)");
  // Each visit's and shipment's amount is rounded to the fen once: at most half a fen each.
  double revenue_cny = 0.0;
  std::int64_t visits = 0;
  for (std::size_t s = 0; s < chain_.operations.stations(); ++s) {
    revenue_cny += chain_.operations.station(s).revenue_cny();
    visits += chain_.operations.station(s).visits();
  }
  const std::int64_t energy_gap = ledger_.total(FlowKind::energy_sale) - fen_of(revenue_cny);
  laws.check(std::abs(energy_gap) <= visits / 2 + 1,
             "money: energy sales = stations' revenue, to half a fen a visit (fen)",
             ledger_.total(FlowKind::energy_sale), fen_of(revenue_cny));
  std::vector<std::int64_t> received(chain_.desc.suppliers.size(), 0);
  chain_.production.add_received(received);
  chain_.delivery.add_received(received);
  std::int64_t component_sales = 0;
  for (std::size_t s = 0; s < received.size(); ++s) {
    component_sales += times_fen(received[s], fen_of(chain_.desc.suppliers[s].unit_price_cny));
  }
  laws.equal(ledger_.total(FlowKind::component_sale), component_sales,
             "money: component sales = units received × unit price (fen)");
}

}  // namespace truckflow::models::detail
