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

#include <vector>

#include "geo/geodetic.h"

namespace straja::geo {

class GeodesicFan {
 public:
  GeodesicFan(const Geodetic& origin, double max_distance_m);

  /// Distance along the ellipsoid from the origin's foot to `point`'s foot and the forward
  /// azimuth at the origin (deg, [0, 360)), as geodesic_inverse(origin, point).
  GeodesicInverse inverse(const Geodetic& point) const;

  double max_distance_m() const { return max_distance_m_; }

 private:
  static constexpr double kAzimuthStepDeg = 5.0;
  static constexpr double kChordStepM = 10'000.0;

  struct Proxy {
    double azimuth_deg;  // of the chord in the origin's local horizontal plane, [0, 360)
    double chord_m;
  };
  Proxy proxy(const Geodetic& point) const;
  /// Bicubic (Catmull-Rom) interpolation of table_ at (azimuth, chord).
  double interpolate(const std::vector<double>& table, const Proxy& at) const;
  double& node(std::vector<double>& table, int azimuth_index, int chord_index) const;

  Geodetic origin_;
  LocalFrame foot_frame_;  // at the origin's foot
  double max_distance_m_;
  int azimuth_nodes_ = 0;  // including one node of padding on each side
  int chord_nodes_ = 0;    // including padding beyond the far end
  std::vector<double> distance_minus_chord_m_;
  std::vector<double> azimuth_correction_deg_;
};

}  // namespace straja::geo
