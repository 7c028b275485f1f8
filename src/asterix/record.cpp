#include "asterix/record.h"

#include "asterix/bits.h"

namespace straja::asterix {
namespace {

using spec::node_at;

/// kFspecFrns[octet >> 1]: the seven presence bits of an FSPEC octet (record or compound) in
/// FRN/slot order (bit 7 of the octet, its first FRN, becomes bit 0), so one shift places a whole
/// octet in a presence mask.
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

/// Facts about extended and compound nodes that measure() would otherwise gather by visiting
/// every child on every call; computed once from the static tables, per node index.
struct Shapes {
  static constexpr std::size_t kMaxExtents = 8;
  /// Extended node on octets (spec::octet_extents): extent k ends at octet extent_end[k].
  /// extents == 0: some other layout (generic walk).
  struct Extended {
    std::uint8_t extents = 0;
    std::array<std::uint8_t, kMaxExtents> extent_end{};
  };
  /// Compound node: slots that may be present (slot < child_count, < 64, not kEmpty), and each
  /// slot's size in octets when its child is fixed (0: measured by measure()).
  struct Compound {
    std::uint64_t defined = 0;
    std::uint32_t fixed_begin = 0;  ///< into fixed_octets, one entry per slot
  };
  std::vector<Extended> extended;
  std::vector<Compound> compound;
  std::vector<std::uint16_t> fixed_octets;

  Shapes() {
    const auto nodes = spec::tables().nodes;
    extended.resize(nodes.size());
    compound.resize(nodes.size());
    for (std::size_t n = 0; n < nodes.size(); ++n) {
      const spec::Node& node = nodes[n];
      if (node.kind == spec::NodeKind::kExtended) {
        extended[n].extents =
            static_cast<std::uint8_t>(spec::octet_extents(node, extended[n].extent_end));
      } else if (node.kind == spec::NodeKind::kCompound) {
        Compound shape;
        shape.fixed_begin = static_cast<std::uint32_t>(fixed_octets.size());
        for (std::uint16_t slot = 0; slot < node.child_count && slot < 64; ++slot) {
          const spec::Node& child = nodes[node.child_begin + slot];
          if (child.kind != spec::NodeKind::kEmpty) shape.defined |= std::uint64_t{1} << slot;
          fixed_octets.push_back(static_cast<std::uint16_t>(child.fixed_bits / 8u));
        }
        compound[n] = shape;
      }
    }
  }
};

const Shapes& shapes() {
  static const Shapes instance;
  return instance;
}

// The measuring functions return the size in octets, or kFailed with the reason in `error`. (A
// plain integer rather than Measured: returning the struct with its optional made every call
// pay a store-forwarding stall, about a third of the record walk.)
constexpr std::size_t kFailed = ~std::size_t{0};

std::size_t failed(DecodeErrorKind kind, DecodeErrorKind& error) {
  error = kind;
  return kFailed;
}

std::size_t measure_node(const spec::Node& node, const std::uint8_t* data, std::size_t available,
                         DecodeErrorKind& error);

/// An extended item on octets (spec::octet_extents). It ends where the generic walk of its nodes
/// ends (the first FX of 0, or the last extent), and fails with the same kind when an extent
/// runs past `available` (the generic walk's per-child checks can only fail where the check at
/// the FX ending that extent fails too).
inline std::size_t measure_extents(const std::uint8_t* ends, std::size_t count,
                                   const std::uint8_t* data, std::size_t available,
                                   DecodeErrorKind& error) {
  for (std::size_t k = 0; k < count; ++k) {
    const std::size_t end = ends[k];
    if (end > available) return failed(DecodeErrorKind::kTruncatedRecord, error);
    if ((data[end - 1] & 1u) == 0) return end;
  }
  return ends[count - 1];
}

std::size_t measure_extended(const spec::Node& node, const std::uint8_t* data,
                             std::size_t available, DecodeErrorKind& error) {
  const auto& t = spec::tables();
  const Shapes::Extended& shape =
      shapes().extended[static_cast<std::size_t>(&node - t.nodes.data())];
  if (shape.extents != 0)
    return measure_extents(shape.extent_end.data(), shape.extents, data, available, error);
  std::size_t bits = 0;
  for (std::uint16_t i = 0; i < node.child_count; ++i) {
    const spec::Node& child = node_at(node.child_begin + i);
    bits += child.fixed_bits;
    if ((bits + 7) / 8 > available) return failed(DecodeErrorKind::kTruncatedRecord, error);
    if (child.kind == spec::NodeKind::kFx && read_bits(data, bits - 1, 1) == 0) break;
  }
  return (bits + 7) / 8;
}

std::size_t measure_compound(const spec::Node& node, const std::uint8_t* data,
                             std::size_t available, DecodeErrorKind& error) {
  // Same checks as a bit-by-bit walk: any presence bit of a slot that is not `defined` (beyond
  // the children, past slot 63, or an empty slot) fails the item, whichever bit it is; then the
  // present children in slot order.
  const auto& t = spec::tables();
  const Shapes& all = shapes();
  const Shapes::Compound& shape = all.compound[static_cast<std::size_t>(&node - t.nodes.data())];
  std::size_t position = 0;
  std::uint64_t present = 0;
  int slots = 0;
  while (true) {
    if (position >= available) return failed(DecodeErrorKind::kTruncatedRecord, error);
    const std::uint8_t octet = data[position++];
    const std::uint64_t bits = kFspecFrns[octet >> 1];
    if (bits != 0) {
      if (slots + 7 > 64) {
        // Slots past 63 are never defined: the bits must all lie below 64.
        if (slots >= 64 || (bits >> (64 - slots)) != 0)
          return failed(DecodeErrorKind::kCompoundBeyondDefinition, error);
      }
      const std::uint64_t placed = bits << slots;
      if ((placed & ~shape.defined) != 0)
        return failed(DecodeErrorKind::kCompoundBeyondDefinition, error);
      present |= placed;
    }
    slots += 7;
    if ((octet & 1u) == 0) break;
    if (slots >= 64) return failed(DecodeErrorKind::kCompoundBeyondDefinition, error);
  }
  const std::uint16_t* fixed = all.fixed_octets.data() + shape.fixed_begin;
  for (std::uint64_t remaining = present; remaining != 0; remaining &= remaining - 1) {
    const auto slot = static_cast<unsigned>(__builtin_ctzll(remaining));
    if (const std::size_t size = fixed[slot]; size != 0) {
      if (size > available - position) return failed(DecodeErrorKind::kTruncatedRecord, error);
      position += size;
      continue;
    }
    const std::size_t part = measure_node(node_at(node.child_begin + slot), data + position,
                                          available - position, error);
    if (part == kFailed) return kFailed;
    position += part;
  }
  return position;
}

std::size_t measure_node(const spec::Node& node, const std::uint8_t* data, std::size_t available,
                         DecodeErrorKind& error) {
  if (node.fixed_bits != 0) {
    const std::size_t size = node.fixed_bits / 8u;
    if (size > available) return failed(DecodeErrorKind::kTruncatedRecord, error);
    return size;
  }
  switch (node.kind) {
    case spec::NodeKind::kExtended:
      return measure_extended(node, data, available, error);
    case spec::NodeKind::kRepetitive: {
      const std::size_t counter = node.bits;
      if (counter > available || counter == 0 || counter > 2)
        return failed(DecodeErrorKind::kTruncatedRecord, error);
      const std::size_t count = read_bits(data, 0, static_cast<unsigned>(counter * 8));
      const std::size_t size = counter + count * (node_at(node.child_begin).fixed_bits / 8u);
      if (size > available) return failed(DecodeErrorKind::kTruncatedRecord, error);
      return size;
    }
    case spec::NodeKind::kRepetitiveFx: {
      const std::size_t step = (node_at(node.child_begin).fixed_bits + 1u) / 8u;
      std::size_t size = 0;
      do {
        size += step;
        if (size > available) return failed(DecodeErrorKind::kTruncatedRecord, error);
      } while ((data[size - 1] & 1u) != 0);
      return size;
    }
    case spec::NodeKind::kCompound:
      return measure_compound(node, data, available, error);
    case spec::NodeKind::kExplicit: {
      if (available == 0) return failed(DecodeErrorKind::kTruncatedRecord, error);
      const std::size_t size = data[0];
      if (size == 0) return failed(DecodeErrorKind::kBadExplicitLength, error);
      if (size > available) return failed(DecodeErrorKind::kTruncatedRecord, error);
      return size;
    }
    default:  // a fixed node of 0 bits cannot occur
      return failed(DecodeErrorKind::kTruncatedRecord, error);
  }
}

}  // namespace

Measured measure(const spec::Node& node, const std::uint8_t* data, std::size_t available) {
  DecodeErrorKind error{};
  const std::size_t size = measure_node(node, data, available, error);
  if (size == kFailed) return Measured{0, error};
  return Measured{size, std::nullopt};
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

// The walk below is the hot path of every decode. It checks exactly what the item-by-item walk
// of the specification checks, in the same order and with the same error kinds and offsets:
// FSPEC octets one at a time (an FRN past the UAP, or an FX bit continuing past it, is an error
// at that octet), then each present item in FRN order (no item or RFS at that FRN, or the item
// running past `available`, is an error at the item's first octet). Fixed-size items are measured
// from the precomputed FrnSlot without visiting their nodes; everything else goes through
// measure().
std::optional<DecodeError> parse_record(const Edition& edition, const std::uint8_t* data,
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
  const FrnSlot* slots = &edition.slot(0, 1);  // of the current variation
  for (std::uint64_t remaining = present; remaining != 0; remaining &= remaining - 1) {
    const int index = __builtin_ctzll(remaining);
    const FrnSlot& slot = slots[index];
    if (slot.item < 0) {
      return error(slot.item == spec::kRfsItem ? DecodeErrorKind::kUnsupportedField
                                               : DecodeErrorKind::kFspecBeyondDefinition,
                   position);
    }
    // Each form measures as measure() would (see FrnSlot), without visiting nodes.
    const std::size_t left = available - position;
    const std::uint8_t* at = data + position;
    DecodeErrorKind kind = DecodeErrorKind::kTruncatedRecord;
    std::size_t size = kFailed;
    switch (slot.form) {
      case FrnSlot::Form::kFixed:
        if (slot.fixed_octets <= left) size = slot.fixed_octets;
        break;
      case FrnSlot::Form::kExtents:
        size = measure_extents(slot.extent_end.data(), slot.extents, at, left, kind);
        break;
      case FrnSlot::Form::kCounted:
        if (slot.counter_octets <= left) {
          const std::size_t count = slot.counter_octets == 1 ? at[0] : read_u16(at);
          const std::size_t counted = slot.counter_octets + count * slot.element_octets;
          if (counted <= left) size = counted;
        }
        break;
      case FrnSlot::Form::kNodes:
        size = measure_node(t.nodes[slot.root], at, left, kind);
        break;
    }
    if (size == kFailed) {
      return error(kind, position, t.items[static_cast<std::size_t>(slot.item)].name);
    }
    record.item_offset[static_cast<std::size_t>(index)] = static_cast<std::uint16_t>(position);
    record.item_size[static_cast<std::size_t>(index)] = static_cast<std::uint16_t>(size);
    if (slot.item == table.selector_item) {
      const int value = selector_value(table, {data + position, size});
      record.variation = table.selector_variation[value & 1];
      slots = &edition.slot(record.variation, 1);
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
  std::size_t count = 0;
  auto error = parse_block_reusing(block, editions, base_offset, records, count);
  records.resize(count);
  return error;
}

std::optional<DecodeError> parse_block_reusing(Bytes block, const EditionSelector& editions,
                                               std::size_t base_offset,
                                               std::vector<RecordView>& records,
                                               std::size_t& count) {
  count = 0;
  const int category = block[0];
  const Edition* edition = editions.category_default(category);
  if (edition == nullptr)
    return DecodeError{DecodeErrorKind::kUnknownCategory, category, {}, base_offset};
  std::optional<Edition> for_source;
  if (editions.has_source_overrides(category)) {
    if (const auto source = first_data_source(block)) {
      for_source = editions.select(category, *source);
      if (for_source) edition = &*for_source;
    }
  }
  // RecordViews already in `records` are reused: parse_record sets every field it reports, and
  // item_offset/item_size are read only for FRNs in `present` (RecordView's contract), so stale
  // entries of absent FRNs are never seen.
  std::size_t position = 3;
  while (position < block.size()) {
    if (count == records.size()) records.emplace_back();
    RecordView& record = records[count++];
    if (auto error = parse_record(*edition, block.data() + position, block.size() - position,
                                  base_offset + position, record)) {
      return error;
    }
    position += record.size;
  }
  return std::nullopt;
}

std::optional<SacSic> first_data_source(Bytes block) {
  if (block.size() <= 5 || (block[3] & 0x80u) == 0) return std::nullopt;
  // I010 (FRN 1, two octets) follows the FSPEC in every category here.
  std::size_t fspec = 3;
  while (fspec < block.size() && (block[fspec] & 1u) != 0) ++fspec;
  if (fspec + 2 >= block.size()) return std::nullopt;
  return SacSic{block[fspec + 1], block[fspec + 2]};
}

std::vector<EditionNumber> editions_that_decode(Bytes block) {
  std::vector<EditionNumber> clean;
  if (block.size() < 3) return clean;
  std::vector<RecordView> records;
  for (const spec::EditionTable& table : Edition::all()) {
    if (table.category != block[0]) continue;
    const EditionNumber number{table.major, table.minor};
    EditionSelector only;
    if (!only.set(table.category, number)) continue;
    if (!parse_block(block, only, 0, records)) clean.push_back(number);
  }
  return clean;
}

}  // namespace straja::asterix
