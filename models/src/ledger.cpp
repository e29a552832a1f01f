// Ledger: postings and the accounts they keep.
#include "ledger.hpp"

#include <stdexcept>
#include <string>

#include "money.hpp"

namespace truckflow::models::detail {

bool is_output(FlowKind kind) noexcept {
  switch (kind) {
    case FlowKind::component_sale:
    case FlowKind::truck_sale:
    case FlowKind::upfit:
    case FlowKind::energy_purchase:
    case FlowKind::energy_sale:
    case FlowKind::freight_service:
    case FlowKind::maintenance:
    case FlowKind::inputs:
      return true;
    default:
      return false;
  }
}

bool is_intermediate(FlowKind kind) noexcept { return is_output(kind) && kind != FlowKind::truck_sale; }

Ledger::Ledger(const Establishments& establishments)
    : establishments_(establishments),
      received_(establishments.size(), flow_kind_count),
      paid_(establishments.size(), flow_kind_count),
      region_value_added_(establishments.regions(), 0) {}

void Ledger::post(const Posting& p) {
  if (p.amount_fen < 0) throw std::invalid_argument("a posting's amount is negative: " + std::to_string(p.amount_fen));
  if (p.payer >= establishments_.size() || p.payee >= establishments_.size() || p.payer == p.payee) {
    throw std::invalid_argument("a posting needs two different establishments");
  }
  if (p.amount_fen == 0) return;
  const std::size_t k = index(p.kind);
  const Establishment& payer = establishments_[p.payer];
  const Establishment& payee = establishments_[p.payee];
  // Every sum is checked before any changes, so a failed posting leaves the accounts as they were.
  const std::int64_t paid = add_fen(paid_(p.payer, k), p.amount_fen);
  const std::int64_t received = add_fen(received_(p.payee, k), p.amount_fen);
  const std::int64_t total = add_fen(totals_[k], p.amount_fen);
  // Recorded value-added: the payee's output, the payer's input (the same region's total, when
  // both are in it, changes by both).
  const bool payee_output = payee.in_chain() && is_output(p.kind);
  const bool payer_input = payer.in_chain() && is_intermediate(p.kind);
  std::int64_t payee_value_added = 0;
  std::int64_t payer_value_added = 0;
  if (payee_output) payee_value_added = add_fen(region_value_added_[*payee.region], p.amount_fen);
  if (payer_input) {
    const bool same = payee_output && *payee.region == *payer.region;
    payer_value_added = add_fen(same ? payee_value_added : region_value_added_[*payer.region], -p.amount_fen);
  }
  const bool final_sale = payee_output && (!payer.in_chain() || !is_intermediate(p.kind));
  const bool outside_input = payer_input && !payee.in_chain();
  const std::int64_t final_sales = final_sale ? add_fen(final_sales_, p.amount_fen) : final_sales_;
  const std::int64_t outside_inputs = outside_input ? add_fen(outside_inputs_, p.amount_fen) : outside_inputs_;
  const bool between_regions = payer.region && payee.region;
  // (A new pair's entry is made before any account changes: making it is what can fail.)
  const auto cell =
      between_regions ? flows_.try_emplace(flow_key(*payer.region, *payee.region, p.kind), 0).first : flows_.end();
  const std::int64_t flow = between_regions ? add_fen(cell->second, p.amount_fen) : 0;

  paid_(p.payer, k) = paid;
  received_(p.payee, k) = received;
  totals_[k] = total;
  if (payee_output) region_value_added_[*payee.region] = payee_value_added;
  if (payer_input) region_value_added_[*payer.region] = payer_value_added;
  if (between_regions) cell->second = flow;
  final_sales_ = final_sales;
  outside_inputs_ = outside_inputs;
  ++postings_;
}

std::int64_t Ledger::flow(std::size_t payer_region, std::size_t payee_region, FlowKind kind) const {
  const auto found = flows_.find(flow_key(payer_region, payee_region, kind));
  return found == flows_.end() ? 0 : found->second;
}

std::int64_t Ledger::balance(std::size_t e) const {
  std::int64_t sum = 0;
  for (std::size_t k = 0; k < flow_kind_count; ++k) sum += received_(e, k) - paid_(e, k);
  return sum;
}

std::int64_t Ledger::output(std::size_t e) const {
  if (!establishments_[e].in_chain()) return 0;
  std::int64_t sum = 0;
  for (std::size_t k = 0; k < flow_kind_count; ++k) {
    if (is_output(static_cast<FlowKind>(k))) sum += received_(e, k);
  }
  return sum;
}

std::int64_t Ledger::intermediate(std::size_t e) const {
  if (!establishments_[e].in_chain()) return 0;
  std::int64_t sum = 0;
  for (std::size_t k = 0; k < flow_kind_count; ++k) {
    if (is_intermediate(static_cast<FlowKind>(k))) sum += paid_(e, k);
  }
  return sum;
}

}  // namespace truckflow::models::detail
