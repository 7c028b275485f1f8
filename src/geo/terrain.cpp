#include "geo/terrain.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>

#include "core/file_bytes.h"
#include "core/units.h"

namespace straja::geo {
namespace {

/// The south-west corner of an SRTM tile from its file name ("N47E028.hgt", "S01W073.hgt").
bool tile_corner(const std::string& path, int& lat, int& lon) {
  const std::string name = std::filesystem::path(path).filename().string();
  if (name.size() < 7) return false;
  const char ns = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  const char ew = static_cast<char>(std::toupper(static_cast<unsigned char>(name[3])));
  if ((ns != 'N' && ns != 'S') || (ew != 'E' && ew != 'W')) return false;
  try {
    lat = std::stoi(name.substr(1, 2));
    lon = std::stoi(name.substr(4, 3));
  } catch (const std::exception&) {
    return false;
  }
  if (ns == 'S') lat = -lat;
  if (ew == 'W') lon = -lon;
  return true;
}

}  // namespace

Result<SrtmTerrain> SrtmTerrain::load(const std::vector<std::string>& paths) {
  SrtmTerrain terrain;
  for (const std::string& path : paths) {
    int lat = 0, lon = 0;
    if (!tile_corner(path, lat, lon)) {
      return make_error(ErrorCode::kInvalidValue,
                        path + ": not an SRTM tile name (expected e.g. N47E028.hgt)");
    }
    auto read = read_file_bytes(path);
    if (!read) return read.error();
    const std::vector<std::uint8_t>& bytes = *read;
    Tile tile;
    if (bytes.size() == 1201u * 1201u * 2u) {
      tile.posts = 1201;
    } else if (bytes.size() == 3601u * 3601u * 2u) {
      tile.posts = 3601;
    } else {
      return make_error(ErrorCode::kInvalidValue,
                        path + ": " + std::to_string(bytes.size()) +
                            " octets: not an SRTM1 (3601 x 3601) or SRTM3 (1201 x 1201) tile");
    }
    tile.heights.resize(bytes.size() / 2);
    for (std::size_t i = 0; i < tile.heights.size(); ++i) {
      const std::uint8_t hi = bytes[2 * i];
      const std::uint8_t lo = bytes[2 * i + 1];
      tile.heights[i] = static_cast<std::int16_t>(static_cast<std::uint16_t>(hi << 8 | lo));
    }
    terrain.tiles_[{lat, lon}] = std::move(tile);
  }
  return terrain;
}

double SrtmTerrain::height_m(double lat_deg, double lon_deg) const {
  const int lat0 = static_cast<int>(std::floor(lat_deg));
  const int lon0 = static_cast<int>(std::floor(lon_deg));
  const auto found = tiles_.find({lat0, lon0});
  if (found == tiles_.end()) return 0.0;
  const Tile& tile = found->second;
  const int last = tile.posts - 1;
  const double x = (lon_deg - lon0) * last;      // column, west to east
  const double y = (lat0 + 1 - lat_deg) * last;  // row, north to south
  const int c = std::clamp(static_cast<int>(x), 0, last - 1);
  const int r = std::clamp(static_cast<int>(y), 0, last - 1);
  const double fx = std::clamp(x - c, 0.0, 1.0);
  const double fy = std::clamp(y - r, 0.0, 1.0);
  auto at = [&](int row, int column) {
    const std::int16_t h = tile.heights[static_cast<std::size_t>(row * tile.posts + column)];
    return h == -32768 ? 0.0 : static_cast<double>(h);
  };
  return (1 - fy) * ((1 - fx) * at(r, c) + fx * at(r, c + 1)) +
         fy * ((1 - fx) * at(r + 1, c) + fx * at(r + 1, c + 1));
}

HorizonMask::HorizonMask(const Geodetic& antenna, const Terrain& terrain, double max_range_m,
                         double range_step_m, int azimuth_rays, double k_factor)
    : antenna_height_m_(antenna.height_m),
      max_range_m_(max_range_m),
      range_step_m_(range_step_m),
      rays_(std::max(azimuth_rays, 1)),
      steps_(std::max(1, static_cast<int>(std::ceil(max_range_m / range_step_m)))),
      effective_radius_m_(k_factor * kMeanEarthRadiusM) {
  max_angle_.resize(static_cast<std::size_t>(rays_) * static_cast<std::size_t>(steps_));
  // Points along each ray on the sphere (great circle from the antenna): accurate to metres over
  // radar ranges, far below a DEM post.
  const double lat1 = units::deg_to_rad(antenna.lat_deg);
  const double lon1 = units::deg_to_rad(antenna.lon_deg);
  for (int ray = 0; ray < rays_; ++ray) {
    const double azimuth = 2.0 * units::kPi * ray / rays_;
    float running = -std::numeric_limits<float>::infinity();
    for (int s = 0; s < steps_; ++s) {
      const double d = (s + 1) * range_step_m_;
      const double delta = d / kMeanEarthRadiusM;
      const double lat2 = std::asin(std::sin(lat1) * std::cos(delta) +
                                    std::cos(lat1) * std::sin(delta) * std::cos(azimuth));
      const double lon2 = lon1 + std::atan2(std::sin(azimuth) * std::sin(delta) * std::cos(lat1),
                                            std::cos(delta) - std::sin(lat1) * std::sin(lat2));
      const double h = terrain.height_m(units::rad_to_deg(lat2), units::rad_to_deg(lon2));
      running = std::max(running, static_cast<float>(elevation_rad(d, h)));
      max_angle_[static_cast<std::size_t>(ray) * static_cast<std::size_t>(steps_) +
                 static_cast<std::size_t>(s)] = running;
    }
  }
}

double HorizonMask::elevation_rad(double ground_distance_m, double height_m) const {
  if (ground_distance_m <= 0.0)
    return height_m >= antenna_height_m_ ? units::kPi / 2 : -units::kPi / 2;
  // Effective-earth geometry: the drop of the surface below the antenna's tangent plane.
  const double drop = ground_distance_m * ground_distance_m / (2.0 * effective_radius_m_);
  return std::atan2(height_m - antenna_height_m_ - drop, ground_distance_m);
}

double HorizonMask::horizon_rad(double azimuth_rad, double ground_distance_m) const {
  // Samples strictly before the point: step index of the last sample at least one step closer.
  const int s = static_cast<int>(std::floor(ground_distance_m / range_step_m_)) - 2;
  if (s < 0) return -units::kPi / 2;
  double a = std::fmod(azimuth_rad, 2.0 * units::kPi);
  if (a < 0) a += 2.0 * units::kPi;
  const int ray = static_cast<int>(std::lround(a / (2.0 * units::kPi) * rays_)) % rays_;
  return max_angle_[static_cast<std::size_t>(ray) * static_cast<std::size_t>(steps_) +
                    static_cast<std::size_t>(std::min(s, steps_ - 1))];
}

bool HorizonMask::visible(double azimuth_rad, double ground_distance_m, double height_m) const {
  if (ground_distance_m > max_range_m_) return false;
  return elevation_rad(ground_distance_m, height_m) > horizon_rad(azimuth_rad, ground_distance_m);
}

}  // namespace straja::geo
