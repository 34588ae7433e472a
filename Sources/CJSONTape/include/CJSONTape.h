#ifndef C_JSON_TAPE_H
#define C_JSON_TAPE_H

// A C view of simdjson's DOM parser for Swift: one call validates a JSON text and returns its
// tape (https://github.com/simdjson/simdjson/blob/master/doc/tape.md). Each tape word holds a type
// byte in its top 8 bits and a payload in the low 56: `{`/`[` the index after the matching
// `}`/`]` (low 32 bits); `"` the offset of [u32 little-endian length][bytes][NUL] in `strings`;
// `l`/`u`/`d` a number whose value is the next word; `t`, `f`, `n` nothing; `r` at both ends.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    const uint64_t *tape;
    /// Words in `tape`, both root words included.
    size_t count;
    const uint8_t *strings;
    /// Bytes of `strings` in use (up to the last string's NUL).
    size_t strings_length;
} cjt_tape;

/// simdjson reads up to this many bytes past the end of a text (their values do not matter).
#define CJT_PADDING 64

/// Parses `length` bytes with this thread's parser. `allocated` is how many bytes from `bytes`
/// may be read: with at least `CJT_PADDING` past the text, it is parsed where it is; otherwise
/// it is copied first. Returns 0 and fills `out` (valid until this thread parses again) for a
/// JSON text simdjson accepts; anything else (an error, a text deeper than `max_depth`, a
/// document larger than `max_bytes`) returns nonzero.
int cjt_parse(const uint8_t *bytes, size_t length, size_t allocated, size_t max_depth, size_t max_bytes, cjt_tape *out);

#ifdef __cplusplus
}
#endif

#endif
