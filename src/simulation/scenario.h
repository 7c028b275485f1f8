#pragma once
// A scenario: where (system reference point), when (start, duration), what flies (targets) and
// what watches (sensors). Read from YAML (docs/formats/scenario.md) or a built-in name.
// Reading is strict: a bad file yields one Error naming file, line and field, never a half-valid
// scenario.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "report/air_picture.h"
#include "report/sensor_report.h"

namespace straja::sim {

/// Parameters of a rotating 3D primary radar (kind psr3d). Defaults describe a GM200-class
/// radar; docs/formats/scenario.md lists each with its meaning.
struct Psr3dParameters {
  double rotation_period_s = 4.0;
  double range_sigma_m = 30.0;
  double azimuth_sigma_deg = 0.15;
  double elevation_sigma_deg = 0.3;
  double max_range_m = 250'000.0;  ///< instrumented range
  double min_range_m = 1'000.0;    ///< blind zone around the antenna
  double min_elevation_deg = 0.0;
  double max_elevation_deg = 70.0;
  double ceiling_m = 20'000.0;         ///< highest target height reported
  double reference_range_m = 180'000;  ///< range where a 1 m^2 target has pd_at_reference
  double pd_at_reference = 0.9;
  double pfa = 1e-6;                    ///< per-cell false-alarm probability (sets the threshold)
  double false_alarms_per_scan = 10.0;  ///< mean of the Poisson false-alarm count per rotation
  double false_alarm_max_elevation_deg = 5.0;
  bool four_thirds_earth = true;  ///< refraction model for elevation and the horizon
};

struct SensorSpec {
  SensorInfo info;  ///< id, kind, SAC/SIC, site, and the sigmas an operator knows
  Psr3dParameters psr3d;
};

struct TargetSpec {
  std::uint32_t id = 0;
  TargetClass target_class = TargetClass::kAirliner;
  geo::Geodetic start;          ///< position at start_s
  double heading_deg = 0.0;     ///< initial track over ground, clockwise from true north
  double speed_mps = 0.0;       ///< ground speed
  double climb_mps = 0.0;       ///< vertical rate
  double start_s = 0.0;         ///< seconds after the scenario start when it appears
  std::optional<double> end_s;  ///< when it disappears (default: the scenario's end)
  double rcs_m2 = 0.0;          ///< mean radar cross-section (default by class)
  std::optional<Mode3A> mode3a;
  std::optional<IcaoAddress> icao;
  std::string callsign;
};

struct Scenario {
  std::string name;
  std::string source;       ///< file path, or "built-in:NAME"
  geo::Geodetic reference;  ///< origin of the system ENU plane
  Time start{};
  double duration_s = 0.0;
  std::uint64_t seed = 1;
  std::vector<SensorSpec> sensors;
  std::vector<TargetSpec> targets;

  SensorRegistry registry() const;
  Time end() const { return start + from_seconds(duration_s); }
};

/// Mean radar cross-section of a class, m^2 (nose-on, X/S-band typical values).
double typical_rcs_m2(TargetClass target_class);

Result<Scenario> parse_scenario(std::string_view yaml_text, const std::string& source_name);
Result<Scenario> load_scenario_file(const std::string& path);
/// `name_or_path`: an existing file, else a built-in scenario name (see builtin_scenario_names()).
Result<Scenario> find_scenario(const std::string& name_or_path);

}  // namespace straja::sim
