// Establishments: who pays and who is paid. Every supplier, factory, upfitter, station, energy
// source and fleet operator (one per site) is in the chain and in a region; outside the chain each
// region has its customers (who pay for freight), households (crew), government (local taxes,
// subsidies) and rest of the economy (inputs the model does not make), and there is one central
// government (the central share of taxes). Internal to models/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "truckflow/models/description.hpp"
#include "truckflow/models/money_kinds.hpp"

namespace truckflow::models::detail {

struct Establishment {
  EstablishmentKind kind = EstablishmentKind::supplier;
  std::string id;  ///< "supplier/catl_yibin", "operator/panzhihua_mines", "government/chengdu", "central_government"
  std::optional<std::size_t> region;  ///< none for the central government
  /// In the chain: its value-added is the chain's (suppliers to fleet operators).
  bool in_chain() const noexcept { return kind <= EstablishmentKind::fleet_operator; }
};

class Establishments {
 public:
  /// From a checked description (every region an entity names exists).
  explicit Establishments(const ScenarioDesc& desc);

  std::size_t size() const noexcept { return all_.size(); }
  const Establishment& operator[](std::size_t i) const { return all_.at(i); }
  const std::vector<Establishment>& all() const noexcept { return all_; }
  std::size_t regions() const noexcept { return regions_; }

  // The index of each establishment, from its position in its scenario list (or its region).
  std::size_t supplier(std::size_t i) const { return first_[kind(EstablishmentKind::supplier)] + i; }
  std::size_t factory(std::size_t i) const { return first_[kind(EstablishmentKind::factory)] + i; }
  std::size_t upfitter(std::size_t i) const { return first_[kind(EstablishmentKind::upfitter)] + i; }
  std::size_t station(std::size_t i) const { return first_[kind(EstablishmentKind::station)] + i; }
  std::size_t energy_source(std::size_t i) const { return first_[kind(EstablishmentKind::energy_source)] + i; }
  std::size_t fleet_operator(std::size_t site) const { return first_[kind(EstablishmentKind::fleet_operator)] + site; }
  std::size_t customers(std::size_t region) const { return first_[kind(EstablishmentKind::customers)] + region; }
  std::size_t households(std::size_t region) const { return first_[kind(EstablishmentKind::households)] + region; }
  std::size_t government(std::size_t region) const { return first_[kind(EstablishmentKind::government)] + region; }
  std::size_t rest_of_economy(std::size_t region) const {
    return first_[kind(EstablishmentKind::rest_of_economy)] + region;
  }
  std::size_t central_government() const { return first_[kind(EstablishmentKind::central_government)]; }

 private:
  static constexpr std::size_t kind(EstablishmentKind k) noexcept { return static_cast<std::size_t>(k); }

  std::vector<Establishment> all_;
  std::size_t first_[establishment_kind_count] = {};
  std::size_t regions_ = 0;
};

}  // namespace truckflow::models::detail
