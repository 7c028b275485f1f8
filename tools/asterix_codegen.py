#!/usr/bin/python3
"""Generate Straja's compact ASTERIX definition tables from asterix-specs `.ast` files.

Usage:
    tools/asterix_codegen.py [--specs DIR] [--out DIR]

Defaults: --specs ../shared/specs/asterix-specs (relative to the repository root),
--out src/asterix/generated. Writes `asterix_tables.cpp` (the tables behind
src/asterix/spec.h). The output is committed, so building never needs the specs.

Editions the specs lack are described by the project in tools/asterix_editions/*.edition: each names
a base edition from the specs and lists what differs (see that folder's README).

Python 3 standard library only.
"""

import argparse
import os
import re
import sys
from fractions import Fraction

CATEGORIES = (1, 2, 21, 34, 48, 62, 65)

# (category, item, element): flight levels that some .ast editions mark unsigned by mistake.
# Every edition of these categories codes them in two's complement, and real recordings carry
# negative flight levels.
FORCED_SIGNED = {(48, "090", "FL")}


# --------------------------------------------------------------------------------------------
# .ast text -> indentation tree


class Line:
    def __init__(self, text, number):
        self.text = text
        self.number = number
        self.children = []

    def words(self):
        return self.text.split()


TEXT_BLOCKS = {"definition", "remark", "description", "preamble", "note"}


def indentation_tree(lines, root_text):
    """Nests non-blank lines under the nearest less-indented line; returns the root Line."""
    root = Line(root_text, 0)
    stack = [(-1, root)]
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        line = Line(raw.strip(), number)
        while stack[-1][0] >= indent:
            stack.pop()
        stack[-1][1].children.append(line)
        stack.append((indent, line))
    return root


def parse_tree(path):
    with open(path, encoding="utf-8") as handle:
        return indentation_tree(handle, "<root>")


def structural(children):
    """Children without free-text blocks."""
    return [c for c in children if c.words()[0] not in TEXT_BLOCKS]


# --------------------------------------------------------------------------------------------
# Variation model


class Content:
    def __init__(self, kind, lsb=Fraction(1), unit="", cases=None, dependency=""):
        self.kind = kind  # raw table uquantity squantity uinteger sinteger ascii icao octal bds dependent
        self.lsb = lsb
        self.unit = unit
        self.cases = cases or []  # [(value or None for default, Content)]
        self.dependency = dependency


class Node:
    def __init__(self, kind, name="", bits=0, content=None, children=None, counter=0):
        self.kind = kind  # element spare group extended fx repetitive repetitive_fx compound empty explicit
        self.name = name
        self.bits = bits
        self.content = content
        self.children = children or []
        self.counter = counter  # repetitive: counter bytes


def parse_fraction(text):
    def number(part):
        if "^" in part:
            base, power = part.split("^")
            return Fraction(int(base)) ** int(power)
        return Fraction(part)

    if "/" in text:
        numerator, denominator = text.split("/", 1)
        return number(numerator) / number(denominator)
    return number(text)


def parse_content(line, where):
    words = line.words()
    head = words[0]
    if head == "raw":
        return Content("raw")
    if head == "table":
        return Content("table")
    if head == "bds":
        return Content("bds")
    if head == "string":
        return Content({"ascii": "ascii", "icao": "icao", "octal": "octal"}[words[1]])
    if head in ("signed", "unsigned"):
        signed = head == "signed"
        if words[1] == "integer":
            return Content("sinteger" if signed else "uinteger")
        if words[1] == "quantity":
            unit = re.search(r'"([^"]*)"', line.text)
            return Content("squantity" if signed else "uquantity", lsb=parse_fraction(words[2]),
                           unit=unit.group(1) if unit else "")
    if head == "case":
        cases = []
        for case in line.children:
            label = case.text.rstrip(":")
            inner = parse_content(case.children[0], where)
            cases.append((None if label == "default" else int(label), inner))
        return Content("dependent", cases=cases, dependency=words[1])
    raise SystemExit(f"{where}: line {line.number}: unknown content '{line.text}'")


def parse_variation(line, where):
    """A variation line (element/group/extended/...) with its children."""
    words = line.words()
    head = words[0]
    kids = structural(line.children)
    if head == "element":
        return Node("element", bits=int(words[1]), content=parse_content(kids[0], where) if kids else Content("raw"))
    if head == "group":
        return Node("group", children=[parse_subitem(k, where) for k in kids])
    if head == "extended":
        children = []
        for k in kids:
            children.append(Node("fx", bits=1) if k.text == "-" else parse_subitem(k, where))
        return Node("extended", children=children)
    if head == "repetitive":
        inner = parse_variation(kids[0], where)
        if words[1] == "fx":
            return Node("repetitive_fx", children=[inner])
        return Node("repetitive", counter=int(words[1]), children=[inner])
    if head == "compound":
        children = []
        for k in kids:
            children.append(Node("empty") if k.text == "-" else parse_subitem(k, where))
        return Node("compound", children=children)
    if head == "explicit":
        return Node("explicit", name=words[1] if len(words) > 1 else "")
    raise SystemExit(f"{where}: line {line.number}: unknown variation '{line.text}'")


def parse_subitem(line, where):
    words = line.words()
    if words[0] == "spare":
        return Node("spare", bits=int(words[1]))
    name = words[0]
    kids = structural(line.children)
    if len(kids) != 1:
        raise SystemExit(f"{where}: line {line.number}: subitem {name} has {len(kids)} variations")
    node = parse_variation(kids[0], where)
    node.name = name
    return node


class Edition:
    def __init__(self, category, major, minor):
        self.category = category
        self.major = major
        self.minor = minor
        self.items = {}  # "010" -> Node (node.name = "010"), plus "SP"/"RE"
        self.titles = {}
        self.uaps = []  # [(name, [item or None])]
        self.selector = None  # (item, element, {value: uap index})
        self.expansion = None  # Node (compound) for the RE field
        self.expansion_edition = ""
        self.provenance = ""


def parse_category(path):
    tree = parse_tree(path)
    top = {}
    for line in tree.children:
        top.setdefault(line.words()[0], []).append(line)
    category = int(top["asterix"][0].words()[1])
    major, minor = (int(x) for x in top["edition"][0].words()[1].split("."))
    edition = Edition(category, major, minor)
    for item in structural(top["items"][0].children):
        name = item.words()[0]
        title = re.search(r'"([^"]*)"', item.text)
        node = parse_variation(structural(item.children)[0], f"{path}:{name}")
        node.name = name
        edition.items[name] = node
        edition.titles[name] = title.group(1) if title else ""
    if "uap" in top:
        edition.uaps.append(("", [parse_uap_entry(x) for x in top["uap"][0].children]))
    else:
        uaps = top["uaps"][0]
        for part in uaps.children:
            if part.words()[0] == "variations":
                for variation in part.children:
                    edition.uaps.append((variation.text, [parse_uap_entry(x) for x in variation.children]))
            elif part.words()[0] == "case":
                item, element = part.words()[1].split("/")
                names = [u[0] for u in edition.uaps]
                mapping = {}
                for case in part.children:
                    value, uap = case.text.split(":")
                    mapping[int(value)] = names.index(uap.strip())
                edition.selector = (item, element, mapping)
    edition.provenance = f"asterix-specs {os.path.relpath(path, os.path.dirname(os.path.dirname(path)))}"
    return edition


def parse_uap_entry(line):
    return None if line.text == "-" else line.text


def parse_expansion(path):
    tree = parse_tree(path)
    top = {line.words()[0]: line for line in tree.children}
    category = int(top["ref"].words()[1])
    version = top["edition"].words()[1]
    node = parse_variation(top["compound"], path)
    return category, version, node


# --------------------------------------------------------------------------------------------
# Editions written by the project (tools/asterix_editions/*.edition)


def apply_edition_file(path, editions, trees_by_key):
    """Creates an edition from a base edition plus the changes listed in `path`.

    Format (one directive a line, '#' comments):
        category 48
        edition 1.21
        base 1.27
        source <what the differences were taken from>
        uap 010 140 - SP RE ...      (optional: replaces the UAP)
        drop-item 120                (optional)
        item 090                     (optional: replaces an item; the indented .ast text follows)
    """
    import copy

    with open(path, encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    fields = {}
    uap = None
    drops = []
    replaced = {}
    index = 0
    while index < len(lines):
        text = lines[index]
        index += 1
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        words = text.split()
        if words[0] == "item":
            body = []
            while index < len(lines) and (lines[index].startswith(" ") or not lines[index].strip()):
                body.append(lines[index])
                index += 1
            replaced[words[1]] = "\n".join(body)
            continue
        if words[0] == "uap":
            uap = [None if w == "-" else w for w in words[1:]]
        elif words[0] == "drop-item":
            drops.append(words[1])
        else:
            fields[words[0]] = " ".join(words[1:])
    category = int(fields["category"])
    major, minor = (int(x) for x in fields["edition"].split("."))
    base_major, base_minor = (int(x) for x in fields["base"].split("."))
    base = editions[(category, base_major, base_minor)]
    edition = copy.deepcopy(base)
    edition.major, edition.minor = major, minor
    for name in drops:
        del edition.items[name]
    for name, body in replaced.items():
        root = indentation_tree(body.split("\n"), "<item>")
        node = parse_variation(structural(root.children)[0], f"{path}:{name}")
        node.name = name
        edition.items[name] = node
        edition.titles.setdefault(name, "")
    if uap is not None:
        edition.uaps = [("", uap)]
        edition.selector = None
    edition.provenance = (f"project-written ({os.path.basename(path)}): base {fields['base']}; "
                          f"{fields.get('source', '')}")
    return edition


# --------------------------------------------------------------------------------------------
# Checks and fixes


def fix_and_check(edition):
    for (category, item, element) in FORCED_SIGNED:
        if category != edition.category or item not in edition.items:
            continue
        for node in walk(edition.items[item]):
            if node.kind == "element" and node.name == element and node.content.kind == "uquantity":
                node.content.kind = "squantity"
    for name, node in edition.items.items():
        # 24-bit Mode S / target addresses are written as 6 hex digits, so mark them.
        title = edition.titles.get(name, "")
        for element in walk(node):
            if (element.kind == "element" and element.bits == 24 and element.content.kind == "raw"
                    and (element.name == "ADR" or (element is node and "Address" in title))):
                element.content.kind = "address"
        where = f"CAT{edition.category:03d} {edition.major}.{edition.minor} {name}"
        check_node(node, where)
        if node.kind in ("element", "group") and bit_size(node) % 8:
            raise SystemExit(f"{where}: item of {bit_size(node)} bits")


def walk(node):
    yield node
    for child in node.children:
        yield from walk(child)


def bit_size(node):
    """Fixed size in bits of element/spare/group; None when variable."""
    if node.kind in ("element", "spare", "fx"):
        return node.bits
    if node.kind == "group":
        total = 0
        for child in node.children:
            size = bit_size(child)
            if size is None:
                return None
            total += size
        return total
    return None


def check_node(node, where):
    if node.kind == "group" and bit_size(node) is None:
        raise SystemExit(f"{where}: group with variable part")
    if node.kind == "extended":
        bits = 0
        for child in node.children:
            size = bit_size(child)
            if size is None:
                raise SystemExit(f"{where}: extended with variable part")
            bits += size
            if child.kind == "fx" and bits % 8:
                raise SystemExit(f"{where}: FX not at an octet end")
    if node.kind in ("repetitive", "repetitive_fx"):
        size = bit_size(node.children[0])
        extra = 1 if node.kind == "repetitive_fx" else 0
        if size is None or (size + extra) % 8:
            raise SystemExit(f"{where}: repetitive element not octet-aligned")
    for child in node.children:
        check_node(child, where)


# --------------------------------------------------------------------------------------------
# C++ emission

NODE_KIND = {
    "element": "kElement", "spare": "kSpare", "group": "kGroup", "extended": "kExtended",
    "fx": "kFx", "repetitive": "kRepetitive", "repetitive_fx": "kRepetitiveFx",
    "compound": "kCompound", "empty": "kEmpty", "explicit": "kExplicit",
}
CONTENT_KIND = {
    "raw": "kRaw", "table": "kTable", "uquantity": "kUnsignedQuantity",
    "squantity": "kSignedQuantity", "uinteger": "kUnsignedInteger", "sinteger": "kSignedInteger",
    "ascii": "kAscii", "icao": "kIcao", "octal": "kOctal", "bds": "kBds", "dependent": "kDependent",
    "address": "kAddress",
}


def cpp_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def cpp_double(fraction):
    value = float(fraction)
    return repr(value) if "e" in repr(value) or "." in repr(value) else repr(value) + ".0"


class Emitter:
    def __init__(self):
        self.nodes = []  # rendered lines
        self.cases = []

    def emit(self, node):
        index = len(self.nodes)
        self.nodes.append(None)
        self.fill(index, node)
        return index

    def fill(self, index, node):
        first = len(self.nodes)
        self.nodes.extend([None] * len(node.children))
        for offset, child in enumerate(node.children):
            self.fill(first + offset, child)
        content = node.content or Content("raw")
        case_begin = len(self.cases)
        for value, inner in content.cases:
            self.cases.append(
                f"    {{{-1 if value is None else value}, ContentKind::{CONTENT_KIND[inner.kind]}, "
                f"{cpp_double(inner.lsb)}, {cpp_string(inner.unit)}}},")
        size = bit_size(node)
        self.nodes[index] = (
            f"    {{NodeKind::{NODE_KIND[node.kind]}, ContentKind::{CONTENT_KIND[content.kind]}, "
            f"{node.bits if node.kind in ('element', 'spare', 'fx') else node.counter}, "
            f"{size if size is not None else 0}, {first}, {len(node.children)}, "
            f"{case_begin}, {len(content.cases)}, {cpp_string(node.name)}, "
            f"{cpp_string(content.dependency.split('/')[-1])}, {cpp_double(content.lsb)}, "
            f"{cpp_string(content.unit)}}},")


def generate(editions, expansions, out_dir):
    emitter = Emitter()
    item_lines = []
    uap_lines = []
    edition_lines = []
    for key in sorted(editions):
        edition = editions[key]
        item_begin = len(item_lines)
        names = list(edition.items)
        for name in names:
            root = emitter.emit(edition.items[name])
            item_lines.append(f"    {{{cpp_string(name)}, {cpp_string(edition.titles.get(name, ''))}, {root}}},")
        uap_begin = len(uap_lines)
        uap_length = max(len(entries) for _, entries in edition.uaps)
        for _, entries in edition.uaps:
            entries = entries + [None] * (uap_length - len(entries))
            for entry in entries:
                if entry is None:
                    uap_lines.append("    kNoItem,")
                elif entry == "rfs":
                    uap_lines.append("    kRfsItem,")
                else:
                    uap_lines.append(f"    {item_begin + names.index(entry)},")
        selector_item, selector_element, selector_values = -1, "", [0, 0]
        if edition.selector:
            selector_item = item_begin + names.index(edition.selector[0])
            selector_element = edition.selector[1]
            mapping = edition.selector[2]
            selector_values = [mapping.get(0, 0), mapping.get(1, 0)]
        expansion_root = -1
        expansion_edition = ""
        if edition.expansion is not None:
            expansion_root = emitter.emit(edition.expansion)
            expansion_edition = edition.expansion_edition
        edition_lines.append(
            f"    {{{edition.category}, {edition.major}, {edition.minor}, {item_begin}, {len(names)}, "
            f"{uap_begin}, {uap_length}, {len(edition.uaps)}, {selector_item}, "
            f"{cpp_string(selector_element)}, {{{selector_values[0]}, {selector_values[1]}}}, "
            f"{expansion_root}, {cpp_string(expansion_edition)}, {cpp_string(edition.provenance)}}},")
    text = [
        "// Generated by tools/asterix_codegen.py from asterix-specs (BSD-3-Clause) and the project's",
        "// own edition files in tools/asterix_editions/. Do not edit; regenerate.",
        "// clang-format off",
        "",
        '#include "asterix/spec.h"',
        "",
        "namespace straja::asterix::spec {",
        "namespace {",
        "",
        f"constexpr Node kNodes[] = {{",
        *emitter.nodes,
        "};",
        "",
        f"constexpr Case kCases[] = {{",
        *(emitter.cases or ["    {-1, ContentKind::kRaw, 1.0, \"\"},"]),
        "};",
        "",
        f"constexpr Item kItems[] = {{",
        *item_lines,
        "};",
        "",
        f"constexpr std::int32_t kUapEntries[] = {{",
        *uap_lines,
        "};",
        "",
        f"constexpr EditionTable kEditions[] = {{",
        *edition_lines,
        "};",
        "",
        "}  // namespace",
        "",
        "const Tables& tables() {",
        "  static const Tables instance{kNodes, kCases, kItems, kUapEntries, kEditions};",
        "  return instance;",
        "}",
        "",
        "}  // namespace straja::asterix::spec",
        "",
    ]
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "asterix_tables.cpp"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(text))


# Reserved Expansion definitions: which `ref-*.ast` edition applies to which category editions.
# The RE field of older editions follows older appendices that the specs do not carry; those stay
# undecoded ({"hex": ...}) rather than being read with a definition that may not match.
EXPANSION_FOR = {
    48: ((1, 27), "1.11"),
    21: ((2, 1), "1.5"),
    62: ((1, 16), "1.3"),
}


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--specs", default=os.path.join(root, "..", "shared", "specs", "asterix-specs"))
    parser.add_argument("--out", default=os.path.join(root, "src", "asterix", "generated"))
    args = parser.parse_args()

    editions = {}
    expansions = {}
    for category in CATEGORIES:
        folder = os.path.join(args.specs, f"cat{category:03d}")
        for name in sorted(os.listdir(folder)):
            path = os.path.join(folder, name)
            if name.startswith("cat-") and name.endswith(".ast"):
                edition = parse_category(path)
                editions[(edition.category, edition.major, edition.minor)] = edition
            elif name.startswith("ref-") and name.endswith(".ast"):
                cat, version, node = parse_expansion(path)
                expansions[(cat, version)] = node
    edition_dir = os.path.join(root, "tools", "asterix_editions")
    for name in sorted(os.listdir(edition_dir)):
        if name.endswith(".edition"):
            edition = apply_edition_file(os.path.join(edition_dir, name), editions, None)
            editions[(edition.category, edition.major, edition.minor)] = edition
    for edition in editions.values():
        fix_and_check(edition)
        rule = EXPANSION_FOR.get(edition.category)
        if rule and (edition.major, edition.minor) >= rule[0] and (edition.category, rule[1]) in expansions:
            edition.expansion = expansions[(edition.category, rule[1])]
            edition.expansion_edition = rule[1]
    generate(editions, expansions, args.out)
    print(f"{len(editions)} editions written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
