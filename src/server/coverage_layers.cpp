#include "server/coverage_layers.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <system_error>
#include <tuple>
#include <utility>

namespace straja::server {
namespace {

// A coverage file larger than this is skipped (a country at 250 m cells is a few MiB).
constexpr std::uintmax_t kMaxFileBytes = 512u << 20;

// Letters, digits, '.', '-', '_' kept; anything else becomes '_'.
std::string id_text(std::string_view text) {
  std::string id;
  id.reserve(text.size());
  for (const char c : text) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '.' || c == '-' || c == '_';
    id += plain ? c : '_';
  }
  return id;
}

bool listed_before(const CoverageLayer& a, const CoverageLayer& b) {
  const auto key = [](const CoverageLayer& layer) {
    return std::make_tuple(layer.layer_m, std::cref(layer.reference), layer.rcs_m2,
                           layer.sensor != "all", std::cref(layer.sensor), std::cref(layer.id));
  };
  return key(a) < key(b);
}

std::string listing_of(const std::vector<CoverageLayer>& layers) {
  nlohmann::json list = nlohmann::json::array();
  for (const CoverageLayer& layer : layers) {
    list.push_back({{"id", layer.id},
                    {"layer_m", layer.layer_m},
                    {"reference", layer.reference},
                    {"rcs_m2", layer.rcs_m2},
                    {"sensor", layer.sensor},
                    {"terrain", layer.terrain},
                    {"features", layer.features},
                    {"url", "api/coverage/" + layer.id}});
  }
  return list.dump();
}

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec || size > kMaxFileBytes) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uintmax_t>(in.gcount()) != size) return std::nullopt;
  return bytes;
}

}  // namespace

CoverageCatalog::CoverageCatalog(std::vector<CoverageLayer> layers) : layers_(std::move(layers)) {
  std::sort(layers_.begin(), layers_.end(), listed_before);
  listing_ = listing_of(layers_);
}

const CoverageLayer* CoverageCatalog::find(std::string_view id) const {
  for (const CoverageLayer& layer : layers_) {
    if (layer.id == id) return &layer;
  }
  return nullptr;
}

Result<std::vector<CoverageLayer>> coverage_layers_from_geojson(std::string_view stem,
                                                                std::string_view text,
                                                                std::size_t& features_skipped) {
  const nlohmann::json document = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return make_error(ErrorCode::kParse, "not JSON");
  if (!document.is_object() || document.value("type", nlohmann::json()) != "FeatureCollection" ||
      !document.contains("features") || !document["features"].is_array()) {
    return make_error(ErrorCode::kParse, "not a GeoJSON FeatureCollection");
  }
  // Features grouped by sensor, in the file's order.
  std::map<std::string, CoverageLayer> by_sensor;
  std::map<std::string, nlohmann::json> features_by_sensor;
  for (const nlohmann::json& feature : document["features"]) {
    const nlohmann::json* properties = nullptr;
    if (feature.is_object() && feature.contains("properties")) properties = &feature["properties"];
    const auto number = [&](const char* key) {
      return properties && properties->is_object() && properties->contains(key) &&
             (*properties)[key].is_number();
    };
    const auto string = [&](const char* key) {
      return properties && properties->is_object() && properties->contains(key) &&
             (*properties)[key].is_string();
    };
    if (!number("layer_m") || !number("rcs_m2") || !string("reference") || !string("sensor") ||
        !feature.contains("geometry")) {
      ++features_skipped;
      continue;
    }
    const std::string sensor = (*properties)["sensor"].get<std::string>();
    auto [entry, inserted] = by_sensor.try_emplace(sensor);
    if (inserted) {
      CoverageLayer& layer = entry->second;
      layer.layer_m = (*properties)["layer_m"].get<double>();
      layer.rcs_m2 = (*properties)["rcs_m2"].get<double>();
      layer.reference = (*properties)["reference"].get<std::string>();
      layer.sensor = sensor;
      if (string("terrain")) layer.terrain = (*properties)["terrain"].get<std::string>();
      layer.id = id_text(std::string(stem) + "." + sensor);
      features_by_sensor[sensor] = nlohmann::json::array();
    }
    ++entry->second.features;
    features_by_sensor[sensor].push_back(feature);
  }
  std::vector<CoverageLayer> layers;
  for (auto& [sensor, layer] : by_sensor) {
    layer.geojson =
        nlohmann::json{{"type", "FeatureCollection"}, {"features", features_by_sensor[sensor]}}
            .dump();
    layers.push_back(std::move(layer));
  }
  return layers;
}

Result<CoverageLoad> load_coverage_catalog(const std::filesystem::path& directory) {
  std::error_code ec;
  if (!std::filesystem::is_directory(directory, ec)) {
    return make_error(ErrorCode::kNotFound, directory.string() + ": not a directory");
  }
  const std::filesystem::path folder = directory / "geojson";
  if (!std::filesystem::is_directory(folder, ec)) {
    return make_error(ErrorCode::kNotFound, folder.string() +
                                                ": not a directory (expected the output of "
                                                "`straja coverage --out " +
                                                directory.string() + "`)");
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    if (entry.path().extension() == ".geojson" && entry.is_regular_file(ec)) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());

  CoverageLoad load;
  std::vector<CoverageLayer> layers;
  std::set<std::string> ids;
  const auto skip = [&](const std::filesystem::path& path, const std::string& why) {
    ++load.files_skipped;
    if (load.first_problem.empty()) load.first_problem = path.string() + ": " + why;
  };
  for (const std::filesystem::path& path : files) {
    ++load.files_read;
    const std::optional<std::string> text = read_file(path);
    if (!text) {
      skip(path, "cannot be read");
      continue;
    }
    const std::size_t skipped_before = load.features_skipped;
    auto file_layers =
        coverage_layers_from_geojson(path.stem().string(), *text, load.features_skipped);
    if (!file_layers.ok()) {
      skip(path, file_layers.error().message);
      continue;
    }
    if (load.features_skipped > skipped_before && load.first_problem.empty()) {
      load.first_problem =
          path.string() + ": features without layer_m, reference, rcs_m2, sensor or geometry";
    }
    if (file_layers->empty()) {
      skip(path, "no coverage feature");
      continue;
    }
    for (CoverageLayer& layer : *file_layers) {
      // Ids are unique: a clash (two names that differ only in replaced characters) gets a suffix.
      std::string id = layer.id;
      for (int n = 2; ids.contains(id); ++n) id = layer.id + "-" + std::to_string(n);
      layer.id = id;
      ids.insert(id);
      layers.push_back(std::move(layer));
    }
  }
  if (layers.empty()) {
    return make_error(ErrorCode::kNotFound,
                      folder.string() + ": no coverage layer" +
                          (load.first_problem.empty() ? "" : " (" + load.first_problem + ")"));
  }
  load.catalog = std::make_shared<const CoverageCatalog>(std::move(layers));
  return load;
}

}  // namespace straja::server
