#pragma once
// Value types for what the system believes (track reports, the rows of tracks.csv) and what was
// really there (truth states, the rows of truth.csv). Positions are WGS84; velocities are east,
// north, up components in the local ENU frame at the object's own position, m/s.

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "core/ids.h"
#include "core/time.h"
#include "geo/geodetic.h"

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

struct TrackReport {
  Time time{};
  TrackId id{};
  geo::Geodetic position;
  geo::Vec3 velocity_enu_mps = geo::Vec3::Zero();
  TrackStatus status = TrackStatus::kTentative;
  std::optional<IcaoAddress> icao;
  std::string callsign;
  std::optional<Mode3A> mode3a;
};

struct TruthState {
  Time time{};
  TargetId id{};
  geo::Geodetic position;
  geo::Vec3 velocity_enu_mps = geo::Vec3::Zero();
  TargetClass target_class = TargetClass::kAirliner;
};

}  // namespace straja
