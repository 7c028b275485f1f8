#include "simulation/stress_scenario.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <sstream>
#include <string>

#include "core/units.h"

namespace straja::sim {
namespace {

constexpr double kCentreLatDeg = 47.0;
constexpr double kCentreLonDeg = 28.5;
constexpr double kRadarRingM = 80'000.0;
constexpr double kTargetDiscM = 150'000.0;
constexpr double kMetresPerDegree = 111'195.0;  // mean earth radius: placement only
constexpr double kRadarHeightM = 300.0;
constexpr std::uint8_t kRadarSac = 99;
constexpr const char* kStart = "2026-06-01T10:00:00Z";
/// Significant digits of every non-integer number in the YAML text; the generated values are
/// rounded to them, so that the text reads back to the very same scenario.
constexpr int kYamlDigits = 10;

/// How often each class is drawn, and the heights and speeds it flies at (within its limits).
struct ClassProfile {
  TargetClass target_class;
  double weight;
  double min_alt_m, max_alt_m;
  double min_speed_mps, max_speed_mps;
};
constexpr std::array<ClassProfile, 8> kProfiles = {{
    {TargetClass::kAirliner, 40, 6'000, 12'500, 180, 250},
    {TargetClass::kBusinessJet, 10, 8'000, 14'000, 170, 240},
    {TargetClass::kGeneralAviation, 15, 500, 3'000, 40, 80},
    {TargetClass::kHelicopter, 8, 150, 1'500, 30, 70},
    {TargetClass::kFastJet, 5, 1'000, 12'000, 200, 400},
    {TargetClass::kMultirotorUav, 8, 100, 800, 5, 20},
    {TargetClass::kFixedWingUav, 8, 200, 2'000, 20, 45},
    {TargetClass::kBalloon, 6, 1'000, 15'000, 2, 20},
}};

/// `value` as the YAML text gives it back: rounded to kYamlDigits significant digits (the
/// stream's precision(kYamlDigits) prints the same digits, and reading them is exact rounding).
double as_written(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*g", kYamlDigits, value);
  return std::strtod(text, nullptr);
}

/// A point at `distance_m` and `bearing_rad` from the centre (flat approximation: placement
/// only, every position is exact once generated), rounded as written.
geo::Geodetic offset(double distance_m, double bearing_rad, double height_m) {
  const double lat = kCentreLatDeg + distance_m * std::cos(bearing_rad) / kMetresPerDegree;
  const double lon = kCentreLonDeg + distance_m * std::sin(bearing_rad) /
                                         (kMetresPerDegree * std::cos(units::deg_to_rad(lat)));
  return {as_written(lat), as_written(lon), height_m};
}

Error out_of_range(const std::string& what) {
  return make_error(ErrorCode::kOutOfRange, "stress: " + what);
}

/// A GM200-class 3D radar with the psr3d defaults (what the scenario reader fills in).
SensorSpec radar(int index, const geo::Geodetic& site, double false_alarms_per_scan) {
  SensorSpec spec;
  char id[16];
  std::snprintf(id, sizeof id, "psr-%02d", index + 1);
  SensorInfo& info = spec.info;
  info.id = id;
  info.kind = SensorKind::kPsr3d;
  info.sac_sic = {kRadarSac, static_cast<std::uint8_t>(index + 1)};
  info.site = site;
  spec.psr3d.false_alarms_per_scan = false_alarms_per_scan;
  publish_psr3d_parameters(spec);
  return spec;
}

/// Identity by class: airliners and business jets Mode S with ADS-B out, light aircraft Mode
/// A/C, the rest no transponder (the reader's defaults for what the YAML text gives).
void equip(TargetSpec& target) {
  const unsigned code = target.id % 4096u;  // Mode 3/A, octal digits, 37xx avoided
  const Mode3A mode3a{static_cast<std::uint16_t>(code >= 03700u ? code - 01000u : code)};
  switch (target.target_class) {
    case TargetClass::kAirliner:
    case TargetClass::kBusinessJet:
      target.transponder = Transponder::kModeS;
      target.icao = IcaoAddress{0x100000u + target.id};
      target.callsign = "S" + std::to_string(target.id);
      target.mode3a = mode3a;
      target.adsb = true;
      break;
    case TargetClass::kGeneralAviation:
      target.transponder = Transponder::kModeAC;
      target.mode3a = mode3a;
      break;
    default:
      target.transponder = Transponder::kNone;
      break;
  }
}

}  // namespace

Result<Scenario> stress_scenario(const StressParameters& p) {
  if (p.targets < 0 || p.targets > 100'000) return out_of_range("targets: expected 0-100000");
  if (p.radars < 1 || p.radars > 64) return out_of_range("radars: expected 1-64");
  if (!(p.duration_s > 0.0 && p.duration_s <= 86'400.0)) {
    return out_of_range("duration: expected (0, 86400] s");
  }
  if (!(p.false_alarms_per_scan >= 0.0 && p.false_alarms_per_scan <= 1e6)) {
    return out_of_range("clutter: expected 0-1000000 false plots per rotation");
  }
  Scenario scenario;
  scenario.name = "stress";
  scenario.source = "built-in:stress";
  scenario.reference = {kCentreLatDeg, kCentreLonDeg, 0.0};
  scenario.start = *parse_iso8601(kStart);
  scenario.duration_s = as_written(p.duration_s);
  scenario.seed = p.seed;
  for (int i = 0; i < p.radars; ++i) {
    const double ring = p.radars == 1 ? 0.0 : kRadarRingM;
    scenario.sensors.push_back(radar(i,
                                     offset(ring, 2.0 * units::kPi * i / p.radars, kRadarHeightM),
                                     as_written(p.false_alarms_per_scan)));
  }

  // Every draw in this order, per target: class, bearing, distance, height, heading, speed,
  // straight stretch, turn angle and direction (drawn for every target, used by one in four).
  std::mt19937_64 rng(p.seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  auto between = [&](double low, double high) { return low + (high - low) * uniform(rng); };
  std::array<double, kProfiles.size()> weights{};
  for (std::size_t i = 0; i < kProfiles.size(); ++i) weights[i] = kProfiles[i].weight;
  std::discrete_distribution<std::size_t> pick_class(weights.begin(), weights.end());
  scenario.targets.reserve(static_cast<std::size_t>(p.targets));
  for (int i = 0; i < p.targets; ++i) {
    const ClassProfile& profile = kProfiles[pick_class(rng)];
    TargetSpec target;
    target.id = static_cast<std::uint32_t>(i + 1);
    target.target_class = profile.target_class;
    target.rcs_m2 = typical_rcs_m2(profile.target_class);
    const double bearing_rad = 2.0 * units::kPi * uniform(rng);
    const double distance_m = kTargetDiscM * std::sqrt(uniform(rng));
    target.start = offset(distance_m, bearing_rad, 0.0);
    target.start.height_m = std::round(between(profile.min_alt_m, profile.max_alt_m));
    target.heading_deg = std::round(between(0.0, 359.0));
    target.speed_mps = std::round(between(profile.min_speed_mps, profile.max_speed_mps));
    equip(target);
    const double straight_s = between(0.1, 0.5) * p.duration_s;
    const double turn_deg = std::round(between(30.0, 180.0)) * (uniform(rng) < 0.5 ? -1 : 1);
    if (i % 4 == 3) {
      Leg straight;
      straight.kind = Leg::Kind::kStraight;
      straight.duration_s = std::max(1.0, std::round(straight_s));
      Leg turn;
      turn.kind = Leg::Kind::kTurnBy;
      turn.angle_deg = turn_deg;
      target.legs = {straight, turn};
    }
    scenario.targets.push_back(std::move(target));
  }
  return scenario;
}

Result<std::string> stress_scenario_yaml(const StressParameters& parameters) {
  const auto scenario = stress_scenario(parameters);
  if (!scenario) return scenario.error();
  std::ostringstream yaml;
  yaml.precision(kYamlDigits);
  yaml << "# Generated by the stress generator: " << parameters.targets << " targets, "
       << parameters.radars << " radars, seed " << parameters.seed
       << " (src/simulation/stress_scenario.h)\n"
       << "name: " << scenario->name << "\n"
       << "reference: {lat_deg: " << scenario->reference.lat_deg
       << ", lon_deg: " << scenario->reference.lon_deg << "}\n"
       << "start: " << kStart << "\n"
       << "duration_s: " << scenario->duration_s << "\n"
       << "seed: " << scenario->seed << "\n"
       << "sensors:\n";
  for (const SensorSpec& sensor : scenario->sensors) {
    const SensorInfo& info = sensor.info;
    yaml << "  - {id: " << info.id << ", kind: psr3d, sac: " << int{info.sac_sic.sac}
         << ", sic: " << int{info.sac_sic.sic} << ", lat_deg: " << info.site.lat_deg
         << ", lon_deg: " << info.site.lon_deg << ", height_m: " << info.site.height_m
         << ", false_alarms_per_scan: " << sensor.psr3d.false_alarms_per_scan << "}\n";
  }
  yaml << "targets:\n";
  if (scenario->targets.empty()) yaml << "  []\n";
  for (const TargetSpec& target : scenario->targets) {
    yaml << "  - {id: " << target.id << ", class: " << to_string(target.target_class)
         << ", lat_deg: " << target.start.lat_deg << ", lon_deg: " << target.start.lon_deg
         << ", alt_m: " << target.start.height_m << ", heading_deg: " << target.heading_deg
         << ", speed_mps: " << target.speed_mps;
    char mode3a[16] = "";
    if (target.mode3a) std::snprintf(mode3a, sizeof mode3a, "%04o", unsigned{target.mode3a->value});
    if (target.icao) {
      char icao[16];
      std::snprintf(icao, sizeof icao, "%06X", unsigned{target.icao->value});
      yaml << ", icao: \"" << icao << "\", callsign: \"" << target.callsign << "\", mode3a: \""
           << mode3a << "\"";
    } else if (target.mode3a) {
      yaml << ", mode3a: \"" << mode3a << "\"";
    } else {
      yaml << ", transponder: none";
    }
    if (!target.legs.empty()) {
      yaml << ", legs: [{for_s: " << target.legs[0].duration_s
           << "}, {turn_by_deg: " << target.legs[1].angle_deg << "}]";
    }
    yaml << "}\n";
  }
  return yaml.str();
}

}  // namespace straja::sim
