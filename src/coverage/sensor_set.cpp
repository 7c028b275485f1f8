#include "coverage/sensor_set.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>

#include "io/sensors_file.h"

namespace straja::coverage {
namespace {

bool looks_like_scenario(const std::string& path) {
  try {
    const YAML::Node root = YAML::LoadFile(path);
    return root.IsMap() && (root["reference"] || root["targets"]);
  } catch (const std::exception&) {
    return false;  // the sensors-file reader reports the YAML error with its line
  }
}

SensorSet from_scenario(const sim::Scenario& scenario) {
  SensorSet set;
  set.source = scenario.source;
  set.sensors = scenario.sensors;
  set.terrain = scenario.environment.terrain;
  set.dem_files = scenario.environment.dem_files;
  return set;
}

}  // namespace

sim::SensorSpec spec_from_sensors_file(const SensorInfo& info, double update_interval_s) {
  sim::SensorSpec spec;
  spec.info = info;
  switch (info.kind) {
    case SensorKind::kPsr3d:
      if (info.max_range_m > 0) spec.psr3d.max_range_m = info.max_range_m;
      if (info.rotation_period_s > 0) spec.psr3d.rotation_period_s = info.rotation_period_s;
      spec.psr3d.four_thirds_earth = info.four_thirds_earth;
      break;
    case SensorKind::kSsr:
      if (info.max_range_m > 0) spec.ssr.max_range_m = info.max_range_m;
      if (info.rotation_period_s > 0) spec.ssr.rotation_period_s = info.rotation_period_s;
      spec.ssr.four_thirds_earth = info.four_thirds_earth;
      break;
    case SensorKind::kAdsb:
      if (info.max_range_m > 0) spec.adsb.max_range_m = info.max_range_m;
      if (update_interval_s > 0) spec.adsb.update_interval_s = update_interval_s;
      spec.adsb.four_thirds_earth = info.four_thirds_earth;
      break;
  }
  return spec;
}

Result<SensorSet> load_sensor_set(const std::string& name_or_path) {
  std::error_code ignored;
  if (!std::filesystem::is_regular_file(name_or_path, ignored) ||
      looks_like_scenario(name_or_path)) {
    auto scenario = sim::find_scenario(name_or_path);
    if (!scenario) return scenario.error();
    SensorSet set = from_scenario(*scenario);
    if (set.sensors.empty()) {
      return make_error(ErrorCode::kInvalidValue, name_or_path + ": the scenario has no sensors");
    }
    return set;
  }
  auto file = io::read_sensors_file(name_or_path);
  if (!file) return file.error();
  SensorSet set;
  set.source = name_or_path;
  for (const io::SensorsFileEntry& entry : file->sensors) {
    set.sensors.push_back(spec_from_sensors_file(entry.info, entry.update_interval_s));
  }
  if (set.sensors.empty()) {
    return make_error(ErrorCode::kInvalidValue, name_or_path + ": no sensors listed");
  }
  const sim::Psr3dParameters psr;
  const sim::SsrParameters ssr;
  const sim::AdsbParameters adsb;
  set.notes.push_back(
      "sensors.yaml gives sites and ranges only; the detection parameters are the simulator's "
      "defaults: psr3d reference range " +
      std::to_string(static_cast<int>(psr.reference_range_m)) + " m with Pd " +
      std::to_string(psr.pd_at_reference).substr(0, 4) +
      " for 1 m^2, Pfa 1e-6, "
      "elevation " +
      std::to_string(static_cast<int>(psr.min_elevation_deg)) + " to " +
      std::to_string(static_cast<int>(psr.max_elevation_deg)) + " deg, ceiling " +
      std::to_string(static_cast<int>(psr.ceiling_m)) + " m; ssr Pd " +
      std::to_string(ssr.pd).substr(0, 4) + ", elevation " +
      std::to_string(static_cast<int>(ssr.min_elevation_deg)) + " to " +
      std::to_string(static_cast<int>(ssr.max_elevation_deg)) + " deg; adsb Pd " +
      std::to_string(adsb.pd).substr(0, 4));
  return set;
}

}  // namespace straja::coverage
