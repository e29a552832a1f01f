// Value: the money side of the chain. It posts every money flow to the ledger as it happens (sales
// of components, trucks, upfits and energy from the domain events; running costs and freight as
// they accrue) and settles VAT at each year's end, so that value-added is recorded where the
// establishments are and tax is collected where it is due, and settles the sharing rules. Internal
// to models/.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "truckflow/engine/time.hpp"
#include "truckflow/models/events.hpp"

#include "conservation.hpp"
#include "establishments.hpp"
#include "grid.hpp"
#include "ledger.hpp"
#include "losses_carried.hpp"

namespace truckflow::models::detail {

class Chain;

class Value {
 public:
  explicit Value(Chain& chain);
  Value(const Value&) = delete;
  Value& operator=(const Value&) = delete;

  const Establishments& establishments() const noexcept { return establishments_; }
  const Ledger& ledger() const noexcept { return ledger_; }

  /// Whether each posting is emitted as a MoneyPosted event.
  void emit_postings(bool on) noexcept { emit_postings_ = on; }
  /// Posts the money flow an event carries, if any.
  void on_event(const DomainEvent& event);
  /// Posts the running costs (maintenance, crew, insurance) and the freight each site's trucks
  /// have accrued since the last call: each total is rounded to the fen once, and the difference
  /// from what was posted is posted, so no rounding accumulates.
  void accrue(engine::Time now);
  /// Ends a tax year (or the run): accrues, then each establishment pays the VAT on what it sold
  /// less what it bought in the year (a credit carries over to the next) and corporate income tax
  /// on its profit (value-added less wages and depreciation, plus subsidies, less losses carried
  /// forward), its region's government keeping the local shares and the central government the
  /// rest; then every sharing rule settles, and the year's money between regions is emitted
  /// (RegionMoneyFlow).
  void close_year(engine::Time now);
  /// Ends a calendar month that does not end the year: the rules settled monthly, and quarterly at
  /// a quarter's end, settle.
  void close_month(engine::Time now);

  /// Local tax collected by `region`'s government.
  std::int64_t tax_collected(std::size_t region) const;
  /// Local tax after fiscal sharing transfers between governments.
  std::int64_t tax_after_transfers(std::size_t region) const;
  /// Recorded value-added after settled statistics sharing.
  std::int64_t value_added_credited(std::size_t region) const {
    return ledger_.value_added_of_region(region) + statistics_balance_.at(region);
  }
  /// What each sharing rule called for, and what it moved, to now.
  std::int64_t sharing_agreed(std::size_t rule) const { return rules_.at(rule).agreed; }
  std::int64_t sharing_settled(std::size_t rule) const { return rules_.at(rule).settled; }

  /// The value laws: money balances, value-added adds up, and money matches the physical flows.
  void check(Laws& laws) const;

 private:
  /// A sharing rule's state: its scope, its base since it last settled, and its totals.
  struct Rule {
    const SharingRuleDesc* desc = nullptr;
    std::size_t from = 0, to = 0;  // regions
    std::vector<bool> kinds;       // [establishment kind]: in scope
    std::vector<bool> flows;       // [flow kind]: in scope
    std::vector<bool> types;       // [truck type]: in scope
    bool trucks_scoped = false;    // the scope names truck types or where they work
    std::optional<std::size_t> deployed_in;
    std::vector<std::int64_t> scoped_output;  // [establishment], since the rule last settled
    // [establishment]: its output, intermediate consumption and local tax when the rule last settled
    std::vector<std::int64_t> output_at, intermediate_at, local_tax_at;
    std::int64_t agreed = 0, settled = 0;  // to now
    std::int64_t year = 0, agreed_in_year = 0;
    double base_in_year = 0.0;  // the base since the year began (fen)
  };

  /// Posts to the ledger, and counts the payee's output in the scope of each rule it falls in.
  void post(engine::Time at, FlowKind kind, std::size_t payer, std::size_t payee, std::int64_t amount_fen,
            std::optional<std::size_t> truck_type = std::nullopt,
            std::optional<std::size_t> deployed_in = std::nullopt);
  /// Posts `total_fen` less what `posted` holds, and remembers the total.
  void post_accrued(engine::Time at, FlowKind kind, std::size_t payer, std::size_t payee, std::int64_t total_fen,
                    std::int64_t& posted, std::size_t truck_type, std::size_t deployed_in);
  /// Settles `rule`: a settlement within a year advances the rule's share of the year's base so far
  /// (never less than what has moved); the year's last (`closes_year`) settles the year: its share
  /// of the year's base, at least the guarantee, at most what the cap leaves, less what has moved
  /// (which can move money back).
  void settle(Rule& rule, engine::Time now, bool closes_year);
  /// Posts a tax of `due` fen from establishment `e`: the local share to its region's government,
  /// the rest to the central government; adds the local share to what `e` has paid locally.
  void pay_tax(engine::Time now, std::size_t e, std::int64_t due, double local_share);
  /// Emits the money between regions since the last year's end, one event per pair and kind.
  void emit_flows(engine::Time now, std::int64_t year);
  /// The share of calendar year `year` the run has covered by `now` (less than 1 in a first or
  /// last year the run only partly covers): a yearly minimum is prorated by it.
  double year_fraction(engine::Time now, std::int64_t year) const;
  /// What `rule` shares since it last settled, before its share: value-added, output or local tax
  /// in scope.
  double rule_base(const Rule& rule) const;
  /// A seller's purchase from the rest of the economy: the part of `sale_fen` that is not its own
  /// value-added.
  void post_inputs(engine::Time at, std::size_t seller, std::size_t region, std::int64_t sale_fen,
                   double value_added_share);

  Chain& chain_;
  Establishments establishments_;
  Ledger ledger_;
  // What the running accounts have posted so far, [site, truck type].
  Grid<std::int64_t> maintenance_posted_, freight_posted_, crew_posted_, insurance_posted_;
  // VAT: each establishment's sales and purchases at the last year's end, and credits carried.
  Grid<std::int64_t> received_at_close_, paid_at_close_;  // [establishment, kind]
  std::vector<std::int64_t> vat_credit_;                  // [establishment], at most 0
  // Trucks each establishment bought, by year, written off over the scenario's depreciation years.
  std::vector<std::vector<std::pair<std::int64_t, std::int64_t>>> purchases_by_year_;  // [establishment]
  std::vector<LossesCarried> losses_;             // [establishment], for income tax
  std::vector<std::int64_t> local_tax_paid_;      // [establishment], to now
  std::vector<Rule> rules_;                       // [sharing rule]
  std::vector<std::int64_t> statistics_balance_;  // [region]: value-added credited in less credited out
  std::unordered_map<std::uint64_t, std::int64_t> flows_at_close_;  // Ledger::flows() at the last year's end
  bool emit_postings_ = false;
};

}  // namespace truckflow::models::detail
