#pragma once
// System tracks as ASTERIX: a tracker's TrackReports at one output time become CAT062 records
// (docs/formats/cat062-output.md says which item carries what), followed by a CAT065 end-of-batch
// message. The encoder remembers which track numbers it has sent (for I062/080 TSB) and counts
// batches (I065/020); one encoder per output stream, not thread-safe.

#include <cstddef>
#include <cstdint>
#include <span>
#include <unordered_set>
#include <vector>

#include "asterix/typed_writer.h"
#include "geo/geodetic.h"
#include "report/air_picture.h"
#include "report/sensor_report.h"

namespace straja::asterix {

struct SystemTrackSettings {
  SacSic sdps{0, 1};         ///< I062/010 and I065/010: the system sending the tracks
  std::uint8_t service = 1;  ///< I062/015 and I065/015
  EditionNumber edition = kCat062WriterEdition;
  bool simulated = false;  ///< I062/080 SIM on every track (input from a simulator)
};

/// Records of one category written back to back, with the offset where each ends.
struct EncodedRecords {
  std::uint8_t category = 0;
  std::vector<std::uint8_t> octets;
  std::vector<std::size_t> ends;

  std::size_t size() const { return ends.size(); }
  void clear() {
    octets.clear();
    ends.clear();
  }
};

/// Appends `records` packed into data blocks of at most `max_octets` octets (header included;
/// records stay whole and in order) to `blocks`.
void pack_blocks(const EncodedRecords& records, std::size_t max_octets,
                 std::vector<DataBlock>& blocks);

class SystemTrackEncoder {
 public:
  /// `system_frame`: the tracker's system plane (I062/100 x east, y north of its origin);
  /// `registry`: the sensors, for the SAC/SIC of I062/340.
  SystemTrackEncoder(SystemTrackSettings settings, const geo::LocalFrame& system_frame,
                     const SensorRegistry& registry);

  /// One output time `at`: every report as a CAT062 record into `tracks` (cleared first) and the
  /// CAT065 end-of-batch message (I000 = 2, batch number counting 0..255 and round again) into
  /// `status` (cleared first).
  void encode(std::span<const TrackReport> reports, Time at, EncodedRecords& tracks,
              EncodedRecords& status);

  /// The CAT062 values of one report at `at` (`first`: the first message for its track number).
  Cat062Track to_cat062(const TrackReport& report, Time at, bool first) const;

 private:
  SystemTrackSettings settings_;
  geo::LocalFrame system_frame_;
  std::vector<SacSic> sensor_sources_;  ///< by SensorIndex
  std::unordered_set<std::uint64_t> sent_;
  std::uint8_t batch_ = 0;
};

/// The emergency status of a Mode 3/A code, as I062/080 EMS and I021/200 PS both encode it:
/// 7500 unlawful interference (5), 7600 no communications (4), 7700 general emergency (1), else 0.
std::uint8_t emergency_of(std::optional<Mode3A> code);

}  // namespace straja::asterix
