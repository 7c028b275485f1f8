#pragma once
// Partner tracks from decoded CAT062 records (docs/formats/partner-tracks.md): another SDPS's
// system tracks for the track-to-track fusion stage. A record without I010 (nor one carried over
// in its block), I070, I040 or I105 cannot be placed and is counted as malformed. Times of day
// resolve as in PlotExtractor: against `date` for the first record, then each against the
// previous one (monotonic across midnight).

#include <cstdint>
#include <map>
#include <optional>

#include "asterix/record.h"
#include "core/time.h"
#include "report/partner_track.h"

namespace straja::asterix {

struct PartnerTrackCounts {
  std::uint64_t records = 0;    ///< CAT062 records offered
  std::uint64_t tracks = 0;     ///< partner tracks produced
  std::uint64_t malformed = 0;  ///< without source, time, track number or position
};

class PartnerTrackExtractor {
 public:
  /// A recording of that day: the first record's time of day lies on `date`.
  PartnerTrackExtractor(Date date, PartnerAccuracyDefaults defaults = {})
      : date_(date), defaults_(defaults) {}
  /// A live feed: the first record's time of day is the instant nearest `now` (within 12 h).
  PartnerTrackExtractor(Time now, PartnerAccuracyDefaults defaults = {})
      : date_(date_of(now)), last_(now), defaults_(defaults) {}

  /// The partner track of a CAT062 `record` (its SDPS from I010 or carried over within the
  /// block); nullopt for other categories (not counted) and malformed records (counted).
  std::optional<PartnerTrack> extract(const RecordView& record, std::optional<SacSic> source);

  /// The defaults for the tracks of one SDPS (the constructor's for every other).
  void set_defaults(SacSic sdps, const PartnerAccuracyDefaults& defaults) {
    defaults_by_source_[sdps.packed()] = defaults;
  }

  const PartnerTrackCounts& counts() const { return counts_; }

 private:
  Date date_;
  std::optional<Time> last_;
  PartnerAccuracyDefaults defaults_;
  std::map<std::uint16_t, PartnerAccuracyDefaults> defaults_by_source_;
  PartnerTrackCounts counts_;
};

}  // namespace straja::asterix
