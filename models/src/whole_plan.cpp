// assign_whole_plan: every plan line to one truck type.
#include "truckflow/models/whole_plan.hpp"

#include <algorithm>

namespace truckflow::models {

namespace {

bool builds(const ScenarioDesc& s, const std::string& factory, const std::string& truck_type) {
  const auto it = std::find_if(s.factories.begin(), s.factories.end(), [&](const auto& f) { return f.id == factory; });
  return it != s.factories.end() &&
         std::find(it->truck_types.begin(), it->truck_types.end(), truck_type) != it->truck_types.end();
}

}  // namespace

WholePlan assign_whole_plan(const ScenarioDesc& base, const std::string& truck_type, std::int64_t max_line_trucks) {
  WholePlan out{base, {}};
  for (std::size_t s = 0; s < out.description.sites.size(); ++s) {
    SiteDesc& site = out.description.sites[s];
    for (const bool targets : {false, true}) {
      const std::string plan = targets ? "target_fleet" : "deployment";
      std::vector<PlanLineDesc>& lines = targets ? site.target_fleet : site.deployment;
      std::vector<PlanLineDesc> assigned;
      for (std::size_t l = 0; l < lines.size(); ++l) {
        PlanLineDesc line = lines[l];
        const std::string path = "sites[" + std::to_string(s) + "]." + plan + "[" + std::to_string(l) + "]";
        line.truck_type = truck_type;
        if (!line.factory.empty() && !builds(base, line.factory, truck_type)) {
          out.notes.push_back({path + ".factory",
                               "'" + line.factory + "' does not build '" + truck_type +
                                   "'; in this comparison the nearest factory that does takes these orders",
                               false, "plan_factory_reassigned"});
          line.factory.clear();
        }
        // Targets for the same year become one target: their sum.
        const auto same_year = std::find_if(assigned.begin(), assigned.end(),
                                            [&](const PlanLineDesc& other) { return other.year == line.year; });
        if (!targets || same_year == assigned.end()) {
          assigned.push_back(line);
          continue;
        }
        const std::int64_t total = same_year->trucks + line.trucks;  // each at most max_line_trucks
        if (total > max_line_trucks) {
          out.notes.push_back({path + ".trucks",
                               "in this comparison the " + plan + " lines of " + std::to_string(line.year) +
                                   " become one target of " + std::to_string(total) + " trucks (" +
                                   std::to_string(same_year->trucks) + " from the earlier lines of that year and " +
                                   std::to_string(line.trucks) + " here), over the limit of " +
                                   std::to_string(max_line_trucks) + " trucks for a plan line",
                               true, ""});
          continue;
        }
        same_year->trucks = total;
        // Summed lines from different factories: the nearest builds them.
        if (same_year->factory != line.factory) same_year->factory.clear();
      }
      lines = std::move(assigned);
    }
  }
  return out;
}

}  // namespace truckflow::models
