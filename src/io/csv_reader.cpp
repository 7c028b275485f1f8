#include "io/csv_reader.h"

#include <charconv>
#include <cmath>

namespace straja::io {

CsvReader::CsvReader(std::string path, std::ifstream in)
    : path_(std::move(path)), in_(std::move(in)) {}

Result<CsvReader> CsvReader::open(const std::string& path) {
  std::ifstream in(path);
  if (!in) return make_error(ErrorCode::kNotFound, path + ": cannot open");
  CsvReader reader(path, std::move(in));
  if (!std::getline(reader.in_, reader.line_)) {
    return make_error(ErrorCode::kParse, path + ":1: empty file (expected a header line)", 1);
  }
  reader.line_number_ = 1;
  reader.split_line();
  for (const std::string_view name : reader.cells_) reader.header_.emplace_back(name);
  reader.cells_.clear();
  return reader;
}

void CsvReader::split_line() {
  if (!line_.empty() && line_.back() == '\r') line_.pop_back();
  cells_.clear();
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line_.find(',', start);
    if (comma == std::string::npos) {
      cells_.emplace_back(line_.data() + start, line_.size() - start);
      return;
    }
    cells_.emplace_back(line_.data() + start, comma - start);
    start = comma + 1;
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
  while (std::getline(in_, line_)) {
    ++line_number_;
    if (line_.empty() || line_ == "\r") continue;
    split_line();
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
