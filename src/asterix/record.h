#pragma once
// Data blocks and records: the strict walk from bytes to record views. A RecordView points into
// the caller's buffer (zero-copy): it is valid while that buffer lives and is not modified.
// Everything here is re-entrant; no global state.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "asterix/decode_error.h"
#include "asterix/edition.h"
#include "asterix/spec.h"

namespace straja::asterix {

using Bytes = std::span<const std::uint8_t>;

/// One record: where each present item lies. Offsets are relative to the record start.
struct RecordView {
  Edition edition;
  const std::uint8_t* data = nullptr;  ///< first octet of the FSPEC
  std::uint16_t size = 0;              ///< octets of the record
  std::uint8_t fspec_size = 0;         ///< octets of the FSPEC
  std::uint8_t variation = 0;          ///< UAP variation (CAT001 plot/track), else 0
  std::uint64_t present = 0;           ///< bit (frn - 1) set when that FRN is present
  /// Where item `frn` lies: [frn - 1], meaningful only when that FRN is in `present` (entries of
  /// absent FRNs may hold values of an earlier record: parse_block reuses views).
  std::array<std::uint16_t, kMaxFrn> item_offset{};
  std::array<std::uint16_t, kMaxFrn> item_size{};

  Bytes bytes() const { return {data, size}; }
  bool has_frn(int frn) const { return frn > 0 && (present >> (frn - 1) & 1u) != 0; }
  /// The octets of the item at `frn`; empty when absent.
  Bytes frn_bytes(int frn) const {
    if (!has_frn(frn)) return {};
    const auto i = static_cast<std::size_t>(frn - 1);
    return {data + item_offset[i], item_size[i]};
  }
  /// The octets of item I<number> (e.g. 40 for I040); empty when absent or not in the edition.
  Bytes item(int number) const { return frn_bytes(edition.frn_of(variation, number)); }
  /// The spec of the item at `frn` (must be present in the UAP).
  const spec::Item& item_spec(int frn) const;
};

/// Measures the item whose root node is `node` at `data` (at most `available` octets).
/// Returns its size in octets, or the error kind (offsets are left to the caller).
struct Measured {
  std::size_t size = 0;
  std::optional<DecodeErrorKind> error;
};
Measured measure(const spec::Node& node, const std::uint8_t* data, std::size_t available);

/// Parses one record of `edition` at `data` (at most `available` octets). `base_offset` is the
/// offset of `data` in the decoder's input, used in errors.
std::optional<DecodeError> parse_record(const Edition& edition, const std::uint8_t* data,
                                        std::size_t available, std::size_t base_offset,
                                        RecordView& record);

/// The header of one data block.
struct BlockHeader {
  std::uint8_t category = 0;
  std::uint16_t length = 0;  ///< octets including the 3-octet header
};

/// Checks the header of the block at the start of `bytes`: enough octets, length >= 3 and within
/// `bytes`. Errors carry `base_offset`.
std::optional<DecodeError> read_block_header(Bytes bytes, std::size_t base_offset,
                                             BlockHeader& header);

/// Decodes every record of the data block `block` (exactly one block, header included, its length
/// already checked). On success `records` holds them (cleared first); on error `records` is
/// unspecified and the whole block must be treated as bad.
std::optional<DecodeError> parse_block(Bytes block, const EditionSelector& editions,
                                       std::size_t base_offset, std::vector<RecordView>& records);

/// parse_block for a caller that keeps `records` from block to block: the block's records are
/// records[0, count) and `records` only ever grows, so its views are reused rather than
/// destroyed and value-initialised again for every block. Same checks and errors as parse_block.
std::optional<DecodeError> parse_block_reusing(Bytes block, const EditionSelector& editions,
                                               std::size_t base_offset,
                                               std::vector<RecordView>& records,
                                               std::size_t& count);

/// The data source of the block's first record (I010 right after its FSPEC), read from the
/// octets alone; nullopt when that record has no I010 or the block is too short.
std::optional<SacSic> first_data_source(Bytes block);

/// The editions of the block's category in which `block` (one whole data block, header
/// included) decodes without any error, oldest first. For a block skipped in the chosen edition
/// this tells whether the feed uses another one; slow (tries every edition), for error paths.
std::vector<EditionNumber> editions_that_decode(Bytes block);

}  // namespace straja::asterix
