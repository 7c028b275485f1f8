#include "server/api_documents.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace straja::server {
namespace {

TEST(ApiDocuments, StatsFrameIsTheStatsObjectWithAType) {
  Picture picture;
  picture.stats.source = "live";
  picture.stats.dropped = 3;
  const auto plain = nlohmann::json::parse(stats_json(picture, 2));
  auto framed = nlohmann::json::parse(stats_json(picture, 2, "stats"));
  EXPECT_EQ(framed["type"], "stats");
  framed.erase("type");
  EXPECT_EQ(framed, plain);
  EXPECT_EQ(plain["source"], "live");
  EXPECT_EQ(plain["dropped"], 3);
  EXPECT_EQ(plain["clients"], 2);
  EXPECT_TRUE(plain["replay"].is_null());
  EXPECT_TRUE(plain["scenario"].is_null());
}

TEST(ApiDocuments, SensorsAndMetricsAreWellFormed) {
  Picture picture;
  SensorStatus sensor;
  sensor.id = "ads\"b";
  sensor.kind = "adsb";
  sensor.health = SensorHealth::kDown;
  picture.sensors.push_back(sensor);
  const auto sensors = nlohmann::json::parse(sensors_json(picture));
  EXPECT_EQ(sensors[0]["id"], "ads\"b");
  EXPECT_EQ(sensors[0]["status"], "down");
  EXPECT_TRUE(sensors[0]["last_data_age_s"].is_null());
  EXPECT_TRUE(sensors[0]["status_reason"].is_null());
  SensorStatus degraded = sensor;
  degraded.id = "psr-1";
  degraded.health = SensorHealth::kDegraded;
  degraded.status_reason = "processor overload (CAT034)";
  picture.sensors.push_back(degraded);
  const auto both = nlohmann::json::parse(sensors_json(picture));
  EXPECT_EQ(both[1]["status"], "degraded");
  EXPECT_EQ(both[1]["status_reason"], "processor overload (CAT034)");
  const std::string metrics = metrics_text(picture, ServerCounters{.http_requests = 7});
  EXPECT_NE(metrics.find("straja_sensor_ok{sensor=\"ads\\\"b\",status=\"down\"} 0\n"),
            std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("straja_sensor_ok{sensor=\"psr-1\",status=\"degraded\"} 0\n"),
            std::string::npos);
  EXPECT_NE(metrics.find("straja_http_requests_total 7\n"), std::string::npos);
  EXPECT_NE(metrics.find("straja_latency_seconds{quantile=\"0.99\"} NaN\n"), std::string::npos);
  // Every sample line is "name[{labels}] value".
  std::size_t start = 0;
  while (start < metrics.size()) {
    const std::size_t end = metrics.find('\n', start);
    ASSERT_NE(end, std::string::npos);
    const std::string line = metrics.substr(start, end - start);
    start = end + 1;
    if (line.starts_with("#")) continue;
    EXPECT_TRUE(line.starts_with("straja_")) << line;
    EXPECT_NE(line.find(' '), std::string::npos) << line;
  }
}

}  // namespace
}  // namespace straja::server
