// The checks every entity list gets from its registration (`entities` in a spec): unique ids and
// references that resolve. Internal to scenarios/.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "spec.hpp"

namespace truckflow::scenarios::detail {

/// The ids of the entity lists, read once every list is decoded.
class EntityIndex {
 public:
  /// Adds the ids of `list`, in order; a duplicate is reported at its `id` key, naming the first.
  void add(const EntityList& list, const std::vector<std::string>& ids, Context& context);
  /// Reports every reference in `context.references` whose id is not in its list (with
  /// did-you-mean). A reference to a list never added is a mistake in the spec: std::logic_error.
  void check_references(Context& context) const;

 private:
  struct Ids {
    const EntityList* list = nullptr;
    std::map<std::string, std::size_t, std::less<>> index;  // id -> position of its first item
    std::vector<std::string> ids;                           // unique, in order
  };
  std::map<std::string, Ids, std::less<>> lists_;
};

/// Checks every entity list `spec` registers, in `value`: unique ids, and the references
/// decoded into `context` resolving.
template <typename T>
void check_entities(const ObjectSpec<T>& spec, const T& value, Context& context) {
  EntityIndex index;
  for (const auto& [list, ids] : spec.entity_ids(value)) index.add(*list, ids, context);
  index.check_references(context);
}

}  // namespace truckflow::scenarios::detail
