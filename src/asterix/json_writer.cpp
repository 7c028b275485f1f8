#include "asterix/json_writer.h"

#include <charconv>
#include <cstring>
#include <string_view>
#include <vector>

#include "asterix/bits.h"

namespace straja::asterix {
namespace {

using spec::child_of;
using spec::node_at;

constexpr std::string_view kHex = "0123456789ABCDEF";
// ICAO Annex 10 6-bit character set; codes that are not characters (0 included: an unset field)
// read as spaces, as both reference decoders do, and are trimmed away at the ends.
constexpr std::string_view kIcaoChars =
    " ABCDEFGHIJKLMNOPQRSTUVWXYZ                     0123456789      ";

/// Appends to a std::string through a local buffer, so short pieces cost no string bookkeeping.
/// Contract: a write first asks room(n) for its longest possible form (n <= kBuffer), writes at
/// most n octets at the returned pointer, then advance()s by what it wrote; the buffer goes to the
/// string when a piece might not fit, and at flush(), which the owner must call before the string
/// is read. put() takes texts of any length (longer than kMaxPiece: passed on directly).
class Writer {
 public:
  static constexpr std::size_t kBuffer = 4096;
  static constexpr std::size_t kMaxPiece = 64;

  explicit Writer(std::string& out) : out_(out) {}
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  char* room(std::size_t size) {
    if (used_ + size > sizeof buffer_) flush();
    return buffer_ + used_;
  }
  void advance(std::size_t size) { used_ += size; }
  void put(char c) {
    *room(1) = c;
    ++used_;
  }
  void put(std::string_view text) {
    if (text.size() > kMaxPiece) {
      flush();
      out_.append(text);
      return;
    }
    std::memcpy(room(text.size()), text.data(), text.size());
    used_ += text.size();
  }
  void flush() {
    out_.append(buffer_, used_);
    used_ = 0;
  }

 private:
  std::string& out_;
  std::size_t used_ = 0;
  char buffer_[kBuffer];
};

/// Every node's JSON key, `"NAME":`, and every item's, `"I010":` (`"SP":` for non-numeric
/// names), built once from the static tables. Each text is followed by kPad spare octets in the
/// pool so a key of at most kPad octets is copied as one fixed-size block (then the writer
/// advances by its true length: the spare octets written past it are overwritten next).
struct Keys {
  static constexpr std::size_t kPad = 32;
  std::string pool;
  std::vector<std::uint32_t> node_key;  // begin, length per node (pairs)
  std::vector<std::uint32_t> item_key;  // begin, length per item (pairs)

  void add(std::vector<std::uint32_t>& index, std::string_view prefix, std::string_view name) {
    index.push_back(static_cast<std::uint32_t>(pool.size()));
    pool += '"';
    pool += prefix;
    pool += name;
    pool += "\":";
    index.push_back(static_cast<std::uint32_t>(pool.size()) - index.back());
    pool.append(kPad, '\0');
  }

  Keys() {
    const auto& t = spec::tables();
    for (const spec::Node& node : t.nodes) add(node_key, "", node.name);
    for (const spec::Item& item : t.items) {
      const std::string_view name = item.name;
      const bool numbered = name.size() == 3 && name[0] >= '0' && name[0] <= '9';
      add(item_key, numbered ? "I" : "", name);
    }
  }

  static void write(const std::string& pool, const std::vector<std::uint32_t>& index, std::size_t i,
                    Writer& out) {
    const char* text = pool.data() + index[2 * i];
    const std::size_t length = index[2 * i + 1];
    if (length > kPad) {
      out.put(std::string_view(text, length));
      return;
    }
    std::memcpy(out.room(kPad), text, kPad);
    out.advance(length);
  }
  void node(std::size_t i, Writer& out) const { write(pool, node_key, i, out); }
  void item(std::size_t i, Writer& out) const { write(pool, item_key, i, out); }
};

const Keys& keys() {
  static const Keys instance;
  return instance;
}

void append_unsigned(std::uint64_t value, Writer& out) {
  if (value < 10) {
    out.put(static_cast<char>('0' + value));
    return;
  }
  char* at = out.room(24);
  out.advance(static_cast<std::size_t>(std::to_chars(at, at + 24, value).ptr - at));
}
void append_signed(std::int64_t value, Writer& out) {
  char* at = out.room(24);
  out.advance(static_cast<std::size_t>(std::to_chars(at, at + 24, value).ptr - at));
}
void append_double(double value, Writer& out) {
  char* at = out.room(32);
  out.advance(static_cast<std::size_t>(std::to_chars(at, at + 32, value).ptr - at));
}
/// `digits` <= 16: tokens hold at most 64 bits.
void append_hex(std::uint64_t value, unsigned digits, Writer& out) {
  char* at = out.room(digits + 2);
  *at++ = '"';
  for (unsigned i = digits; i-- > 0;) *at++ = kHex[(value >> (i * 4)) & 0xFu];
  *at = '"';
  out.advance(digits + 2);
}

/// Appends text (at most 11 characters) as a JSON string, trimmed of spaces at both ends,
/// control characters escaped.
void append_text(std::string_view text, Writer& out) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\0')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\0')) text.remove_suffix(1);
  char* const begin = out.room(2 + 6 * text.size());
  char* at = begin;
  *at++ = '"';
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      *at++ = '\\';
      *at++ = c;
    } else if (u < 0x20 || u >= 0x7F) {
      std::memcpy(at, "\\u00", 4);
      at[4] = kHex[u >> 4];
      at[5] = kHex[u & 0xFu];
      at += 6;
    } else {
      *at++ = c;
    }
  }
  *at++ = '"';
  out.advance(static_cast<std::size_t>(at - begin));
}

void append_content(spec::ContentKind content, double lsb, const spec::Node& node,
                    std::uint64_t raw, Writer& out) {
  const unsigned bits = node.bits;
  switch (content) {
    case spec::ContentKind::kUnsignedQuantity:
      append_double(static_cast<double>(raw) * lsb, out);
      return;
    case spec::ContentKind::kSignedQuantity:
      append_double(static_cast<double>(sign_extend64(raw, bits)) * lsb, out);
      return;
    case spec::ContentKind::kSignedInteger:
      append_signed(sign_extend64(raw, bits), out);
      return;
    case spec::ContentKind::kOctal: {
      const unsigned digits = bits / 3;  // <= 21 for a 64-bit token
      char* at = out.room(digits + 2);
      *at++ = '"';
      for (unsigned digit = digits; digit-- > 0;)
        *at++ = static_cast<char>('0' + ((raw >> (digit * 3)) & 7u));
      *at = '"';
      out.advance(digits + 2);
      return;
    }
    case spec::ContentKind::kAscii: {
      char text[8];
      const unsigned count = bits / 8;
      for (unsigned i = 0; i < count; ++i)
        text[i] = static_cast<char>((raw >> ((count - 1 - i) * 8)) & 0xFFu);
      append_text({text, count}, out);
      return;
    }
    case spec::ContentKind::kIcao: {
      char text[11];
      const unsigned count = bits / 6;
      for (unsigned i = 0; i < count && i < sizeof text; ++i) {
        text[i] = kIcaoChars[(raw >> ((count - 1 - i) * 6)) & 0x3Fu];
      }
      append_text({text, count < sizeof text ? count : sizeof text}, out);
      return;
    }
    case spec::ContentKind::kAddress:
      append_hex(raw, 6, out);
      return;
    case spec::ContentKind::kBds:
      append_hex(raw, (bits + 3) / 4, out);
      return;
    default:  // raw, table, unsigned integer; wider than a double's mantissa: hex text
      if (bits > 53) {
        append_hex(raw, (bits + 3) / 4, out);
      } else {
        append_unsigned(raw, out);
      }
      return;
  }
}

/// Walks tokens alongside the specification and writes JSON.
class JsonWalker {
 public:
  JsonWalker(const std::vector<std::uint64_t>& tokens, std::size_t first,
             const spec::EditionTable& edition, Writer& out)
      : tokens_(tokens.data()),
        next_(first),
        edition_(edition),
        out_(out),
        nodes_(spec::tables().nodes.data()),
        keys_(keys()) {}

  /// Writes the value of `node`. `group_first`: index of the first token of the enclosing group
  /// (for dependent content), `group` the group node, or nullptr.
  void value(const spec::Node& n, const spec::Node* group = nullptr, std::size_t group_first = 0) {
    switch (n.kind) {
      case spec::NodeKind::kElement:
        element(n, group, group_first);
        return;
      case spec::NodeKind::kSpare:
      case spec::NodeKind::kFx:
        ++next_;
        return;
      case spec::NodeKind::kGroup:
        object_of_children(n, n.child_count, false);
        return;
      case spec::NodeKind::kExtended:
        object_of_children(n, n.child_count, true);
        return;
      case spec::NodeKind::kRepetitive: {
        const std::uint64_t count = tokens_[next_++];
        out_.put('[');
        for (std::uint64_t i = 0; i < count; ++i) {
          if (i != 0) out_.put(',');
          value(child(n, 0));
        }
        out_.put(']');
        return;
      }
      case spec::NodeKind::kRepetitiveFx: {
        out_.put('[');
        bool first = true;
        std::uint64_t fx = 0;
        do {
          if (!first) out_.put(',');
          first = false;
          value(child(n, 0));
          fx = tokens_[next_++];
        } while (fx != 0);
        out_.put(']');
        return;
      }
      case spec::NodeKind::kCompound: {
        ++next_;  // FSPEC octet count
        const std::uint64_t present = tokens_[next_++];
        out_.put('{');
        bool first = true;
        for (std::size_t i = 0; i < n.child_count && i < 64; ++i) {
          if ((present >> i & 1u) == 0) continue;
          if (!first) out_.put(',');
          first = false;
          keys_.node(n.child_begin + i, out_);
          value(child(n, i));
        }
        out_.put('}');
        return;
      }
      case spec::NodeKind::kExplicit: {
        const std::uint64_t length = tokens_[next_++];
        const std::uint64_t mode = tokens_[next_++];
        if (mode == 1) {
          value(nodes_[static_cast<std::size_t>(edition_.expansion_root)]);
          return;
        }
        out_.put("{\"hex\":\"");
        for (std::uint64_t i = 0; i + 1 < length; ++i) {
          const std::uint64_t octet = tokens_[next_++];
          char* at = out_.room(2);
          at[0] = kHex[(octet >> 4) & 0xFu];
          at[1] = kHex[octet & 0xFu];
          out_.advance(2);
        }
        out_.put("\"}");
        return;
      }
      case spec::NodeKind::kEmpty:
        return;
    }
  }

 private:
  const spec::Node& child(const spec::Node& n, std::size_t i) const {
    return nodes_[n.child_begin + i];
  }

  void element(const spec::Node& n, const spec::Node* group, std::size_t group_first) {
    const std::uint64_t raw = tokens_[next_++];
    if (n.content != spec::ContentKind::kDependent) {
      append_content(n.content, n.lsb, n, raw, out_);
      return;
    }
    // The case is chosen by a sibling element of the same group.
    std::int64_t selector = -2;
    if (group != nullptr) {
      std::size_t token = group_first;
      for (std::size_t i = 0; i < group->child_count; ++i) {
        const spec::Node& sibling = child(*group, i);
        if (sibling.name == n.dependency) {
          selector = static_cast<std::int64_t>(tokens_[token]);
          break;
        }
        token += fixed_token_count(sibling);
      }
    }
    const auto& cases = spec::tables().cases;
    const spec::Case* chosen = nullptr;
    for (std::size_t i = 0; i < n.case_count; ++i) {
      const spec::Case& c = cases[n.case_begin + i];
      if (c.value == selector || (c.value == -1 && chosen == nullptr)) chosen = &c;
      if (c.value == selector) break;
    }
    if (chosen == nullptr) {
      append_unsigned(raw, out_);
    } else {
      append_content(chosen->content, chosen->lsb, n, raw, out_);
    }
  }

  void object_of_children(const spec::Node& n, std::size_t count, bool extended) {
    out_.put('{');
    const std::size_t group_first = next_;
    bool first = true;
    for (std::size_t i = 0; i < count; ++i) {
      const spec::Node& c = child(n, i);
      if (c.kind == spec::NodeKind::kSpare) {
        ++next_;
        continue;
      }
      if (c.kind == spec::NodeKind::kFx) {
        if (tokens_[next_++] == 0) break;
        continue;
      }
      if (!first) out_.put(',');
      first = false;
      keys_.node(n.child_begin + i, out_);
      if (c.kind == spec::NodeKind::kElement && c.content != spec::ContentKind::kDependent) {
        append_content(c.content, c.lsb, c, tokens_[next_++], out_);  // element(), inlined
      } else {
        value(c, extended ? nullptr : &n, group_first);
      }
    }
    out_.put('}');
  }

  const std::uint64_t* tokens_;
  std::size_t next_;
  const spec::EditionTable& edition_;
  Writer& out_;
  const spec::Node* nodes_;
  const Keys& keys_;
};

void write_item(const DecodedRecord& record, const DecodedItem& item, Writer& out) {
  const auto& t = spec::tables();
  JsonWalker walker(record.tokens, item.first_token, record.edition.table(), out);
  walker.value(t.nodes[t.items[item.item].root]);
}

}  // namespace

void append_item_json(const DecodedRecord& record, const DecodedItem& item, std::string& out) {
  Writer writer(out);
  write_item(record, item, writer);
  writer.flush();
}

void append_record_json(const DecodedRecord& record, std::size_t block_index,
                        std::size_t record_index, std::optional<SacSic> source, std::string& out) {
  Writer writer(out);
  writer.put("{\"cat\":");
  append_unsigned(static_cast<std::uint64_t>(record.edition.category()), writer);
  writer.put(",\"block\":");
  append_unsigned(block_index, writer);
  writer.put(",\"record\":");
  append_unsigned(record_index, writer);
  if (source) {
    writer.put(",\"sac\":");
    append_unsigned(source->sac, writer);
    writer.put(",\"sic\":");
    append_unsigned(source->sic, writer);
  } else {
    writer.put(",\"sac\":null,\"sic\":null");
  }
  writer.put(",\"items\":{");
  const Keys& k = keys();
  bool first = true;
  for (const DecodedItem& item : record.items) {
    if (!first) writer.put(',');
    first = false;
    k.item(item.item, writer);
    write_item(record, item, writer);
  }
  writer.put("}}\n");
  writer.flush();
}

}  // namespace straja::asterix
