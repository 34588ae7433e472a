#ifndef C_SYSTEM_SHIM_H
#define C_SYSTEM_SHIM_H
// Wrappers for OpenSSL macros and Linux calls that Swift cannot import as they are.
#include <stdint.h>
#include <stddef.h>
#include <openssl/ssl.h>

/// SSL_CTX_set_min_proto_version is a macro.
int shim_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version);
/// SSL_CTX_set_max_proto_version is a macro.
int shim_SSL_CTX_set_max_proto_version(SSL_CTX *ctx, int version);
/// SSL_set_tlsext_host_name is a macro.
int shim_SSL_set_tlsext_host_name(SSL *ssl, const char *name);
/// SSL_CTX_set_options takes and returns a uint64_t in OpenSSL 3.
uint64_t shim_SSL_CTX_set_options(SSL_CTX *ctx, uint64_t options);
/// SSL_CTX_set_mode is a macro.
long shim_SSL_CTX_set_mode(SSL_CTX *ctx, long mode);
/// SSL_CTX_set_session_cache_mode is a macro.
long shim_SSL_CTX_set_session_cache_mode(SSL_CTX *ctx, long mode);

#endif
