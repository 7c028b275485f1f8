#include "io/csv_reader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <utility>

namespace straja::io {

CsvReader::CsvReader(std::string path, std::ifstream in, std::size_t block_bytes)
    : path_(std::move(path)), in_(std::move(in)), buffer_(std::max<std::size_t>(block_bytes, 1)) {}

CsvReader::CsvReader(CsvReader&& other) noexcept
    : path_(std::move(other.path_)),
      in_(std::move(other.in_)),
      header_(std::move(other.header_)),
      buffer_(std::move(other.buffer_)),
      pos_(std::exchange(other.pos_, 0)),
      filled_(std::exchange(other.filled_, 0)),
      at_end_of_file_(std::exchange(other.at_end_of_file_, true)),
      cells_(std::move(other.cells_)),
      line_number_(other.line_number_),
      file_bytes_(std::exchange(other.file_bytes_, std::nullopt)),
      header_bytes_(other.header_bytes_),
      bytes_read_(other.bytes_read_) {
  other.buffer_.assign(1, '\0');
  other.cells_.clear();
}

Result<CsvReader> CsvReader::open(const std::string& path, std::size_t block_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorCode::kNotFound, path + ": cannot open");
  CsvReader reader(path, std::move(in), block_bytes);
  std::string_view line;
  if (!reader.read_line(line)) {
    return make_error(ErrorCode::kParse, path + ":1: empty file (expected a header line)", 1);
  }
  reader.line_number_ = 1;
  reader.header_bytes_ = reader.bytes_read_;
  std::error_code error;
  if (const std::uintmax_t size = std::filesystem::file_size(path, error); !error) {
    reader.file_bytes_ = size;
  }
  reader.split_line(line);
  for (const std::string_view name : reader.cells_) reader.header_.emplace_back(name);
  reader.cells_.clear();
  return reader;
}

bool CsvReader::read_line(std::string_view& line) {
  while (true) {
    const char* begin = buffer_.data() + pos_;
    const std::size_t available = filled_ - pos_;
    if (const void* newline = std::memchr(begin, '\n', available)) {
      const auto length = static_cast<std::size_t>(static_cast<const char*>(newline) - begin);
      line = {begin, length};
      pos_ += length + 1;
      bytes_read_ += length + 1;
      break;
    }
    if (at_end_of_file_) {
      if (available == 0) return false;
      line = {begin, available};  // a last line without its '\n'
      pos_ = filled_;
      bytes_read_ += available;
      break;
    }
    // Keep the partial line at the front and read the next block after it; a line longer than
    // the buffer doubles it.
    std::memmove(buffer_.data(), begin, available);
    pos_ = 0;
    filled_ = available;
    if (filled_ == buffer_.size()) buffer_.resize(2 * buffer_.size());
    in_.read(buffer_.data() + filled_, static_cast<std::streamsize>(buffer_.size() - filled_));
    const auto got = in_.gcount();
    filled_ += static_cast<std::size_t>(got);
    if (got == 0 || !in_) at_end_of_file_ = true;
  }
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return true;
}

std::optional<std::size_t> CsvReader::estimated_rows() const {
  const std::uint64_t rows = line_number_ > 1 ? line_number_ - 1 : 0;
  const std::uint64_t data_bytes = bytes_read_ - header_bytes_;
  if (!file_bytes_ || rows == 0 || data_bytes == 0 || *file_bytes_ < bytes_read_) {
    return std::nullopt;
  }
  const double bytes_per_row = static_cast<double>(data_bytes) / static_cast<double>(rows);
  return static_cast<std::size_t>(static_cast<double>(*file_bytes_ - header_bytes_) /
                                  bytes_per_row);
}

void CsvReader::split_line(std::string_view line) {
  cells_.clear();
  while (true) {
    const std::size_t comma = line.find(',');
    if (comma == std::string_view::npos) {
      cells_.push_back(line);
      return;
    }
    cells_.push_back(line.substr(0, comma));
    line.remove_prefix(comma + 1);
  }
}

std::optional<std::size_t> CsvReader::find_column(std::string_view name) const {
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == name) return i;
  }
  return std::nullopt;
}

Result<std::size_t> CsvReader::column(std::string_view name) const {
  if (const auto index = find_column(name)) return *index;
  return make_error(ErrorCode::kParse,
                    path_ + ":1: the header has no column '" + std::string(name) + "'", 1);
}

bool CsvReader::next() {
  std::string_view line;
  while (read_line(line)) {
    ++line_number_;
    if (line.empty()) continue;
    split_line(line);
    return true;
  }
  cells_.clear();
  return false;
}

std::string_view CsvReader::cell(std::size_t column) const {
  return column < cells_.size() ? cells_[column] : std::string_view{};
}

Error CsvReader::error(std::size_t column, std::string_view what) const {
  const std::string name = column < header_.size() ? header_[column] : "?";
  return make_error(
      ErrorCode::kParse,
      path_ + ":" + std::to_string(line_number_) + ": field " + name + ": " + std::string(what),
      line_number_);
}

Result<std::optional<double>> CsvReader::optional_number(std::size_t column) const {
  const std::string_view text = cell(column);
  if (text.empty()) return std::optional<double>{};
  double value = 0.0;
  const auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (status != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) {
    return error(column, "expected a number, got '" + std::string(text) + "'");
  }
  return std::optional<double>{value};
}

Result<double> CsvReader::number(std::size_t column) const {
  auto value = optional_number(column);
  if (!value) return value.error();
  if (!value->has_value()) return error(column, "empty (expected a number)");
  return **value;
}

Result<Time> CsvReader::unix_time(std::size_t column) const {
  // Time counts int64 nanoseconds: about +-9.22e9 s around 1970.
  constexpr double kLimitS = 9.2e9;
  auto seconds = number(column);
  if (!seconds) return seconds.error();
  if (std::abs(*seconds) >= kLimitS) {
    return error(column, "time " + std::string(cell(column)) +
                             " s is outside the times this reads (years 1678 to 2261)");
  }
  return from_unix_seconds(*seconds);
}

Result<std::int64_t> CsvReader::integer(std::size_t column) const {
  const std::string_view text = cell(column);
  std::int64_t value = 0;
  const auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || status != std::errc{} || end != text.data() + text.size()) {
    return error(column, "expected a whole number, got '" + std::string(text) + "'");
  }
  return value;
}

}  // namespace straja::io
