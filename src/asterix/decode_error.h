#pragma once
// Typed decode errors: what went wrong, in which category and item, at which byte offset of the
// input given to the decoder. Values, cheap to copy (the item name points into static tables).

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/result.h"

namespace straja::asterix {

enum class DecodeErrorKind : std::uint8_t {
  kTruncatedBlock,            ///< fewer than 3 octets left, or the block length runs past the data
  kBadBlockLength,            ///< block length below 3 (cannot hold its own header)
  kUnknownCategory,           ///< no definition for the category (block skipped by its length)
  kTruncatedRecord,           ///< the FSPEC or an item runs past the end of the block
  kFspecBeyondDefinition,     ///< an FSPEC bit for an FRN the UAP does not define
  kCompoundBeyondDefinition,  ///< a compound item's FSPEC names a subfield the item does not define
  kBadExplicitLength,         ///< an explicit-length item whose length octet is 0
  kUnsupportedField,          ///< Random Field Sequencing (not supported)
  kEmptyRecord,               ///< a record whose FSPEC selects no item
};

std::string_view to_string(DecodeErrorKind kind);

struct DecodeError {
  DecodeErrorKind kind = DecodeErrorKind::kTruncatedBlock;
  int category = 0;
  std::string_view item;   ///< "040", "RE", ... or "" when not inside an item
  std::size_t offset = 0;  ///< byte offset into the decoder's input
  /// The whole data block that was skipped, when the error is inside a framed block (StreamDecoder
  /// sets it; a view valid only during the error callback); empty otherwise.
  std::span<const std::uint8_t> block{};

  /// "CAT048 I040: truncated record at byte 123".
  std::string describe() const;
  /// As a core Error (kTruncated / kInvalidValue / kUnknownCategory).
  Error to_error() const;
};

}  // namespace straja::asterix
