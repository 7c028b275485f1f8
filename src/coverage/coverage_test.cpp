#include "coverage/coverage.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "coverage/report.h"
#include "coverage/ridge_test_support.h"
#include "geo/geodetic.h"
#include "simulation/psr3d_model.h"
#include "simulation/ssr_model.h"

namespace straja::coverage {
namespace {

std::vector<std::uint8_t> everywhere(const GeoGrid& grid) {
  return std::vector<std::uint8_t>(grid.cells(), 1);
}

CoverageSettings one_layer(double layer_m, HeightReference reference, double rcs_m2 = 1.0) {
  CoverageSettings settings;
  settings.layers_m = {layer_m};
  settings.reference = reference;
  settings.rcs_m2 = {rcs_m2};
  return settings;
}

/// Ground distance (m) of the farthest covered cell and of the nearest uncovered one beyond
/// min_distance_m.
std::pair<double, double> coverage_edge(const CoverageResult& result, const geo::Geodetic& site,
                                        double min_distance_m) {
  double farthest_covered = 0.0;
  double nearest_uncovered = 1e12;
  const GeoGrid& grid = result.grid;
  for (int row = 0; row < grid.rows(); ++row) {
    for (int column = 0; column < grid.columns(); ++column) {
      const double d = geo::geodesic_inverse(site.lat_deg, site.lon_deg, grid.latitude_deg(row),
                                             grid.longitude_deg(column))
                           .distance_m;
      if (d < min_distance_m) continue;
      if (result.layers[0].pd_all[grid.index(row, column)] >= 0.5f) {
        farthest_covered = std::max(farthest_covered, d);
      } else {
        nearest_uncovered = std::min(nearest_uncovered, d);
      }
    }
  }
  return {farthest_covered, nearest_uncovered};
}

TEST(Coverage, SmoothEarthHorizonIsTheFourThirdsEarthGeometryWithinOneCell) {
  // Pd ~ 1 wherever seen: the covered disc ends at the radar horizon,
  // sqrt(2 k R h_s) + sqrt(2 k R h_t) with k = 4/3.
  const sim::SensorSpec radar = testing::line_of_sight_radar();
  const double cell_m = 500.0;
  const GeoGrid grid(BoundingBox{45.2, 25.5, 48.8, 30.5}, cell_m);
  for (const double layer : {100.0, 1000.0}) {
    const CoverageResult result = compute_coverage({radar}, nullptr, grid, everywhere(grid),
                                                   one_layer(layer, HeightReference::kAmsl));
    const double kr = 2.0 * geo::kFourThirds * geo::kMeanEarthRadiusM;
    const double horizon = std::sqrt(kr * radar.info.site.height_m) + std::sqrt(kr * layer);
    const auto [covered, uncovered] = coverage_edge(result, radar.info.site, 2000.0);
    EXPECT_NEAR(covered, horizon, cell_m) << "layer " << layer;
    EXPECT_NEAR(uncovered, horizon, cell_m) << "layer " << layer;
    EXPECT_FALSE(result.terrain);
  }
}

TEST(Coverage, MaximumDetectionRangeIsTheRadarEquations) {
  // A 1 m^2 target at 10 km AMSL, well above the horizon: covered (Pd >= 0.5) out to the slant
  // range where the radar equation with Swerling 1 gives 0.5.
  sim::SensorSpec radar = testing::line_of_sight_radar();
  radar.psr3d.reference_range_m = 180'000;
  radar.psr3d.pd_at_reference = 0.9;
  const sim::Psr3dDetection detection(radar.psr3d);
  const double expected = detection.range_for_pd(0.5, 1.0);
  // SNR_ref = ln(1e-6)/ln(0.9) - 1, SNR_0.5 = ln(1e-6)/ln(0.5) - 1: R = 180 km
  // (SNR_ref/SNR_0.5)^1/4.
  EXPECT_NEAR(expected,
              180'000 * std::pow((std::log(1e-6) / std::log(0.9) - 1) /
                                     (std::log(1e-6) / std::log(0.5) - 1),
                                 0.25),
              1.0);
  EXPECT_NEAR(detection.pd_at_range(expected, 1.0), 0.5, 1e-9);
  const double cell_m = 1000.0;
  const GeoGrid grid(BoundingBox{44.0, 23.5, 50.0, 32.5}, cell_m);
  const CoverageResult result = compute_coverage({radar}, nullptr, grid, everywhere(grid),
                                                 one_layer(10'000, HeightReference::kAmsl));
  // Compare in slant range (straight line between antenna and cell centre at 10 km).
  const geo::Vec3 site = geo::geodetic_to_ecef(radar.info.site);
  double farthest_covered = 0.0, nearest_uncovered = 1e12;
  for (int row = 0; row < grid.rows(); ++row) {
    for (int column = 0; column < grid.columns(); ++column) {
      const double slant =
          (geo::geodetic_to_ecef({grid.latitude_deg(row), grid.longitude_deg(column), 10'000}) -
           site)
              .norm();
      if (result.layers[0].pd_all[grid.index(row, column)] >= 0.5f) {
        farthest_covered = std::max(farthest_covered, slant);
      } else if (slant > 50'000) {
        nearest_uncovered = std::min(nearest_uncovered, slant);
      }
    }
  }
  EXPECT_NEAR(farthest_covered, expected, cell_m);
  EXPECT_NEAR(nearest_uncovered, expected, cell_m);
}

TEST(Coverage, AgreesWithTheSimulatorsDetectionProbability) {
  // The simulator's Psr3dModel and SsrModel at cell centres give the same Pd as the grid (the
  // geometry differs by metres, so only cells right at an edge may differ).
  sim::SensorSpec radar;
  radar.info.id = "psr";
  radar.info.kind = SensorKind::kPsr3d;
  radar.info.site = {47.0245, 28.76, 260};
  radar.psr3d.min_elevation_deg = -1;
  sim::SensorSpec ssr;
  ssr.info.id = "ssr";
  ssr.info.kind = SensorKind::kSsr;
  ssr.info.site = {47.838, 27.781, 275};
  const GeoGrid grid(BoundingBox{45.0, 25.5, 49.0, 32.0}, 2000.0);
  const sim::Psr3dModel psr_model(radar, SensorIndex{0});
  const sim::SsrModel ssr_model(ssr, SensorIndex{1}, sim::Environment{});
  std::mt19937 rng(7);
  for (const double layer : {300.0, 3000.0}) {
    for (const double rcs : {0.1, 1.0}) {
      const CoverageSettings settings = one_layer(layer, HeightReference::kAmsl, rcs);
      const CoverageResult psr =
          compute_coverage({radar}, nullptr, grid, everywhere(grid), settings);
      const CoverageResult secondary =
          compute_coverage({ssr}, nullptr, grid, everywhere(grid), settings);
      int edge = 0, compared = 0;
      for (int i = 0; i < 3000; ++i) {
        const int row = static_cast<int>(rng() % static_cast<unsigned>(grid.rows()));
        const int column = static_cast<int>(rng() % static_cast<unsigned>(grid.columns()));
        const geo::Geodetic target{grid.latitude_deg(row), grid.longitude_deg(column), layer};
        const double expected = psr_model.detection_probability(target, rcs);
        const auto got = static_cast<double>(psr.layers[0].pd_all[grid.index(row, column)]);
        const bool ssr_expected = ssr_model.covers(target);
        const bool ssr_got = secondary.layers[0].pd_all[grid.index(row, column)] > 0;
        ++compared;
        if ((expected > 0) != (got > 0) || ssr_expected != ssr_got) {
          ++edge;
          continue;
        }
        EXPECT_NEAR(got, expected, 1e-4);
        if (ssr_got) {
          EXPECT_NEAR(secondary.layers[0].pd_all[grid.index(row, column)], ssr.ssr.pd, 1e-6);
        }
      }
      EXPECT_LE(edge, compared / 100) << "layer " << layer << " rcs " << rcs;
    }
  }
}

TEST(Coverage, RidgeShadowsExactlyWhatLiesBehindIt) {
  const geo::FunctionTerrain terrain(testing::ridge_height_m);
  testing::expect_ridge_shadow(terrain);
}

TEST(Coverage, CombinedIsTheUnionOfSensorsAndFractionsAddUp) {
  std::vector<sim::SensorSpec> sensors;
  for (int i = 0; i < 3; ++i) {
    sim::SensorSpec radar;
    radar.info.id = "psr" + std::to_string(i);
    radar.info.kind = SensorKind::kPsr3d;
    radar.info.site = {46.5 + 0.5 * i, 28.0 + 0.4 * i, 200};
    radar.psr3d.max_range_m = 120'000;
    sensors.push_back(radar);
  }
  sim::SensorSpec adsb;
  adsb.info.id = "adsb";
  adsb.info.kind = SensorKind::kAdsb;
  adsb.info.site = {47.2, 27.5, 150};
  sensors.push_back(adsb);
  const GeoGrid grid(BoundingBox{45.5, 26.5, 48.5, 30.0}, 2000.0);
  std::vector<std::uint8_t> inside(grid.cells(), 0);
  for (std::size_t g = 0; g < inside.size(); g += 3) inside[g] = 1;  // a sparse area
  CoverageSettings settings;
  settings.layers_m = {100, 3000};
  settings.rcs_m2 = {0.1, 1};
  settings.reference = HeightReference::kAgl;
  const CoverageResult all = compute_coverage(sensors, nullptr, grid, inside, settings);
  std::vector<CoverageResult> single;
  for (const auto& sensor : sensors) {
    single.push_back(compute_coverage({sensor}, nullptr, grid, inside, settings));
  }
  for (std::size_t l = 0; l < settings.layers_m.size(); ++l) {
    for (std::size_t r = 0; r < settings.rcs_m2.size(); ++r) {
      const LayerCoverage& combined = all.at(l, r);
      double uncovered_km2 = 0.0;
      for (int row = 0; row < grid.rows(); ++row) {
        for (int column = 0; column < grid.columns(); ++column) {
          const std::size_t g = grid.index(row, column);
          double miss = 1.0;
          int seeing = 0;
          bool any = false;
          for (const CoverageResult& one : single) {
            const double pd = static_cast<double>(one.at(l, r).pd_all[g]);
            miss *= 1.0 - pd;
            seeing += pd >= 0.5 ? 1 : 0;
            any = any || pd >= 0.5;
          }
          ASSERT_NEAR(combined.pd_all[g], 1.0 - miss, 1e-5);
          ASSERT_EQ(combined.sensors_seeing[g], seeing);
          if (any) {
            ASSERT_GE(combined.pd_all[g], 0.5f);
          }  // every sensor's coverage is in the union
          if (inside[g] != 0 && combined.pd_all[g] < 0.5f) uncovered_km2 += grid.cell_area_km2(row);
        }
      }
      EXPECT_NEAR((combined.covered_km2 + uncovered_km2) / all.area_km2, 1.0, 1e-9);
      for (std::size_t s = 0; s < sensors.size(); ++s) {
        EXPECT_LE(combined.sensor_covered_km2[s], combined.covered_km2 + 1e-9);
        EXPECT_NEAR(combined.sensor_covered_km2[s], single[s].at(l, r).sensor_covered_km2[0], 1e-6);
      }
      EXPECT_GT(combined.covered_km2, 0.0);
    }
  }
}

TEST(Coverage, AglLayersFollowTheTerrain) {
  // A plateau 500 m high everywhere: 100 m AGL there is 600 m above the ellipsoid.
  const geo::FunctionTerrain plateau([](double, double) { return 500.0; });
  sim::SensorSpec radar = testing::line_of_sight_radar();
  radar.info.site.height_m = 530;
  const GeoGrid grid(BoundingBox{46.5, 27.3, 47.5, 28.7}, 1000.0);
  const CoverageResult agl = compute_coverage({radar}, &plateau, grid, everywhere(grid),
                                              one_layer(100, HeightReference::kAgl));
  EXPECT_TRUE(agl.terrain);
  const std::vector<float> heights = layer_heights(agl.ground_m, 100, HeightReference::kAgl);
  EXPECT_FLOAT_EQ(heights[0], 600.0f);
  EXPECT_GT(agl.layers[0].covered_km2, 0.0);
}

TEST(CoverageCsv, HeaderAndOneRowPerSensorAndTheNetwork) {
  sim::SensorSpec radar = testing::line_of_sight_radar();
  sim::SensorSpec other = radar;
  other.info.id = "radar2";
  other.info.site.lon_deg += 0.5;
  const GeoGrid grid(BoundingBox{46.5, 27.5, 47.5, 28.9}, 2000.0);
  CoverageSettings settings;
  settings.layers_m = {100, 1000};
  settings.rcs_m2 = {0.1, 1, 10};
  const CoverageResult result =
      compute_coverage({radar, other}, nullptr, grid, everywhere(grid), settings);
  const std::string csv = coverage_csv(result);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "layer_m,reference,rcs_m2,sensor,covered_fraction,covered_km2");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 2 * 3 * 3);
  EXPECT_NE(csv.find("\n100,agl,0.1,radar,"), std::string::npos);
  EXPECT_NE(csv.find("\n1000,agl,10,all,"), std::string::npos);
}

}  // namespace
}  // namespace straja::coverage
