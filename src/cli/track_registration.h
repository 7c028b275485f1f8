#pragma once
// Radar registration inside `straja track`: the recorded plots, in time order, pass through
// tracking::SensorRegistration as they would live (each plot corrected with the estimate of the
// plots before it), then are put back in time order. One line per radar on stderr gives the final
// estimate; `csv_path`, when not empty, receives the estimates every minute of recording
// (docs/formats/registration.md).

#include <string>
#include <vector>

#include "report/sensor_report.h"
#include "tracking/registration/sensor_registration.h"

namespace straja::cli {

/// Throws CommandFailed (2) when the CSV cannot be written.
void register_plots(std::vector<Plot>& plots, const SensorRegistry& registry,
                    const std::vector<bool>& unknown_site, const std::string& csv_path,
                    const tracking::RegistrationConfig& config = {});

}  // namespace straja::cli
