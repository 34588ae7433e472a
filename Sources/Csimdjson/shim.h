// simdjson is C++: its header is included by the CJSONTape target only. This module brings the
// library's compiler and linker flags (pkg-config simdjson).
