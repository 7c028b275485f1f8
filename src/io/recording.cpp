#include "io/recording.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "core/file_bytes.h"

namespace straja::io {
namespace {

constexpr std::size_t kHeaderOctets = 12;        // magic, version
constexpr std::size_t kRecordHeaderOctets = 14;  // arrival (8), source (2), length (4)

void put_le(std::vector<std::uint8_t>& out, std::uint64_t value, int octets) {
  for (int i = 0; i < octets; ++i) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

std::uint64_t get_le(const std::uint8_t* in, int octets) {
  std::uint64_t value = 0;
  for (int i = octets - 1; i >= 0; --i) value = value << 8 | in[i];
  return value;
}

}  // namespace

Result<RecordingWriter> RecordingWriter::open(const std::string& path) {
  RecordingWriter writer(path);
  writer.out_.open(path, std::ios::binary | std::ios::trunc);
  if (!writer.out_) return make_error(ErrorCode::kIo, path + ": cannot create the recording");
  std::vector<std::uint8_t> header(std::begin(kRecordingMagic), std::end(kRecordingMagic));
  put_le(header, kRecordingVersion, 4);
  writer.out_.write(reinterpret_cast<const char*>(header.data()),
                    static_cast<std::streamsize>(header.size()));
  if (!writer.out_) return make_error(ErrorCode::kIo, path + ": write failed");
  return writer;
}

Status RecordingWriter::write(Time arrival, std::uint16_t source,
                              std::span<const std::uint8_t> payload) {
  if (payload.size() > kMaxRecordedPayload) {
    return make_error(
        ErrorCode::kOutOfRange,
        path_ + ": payload of " + std::to_string(payload.size()) + " octets is too long to record");
  }
  std::vector<std::uint8_t> header;
  header.reserve(kRecordHeaderOctets);
  put_le(header, static_cast<std::uint64_t>(arrival.time_since_epoch().count()), 8);
  put_le(header, source, 2);
  put_le(header, payload.size(), 4);
  out_.write(reinterpret_cast<const char*>(header.data()),
             static_cast<std::streamsize>(header.size()));
  out_.write(reinterpret_cast<const char*>(payload.data()),
             static_cast<std::streamsize>(payload.size()));
  if (!out_) return make_error(ErrorCode::kIo, path_ + ": write failed");
  return {};
}

Status RecordingWriter::close() {
  out_.close();
  if (!out_) return make_error(ErrorCode::kIo, path_ + ": write failed");
  return {};
}

Result<RecordingReader> RecordingReader::open(const std::string& path) {
  auto read = read_file_bytes(path);
  if (!read) return read.error();
  std::vector<std::uint8_t> bytes = std::move(*read);
  if (bytes.size() < kHeaderOctets ||
      std::memcmp(bytes.data(), kRecordingMagic, sizeof kRecordingMagic) != 0) {
    return make_error(ErrorCode::kParse, path + ": not a straja recording (no STRAJREC header)");
  }
  const auto version = static_cast<std::uint32_t>(get_le(bytes.data() + 8, 4));
  if (version != kRecordingVersion) {
    return make_error(ErrorCode::kParse, path + ": recording version " + std::to_string(version) +
                                             " (this straja reads version " +
                                             std::to_string(kRecordingVersion) + ")");
  }
  RecordingReader reader(std::move(bytes));
  reader.at_ = kHeaderOctets;
  return reader;
}

bool RecordingReader::next(RecordedPayload& out) {
  if (at_ >= bytes_.size()) return false;
  const std::size_t left = bytes_.size() - at_;
  const std::uint8_t* p = bytes_.data() + at_;
  const std::uint64_t length = left >= kRecordHeaderOctets ? get_le(p + 10, 4) : 0;
  if (left < kRecordHeaderOctets || length > kMaxRecordedPayload ||
      length > left - kRecordHeaderOctets) {
    bad_bytes_ += left;  // a torn or corrupt tail: counted, never decoded
    at_ = bytes_.size();
    return false;
  }
  out.arrival = Time(Duration(static_cast<std::int64_t>(get_le(p, 8))));
  out.source = static_cast<std::uint16_t>(get_le(p + 8, 2));
  out.payload.assign(p + kRecordHeaderOctets, p + kRecordHeaderOctets + length);
  at_ += kRecordHeaderOctets + length;
  ++records_;
  return true;
}

}  // namespace straja::io
