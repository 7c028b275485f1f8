#pragma once
// Walks payloads of concatenated data blocks: strict block and record decoding, per-category
// counters, the data source of every record. A block with any error is skipped whole (no record
// of it is reported as good). Not thread-safe: one StreamDecoder per thread.

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "asterix/edition.h"
#include "asterix/record.h"

namespace straja::asterix {

struct CategoryStats {
  std::uint64_t records = 0;         ///< records decoded and reported
  std::uint64_t errors = 0;          ///< blocks skipped because of a decode error
  std::uint64_t skipped_bytes = 0;   ///< octets of skipped blocks (errors and unknown categories)
  std::uint64_t unknown_blocks = 0;  ///< blocks of a category with no definition
};

/// The data source (I010, FRN 1 in every supported category), if present. Inline: the stream
/// decoder asks for it on every record.
inline std::optional<SacSic> record_data_source(const RecordView& record) {
  if (!record.has_frn(1) || record.item_size[0] != 2) return std::nullopt;
  const std::uint8_t* p = record.data + record.item_offset[0];
  return SacSic{p[0], p[1]};
}

class StreamDecoder {
 public:
  explicit StreamDecoder(EditionSelector editions) : editions_(std::move(editions)) {}

  /// Decodes `payload` (whose first octet is at `file_offset` in the input, for error offsets).
  /// For each good record: on_record(const RecordView&, std::optional<SacSic> source,
  /// std::size_t block_index, std::size_t record_index). For each skipped block:
  /// on_error(const DecodeError&) (with the skipped block's octets in DecodeError::block when the
  /// block could be framed). Block indices count every block seen by this decoder.
  template <typename OnRecord, typename OnError>
  void decode(Bytes payload, std::size_t file_offset, OnRecord&& on_record, OnError&& on_error) {
    std::size_t position = 0;
    while (position < payload.size()) {
      BlockHeader header;
      const Bytes rest = payload.subspan(position);
      if (auto error = read_block_header(rest, file_offset + position, header)) {
        CategoryStats& s = stats_[rest[0]];
        ++s.errors;
        s.skipped_bytes += rest.size();
        on_error(*error);
        return;  // the rest of this payload cannot be framed
      }
      const Bytes block = rest.first(header.length);
      const std::size_t block_index = blocks_++;
      CategoryStats& s = stats_[header.category];
      std::size_t count = 0;
      if (auto error =
              parse_block_reusing(block, editions_, file_offset + position, records_, count)) {
        s.skipped_bytes += block.size();
        if (error->kind == DecodeErrorKind::kUnknownCategory) {
          ++s.unknown_blocks;
        } else {
          ++s.errors;
          error->block = block;
          on_error(*error);
        }
      } else {
        std::optional<SacSic> source;
        for (std::size_t r = 0; r < count; ++r) {
          if (auto own = record_data_source(records_[r])) source = own;
          ++s.records;
          on_record(records_[r], source, block_index, r);
        }
      }
      position += header.length;
    }
  }

  const std::array<CategoryStats, 256>& stats() const { return stats_; }
  std::size_t blocks() const { return blocks_; }
  const EditionSelector& editions() const { return editions_; }

 private:
  EditionSelector editions_;
  std::vector<RecordView> records_;
  std::array<CategoryStats, 256> stats_{};
  std::size_t blocks_ = 0;
};

}  // namespace straja::asterix
