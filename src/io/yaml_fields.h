#pragma once
// Strict, typed reading of YAML configuration (scenarios, tracker and sensor configs).
//
// Every error names the file, the line and the field path ("scenario.yaml:14: sensors[0].pd:
// expected a number, got 'high'"), and keys nobody asked for are errors too, so a typo never
// silently falls back to a default. Errors are thrown as ConfigError while reading (configuration
// is start-up, the one place exceptions are used) and turned into a Result at the public boundary
// by read_yaml_file()/read_yaml_text().

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "geo/atmosphere.h"

namespace straja::io {

class ConfigError : public std::runtime_error {
 public:
  ConfigError(std::string message, std::size_t line)
      : std::runtime_error(std::move(message)), line_(line) {}
  std::size_t line() const { return line_; }

 private:
  std::size_t line_;
};

/// A YAML mapping being read, with its path for messages. Cheap to copy.
class YamlMap {
 public:
  YamlMap(YAML::Node node, std::string path, std::shared_ptr<const std::string> source);

  bool has(std::string_view key) const;
  double number(std::string_view key) const;
  double number_or(std::string_view key, double fallback) const;
  /// number_or() that must be > 0 ("must be greater than zero" otherwise).
  double positive_or(std::string_view key, double fallback) const;
  std::int64_t integer(std::string_view key) const;
  std::int64_t integer_or(std::string_view key, std::int64_t fallback) const;
  std::string text(std::string_view key) const;
  std::string text_or(std::string_view key, std::string fallback) const;
  bool boolean_or(std::string_view key, bool fallback) const;
  YamlMap map(std::string_view key) const;
  /// A sequence of mappings; an absent key is an empty list.
  std::vector<YamlMap> list(std::string_view key) const;
  /// A sequence of text items (or one text item); an absent key is an empty list.
  std::vector<std::string> texts(std::string_view key) const;
  /// A sequence of finite numbers; an absent key is an empty list.
  std::vector<double> numbers(std::string_view key) const;
  /// A sequence of sequences of finite numbers (a matrix, row by row); absent: empty.
  std::vector<std::vector<double>> number_rows(std::string_view key) const;

  /// Throws for keys present in the mapping that no accessor asked for. Call after reading.
  void reject_unknown_keys() const;

  /// Throws ConfigError at this mapping's (or the key's) line.
  [[noreturn]] void fail(std::string_view key, std::string_view what) const;
  std::string field_path(std::string_view key) const;

 private:
  YAML::Node value(std::string_view key) const;  // marks the key used; throws when absent
  std::size_t line_of(std::string_view key) const;

  YAML::Node node_;
  std::string path_;
  std::shared_ptr<const std::string> source_;
  std::shared_ptr<std::set<std::string, std::less<>>> used_;
};

/// The atmosphere keys of `map` (qnh_hpa in [870, 1085], temperature_deviation_c in [-50, 50],
/// geoid_height_m in [-120, 120]), each defaulting to `base`'s; other keys are left to the caller.
geo::Atmosphere read_atmosphere(const YamlMap& map, const geo::Atmosphere& base);

/// Parses YAML text and hands the root mapping to `read`, turning every syntax or field error into
/// an Error whose message reads "SOURCE:LINE: field: problem" (offset = line).
template <typename T>
Result<T> read_yaml_text(std::string_view text, const std::string& source_name,
                         const std::function<T(const YamlMap&)>& read);
/// The same for a file; a missing or unreadable file is an ErrorCode::kNotFound / kIo error.
template <typename T>
Result<T> read_yaml_file(const std::string& path, const std::function<T(const YamlMap&)>& read);

// Non-template core of the above: returns the root or the parse error.
Result<YAML::Node> parse_yaml(std::string_view text, const std::string& source_name);
Result<std::string> read_text_file(const std::string& path);
Error config_error_to_error(const ConfigError& error);

template <typename T>
Result<T> read_yaml_text(std::string_view text, const std::string& source_name,
                         const std::function<T(const YamlMap&)>& read) {
  auto root = parse_yaml(text, source_name);
  if (!root) return root.error();
  try {
    YamlMap map(*root, "", std::make_shared<const std::string>(source_name));
    return read(map);
  } catch (const ConfigError& error) {
    return config_error_to_error(error);
  }
}

template <typename T>
Result<T> read_yaml_file(const std::string& path, const std::function<T(const YamlMap&)>& read) {
  auto text = read_text_file(path);
  if (!text) return text.error();
  return read_yaml_text<T>(*text, path, read);
}

}  // namespace straja::io
