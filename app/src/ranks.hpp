// The MPI ranks a command runs on: when an MPI launcher (mpirun, mpiexec, srun) started the
// process, MPI is initialised for as long as a `Ranks` lives; otherwise there is one rank and MPI
// is never touched. Any thread may call the point-to-point functions (MPI_THREAD_SERIALIZED: one
// lock around every call), none of them waits inside MPI while holding it.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace truckflow::app {

class Ranks {
 public:
  Ranks();
  Ranks(const Ranks&) = delete;
  Ranks& operator=(const Ranks&) = delete;
  ~Ranks();

  /// Whether an MPI launcher started this process (its environment says so).
  static bool launched_by_mpi();

  int rank() const noexcept { return rank_; }
  int size() const noexcept { return size_; }
  bool launched() const noexcept { return launched_; }

  /// Every rank says whether it failed; returns the lowest rank that did, or nothing. Collective.
  std::optional<int> first_failed(bool failed);
  /// Returns when every rank has called it. Collective.
  void barrier();

  /// A message from another rank: its source, tag and bytes.
  struct Message {
    int source = 0;
    int tag = 0;
    std::vector<char> bytes;
  };
  /// Sends `bytes` to `rank` with `tag`, and returns when the buffer may be reused.
  void send(int rank, int tag, const std::vector<char>& bytes);
  /// A message waiting from any rank with any tag, or nothing.
  std::optional<Message> poll();
  /// Waits (sleeping between looks, not inside MPI) for a message from `rank` with `tag`.
  std::vector<char> receive(int rank, int tag);
  /// Prints `why` and ends every rank of the job (MPI_Abort, exit code 1).
  [[noreturn]] void abort(const std::string& why);

 private:
  bool launched_ = false;
  int rank_ = 0;
  int size_ = 1;
  std::mutex mpi_;
};

}  // namespace truckflow::app
