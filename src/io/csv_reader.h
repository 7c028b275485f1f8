#pragma once
// Reading the project's CSV formats (docs/formats/) and the shared benchmark's: columns found by
// header name (readers ignore columns they do not know, and a missing column is an error naming
// the file), rows read one at a time with their line number, so every error a user sees reads
// "FILE:LINE: field NAME: problem". Plain comma-separated cells, no quoting (the formats never
// quote). Empty lines are skipped. The file is read in large blocks and a row's cells are views
// into the block, so reading costs little more than finding the commas and parsing the numbers.

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"

namespace straja::io {

class CsvReader {
 public:
  static constexpr std::size_t kBlockBytes = 256 * 1024;

  /// Opens `path` and reads its header. Errors: kNotFound (cannot open), kParse (empty file).
  /// `block_bytes` (>= 1): how much is read at a time (the buffer doubles for a longer line).
  static Result<CsvReader> open(const std::string& path, std::size_t block_bytes = kBlockBytes);

  /// A moved-from reader is at the end of its (empty) file. (Readers are moved out of open()'s
  /// Result, never assigned.)
  CsvReader(CsvReader&& other) noexcept;
  CsvReader& operator=(CsvReader&&) = delete;

  const std::string& path() const { return path_; }
  const std::vector<std::string>& header() const { return header_; }

  /// The index of column `name`, nullopt when the header lacks it.
  std::optional<std::size_t> find_column(std::string_view name) const;
  /// The index of column `name`; the error names the file and the column.
  Result<std::size_t> column(std::string_view name) const;

  /// Moves to the next non-empty data row; false at the end of the file. The previous row's
  /// cells (views) are invalid afterwards.
  bool next();
  std::size_t line_number() const { return line_number_; }
  /// How many data rows the whole file holds, estimated from its size and the bytes per line so
  /// far: for reserving room. Nullopt before the first data row, or when the size is unknown (a
  /// pipe).
  std::optional<std::size_t> estimated_rows() const;

  /// The cell of `column` in the current row ("" when the row is shorter).
  std::string_view cell(std::size_t column) const;
  /// The cell as a finite number; the error names file, line and column.
  Result<double> number(std::size_t column) const;
  /// The cell as a finite number, nullopt when the cell is empty; errors as number().
  Result<std::optional<double>> optional_number(std::size_t column) const;
  /// The cell as seconds since 1970-01-01T00:00:00Z, within the span Time holds (years 1678 to
  /// 2261); the error names file, line and column.
  Result<Time> unix_time(std::size_t column) const;
  /// The cell as a whole number.
  Result<std::int64_t> integer(std::size_t column) const;

  /// "FILE:LINE: field NAME: what" for the current row.
  Error error(std::size_t column, std::string_view what) const;

 private:
  CsvReader(std::string path, std::ifstream in, std::size_t block_bytes);
  /// The next line without its end of line ('\n' or "\r\n"); false at the end of the file.
  bool read_line(std::string_view& line);
  void split_line(std::string_view line);

  std::string path_;
  std::ifstream in_;
  std::vector<std::string> header_;
  std::vector<char> buffer_;  ///< [pos_, filled_) not yet read
  std::size_t pos_ = 0;
  std::size_t filled_ = 0;
  bool at_end_of_file_ = false;
  std::vector<std::string_view> cells_;
  std::size_t line_number_ = 0;
  std::optional<std::uint64_t> file_bytes_;  ///< the file's size when opened (regular files)
  std::uint64_t header_bytes_ = 0;           ///< the header line's, end of line included
  std::uint64_t bytes_read_ = 0;             ///< the lines' so far, ends of line included
};

}  // namespace straja::io
