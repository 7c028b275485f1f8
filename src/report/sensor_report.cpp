#include "report/sensor_report.h"

namespace straja {

std::string_view to_string(SensorKind kind) {
  switch (kind) {
    case SensorKind::kPsr3d:
      return "psr3d";
    case SensorKind::kSsr:
      return "ssr";
    case SensorKind::kAdsb:
      return "adsb";
  }
  return "unknown";
}

std::optional<SensorKind> parse_sensor_kind(std::string_view text) {
  for (const SensorKind kind : {SensorKind::kPsr3d, SensorKind::kSsr, SensorKind::kAdsb}) {
    if (text == to_string(kind)) return kind;
  }
  return std::nullopt;
}

std::string_view to_string(AltitudeKind kind) {
  return kind == AltitudeKind::kGeometric ? "geometric" : "barometric";
}

std::optional<AltitudeKind> parse_altitude_kind(std::string_view text) {
  if (text == "geometric") return AltitudeKind::kGeometric;
  if (text == "barometric") return AltitudeKind::kBarometric;
  return std::nullopt;
}

std::optional<SensorIndex> SensorRegistry::find(std::string_view id) const {
  for (std::size_t i = 0; i < sensors.size(); ++i) {
    if (sensors[i].id == id) return SensorIndex{static_cast<std::uint16_t>(i)};
  }
  return std::nullopt;
}

}  // namespace straja
