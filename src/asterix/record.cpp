#include "asterix/record.h"

#include "asterix/bits.h"

namespace straja::asterix {
namespace {

using spec::node_at;

Measured failed(DecodeErrorKind kind) {
  return Measured{0, kind};
}

Measured measure_extended(const spec::Node& node, const std::uint8_t* data, std::size_t available) {
  std::size_t bits = 0;
  for (std::uint16_t i = 0; i < node.child_count; ++i) {
    const spec::Node& child = node_at(node.child_begin + i);
    bits += child.fixed_bits;
    if ((bits + 7) / 8 > available) return failed(DecodeErrorKind::kTruncatedRecord);
    if (child.kind == spec::NodeKind::kFx && read_bits(data, bits - 1, 1) == 0) break;
  }
  return Measured{(bits + 7) / 8, std::nullopt};
}

Measured measure_compound(const spec::Node& node, const std::uint8_t* data, std::size_t available) {
  std::size_t position = 0;
  std::uint64_t present = 0;
  int slots = 0;
  while (true) {
    if (position >= available) return failed(DecodeErrorKind::kTruncatedRecord);
    const std::uint8_t octet = data[position++];
    for (int bit = 7; bit >= 1; --bit, ++slots) {
      if ((octet >> bit & 1u) == 0) continue;
      if (slots >= node.child_count || slots >= 64 ||
          node_at(node.child_begin + static_cast<unsigned>(slots)).kind == spec::NodeKind::kEmpty) {
        return failed(DecodeErrorKind::kCompoundBeyondDefinition);
      }
      present |= std::uint64_t{1} << slots;
    }
    if ((octet & 1u) == 0) break;
    if (slots >= 64) return failed(DecodeErrorKind::kCompoundBeyondDefinition);
  }
  for (int slot = 0; slot < node.child_count && slot < 64; ++slot) {
    if ((present >> slot & 1u) == 0) continue;
    const Measured part = measure(node_at(node.child_begin + static_cast<unsigned>(slot)),
                                  data + position, available - position);
    if (part.error) return part;
    position += part.size;
  }
  return Measured{position, std::nullopt};
}

}  // namespace

Measured measure(const spec::Node& node, const std::uint8_t* data, std::size_t available) {
  if (node.fixed_bits != 0) {
    const std::size_t size = node.fixed_bits / 8u;
    if (size > available) return failed(DecodeErrorKind::kTruncatedRecord);
    return Measured{size, std::nullopt};
  }
  switch (node.kind) {
    case spec::NodeKind::kExtended:
      return measure_extended(node, data, available);
    case spec::NodeKind::kRepetitive: {
      const std::size_t counter = node.bits;
      if (counter > available || counter == 0 || counter > 2)
        return failed(DecodeErrorKind::kTruncatedRecord);
      const std::size_t count = read_bits(data, 0, static_cast<unsigned>(counter * 8));
      const std::size_t size = counter + count * (node_at(node.child_begin).fixed_bits / 8u);
      if (size > available) return failed(DecodeErrorKind::kTruncatedRecord);
      return Measured{size, std::nullopt};
    }
    case spec::NodeKind::kRepetitiveFx: {
      const std::size_t step = (node_at(node.child_begin).fixed_bits + 1u) / 8u;
      std::size_t size = 0;
      do {
        size += step;
        if (size > available) return failed(DecodeErrorKind::kTruncatedRecord);
      } while ((data[size - 1] & 1u) != 0);
      return Measured{size, std::nullopt};
    }
    case spec::NodeKind::kCompound:
      return measure_compound(node, data, available);
    case spec::NodeKind::kExplicit: {
      if (available == 0) return failed(DecodeErrorKind::kTruncatedRecord);
      const std::size_t size = data[0];
      if (size == 0) return failed(DecodeErrorKind::kBadExplicitLength);
      if (size > available) return failed(DecodeErrorKind::kTruncatedRecord);
      return Measured{size, std::nullopt};
    }
    default:
      return failed(DecodeErrorKind::kTruncatedRecord);  // a fixed node of 0 bits cannot occur
  }
}

const spec::Item& RecordView::item_spec(int frn) const {
  return spec::tables().items[static_cast<std::size_t>(edition.item_at(variation, frn))];
}

namespace {

/// Value of the UAP selector element (CAT001 I020 TYP) inside the selector item's octets.
int selector_value(const spec::EditionTable& table, Bytes item) {
  const auto& t = spec::tables();
  const spec::Node& root = t.nodes[t.items[static_cast<std::size_t>(table.selector_item)].root];
  std::size_t bit = 0;
  for (std::uint16_t i = 0; i < root.child_count; ++i) {
    const spec::Node& child = t.nodes[root.child_begin + i];
    if (child.name == table.selector_element) {
      if ((bit + child.bits + 7) / 8 > item.size()) return 0;
      return static_cast<int>(read_bits(item.data(), bit, child.bits));
    }
    bit += child.fixed_bits;
  }
  return 0;
}

}  // namespace

namespace {

/// kFspecFrns[octet >> 1]: the seven FRN bits of an FSPEC octet in FRN order (bit 7 of the octet,
/// its first FRN, becomes bit 0), so one shift places a whole octet in RecordView::present.
constexpr std::array<std::uint8_t, 128> kFspecFrns = [] {
  std::array<std::uint8_t, 128> table{};
  for (unsigned bits = 0; bits < 128; ++bits) {
    unsigned reversed = 0;
    for (unsigned b = 0; b < 7; ++b) {
      if ((bits >> b & 1u) != 0) reversed |= 1u << (6 - b);
    }
    table[bits] = static_cast<std::uint8_t>(reversed);
  }
  return table;
}();

}  // namespace

// The walk below is the hot path of every decode. It checks exactly what the item-by-item walk
// of the specification checks, in the same order and with the same error kinds and offsets:
// FSPEC octets one at a time (an FRN past the UAP, or an FX bit continuing past it, is an error
// at that octet), then each present item in FRN order (no item or RFS at that FRN, or the item
// running past `available`, is an error at the item's first octet). Fixed-size items are measured
// from the precomputed FrnSlot without visiting their nodes; everything else goes through
// measure().
std::optional<DecodeError> parse_record(Edition edition, const std::uint8_t* data,
                                        std::size_t available, std::size_t base_offset,
                                        RecordView& record) {
  const spec::EditionTable& table = edition.table();
  const auto error = [&](DecodeErrorKind kind, std::size_t at, std::string_view item = {}) {
    return DecodeError{kind, table.category, item, base_offset + at};
  };
  record.edition = edition;
  record.data = data;
  record.variation = 0;
  record.present = 0;
  // FSPEC: `first` is the FRN of bit 7 of the current octet, minus one. The walk stops before
  // `first` reaches the UAP length (<= 49), so the shifts stay below 64.
  const unsigned uap_length = table.uap_length;
  std::uint64_t present = 0;
  std::size_t position = 0;
  unsigned first = 0;
  while (true) {
    if (position >= available) return error(DecodeErrorKind::kTruncatedRecord, position);
    const unsigned octet = data[position++];
    const unsigned frns = kFspecFrns[octet >> 1];
    if (frns != 0 && first + static_cast<unsigned>(32 - __builtin_clz(frns)) > uap_length)
      return error(DecodeErrorKind::kFspecBeyondDefinition, position - 1);
    present |= std::uint64_t{frns} << first;
    first += 7;
    if ((octet & 1u) == 0) break;
    if (first >= uap_length) return error(DecodeErrorKind::kFspecBeyondDefinition, position - 1);
  }
  record.present = present;
  if (present == 0) return error(DecodeErrorKind::kEmptyRecord, 0);
  record.fspec_size = static_cast<std::uint8_t>(position);
  const auto& t = spec::tables();
  for (std::uint64_t remaining = present; remaining != 0; remaining &= remaining - 1) {
    const int index = __builtin_ctzll(remaining);
    const FrnSlot& slot = edition.slot(record.variation, index + 1);
    if (slot.item < 0) {
      return error(slot.item == spec::kRfsItem ? DecodeErrorKind::kUnsupportedField
                                               : DecodeErrorKind::kFspecBeyondDefinition,
                   position);
    }
    std::size_t size = slot.fixed_octets;
    if (size != 0) {
      if (size > available - position) {
        return error(DecodeErrorKind::kTruncatedRecord, position,
                     t.items[static_cast<std::size_t>(slot.item)].name);
      }
    } else {
      const Measured measured = measure(t.nodes[slot.root], data + position, available - position);
      if (measured.error) {
        return error(*measured.error, position, t.items[static_cast<std::size_t>(slot.item)].name);
      }
      size = measured.size;
    }
    record.item_offset[static_cast<std::size_t>(index)] = static_cast<std::uint16_t>(position);
    record.item_size[static_cast<std::size_t>(index)] = static_cast<std::uint16_t>(size);
    if (slot.item == table.selector_item) {
      const int value = selector_value(table, {data + position, size});
      record.variation = table.selector_variation[value & 1];
    }
    position += size;
  }
  record.size = static_cast<std::uint16_t>(position);
  return std::nullopt;
}

std::optional<DecodeError> read_block_header(Bytes bytes, std::size_t base_offset,
                                             BlockHeader& header) {
  if (bytes.size() < 3) {
    return DecodeError{
        DecodeErrorKind::kTruncatedBlock, bytes.empty() ? 0 : bytes[0], {}, base_offset};
  }
  header.category = bytes[0];
  header.length = read_u16(bytes.data() + 1);
  if (header.length < 3)
    return DecodeError{DecodeErrorKind::kBadBlockLength, header.category, {}, base_offset};
  if (header.length > bytes.size()) {
    return DecodeError{DecodeErrorKind::kTruncatedBlock, header.category, {}, base_offset};
  }
  return std::nullopt;
}

std::optional<DecodeError> parse_block(Bytes block, const EditionSelector& editions,
                                       std::size_t base_offset, std::vector<RecordView>& records) {
  const int category = block[0];
  std::optional<Edition> edition = editions.select(category);
  if (!edition) return DecodeError{DecodeErrorKind::kUnknownCategory, category, {}, base_offset};
  if (editions.has_source_overrides(category) && block.size() > 5 && (block[3] & 0x80u) != 0) {
    // I010 (FRN 1, two octets) follows the FSPEC in every category here.
    std::size_t fspec = 3;
    while (fspec < block.size() && (block[fspec] & 1u) != 0) ++fspec;
    if (fspec + 2 < block.size()) {
      edition = editions.select(category, SacSic{block[fspec + 1], block[fspec + 2]});
    }
  }
  // RecordViews already in `records` are reused rather than cleared and value-initialised again:
  // parse_record sets every field it reports, and item_offset/item_size are read only for FRNs
  // in `present` (RecordView's contract), so stale entries of absent FRNs are never seen.
  std::size_t count = 0;
  std::size_t position = 3;
  while (position < block.size()) {
    if (count == records.size()) records.emplace_back();
    RecordView& record = records[count++];
    if (auto error = parse_record(*edition, block.data() + position, block.size() - position,
                                  base_offset + position, record)) {
      records.resize(count);
      return error;
    }
    position += record.size;
  }
  records.resize(count);
  return std::nullopt;
}

}  // namespace straja::asterix
