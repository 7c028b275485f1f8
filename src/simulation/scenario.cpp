#include "simulation/scenario.h"

#include <filesystem>
#include <set>

#include "core/units.h"
#include "io/yaml_fields.h"
#include "scenarios/builtin_scenarios.h"

namespace straja::sim {
namespace {

using io::YamlMap;

double positive(const YamlMap& map, std::string_view key, double fallback) {
  const double value = map.number_or(key, fallback);
  if (!(value > 0.0)) map.fail(key, "must be greater than zero");
  return value;
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

SensorSpec read_sensor(const YamlMap& map) {
  SensorSpec spec;
  SensorInfo& info = spec.info;
  info.id = map.text("id");
  if (info.id.empty() || info.id.find_first_of(", \t\"") != std::string::npos) {
    map.fail("id", "must be a non-empty name without commas, spaces or quotes");
  }
  const std::string kind = map.text("kind");
  const auto parsed_kind = parse_sensor_kind(kind);
  if (!parsed_kind) map.fail("kind", "unknown sensor kind '" + kind + "' (psr3d, ssr, adsb)");
  if (*parsed_kind != SensorKind::kPsr3d) {
    map.fail("kind", "sensor kind '" + kind + "' is not simulated yet (psr3d is)");
  }
  info.kind = *parsed_kind;
  const auto sac = map.integer_or("sac", 0);
  const auto sic = map.integer_or("sic", 1);
  if (sac < 0 || sac > 255) map.fail("sac", "must lie in [0, 255]");
  if (sic < 0 || sic > 255) map.fail("sic", "must lie in [0, 255]");
  info.sac_sic = {static_cast<std::uint8_t>(sac), static_cast<std::uint8_t>(sic)};
  info.site = read_site(map, "height_m");

  Psr3dParameters& p = spec.psr3d;
  const Psr3dParameters d;
  p.rotation_period_s = positive(map, "rotation_period_s", d.rotation_period_s);
  p.range_sigma_m = positive(map, "range_sigma_m", d.range_sigma_m);
  p.azimuth_sigma_deg = positive(map, "azimuth_sigma_deg", d.azimuth_sigma_deg);
  p.elevation_sigma_deg = positive(map, "elevation_sigma_deg", d.elevation_sigma_deg);
  p.max_range_m = positive(map, "max_range_m", d.max_range_m);
  p.min_range_m = positive(map, "min_range_m", d.min_range_m);
  if (p.min_range_m >= p.max_range_m) map.fail("min_range_m", "must be below max_range_m");
  p.min_elevation_deg = map.number_or("min_elevation_deg", d.min_elevation_deg);
  p.max_elevation_deg = map.number_or("max_elevation_deg", d.max_elevation_deg);
  if (p.min_elevation_deg < -5.0 || p.max_elevation_deg > 90.0 ||
      p.min_elevation_deg >= p.max_elevation_deg) {
    map.fail("max_elevation_deg", "needs -5 <= min_elevation_deg < max_elevation_deg <= 90");
  }
  p.ceiling_m = positive(map, "ceiling_m", d.ceiling_m);
  p.reference_range_m = positive(map, "reference_range_m", d.reference_range_m);
  p.pd_at_reference = probability(map, "pd_at_reference", d.pd_at_reference);
  p.pfa = probability(map, "pfa", d.pfa);
  if (p.pfa >= p.pd_at_reference) map.fail("pfa", "must be below pd_at_reference");
  p.false_alarms_per_scan = map.number_or("false_alarms_per_scan", d.false_alarms_per_scan);
  if (p.false_alarms_per_scan < 0.0) map.fail("false_alarms_per_scan", "must not be negative");
  p.false_alarm_max_elevation_deg =
      map.number_or("false_alarm_max_elevation_deg", d.false_alarm_max_elevation_deg);
  const std::string refraction = map.text_or("refraction", "four_thirds");
  if (refraction != "four_thirds" && refraction != "none") {
    map.fail("refraction", "expected four_thirds or none, got '" + refraction + "'");
  }
  p.four_thirds_earth = refraction == "four_thirds";
  map.reject_unknown_keys();

  info.range_sigma_m = p.range_sigma_m;
  info.azimuth_sigma_rad = units::deg_to_rad(p.azimuth_sigma_deg);
  info.elevation_sigma_rad = units::deg_to_rad(p.elevation_sigma_deg);
  info.max_range_m = p.max_range_m;
  info.rotation_period_s = p.rotation_period_s;
  info.four_thirds_earth = p.four_thirds_earth;
  return spec;
}

TargetSpec read_target(const YamlMap& map, double scenario_duration_s) {
  TargetSpec spec;
  const auto id = map.integer("id");
  if (id < 0 || id > 0xFFFFFFFF) map.fail("id", "must be a whole number in [0, 2^32)");
  spec.id = static_cast<std::uint32_t>(id);
  const std::string class_name = map.text("class");
  const auto target_class = parse_target_class(class_name);
  if (!target_class) {
    map.fail("class", "unknown class '" + class_name +
                          "' (airliner, business_jet, general_aviation, helicopter, fast_jet, "
                          "multirotor_uav, fixed_wing_uav, balloon)");
  }
  spec.target_class = *target_class;
  spec.start = read_site(map, "alt_m");
  if (spec.start.height_m < -500.0 || spec.start.height_m > 30'000.0) {
    map.fail("alt_m", "must lie in [-500, 30000] m");
  }
  spec.heading_deg = map.number_or("heading_deg", 0.0);
  spec.speed_mps = map.number_or("speed_mps", 0.0);
  if (spec.speed_mps < 0.0 || spec.speed_mps > 1'000.0) {
    map.fail("speed_mps", "must lie in [0, 1000] m/s");
  }
  spec.climb_mps = map.number_or("climb_mps", 0.0);
  spec.start_s = map.number_or("start_s", 0.0);
  if (spec.start_s < 0.0 || spec.start_s > scenario_duration_s) {
    map.fail("start_s", "must lie within the scenario's duration");
  }
  if (map.has("end_s")) {
    spec.end_s = map.number("end_s");
    if (*spec.end_s <= spec.start_s) map.fail("end_s", "must be after start_s");
  }
  spec.rcs_m2 = positive(map, "rcs_m2", typical_rcs_m2(spec.target_class));
  if (map.has("mode3a")) {
    spec.mode3a = Mode3A::parse(map.text("mode3a"));
    if (!spec.mode3a) map.fail("mode3a", "expected 4 octal digits such as \"7000\"");
  }
  if (map.has("icao")) {
    spec.icao = IcaoAddress::parse(map.text("icao"));
    if (!spec.icao) map.fail("icao", "expected 6 hex digits such as \"4CA2F1\"");
  }
  spec.callsign = map.text_or("callsign", "");
  if (spec.callsign.size() > 8 ||
      spec.callsign.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") !=
          std::string::npos) {
    map.fail("callsign", "expected up to 8 upper-case letters and digits");
  }
  map.reject_unknown_keys();
  return spec;
}

Scenario read_scenario(const YamlMap& root) {
  Scenario scenario;
  scenario.name = root.text("name");
  const YamlMap reference = root.map("reference");
  scenario.reference = read_site(reference, "height_m");
  reference.reject_unknown_keys();
  const std::string start = root.text("start");
  const auto start_time = parse_iso8601(start);
  if (!start_time) root.fail("start", start_time.error().message);
  scenario.start = *start_time;
  scenario.duration_s = positive(root, "duration_s", 600.0);
  if (scenario.duration_s > 7 * 86'400.0) root.fail("duration_s", "must be at most 7 days");
  const auto seed = root.integer_or("seed", 1);
  if (seed < 0) root.fail("seed", "must not be negative");
  scenario.seed = static_cast<std::uint64_t>(seed);

  std::set<std::string> sensor_ids;
  for (const YamlMap& item : root.list("sensors")) {
    scenario.sensors.push_back(read_sensor(item));
    if (!sensor_ids.insert(scenario.sensors.back().info.id).second) {
      item.fail("id", "duplicate sensor id '" + scenario.sensors.back().info.id + "'");
    }
  }
  if (scenario.sensors.empty()) root.fail("sensors", "at least one sensor is required");
  if (scenario.sensors.size() > 0xFFFF) root.fail("sensors", "too many sensors");
  std::set<std::uint32_t> target_ids;
  for (const YamlMap& item : root.list("targets")) {
    scenario.targets.push_back(read_target(item, scenario.duration_s));
    if (!target_ids.insert(scenario.targets.back().id).second) {
      item.fail("id", "duplicate target id " + std::to_string(scenario.targets.back().id));
    }
  }
  root.reject_unknown_keys();
  return scenario;
}

}  // namespace

double typical_rcs_m2(TargetClass target_class) {
  switch (target_class) {
    case TargetClass::kAirliner:
      return 40.0;
    case TargetClass::kBusinessJet:
      return 5.0;
    case TargetClass::kGeneralAviation:
      return 2.0;
    case TargetClass::kHelicopter:
      return 5.0;
    case TargetClass::kFastJet:
      return 3.0;
    case TargetClass::kMultirotorUav:
      return 0.02;
    case TargetClass::kFixedWingUav:
      return 0.1;
    case TargetClass::kBalloon:
      return 0.5;
  }
  return 1.0;
}

SensorRegistry Scenario::registry() const {
  SensorRegistry registry;
  for (const SensorSpec& sensor : sensors) registry.sensors.push_back(sensor.info);
  return registry;
}

Result<Scenario> parse_scenario(std::string_view yaml_text, const std::string& source_name) {
  auto scenario = io::read_yaml_text<Scenario>(yaml_text, source_name, read_scenario);
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
  std::string names;
  for (const auto name : scenarios::builtin_scenario_names()) {
    names += names.empty() ? "" : ", ";
    names += name;
  }
  return make_error(ErrorCode::kNotFound, "'" + name_or_path +
                                              "' is neither a scenario file nor a built-in "
                                              "scenario (built-in: " +
                                              names + ")");
}

}  // namespace straja::sim
