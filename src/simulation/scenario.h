#pragma once
// A scenario: where (system reference point), when (start, duration), what flies (targets) and
// what watches (sensors). Read from YAML (docs/formats/scenario.md) or a built-in name.
// Reading is strict: a bad file yields one Error naming file, line and field, never a half-valid
// scenario.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "geo/atmosphere.h"
#include "geo/terrain.h"
#include "report/air_picture.h"
#include "report/sensor_report.h"
#include "simulation/recorded_track.h"
#include "simulation/route.h"
#include "simulation/sensor_faults.h"
#include "simulation/target_class.h"

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

/// Parameters of a rotating secondary surveillance radar with Mode S (kind ssr): 2D (range,
/// azimuth), identity and pressure altitude from the transponder's replies.
struct SsrParameters {
  double rotation_period_s = 4.0;
  double range_sigma_m = 15.0;
  double azimuth_sigma_deg = 0.05;
  double max_range_m = 463'000.0;  ///< 250 NM
  double min_range_m = 500.0;
  double min_elevation_deg =
      -2.0;  ///< lower edge of the antenna pattern (the horizon limits first)
  double max_elevation_deg = 45.0;
  double pd = 0.98;  ///< per scan, for a transponder-equipped target in coverage
  bool four_thirds_earth = true;
};

/// Parameters of an ADS-B (1090 MHz extended squitter) ground station (kind adsb).
struct AdsbParameters {
  double max_range_m = 463'000.0;  ///< 250 NM
  double update_interval_s = 1.0;  ///< one report per target per interval (when received)
  double pd = 0.95;                ///< probability that a report is received
  bool four_thirds_earth = true;   ///< radio line of sight over the 4/3 earth
};

/// True systematic errors of a sensor (never in sensors.yaml; in truth_sensors.yaml):
///   measured range   = (1 + range_gain) * true slant range + range_m
///   measured azimuth = true azimuth + azimuth_deg     measured elevation = true + elevation_deg
///   stamped time     = true time of the measurement + time_s
struct SensorBiases {
  double range_m = 0.0;
  double range_gain = 0.0;
  double azimuth_deg = 0.0;
  double elevation_deg = 0.0;
  double time_s = 0.0;
};

struct SensorSpec {
  SensorInfo info;        ///< id, kind, SAC/SIC, site, and the sigmas an operator knows
  Psr3dParameters psr3d;  ///< kind psr3d
  SsrParameters ssr;      ///< kind ssr
  AdsbParameters adsb;    ///< kind adsb
  SensorBiases biases;
  SensorFaults faults;  ///< outages and clock jumps (never in sensors.yaml; in truth_sensors.yaml)
};

/// What an operator knows of a 3D radar, from its model parameters: spec.info's range, azimuth
/// and elevation sigmas, instrumented range, rotation period and refraction model from spec.psr3d.
void publish_psr3d_parameters(SensorSpec& spec);

/// Cooperative equipment: what the target's transponder answers.
enum class Transponder : std::uint8_t {
  kNone,    ///< non-cooperative: seen only by primary radar
  kModeAC,  ///< Mode 3/A code and Mode C altitude (100 ft)
  kModeS,   ///< also the 24-bit address, callsign, 25 ft altitude
};
std::string_view to_string(Transponder transponder);

struct TargetSpec {
  std::uint32_t id = 0;
  TargetClass target_class = TargetClass::kAirliner;
  geo::Geodetic start;          ///< position at start_s
  double heading_deg = 0.0;     ///< initial track over ground, clockwise from true north
  double speed_mps = 0.0;       ///< ground speed (true horizontal speed at the target's height)
  double climb_mps = 0.0;       ///< vertical rate
  double start_s = 0.0;         ///< seconds after the scenario start when it appears
  std::optional<double> end_s;  ///< when it disappears (default: the scenario's end)
  double rcs_m2 = 0.0;          ///< mean radar cross-section over aspect (default by class)
  std::vector<Leg> legs;        ///< route flown from the start state (empty: straight on)
  /// Replayed recording (instead of start/heading/speed/climb/legs); times from its first point.
  std::shared_ptr<const RecordedTrack> recording;
  Transponder transponder = Transponder::kNone;
  std::optional<Mode3A> mode3a;
  std::optional<IcaoAddress> icao;
  std::string callsign;
  bool adsb = false;  ///< ADS-B out (1090 extended squitter; needs Mode S)
  int nacp = 9;       ///< ADS-B navigation accuracy category for position, 0-11
  int nacv = 2;       ///< ADS-B navigation accuracy category for velocity, 0-4
};

/// The atmosphere and geoid that relate pressure altitude (Mode C, ADS-B barometric) to the
/// geometric height above the ellipsoid.
struct Environment {
  /// QNH, ISA temperature deviation and mean sea level above the ellipsoid: what transponders'
  /// pressure altitudes and a 3D radar's heights above MSL are measured against.
  geo::Atmosphere atmosphere;
  /// Terrain from the scenario's `environment.dem` SRTM tiles: radars (psr3d, ssr) see only
  /// what their line of sight over it reaches. Null: a smooth earth.
  std::shared_ptr<const geo::Terrain> terrain;
  std::vector<std::string> dem_files;  ///< as resolved (absolute or relative to the scenario)
};

struct Scenario {
  std::string name;
  std::string source;       ///< file path, or "built-in:NAME"
  geo::Geodetic reference;  ///< origin of the system ENU plane
  Time start{};
  double duration_s = 0.0;
  std::uint64_t seed = 1;
  Environment environment;
  std::vector<SensorSpec> sensors;
  std::vector<TargetSpec> targets;

  SensorRegistry registry() const;
  Time end() const { return start + from_seconds(duration_s); }
};

Result<Scenario> parse_scenario(std::string_view yaml_text, const std::string& source_name);
Result<Scenario> load_scenario_file(const std::string& path);
/// `name_or_path`: an existing file, else a built-in scenario name (see builtin_scenario_names()).
Result<Scenario> find_scenario(const std::string& name_or_path);

}  // namespace straja::sim
