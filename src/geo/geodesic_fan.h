#pragma once
// GeodesicFan: the geodesics from one fixed point to every point within a given distance,
// tabulated once so that each later inverse costs a few dozen floating-point operations instead
// of GeographicLib's iterative solution.
//
// A query point's foot (its latitude and longitude at height 0) is first placed cheaply: its
// chord c from the origin's foot and the azimuth a of that chord in the origin's local horizontal
// plane (the normal-section azimuth). The geodesic distance and initial azimuth differ from c and
// a by smooth functions of (a, c) (the surface's curvature: about 16 m and well under an
// arcsecond at 250 km), which are tabulated on a grid of (a, c) and interpolated bicubically.
// Contract: within max_distance_m the result agrees with geodesic_inverse to better than 1 mm in
// distance and 1e-6 deg in azimuth (checked against GeographicLib by the tests); beyond it, and
// within a metre of the origin, geodesic_inverse itself answers.
//
// The direct problem is tabulated the same way, on a grid of (initial azimuth, distance): the
// horizontal distance and azimuth of the end's foot in the origin foot's ENU frame differ from the
// distance and initial azimuth by smooth functions, interpolated bicubically; the foot's height in
// that frame then follows exactly from the ellipsoid's equation (one square root), and the point
// from the foot along the ellipsoid normal. Contract: within max_distance_m the ECEF point agrees
// with geodetic_to_ecef(geodesic_direct(...)) to better than 1 mm.

#include <vector>

#include "geo/geodetic.h"

namespace straja::geo {

class GeodesicFan {
 public:
  GeodesicFan(const Geodetic& origin, double max_distance_m);

  /// Distance along the ellipsoid from the origin's foot to `point`'s foot and the forward
  /// azimuth at the origin (deg, [0, 360)), as geodesic_inverse(origin, point).
  GeodesicInverse inverse(const Geodetic& point) const;

  /// The point height_m above the end of the geodesic from the origin at azimuth_deg (deg,
  /// clockwise from north) of length distance_m, in ECEF: geodetic_to_ecef of geodesic_direct's
  /// point with that height.
  Vec3 direct_ecef(double azimuth_deg, double distance_m, double height_m) const;

  double max_distance_m() const { return max_distance_m_; }

 private:
  static constexpr double kAzimuthStepDeg = 5.0;
  static constexpr double kChordStepM = 10'000.0;

  /// A place on the tables' grid: an azimuth (deg, [0, 360)) and a distance from the origin (m).
  /// For the inverse tables, the azimuth and length of the chord from the origin's foot to the
  /// point's foot, in the origin foot's local horizontal plane; for the direct ones, the
  /// geodesic's initial azimuth and length.
  struct Proxy {
    double azimuth_deg;
    double chord_m;
  };
  Proxy proxy(const Geodetic& point) const;
  /// Bicubic (Catmull-Rom) interpolation of a table at (azimuth, chord).
  double interpolate(const std::vector<double>& table, const Proxy& at) const;
  double& node(std::vector<double>& table, int azimuth_index, int chord_index) const;

  Geodetic origin_;
  LocalFrame foot_frame_;  // at the origin's foot
  double max_distance_m_;
  int azimuth_nodes_ = 0;  // including one node of padding on each side
  int chord_nodes_ = 0;    // including padding beyond the far end
  std::vector<double> distance_minus_chord_m_;
  std::vector<double> azimuth_correction_deg_;
  // Direct: the end foot's horizontal distance (in the foot frame) minus the geodesic's length,
  // and its horizontal azimuth minus the initial azimuth.
  std::vector<double> horizontal_minus_distance_m_;
  std::vector<double> horizontal_azimuth_correction_deg_;
  Vec3 up_ecef_;               // the foot frame's up axis
  Vec3 scaled_origin_;         // D * the origin foot's ECEF, D = diag(1/a^2, 1/a^2, 1/b^2)
  double up_scaled_up_ = 0.0;  // up^T D up
};

}  // namespace straja::geo
