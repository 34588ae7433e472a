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
/// SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_COMPRESSION (macros of macros).
uint64_t shim_server_options(void);
/// SSL_CTX_set_mode is a macro.
long shim_SSL_CTX_set_mode(SSL_CTX *ctx, long mode);
/// SSL_CTX_set_session_cache_mode is a macro.
long shim_SSL_CTX_set_session_cache_mode(SSL_CTX *ctx, long mode);
/// SSL_CTX_set_read_ahead is a macro.
void shim_SSL_CTX_set_read_ahead(SSL_CTX *ctx, int yes);
/// SSL_CTX_sess_set_cache_size is a macro.
long shim_SSL_CTX_sess_set_cache_size(SSL_CTX *ctx, long size);
/// SSL_CTX_set1_groups_list is a macro.
int shim_SSL_CTX_set1_groups_list(SSL_CTX *ctx, const char *list);
/// SSL_session_reused is a macro in some OpenSSL versions.
int shim_SSL_session_reused(SSL *ssl);

/// Installs an ALPN selection callback that picks `http/1.1` when the client offers it and
/// otherwise continues without ALPN. It never selects `h2`: kube-apiserver offers h2 first
/// and would then speak HTTP/2, which this server does not.
void shim_SSL_CTX_select_http11(SSL_CTX *ctx);
/// The selected ALPN protocol of a connection, copied into `out` (at most `cap` bytes); returns its length.
int shim_SSL_get_alpn_selected(SSL *ssl, char *out, int cap);

/// Seconds since the epoch of a certificate's notAfter, or -1.
int64_t shim_X509_not_after_epoch(X509 *cert);

/// The error queue's first error as text in `out`; clears the queue.
void shim_ssl_error_string(char *out, size_t cap);

// epoll without its packed struct: Swift cannot lay out `struct epoll_event` on x86_64.
int shim_epoll_create(void);
/// Adds (`op` 1), modifies (2) or deletes (3) interest in `fd`; `data` comes back from wait.
int shim_epoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t data);
/// Waits; fills `datas`/`events` with up to `max` ready entries; returns the count or -1.
int shim_epoll_wait(int epfd, uint64_t *datas, uint32_t *events, int max, int timeout_ms);

extern const uint32_t shim_EPOLLIN;
extern const uint32_t shim_EPOLLOUT;
extern const uint32_t shim_EPOLLERR;
extern const uint32_t shim_EPOLLHUP;
extern const uint32_t shim_EPOLLRDHUP;
extern const uint32_t shim_EPOLLEXCLUSIVE;

/// A non-blocking, close-on-exec eventfd.
int shim_eventfd(void);
/// Adds 1 to the eventfd's counter (wakes its reader).
void shim_eventfd_signal(int fd);
/// Resets the eventfd's counter.
void shim_eventfd_drain(int fd);

/// accept4 with SOCK_NONBLOCK | SOCK_CLOEXEC; the peer address is not returned.
int shim_accept(int fd);
/// A non-blocking, close-on-exec TCP socket of `family`.
int shim_tcp_socket(int family);
/// Sets an int socket option; returns 0 or -1.
int shim_setsockopt_int(int fd, int level, int name, int value);
/// Binds to an IPv4 (`family` AF_INET) or IPv6 address given as text, and `port`.
/// Returns 0, or -1 with errno set (EINVAL for an unparsable address).
int shim_bind(int fd, int family, const char *address, uint16_t port);
/// The port a socket is bound to, or -1.
int shim_local_port(int fd);
/// The peer's address as text into `out`.
void shim_peer_address(int fd, char *out, size_t cap);
/// Connects (blocking) to `address`:`port`; for test clients. Returns the fd or -1.
int shim_connect_tcp(const char *address, uint16_t port);
/// Sets SO_RCVTIMEO/SO_SNDTIMEO in milliseconds.
int shim_set_timeouts(int fd, int millis);
/// Monotonic clock in nanoseconds.
uint64_t shim_monotonic_ns(void);
/// Wall clock: seconds and nanoseconds since the epoch.
void shim_realtime(int64_t *seconds, int32_t *nanos);

extern const int shim_SOL_SOCKET;
extern const int shim_SO_REUSEADDR;
extern const int shim_SO_REUSEPORT;
extern const int shim_IPPROTO_TCP;
extern const int shim_TCP_NODELAY;
extern const int shim_TCP_DEFER_ACCEPT;
extern const int shim_IPPROTO_IPV6;
extern const int shim_IPV6_V6ONLY;
extern const int shim_AF_INET;
extern const int shim_AF_INET6;
extern const int shim_SHUT_WR;


/// An inotify instance (non-blocking, close-on-exec), or -1.
int shim_inotify_init(void);
/// Watches a directory for entries written, moved, created, deleted or changed; returns the watch or -1.
int shim_inotify_watch(int fd, const char *path);
/// Reads and discards pending events; returns how many bytes were read (0 if none).
int shim_inotify_drain(int fd);

#endif
