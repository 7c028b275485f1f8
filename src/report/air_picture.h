#pragma once
// Value types for what the system believes (track reports, the rows of tracks.csv) and what was
// really there (truth states, the rows of truth.csv). Positions are WGS84; velocities are east,
// north, up components in the local ENU frame at the object's own position, m/s.

#include <Eigen/Core>
#include <array>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/time.h"
#include "geo/geodetic.h"
#include "report/sensor_report.h"

namespace straja {

enum class TrackStatus : std::uint8_t { kTentative, kConfirmed, kCoasting };
std::string_view to_string(TrackStatus status);
std::optional<TrackStatus> parse_track_status(std::string_view text);

enum class TargetClass : std::uint8_t {
  kAirliner,
  kBusinessJet,
  kGeneralAviation,
  kHelicopter,
  kFastJet,
  kMultirotorUav,
  kFixedWingUav,
  kBalloon,
};
inline constexpr std::array kAllTargetClasses = {
    TargetClass::kAirliner,     TargetClass::kBusinessJet, TargetClass::kGeneralAviation,
    TargetClass::kHelicopter,   TargetClass::kFastJet,     TargetClass::kMultirotorUav,
    TargetClass::kFixedWingUav, TargetClass::kBalloon};
std::string_view to_string(TargetClass target_class);
std::optional<TargetClass> parse_target_class(std::string_view text);

/// The surveillance technologies a system track reports update ages for (CAT062 I062/290).
enum class UpdateTechnology : std::uint8_t { kPsr, kSsr, kModeS, kAdsb };
inline constexpr std::size_t kUpdateTechnologies = 4;
/// A plot's technology: a 3D radar's plot is primary, an SSR plot with an aircraft address is
/// Mode S, one without is Mode A/C, an ADS-B report is ADS-B.
UpdateTechnology update_technology(const Plot& plot);

/// What system-track outputs report of a radar plot that updated a track (CAT062 I062/340,
/// measured information): the plot's sensor and kind, polar position, altitudes and codes. A
/// small copy of the Plot's fields, taken on every update.
struct MeasuredPlot {
  SensorIndex sensor{};
  SensorKind kind = SensorKind::kPsr3d;
  bool has_icao = false;  ///< the plot carried a Mode S address
  AltitudeKind alt_kind = AltitudeKind::kGeometric;
  std::optional<Mode3A> mode3a;
  double range_m = kNotMeasured;
  double azimuth_rad = kNotMeasured;
  double alt_m = kNotMeasured;
  double geo_alt_m = kNotMeasured;

  static MeasuredPlot of(const Plot& plot) {
    return {plot.sensor,      plot.kind,   plot.icao.has_value(),
            plot.alt_kind,    plot.mode3a, plot.range_m,
            plot.azimuth_rad, plot.alt_m,  plot.geo_alt_m};
  }
};

/// How a track has been updated so far: what system-track outputs (CAT062 I062/080, 290, 340,
/// 136) report beside the state. Plain data, copied into every TrackReport.
struct TrackUpdates {
  Time first_seen{};
  /// When each technology last updated the track (by UpdateTechnology); empty: never.
  std::array<std::optional<Time>, kUpdateTechnologies> last_by_technology{};
  std::optional<MeasuredPlot> last_radar_plot;  ///< the last radar (not ADS-B) plot that updated it
  /// The last barometric altitude (pressure altitude, m) that updated it: a Mode C or ADS-B
  /// flight level the tracker received as such.
  std::optional<double> barometric_alt_m;
  std::uint64_t sensors = 0;  ///< bit s: SensorIndex s (< 64) has updated the track

  /// Records that `plot` updated the track.
  void note(const Plot& plot);
};

/// A 6x6 position-velocity covariance.
using Covariance6 = Eigen::Matrix<double, 6, 6>;

struct TrackReport {
  Time time{};
  TrackId id{};
  geo::Geodetic position;
  geo::Vec3 velocity_enu_mps = geo::Vec3::Zero();
  TrackStatus status = TrackStatus::kTentative;
  std::optional<IcaoAddress> icao;
  std::string callsign;
  std::optional<Mode3A> mode3a;
  TrackUpdates updates;  ///< empty where the tracker keeps no history (bench modes)
  /// Covariance of [east, north, up, v_east, v_north, v_up] in the local ENU frame at `position`
  /// (m^2, m^2/s, m^2/s^2); empty where the producer gives none.
  std::optional<Covariance6> covariance_enu;
  /// Partner systems (CAT062 SDPS, by SAC/SIC) whose tracks contribute to this one at `time`;
  /// filled by the track-to-track fusion stage (tracking/fusion), empty otherwise.
  std::vector<SacSic> partners;
  /// An IMM tracker's mode probabilities by motion: nearly-constant velocity, coordinated turn,
  /// nearly-constant acceleration (NaN for a motion the IMM does not run); all NaN otherwise.
  std::array<double, 3> mode_probabilities = {kNoMode, kNoMode, kNoMode};
  /// A JIPDA tracker's probability that the track's target exists; empty otherwise.
  std::optional<double> existence;

  static constexpr double kNoMode = std::numeric_limits<double>::quiet_NaN();
};

struct TruthState {
  Time time{};
  TargetId id{};
  geo::Geodetic position;
  geo::Vec3 velocity_enu_mps = geo::Vec3::Zero();
  TargetClass target_class = TargetClass::kAirliner;
};

}  // namespace straja
