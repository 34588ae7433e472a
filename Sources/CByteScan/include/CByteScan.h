#ifndef C_BYTE_SCAN_H
#define C_BYTE_SCAN_H

// Byte-class searches for the JSON scanner, written with SSE2 (part of every x86-64) so that a
// short string is found in one compare per 16 bytes instead of a byte loop whose exit the branch
// predictor cannot learn. `static inline` so that Swift inlines them at the call site; other
// architectures get the same answers from a portable word-at-a-time loop.

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// The index of the first byte at or after `from` (and before `count`) that ends a run of plain
/// string content: a quote, a backslash, a control byte (below 0x20) or a non-ASCII byte (0x80
/// and up); `count` when there is none.
static inline size_t cbs_first_string_stop(const uint8_t *base, size_t from, size_t count) {
    size_t i = from;
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8(0x22);
    const __m128i backslash = _mm_set1_epi8(0x5C);
    const __m128i space = _mm_set1_epi8(0x20);
    while (i + 16 <= count) {
        __m128i bytes = _mm_loadu_si128((const __m128i *)(base + i));
        // Signed, so 0x80 and up count as below 0x20 too.
        __m128i stops = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)),
                                     _mm_cmplt_epi8(bytes, space));
        unsigned mask = (unsigned)_mm_movemask_epi8(stops);
        if (mask != 0) return i + (size_t)__builtin_ctz(mask);
        i += 16;
    }
#else
    const uint64_t ones = 0x0101010101010101ULL;
    const uint64_t highs = 0x8080808080808080ULL;
    while (i + 8 <= count) {
        uint64_t word;
        memcpy(&word, base + i, 8);
        uint64_t quote = word ^ (ones * 0x22);
        uint64_t backslash = word ^ (ones * 0x5C);
        uint64_t flagged = (((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) | (word - ones * 0x20) | word) & highs;
        if (flagged != 0) return i + ((size_t)__builtin_ctzll(flagged) >> 3);
        i += 8;
    }
#endif
    while (i < count) {
        uint8_t byte = base[i];
        if (byte == 0x22 || byte == 0x5C || byte < 0x20 || byte >= 0x80) return i;
        i += 1;
    }
    return i;
}

#endif
