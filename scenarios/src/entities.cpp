// Unique ids and references that resolve, for every registered entity list.
#include "entities.hpp"

#include <stdexcept>

namespace truckflow::scenarios::detail {

void EntityIndex::add(const EntityList& list, const std::vector<std::string>& ids, Context& context) {
  Ids& entry = lists_[list.key];
  entry.list = &list;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const std::string& id = ids[i];
    if (id.empty()) continue;  // already reported
    if (const auto it = entry.index.find(id); it != entry.index.end()) {
      const std::string first = item_path(list.key, it->second);
      const int line = context.where(child_path(first, "id")).line;
      context.error_at(child_path(item_path(list.key, i), "id"),
                       "duplicate " + list.noun + " id '" + id + "' (first at " + first +
                           (line > 0 ? ", line " + std::to_string(line) : "") + ")");
      continue;
    }
    entry.index.emplace(id, i);
    entry.ids.push_back(id);
  }
}

void EntityIndex::check_references(Context& context) const {
  for (const Reference& ref : context.references) {
    const auto found = lists_.find(ref.collection);
    if (found == lists_.end()) {
      throw std::logic_error("a key refers to the list '" + ref.collection +
                             "', which no `entities` key of the spec registers");
    }
    const Ids& c = found->second;
    if (c.index.count(ref.id) != 0) continue;
    if (c.ids.empty()) {
      context.error_at(ref.path,
                       "unknown " + c.list->noun + " '" + ref.id + "': the scenario has no " + ref.collection);
    } else {
      const std::string hint = did_you_mean(ref.id, c.ids);
      context.error_at(ref.path,
                       "unknown " + c.list->noun + " '" + ref.id + "'" +
                           (hint.empty() ? "; the " + ref.collection + " are " + quoted_list(c.ids, " and ") : hint));
    }
  }
}

}  // namespace truckflow::scenarios::detail
