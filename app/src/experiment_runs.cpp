// ExperimentRuns: threads take runs from one counter; on rank 0 its main thread also answers the
// other ranks' threads, which ask for a run, send back its responses (or its failure) and ask
// again, until rank 0 says there is no more.
#include "experiment_runs.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <map>
#include <stdexcept>
#include <thread>

#include "cancellation.hpp"

namespace truckflow::app {

namespace {

// Message tags. A thread's run comes back with tag `tag_run + thread`.
constexpr int tag_ask = 1;       // a thread of another rank asks for a run: int32 thread
constexpr int tag_result = 2;    // int64 point, int64 replication, double responses...
constexpr int tag_failure = 3;   // int64 point, int64 replication, the error's text
constexpr int tag_finished = 4;  // a rank's threads have all stopped
constexpr int tag_run = 100;     // int64 point, int64 replication; point -1: no more

/// How often rank 0 looks for the other ranks' messages while its threads run: a thread of another
/// rank waits at most this long for its next run, and rank 0's looks, on a core its own threads
/// share, stay rare (runs take seconds).
constexpr std::chrono::milliseconds answer_within{5};

/// Bytes holding `values` one after the other, as this machine stores them (ranks of one
/// experiment run the same build).
class Bytes {
 public:
  template <typename T>
  Bytes& add(const T& value) {
    const std::size_t at = bytes_.size();
    bytes_.resize(at + sizeof(T));
    std::memcpy(bytes_.data() + at, &value, sizeof(T));
    return *this;
  }
  Bytes& add_text(const std::string& text) {
    bytes_.insert(bytes_.end(), text.begin(), text.end());
    return *this;
  }
  const std::vector<char>& bytes() const noexcept { return bytes_; }

 private:
  std::vector<char> bytes_;
};

template <typename T>
T read_at(const std::vector<char>& bytes, std::size_t offset) {
  if (offset + sizeof(T) > bytes.size()) throw std::runtime_error("MPI: a message from another rank is too short");
  T value;
  std::memcpy(&value, bytes.data() + offset, sizeof(T));
  return value;
}

std::string what_of(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const Cancelled&) {
    return "interrupted";
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "an unknown error";
  }
}

}  // namespace

ExperimentRuns::ExperimentRuns(Ranks& ranks, unsigned jobs, SimulateRun simulate)
    : ranks_(ranks), jobs_(std::max(1U, jobs)), simulate_(std::move(simulate)) {}

ExperimentRuns::~ExperimentRuns() {
  if (ranks_.rank() != 0 || ranks_.size() == 1) return;
  try {
    stop_other_ranks();
  } catch (...) {
    // Leaving already on an error; MPI_Finalize or mpirun ends the other ranks.
  }
}

void ExperimentRuns::run(std::vector<std::unique_ptr<ExperimentRun>>& runs, const ProgressOptions& options,
                         const std::string& label) {
  std::map<std::pair<std::size_t, std::int64_t>, ExperimentRun*> by_key;
  for (const auto& run : runs) by_key[{run->point, run->replication}] = run.get();
  const auto run_of = [&](const std::vector<char>& bytes) -> ExperimentRun& {
    const auto found = by_key.find({static_cast<std::size_t>(read_at<std::int64_t>(bytes, 0)),
                                    read_at<std::int64_t>(bytes, sizeof(std::int64_t))});
    if (found == by_key.end()) throw std::runtime_error("MPI: another rank sent the result of a run it was not given");
    return *found->second;
  };
  std::atomic<std::size_t> next{0};
  const auto simulate = [&](ExperimentRun& run) {
    try {
      run.responses = simulate_(run.point, run.replication, [&run](double fraction) { run.fraction = fraction; });
      run.fraction = 1.0;
    } catch (...) {
      run.error = std::current_exception();
    }
    run.finished = true;
  };
  const unsigned threads = std::min<unsigned>(jobs_, static_cast<unsigned>(runs.size()));
  std::vector<std::thread> workers;
  for (unsigned j = 0; j < threads; ++j) {
    workers.emplace_back([&] {
      for (std::size_t i = next++; i < runs.size(); i = next++) simulate(*runs[i]);
    });
  }
  // Hands a run, if one is left, to a thread of another rank.
  const auto hand_out = [&](int rank, int thread) {
    const std::size_t i = next++;
    if (i >= runs.size()) return false;
    ranks_.send(rank, tag_run + thread,
                Bytes().add(static_cast<std::int64_t>(runs[i]->point)).add(runs[i]->replication).bytes());
    return true;
  };
  // On any error here the threads take no more runs and are joined before it goes on up.
  const auto join = [&] {
    next = runs.size();
    for (std::thread& worker : workers) worker.join();
  };
  try {
    Progress progress("experiment", options);
    auto shown = std::chrono::steady_clock::time_point{};
    for (;;) {
      while (!waiting_.empty() && hand_out(waiting_.back().first, waiting_.back().second)) waiting_.pop_back();
      bool heard = false;
      if (ranks_.size() > 1) {
        while (const std::optional<Ranks::Message> message = ranks_.poll()) {
          heard = true;
          if (message->tag == tag_ask) {
            const int thread = read_at<std::int32_t>(message->bytes, 0);
            if (!hand_out(message->source, thread)) waiting_.emplace_back(message->source, thread);
          } else if (message->tag == tag_result) {
            ExperimentRun& run = run_of(message->bytes);
            const std::size_t count = (message->bytes.size() - 2 * sizeof(std::int64_t)) / sizeof(double);
            for (std::size_t k = 0; k < count; ++k) {
              run.responses.push_back(read_at<double>(message->bytes, 2 * sizeof(std::int64_t) + k * sizeof(double)));
            }
            run.fraction = 1.0;
            run.finished = true;
          } else if (message->tag == tag_failure) {
            ExperimentRun& run = run_of(message->bytes);
            const std::string text(message->bytes.begin() + 2 * sizeof(std::int64_t), message->bytes.end());
            run.error =
                std::make_exception_ptr(std::runtime_error("rank " + std::to_string(message->source) + ": " + text));
            run.finished = true;
          } else {
            throw std::runtime_error("MPI: an unexpected message (tag " + std::to_string(message->tag) +
                                     ") from rank " + std::to_string(message->source));
          }
        }
      }
      double done = 0.0;
      std::size_t finished = 0;
      for (const auto& run : runs) {
        done += run->fraction;
        finished += run->finished ? 1 : 0;
      }
      if (finished == runs.size()) break;
      const auto now = std::chrono::steady_clock::now();
      if (now - shown >= std::chrono::milliseconds(50)) {
        progress.update(done / static_cast<double>(runs.size()),
                        label + ": " + std::to_string(finished) + "/" + std::to_string(runs.size()) + " runs");
        shown = now;
      }
      if (!heard) std::this_thread::sleep_for(ranks_.size() > 1 ? answer_within : std::chrono::milliseconds(50));
    }
  } catch (...) {
    join();
    throw;
  }
  join();
  for (const auto& run : runs) {
    if (run->error) std::rethrow_exception(run->error);
  }
}

void ExperimentRuns::serve() {
  std::vector<std::thread> workers;
  for (unsigned j = 0; j < jobs_; ++j) {
    workers.emplace_back([this, thread = static_cast<std::int32_t>(j)] {
      try {
        serve_thread(thread);
      } catch (const std::exception& e) {
        // Rank 0 would wait for this thread's runs for ever: the whole job ends.
        ranks_.abort("rank " + std::to_string(ranks_.rank()) + ": " + e.what());
      }
    });
  }
  for (std::thread& worker : workers) worker.join();
  ranks_.send(0, tag_finished, {});
}

void ExperimentRuns::serve_thread(std::int32_t thread) {
  for (;;) {
    ranks_.send(0, tag_ask, Bytes().add(thread).bytes());
    const std::vector<char> given = ranks_.receive(0, tag_run + thread);
    const auto point = read_at<std::int64_t>(given, 0);
    if (point < 0) return;
    const auto replication = read_at<std::int64_t>(given, sizeof(std::int64_t));
    Bytes reply;
    reply.add(point).add(replication);
    try {
      for (const double value : simulate_(static_cast<std::size_t>(point), replication, [](double) {})) {
        reply.add(value);
      }
      ranks_.send(0, tag_result, reply.bytes());
    } catch (...) {
      ranks_.send(0, tag_failure, reply.add_text(what_of(std::current_exception())).bytes());
    }
  }
}

void ExperimentRuns::stop_other_ranks() {
  if (stopped_) return;
  stopped_ = true;
  const std::vector<char> no_more = Bytes().add(std::int64_t{-1}).add(std::int64_t{-1}).bytes();
  for (const auto& [rank, thread] : waiting_) ranks_.send(rank, tag_run + thread, no_more);
  waiting_.clear();
  int finished = 0;
  while (finished < ranks_.size() - 1) {
    const std::optional<Ranks::Message> message = ranks_.poll();
    if (!message) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      continue;
    }
    if (message->tag == tag_ask) {
      ranks_.send(message->source, tag_run + read_at<std::int32_t>(message->bytes, 0), no_more);
    } else if (message->tag == tag_finished) {
      ++finished;
    }  // a result of a run no longer wanted (rank 0 is leaving on an error) is dropped
  }
}

}  // namespace truckflow::app
