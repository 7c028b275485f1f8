#include "simulation/scenario.h"

#include <cmath>
#include <filesystem>
#include <set>
#include <sstream>

#include "core/units.h"
#include "io/yaml_fields.h"
#include "scenarios/builtin_scenarios.h"
#include "simulation/stress_scenario.h"
#include "simulation/trajectory.h"

namespace straja::sim {
namespace {

using io::YamlMap;

/// A number for messages: rounded to two decimals, no exponent, no trailing zeros.
std::string number_text(double value) {
  std::ostringstream out;
  out.precision(15);
  out << std::round(value * 100.0) / 100.0;
  return out.str();
}

double probability(const YamlMap& map, std::string_view key, double fallback) {
  const double value = map.number_or(key, fallback);
  if (!(value > 0.0 && value < 1.0)) map.fail(key, "must lie strictly between 0 and 1");
  return value;
}

double latitude(const YamlMap& map, std::string_view key) {
  const double value = map.number(key);
  if (value < -90.0 || value > 90.0) map.fail(key, "latitude must lie in [-90, 90]");
  return value;
}

double longitude(const YamlMap& map, std::string_view key) {
  const double value = map.number(key);
  if (value < -180.0 || value > 180.0) map.fail(key, "longitude must lie in [-180, 180]");
  return value;
}

geo::Geodetic read_site(const YamlMap& map, std::string_view height_key) {
  return {latitude(map, "lat_deg"), longitude(map, "lon_deg"), map.number_or(height_key, 0.0)};
}

bool read_refraction(const YamlMap& map) {
  const std::string refraction = map.text_or("refraction", "four_thirds");
  if (refraction != "four_thirds" && refraction != "none") {
    map.fail("refraction", "expected four_thirds or none, got '" + refraction + "'");
  }
  return refraction == "four_thirds";
}

void read_elevation_limits(const YamlMap& map, double& min_deg, double& max_deg) {
  min_deg = map.number_or("min_elevation_deg", min_deg);
  max_deg = map.number_or("max_elevation_deg", max_deg);
  if (min_deg < -5.0 || max_deg > 90.0 || min_deg >= max_deg) {
    map.fail("max_elevation_deg", "needs -5 <= min_elevation_deg < max_elevation_deg <= 90");
  }
}

void read_psr3d(const YamlMap& map, SensorSpec& spec) {
  Psr3dParameters& p = spec.psr3d;
  const Psr3dParameters d;
  p.rotation_period_s = map.positive_or("rotation_period_s", d.rotation_period_s);
  p.range_sigma_m = map.positive_or("range_sigma_m", d.range_sigma_m);
  p.azimuth_sigma_deg = map.positive_or("azimuth_sigma_deg", d.azimuth_sigma_deg);
  p.elevation_sigma_deg = map.positive_or("elevation_sigma_deg", d.elevation_sigma_deg);
  p.max_range_m = map.positive_or("max_range_m", d.max_range_m);
  p.min_range_m = map.positive_or("min_range_m", d.min_range_m);
  if (p.min_range_m >= p.max_range_m) map.fail("min_range_m", "must be below max_range_m");
  read_elevation_limits(map, p.min_elevation_deg, p.max_elevation_deg);
  p.ceiling_m = map.positive_or("ceiling_m", d.ceiling_m);
  p.reference_range_m = map.positive_or("reference_range_m", d.reference_range_m);
  p.pd_at_reference = probability(map, "pd_at_reference", d.pd_at_reference);
  p.pfa = probability(map, "pfa", d.pfa);
  if (p.pfa >= p.pd_at_reference) map.fail("pfa", "must be below pd_at_reference");
  p.false_alarms_per_scan = map.number_or("false_alarms_per_scan", d.false_alarms_per_scan);
  if (p.false_alarms_per_scan < 0.0) map.fail("false_alarms_per_scan", "must not be negative");
  p.false_alarm_max_elevation_deg =
      map.number_or("false_alarm_max_elevation_deg", d.false_alarm_max_elevation_deg);
  p.four_thirds_earth = read_refraction(map);

  publish_psr3d_parameters(spec);
}

void read_ssr(const YamlMap& map, SensorSpec& spec) {
  SsrParameters& p = spec.ssr;
  const SsrParameters d;
  p.rotation_period_s = map.positive_or("rotation_period_s", d.rotation_period_s);
  p.range_sigma_m = map.positive_or("range_sigma_m", d.range_sigma_m);
  p.azimuth_sigma_deg = map.positive_or("azimuth_sigma_deg", d.azimuth_sigma_deg);
  p.max_range_m = map.positive_or("max_range_m", d.max_range_m);
  p.min_range_m = map.positive_or("min_range_m", d.min_range_m);
  if (p.min_range_m >= p.max_range_m) map.fail("min_range_m", "must be below max_range_m");
  read_elevation_limits(map, p.min_elevation_deg, p.max_elevation_deg);
  p.pd = map.number_or("pd", d.pd);
  if (!(p.pd > 0.0 && p.pd <= 1.0)) map.fail("pd", "must lie in (0, 1]");
  p.four_thirds_earth = read_refraction(map);

  SensorInfo& info = spec.info;
  info.range_sigma_m = p.range_sigma_m;
  info.azimuth_sigma_rad = units::deg_to_rad(p.azimuth_sigma_deg);
  info.elevation_sigma_rad = 0.0;
  info.max_range_m = p.max_range_m;
  info.rotation_period_s = p.rotation_period_s;
  info.four_thirds_earth = p.four_thirds_earth;
}

void read_adsb(const YamlMap& map, SensorSpec& spec) {
  AdsbParameters& p = spec.adsb;
  const AdsbParameters d;
  p.max_range_m = map.positive_or("max_range_m", d.max_range_m);
  p.update_interval_s = map.positive_or("update_interval_s", d.update_interval_s);
  if (p.update_interval_s < 0.1 || p.update_interval_s > 60.0) {
    map.fail("update_interval_s", "must lie in [0.1, 60] s");
  }
  p.pd = map.number_or("pd", d.pd);
  if (!(p.pd > 0.0 && p.pd <= 1.0)) map.fail("pd", "must lie in (0, 1]");
  p.four_thirds_earth = read_refraction(map);

  SensorInfo& info = spec.info;
  info.max_range_m = p.max_range_m;
  info.rotation_period_s = 0.0;
  info.four_thirds_earth = p.four_thirds_earth;
}

SensorBiases read_biases(const YamlMap& sensor, SensorKind kind) {
  SensorBiases biases;
  if (!sensor.has("biases")) {
    sensor.list("biases");  // marks the key as known when it is present but empty
    return biases;
  }
  const YamlMap map = sensor.map("biases");
  biases.time_s = map.number_or("time_s", 0.0);
  if (std::abs(biases.time_s) > 10.0) map.fail("time_s", "must lie in [-10, 10] s");
  if (kind != SensorKind::kAdsb) {
    biases.range_m = map.number_or("range_m", 0.0);
    if (std::abs(biases.range_m) > 10'000.0) map.fail("range_m", "must lie in [-10000, 10000] m");
    biases.range_gain = map.number_or("range_gain", 0.0);
    if (std::abs(biases.range_gain) > 0.01) map.fail("range_gain", "must lie in [-0.01, 0.01]");
    biases.azimuth_deg = map.number_or("azimuth_deg", 0.0);
    if (std::abs(biases.azimuth_deg) > 10.0) map.fail("azimuth_deg", "must lie in [-10, 10] deg");
  }
  if (kind == SensorKind::kPsr3d) {
    biases.elevation_deg = map.number_or("elevation_deg", 0.0);
    if (std::abs(biases.elevation_deg) > 5.0) {
      map.fail("elevation_deg", "must lie in [-5, 5] deg");
    }
  }
  map.reject_unknown_keys();
  return biases;
}

/// `outages` and `clock_jumps` of a sensor: in time order, inside the run of `duration_s`.
SensorFaults read_faults(const YamlMap& sensor, double duration_s) {
  SensorFaults faults;
  for (const YamlMap& item : sensor.list("outages")) {
    Outage outage;
    outage.start_s = item.number("start_s");
    outage.end_s = item.number("end_s");
    if (outage.start_s < 0.0 || outage.start_s >= duration_s) {
      item.fail("start_s", "must lie in [0, duration_s) of the scenario");
    }
    if (outage.end_s <= outage.start_s) item.fail("end_s", "must be after start_s");
    if (outage.end_s > duration_s) item.fail("end_s", "must not be after the scenario's end");
    if (!faults.outages.empty() && outage.start_s < faults.outages.back().end_s) {
      item.fail("start_s",
                "outages must be in time order and must not overlap (the one before ends at " +
                    number_text(faults.outages.back().end_s) + " s)");
    }
    item.reject_unknown_keys();
    faults.outages.push_back(outage);
  }
  for (const YamlMap& item : sensor.list("clock_jumps")) {
    ClockJump jump;
    jump.at_s = item.number("at_s");
    jump.jump_s = item.number("jump_s");
    if (jump.at_s < 0.0 || jump.at_s >= duration_s) {
      item.fail("at_s", "must lie in [0, duration_s) of the scenario");
    }
    if (!(jump.jump_s > 0.0 && jump.jump_s <= 60.0)) {
      item.fail("jump_s", "must lie in (0, 60] s (the clock jumps ahead: stamps become late)");
    }
    if (!faults.clock_jumps.empty() && jump.at_s <= faults.clock_jumps.back().at_s) {
      item.fail("at_s",
                "clock jumps must be in time order, one per instant (the one before is at " +
                    number_text(faults.clock_jumps.back().at_s) + " s)");
    }
    item.reject_unknown_keys();
    faults.clock_jumps.push_back(jump);
  }
  return faults;
}

SensorSpec read_sensor(const YamlMap& map, double duration_s) {
  SensorSpec spec;
  SensorInfo& info = spec.info;
  info.id = map.text("id");
  if (info.id.empty() || info.id.find_first_of(", \t\"") != std::string::npos) {
    map.fail("id", "must be a non-empty name without commas, spaces or quotes");
  }
  const std::string kind = map.text("kind");
  const auto parsed_kind = parse_sensor_kind(kind);
  if (!parsed_kind) map.fail("kind", "unknown sensor kind '" + kind + "' (psr3d, ssr, adsb)");
  info.kind = *parsed_kind;
  const auto sac = map.integer_or("sac", 0);
  const auto sic = map.integer_or("sic", 1);
  if (sac < 0 || sac > 255) map.fail("sac", "must lie in [0, 255]");
  if (sic < 0 || sic > 255) map.fail("sic", "must lie in [0, 255]");
  info.sac_sic = {static_cast<std::uint8_t>(sac), static_cast<std::uint8_t>(sic)};
  info.site = read_site(map, "height_m");
  switch (info.kind) {
    case SensorKind::kPsr3d:
      read_psr3d(map, spec);
      break;
    case SensorKind::kSsr:
      read_ssr(map, spec);
      break;
    case SensorKind::kAdsb:
      read_adsb(map, spec);
      break;
  }
  spec.biases = read_biases(map, info.kind);
  spec.faults = read_faults(map, duration_s);
  map.reject_unknown_keys();
  return spec;
}

std::string class_name(TargetClass target_class) {
  return std::string(to_string(target_class));
}

/// Speed, height and vertical-rate checks against the class (field-named errors).
void check_speed(const YamlMap& map, std::string_view key, double speed, TargetClass cls) {
  const ClassLimits& limits = class_limits(cls);
  if (speed < limits.min_speed_mps || speed > limits.max_speed_mps) {
    map.fail(key, number_text(speed) + " m/s is outside the " + class_name(cls) + " range [" +
                      number_text(limits.min_speed_mps) + ", " + number_text(limits.max_speed_mps) +
                      "] m/s");
  }
}

void check_height(const YamlMap& map, std::string_view key, double height, TargetClass cls) {
  const ClassLimits& limits = class_limits(cls);
  if (height < limits.min_alt_m || height > limits.max_alt_m) {
    map.fail(key, number_text(height) + " m is outside the " + class_name(cls) + " range [" +
                      number_text(limits.min_alt_m) + ", " + number_text(limits.max_alt_m) + "] m");
  }
}

void check_vertical_rate(const YamlMap& map, std::string_view key, double rate, TargetClass cls) {
  const ClassLimits& limits = class_limits(cls);
  if (std::abs(rate) > limits.max_vertical_rate_mps) {
    map.fail(key, number_text(std::abs(rate)) + " m/s is above the " + class_name(cls) +
                      " limit of " + number_text(limits.max_vertical_rate_mps) + " m/s");
  }
}

TurnDirection read_direction(const YamlMap& map, TurnDirection fallback) {
  if (!map.has("direction")) {
    map.text_or("direction", "");
    return fallback;
  }
  const std::string text = map.text("direction");
  if (text == "left") return TurnDirection::kLeft;
  if (text == "right") return TurnDirection::kRight;
  if (text == "shortest") return TurnDirection::kShortest;
  map.fail("direction", "expected left, right or shortest, got '" + text + "'");
}

/// One leg; `speed` is the speed commanded before it (updated to this leg's).
Leg read_leg(const YamlMap& map, TargetClass cls, double& speed) {
  const ClassLimits& limits = class_limits(cls);
  Leg leg;
  std::vector<std::string_view> ends;
  for (const std::string_view key : {"lat_deg", "turn_to_deg", "turn_by_deg", "for_s", "hold_s"}) {
    if (map.has(key)) ends.push_back(key);
  }
  if (ends.size() > 1) {
    map.fail(ends[1], "a leg ends one way only; it already has " + std::string(ends[0]));
  }
  if (map.has("lon_deg") && !map.has("lat_deg")) map.fail("lat_deg", "is required with lon_deg");

  if (map.has("alt_m")) {
    leg.alt_m = map.number("alt_m");
    check_height(map, "alt_m", *leg.alt_m, cls);
  }
  if (map.has("vertical_rate_mps")) {
    if (!leg.alt_m) map.fail("vertical_rate_mps", "needs alt_m on the same leg");
    leg.vertical_rate_mps = map.positive_or("vertical_rate_mps", 1.0);
    check_vertical_rate(map, "vertical_rate_mps", *leg.vertical_rate_mps, cls);
  }
  const double speed_before = speed;
  if (map.has("speed_mps")) {
    leg.speed_mps = map.number("speed_mps");
    check_speed(map, "speed_mps", *leg.speed_mps, cls);
    speed = *leg.speed_mps;
  }
  if (map.has("accel_mps2")) {
    if (!leg.speed_mps) map.fail("accel_mps2", "needs speed_mps on the same leg");
    leg.accel_mps2 = map.positive_or("accel_mps2", 1.0);
    if (*leg.accel_mps2 > limits.max_accel_mps2) {
      map.fail("accel_mps2", number_text(*leg.accel_mps2) + " m/s^2 is above the " +
                                 class_name(cls) + " limit of " +
                                 number_text(limits.max_accel_mps2) + " m/s^2");
    }
  }
  if (map.has("turn_rate_dps") && map.has("turn_g")) {
    map.fail("turn_g", "give turn_rate_dps or turn_g, not both");
  }
  if (map.has("turn_rate_dps")) {
    leg.turn_rate_dps = map.positive_or("turn_rate_dps", 1.0);
    if (*leg.turn_rate_dps > limits.max_turn_rate_dps) {
      map.fail("turn_rate_dps", number_text(*leg.turn_rate_dps) + " deg/s is above the " +
                                    class_name(cls) + " limit of " +
                                    number_text(limits.max_turn_rate_dps) + " deg/s");
    }
    // The load factor at the faster of the speeds this leg flies.
    const double fastest = std::max(speed_before, speed);
    const double g = load_factor(fastest, units::deg_to_rad(*leg.turn_rate_dps));
    if (g > limits.max_load_factor) {
      map.fail("turn_rate_dps", number_text(*leg.turn_rate_dps) + " deg/s at " +
                                    number_text(fastest) + " m/s is a " + number_text(g) +
                                    " g turn, above the " + class_name(cls) + " limit of " +
                                    number_text(limits.max_load_factor) + " g");
    }
  }
  if (map.has("turn_g")) {
    leg.turn_g = map.number("turn_g");
    if (!(*leg.turn_g > 1.0))
      map.fail("turn_g", "must be above 1 (a level turn pulls more than 1 g)");
    if (*leg.turn_g > limits.max_load_factor) {
      map.fail("turn_g", number_text(*leg.turn_g) + " g is above the " + class_name(cls) +
                             " limit of " + number_text(limits.max_load_factor) + " g");
    }
  }

  const std::string_view end = ends.empty() ? std::string_view() : ends[0];
  bool direction_allowed = false;
  if (end == "lat_deg") {
    leg.kind = Leg::Kind::kWaypoint;
    leg.lat_deg = latitude(map, "lat_deg");
    leg.lon_deg = longitude(map, "lon_deg");
    if (!(speed > 0.0)) {
      map.fail("lat_deg", "a waypoint leg needs a ground speed above 0 (speed_mps)");
    }
  } else if (end == "turn_to_deg") {
    leg.kind = Leg::Kind::kTurnTo;
    leg.angle_deg = map.number("turn_to_deg");
    if (leg.angle_deg < 0.0 || leg.angle_deg >= 360.0) {
      map.fail("turn_to_deg", "must lie in [0, 360)");
    }
    direction_allowed = true;
  } else if (end == "turn_by_deg") {
    leg.kind = Leg::Kind::kTurnBy;
    leg.angle_deg = map.number("turn_by_deg");
    if (leg.angle_deg == 0.0 || std::abs(leg.angle_deg) > 3600.0) {
      map.fail("turn_by_deg", "must be non-zero and at most 3600 deg either way");
    }
  } else if (end == "for_s") {
    leg.kind = Leg::Kind::kStraight;
    leg.duration_s = map.positive_or("for_s", 1.0);
  } else if (end == "hold_s") {
    leg.kind = Leg::Kind::kHold;
    leg.duration_s = map.positive_or("hold_s", 1.0);
    leg.hold_leg_s = map.positive_or("hold_leg_s", 60.0);
    direction_allowed = true;
  } else {
    leg.kind = Leg::Kind::kLevel;
    if (!leg.alt_m && !leg.speed_mps) {
      map.fail("",
               "a leg needs one of lat_deg/lon_deg, turn_to_deg, turn_by_deg, for_s, hold_s, "
               "alt_m or speed_mps");
    }
  }
  if (map.has("hold_leg_s") && leg.kind != Leg::Kind::kHold) {
    map.fail("hold_leg_s", "only for hold_s legs");
  }
  if (map.has("direction") && !direction_allowed) {
    map.fail("direction", "only for turn_to_deg and hold_s legs (turn_by_deg is signed)");
  }
  leg.direction = read_direction(
      map, leg.kind == Leg::Kind::kHold ? TurnDirection::kRight : TurnDirection::kShortest);
  map.reject_unknown_keys();
  return leg;
}

std::shared_ptr<const RecordedTrack> read_replay(const YamlMap& target, const YamlMap& map,
                                                 const std::filesystem::path& base_dir) {
  const std::string file = map.text("file");
  const std::filesystem::path path =
      std::filesystem::path(file).is_absolute() ? std::filesystem::path(file) : base_dir / file;
  const auto text = io::read_text_file(path.string());
  if (!text) map.fail("file", text.error().message);
  std::optional<std::string> icao24;
  if (map.has("icao24")) icao24 = map.text("icao24");
  auto track = read_recorded_track(*text, path.string(), icao24);
  if (!track) map.fail(icao24 ? "icao24" : "file", track.error().message);
  const double skip_s = map.number_or("skip_s", 0.0);
  if (skip_s < 0.0) map.fail("skip_s", "must not be negative");
  if (skip_s > 0.0) {
    std::vector<RecordedPoint> kept;
    for (const RecordedPoint& point : track->points) {
      if (point.t_s >= skip_s) kept.push_back(point);
    }
    if (kept.size() < 2) map.fail("skip_s", "leaves fewer than two recorded points");
    const double first = kept.front().t_s;
    for (RecordedPoint& point : kept) point.t_s -= first;
    track->first_unix_s += first;
    track->points = std::move(kept);
  }
  if (map.has("move_to")) {
    const YamlMap move = map.map("move_to");
    move_track(*track, latitude(move, "lat_deg"), longitude(move, "lon_deg"));
    move.reject_unknown_keys();
  }
  map.reject_unknown_keys();
  for (const std::string_view key :
       {"lat_deg", "lon_deg", "alt_m", "heading_deg", "speed_mps", "climb_mps", "legs"}) {
    if (target.has(key)) target.fail(key, "not used with replay (the recording gives the motion)");
  }
  return std::make_shared<const RecordedTrack>(std::move(*track));
}

bool valid_callsign(const std::string& callsign) {
  return callsign.size() <= 8 &&
         callsign.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == std::string::npos;
}

void read_equipment(const YamlMap& map, TargetSpec& spec) {
  if (map.has("mode3a")) {
    spec.mode3a = Mode3A::parse(map.text("mode3a"));
    if (!spec.mode3a) map.fail("mode3a", "expected 4 octal digits such as \"7000\"");
  }
  if (map.has("icao")) {
    spec.icao = IcaoAddress::parse(map.text("icao"));
    if (!spec.icao) map.fail("icao", "expected 6 hex digits such as \"4CA2F1\"");
  }
  spec.callsign = map.text_or("callsign", "");
  if (!valid_callsign(spec.callsign)) {
    map.fail("callsign", "expected up to 8 upper-case letters and digits");
  }
  // A replayed target takes its identity from the recording unless it gives one.
  if (spec.recording && !map.has("mode3a") && !map.has("icao") && !map.has("callsign")) {
    spec.icao = IcaoAddress::parse(spec.recording->icao24);
    if (valid_callsign(spec.recording->callsign)) spec.callsign = spec.recording->callsign;
    spec.mode3a = Mode3A::parse(spec.recording->squawk);
  }

  const Transponder fallback = spec.icao     ? Transponder::kModeS
                               : spec.mode3a ? Transponder::kModeAC
                                             : Transponder::kNone;
  const std::string transponder = map.text_or("transponder", std::string(to_string(fallback)));
  if (transponder == "none") {
    spec.transponder = Transponder::kNone;
  } else if (transponder == "mode_ac") {
    spec.transponder = Transponder::kModeAC;
  } else if (transponder == "mode_s") {
    spec.transponder = Transponder::kModeS;
  } else {
    map.fail("transponder", "expected none, mode_ac or mode_s, got '" + transponder + "'");
  }
  if (spec.transponder == Transponder::kModeS && !spec.icao) {
    map.fail("transponder", "mode_s needs the 24-bit address (icao)");
  }
  if (spec.transponder != Transponder::kModeS && map.has("icao")) {
    map.fail("icao", "a 24-bit address needs transponder: mode_s");
  }
  if (spec.transponder != Transponder::kModeS && map.has("callsign")) {
    map.fail("callsign", "a callsign needs a Mode S transponder (transponder: mode_s and icao)");
  }
  if (spec.transponder == Transponder::kNone && map.has("mode3a")) {
    map.fail("mode3a", "a Mode 3/A code needs a transponder (mode_ac or mode_s)");
  }
  if (spec.transponder != Transponder::kModeS) {
    spec.icao.reset();
    spec.callsign.clear();
  }
  if (spec.transponder == Transponder::kNone) spec.mode3a.reset();
  if (spec.transponder != Transponder::kNone && !spec.mode3a) spec.mode3a = Mode3A{07000};

  const bool adsb_default =
      spec.transponder == Transponder::kModeS && (spec.target_class == TargetClass::kAirliner ||
                                                  spec.target_class == TargetClass::kBusinessJet);
  spec.adsb = map.boolean_or("adsb", adsb_default);
  if (spec.adsb && spec.transponder != Transponder::kModeS) {
    map.fail("adsb", "ADS-B (1090 extended squitter) needs a Mode S transponder and icao");
  }
  for (const std::string_view key : {"nacp", "nacv"}) {
    if (map.has(key) && !spec.adsb) map.fail(key, "only for ADS-B equipped targets (adsb: true)");
  }
  const auto nacp = map.integer_or("nacp", spec.nacp);
  if (nacp < 0 || nacp > 11) map.fail("nacp", "must lie in [0, 11]");
  spec.nacp = static_cast<int>(nacp);
  const auto nacv = map.integer_or("nacv", spec.nacv);
  if (nacv < 0 || nacv > 4) map.fail("nacv", "must lie in [0, 4]");
  spec.nacv = static_cast<int>(nacv);
}

TargetSpec read_target(const YamlMap& map, const Scenario& scenario,
                       const std::filesystem::path& base_dir) {
  TargetSpec spec;
  const auto id = map.integer("id");
  if (id < 0 || id > 0xFFFFFFFF) map.fail("id", "must be a whole number in [0, 2^32)");
  spec.id = static_cast<std::uint32_t>(id);
  const std::string name = map.text("class");
  const auto target_class = parse_target_class(name);
  if (!target_class) {
    map.fail("class", "unknown class '" + name +
                          "' (airliner, business_jet, general_aviation, helicopter, fast_jet, "
                          "multirotor_uav, fixed_wing_uav, balloon)");
  }
  const TargetClass cls = *target_class;
  spec.target_class = cls;
  spec.start_s = map.number_or("start_s", 0.0);
  if (spec.start_s < 0.0 || spec.start_s > scenario.duration_s) {
    map.fail("start_s", "must lie within the scenario's duration");
  }
  if (map.has("end_s")) {
    spec.end_s = map.number("end_s");
    if (*spec.end_s <= spec.start_s) map.fail("end_s", "must be after start_s");
  }
  spec.rcs_m2 = map.positive_or("rcs_m2", typical_rcs_m2(cls));

  if (map.has("replay")) {
    spec.recording = read_replay(map, map.map("replay"), base_dir);
    spec.start = spec.recording->points.front().position;
  } else {
    spec.start = read_site(map, "alt_m");
    check_height(map, "alt_m", spec.start.height_m, cls);
    spec.heading_deg = map.number_or("heading_deg", 0.0);
    if (spec.heading_deg < -360.0 || spec.heading_deg > 360.0) {
      map.fail("heading_deg", "must lie in [-360, 360]");
    }
    spec.speed_mps = map.number_or("speed_mps", 0.0);
    check_speed(map, "speed_mps", spec.speed_mps, cls);
    spec.climb_mps = map.number_or("climb_mps", 0.0);
    check_vertical_rate(map, "climb_mps", spec.climb_mps, cls);
    double speed = spec.speed_mps;
    for (const YamlMap& leg : map.list("legs")) spec.legs.push_back(read_leg(leg, cls, speed));
  }
  read_equipment(map, spec);
  map.reject_unknown_keys();

  // Heights over the whole flight: only a climb that nothing levels off can leave the class's
  // range (every leg's alt_m was checked above).
  if (spec.climb_mps != 0.0 && !spec.recording) {
    const Trajectory trajectory(spec, scenario.start, scenario.end());
    const auto [lowest, highest] = trajectory.height_range_m();
    const ClassLimits& limits = class_limits(cls);
    if (highest > limits.max_alt_m || lowest < limits.min_alt_m) {
      const double bad = highest > limits.max_alt_m ? highest : lowest;
      map.fail("climb_mps", "the target reaches " + number_text(bad) + " m, outside the " +
                                class_name(cls) + " range [" + number_text(limits.min_alt_m) +
                                ", " + number_text(limits.max_alt_m) +
                                "] m (level off with a leg's alt_m, or end it sooner)");
    }
  }
  return spec;
}

Environment read_environment(const YamlMap& root, const std::filesystem::path& base_dir) {
  Environment environment;
  if (!root.has("environment")) {
    root.list("environment");
    return environment;
  }
  const YamlMap map = root.map("environment");
  environment.atmosphere = io::read_atmosphere(map, environment.atmosphere);
  if (map.has("dem")) {
    for (const std::string& file : map.texts("dem")) {
      const std::filesystem::path path =
          std::filesystem::path(file).is_absolute() ? std::filesystem::path(file) : base_dir / file;
      environment.dem_files.push_back(path.string());
    }
    auto terrain = geo::SrtmTerrain::load(environment.dem_files);
    if (!terrain) map.fail("dem", terrain.error().message);
    environment.terrain = std::make_shared<const geo::SrtmTerrain>(std::move(*terrain));
  }
  map.reject_unknown_keys();
  return environment;
}

Scenario read_scenario(const YamlMap& root, const std::filesystem::path& base_dir) {
  Scenario scenario;
  scenario.name = root.text("name");
  const YamlMap reference = root.map("reference");
  scenario.reference = read_site(reference, "height_m");
  reference.reject_unknown_keys();
  const std::string start = root.text("start");
  const auto start_time = parse_iso8601(start);
  if (!start_time) root.fail("start", start_time.error().message);
  scenario.start = *start_time;
  scenario.duration_s = root.positive_or("duration_s", 600.0);
  if (scenario.duration_s > 7 * 86'400.0) root.fail("duration_s", "must be at most 7 days");
  const auto seed = root.integer_or("seed", 1);
  if (seed < 0) root.fail("seed", "must not be negative");
  scenario.seed = static_cast<std::uint64_t>(seed);
  scenario.environment = read_environment(root, base_dir);

  std::set<std::string> sensor_ids;
  for (const YamlMap& item : root.list("sensors")) {
    scenario.sensors.push_back(read_sensor(item, scenario.duration_s));
    if (!sensor_ids.insert(scenario.sensors.back().info.id).second) {
      item.fail("id", "duplicate sensor id '" + scenario.sensors.back().info.id + "'");
    }
  }
  if (scenario.sensors.empty()) root.fail("sensors", "at least one sensor is required");
  if (scenario.sensors.size() > 0xFFFF) root.fail("sensors", "too many sensors");
  std::set<std::uint32_t> target_ids;
  for (const YamlMap& item : root.list("targets")) {
    scenario.targets.push_back(read_target(item, scenario, base_dir));
    if (!target_ids.insert(scenario.targets.back().id).second) {
      item.fail("id", "duplicate target id " + std::to_string(scenario.targets.back().id));
    }
  }
  root.reject_unknown_keys();
  return scenario;
}

}  // namespace

void publish_psr3d_parameters(SensorSpec& spec) {
  const Psr3dParameters& p = spec.psr3d;
  SensorInfo& info = spec.info;
  info.range_sigma_m = p.range_sigma_m;
  info.azimuth_sigma_rad = units::deg_to_rad(p.azimuth_sigma_deg);
  info.elevation_sigma_rad = units::deg_to_rad(p.elevation_sigma_deg);
  info.max_range_m = p.max_range_m;
  info.rotation_period_s = p.rotation_period_s;
  info.four_thirds_earth = p.four_thirds_earth;
}

std::string_view to_string(Transponder transponder) {
  switch (transponder) {
    case Transponder::kNone:
      return "none";
    case Transponder::kModeAC:
      return "mode_ac";
    case Transponder::kModeS:
      return "mode_s";
  }
  return "none";
}

SensorRegistry Scenario::registry() const {
  SensorRegistry registry;
  for (const SensorSpec& sensor : sensors) registry.sensors.push_back(sensor.info);
  return registry;
}

Result<Scenario> parse_scenario(std::string_view yaml_text, const std::string& source_name) {
  // Files a scenario names (replay) are found beside it; for text without a file, from the
  // current directory.
  std::filesystem::path base_dir = std::filesystem::path(source_name).parent_path();
  if (source_name.rfind("built-in:", 0) == 0) base_dir.clear();
  auto scenario = io::read_yaml_text<Scenario>(
      yaml_text, source_name, [&](const YamlMap& root) { return read_scenario(root, base_dir); });
  if (scenario) scenario->source = source_name;
  return scenario;
}

Result<Scenario> load_scenario_file(const std::string& path) {
  auto text = io::read_text_file(path);
  if (!text) return text.error();
  return parse_scenario(*text, path);
}

Result<Scenario> find_scenario(const std::string& name_or_path) {
  std::error_code ignored;
  if (std::filesystem::is_regular_file(name_or_path, ignored)) {
    return load_scenario_file(name_or_path);
  }
  if (const auto text = scenarios::builtin_scenario_text(name_or_path)) {
    return parse_scenario(*text, "built-in:" + name_or_path);
  }
  if (name_or_path == "stress") return stress_scenario(StressParameters{});
  std::string names = "stress";
  for (const auto name : scenarios::builtin_scenario_names()) {
    names += ", ";
    names += name;
  }
  return make_error(ErrorCode::kNotFound, "'" + name_or_path +
                                              "' is neither a scenario file nor a built-in "
                                              "scenario (built-in: " +
                                              names + ")");
}

}  // namespace straja::sim
