#pragma once
// The configuration file of `straja run` (docs/formats/run-config.md): the live inputs, the
// sensor sites, the tracker, the raw recording, the outputs and the picture server. Relative
// paths are taken from the configuration file's directory.

#include <string>

#include "cli/live_run.h"
#include "core/result.h"

namespace straja::cli {

/// Reads CONFIG.yaml into the live run's options. `now_utc_stamp` ("YYYYMMDDTHHMMSSZ") names
/// the default recording, straja-run-STAMP.rec in the working directory. Errors name the file,
/// the line and the field.
Result<LiveRunOptions> read_run_config(const std::string& path, const std::string& now_utc_stamp);

}  // namespace straja::cli
