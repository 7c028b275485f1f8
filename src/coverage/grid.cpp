#include "coverage/grid.h"

#include <GeographicLib/Ellipsoid.hpp>
#include <algorithm>
#include <cmath>

#include "core/units.h"

namespace straja::coverage {
namespace {

/// Metres per degree of latitude and of longitude at lat_deg on the WGS84 ellipsoid.
void metres_per_degree(double lat_deg, double& per_lat, double& per_lon) {
  const GeographicLib::Ellipsoid& wgs84 = GeographicLib::Ellipsoid::WGS84();
  per_lat = wgs84.MeridionalCurvatureRadius(lat_deg) * units::kPi / 180.0;
  per_lon = wgs84.CircleRadius(lat_deg) * units::kPi / 180.0;
}

}  // namespace

BoundingBox BoundingBox::grown(double margin_m) const {
  double per_lat = 0.0, per_lon = 0.0;
  metres_per_degree(0.5 * (south_deg + north_deg), per_lat, per_lon);
  const double dlat = margin_m / per_lat;
  const double dlon = margin_m / std::max(per_lon, 1.0);
  return {std::max(-89.9, south_deg - dlat), west_deg - dlon, std::min(89.9, north_deg + dlat),
          east_deg + dlon};
}

GeoGrid::GeoGrid(const BoundingBox& box, double cell_m) : cell_m_(cell_m) {
  double per_lat = 0.0, per_lon = 0.0;
  metres_per_degree(0.5 * (box.south_deg + box.north_deg), per_lat, per_lon);
  cell_lat_deg_ = cell_m / per_lat;
  cell_lon_deg_ = cell_m / std::max(per_lon, 1.0);
  south_deg_ = box.south_deg;
  west_deg_ = box.west_deg;
  rows_ = std::max(1, static_cast<int>(std::ceil((box.north_deg - box.south_deg) / cell_lat_deg_)));
  columns_ =
      std::max(1, static_cast<int>(std::ceil((box.east_deg - box.west_deg) / cell_lon_deg_)));
  // Zone area between two parallels over dlon: (dlon / 360) * (A(lat2) - A(lat1)), with A the
  // ellipsoid's area south of a parallel (GeographicLib's authalic latitude).
  const GeographicLib::Ellipsoid& wgs84 = GeographicLib::Ellipsoid::WGS84();
  const double authalic_radius = std::sqrt(wgs84.Area() / (4.0 * units::kPi));
  cell_area_km2_.resize(static_cast<std::size_t>(rows_));
  for (int row = 0; row < rows_; ++row) {
    const double lat1 = south_deg_ + row * cell_lat_deg_;
    const double lat2 = lat1 + cell_lat_deg_;
    const double xi1 = units::deg_to_rad(wgs84.AuthalicLatitude(lat1));
    const double xi2 = units::deg_to_rad(wgs84.AuthalicLatitude(lat2));
    const double area_m2 = authalic_radius * authalic_radius * units::deg_to_rad(cell_lon_deg_) *
                           (std::sin(xi2) - std::sin(xi1));
    cell_area_km2_[static_cast<std::size_t>(row)] = area_m2 * 1e-6;
  }
}

int GeoGrid::row_of(double lat_deg) const {
  return static_cast<int>(std::floor((lat_deg - south_deg_) / cell_lat_deg_));
}

int GeoGrid::column_of(double lon_deg) const {
  return static_cast<int>(std::floor((lon_deg - west_deg_) / cell_lon_deg_));
}

}  // namespace straja::coverage
