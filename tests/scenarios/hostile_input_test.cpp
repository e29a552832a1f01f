// Input a careless or hostile user could write: alias bombs, deep nesting, huge files, binary
// garbage, things that are not files. Each gives a clear ScenarioError, never a crash or a hang.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>
#include <string>

#include "truckflow/scenarios/loader.hpp"

namespace truckflow::scenarios {
namespace {

class HostileInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("truckflow_hostile_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& content) {
    const auto path = dir_ / name;
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
  }

  /// The single message of the ScenarioError `path` gives.
  static std::string message_for(const std::string& path) {
    try {
      (void)load_scenario(path);
    } catch (const ScenarioError& error) {
      EXPECT_EQ(error.diagnostics().size(), 1U) << error.what();
      return error.diagnostics().front().message;
    }
    return "(no error)";
  }

  std::filesystem::path dir_;
};

TEST_F(HostileInputTest, BillionLaughs) {
  std::string text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < 10; ++i) {
    // Built with append: GCC 12 at -O3 gives a false -Wrestrict warning (a known GCC 12 bug) for
    // "literal" + std::to_string(...), which inserts the literal in front of a temporary.
    const std::string anchor = std::string("a").append(std::to_string(i));
    const std::string previous = std::string("*a").append(std::to_string(i - 1));
    text.append(anchor).append(": &").append(anchor).append(" [");
    for (int j = 0; j < 9; ++j) text.append(j ? ", " : "").append(previous);
    text += "]\n";
  }
  EXPECT_EQ(message_for(write("bomb.yaml", text)),
            "the scenario's inputs have more than 1000000 nodes once aliases are expanded (an alias bomb?)");
}

// yaml-cpp 0.7 loops on some broken flow collections, emitting empty nodes at one place forever
// (found by the scenario loader's fuzz target; it once took all memory, then with the node budget
// took seconds under the sanitizers). Nodes are counted as they are parsed, and thousands at one
// place end the parse at once.
TEST_F(HostileInputTest, AParseThatWouldNeverEndStopsAtOnce) {
  EXPECT_EQ(message_for(write("loop.yaml", ",2? ? [a,2? [: 1=i")),
            "the YAML parser stopped reading here and keeps producing empty values (broken YAML, such as an unclosed "
            "flow list with '?' marks); check the brackets and the '?' near the end of the file");
}

// An empty key (": 3") is not a key named "": it is refused as a key that is not text.
TEST_F(HostileInputTest, AnEmptyKeyIsRefused) {
  EXPECT_EQ(message_for(write("empty_key.yaml", "name: x\n: 3\n")), "keys must be plain text, found nothing");
}

/// YAML whose `key` expands (through an alias) to about `thousands` thousand nodes.
std::string many_nodes(const std::string& key, int thousands) {
  std::string text = key + "_a: &" + key + " [";
  for (int i = 0; i < 1000; ++i) text += i ? ",x" : "x";
  text += "]\n" + key + ": [";
  for (int i = 0; i < thousands; ++i) text += std::string(i ? "," : "") + "*" + key;
  return text + "]\n";
}

TEST_F(HostileInputTest, TheNodeBudgetIsSharedByEveryFileOfAnExtendsChain) {
  try {
    (void)load_scenario(write("half.yaml", many_nodes("a", 600)));
    FAIL();
  } catch (const ScenarioError& error) {
    EXPECT_EQ(error.diagnostics().front().message.rfind("unknown key 'a_a'", 0), 0U)
        << "600,000 nodes in one file are within the budget: " << error.what();
  }
  write("base.yaml", many_nodes("a", 600));
  const std::string top = write("top.yaml", "extends: base.yaml\n" + many_nodes("b", 600));
  try {
    (void)load_scenario(top);
    FAIL();
  } catch (const ScenarioError& error) {
    EXPECT_EQ(error.diagnostics().front().message,
              "the scenario's inputs have more than 1000000 nodes once aliases are expanded (an alias bomb?)");
  }
}

TEST_F(HostileInputTest, ColumnsCountCharactersNotBytes) {
  const std::string path = write("chinese.yaml", "name: {zh: 成都成都, zh: 2}\n");
  try {
    (void)load_scenario(path);
    FAIL();
  } catch (const ScenarioError& error) {
    EXPECT_EQ(to_string(error.diagnostics().front()), path + ":1:18: error: duplicate key 'zh' (first at line 1)")
        << "the second zh is the 18th character (the 26th byte)";
  }
}

TEST_F(HostileInputTest, TextThatIsNotUtf8) {
  const auto diagnostic_for = [this](const std::string& bytes) {
    try {
      (void)load_scenario(write("latin1.yaml", bytes));
    } catch (const ScenarioError& error) {
      return to_string(error.diagnostics().front());
    }
    return std::string("(no error)");
  };
  const std::string file = (dir_ / "latin1.yaml").string();
  EXPECT_EQ(diagnostic_for("name: x\ndescription: caf\xE9\n"),
            file + ":2:17: error: the text is not UTF-8 (byte 0xE9); save the file as UTF-8");
  EXPECT_EQ(diagnostic_for("name: \xE6\x88\x90\xE9\x83\xBD \xC0\xAF\n"),
            file + ":1:10: error: the text is not UTF-8 (byte 0xC0); save the file as UTF-8")
      << "an overlong '/' after two Chinese characters (columns count characters)";
  EXPECT_NE(diagnostic_for("name: \xED\xA0\x80\n").find("not UTF-8 (byte 0xED)"), std::string::npos) << "a surrogate";
  EXPECT_NE(diagnostic_for("name: \xF4\x90\x80\x80\n").find("not UTF-8 (byte 0xF4)"), std::string::npos)
      << "above U+10FFFF";
  EXPECT_EQ(diagnostic_for("name: \xE6\x88\x90\xE9\x83\xBD\n").find("UTF-8"), std::string::npos) << "valid Chinese";
  try {
    (void)load_scenario(std::string(TRUCKFLOW_SOURCE_DIR) + "/scenarios/tiny/two_regions.yaml",
                        {.overrides = {"name=caf\xE9"}});
    FAIL();
  } catch (const ScenarioError& error) {
    EXPECT_EQ(to_string(error.diagnostics().front()),
              "--set name=caf\xE9:1:4: error: the text is not UTF-8 (byte 0xE9); save the file as UTF-8");
  }
}

TEST_F(HostileInputTest, DeepFlowNesting) {
  const std::string path = write("deep.yaml", "name: " + std::string(100'000, '[') + std::string(100'000, ']') + "\n");
  EXPECT_EQ(message_for(path), "nesting deeper than 64 levels");
}

TEST_F(HostileInputTest, DeepBlockNesting) {
  std::string text;
  for (int i = 0; i < 100; ++i) text += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
  EXPECT_EQ(message_for(write("deep_block.yaml", text)), "nesting deeper than 64 levels");
}

TEST_F(HostileInputTest, HugeFile) {
  const std::string path = write("huge.yaml", "name: x\n# " + std::string(9 * 1024 * 1024, 'x') + "\n");
  EXPECT_EQ(message_for(path).rfind("the file is 94371", 0), 0U) << message_for(path);
}

TEST_F(HostileInputTest, LongValue) {
  EXPECT_EQ(message_for(write("long.yaml", "name: " + std::string(100'000, 'x') + "\n")),
            "a value longer than 65536 bytes");
}

TEST_F(HostileInputTest, BinaryGarbage) {
  std::string bytes;
  for (int i = 0; i < 4096; ++i) bytes += static_cast<char>((i * 7919) % 256);
  const std::string message = message_for(write("garbage.yaml", bytes));
  EXPECT_NE(message, "(no error)");
}

TEST_F(HostileInputTest, LineEndingsOfEveryKind) {
  std::ifstream in(std::string(TRUCKFLOW_SOURCE_DIR) + "/scenarios/tiny/two_regions.yaml", std::ios::binary);
  const std::string lf((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string cr_lf;
  std::string cr = lf;
  for (const char c : lf) cr_lf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  std::replace(cr.begin(), cr.end(), '\n', '\r');
  EXPECT_EQ(load_scenario(write("lf.yaml", lf)).resolved_yaml, load_scenario(write("cr_lf.yaml", cr_lf)).resolved_yaml);
  EXPECT_EQ(load_scenario(write("lf.yaml", lf)).resolved_yaml, load_scenario(write("cr.yaml", cr)).resolved_yaml)
      << "CR alone (old Mac files) breaks lines too, as YAML says";
  const std::string path = write("cr_error.yaml", "# a comment\rname: x\rsimulation: {horizon_years: 0}\r");
  try {
    (void)load_scenario(path);
    FAIL();
  } catch (const ScenarioError& error) {
    EXPECT_EQ(to_string(error.diagnostics().back()),
              path + ":3:29: error: simulation.horizon_years: expected a whole number from 1 to 100, found 0")
        << "lines counted at each CR: " << error.what();
  }
}

TEST_F(HostileInputTest, NotAFile) {
  EXPECT_EQ(message_for(dir_.string()), "cannot read it: not a regular file");
  EXPECT_EQ(message_for((dir_ / "missing.yaml").string()), "cannot open the file: it does not exist");
}

TEST_F(HostileInputTest, ExtendsItself) {
  const std::string path = write("self.yaml", "extends: self.yaml\nname: me\n");
  try {
    (void)load_scenario(path);
    FAIL();
  } catch (const ScenarioError& error) {
    EXPECT_EQ(error.diagnostics().front().message, "extends cycle: self.yaml -> self.yaml");
  }
}

}  // namespace
}  // namespace truckflow::scenarios
