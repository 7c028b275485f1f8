#include "tracking/registration/sensor_registration.h"

#include <gtest/gtest.h>

#include <random>

#include "core/units.h"

namespace straja::tracking {
namespace {

using units::kDegToRad;

const geo::Geodetic kSite{47.0245, 28.76, 260.0};

/// What the radar measures of a target at `position` (ECEF) moving at `velocity` when its
/// errors are `bias` (range_m, range_gain, azimuth, elevation, time_s): the polar coordinates of
/// the position at the stamped time less the time offset, then the offsets and gain.
Eigen::Vector3d measure(const geo::RadarSite& site, const geo::Vec3& position,
                        const geo::Vec3& velocity, const Eigen::Matrix<double, 5, 1>& bias) {
  const geo::Vec3 seen = position - velocity * bias[4];
  const geo::Polar polar = site.to_polar(seen);
  const double range = (seen - site.frame().origin_ecef()).norm();
  return {(1.0 + bias[1]) * range + bias[0], polar.azimuth_rad + bias[2],
          polar.elevation_rad + bias[3]};
}

TEST(SensorRegistration, JacobianMatchesNumericalDerivatives) {
  const geo::RadarSite site(kSite, geo::Propagation::kFourThirdsEarth);
  for (const auto& [where, velocity_enu] :
       {std::pair{geo::Geodetic{47.8, 29.6, 10'000.0}, geo::Vec3(200.0, -50.0, 5.0)},
        std::pair{geo::Geodetic{46.3, 28.1, 3'000.0}, geo::Vec3(-120.0, 90.0, -8.0)},
        std::pair{geo::Geodetic{47.1, 28.9, 500.0}, geo::Vec3(30.0, 10.0, 0.0)}}) {
    const geo::LocalFrame local(where);
    const geo::Vec3 position = local.origin_ecef();
    const geo::Vec3 velocity = local.vector_enu_to_ecef(velocity_enu);
    const RegistrationJacobian jacobian = registration_jacobian(site, position, velocity);
    const Eigen::Matrix<double, 5, 1> zero = Eigen::Matrix<double, 5, 1>::Zero();
    const Eigen::Vector3d at_zero = measure(site, position, velocity, zero);
    EXPECT_NEAR(jacobian.reference.range_m, at_zero[0], 1e-6);
    EXPECT_NEAR(jacobian.reference.azimuth_rad, at_zero[1], 1e-12);
    const Eigen::Matrix<double, 5, 1> steps =
        (Eigen::Matrix<double, 5, 1>() << 1.0, 1e-6, 1e-5, 1e-5, 1e-3).finished();
    for (int k = 0; k < 5; ++k) {
      Eigen::Matrix<double, 5, 1> plus = zero, minus = zero;
      plus[k] = steps[k];
      minus[k] = -steps[k];
      const Eigen::Vector3d numerical =
          (measure(site, position, velocity, plus) - measure(site, position, velocity, minus)) /
          (2.0 * steps[k]);
      for (int row = 0; row < 3; ++row) {
        const double scale = std::max(1.0, std::abs(numerical[row]));
        const double tolerance = 1e-5 * scale;
        EXPECT_NEAR(jacobian.rows(row, k), numerical[row], tolerance)
            << "row " << row << " column " << k << " at " << where.lat_deg;
      }
    }
  }
}

/// One 3D radar and one ADS-B station; aircraft crossing in several directions.
TEST(SensorRegistration, EstimatesAndCorrectsA3dRadarsErrors) {
  SensorRegistry registry;
  SensorInfo radar;
  radar.id = "psr";
  radar.kind = SensorKind::kPsr3d;
  radar.site = kSite;
  radar.range_sigma_m = 30.0;
  radar.azimuth_sigma_rad = 0.15 * kDegToRad;
  radar.elevation_sigma_rad = 0.2 * kDegToRad;
  radar.four_thirds_earth = true;
  registry.sensors.push_back(radar);
  SensorInfo adsb;
  adsb.id = "adsb";
  adsb.kind = SensorKind::kAdsb;
  adsb.site = kSite;
  registry.sensors.push_back(adsb);

  const Eigen::Matrix<double, 5, 1> truth =
      (Eigen::Matrix<double, 5, 1>() << 120.0, 3e-4, 0.25 * kDegToRad, -0.1 * kDegToRad, 0.4)
          .finished();
  const geo::RadarSite site(kSite, geo::Propagation::kFourThirdsEarth);
  const geo::LocalFrame system(kSite);
  struct Aircraft {
    geo::Vec3 start_enu, velocity_enu;
  };
  std::vector<Aircraft> aircraft;
  for (int i = 0; i < 8; ++i) {
    const double bearing = i * 45.0 * kDegToRad;
    const double heading = bearing + (i % 2 ? 100.0 : -80.0) * kDegToRad;
    aircraft.push_back({geo::Vec3(60'000.0 * std::sin(bearing) * (1 + i % 3),
                                  60'000.0 * std::cos(bearing) * (1 + i % 3), 4'000.0 + 900.0 * i),
                        geo::Vec3(220.0 * std::sin(heading), 220.0 * std::cos(heading), 0.0)});
  }
  SensorRegistration registration(registry);
  std::mt19937 random(7);
  std::normal_distribution<double> noise(0.0, 1.0);
  const Time start = from_unix_seconds(1'780'308'000.0);
  double corrected_azimuth_error = 0.0;
  int corrected = 0;
  for (int second = 0; second < 1'200; ++second) {
    for (std::size_t a = 0; a < aircraft.size(); ++a) {
      const geo::Vec3 enu = aircraft[a].start_enu + aircraft[a].velocity_enu * second;
      const geo::Vec3 ecef = system.enu_to_ecef(enu);
      const geo::Geodetic where = geo::ecef_to_geodetic(ecef);
      const geo::LocalFrame local(where);
      const geo::Vec3 velocity_ecef = system.vector_enu_to_ecef(aircraft[a].velocity_enu);
      const geo::Vec3 velocity_local = local.vector_ecef_to_enu(velocity_ecef);
      Plot report;
      report.time = start + from_seconds(second);
      report.sensor = SensorIndex{1};
      report.kind = SensorKind::kAdsb;
      report.lat_deg = where.lat_deg;
      report.lon_deg = where.lon_deg;
      report.geo_alt_m = where.height_m;
      report.vel_east_mps = velocity_local.x();
      report.vel_north_mps = velocity_local.y();
      report.vel_up_mps = velocity_local.z();
      report.icao = IcaoAddress{0x500000u + static_cast<std::uint32_t>(a)};
      registration.observe_and_correct(report);
      if (second % 4 != static_cast<int>(a % 4)) continue;
      // The radar sees the aircraft at the true time `second` and stamps it time_s late.
      const geo::Polar exact = site.to_polar(ecef);
      Plot plot;
      plot.time = start + from_seconds(second + truth[4]);
      plot.sensor = SensorIndex{0};
      plot.kind = SensorKind::kPsr3d;
      plot.range_m = (1.0 + truth[1]) * (ecef - site.frame().origin_ecef()).norm() + truth[0] +
                     30.0 * noise(random);
      plot.azimuth_rad = units::wrap_two_pi(exact.azimuth_rad + truth[2] +
                                            radar.azimuth_sigma_rad * noise(random));
      plot.elevation_rad =
          exact.elevation_rad + truth[3] + radar.elevation_sigma_rad * noise(random);
      registration.observe_and_correct(plot);
      if (second > 900) {
        corrected_azimuth_error += std::abs(units::wrap_pi(plot.azimuth_rad - exact.azimuth_rad));
        ++corrected;
        EXPECT_NEAR(to_seconds(plot.time - start), second, 0.05);
      }
    }
  }
  const auto estimate = registration.estimate(SensorIndex{0});
  ASSERT_TRUE(estimate);
  EXPECT_FALSE(registration.estimate(SensorIndex{1})) << "ADS-B is the reference";
  EXPECT_TRUE(estimate->applied);
  EXPECT_GT(estimate->pairs, 1'500u);
  EXPECT_NEAR(estimate->range_m, truth[0], 15.0);
  EXPECT_NEAR(estimate->range_gain, truth[1], 1e-4);
  EXPECT_NEAR(estimate->azimuth_rad, truth[2], 0.03 * kDegToRad);
  EXPECT_NEAR(estimate->elevation_rad, truth[3], 0.03 * kDegToRad);
  EXPECT_NEAR(estimate->time_s, truth[4], 0.05);
  ASSERT_GT(corrected, 0);
  // Corrected azimuths scatter around the truth by the noise alone (mean |e| = 0.8 sigma).
  EXPECT_LT(corrected_azimuth_error / corrected, 1.0 * radar.azimuth_sigma_rad);
}

}  // namespace
}  // namespace straja::tracking
