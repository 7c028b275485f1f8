#pragma once
// The sensors a coverage audit models, from any of: a sensors.yaml (docs/formats/sensors.md, what
// `straja simulate` writes), a scenario file, or a built-in scenario name (as `straja simulate`
// resolves it). A scenario gives every model parameter; a sensors.yaml gives the site, kind and
// ranges only, and the rest are the simulator's defaults (sim::Psr3dParameters, SsrParameters,
// AdsbParameters), which `notes` lists for the report.

#include <string>
#include <vector>

#include "core/result.h"
#include "simulation/scenario.h"

namespace straja::coverage {

struct SensorSet {
  std::string source;  ///< the file, or "built-in:NAME"
  std::vector<sim::SensorSpec> sensors;
  /// The scenario's terrain (environment.dem) when it has one; null otherwise.
  std::shared_ptr<const geo::Terrain> terrain;
  std::vector<std::string> dem_files;
  std::vector<std::string> notes;  ///< defaults applied, for the report
};

/// `name_or_path`: an existing file (a YAML mapping with `reference` or `targets` is a scenario,
/// otherwise a sensors file), else a built-in scenario name. Errors name the file, line and field.
Result<SensorSet> load_sensor_set(const std::string& name_or_path);

/// The simulator's model for a sensors.yaml entry: its site, kind, ranges and rotation, and the
/// default detection parameters of that kind.
sim::SensorSpec spec_from_sensors_file(const SensorInfo& info, double update_interval_s);

}  // namespace straja::coverage
