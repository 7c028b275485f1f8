#pragma once
// sensors.yaml (docs/formats/sensors.md): the recording date and what an operator knows about each
// sensor. Keys this reader does not know are ignored (the format's rule); a known key with a bad
// value is an error naming file, line and field.

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "report/partner_track.h"
#include "report/sensor_report.h"

namespace straja::io {

struct SensorsFileEntry {
  SensorInfo info;
  double update_interval_s = 0.0;  ///< adsb: one report per target per interval; else 0
};

struct SensorsFile {
  std::optional<Date> date;
  std::vector<SensorsFileEntry> sensors;
  /// Entries of kind `partner`: other systems' SDPSs whose CAT062 tracks are fused
  /// track-to-track (docs/formats/partner-tracks.md); not sensors of the registry.
  std::vector<PartnerSystem> partners;
};

Result<SensorsFile> read_sensors_file(const std::string& path);
Result<SensorsFile> parse_sensors_file(const std::string& text, const std::string& source_name);

}  // namespace straja::io
