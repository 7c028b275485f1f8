#pragma once
// The generic view of a record: every element's raw value, in the order the specification walks
// the items, plus the structure counts (extension stops, repetitions, compound FSPECs, explicit
// lengths). It is enough to re-encode the record byte for byte (encode.h) and to write it as JSON
// (json_writer.h). Token layout per node kind:
//   element, spare, fx   one token: the raw bits
//   group                its children's tokens
//   extended             children's tokens up to and including the first fx token of 0
//   repetitive           the count, then count copies of the child's tokens
//   repetitive fx        per copy: the child's tokens, then the fx token
//   compound             FSPEC octet count, presence mask (bit i = child i), present children
//   explicit             length octet, mode (1 = decoded with the edition's Reserved Expansion
//                        definition: the compound's tokens follow; 0 = length-1 raw octet tokens)

#include <cstdint>
#include <vector>

#include "asterix/record.h"

namespace straja::asterix {

struct DecodedItem {
  int frn = 0;
  std::uint32_t item = 0;         ///< index into spec::tables().items
  std::uint32_t first_token = 0;  ///< into DecodedRecord::tokens
  std::uint32_t token_count = 0;
};

/// A record as values. Reuse one object across records to avoid allocation.
struct DecodedRecord {
  Edition edition;
  std::uint8_t variation = 0;
  std::uint8_t fspec_size = 0;  ///< kept so a non-canonical FSPEC re-encodes exactly
  std::vector<DecodedItem> items;
  std::vector<std::uint64_t> tokens;
};

/// Fills `out` from a parsed record (no failure: the record walker already measured every item).
void decode_values(const RecordView& record, DecodedRecord& out);

/// Appends the tokens of the item rooted at `node` whose octets start at `data`.
void decode_node_values(const spec::Node& node, const std::uint8_t* data, std::size_t& bit,
                        const spec::EditionTable& edition, std::vector<std::uint64_t>& tokens);

/// Number of tokens of a fixed node (element, spare, fx: 1; group: sum of its children).
std::size_t fixed_token_count(const spec::Node& node);

}  // namespace straja::asterix
