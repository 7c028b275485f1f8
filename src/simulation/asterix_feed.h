#pragma once
// What each simulated sensor sends as ASTERIX: a scan's plots as CAT048 (psr3d, ssr) or CAT021
// (adsb) target reports packed in data blocks, and for a rotating radar the CAT034 north marker
// and sector-crossing messages, every block stamped with the true time it leaves the sensor.
// docs/formats/simulator-asterix.md lists the items, their sources and conversions, and the block
// grouping. Deterministic: the same scans give the same octets.

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "core/time.h"
#include "geo/radar.h"
#include "report/sensor_report.h"
#include "simulation/scenario.h"
#include "simulation/sensor_faults.h"
#include "simulation/simulator.h"

namespace straja::sim {

struct AsterixFeedOptions {
  /// SIM bit of I048/020 and I021/040 ("simulated target report"), so that simulated traffic on a
  /// network can never pass for a real sensor's.
  bool mark_simulated = true;
  /// A rotating radar's sectors: CAT034 sector-crossing messages at each boundary but north
  /// (where the north marker goes), and each sector's CAT048 reports in their own block(s).
  int sectors_per_rotation = 32;  ///< taken into [1, 256]
  /// An ADS-B station's CAT021 reports are grouped in windows of this length from the start of
  /// each reporting interval.
  double adsb_window_s = 0.25;
  /// No data block is longer (octets, header included): 1472 is the UDP payload of one Ethernet
  /// frame (1500 - 20 IPv4 - 8 UDP), so no datagram is fragmented.
  std::size_t max_block_octets = 1472;  ///< taken into [128, 65535]
};

/// One data block as it leaves its sensor.
struct TimedBlock {
  Time time{};  ///< true time it is sent: the end of its sector or window, or the CAT034 event
  SensorIndex sensor{};
  std::uint8_t category = 0;
  std::uint32_t records = 0;
  std::vector<std::uint8_t> octets;  ///< one whole data block
};

class AsterixFeed {
 public:
  explicit AsterixFeed(const Scenario& scenario, AsterixFeedOptions options = {});

  /// Appends the blocks of `scan` (as Simulator::next_scan gives it) to `out`, in the order the
  /// sensor sends them; their times do not decrease, and a sensor's next scan continues from its
  /// last. Not thread-safe (keeps the ADS-B track numbers).
  void encode(const SensorScan& scan, std::vector<TimedBlock>& out);

  const AsterixFeedOptions& options() const { return options_; }

  /// The height I048/110 reports for a 3D radar's plot, metres above mean sea level: the
  /// effective-earth height of the measured slant range r and elevation e,
  ///   h = hypot(r cos e, Re + h_s + r sin e) - Re - geoid,
  /// Re = k * (the ellipsoid's normal-section radius at the site along the azimuth), k = 4/3
  /// with refraction (else 1), h_s the antenna height above the ellipsoid, geoid the scenario's
  /// geoid height (MSL above the ellipsoid). The inverse of the psr3d model's own geometry.
  static double height_3d_msl_m(const SensorInfo& sensor, double geoid_height_m, double range_m,
                                double azimuth_rad, double elevation_rad);
  /// The same with the site's normal-section radius already set up (per plot: no trigonometry
  /// of the site's latitude).
  static double height_3d_msl_m(const SensorInfo& sensor, const geo::NormalSectionRadius& radius,
                                double geoid_height_m, double range_m, double azimuth_rad,
                                double elevation_rad);

 private:
  struct SensorState {
    SensorInfo info;
    SensorFaultModel clock;  ///< its time stamps (bias, clock jumps) and outages
    geo::NormalSectionRadius earth_radius{0.0};                      ///< at the site's latitude
    std::unordered_map<std::uint32_t, std::uint16_t> track_numbers;  ///< ADS-B: per address
    std::uint16_t next_track_number = 1;
  };
  void encode_radar(const SensorScan& scan, SensorState& sensor, std::vector<TimedBlock>& out);
  void encode_adsb(const SensorScan& scan, SensorState& sensor, std::vector<TimedBlock>& out);
  void append_cat048(const Plot& plot, const SensorState& sensor, std::vector<std::uint8_t>& out);
  void append_cat021(const Plot& plot, SensorState& sensor, std::vector<std::uint8_t>& out);

  AsterixFeedOptions options_;
  double geoid_height_m_ = 0.0;
  std::vector<SensorState> sensors_;
};

}  // namespace straja::sim
