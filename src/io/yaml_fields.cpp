#include "io/yaml_fields.h"

#include <cmath>
#include <fstream>
#include <sstream>

namespace straja::io {

YamlMap::YamlMap(YAML::Node node, std::string path, std::shared_ptr<const std::string> source)
    : node_(std::move(node)),
      path_(std::move(path)),
      source_(std::move(source)),
      used_(std::make_shared<std::set<std::string, std::less<>>>()) {
  if (!node_.IsMap()) {
    throw ConfigError(*source_ + ":" + std::to_string(node_.Mark().line + 1) + ": " +
                          (path_.empty() ? std::string("document") : path_) +
                          ": expected a mapping of key: value",
                      static_cast<std::size_t>(node_.Mark().line + 1));
  }
}

std::string YamlMap::field_path(std::string_view key) const {
  if (key.empty()) return path_.empty() ? std::string("document") : path_;
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

std::size_t YamlMap::line_of(std::string_view key) const {
  if (!key.empty()) {
    for (const auto& entry : node_) {
      if (entry.first.Scalar() == key) return static_cast<std::size_t>(entry.first.Mark().line + 1);
    }
  }
  return static_cast<std::size_t>(node_.Mark().line + 1);
}

void YamlMap::fail(std::string_view key, std::string_view what) const {
  const std::size_t line = line_of(key);
  throw ConfigError(
      *source_ + ":" + std::to_string(line) + ": " + field_path(key) + ": " + std::string(what),
      line);
}

bool YamlMap::has(std::string_view key) const {
  const YAML::Node child = node_[std::string(key)];
  return child.IsDefined() && !child.IsNull();
}

YAML::Node YamlMap::value(std::string_view key) const {
  used_->emplace(key);
  const YAML::Node child = node_[std::string(key)];
  if (!child.IsDefined() || child.IsNull()) fail(key, "is required");
  return child;
}

double YamlMap::number(std::string_view key) const {
  const YAML::Node child = value(key);
  double parsed = 0.0;
  if (!child.IsScalar() || !YAML::convert<double>::decode(child, parsed)) {
    fail(key,
         "expected a number, got '" + (child.IsScalar() ? child.Scalar() : "a structure") + "'");
  }
  if (!std::isfinite(parsed)) fail(key, "expected a finite number");
  return parsed;
}

double YamlMap::number_or(std::string_view key, double fallback) const {
  used_->emplace(key);
  return has(key) ? number(key) : fallback;
}

double YamlMap::positive_or(std::string_view key, double fallback) const {
  const double value = number_or(key, fallback);
  if (!(value > 0.0)) fail(key, "must be greater than zero");
  return value;
}

std::int64_t YamlMap::integer(std::string_view key) const {
  const YAML::Node child = value(key);
  std::int64_t parsed = 0;
  if (!child.IsScalar() || !YAML::convert<std::int64_t>::decode(child, parsed)) {
    fail(key, "expected a whole number, got '" +
                  (child.IsScalar() ? child.Scalar() : "a structure") + "'");
  }
  return parsed;
}

std::int64_t YamlMap::integer_or(std::string_view key, std::int64_t fallback) const {
  used_->emplace(key);
  return has(key) ? integer(key) : fallback;
}

std::string YamlMap::text(std::string_view key) const {
  const YAML::Node child = value(key);
  if (!child.IsScalar()) fail(key, "expected text");
  return child.Scalar();
}

std::string YamlMap::text_or(std::string_view key, std::string fallback) const {
  used_->emplace(key);
  return has(key) ? text(key) : fallback;
}

bool YamlMap::boolean_or(std::string_view key, bool fallback) const {
  used_->emplace(key);
  if (!has(key)) return fallback;
  const YAML::Node child = value(key);
  bool parsed = false;
  if (!child.IsScalar() || !YAML::convert<bool>::decode(child, parsed)) {
    fail(key, "expected true or false, got '" + (child.IsScalar() ? child.Scalar() : "?") + "'");
  }
  return parsed;
}

YamlMap YamlMap::map(std::string_view key) const {
  const YAML::Node child = value(key);
  if (!child.IsMap()) fail(key, "expected a mapping of key: value");
  return YamlMap(child, field_path(key), source_);
}

std::vector<YamlMap> YamlMap::list(std::string_view key) const {
  used_->emplace(key);
  std::vector<YamlMap> items;
  if (!has(key)) return items;
  const YAML::Node child = node_[std::string(key)];
  if (!child.IsSequence()) fail(key, "expected a list ('- ' items)");
  std::size_t index = 0;
  for (const auto& item : child) {
    items.emplace_back(item, field_path(key) + "[" + std::to_string(index++) + "]", source_);
  }
  return items;
}

std::vector<std::string> YamlMap::texts(std::string_view key) const {
  used_->emplace(key);
  std::vector<std::string> items;
  if (!has(key)) return items;
  const YAML::Node child = node_[std::string(key)];
  if (child.IsScalar()) return {child.Scalar()};
  if (!child.IsSequence()) fail(key, "expected a list of text items");
  for (const auto& item : child) {
    if (!item.IsScalar()) fail(key, "expected a list of text items");
    items.push_back(item.Scalar());
  }
  return items;
}

namespace {

/// The finite numbers of a sequence node; false when it is not one.
bool finite_numbers(const YAML::Node& node, std::vector<double>& out) {
  if (!node.IsSequence()) return false;
  for (const auto& item : node) {
    double parsed = 0.0;
    if (!item.IsScalar() || !YAML::convert<double>::decode(item, parsed) ||
        !std::isfinite(parsed)) {
      return false;
    }
    out.push_back(parsed);
  }
  return true;
}

}  // namespace

std::vector<double> YamlMap::numbers(std::string_view key) const {
  used_->emplace(key);
  std::vector<double> items;
  if (!has(key)) return items;
  if (!finite_numbers(node_[std::string(key)], items)) {
    fail(key, "expected a list of finite numbers");
  }
  return items;
}

std::vector<std::vector<double>> YamlMap::number_rows(std::string_view key) const {
  used_->emplace(key);
  std::vector<std::vector<double>> rows;
  if (!has(key)) return rows;
  const YAML::Node child = node_[std::string(key)];
  if (!child.IsSequence()) fail(key, "expected a list of rows of numbers");
  for (const auto& row : child) {
    if (!finite_numbers(row, rows.emplace_back())) {
      fail(key, "expected a list of rows of finite numbers");
    }
  }
  return rows;
}

void YamlMap::reject_unknown_keys() const {
  for (const auto& entry : node_) {
    const std::string& key = entry.first.Scalar();
    if (!used_->contains(key)) fail(key, "unknown key (misspelt?)");
  }
}

Result<YAML::Node> parse_yaml(std::string_view text, const std::string& source_name) {
  try {
    YAML::Node root = YAML::Load(std::string(text));
    if (!root.IsMap()) {
      return make_error(ErrorCode::kParse,
                        source_name + ":1: document: expected a mapping of key: value", 1);
    }
    return root;
  } catch (const YAML::Exception& error) {
    const auto line = static_cast<std::size_t>(error.mark.line + 1);
    return make_error(ErrorCode::kParse,
                      source_name + ":" + std::to_string(line) + ": YAML syntax: " + error.msg,
                      line);
  }
}

Result<std::string> read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorCode::kNotFound, path + ": cannot open (no such file?)");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return make_error(ErrorCode::kIo, path + ": read failed");
  return buffer.str();
}

Error config_error_to_error(const ConfigError& error) {
  return make_error(ErrorCode::kParse, error.what(), error.line());
}

geo::Atmosphere read_atmosphere(const YamlMap& map, const geo::Atmosphere& base) {
  geo::Atmosphere atmosphere = base;
  atmosphere.qnh_hpa = map.number_or("qnh_hpa", atmosphere.qnh_hpa);
  if (!(atmosphere.qnh_hpa >= 870.0 && atmosphere.qnh_hpa <= 1085.0)) {
    map.fail("qnh_hpa", "must lie in [870, 1085] hPa");
  }
  atmosphere.temperature_deviation_c =
      map.number_or("temperature_deviation_c", atmosphere.temperature_deviation_c);
  if (!(std::abs(atmosphere.temperature_deviation_c) <= 50.0)) {
    map.fail("temperature_deviation_c", "must lie in [-50, 50] C");
  }
  atmosphere.geoid_height_m = map.number_or("geoid_height_m", atmosphere.geoid_height_m);
  if (!(std::abs(atmosphere.geoid_height_m) <= 120.0)) {
    map.fail("geoid_height_m", "must lie in [-120, 120] m");
  }
  return atmosphere;
}

}  // namespace straja::io
