#pragma once
// The coverage grid: cells of constant latitude and longitude step over a bounding box (WGS84),
// sized so that a cell is about `cell_m` by `cell_m` at the box's middle latitude. Cell (row,
// column) has its south-west corner at (south + row * dlat, west + column * dlon); row 0 is the
// southernmost. Cell areas are those of the WGS84 ellipsoid's zone between the cell's parallels
// (exact for a lat/lon rectangle), so areas stay right across a country's extent.

#include <cstddef>
#include <vector>

namespace straja::coverage {

struct BoundingBox {
  double south_deg = 0.0;
  double west_deg = 0.0;
  double north_deg = 0.0;
  double east_deg = 0.0;

  bool empty() const { return north_deg <= south_deg || east_deg <= west_deg; }
  /// The box grown by `margin_m` on every side (approximate degrees per metre at its middle).
  BoundingBox grown(double margin_m) const;
};

class GeoGrid {
 public:
  GeoGrid() = default;
  /// Cells of about cell_m x cell_m covering `box` (at least one cell each way).
  GeoGrid(const BoundingBox& box, double cell_m);

  int rows() const { return rows_; }
  int columns() const { return columns_; }
  std::size_t cells() const {
    return static_cast<std::size_t>(rows_) * static_cast<std::size_t>(columns_);
  }
  std::size_t index(int row, int column) const {
    return static_cast<std::size_t>(row) * static_cast<std::size_t>(columns_) +
           static_cast<std::size_t>(column);
  }
  double south_deg() const { return south_deg_; }
  double west_deg() const { return west_deg_; }
  double north_deg() const { return south_deg_ + rows_ * cell_lat_deg_; }
  double east_deg() const { return west_deg_ + columns_ * cell_lon_deg_; }
  double cell_lat_deg() const { return cell_lat_deg_; }
  double cell_lon_deg() const { return cell_lon_deg_; }
  double cell_m() const { return cell_m_; }
  /// Centre of the cells of a row / column.
  double latitude_deg(int row) const { return south_deg_ + (row + 0.5) * cell_lat_deg_; }
  double longitude_deg(int column) const { return west_deg_ + (column + 0.5) * cell_lon_deg_; }
  /// Row / column holding a latitude / longitude (may lie outside [0, rows) / [0, columns)).
  int row_of(double lat_deg) const;
  int column_of(double lon_deg) const;
  /// Area of one cell of `row` (km^2).
  double cell_area_km2(int row) const { return cell_area_km2_[static_cast<std::size_t>(row)]; }

 private:
  double south_deg_ = 0.0;
  double west_deg_ = 0.0;
  double cell_lat_deg_ = 1.0;
  double cell_lon_deg_ = 1.0;
  double cell_m_ = 0.0;
  int rows_ = 0;
  int columns_ = 0;
  std::vector<double> cell_area_km2_;  ///< per row
};

}  // namespace straja::coverage
