// Ranks: MPI set-up and the few point-to-point calls experiments need.
#include "ranks.hpp"

#include <mpi.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <thread>

namespace truckflow::app {

namespace {

/// How long a wait sleeps between looks at MPI.
constexpr std::chrono::microseconds poll_pause{500};

void check(int code, const char* call) {
  if (code != MPI_SUCCESS)
    throw std::runtime_error(std::string("MPI: ") + call + " failed (code " + std::to_string(code) + ")");
}

}  // namespace

bool Ranks::launched_by_mpi() {
  // OpenMPI's mpirun, a PMIx launcher (srun --mpi=pmix, prterun), a PMI one (srun --mpi=pmi2, hydra).
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return false;
}

Ranks::Ranks() : launched_(launched_by_mpi()) {
  if (!launched_) return;
  int provided = 0;
  check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_SERIALIZED, &provided), "MPI_Init_thread");
  if (provided < MPI_THREAD_SERIALIZED) {
    MPI_Finalize();
    throw std::runtime_error(
        "MPI: this MPI library cannot serve calls from several threads one at a time "
        "(MPI_THREAD_SERIALIZED)");
  }
  check(MPI_Comm_rank(MPI_COMM_WORLD, &rank_), "MPI_Comm_rank");
  check(MPI_Comm_size(MPI_COMM_WORLD, &size_), "MPI_Comm_size");
}

Ranks::~Ranks() {
  if (launched_) MPI_Finalize();
}

std::optional<int> Ranks::first_failed(bool failed) {
  if (size_ == 1) return failed ? std::optional<int>(0) : std::nullopt;
  const int mine = failed ? rank_ : size_;
  int lowest = size_;
  std::lock_guard lock(mpi_);
  check(MPI_Allreduce(&mine, &lowest, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD), "MPI_Allreduce");
  return lowest < size_ ? std::optional<int>(lowest) : std::nullopt;
}

void Ranks::barrier() {
  if (size_ == 1) return;
  std::lock_guard lock(mpi_);
  check(MPI_Barrier(MPI_COMM_WORLD), "MPI_Barrier");
}

void Ranks::send(int rank, int tag, const std::vector<char>& bytes) {
  MPI_Request request = MPI_REQUEST_NULL;
  {
    std::lock_guard lock(mpi_);
    check(MPI_Isend(bytes.data(), static_cast<int>(bytes.size()), MPI_CHAR, rank, tag, MPI_COMM_WORLD, &request),
          "MPI_Isend");
  }
  for (;;) {
    int done = 0;
    {
      std::lock_guard lock(mpi_);
      check(MPI_Test(&request, &done, MPI_STATUS_IGNORE), "MPI_Test");
    }
    if (done != 0) return;
    std::this_thread::sleep_for(poll_pause);
  }
}

std::optional<Ranks::Message> Ranks::poll() {
  std::lock_guard lock(mpi_);
  int waiting = 0;
  MPI_Status status;
  check(MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &waiting, &status), "MPI_Iprobe");
  if (waiting == 0) return std::nullopt;
  int count = 0;
  check(MPI_Get_count(&status, MPI_CHAR, &count), "MPI_Get_count");
  Message message{status.MPI_SOURCE, status.MPI_TAG, std::vector<char>(static_cast<std::size_t>(count))};
  check(MPI_Recv(message.bytes.data(), count, MPI_CHAR, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD,
                 MPI_STATUS_IGNORE),
        "MPI_Recv");
  return message;
}

std::vector<char> Ranks::receive(int rank, int tag) {
  for (;;) {
    {
      std::lock_guard lock(mpi_);
      int waiting = 0;
      MPI_Status status;
      check(MPI_Iprobe(rank, tag, MPI_COMM_WORLD, &waiting, &status), "MPI_Iprobe");
      if (waiting != 0) {
        int count = 0;
        check(MPI_Get_count(&status, MPI_CHAR, &count), "MPI_Get_count");
        std::vector<char> bytes(static_cast<std::size_t>(count));
        check(MPI_Recv(bytes.data(), count, MPI_CHAR, rank, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE), "MPI_Recv");
        return bytes;
      }
    }
    std::this_thread::sleep_for(poll_pause);
  }
}

void Ranks::abort(const std::string& why) {
  std::fprintf(stderr, "truckflow: error: %s\n", why.c_str());
  std::fflush(stderr);
  MPI_Abort(MPI_COMM_WORLD, 1);
  std::abort();  // MPI_Abort does not return
}

}  // namespace truckflow::app
