#pragma once
// Text placed in HTML or SVG documents the project writes (reports, maps).

#include <string>
#include <string_view>

namespace straja::io {

/// `text` with &, <, > and " replaced by their character references: safe as element content
/// and inside double-quoted attribute values.
std::string escape_html(std::string_view text);

}  // namespace straja::io
