#pragma once
// The value types that cross from decoders and the simulator to the trackers: one plot (a radar
// detection, an SSR reply or an ADS-B report) and the static description of the sensor that
// produced it. The columns of plots.csv (docs/formats/plots.md) map one-to-one onto Plot.

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/time.h"
#include "geo/geodetic.h"

namespace straja {

enum class SensorKind : std::uint8_t {
  kPsr3d,  ///< rotating 3D primary radar: slant range, azimuth, elevation
  kSsr,    ///< rotating SSR / Mode S: slant range, azimuth, Mode C / Mode S altitude
  kAdsb,   ///< ADS-B ground station: reported WGS84 position
};
std::string_view to_string(SensorKind kind);
std::optional<SensorKind> parse_sensor_kind(std::string_view text);

enum class AltitudeKind : std::uint8_t {
  kGeometric,   ///< height above the WGS84 ellipsoid, metres
  kBarometric,  ///< pressure altitude (Mode C / flight level) in metres
};
std::string_view to_string(AltitudeKind kind);
std::optional<AltitudeKind> parse_altitude_kind(std::string_view text);

inline constexpr double kNotMeasured = std::numeric_limits<double>::quiet_NaN();
inline bool measured(double value) {
  return !std::isnan(value);
}

/// One report from one sensor. Fields a sensor does not measure are NaN / empty.
struct Plot {
  Time time{};           ///< when the sensor saw the target (beam crossing for a radar)
  SensorIndex sensor{};  ///< index into the SensorRegistry that goes with the plots
  SensorKind kind = SensorKind::kPsr3d;
  double range_m = kNotMeasured;        ///< slant range from the antenna
  double azimuth_rad = kNotMeasured;    ///< clockwise from true north, [0, 2pi)
  double elevation_rad = kNotMeasured;  ///< apparent elevation above the local horizontal
  double lat_deg = kNotMeasured;        ///< reported position (ADS-B) or empty
  double lon_deg = kNotMeasured;
  double alt_m = kNotMeasured;  ///< what the sensor reports, as alt_kind says
  AltitudeKind alt_kind = AltitudeKind::kGeometric;
  std::optional<Mode3A> mode3a;
  std::optional<IcaoAddress> icao;
  std::string callsign;
  std::int64_t truth_id = -1;          ///< simulation only: the target, or -1 for a false alarm
  double geo_alt_m = kNotMeasured;     ///< geometric height (ADS-B GNSS) beside a barometric alt_m
  double vel_east_mps = kNotMeasured;  ///< reported velocity (ADS-B), local ENU at the target
  double vel_north_mps = kNotMeasured;
  double vel_up_mps = kNotMeasured;
  std::optional<std::uint8_t> nacp;  ///< ADS-B navigation accuracy category for position
};

/// What an operator knows about a sensor (never its true biases).
struct SensorInfo {
  std::string id;  ///< plots.csv sensor_id
  SensorKind kind = SensorKind::kPsr3d;
  SacSic sac_sic;
  geo::Geodetic site;  ///< antenna position (height above the ellipsoid)
  double range_sigma_m = 0.0;
  double azimuth_sigma_rad = 0.0;
  double elevation_sigma_rad = 0.0;
  double max_range_m = 0.0;
  double rotation_period_s = 0.0;
  bool four_thirds_earth = true;  ///< elevation measured through standard refraction
  /// Height of the geoid (mean sea level) above the ellipsoid at the site: a 3D radar's heights
  /// above mean sea level (CAT048 I110) plus this are heights above the ellipsoid.
  double geoid_height_m = 0.0;
};

/// All sensors of one run, addressed by SensorIndex (their position in `sensors`).
struct SensorRegistry {
  std::vector<SensorInfo> sensors;

  const SensorInfo& at(SensorIndex index) const { return sensors.at(index.value); }
  std::optional<SensorIndex> find(std::string_view id) const;
};

}  // namespace straja
