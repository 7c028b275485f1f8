#pragma once
// Terrain and the line of sight over it.
//
// Terrain: heights in metres, taken as heights above the WGS84 ellipsoid (SRTM heights are above
// the EGM96 geoid; the difference, +20 to +40 m over Europe, is ignored and stated here).
// SrtmTerrain reads SRTM .hgt tiles (1201 x 1201 or 3601 x 3601 big-endian int16 posts, the
// south-west corner in the name, e.g. N47E028.hgt); voids (-32768) and places without a tile
// read as 0 m. FunctionTerrain wraps a function (synthetic terrain for tests).
//
// HorizonMask: the standard radial horizon sweep for one antenna. Along each azimuth ray the
// terrain is sampled every `range_step_m` out to `max_range_m`, and the running maximum of the
// terrain's elevation angle (effective-earth geometry, k = 4/3 by default) is kept, so whether a
// point is in line of sight is one lookup instead of a ray march per point. A smooth earth (0 m
// everywhere) gives the geometric radar horizon.

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/result.h"
#include "geo/geodetic.h"
#include "geo/radar.h"

namespace straja::geo {

class Terrain {
 public:
  virtual ~Terrain() = default;
  /// Height (m) at a point; 0 where there is no data.
  virtual double height_m(double lat_deg, double lon_deg) const = 0;
};

class SrtmTerrain final : public Terrain {
 public:
  /// Loads the tiles; errors name the file (unreadable, a size that is neither SRTM1 nor SRTM3, a
  /// name without the corner).
  static Result<SrtmTerrain> load(const std::vector<std::string>& paths);
  double height_m(double lat_deg, double lon_deg) const override;  ///< bilinear between posts
  std::size_t tiles() const { return tiles_.size(); }

 private:
  struct Tile {
    int posts = 0;                      ///< per side: 1201 or 3601
    std::vector<std::int16_t> heights;  ///< row 0 is the north edge
  };
  std::map<std::pair<int, int>, Tile> tiles_;  ///< by (south latitude, west longitude)
};

class FunctionTerrain final : public Terrain {
 public:
  explicit FunctionTerrain(std::function<double(double, double)> height)
      : height_(std::move(height)) {}
  double height_m(double lat_deg, double lon_deg) const override {
    return height_(lat_deg, lon_deg);
  }

 private:
  std::function<double(double, double)> height_;
};

class HorizonMask {
 public:
  HorizonMask(const Geodetic& antenna, const Terrain& terrain, double max_range_m,
              double range_step_m = 100.0, int azimuth_rays = 3600, double k_factor = kFourThirds);

  /// Elevation angle (rad) at the antenna of a point at ground distance d (m, along the surface)
  /// and height h (m), in the effective-earth geometry.
  double elevation_rad(double ground_distance_m, double height_m) const;
  /// True when the point at azimuth (rad, clockwise from north), ground distance and height is
  /// above every terrain sample between the antenna and it (the nearest ray; samples closer than
  /// the point by at least one step). Beyond max_range_m: false.
  bool visible(double azimuth_rad, double ground_distance_m, double height_m) const;
  /// The highest terrain elevation angle along the ray up to that distance (rad).
  double horizon_rad(double azimuth_rad, double ground_distance_m) const;

  double max_range_m() const { return max_range_m_; }

 private:
  double antenna_height_m_;
  double max_range_m_;
  double range_step_m_;
  int rays_;
  int steps_;
  double effective_radius_m_;
  std::vector<float> max_angle_;  ///< [ray * steps + s]: max angle of samples 0..s
};

}  // namespace straja::geo
