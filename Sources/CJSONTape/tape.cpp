#include "CJSONTape.h"

#include <simdjson.h>

#include <cstring>
#include <vector>

namespace {
// One parser per thread: it keeps its buffers between documents, and an event loop's
// documents are parsed on its own thread.
thread_local simdjson::dom::parser parser;
// simdjson reads up to SIMDJSON_PADDING bytes past the end: a document without that much
// allocated room behind it is copied here first (a memcpy, where parse(…, true) would allocate
// a padded copy every time).
thread_local std::vector<uint8_t> padded;
static_assert(simdjson::SIMDJSON_PADDING <= CJT_PADDING, "CJT_PADDING must cover simdjson's padding");
}

extern "C" int cjt_parse(const uint8_t *bytes, size_t length, size_t allocated, size_t max_depth, size_t max_bytes, cjt_tape *out) {
    if (length > max_bytes) return 1;
    if (parser.max_depth() != max_depth || parser.capacity() < length) {
        // Capacity rounded up so that similar sizes share one allocation.
        size_t capacity = length < 4096 ? 4096 : length + length / 2;
        if (capacity > max_bytes) capacity = max_bytes;
        if (parser.allocate(capacity, max_depth) != simdjson::SUCCESS) return 1;
    }
    const uint8_t *text = bytes;
    if (allocated < length || allocated - length < simdjson::SIMDJSON_PADDING) {
        if (padded.size() < length + simdjson::SIMDJSON_PADDING) padded.resize(length + length / 2 + simdjson::SIMDJSON_PADDING);
        memcpy(padded.data(), bytes, length);
        memset(padded.data() + length, 0, simdjson::SIMDJSON_PADDING);
        text = padded.data();
    }
    simdjson::dom::element root;
    if (parser.parse(text, length, false).get(root) != simdjson::SUCCESS) return 1;
    const simdjson::dom::document &document = parser.doc;
    uint64_t first = document.tape[0];
    out->tape = document.tape.get();
    // The first root word holds the index just past the last one.
    out->count = (size_t)(first & 0x00FFFFFFFFFFFFFFULL);
    out->strings = document.string_buf.get();
    // Strings are written in tape order: the last one on the tape ends the buffer in use.
    out->strings_length = 0;
    for (size_t i = out->count; i-- > 0;) {
        uint64_t word = out->tape[i];
        if ((word >> 56) == '"') {
            size_t offset = (size_t)(word & 0x00FFFFFFFFFFFFFFULL);
            uint32_t length;
            memcpy(&length, out->strings + offset, sizeof length);
            out->strings_length = offset + sizeof length + length + 1;
            break;
        }
    }
    return 0;
}
