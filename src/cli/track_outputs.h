#pragma once
// The outputs of `straja track`: one per --out target, its kind from the target
// (docs/formats/cat062-output.md):
//   *.csv             tracks.csv (docs/formats/tracks.md)
//   *.jsonl           JSON lines, one object per report with the keys of tracks.csv and its
//                     sources (the sensors and partner systems that contributed)
//   *.ast             CAT062 system tracks, raw data blocks: one CAT062 block per output time
//                     (more when it would exceed 65535 octets), then a CAT065 end-of-batch block
//   udp://GROUP:PORT  the same blocks live over UDP, one block per datagram of at most 1472
//                     octets (multicast groups get TTL 1 and local loopback)

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "asterix/system_tracks.h"
#include "geo/geodetic.h"
#include "report/air_picture.h"
#include "report/partner_track.h"
#include "report/sensor_report.h"

namespace straja::cli {

/// An SDPS identifier written "SAC/SIC", each 0..255 in decimal; nullopt otherwise.
std::optional<SacSic> parse_sac_sic(std::string_view text);

/// The kind of output a --out target names.
enum class TrackOutputKind { kCsv, kJsonLines, kCat062File, kCat062Udp };
/// Throws CommandFailed (2) for a target of no known kind.
TrackOutputKind track_output_kind(const std::string& target);

/// UDP datagrams carry blocks of at most this many octets (an Ethernet MTU less IP and UDP).
inline constexpr std::size_t kUdpBlockOctets = 1472;

/// tracks.csv's `sources` cell into `out`: the ids of the sensors that updated `report`
/// (sensor_ids by SensorIndex), then of the partner systems whose tracks were fused into it (an
/// unnamed one as SAC/SIC), separated by ';'.
void write_sources_cell(std::string& out, const TrackReport& report,
                        std::span<const std::string> sensor_ids,
                        std::span<const PartnerSystem> partners = {});

class TrackOutputs {
 public:
  /// Opens every target; throws CommandFailed (2) for one that cannot be used. `partners` name
  /// the partner systems in the JSON lines' sources (an unnamed one is written SAC/SIC).
  TrackOutputs(const std::vector<std::string>& targets, const geo::LocalFrame& system_frame,
               const SensorRegistry& registry, asterix::SystemTrackSettings settings = {},
               std::vector<PartnerSystem> partners = {});
  ~TrackOutputs();
  TrackOutputs(const TrackOutputs&) = delete;
  TrackOutputs& operator=(const TrackOutputs&) = delete;

  /// One output time: every report (all of time `at`) to every output.
  void write(std::span<const TrackReport> reports, Time at);
  /// Flushes and closes the files; throws CommandFailed (2) when a write failed. UDP send
  /// failures are counted, and reported here on stderr.
  void close();

 private:
  struct Sink;
  void write_json_line(std::ostream& out, const TrackReport& report) const;

  std::vector<std::unique_ptr<Sink>> sinks_;
  std::vector<std::string> sensor_ids_;  ///< by SensorIndex
  std::vector<PartnerSystem> partners_;
  std::string sources_;                                   ///< tracks.csv's sources cell, reused
  std::unique_ptr<asterix::SystemTrackEncoder> encoder_;  // when a CAT062 output is open
  asterix::EncodedRecords tracks_;
  asterix::EncodedRecords status_;
  std::vector<asterix::DataBlock> blocks_;
};

}  // namespace straja::cli
