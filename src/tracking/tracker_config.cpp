#include "tracking/tracker_config.h"

#include "io/yaml_fields.h"

namespace straja::tracking {
namespace {

int count(const io::YamlMap& map, std::string_view key, int fallback, int low, int high) {
  const std::int64_t value = map.integer_or(key, fallback);
  if (value < low || value > high) {
    map.fail(key, "must be " + std::to_string(low) + ".." + std::to_string(high));
  }
  return static_cast<int>(value);
}

double probability(const io::YamlMap& map, std::string_view key, double fallback) {
  const double value = map.number_or(key, fallback);
  if (!(value > 0.0 && value < 1.0)) map.fail(key, "must be within (0, 1)");
  return value;
}

GnnTrackerConfig read(const io::YamlMap& root, const GnnTrackerConfig& base) {
  GnnTrackerConfig c = base;
  if (root.has("motion")) {
    const io::YamlMap m = root.map("motion");
    c.motion.q_horizontal = m.positive_or("q_horizontal_m2ps3", c.motion.q_horizontal);
    c.motion.q_vertical = m.positive_or("q_vertical_m2ps3", c.motion.q_vertical);
    m.reject_unknown_keys();
  }
  c.gate_probability = root.number_or("gate_probability", c.gate_probability);
  if (!(c.gate_probability > 0.5 && c.gate_probability < 1.0)) {
    root.fail("gate_probability", "must be within (0.5, 1)");
  }
  if (root.has("confirm")) {
    const io::YamlMap m = root.map("confirm");
    const std::string method =
        m.text_or("method", c.confirm_method == ConfirmMethod::kLlr ? "llr" : "m_of_n");
    if (method == "llr") {
      c.confirm_method = ConfirmMethod::kLlr;
    } else if (method == "m_of_n") {
      c.confirm_method = ConfirmMethod::kMOfN;
    } else {
      m.fail("method", "must be m_of_n or llr");
    }
    c.confirm_window = count(m, "window", c.confirm_window, 1, 31);
    c.confirm_hits = count(m, "hits", c.confirm_hits, 1, c.confirm_window);
    LlrScoreConfig& s = c.llr;
    s.detection_probability = probability(m, "detection_probability", s.detection_probability);
    s.false_alarm_density = m.positive_or("false_alarm_density", s.false_alarm_density);
    s.new_target_density = m.positive_or("new_target_density", s.new_target_density);
    s.false_confirm_probability =
        probability(m, "false_confirm_probability", s.false_confirm_probability);
    s.true_delete_probability =
        probability(m, "true_delete_probability", s.true_delete_probability);
    s.delete_drop = m.positive_or("delete_score_drop", s.delete_drop);
    m.reject_unknown_keys();
  }
  if (root.has("delete")) {
    const io::YamlMap m = root.map("delete");
    c.delete_tentative_after_misses =
        count(m, "tentative_after_misses", c.delete_tentative_after_misses, 1, 1000);
    c.delete_confirmed_after_misses =
        count(m, "confirmed_after_misses", c.delete_confirmed_after_misses, 1, 1000);
    c.max_coast_s = m.positive_or("max_coast_s", c.max_coast_s);
    c.max_position_sigma_m = m.positive_or("max_position_sigma_m", c.max_position_sigma_m);
    m.reject_unknown_keys();
  }
  if (root.has("initiation")) {
    const io::YamlMap m = root.map("initiation");
    c.initial_speed_sigma_mps = m.positive_or("speed_sigma_mps", c.initial_speed_sigma_mps);
    c.initial_vertical_speed_sigma_mps =
        m.positive_or("vertical_speed_sigma_mps", c.initial_vertical_speed_sigma_mps);
    m.reject_unknown_keys();
  }
  if (root.has("altitude")) {
    const io::YamlMap m = root.map("altitude");
    c.altitude.atmosphere = io::read_atmosphere(m, c.altitude.atmosphere);
    c.altitude.learn_from_adsb = m.boolean_or("learn_from_adsb", c.altitude.learn_from_adsb);
    m.reject_unknown_keys();
  }
  root.reject_unknown_keys();
  return c;
}

}  // namespace

Result<GnnTrackerConfig> read_tracker_config(const std::string& path,
                                             const GnnTrackerConfig& base) {
  return io::read_yaml_file<GnnTrackerConfig>(
      path, [&](const io::YamlMap& root) { return read(root, base); });
}

Result<GnnTrackerConfig> parse_tracker_config(const std::string& text, const std::string& source,
                                              const GnnTrackerConfig& base) {
  return io::read_yaml_text<GnnTrackerConfig>(
      text, source, [&](const io::YamlMap& root) { return read(root, base); });
}

}  // namespace straja::tracking
