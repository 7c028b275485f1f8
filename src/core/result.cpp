#include "core/result.h"

#include <string>

namespace straja {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::kTruncated:
      return "truncated";
    case ErrorCode::kInvalidValue:
      return "invalid value";
    case ErrorCode::kUnknownCategory:
      return "unknown category";
    case ErrorCode::kUnsupportedEdition:
      return "unsupported edition";
    case ErrorCode::kParse:
      return "parse error";
    case ErrorCode::kIo:
      return "I/O error";
    case ErrorCode::kNotFound:
      return "not found";
    case ErrorCode::kOutOfRange:
      return "out of range";
  }
  return "error";
}

std::string Error::describe() const {
  std::string text(to_string(code));
  text += ": ";
  text += message;
  if (offset != 0) {
    text += " (at offset ";
    text += std::to_string(offset);
    text += ')';
  }
  return text;
}

}  // namespace straja
