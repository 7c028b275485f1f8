#pragma once
// Plots from decoded ASTERIX records, for the tracker:
// - CAT048 target reports: slant range (RHO), azimuth (THETA), Mode C altitude (I090, as pressure
//   altitude in metres), Mode 3/A (when validated and not garbled), aircraft address, callsign.
//   Reports with an SSR or Mode S detection (I020 TYP 2-7) are of kind ssr; primary-only ones
//   (TYP 1) carry no altitude and are kept as ssr-kind plots without alt_m. A 3D radar's measured
//   height (I110, above mean sea level) goes to geo_alt_m.
// - CAT021 ADS-B reports: position (I131 or I130), geometric height (I140) and barometric
//   altitude (I145), address, callsign, Mode 3/A; kind adsb.
// - CAT001 plots and monoradar track reports (I020 TYP 0 and 1: both carry the measured position
//   in I040): range, azimuth, Mode 3/A and Mode C as for CAT048, kind ssr; the truncated time of
//   day (I141) is made whole against the station's last CAT002 service message (or the last time
//   resolved).
// - CAT034 and CAT002 service messages: the antenna rotation period (I041) of each radar, for its
//   scan batches, and what each radar last said about itself (ServiceReport): when, and CAT034
//   I050's operational status.
// Times of day are resolved to full times from `date` (the first record; a live feed gives the
// current time instead, the first record then lying within 12 h of it) and then each against the
// previous one, so a recording or a live stream across midnight keeps a monotonic time.

#include <map>
#include <optional>
#include <vector>

#include "asterix/record.h"
#include "asterix/typed.h"
#include "core/time.h"
#include "report/sensor_report.h"

namespace straja::asterix {

/// A plot whose `sensor` is still unset, with the data source it came from.
struct SourcedPlot {
  SacSic source;
  Plot plot;
};

struct PlotExtractionCounts {
  std::uint64_t records = 0;         ///< records offered
  std::uint64_t plots = 0;           ///< plots produced
  std::uint64_t without_source = 0;  ///< no I010 (nor one carried over)
  std::uint64_t without_time = 0;
  std::uint64_t without_position = 0;
  std::uint64_t other = 0;   ///< categories and message types that are not plots
  std::uint64_t tracks = 0;  ///< of the plots, CAT001 monoradar track reports (TYP 1)
};

/// What a radar's service messages (CAT034, CAT002) said last.
struct ServiceReport {
  Time time{};  ///< of the last service message
  /// The last I034/050 common part (CAT034 only: CAT002's station status is not standardised).
  std::optional<Cat034SystemStatus> status;
  std::uint64_t messages = 0;
};

class PlotExtractor {
 public:
  /// A recording of that day: the first record's time of day lies on `date`.
  explicit PlotExtractor(Date date) : date_(date) {}
  /// A live feed: the first record's time of day is the instant nearest `now` (within 12 h).
  explicit PlotExtractor(Time now) : date_(date_of(now)), last_(now) {}

  /// The plot of `record` (its data source from I010 or carried over within the block).
  std::optional<SourcedPlot> extract(const RecordView& record, std::optional<SacSic> source);

  const PlotExtractionCounts& counts() const { return counts_; }
  /// Antenna rotation periods seen in CAT034 and CAT002 (I041), by data source.
  const std::map<std::uint16_t, double>& rotation_periods() const { return rotation_periods_; }
  /// The last service message of each radar, by data source (SacSic::packed()).
  const std::map<std::uint16_t, ServiceReport>& service_reports() const { return services_; }

 private:
  Time resolve(double time_of_day_s);
  void service_message(std::optional<SacSic> source, std::optional<double> time_of_day_s,
                       std::optional<double> rotation_period_s,
                       std::optional<Cat034SystemStatus> status);
  std::optional<SourcedPlot> cat001_plot(const RecordView& record, SacSic source);

  Date date_;
  std::optional<Time> last_;
  PlotExtractionCounts counts_;
  std::map<std::uint16_t, double> rotation_periods_;
  std::map<std::uint16_t, ServiceReport> services_;
};

}  // namespace straja::asterix
