#include "asterix/decode_error.h"

#include <cstdio>

namespace straja::asterix {

std::string_view to_string(DecodeErrorKind kind) {
  switch (kind) {
    case DecodeErrorKind::kTruncatedBlock:
      return "truncated block";
    case DecodeErrorKind::kBadBlockLength:
      return "block length below 3";
    case DecodeErrorKind::kUnknownCategory:
      return "unknown category";
    case DecodeErrorKind::kTruncatedRecord:
      return "truncated record (items run past the block)";
    case DecodeErrorKind::kFspecBeyondDefinition:
      return "FSPEC names an FRN the UAP does not define";
    case DecodeErrorKind::kCompoundBeyondDefinition:
      return "compound FSPEC names an undefined subfield";
    case DecodeErrorKind::kBadExplicitLength:
      return "explicit item length 0";
    case DecodeErrorKind::kUnsupportedField:
      return "random field sequencing not supported";
    case DecodeErrorKind::kEmptyRecord:
      return "record with an empty FSPEC";
  }
  return "decode error";
}

std::string DecodeError::describe() const {
  char prefix[32];
  std::snprintf(prefix, sizeof prefix, "CAT%03d", category);
  std::string text = prefix;
  if (!item.empty()) {
    text += " I";
    text += item;
  }
  text += ": ";
  text += to_string(kind);
  text += " at byte " + std::to_string(offset);
  return text;
}

Error DecodeError::to_error() const {
  ErrorCode code = ErrorCode::kInvalidValue;
  if (kind == DecodeErrorKind::kTruncatedBlock || kind == DecodeErrorKind::kTruncatedRecord) {
    code = ErrorCode::kTruncated;
  } else if (kind == DecodeErrorKind::kUnknownCategory) {
    code = ErrorCode::kUnknownCategory;
  }
  return make_error(code, describe(), offset);
}

}  // namespace straja::asterix
