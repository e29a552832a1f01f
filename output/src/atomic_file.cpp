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

#include "files.hpp"

namespace truckflow::output {

namespace {

/// The name AtomicFile writes `path` under until it publishes it.
std::string temporary_path_for(const std::string& path) { return path + ".tmp-" + std::to_string(::getpid()); }

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

/// "results" or "the report", in messages.
const char* noun(OutputKind kind) { return kind == OutputKind::results ? "results" : "the report"; }

/// Throws unless the existing file at `path` may be replaced by `kind`: results replace an HDF5
/// file, a report a truckflow report; either replaces an empty file.
void check_replaceable(const std::string& path, OutputKind kind) {
  const std::string refusal = std::string("will not write ") + noun(kind) + " to '" + path + "': it exists and ";
  detail::require_regular_file(path, refusal);
  std::error_code error;
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  if (!error && size == 0) return;
  std::ifstream file(path, std::ios::binary);
  if (error || !file) {
    throw std::invalid_argument(refusal + "cannot be read to check that it holds " + noun(kind) + " (" +
                                (error ? error.message() : std::string(std::strerror(errno))) + ")");
  }
  if (kind == OutputKind::results && !detail::hdf5_signature_offset(file, size)) {
    throw std::invalid_argument(refusal + "is not an HDF5 file (remove it or choose another name)");
  }
  if (kind == OutputKind::report) {
    std::string start(report_marker.size() + 512, '\0');
    file.read(start.data(), static_cast<std::streamsize>(start.size()));
    start.resize(static_cast<std::size_t>(file.gcount()));
    if (start.find(report_marker) == std::string::npos) {
      throw std::invalid_argument(refusal + "is not a truckflow report (remove it or choose another name)");
    }
  }
}

/// Throws unless the folder's file system takes the names of both `path` and the temporary file
/// it is first written as (a name a few bytes longer), so that a long run never fails at the end.
void check_name_length(const std::string& path, const std::string& folder, OutputKind kind) {
  const std::string refusal = std::string("cannot write ") + noun(kind) + " to '" + path + "': ";
  const long name_max = ::pathconf(folder.c_str(), _PC_NAME_MAX);
  const long path_max = ::pathconf(folder.c_str(), _PC_PATH_MAX);
  const std::size_t name = std::filesystem::path(path).filename().string().size();
  const std::string temporary = temporary_path_for(path);
  const std::size_t temporary_name = std::filesystem::path(temporary).filename().string().size();
  if (name_max > 0 && name > static_cast<std::size_t>(name_max)) {
    throw std::invalid_argument(refusal + "the file name is " + std::to_string(name) +
                                " bytes; the file system allows " + std::to_string(name_max) +
                                " (choose a shorter name)");
  }
  if (name_max > 0 && temporary_name > static_cast<std::size_t>(name_max)) {
    throw std::invalid_argument(refusal + "the file name is " + std::to_string(name) +
                                " bytes, and the temporary file it is written as first adds '" +
                                temporary.substr(path.size()) + "' (" + std::to_string(temporary_name) +
                                " bytes); the file system allows " + std::to_string(name_max) +
                                " (choose a name at most " +
                                std::to_string(name_max - static_cast<long>(temporary_name - name)) + " bytes long)");
  }
  if (path_max > 0 && temporary.size() >= static_cast<std::size_t>(path_max)) {
    throw std::invalid_argument(refusal + "the path is too long for the file system (" +
                                std::to_string(temporary.size()) + " bytes with the temporary file's suffix; at most " +
                                std::to_string(path_max - 1) + ")");
  }
}

}  // namespace

void check_writable(const std::string& path, OutputKind kind) {
  if (path.empty()) throw std::invalid_argument(std::string("the path of ") + noun(kind) + " is empty");
  const std::string refusal = std::string("cannot write ") + noun(kind) + " to '" + path + "': ";
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) throw std::invalid_argument(refusal + "it is a folder");
  const std::string folder = folder_of(path);
  if (!std::filesystem::is_directory(folder, error)) {
    throw std::invalid_argument(refusal + "the folder '" + folder + "' does not exist");
  }
  if (::access(folder.c_str(), W_OK) != 0) {
    throw std::invalid_argument(refusal + "the folder '" + folder + "' is not writable");
  }
  check_name_length(path, folder, kind);
  if (std::filesystem::exists(path, error)) check_replaceable(path, kind);
  // Permissions do not stop root, but some folders (/sys, /proc, a read-only mount) refuse files
  // all the same: creating the temporary file's name, and removing it, finds out before a long run.
  const std::string probe = temporary_path_for(path);
  const int descriptor = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (descriptor < 0) {
    throw std::invalid_argument(refusal + "cannot create a file in the folder '" + folder +
                                "': " + std::strerror(errno));
  }
  ::close(descriptor);
  std::remove(probe.c_str());
}

AtomicFile::AtomicFile(std::string path, OutputKind kind)
    : path_(std::move(path)), temporary_(temporary_path_for(path_)), kind_(kind) {}

AtomicFile::~AtomicFile() {
  if (!published_) std::remove(temporary_.c_str());
}

void AtomicFile::write_and_publish(const std::function<void(const std::string& temporary_path)>& write) {
  try {
    write(temporary_);
    publish();
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(std::string("cannot write ") + noun(kind_) + " to '" + path_ + "': " + e.what());
  }
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
