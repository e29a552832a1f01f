// What a world tells its observers: the domain events as they happen (events.hpp), a sample of
// every series (series.hpp) at each sampling interval, and the state at each year's end. Models
// only emit; output/ (and the command line's summary) decide what to record and how.
#pragma once

#include <cstdint>

#include "truckflow/models/events.hpp"
#include "truckflow/models/series.hpp"

namespace truckflow::models {

class Observer {
 public:
  virtual ~Observer() = default;
  /// Every domain event, as it happens (see events.hpp for the order).
  virtual void on_event(const DomainEvent& event) { (void)event; }
  /// Every sampling interval from time zero, and once more at the end of the run; after
  /// everything else that happens at its instant. Flow series cover the time since the previous
  /// sample.
  virtual void on_sample(const Sample& sample) { (void)sample; }
  /// The state at the end of each calendar year the run covers: at midnight of 1 January `year` + 1,
  /// before anything that happens at that instant (it belongs to the new year); the run's last
  /// (perhaps partial) year ends with the run, in the state of the final sample. Cumulative series
  /// differenced year by year give what each year did; flow series cover the year.
  virtual void on_year_end(std::int64_t year, const Sample& state) {
    (void)year;
    (void)state;
  }
};

}  // namespace truckflow::models
