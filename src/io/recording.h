#pragma once
// Raw input recordings (docs/formats/recording.md): every payload as it arrived (a UDP datagram, a
// block read from a file), with its arrival time and the input it came from, written before any
// decoding so a live run can be replayed bit for bit. Little-endian throughout.

#include <cstdint>
#include <fstream>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"

namespace straja::io {

inline constexpr char kRecordingMagic[8] = {'S', 'T', 'R', 'A', 'J', 'R', 'E', 'C'};
inline constexpr std::uint32_t kRecordingVersion = 1;
/// Payloads longer than this are refused by the writer and read as corruption (a UDP datagram is
/// at most 65,507 octets).
inline constexpr std::uint32_t kMaxRecordedPayload = 1u << 20;

struct RecordedPayload {
  Time arrival{};            ///< UTC, nanoseconds
  std::uint16_t source = 0;  ///< the input's index on the recording command's line
  std::vector<std::uint8_t> payload;
};

/// Appends records to a new recording. Not thread-safe: one writer per thread.
class RecordingWriter {
 public:
  /// Creates (truncates) `path` and writes the header.
  static Result<RecordingWriter> open(const std::string& path);
  Status write(Time arrival, std::uint16_t source, std::span<const std::uint8_t> payload);
  Status close();

 private:
  explicit RecordingWriter(std::string path) : path_(std::move(path)) {}
  std::string path_;
  std::ofstream out_;
};

/// Reads a recording record by record. Bad bytes never stop a read with an exception: a record
/// whose length is beyond kMaxRecordedPayload or runs past the end of the file ends the reading,
/// and the octets from it to the end are counted in bad_bytes().
class RecordingReader {
 public:
  /// Errors: the file cannot be opened (kNotFound), or does not start with the magic and a
  /// version this code reads (kParse).
  static Result<RecordingReader> open(const std::string& path);
  /// The next record; false at the end (or at corruption, see bad_bytes()).
  bool next(RecordedPayload& out);
  std::uint64_t records() const { return records_; }
  std::uint64_t bad_bytes() const { return bad_bytes_; }

 private:
  explicit RecordingReader(std::vector<std::uint8_t> bytes) : bytes_(std::move(bytes)) {}
  std::vector<std::uint8_t> bytes_;
  std::size_t at_ = 0;
  std::uint64_t records_ = 0;
  std::uint64_t bad_bytes_ = 0;
};

}  // namespace straja::io
