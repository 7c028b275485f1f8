#include "io/csv_writer.h"

#include <charconv>
#include <cmath>
#include <cstdint>

#include "core/units.h"

namespace straja::io {

void CsvLine::separator() {
  if (!line_.empty()) line_ += ',';
}

CsvLine& CsvLine::time(Time t) {
  separator();
  // Unix seconds with nanosecond digits trimmed of trailing zeros: exact, and short for whole
  // seconds ("1780315200", "1780315200.125").
  const std::int64_t ns = t.time_since_epoch().count();
  std::int64_t whole = ns / 1'000'000'000;
  std::int64_t frac = ns % 1'000'000'000;
  if (frac < 0) {
    frac += 1'000'000'000;
    whole -= 1;
  }
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, whole);
  line_.append(buffer, end);
  if (frac != 0) {
    char digits[10];
    for (int i = 8; i >= 0; --i) {
      digits[i] = static_cast<char>('0' + frac % 10);
      frac /= 10;
    }
    int length = 9;
    while (length > 0 && digits[length - 1] == '0') --length;
    line_ += '.';
    line_.append(digits, static_cast<std::size_t>(length));
  }
  return *this;
}

char* format_fixed(char* out, double value, int decimals) {
  static constexpr double kScale[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
  static constexpr std::uint64_t kIntegerScale[] = {
      1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000};
  // value * 10^decimals, rounded to the nearest integer, is the digit string. The product is
  // computed in double (10^decimals is exact) with an error under ulp(scaled) / 2 <= 2^-13 while
  // scaled < 2^40; unless the exact product lies that close to a rounding tie, the computed one
  // rounds to the same integer. Those rare cases, huge values and non-finite ones go to
  // std::to_chars, whose output this reproduces digit for digit (tested).
  constexpr double kLimit = 1099511627776.0;  // 2^40
  constexpr double kTieMargin = 1.0 / 1024.0;
  const double magnitude = std::abs(value);
  if (decimals >= 0 && decimals <= 9 && magnitude * kScale[decimals] < kLimit) {
    const double scaled = magnitude * kScale[decimals];
    const double whole = std::floor(scaled);
    const double fraction = scaled - whole;  // exact below 2^52
    if (std::abs(fraction - 0.5) > kTieMargin) {
      const auto digits = static_cast<std::uint64_t>(whole) + (fraction > 0.5 ? 1 : 0);
      if (std::signbit(value)) *out++ = '-';
      const std::uint64_t scale = kIntegerScale[decimals];
      out = std::to_chars(out, out + 24, digits / scale).ptr;
      if (decimals > 0) {
        *out++ = '.';
        std::uint64_t rest = digits % scale;
        for (int i = decimals - 1; i >= 0; --i) {
          out[i] = static_cast<char>('0' + rest % 10);
          rest /= 10;
        }
        out += decimals;
      }
      return out;
    }
  }
  return std::to_chars(out, out + kFixedCharsMax, value, std::chars_format::fixed, decimals).ptr;
}

CsvLine& CsvLine::number(double value, int decimals) {
  separator();
  if (std::isnan(value)) return *this;
  char buffer[kFixedCharsMax];
  line_.append(buffer, format_fixed(buffer, value, decimals));
  return *this;
}

CsvLine& CsvLine::integer(std::int64_t value) {
  separator();
  char buffer[24];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  line_.append(buffer, end);
  return *this;
}

CsvLine& CsvLine::text(std::string_view value) {
  separator();
  line_ += value;
  return *this;
}

CsvLine& CsvLine::empty() {
  separator();
  return *this;
}

CsvFile::CsvFile(const std::string& path, std::string_view header) : path_(path), out_(path) {
  if (!out_) {
    status_ = make_error(ErrorCode::kIo, path + ": cannot create file");
    return;
  }
  buffer_.reserve(kBufferBytes + 4096);
  buffer_.append(header);
  buffer_ += '\n';
}

CsvFile::~CsvFile() {
  if (status_.ok() && out_.is_open()) flush_buffer();
}

void CsvFile::write(const CsvLine& line) {
  if (!status_.ok()) return;
  buffer_.append(line.str());
  buffer_ += '\n';
  if (buffer_.size() >= kBufferBytes) flush_buffer();
}

void CsvFile::flush_buffer() {
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
}

Status CsvFile::close() {
  if (!status_.ok()) return status_;
  flush_buffer();
  out_.flush();
  if (!out_) status_ = make_error(ErrorCode::kIo, path_ + ": write failed (disk full?)");
  out_.close();
  return status_;
}

namespace {
// 1e-7 deg is ~1 cm; heights and speeds to the millimetre / mm/s.
constexpr int kDegDecimals = 7;
constexpr int kMetreDecimals = 3;
// lat_deg,lon_deg,alt_m,vel_east_mps,vel_north_mps,vel_up_mps: shared by truth and tracks rows.
CsvLine& position_and_velocity(CsvLine& line, const geo::Geodetic& position,
                               const geo::Vec3& velocity_enu_mps) {
  return line.number(position.lat_deg, kDegDecimals)
      .number(position.lon_deg, kDegDecimals)
      .number(position.height_m, kMetreDecimals)
      .number(velocity_enu_mps.x(), kMetreDecimals)
      .number(velocity_enu_mps.y(), kMetreDecimals)
      .number(velocity_enu_mps.z(), kMetreDecimals);
}

}  // namespace

void TruthCsvWriter::write(const TruthState& state) {
  line_.clear();
  line_.time(state.time).integer(state.id.value);
  position_and_velocity(line_, state.position, state.velocity_enu_mps)
      .text(to_string(state.target_class));
  file_.write(line_);
}

void PlotsCsvWriter::write(const Plot& plot) {
  line_.clear();
  line_.time(plot.time)
      .text(registry_.at(plot.sensor).id)
      .text(to_string(plot.kind))
      .number(plot.range_m, kMetreDecimals)
      .number(units::rad_to_deg(plot.azimuth_rad), 6)
      .number(units::rad_to_deg(plot.elevation_rad), 6)
      .number(plot.lat_deg, kDegDecimals)
      .number(plot.lon_deg, kDegDecimals)
      .number(plot.alt_m, kMetreDecimals);
  if (measured(plot.alt_m)) {
    line_.text(to_string(plot.alt_kind));
  } else {
    line_.empty();
  }
  line_.text(plot.mode3a ? plot.mode3a->to_string() : "")
      .text(plot.icao ? plot.icao->to_string() : "")
      .text(plot.callsign)
      .integer(plot.truth_id)
      .number(plot.geo_alt_m, kMetreDecimals)
      .number(plot.vel_east_mps, kMetreDecimals)
      .number(plot.vel_north_mps, kMetreDecimals)
      .number(plot.vel_up_mps, kMetreDecimals);
  if (plot.nacp) {
    line_.integer(*plot.nacp);
  } else {
    line_.empty();
  }
  file_.write(line_);
}

void TracksCsvWriter::write(const TrackReport& report, std::string_view sources) {
  line_.clear();
  line_.time(report.time).integer(report.id.value);
  position_and_velocity(line_, report.position, report.velocity_enu_mps)
      .text(to_string(report.status))
      .text(report.icao ? report.icao->to_string() : "")
      .text(report.callsign)
      .text(report.mode3a ? report.mode3a->to_string() : "")
      .text(sources);
  file_.write(line_);
}

}  // namespace straja::io
