// AtomicFile and check_writable: a file appears under its name only when published, an
// unpublished one vanishes, and unwritable destinations are refused up front.
#include "truckflow/output/atomic_file.hpp"

#include <sys/stat.h>

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

TEST_F(AtomicFileTest, AnExistingFileIsReplacedOnlyIfItHoldsResults) {
  const auto refusal = [](const fs::path& path) {
    try {
      check_writable(path.string());
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("(accepted)");
  };
  const std::string signature("\x89HDF\r\n\x1a\n", 8);
  std::ofstream(folder_ / "empty.h5").flush();
  std::ofstream(folder_ / "hdf5.h5", std::ios::binary) << signature << "rest of the file";
  std::ofstream(folder_ / "user_block.h5", std::ios::binary) << std::string(512, ' ') << signature << "rest";
  std::ofstream(folder_ / "scenario.yaml") << "name: my scenario\n";
  EXPECT_EQ(refusal(folder_ / "empty.h5"), "(accepted)") << "nothing to lose (e.g. made by mktemp)";
  EXPECT_EQ(refusal(folder_ / "hdf5.h5"), "(accepted)");
  EXPECT_EQ(refusal(folder_ / "user_block.h5"), "(accepted)") << "the signature after a 512-byte user block";
  EXPECT_EQ(refusal(folder_ / "scenario.yaml"), "will not write results to '" + (folder_ / "scenario.yaml").string() +
                                                    "': it exists and is not an HDF5 file (remove it or choose "
                                                    "another name)");
  ASSERT_EQ(::mkfifo((folder_ / "pipe").c_str(), 0600), 0);
  EXPECT_EQ(refusal(folder_ / "pipe"),
            "will not write results to '" + (folder_ / "pipe").string() + "': it exists and is not a regular file");
}

TEST_F(AtomicFileTest, AFailedWriteNamesTheResultsFileAndLeavesNothing) {
  const fs::path final_path = folder_ / "out.h5";
  std::string temporary;
  try {
    AtomicFile file(final_path.string());
    file.write_and_publish([&](const std::string& temporary_path) {
      temporary = temporary_path;
      std::ofstream(temporary_path) << "half";
      throw std::runtime_error("cannot write '" + temporary_path + "': No space left on device");
    });
    FAIL() << "the failure was swallowed";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "cannot write results to '" + final_path.string() + "': cannot write '" +
                                         temporary + "': No space left on device");
  }
  EXPECT_FALSE(fs::exists(final_path));
  EXPECT_FALSE(fs::exists(temporary)) << "the temporary file is removed";
}

TEST_F(AtomicFileTest, WriteAndPublishPublishes) {
  const fs::path final_path = folder_ / "out.h5";
  {
    AtomicFile file(final_path.string());
    file.write_and_publish([](const std::string& temporary_path) { std::ofstream(temporary_path) << "complete"; });
  }
  EXPECT_EQ(read(final_path), "complete");
  EXPECT_EQ(std::distance(fs::directory_iterator(folder_), fs::directory_iterator()), 1);
}

}  // namespace
}  // namespace truckflow::output
