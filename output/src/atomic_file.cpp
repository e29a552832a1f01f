// AtomicFile: temporary name, fsync, rename, fsync of the folder.
#include "truckflow/output/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string_view>

namespace truckflow::output {

namespace {

std::string folder_of(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

void fsync_path(const std::string& path, int flags, const char* what) {
  const int fd = ::open(path.c_str(), flags);
  if (fd < 0) throw std::runtime_error(std::string("cannot open ") + what + " '" + path + "': " + std::strerror(errno));
  const int result = ::fsync(fd);
  const int saved = errno;
  ::close(fd);
  if (result != 0)
    throw std::runtime_error(std::string("cannot flush ") + what + " '" + path + "': " + std::strerror(saved));
}

/// True if the file starts with the HDF5 signature (at 0, or at 512, 1024, 2048... after a user
/// block, as the HDF5 format allows).
bool has_hdf5_signature(const std::string& path) {
  constexpr std::string_view signature("\x89HDF\r\n\x1a\n", 8);
  std::ifstream file(path, std::ios::binary);
  std::error_code error;
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  if (!file || error) return false;
  for (std::uintmax_t offset = 0; offset + signature.size() <= size; offset = offset == 0 ? 512 : offset * 2) {
    std::string head(signature.size(), '\0');
    if (!file.seekg(static_cast<std::streamoff>(offset)) ||
        !file.read(head.data(), static_cast<std::streamsize>(head.size())))
      return false;
    if (head == signature) return true;
  }
  return false;
}

}  // namespace

void check_writable(const std::string& path) {
  if (path.empty()) throw std::invalid_argument("the results path is empty");
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    throw std::invalid_argument("cannot write results to '" + path + "': it is a folder");
  }
  const std::string folder = folder_of(path);
  if (!std::filesystem::is_directory(folder, error)) {
    throw std::invalid_argument("cannot write results to '" + path + "': the folder '" + folder + "' does not exist");
  }
  if (::access(folder.c_str(), W_OK) != 0) {
    throw std::invalid_argument("cannot write results to '" + path + "': the folder '" + folder + "' is not writable");
  }
  if (std::filesystem::exists(path, error) && !has_hdf5_signature(path)) {
    throw std::invalid_argument("will not write results to '" + path +
                                "': it exists and is not an HDF5 file (remove it or choose another name)");
  }
}

AtomicFile::AtomicFile(std::string path)
    : path_(std::move(path)), temporary_(path_ + ".tmp-" + std::to_string(::getpid())) {}

AtomicFile::~AtomicFile() {
  if (!published_) std::remove(temporary_.c_str());
}

void AtomicFile::publish() {
  fsync_path(temporary_, O_RDONLY, "the temporary file");
  if (std::rename(temporary_.c_str(), path_.c_str()) != 0) {
    throw std::runtime_error("cannot rename '" + temporary_ + "' to '" + path_ + "': " + std::strerror(errno));
  }
  published_ = true;
  fsync_path(folder_of(path_), O_RDONLY | O_DIRECTORY, "the folder");
}

}  // namespace truckflow::output
