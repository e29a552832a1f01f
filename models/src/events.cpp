// Names of the domain events' enumerations, and the time of any event.
#include "truckflow/models/events.hpp"

namespace truckflow::models {

const char* to_string(TruckStage stage) {
  switch (stage) {
    case TruckStage::order_processing:
      return "order_processing";
    case TruckStage::awaiting_components:
      return "awaiting_components";
    case TruckStage::awaiting_line:
      return "awaiting_line";
    case TruckStage::in_assembly:
      return "in_assembly";
    case TruckStage::to_upfitter:
      return "to_upfitter";
    case TruckStage::at_upfitter:
      return "at_upfitter";
    case TruckStage::to_site:
      return "to_site";
    case TruckStage::delivered:
      return "delivered";
  }
  return "?";
}

const char* to_string(TruckService service) {
  switch (service) {
    case TruckService::on_order:
      return "on_order";
    case TruckService::in_service:
      return "in_service";
    case TruckService::retired:
      return "retired";
  }
  return "?";
}

const char* to_string(TruckActivity activity) {
  switch (activity) {
    case TruckActivity::idle:
      return "idle";
    case TruckActivity::off_shift:
      return "off_shift";
    case TruckActivity::working:
      return "working";
    case TruckActivity::queueing:
      return "queueing";
    case TruckActivity::refuelling:
      return "refuelling";
    case TruckActivity::broken:
      return "broken";
    case TruckActivity::stranded:
      return "stranded";
  }
  return "?";
}

engine::Time time_of(const DomainEvent& event) {
  return std::visit([](const auto& e) { return e.at; }, event);
}

}  // namespace truckflow::models
