// AtomicFile and check_writable: a file appears under its name only when published, an
// unpublished one vanishes, and unwritable destinations are refused up front.
#include "truckflow/output/atomic_file.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

namespace truckflow::output {
namespace {

namespace fs = std::filesystem;

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = fs::temp_directory_path() /
              ("truckflow_atomic_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(folder_);
    fs::create_directories(folder_);
  }
  void TearDown() override { fs::remove_all(folder_); }
  static std::string read(const fs::path& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }
  fs::path folder_;
};

TEST_F(AtomicFileTest, PublishRenamesTheTemporaryFile) {
  const fs::path final_path = folder_ / "out.h5";
  {
    AtomicFile file(final_path.string());
    EXPECT_EQ(fs::path(file.temporary_path()).parent_path(), folder_) << "same folder, so the rename is atomic";
    std::ofstream(file.temporary_path()) << "complete";
    EXPECT_FALSE(fs::exists(final_path)) << "nothing under the final name before publishing";
    file.publish();
    EXPECT_FALSE(fs::exists(file.temporary_path()));
  }
  EXPECT_EQ(read(final_path), "complete");
}

TEST_F(AtomicFileTest, AnUnpublishedFileLeavesTheOldOneAlone) {
  const fs::path final_path = folder_ / "out.h5";
  std::ofstream(final_path) << "earlier results";
  std::string temporary;
  {
    AtomicFile file(final_path.string());
    temporary = file.temporary_path();
    std::ofstream(temporary) << "half written";
  }  // e.g. an exception while writing
  EXPECT_FALSE(fs::exists(temporary));
  EXPECT_EQ(read(final_path), "earlier results");
}

TEST_F(AtomicFileTest, PublishingOverAnExistingFileReplacesIt) {
  const fs::path final_path = folder_ / "out.h5";
  std::ofstream(final_path) << "old";
  AtomicFile file(final_path.string());
  std::ofstream(file.temporary_path()) << "new";
  file.publish();
  EXPECT_EQ(read(final_path), "new");
}

TEST_F(AtomicFileTest, UnwritableDestinationsAreRefused) {
  EXPECT_NO_THROW(check_writable((folder_ / "out.h5").string()));
  try {
    check_writable((folder_ / "missing" / "out.h5").string());
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()), "cannot write results to '" + (folder_ / "missing" / "out.h5").string() +
                                         "': the folder '" + (folder_ / "missing").string() + "' does not exist");
  }
  try {
    check_writable(folder_.string());
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()), "cannot write results to '" + folder_.string() + "': it is a folder");
  }
  EXPECT_THROW(check_writable(""), std::invalid_argument);
}

}  // namespace
}  // namespace truckflow::output
