#pragma once
// ASTERIX recordings (any framing the decoder reads) as plots, for `straja track` and
// `straja eval --labels`: blocks that do not decode are skipped with one message and counted.

#include <map>
#include <string>
#include <vector>

#include "asterix/partner_tracks.h"
#include "asterix/plot_extraction.h"

namespace straja::cli {

struct AsterixPlots {
  std::vector<asterix::SourcedPlot> plots;
  std::map<std::uint16_t, double> rotation_periods;  ///< CAT034 I041 by data source
  std::size_t skipped_blocks = 0;
  /// CAT062 system tracks of partner systems (docs/formats/partner-tracks.md), in file order;
  /// each with the accuracy defaults of its SDPS in `partners` (else the built-in ones).
  std::vector<PartnerTrack> partner_tracks;
  std::size_t malformed_partner_records = 0;  ///< CAT062 records that could not be placed
};

/// Throws CommandFailed (2) when the file cannot be read or framed.
AsterixPlots read_asterix_plots(const std::string& path, Date date, const std::string& command,
                                const std::vector<PartnerSystem>& partners = {});

/// The UTC date for ASTERIX times of day: `text` (YYYY-MM-DD) when given, else `fallback`, else
/// today's date with a warning. Throws CommandFailed (2) on a malformed date.
Date recording_date(const std::string& text, std::optional<Date> fallback,
                    const std::string& command);

}  // namespace straja::cli
