// What this build of truckflow is: its version and the git revision of its sources.
#pragma once

namespace truckflow::app {
extern const char* const version;
extern const char* const git_revision;  ///< "git describe" of the source tree, or "unknown"
}  // namespace truckflow::app
