#pragma once
// A partner system's track: one CAT062 system track from another SDPS (docs/formats/
// partner-tracks.md), already a filtered estimate. The track-to-track fusion stage
// (tracking/fusion) predicts it and fuses it with the local picture by covariance intersection.

#include <cstdint>
#include <optional>
#include <string>

#include "core/ids.h"
#include "core/time.h"
#include "geo/geodetic.h"
#include "report/air_picture.h"

namespace straja {

/// The covariance a partner track gets where its record does not state accuracies (no I062/500,
/// or no subfield for a component): one sigma per axis, components uncorrelated.
struct PartnerAccuracyDefaults {
  double position_sigma_m = 150.0;   ///< east and north (I062/500 APC absent)
  double velocity_sigma_mps = 10.0;  ///< east and north (I062/500 ATV absent)
  double height_sigma_m = 150.0;     ///< geometric height from I062/130 (I062/500 AGA absent)
  /// Height when the record has no geometric height: from the measured flight level (I062/136),
  /// with this sigma, else 0 m with a sigma that leaves the height to the local picture.
  double flight_level_height_sigma_m = 500.0;
  double unknown_height_sigma_m = 20'000.0;
  double vertical_velocity_sigma_mps = 10.0;  ///< the vertical rate is not read (0 m/s)
};

/// The one key of a partner track: its SDPS and its track number there.
struct PartnerTrackKey {
  SacSic source;
  std::uint16_t track_number = 0;
  friend constexpr auto operator<=>(const PartnerTrackKey&, const PartnerTrackKey&) = default;
  constexpr std::uint32_t packed() const {
    return static_cast<std::uint32_t>(source.packed()) << 16 | track_number;
  }
};

/// A partner system as the sensors file lists it (kind partner; docs/formats/sensors.md).
struct PartnerSystem {
  std::string id;
  SacSic sac_sic;  ///< its SDPS's I062/010
  PartnerAccuracyDefaults accuracy;
};

struct PartnerTrack {
  PartnerTrackKey key;  ///< I062/010 SDPS and I062/040 track number
  Time time{};          ///< I062/070
  /// I062/105 latitude and longitude; height from I062/130 (geometric, above the ellipsoid),
  /// else from I062/136 (flight level taken as height), else 0 (see PartnerAccuracyDefaults).
  geo::Geodetic position;
  geo::Vec3 velocity_enu_mps = geo::Vec3::Zero();  ///< I062/185 east, north; up 0
  /// [east, north, up, v_east, v_north, v_up] in the local ENU frame at `position`: from
  /// I062/500 (APC, COV, AGA, ATV) where present, else the defaults.
  Covariance6 covariance_enu = Covariance6::Identity();
  bool accuracy_reported = false;                ///< I062/500 APC was present
  TrackStatus status = TrackStatus::kConfirmed;  ///< I062/080 CNF tentative, CST coasting
  bool last_message = false;                     ///< I062/080 TSE: the partner ended the track
  std::optional<IcaoAddress> icao;               ///< I062/380 ADR
  std::string callsign;                          ///< I062/380 ID
  std::optional<Mode3A> mode3a;                  ///< I062/060 (validated, not garbled)
};

/// The covariance of a partner track from what its record states (nullopt: not stated) and the
/// defaults: sigma east/north (APC), the signed root of their covariance (COV), the height's
/// sigma (AGA, or the defaults by `height_source`), the velocity's sigmas (ATV). Sigmas below
/// 1 m (0.1 m/s) are raised to it and |cov(x, y)| is held below 0.99 sigma_x sigma_y, so the
/// result is always positive definite.
enum class PartnerHeightSource : std::uint8_t { kGeometric, kFlightLevel, kNone };
Covariance6 partner_covariance(
    std::optional<double> sigma_east_m, std::optional<double> sigma_north_m,
    std::optional<double> covariance_root_m, std::optional<double> sigma_height_m,
    std::optional<double> sigma_v_east_mps, std::optional<double> sigma_v_north_mps,
    PartnerHeightSource height_source, const PartnerAccuracyDefaults& defaults);

}  // namespace straja
