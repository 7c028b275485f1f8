#pragma once
// Writers for the project's CSV formats (docs/formats/): truth.csv, plots.csv, tracks.csv.
// Each writer owns its file, writes the header on open, and formats numbers with std::to_chars
// (shortest exact round trip for times, fixed precision elsewhere) into a buffered stream.

#include <cstddef>
#include <fstream>
#include <string>
#include <string_view>

#include "core/result.h"
#include "report/air_picture.h"
#include "report/sensor_report.h"

namespace straja::io {

inline constexpr std::string_view kTruthCsvHeader =
    "time_s,target_id,lat_deg,lon_deg,alt_m,vel_east_mps,vel_north_mps,vel_up_mps,class";
inline constexpr std::string_view kPlotsCsvHeader =
    "time_s,sensor_id,kind,range_m,azimuth_deg,elevation_deg,lat_deg,lon_deg,alt_m,alt_kind,"
    "mode3a,icao,callsign,truth_id,geo_alt_m,vel_east_mps,vel_north_mps,vel_up_mps,nacp";
inline constexpr std::string_view kTracksCsvHeader =
    "time_s,track_id,lat_deg,lon_deg,alt_m,vel_east_mps,vel_north_mps,vel_up_mps,status,icao,"
    "callsign,mode3a,sources";

/// Room format_fixed needs: a sign, 309 integer digits of the largest double, a point, decimals.
inline constexpr std::size_t kFixedCharsMax = 330;
/// Writes `value` with exactly `decimals` digits after the point (0 to 9 on the fast path; any
/// that std::to_chars accepts otherwise), the same characters as std::to_chars(..., fixed,
/// decimals); returns the end. `out` must have kFixedCharsMax characters of room.
char* format_fixed(char* out, double value, int decimals);

/// Appends CSV cells to a line; empty cell for NaN. Not thread-safe; one per file.
class CsvLine {
 public:
  CsvLine& time(Time t);
  CsvLine& number(double value, int decimals);
  CsvLine& integer(std::int64_t value);
  CsvLine& text(std::string_view value);  // written as is: callers pass CSV-safe tokens
  CsvLine& empty();
  const std::string& str() const { return line_; }
  void clear() { line_.clear(); }

 private:
  void separator();
  std::string line_;
};

/// A CSV file written through its own buffer, handed to the stream a megabyte at a time.
class CsvFile {
 public:
  /// Opens (truncates) `path` and writes `header`; check ok() afterwards.
  CsvFile(const std::string& path, std::string_view header);
  /// Writes what is still buffered (without reporting errors: close() reports them).
  ~CsvFile();
  CsvFile(const CsvFile&) = delete;
  CsvFile& operator=(const CsvFile&) = delete;
  Status status() const { return status_; }
  void write(const CsvLine& line);
  Status close();

 private:
  static constexpr std::size_t kBufferBytes = std::size_t{1} << 20;
  void flush_buffer();

  std::string path_;
  std::ofstream out_;
  std::string buffer_;
  Status status_;
};

class TruthCsvWriter {
 public:
  explicit TruthCsvWriter(const std::string& path) : file_(path, kTruthCsvHeader) {}
  Status status() const { return file_.status(); }
  void write(const TruthState& state);
  Status close() { return file_.close(); }

 private:
  CsvFile file_;
  CsvLine line_;
};

class PlotsCsvWriter {
 public:
  PlotsCsvWriter(const std::string& path, const SensorRegistry& registry)
      : file_(path, kPlotsCsvHeader), registry_(registry) {}
  Status status() const { return file_.status(); }
  void write(const Plot& plot);
  Status close() { return file_.close(); }

 private:
  CsvFile file_;
  const SensorRegistry& registry_;  // must outlive the writer
  CsvLine line_;
};

class TracksCsvWriter {
 public:
  explicit TracksCsvWriter(const std::string& path) : file_(path, kTracksCsvHeader) {}
  Status status() const { return file_.status(); }
  /// `sources`: the ids of the sensors and partner systems that contributed, separated by ';'
  /// (CSV-safe ids: the sensors file rejects others), or empty.
  void write(const TrackReport& report, std::string_view sources = {});
  Status close() { return file_.close(); }

 private:
  CsvFile file_;
  CsvLine line_;
};

}  // namespace straja::io
