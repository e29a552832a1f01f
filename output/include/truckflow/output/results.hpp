// Results files (netCDF-4 / HDF5) of a run and of a comparison of truck types. Layout:
// docs/output.md, whose variable reference is generated from the same declarations
// (results_reference_markdown).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "truckflow/models/description.hpp"
#include "truckflow/models/observer.hpp"
#include "truckflow/models/series.hpp"
#include "truckflow/output/run_record.hpp"

namespace truckflow::output {

class NetcdfWriter;

/// Where results came from, stored in the file.
struct Provenance {
  std::string command_line;
  std::string scenario_file;
  std::string scenario_yaml;  ///< the resolved scenario, as simulated
  std::string truckflow_version;
  std::string git_revision;
};

/// The most rows a run's station-visit table may hold: about 0.5 GB of compressed rows, twice that
/// in memory while the file is written out, for rows like the default scenario's (docs/output.md,
/// "The station-visit table").
inline constexpr std::size_t max_station_visits = 50'000'000;

/// The most rows a run's posting table (`run --ledger`) may hold: at 2 to 3 bytes a compressed row
/// (the default scenario's), under 0.5 GB, twice that in memory while the file is written out.
inline constexpr std::size_t max_postings = 150'000'000;

/// Thrown by RunFileWriter when a run has more rows for one of its tables than it may hold.
class TableFull : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Thrown by RunFileWriter when a run has more station visits than its table may hold.
class TooManyStationVisits : public TableFull {
 public:
  using TableFull::TableFull;
};

/// Thrown by RunFileWriter when a run has more postings than its table may hold.
class TooManyPostings : public TableFull {
 public:
  using TableFull::TableFull;
};

/// Writes a run's results file as the run goes (add it as an observer): every series gets a
/// variable along an unlimited `time` dimension, and samples are appended in chunks of about
/// 256 KiB a variable, so what is kept besides the file's compressed bytes does not grow with the
/// run's length. The delivery table, headline figures and provenance are written by finish().
/// With `station_visit_limit`, every station visit is a row of the visit table, appended
/// (compressed) as the run goes; past that many rows on_event() throws TooManyStationVisits.
/// With `posting_limit`, every posting of the ledger (MoneyPosted: ask the world to emit them) is
/// a row of the posting table, the same way; past that many, TooManyPostings.
/// The file is built in memory and written to `path` (created or truncated) by finish(); publish
/// it with AtomicFile. `interruption_check` (if any) is called before each variable is created and
/// may throw to abandon the file (Ctrl-C).
class RunFileWriter : public models::Observer {
 public:
  RunFileWriter(std::string path, const models::ScenarioDesc& scenario, const models::SeriesCatalog& catalog,
                Provenance provenance, std::function<void()> interruption_check = {},
                std::optional<std::size_t> station_visit_limit = {}, std::optional<std::size_t> posting_limit = {});
  RunFileWriter(const RunFileWriter&) = delete;
  RunFileWriter& operator=(const RunFileWriter&) = delete;
  ~RunFileWriter() override;

  void on_event(const models::DomainEvent& event) override;
  void on_sample(const models::Sample& sample) override;
  /// Writes the rest (`totals` gives the headline figures) and the file.
  void finish(const RunTotals& totals);

 private:
  struct Delivery;
  template <typename Row>
  struct Appended;
  struct Visits;
  struct Postings;
  const models::ScenarioDesc& scenario_;
  models::SeriesCatalog catalog_;
  Provenance provenance_;
  std::unique_ptr<NetcdfWriter> nc_;
  std::vector<Delivery> deliveries_;
  std::unique_ptr<Visits> visits_;      ///< null without the visit table
  std::unique_ptr<Postings> postings_;  ///< null without the posting table
};

/// Writes the results of a recorded run to `path` (as a RunFileWriter that followed it would).
void write_run_results(const std::string& path, const models::ScenarioDesc& scenario, const RunRecorder& run,
                       const Provenance& provenance, const std::function<void()>& interruption_check = {});

/// What the runs of a comparison differ by, and so the file's run dimension: the truck type the
/// whole plan was assigned to (`truck_type`), or the set of sharing rules active (`rule_set`).
enum class ComparedBy { truck_type, rule_set };
const char* to_string(ComparedBy by);

/// One run of a comparison: its label (the truck type, or the rule set), and what it gave.
struct ComparedRun {
  std::string label;
  const models::ScenarioDesc* scenario = nullptr;
  const RunRecorder* run = nullptr;
};

/// Writes the results of a comparison (one run per truck type, or per set of sharing rules) to
/// `path`, the runs along a last dimension named as `by`.
void write_compare_results(const std::string& path, const std::vector<ComparedRun>& runs, ComparedBy by,
                           const Provenance& provenance, const std::function<void()>& interruption_check = {});

/// The variable reference of docs/output.md (markdown): dimensions, every series, the delivery
/// table and the headline figures, from the declarations the writers use.
std::string results_reference_markdown();

}  // namespace truckflow::output
