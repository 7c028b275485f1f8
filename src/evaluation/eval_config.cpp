#include "evaluation/eval_config.h"

#include "io/yaml_fields.h"

namespace straja::evaluation {
namespace {

double fraction(const io::YamlMap& map, std::string_view key, double fallback) {
  const double value = map.number_or(key, fallback);
  if (!(value >= 0.0 && value <= 1.0)) map.fail(key, "must be within [0, 1]");
  return value;
}

EvalSettings read(const io::YamlMap& root) {
  EvalSettings s;
  if (root.has("gospa")) {
    const io::YamlMap gospa = root.map("gospa");
    s.config.gospa.cutoff_m = gospa.positive_or("c_m", s.config.gospa.cutoff_m);
    s.config.gospa.order = gospa.number_or("p", s.config.gospa.order);
    if (s.config.gospa.order < 1.0) gospa.fail("p", "must be >= 1");
    gospa.reject_unknown_keys();
  }
  s.config.association_m = root.positive_or("association_m", s.config.association_m);
  s.config.horizontal = root.boolean_or("horizontal", s.config.horizontal);
  if (root.has("coverage")) {
    const io::YamlMap coverage = root.map("coverage");
    const std::int64_t detections =
        coverage.integer_or("min_detections", s.coverage.min_detections);
    if (detections < 1 || detections > 1000) coverage.fail("min_detections", "must be 1..1000");
    s.coverage.min_detections = static_cast<int>(detections);
    s.coverage.recent_s = coverage.positive_or("recent_s", s.coverage.recent_s);
    if (coverage.has("sensors")) s.coverage.sensors = coverage.texts("sensors");
    coverage.reject_unknown_keys();
  }
  if (root.has("requirements")) {
    const io::YamlMap r = root.map("requirements");
    RequirementThresholds& t = s.config.requirements;
    t.probability_of_update_min =
        fraction(r, "probability_of_update_min", t.probability_of_update_min);
    t.rms_horizontal_max_m = r.positive_or("rms_horizontal_max_m", t.rms_horizontal_max_m);
    t.gap_s = r.positive_or("gap_s", t.gap_s);
    t.gap_probability_max = fraction(r, "gap_probability_max", t.gap_probability_max);
    t.false_track_rate_max = fraction(r, "false_track_rate_max", t.false_track_rate_max);
    r.reject_unknown_keys();
  }
  if (root.has("pcrlb")) {
    const io::YamlMap p = root.map("pcrlb");
    s.pcrlb.accel_psd_horizontal =
        p.positive_or("accel_psd_horizontal_m2ps3", s.pcrlb.accel_psd_horizontal);
    s.pcrlb.accel_psd_vertical =
        p.positive_or("accel_psd_vertical_m2ps3", s.pcrlb.accel_psd_vertical);
    s.pcrlb.adsb_sigma_h_m = p.positive_or("adsb_sigma_h_m", s.pcrlb.adsb_sigma_h_m);
    s.pcrlb.adsb_sigma_v_m = p.positive_or("adsb_sigma_v_m", s.pcrlb.adsb_sigma_v_m);
    s.pcrlb.ssr_altitude_sigma_m =
        p.positive_or("ssr_altitude_sigma_m", s.pcrlb.ssr_altitude_sigma_m);
    p.reject_unknown_keys();
  }
  root.reject_unknown_keys();
  return s;
}

}  // namespace

Result<EvalSettings> read_eval_config(const std::string& path) {
  return io::read_yaml_file<EvalSettings>(path, read);
}

Result<EvalSettings> parse_eval_config(const std::string& text, const std::string& source_name) {
  return io::read_yaml_text<EvalSettings>(text, source_name, read);
}

}  // namespace straja::evaluation
