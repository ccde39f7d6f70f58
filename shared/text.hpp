#pragma once
// Text splices on UTF-8 strings, counted in Unicode code points so that no edit can split
// a multi-byte sequence (ë, é, ‘ and friends are common in Dutch text).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace jos::shared {

// Replace `del` code points at code point `pos` with `ins`.
struct splice {
  std::size_t pos = 0;
  std::size_t del = 0;
  std::string ins;
  bool operator==(const splice&) const = default;
};

// True if s is well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
bool valid_utf8(std::string_view s);

// True if s holds only text a person types: no control characters except \n and \t.
bool printable_text(std::string_view s);

// True if well-formed UTF-8 `s` holds a character that shows nothing yet changes or hides
// the text around it: C1 controls (U+0085 …), line and paragraph separators, zero-width
// spaces and joiners, direction marks and overrides, the byte order mark, variation
// selectors, fillers, tags. A name with one looks like another name, or like nothing.
bool has_invisible(std::string_view s);

// Number of code points in well-formed UTF-8.
std::size_t code_points(std::string_view s);

// Byte offset of code point index `cp` (clamped to s.size()).
std::size_t byte_offset(std::string_view s, std::size_t cp);

// Applies a splice that fits (pos + del <= code_points(text)); the caller validates.
void apply_splice(std::string& text, const splice& s);

// The splice that turns `before` into `after` (common prefix and suffix), used by the
// client to turn an edit buffer into an operation without diffing whole texts on the wire.
splice diff_splice(std::string_view before, std::string_view after);

// The splices, applied in order, that turn `before` into `after` with as few code points
// deleted and inserted as possible (a shortest edit script, Myers' algorithm), so that
// edits far apart stay apart instead of one splice replacing all the text between them.
// Past `max_changes` deleted plus inserted code points it settles for diff_splice.
std::vector<splice> diff_splices(std::string_view before, std::string_view after,
                                 std::size_t max_changes = 256);

// Operational transformation of two splices made against the same text: returns `a`
// rewritten to apply after `b`, as splices applied in order (a deletion that straddles b's
// insertion becomes two). When both touch one position, `a_first` decides whose insert
// comes first; the other side passes the opposite, so every replica orders them alike.
std::vector<splice> transform(const splice& a, const splice& b, bool a_first);

// Sequences of splices (each applied after the previous) transformed against each other:
// returns {a', b'} with a' applying after b and b' after a, so both orders converge.
struct transformed {
  std::vector<splice> a;
  std::vector<splice> b;
};
transformed transform(std::vector<splice> a, std::vector<splice> b, bool a_first);

}  // namespace jos::shared
