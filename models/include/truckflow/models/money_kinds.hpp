// The kinds of establishment and of money flow the value layer books, public because the scenario's
// sharing rules name them in their scope.
#pragma once

#include <cstddef>
#include <cstdint>

namespace truckflow::models {

enum class EstablishmentKind : std::uint8_t {
  supplier,
  factory,
  upfitter,
  station,
  energy_source,
  fleet_operator,
  customers,
  households,
  government,
  rest_of_economy,
  central_government,
};
inline constexpr std::size_t establishment_kind_count = 11;
const char* to_string(EstablishmentKind kind);

enum class FlowKind : std::uint8_t {
  component_sale,    ///< supplier to factory or upfitter
  truck_sale,        ///< factory to fleet operator (the operator's investment, not an input)
  upfit,             ///< upfitter to factory: a body fitted
  energy_purchase,   ///< a station buying energy: from an energy source, or from the grid
  energy_sale,       ///< a station selling energy to a fleet operator
  freight_service,   ///< customers paying a fleet operator for tonne-km moved
  maintenance,       ///< a fleet operator paying for upkeep
  inputs,            ///< goods and services bought from the rest of the economy (insurance, materials)
  crew,              ///< a fleet operator's wages, paid to households
  subsidy,           ///< a government paying a subsidy
  tax,               ///< an establishment paying tax, to its region's government and the central one
  sharing_transfer,  ///< a settlement of a sharing rule, between governments
};
inline constexpr std::size_t flow_kind_count = 12;
const char* to_string(FlowKind kind);

}  // namespace truckflow::models
