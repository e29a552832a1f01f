// The runs of an experiment, spread over threads and MPI ranks. Rank 0 hands out runs one at a
// time, as threads (its own and the other ranks') ask for them, so slow points do not hold the
// others up; every result is kept under its point and replication, so the results do not depend
// on which thread or rank ran what, nor on how many there are.
#pragma once

#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "progress.hpp"
#include "ranks.hpp"

namespace truckflow::app {

/// One run of an experiment: a point, a replication and, once it is over, its responses.
struct ExperimentRun {
  std::size_t point = 0;
  std::int64_t replication = 0;
  std::vector<double> responses;
  std::atomic<double> fraction{0.0};  ///< done so far, for progress
  std::exception_ptr error;
  std::atomic<bool> finished{false};
};

/// Simulates a point's replication and returns its responses; `progress` takes the share done.
using SimulateRun = std::function<std::vector<double>(std::size_t point, std::int64_t replication,
                                                      const std::function<void(double)>& progress)>;

class ExperimentRuns {
 public:
  /// `jobs` threads on this rank simulate with `simulate`.
  ExperimentRuns(Ranks& ranks, unsigned jobs, SimulateRun simulate);
  ExperimentRuns(const ExperimentRuns&) = delete;
  ExperimentRuns& operator=(const ExperimentRuns&) = delete;
  /// On rank 0: lets the other ranks go (waiting for the runs they are in).
  ~ExperimentRuns();

  /// On rank 0: runs every one of `runs` here and on the other ranks, showing progress; rethrows
  /// the first failure in the order of `runs`.
  void run(std::vector<std::unique_ptr<ExperimentRun>>& runs, const ProgressOptions& options, const std::string& label);
  /// On the other ranks: runs what rank 0 hands out until it says there is no more.
  void serve();

 private:
  /// One thread of `serve`: asks for a run, runs it, sends its responses back, until there is no more.
  void serve_thread(std::int32_t thread);
  void stop_other_ranks();

  Ranks& ranks_;
  unsigned jobs_;
  SimulateRun simulate_;
  /// Rank 0: the other ranks' threads waiting for a run (rank, thread).
  std::vector<std::pair<int, int>> waiting_;
  bool stopped_ = false;
};

}  // namespace truckflow::app
