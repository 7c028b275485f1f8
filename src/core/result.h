#pragma once
// Result<T>: a value or a typed Error, for decoders, parsers and I/O that must never throw on bad
// input. Callers test ok() (or the bool conversion) before value(); value() on an error is a
// programmer error and asserts.

#include <cassert>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace straja {

enum class ErrorCode {
  kTruncated,           ///< input ended before a complete unit (block, record, item, line)
  kInvalidValue,        ///< a field holds a value outside its domain
  kUnknownCategory,     ///< an ASTERIX category with no definition
  kUnsupportedEdition,  ///< a known category, but an edition we do not implement
  kParse,               ///< text that does not follow its grammar (CSV, YAML, numbers, dates)
  kIo,                  ///< the operating system refused (open, read, bind, send)
  kNotFound,            ///< a named thing (file, scenario, sensor) does not exist
  kOutOfRange,          ///< a number outside what the caller accepts
};

std::string_view to_string(ErrorCode code);

/// What went wrong, where (a byte offset or a line; whichever the producer knows), and a message a
/// user can act on.
struct Error {
  ErrorCode code = ErrorCode::kInvalidValue;
  std::string message;
  std::size_t offset = 0;  ///< byte offset into the input, or line number for text; 0 if unknown

  /// "kind: message" (with "at offset N" when known).
  std::string describe() const;
};

inline Error make_error(ErrorCode code, std::string message, std::size_t offset = 0) {
  return Error{code, std::move(message), offset};
}

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(state_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const {
    assert(!ok());
    return std::get<1>(state_);
  }

  T value_or(T fallback) const& { return ok() ? std::get<0>(state_) : std::move(fallback); }

 private:
  std::variant<T, Error> state_;
};

/// Result<void>: success or an Error.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const {
    assert(!ok_);
    return error_;
  }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace straja
