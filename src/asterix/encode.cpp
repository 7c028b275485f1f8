#include "asterix/encode.h"

#include "asterix/bits.h"

namespace straja::asterix {
namespace {

using spec::child_of;
using spec::node_at;

/// Writes tokens into a growing octet buffer, bit by bit.
class TokenEncoder {
 public:
  TokenEncoder(const std::vector<std::uint64_t>& tokens, std::size_t first, std::size_t end,
               const spec::EditionTable& edition, std::vector<std::uint8_t>& out)
      : tokens_(tokens),
        next_(first),
        end_(end),
        edition_(edition),
        out_(out),
        bit_(out.size() * 8) {}

  bool node(const spec::Node& n) {
    switch (n.kind) {
      case spec::NodeKind::kElement:
      case spec::NodeKind::kSpare:
      case spec::NodeKind::kFx: {
        std::uint64_t value = 0;
        if (!take(value)) return false;
        put(n.bits, value);
        return true;
      }
      case spec::NodeKind::kGroup:
        for (std::size_t i = 0; i < n.child_count; ++i) {
          if (!node(child_of(n, i))) return false;
        }
        return true;
      case spec::NodeKind::kExtended:
        for (std::size_t i = 0; i < n.child_count; ++i) {
          const spec::Node& child = child_of(n, i);
          if (!node(child)) return false;
          if (child.kind == spec::NodeKind::kFx && tokens_[next_ - 1] == 0) return true;
        }
        return true;
      case spec::NodeKind::kRepetitive: {
        std::uint64_t count = 0;
        if (!take(count)) return false;
        put(n.bits * 8u, count);
        for (std::uint64_t i = 0; i < count; ++i) {
          if (!node(child_of(n, 0))) return false;
        }
        return true;
      }
      case spec::NodeKind::kRepetitiveFx: {
        std::uint64_t fx = 0;
        do {
          if (!node(child_of(n, 0)) || !take(fx)) return false;
          put(1, fx);
        } while (fx != 0);
        return true;
      }
      case spec::NodeKind::kCompound:
        return compound(n);
      case spec::NodeKind::kExplicit:
        return explicit_item(n);
      case spec::NodeKind::kEmpty:
        return true;
    }
    return false;
  }

  bool finished() const { return next_ == end_; }

 private:
  bool take(std::uint64_t& value) {
    if (next_ >= end_) return false;
    value = tokens_[next_++];
    return true;
  }
  void put(unsigned bits, std::uint64_t value) {
    out_.resize((bit_ + bits + 7) / 8, 0);
    write_bits(out_.data(), bit_, bits, value);
    bit_ += bits;
  }

  bool compound(const spec::Node& n) {
    std::uint64_t octets = 0;
    std::uint64_t present = 0;
    if (!take(octets) || !take(present) || octets == 0 || octets > 10) return false;
    for (std::uint64_t o = 0; o < octets; ++o) {
      std::uint64_t octet = o + 1 < octets ? 1u : 0u;
      for (unsigned b = 0; b < 7; ++b) {
        const std::uint64_t slot = o * 7 + b;
        if (slot < 64 && (present >> slot & 1u) != 0) octet |= 1u << (7 - b);
      }
      put(8, octet);
    }
    for (std::size_t i = 0; i < n.child_count && i < 64; ++i) {
      if ((present >> i & 1u) != 0 && !node(child_of(n, i))) return false;
    }
    return true;
  }

  bool explicit_item(const spec::Node& n) {
    std::uint64_t length = 0;
    std::uint64_t mode = 0;
    if (!take(length) || !take(mode) || length == 0 || length > 255) return false;
    put(8, length);
    if (mode == 1) {
      if (edition_.expansion_root < 0) return false;
      const std::size_t start = bit_;
      if (!node(node_at(static_cast<std::size_t>(edition_.expansion_root)))) return false;
      return bit_ - start == (length - 1) * 8;
    }
    (void)n;
    for (std::uint64_t i = 0; i + 1 < length; ++i) {
      std::uint64_t octet = 0;
      if (!take(octet)) return false;
      put(8, octet);
    }
    return true;
  }

  const std::vector<std::uint64_t>& tokens_;
  std::size_t next_;
  std::size_t end_;
  const spec::EditionTable& edition_;
  std::vector<std::uint8_t>& out_;
  std::size_t bit_;
};

}  // namespace

bool encode_record(const DecodedRecord& record, std::vector<std::uint8_t>& out) {
  const auto& t = spec::tables();
  // FSPEC: one bit per FRN, 7 per octet, FX on all but the last octet.
  std::uint64_t present = 0;
  int last_frn = 0;
  for (const DecodedItem& item : record.items) {
    present |= std::uint64_t{1} << (item.frn - 1);
    if (item.frn > last_frn) last_frn = item.frn;
  }
  std::size_t octets = static_cast<std::size_t>((last_frn + 6) / 7);
  if (record.fspec_size > octets) octets = record.fspec_size;
  for (std::size_t o = 0; o < octets; ++o) {
    std::uint8_t octet = o + 1 < octets ? 1 : 0;
    for (unsigned b = 0; b < 7; ++b) {
      const std::size_t frn_index = o * 7 + b;
      if (frn_index < 64 && (present >> frn_index & 1u) != 0)
        octet = static_cast<std::uint8_t>(octet | 1u << (7 - b));
    }
    out.push_back(octet);
  }
  for (const DecodedItem& item : record.items) {
    TokenEncoder encoder(record.tokens, item.first_token, item.first_token + item.token_count,
                         record.edition.table(), out);
    if (!encoder.node(t.nodes[t.items[item.item].root]) || !encoder.finished()) return false;
  }
  return true;
}

bool encode_block(int category, const std::vector<std::uint8_t>& records_octets,
                  std::vector<std::uint8_t>& out) {
  const std::size_t length = records_octets.size() + 3;
  if (length > 0xFFFF) return false;
  out.push_back(static_cast<std::uint8_t>(category));
  out.push_back(static_cast<std::uint8_t>(length >> 8));
  out.push_back(static_cast<std::uint8_t>(length & 0xFF));
  out.insert(out.end(), records_octets.begin(), records_octets.end());
  return true;
}

}  // namespace straja::asterix
