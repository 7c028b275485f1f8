#include "report/air_picture.h"

namespace straja {

std::string_view to_string(TrackStatus status) {
  switch (status) {
    case TrackStatus::kTentative:
      return "tentative";
    case TrackStatus::kConfirmed:
      return "confirmed";
    case TrackStatus::kCoasting:
      return "coasting";
  }
  return "unknown";
}

std::optional<TrackStatus> parse_track_status(std::string_view text) {
  for (const TrackStatus status :
       {TrackStatus::kTentative, TrackStatus::kConfirmed, TrackStatus::kCoasting}) {
    if (text == to_string(status)) return status;
  }
  return std::nullopt;
}

std::string_view to_string(TargetClass target_class) {
  switch (target_class) {
    case TargetClass::kAirliner:
      return "airliner";
    case TargetClass::kBusinessJet:
      return "business_jet";
    case TargetClass::kGeneralAviation:
      return "general_aviation";
    case TargetClass::kHelicopter:
      return "helicopter";
    case TargetClass::kFastJet:
      return "fast_jet";
    case TargetClass::kMultirotorUav:
      return "multirotor_uav";
    case TargetClass::kFixedWingUav:
      return "fixed_wing_uav";
    case TargetClass::kBalloon:
      return "balloon";
  }
  return "unknown";
}

std::optional<TargetClass> parse_target_class(std::string_view text) {
  for (const TargetClass target_class : kAllTargetClasses) {
    if (text == to_string(target_class)) return target_class;
  }
  return std::nullopt;
}

UpdateTechnology update_technology(const Plot& plot) {
  switch (plot.kind) {
    case SensorKind::kPsr3d:
      return UpdateTechnology::kPsr;
    case SensorKind::kSsr:
      return plot.icao ? UpdateTechnology::kModeS : UpdateTechnology::kSsr;
    case SensorKind::kAdsb:
      break;
  }
  return UpdateTechnology::kAdsb;
}

void TrackUpdates::note(const Plot& plot) {
  const UpdateTechnology technology = update_technology(plot);
  last_by_technology[static_cast<std::size_t>(technology)] = plot.time;
  if (technology != UpdateTechnology::kAdsb) last_radar_plot = MeasuredPlot::of(plot);
  if (measured(plot.alt_m) && plot.alt_kind == AltitudeKind::kBarometric) {
    barometric_alt_m = plot.alt_m;
  }
  if (plot.sensor.value < 64) sensors |= std::uint64_t{1} << plot.sensor.value;
}

}  // namespace straja
