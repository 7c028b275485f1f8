#include "tracking/tracker_config.h"

#include <cmath>
#include <variant>

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

/// The `imm:` block over `base` (docs/formats/tracker-config.md).
ImmConfig read_imm(const io::YamlMap& m, const ImmConfig& base) {
  // The noises of the default modes (ImmConfig::cv_ct's layout: CV, CT, CA in every slot).
  const auto& cv = std::get<Embedded<CvMotion>>(base.modes[0]).model;
  const auto& ct = std::get<Embedded<CtMotion>>(base.modes[1]).model;
  const auto& ca = std::get<Embedded<CaMotion>>(base.modes[2]).model;
  const double q_cv = m.positive_or("q_cv_m2ps3", cv.horizontal.q);
  const double q_ct = m.positive_or("q_ct_m2ps3", ct.horizontal.q_acceleration);
  const double q_turn = m.positive_or("q_turn_rate_rad2ps3", ct.horizontal.q_turn_rate);
  const double q_ca = m.positive_or("q_ca_m2ps5", ca.horizontal.q);
  const double q_vertical = m.positive_or("q_vertical_m2ps3", cv.vertical.q);
  const double interval = m.positive_or("interval_s", base.transition_interval_s);
  const double stay = probability(m, "stay_probability", 0.95);
  std::vector<std::string> names = m.texts("modes");
  if (names.empty()) names = {"cv", "ct"};
  if (names.size() > static_cast<std::size_t>(kMaxImmModes)) {
    m.fail("modes", "at most three: cv, ct, ca");
  }
  ImmConfig all = ImmConfig::cv_ct(q_cv, q_ct, q_turn, q_vertical, stay, interval, true, q_ca);
  ImmConfig c = all;
  c.mode_count = static_cast<int>(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::size_t kind = names[i] == "cv" ? 0 : names[i] == "ct" ? 1 : names[i] == "ca" ? 2 : 3;
    if (kind == 3) m.fail("modes", "'" + names[i] + "': must be cv, ct or ca");
    for (std::size_t j = 0; j < i; ++j) {
      if (names[j] == names[i]) m.fail("modes", "'" + names[i] + "' given twice");
    }
    c.modes[i] = all.modes[kind];
  }
  const int n = c.mode_count;
  // The transition matrix: given, or `stay` on the diagonal and the rest spread evenly.
  c.transition = Eigen::Matrix3d::Identity();
  const std::vector<std::vector<double>> rows = m.number_rows("transition");
  if (!rows.empty() && m.has("stay_probability")) {
    m.fail("transition", "give transition or stay_probability, not both");
  }
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      c.transition(i, j) = n == 1 ? 1.0 : i == j ? stay : (1.0 - stay) / (n - 1);
    }
  }
  if (!rows.empty()) {
    if (rows.size() != names.size()) {
      m.fail("transition", "needs one row per mode (" + std::to_string(n) + ")");
    }
    for (int i = 0; i < n; ++i) {
      const std::vector<double>& row = rows[static_cast<std::size_t>(i)];
      if (row.size() != names.size()) {
        m.fail("transition",
               "row " + std::to_string(i + 1) + " needs " + std::to_string(n) + " probabilities");
      }
      double sum = 0.0;
      for (int j = 0; j < n; ++j) {
        const double p = row[static_cast<std::size_t>(j)];
        if (!(p >= 0.0 && p <= 1.0)) m.fail("transition", "probabilities must be within [0, 1]");
        c.transition(i, j) = p;
        sum += p;
      }
      if (std::abs(sum - 1.0) > 1e-6) {
        m.fail("transition", "row " + std::to_string(i + 1) + " must sum to 1");
      }
      if (n > 1 && !(c.transition(i, i) > 0.0 && c.transition(i, i) < 1.0)) {
        m.fail("transition", "a mode's probability of staying must be within (0, 1)");
      }
    }
  }
  // Initial probabilities: given, or 0.9 for the first mode and the rest spread evenly.
  c.initial_probabilities = {1.0, 0.0, 0.0};
  for (int i = 1; i < n; ++i) {
    c.initial_probabilities[0] = 0.9;
    c.initial_probabilities[static_cast<std::size_t>(i)] = 0.1 / (n - 1);
  }
  const std::vector<double> initial = m.numbers("initial_probabilities");
  if (!initial.empty()) {
    if (initial.size() != names.size()) {
      m.fail("initial_probabilities", "needs one probability per mode");
    }
    double sum = 0.0;
    for (std::size_t i = 0; i < initial.size(); ++i) {
      if (!(initial[i] >= 0.0 && initial[i] <= 1.0)) {
        m.fail("initial_probabilities", "must be within [0, 1]");
      }
      c.initial_probabilities[i] = initial[i];
      sum += initial[i];
    }
    if (std::abs(sum - 1.0) > 1e-6) m.fail("initial_probabilities", "must sum to 1");
  }
  const std::string filter =
      m.text_or("mode_filter", base.filter == ModeFilter::kUkf ? "ukf" : "ekf");
  if (filter == "ekf") {
    c.filter = ModeFilter::kEkf;
  } else if (filter == "ukf") {
    c.filter = ModeFilter::kUkf;
  } else {
    m.fail("mode_filter", "must be ekf or ukf");
  }
  c.initial_acceleration_sigma_mps2 =
      m.positive_or("initial_acceleration_sigma_mps2", base.initial_acceleration_sigma_mps2);
  c.initial_turn_rate_sigma_radps =
      m.positive_or("initial_turn_rate_sigma_radps", base.initial_turn_rate_sigma_radps);
  m.reject_unknown_keys();
  return c;
}

GnnTrackerConfig read(const io::YamlMap& root, const GnnTrackerConfig& base) {
  GnnTrackerConfig c = base;
  if (root.has("filter")) {
    const std::string filter = root.text("filter");
    if (filter == "ekf") {
      c.filter = FilterKind::kEkf;
    } else if (filter == "ukf") {
      c.filter = FilterKind::kUkf;
    } else if (filter == "imm") {
      c.filter = FilterKind::kImm;
    } else {
      root.fail("filter", "must be ekf, ukf or imm");
    }
  }
  if (root.has("imm")) c.imm = read_imm(root.map("imm"), base.imm);
  if (root.has("associator")) {
    const std::string associator = root.text("associator");
    if (associator == "gnn") {
      c.associator = Associator::kGnn;
    } else if (associator == "jpda") {
      c.associator = Associator::kJpda;
    } else if (associator == "jipda") {
      c.associator = Associator::kJipda;
    } else {
      root.fail("associator", "must be gnn, jpda or jipda");
    }
  }
  if (root.has("jpda")) {
    const io::YamlMap m = root.map("jpda");
    if (m.has("detection_probability")) {
      c.jpda_detection_probability = probability(m, "detection_probability", 0.9);
    }
    if (m.has("clutter_density")) c.jpda_clutter_density = m.positive_or("clutter_density", 1.0);
    c.jpda_adsb_clutter_density =
        m.positive_or("adsb_clutter_density", c.jpda_adsb_clutter_density);
    c.jpda_max_nodes = static_cast<std::size_t>(
        count(m, "max_nodes", static_cast<int>(c.jpda_max_nodes), 1, 100'000'000));
    m.reject_unknown_keys();
  }
  if (root.has("existence")) {
    const io::YamlMap m = root.map("existence");
    ExistenceConfig& e = c.existence;
    e.birth = probability(m, "birth", e.birth);
    e.survival_per_s = probability(m, "survival_per_s", e.survival_per_s);
    e.confirm = probability(m, "confirm", e.confirm);
    e.delete_below = probability(m, "delete_below", e.delete_below);
    if (!(e.delete_below < e.confirm)) m.fail("delete_below", "must be below confirm");
    m.reject_unknown_keys();
  }
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
    c.quick_confirm_hits = count(m, "quick_hits", c.quick_confirm_hits, 0, c.confirm_window);
    c.quick_confirm_max_sigma_m = m.number_or("quick_max_sigma_m", c.quick_confirm_max_sigma_m);
    if (!(c.quick_confirm_max_sigma_m >= 0.0)) m.fail("quick_max_sigma_m", "must be >= 0");
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
