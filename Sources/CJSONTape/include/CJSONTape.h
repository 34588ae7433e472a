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

/// Parses `length` bytes with this thread's parser. Returns 0 and fills `out` (valid until this
/// thread parses again) for a JSON text simdjson accepts; anything else (an error, a text deeper
/// than `max_depth`, a document larger than `max_bytes`) returns nonzero.
int cjt_parse(const uint8_t *bytes, size_t length, size_t max_depth, size_t max_bytes, cjt_tape *out);

#ifdef __cplusplus
}
#endif

#endif
