// Publishing a file atomically: written under a temporary name in the same folder, flushed to
// disk, then renamed over the final name, so readers never see a partial file and a failed or
// interrupted run never destroys the file it would have replaced.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace truckflow::output {

/// What is written: results (an HDF5 file), or a report (an HTML page that starts with
/// `report_marker` within its first 512 bytes).
enum class OutputKind { results, report };
inline constexpr std::string_view report_marker = R"(<meta name="generator" content="truckflow report">)";

/// Throws `std::invalid_argument` with a clear message if a file cannot be written at `path`
/// (its folder is missing or not writable, `path` is a folder, its name or the temporary name it is
/// first written as is too long for the file system, or `path` exists and is neither empty nor of
/// the same kind: results replace only results, a report only a report, never a scenario or a
/// note). Call before a long run.
void check_writable(const std::string& path, OutputKind kind = OutputKind::results);

class AtomicFile {
 public:
  /// Reserves "<path>.tmp-<pid>" in the same folder.
  explicit AtomicFile(std::string path, OutputKind kind = OutputKind::results);
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  /// Removes the temporary file unless it was published.
  ~AtomicFile();

  const std::string& temporary_path() const noexcept { return temporary_; }
  const std::string& path() const noexcept { return path_; }
  /// Calls `write` with the temporary path, then publishes. A `std::runtime_error` from either
  /// (a full disk, a file-size limit, ...) is thrown again naming the results file: "cannot write
  /// results to 'PATH': ..." (or "the report"); the temporary file is removed when this AtomicFile
  /// is destroyed.
  void write_and_publish(const std::function<void(const std::string& temporary_path)>& write);
  /// Flushes the temporary file to disk and renames it to the final name (then flushes the
  /// folder). Throws `std::runtime_error` on failure, leaving any existing file untouched.
  void publish();

 private:
  std::string path_;
  std::string temporary_;
  OutputKind kind_;
  bool published_ = false;
};

}  // namespace truckflow::output
