// Every file in tests/scenarios/bad/ must give exactly the diagnostics listed for it in
// bad/expected_messages.txt: file:line:column, the key path, what was found and what was expected.
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <string>
#include <vector>

#include "truckflow/scenarios/loader.hpp"

namespace truckflow::scenarios {
namespace {

const std::string root = TRUCKFLOW_SOURCE_DIR;
const std::string bad_dir = root + "/tests/scenarios/bad/";

std::map<std::string, std::vector<std::string>> expected_messages() {
  std::map<std::string, std::vector<std::string>> expected;
  std::ifstream in(bad_dir + "expected_messages.txt");
  std::string line;
  std::string current;
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) {
      current = line.substr(3);
      expected[current];
    } else if (!current.empty() && !line.empty()) {
      for (std::size_t at = line.find("{root}"); at != std::string::npos; at = line.find("{root}")) {
        line.replace(at, 6, root);
      }
      expected[current].push_back(line);
    }
  }
  return expected;
}

std::vector<std::string> messages_for(const std::string& path) {
  try {
    (void)load_scenario(path);
  } catch (const ScenarioError& error) {
    std::vector<std::string> messages;
    for (const Diagnostic& d : error.diagnostics()) messages.push_back(to_string(d));
    return messages;
  }
  return {"(no error)"};
}

TEST(BadInputTest, EveryFileGivesItsExactMessages) {
  const auto expected = expected_messages();
  std::size_t checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(bad_dir)) {
    if (entry.path().extension() != ".yaml") continue;
    const std::string name = entry.path().filename().string();
    const auto it = expected.find(name);
    ASSERT_NE(it, expected.end()) << name << " has no entry in expected_messages.txt";
    EXPECT_EQ(messages_for(entry.path().string()), it->second) << name;
    ++checked;
  }
  EXPECT_EQ(checked, expected.size()) << "expected_messages.txt lists files that do not exist";
  EXPECT_GE(checked, 30U);
}

}  // namespace
}  // namespace truckflow::scenarios
