// Paths and bytes: regular-file checks, the HDF5 signature, and writes that report the system's
// reason for failing.
#include "files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string_view>

namespace truckflow::output::detail {

void require_regular_file(const std::string& path, const std::string& refusal) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) throw std::invalid_argument(refusal + "is not a regular file");
}

std::optional<std::uintmax_t> hdf5_signature_offset(std::istream& file, std::uintmax_t size) {
  constexpr std::string_view signature("\x89HDF\r\n\x1a\n", 8);
  for (std::uintmax_t offset = 0; offset + signature.size() <= size; offset = offset == 0 ? 512 : offset * 2) {
    std::string head(signature.size(), '\0');
    if (!file.seekg(static_cast<std::streamoff>(offset)) ||
        !file.read(head.data(), static_cast<std::streamsize>(head.size())))
      return std::nullopt;
    if (head == signature) return offset;
  }
  return std::nullopt;
}

void write_file(const std::string& path, std::string_view bytes) {
  const auto failure = [&](const char* what, int error) {
    return std::runtime_error("cannot " + std::string(what) + " '" + path + "': " + std::strerror(error));
  };
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) throw failure("create", errno);
  for (std::size_t written = 0; written < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int error = n < 0 ? errno : EIO;
      ::close(fd);
      throw failure("write", error);
    }
    written += static_cast<std::size_t>(n);
  }
  // Some file systems (NFS) report a full disk only here.
  if (::close(fd) != 0) throw failure("write", errno);
}

}  // namespace truckflow::output::detail
