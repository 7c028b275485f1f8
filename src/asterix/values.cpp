#include "asterix/values.h"

#include "asterix/bits.h"

namespace straja::asterix {
namespace {

using spec::child_of;
using spec::node_at;

void decode_explicit(const spec::Node& node, const std::uint8_t* data, std::size_t& bit,
                     const spec::EditionTable& edition, std::vector<std::uint64_t>& tokens) {
  const std::size_t start = bit / 8;
  const std::size_t length = data[start];
  tokens.push_back(length);
  bit += 8;
  const std::size_t content = length - 1;
  if (node.name == "RE" && edition.expansion_root >= 0 && content > 0) {
    const spec::Node& expansion = node_at(static_cast<std::size_t>(edition.expansion_root));
    const Measured measured = measure(expansion, data + start + 1, content);
    if (!measured.error && measured.size == content) {
      tokens.push_back(1);
      decode_node_values(expansion, data, bit, edition, tokens);
      return;
    }
  }
  tokens.push_back(0);
  for (std::size_t i = 0; i < content; ++i) tokens.push_back(data[start + 1 + i]);
  bit += content * 8;
}

bool is_leaf(const spec::Node& node) {
  return node.kind == spec::NodeKind::kElement || node.kind == spec::NodeKind::kSpare ||
         node.kind == spec::NodeKind::kFx;
}

}  // namespace

std::size_t fixed_token_count(const spec::Node& node) {
  if (node.kind != spec::NodeKind::kGroup) return 1;
  std::size_t count = 0;
  for (std::size_t i = 0; i < node.child_count; ++i) count += fixed_token_count(child_of(node, i));
  return count;
}

void decode_node_values(const spec::Node& node, const std::uint8_t* data, std::size_t& bit,
                        const spec::EditionTable& edition, std::vector<std::uint64_t>& tokens) {
  switch (node.kind) {
    case spec::NodeKind::kElement:
    case spec::NodeKind::kSpare:
    case spec::NodeKind::kFx:
      tokens.push_back(read_bits(data, bit, node.bits));
      bit += node.bits;
      return;
    // Groups and extended items: leaf children (one token each) are read in place rather than
    // through a recursive call per element; the tokens are the same.
    case spec::NodeKind::kGroup:
    case spec::NodeKind::kExtended: {
      const bool extended = node.kind == spec::NodeKind::kExtended;
      for (std::size_t i = 0; i < node.child_count; ++i) {
        const spec::Node& child = child_of(node, i);
        if (is_leaf(child)) {
          tokens.push_back(read_bits(data, bit, child.bits));
          bit += child.bits;
        } else {
          decode_node_values(child, data, bit, edition, tokens);
        }
        if (extended && child.kind == spec::NodeKind::kFx && tokens.back() == 0) return;
      }
      return;
    }
    case spec::NodeKind::kRepetitive: {
      const std::uint64_t count = read_bits(data, bit, node.bits * 8u);
      tokens.push_back(count);
      bit += node.bits * 8u;
      for (std::uint64_t i = 0; i < count; ++i)
        decode_node_values(child_of(node, 0), data, bit, edition, tokens);
      return;
    }
    case spec::NodeKind::kRepetitiveFx: {
      std::uint64_t fx = 0;
      do {
        decode_node_values(child_of(node, 0), data, bit, edition, tokens);
        fx = read_bits(data, bit, 1);
        tokens.push_back(fx);
        bit += 1;
      } while (fx != 0);
      return;
    }
    case spec::NodeKind::kCompound: {
      std::uint64_t present = 0;
      std::uint64_t octets = 0;
      int slot = 0;
      std::uint64_t octet = 0;
      do {
        octet = read_bits(data, bit, 8);
        bit += 8;
        ++octets;
        for (int b = 7; b >= 1; --b, ++slot) {
          if ((octet >> b & 1u) != 0 && slot < 64) present |= std::uint64_t{1} << slot;
        }
      } while ((octet & 1u) != 0);
      tokens.push_back(octets);
      tokens.push_back(present);
      for (std::size_t i = 0; i < node.child_count && i < 64; ++i) {
        if ((present >> i & 1u) != 0)
          decode_node_values(child_of(node, i), data, bit, edition, tokens);
      }
      return;
    }
    case spec::NodeKind::kExplicit:
      decode_explicit(node, data, bit, edition, tokens);
      return;
    case spec::NodeKind::kEmpty:
      return;
  }
}

void decode_values(const RecordView& record, DecodedRecord& out) {
  const auto& t = spec::tables();
  out.edition = record.edition;
  out.variation = record.variation;
  out.fspec_size = record.fspec_size;
  out.items.clear();
  out.tokens.clear();
  for (std::uint64_t remaining = record.present; remaining != 0; remaining &= remaining - 1) {
    const int frn = __builtin_ctzll(remaining) + 1;
    // slot() rather than item_at(): a parsed record's FRNs and variation are within its UAP.
    const auto item = static_cast<std::uint32_t>(record.edition.slot(record.variation, frn).item);
    const Bytes bytes = record.frn_bytes(frn);
    DecodedItem decoded{frn, item, static_cast<std::uint32_t>(out.tokens.size()), 0};
    std::size_t bit = 0;
    decode_node_values(t.nodes[t.items[item].root], bytes.data(), bit, record.edition.table(),
                       out.tokens);
    decoded.token_count = static_cast<std::uint32_t>(out.tokens.size()) - decoded.first_token;
    out.items.push_back(decoded);
  }
}

}  // namespace straja::asterix
