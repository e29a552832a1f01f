// The names of the kinds of establishment and of money flow, as the results and the scenario spell them.
#include "truckflow/models/money_kinds.hpp"

namespace truckflow::models {

const char* to_string(EstablishmentKind kind) {
  switch (kind) {
    case EstablishmentKind::supplier:
      return "supplier";
    case EstablishmentKind::factory:
      return "factory";
    case EstablishmentKind::upfitter:
      return "upfitter";
    case EstablishmentKind::station:
      return "station";
    case EstablishmentKind::energy_source:
      return "energy_source";
    case EstablishmentKind::fleet_operator:
      return "fleet_operator";
    case EstablishmentKind::customers:
      return "customers";
    case EstablishmentKind::households:
      return "households";
    case EstablishmentKind::government:
      return "government";
    case EstablishmentKind::rest_of_economy:
      return "rest_of_economy";
    case EstablishmentKind::central_government:
      return "central_government";
  }
  return "?";
}

const char* to_string(FlowKind kind) {
  switch (kind) {
    case FlowKind::component_sale:
      return "component_sale";
    case FlowKind::truck_sale:
      return "truck_sale";
    case FlowKind::upfit:
      return "upfit";
    case FlowKind::energy_purchase:
      return "energy_purchase";
    case FlowKind::energy_sale:
      return "energy_sale";
    case FlowKind::freight_service:
      return "freight_service";
    case FlowKind::maintenance:
      return "maintenance";
    case FlowKind::inputs:
      return "inputs";
    case FlowKind::crew:
      return "crew";
    case FlowKind::subsidy:
      return "subsidy";
    case FlowKind::tax:
      return "tax";
    case FlowKind::sharing_transfer:
      return "sharing_transfer";
  }
  return "?";
}

}  // namespace truckflow::models
