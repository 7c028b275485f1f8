#pragma once
// WGS84 geodetic <-> ECEF <-> local east-north-up (ENU) frames, on GeographicLib.
//
// Conventions (every function here): angles in degrees where the name says _deg, radians where it
// says _rad; heights are ellipsoidal (above the WGS84 ellipsoid), metres; ECEF and ENU in metres.

#include <Eigen/Core>
#include <memory>

namespace straja::geo {

using Vec3 = Eigen::Vector3d;
using Mat3 = Eigen::Matrix3d;

/// A point on or above the WGS84 ellipsoid.
struct Geodetic {
  double lat_deg = 0.0;   ///< geodetic latitude, [-90, 90]
  double lon_deg = 0.0;   ///< longitude, [-180, 180)
  double height_m = 0.0;  ///< height above the ellipsoid

  friend bool operator==(const Geodetic&, const Geodetic&) = default;
};

/// WGS84 geodetic -> earth-centred earth-fixed.
Vec3 geodetic_to_ecef(const Geodetic& point);
/// ECEF -> WGS84 geodetic (exact to well under a millimetre at any height used in aviation).
Geodetic ecef_to_geodetic(const Vec3& ecef_m);

/// A local tangent plane: x east, y north, z up, origin at a geodetic point.
/// Immutable value type; cheap to copy (a rotation and a translation).
class LocalFrame {
 public:
  LocalFrame() : LocalFrame(Geodetic{}) {}
  explicit LocalFrame(const Geodetic& origin);
  /// The frame at a point given in ECEF (its geodetic coordinates and the rotation from one
  /// conversion; origin_ecef() is `ecef_m` itself).
  static LocalFrame at_ecef(const Vec3& ecef_m);

  const Geodetic& origin() const { return origin_; }
  const Vec3& origin_ecef() const { return origin_ecef_; }
  /// R such that enu = R * (ecef - origin_ecef). Orthonormal; R^T maps ENU vectors to ECEF.
  const Mat3& ecef_to_enu_rotation() const { return ecef_to_enu_; }

  Vec3 ecef_to_enu(const Vec3& ecef_m) const { return ecef_to_enu_ * (ecef_m - origin_ecef_); }
  Vec3 enu_to_ecef(const Vec3& enu_m) const {
    return origin_ecef_ + ecef_to_enu_.transpose() * enu_m;
  }
  Vec3 to_enu(const Geodetic& point) const { return ecef_to_enu(geodetic_to_ecef(point)); }
  Geodetic to_geodetic(const Vec3& enu_m) const { return ecef_to_geodetic(enu_to_ecef(enu_m)); }
  /// Rotates a free vector (a velocity) between the frames; no translation.
  Vec3 vector_ecef_to_enu(const Vec3& v) const { return ecef_to_enu_ * v; }
  Vec3 vector_enu_to_ecef(const Vec3& v) const { return ecef_to_enu_.transpose() * v; }

 private:
  struct Unset {};
  explicit LocalFrame(Unset) {}  // members filled by the caller (at_ecef)

  Geodetic origin_;
  Vec3 origin_ecef_;
  Mat3 ecef_to_enu_;
};

/// The exact affine map between two local frames: p_to = rotation * p_from + translation.
/// Composing ENU -> ECEF -> ENU once, so the hot path is one 3x3 multiply and an add.
struct FrameTransform {
  Mat3 rotation = Mat3::Identity();
  Vec3 translation = Vec3::Zero();

  static FrameTransform between(const LocalFrame& from, const LocalFrame& to);
  Vec3 apply(const Vec3& p_from) const { return rotation * p_from + translation; }
  Vec3 apply_vector(const Vec3& v_from) const { return rotation * v_from; }
  FrameTransform inverse() const;
};

/// Great-circle-free geodesic helpers on the ellipsoid (GeographicLib::Geodesic).
/// Distance along the ellipsoid surface and forward azimuth at the first point (deg, clockwise
/// from north, [0, 360); arbitrary for coincident points).
struct GeodesicInverse {
  double distance_m = 0.0;
  double azimuth_deg = 0.0;
};
GeodesicInverse geodesic_inverse(double lat1_deg, double lon1_deg, double lat2_deg,
                                 double lon2_deg);
/// The point reached from (lat, lon) after distance_m along azimuth_deg (height left unset: 0).
Geodetic geodesic_direct(double lat_deg, double lon_deg, double azimuth_deg, double distance_m);
/// The same, with the geodesic's forward azimuth at the point reached (deg, clockwise from north).
struct GeodesicDirect {
  Geodetic point;
  double azimuth_deg = 0.0;
};
GeodesicDirect geodesic_direct_with_azimuth(double lat_deg, double lon_deg, double azimuth_deg,
                                            double distance_m);

/// One geodesic from a point at an azimuth, set up once for many positions along it (about half
/// the cost of geodesic_direct per position). Cheap to copy (shared, immutable).
class GeodesicPath {
 public:
  GeodesicPath(double lat_deg, double lon_deg, double azimuth_deg);
  /// The point at distance_m along the path (height 0) and the path's azimuth there.
  GeodesicDirect at(double distance_m) const;

 private:
  struct Line;
  std::shared_ptr<const Line> line_;
};

}  // namespace straja::geo
