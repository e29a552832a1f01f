// Ledger: every money flow of a run as a posting from a payer to a payee establishment, in integer
// fen, with the accounts kept as postings arrive: what each establishment received and paid by
// kind of flow, its output, intermediate consumption and value-added (the production approach),
// each region's recorded value-added, and the money between regions by kind. Internal to models/.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "truckflow/engine/time.hpp"

#include "establishments.hpp"
#include "grid.hpp"

namespace truckflow::models::detail {

/// Sales of goods and services: the payee's output when it is in the chain.
bool is_output(FlowKind kind) noexcept;
/// Goods and services used up in production: the payer's intermediate consumption when it is in
/// the chain (a truck bought is investment; wages, taxes, subsidies and transfers are not inputs).
bool is_intermediate(FlowKind kind) noexcept;

struct Posting {
  engine::Time at;
  FlowKind kind = FlowKind::component_sale;
  std::size_t payer = 0;  ///< an establishment
  std::size_t payee = 0;
  std::int64_t amount_fen = 0;  ///< at least 0
  std::optional<std::size_t> truck_type;
  std::optional<std::size_t> deployed_in;  ///< the region where the truck it is for works, if any
};

class Ledger {
 public:
  explicit Ledger(const Establishments& establishments);

  /// Records `posting`: the payer's account pays, the payee's receives the same amount. A zero
  /// amount is not a posting. Throws std::invalid_argument for a negative amount, an unknown
  /// establishment or a payer paying itself, and std::overflow_error past the largest total.
  void post(const Posting& posting);

  std::uint64_t postings() const noexcept { return postings_; }
  std::int64_t received(std::size_t establishment, FlowKind kind) const {
    return received_(establishment, index(kind));
  }
  std::int64_t paid(std::size_t establishment, FlowKind kind) const { return paid_(establishment, index(kind)); }
  /// Received less paid, over every kind: the balances of all establishments sum to zero.
  std::int64_t balance(std::size_t establishment) const;
  /// Sales of goods and services (0 outside the chain).
  std::int64_t output(std::size_t establishment) const;
  /// Goods and services bought and used up (0 outside the chain).
  std::int64_t intermediate(std::size_t establishment) const;
  std::int64_t value_added(std::size_t establishment) const {
    return output(establishment) - intermediate(establishment);
  }
  /// Recorded value-added of the establishments in `region`, kept as postings arrive.
  std::int64_t value_added_of_region(std::size_t region) const { return region_value_added_.at(region); }
  /// Money from establishments in `payer_region` to those in `payee_region` (the central
  /// government is in no region, and its flows are in none of these).
  std::int64_t flow(std::size_t payer_region, std::size_t payee_region, FlowKind kind) const;
  /// The money between regions, keyed by flow_key(), with only the pairs and kinds that had any.
  const std::unordered_map<std::uint64_t, std::int64_t>& flows() const noexcept { return flows_; }
  std::uint64_t flow_key(std::size_t payer_region, std::size_t payee_region, FlowKind kind) const noexcept {
    return (static_cast<std::uint64_t>(payer_region) * establishments_.regions() + payee_region) * flow_kind_count +
           index(kind);
  }
  /// Every posting of `kind`.
  std::int64_t total(FlowKind kind) const { return totals_[index(kind)]; }
  /// The chain's final sales: output sold to buyers outside the chain, and trucks (investment).
  std::int64_t final_sales() const noexcept { return final_sales_; }
  /// Goods and services the chain bought from outside it and used up.
  std::int64_t outside_inputs() const noexcept { return outside_inputs_; }

  const Establishments& establishments() const noexcept { return establishments_; }

 private:
  static constexpr std::size_t index(FlowKind kind) noexcept { return static_cast<std::size_t>(kind); }

  const Establishments& establishments_;
  std::uint64_t postings_ = 0;
  Grid<std::int64_t> received_, paid_;                     // [establishment, kind]
  std::vector<std::int64_t> region_value_added_;           // [region]
  std::unordered_map<std::uint64_t, std::int64_t> flows_;  // by flow_key: sparse, as regions can be many
  std::array<std::int64_t, flow_kind_count> totals_{};
  std::int64_t final_sales_ = 0;
  std::int64_t outside_inputs_ = 0;
};

}  // namespace truckflow::models::detail
