#define _GNU_SOURCE
#include "CSystemShim.h"
#include <errno.h>
#include <string.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/inotify.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/asn1.h>

int shim_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version) { return (int)SSL_CTX_set_min_proto_version(ctx, version); }
int shim_SSL_CTX_set_max_proto_version(SSL_CTX *ctx, int version) { return (int)SSL_CTX_set_max_proto_version(ctx, version); }
int shim_SSL_set_tlsext_host_name(SSL *ssl, const char *name) { return (int)SSL_set_tlsext_host_name(ssl, name); }
uint64_t shim_SSL_CTX_set_options(SSL_CTX *ctx, uint64_t options) { return (uint64_t)SSL_CTX_set_options(ctx, options); }
uint64_t shim_server_options(void) { return (uint64_t)(SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_COMPRESSION); }
long shim_SSL_CTX_set_mode(SSL_CTX *ctx, long mode) { return SSL_CTX_set_mode(ctx, mode); }
long shim_SSL_CTX_set_session_cache_mode(SSL_CTX *ctx, long mode) { return SSL_CTX_set_session_cache_mode(ctx, mode); }
void shim_SSL_CTX_set_read_ahead(SSL_CTX *ctx, int yes) { SSL_CTX_set_read_ahead(ctx, yes); }
long shim_SSL_CTX_sess_set_cache_size(SSL_CTX *ctx, long size) { return SSL_CTX_sess_set_cache_size(ctx, size); }
int shim_SSL_CTX_set1_groups_list(SSL_CTX *ctx, const char *list) { return (int)SSL_CTX_set1_groups_list(ctx, list); }
int shim_SSL_session_reused(SSL *ssl) { return (int)SSL_session_reused(ssl); }

static const unsigned char http11[] = "http/1.1";

static int select_http11(SSL *ssl, const unsigned char **out, unsigned char *outlen,
                         const unsigned char *in, unsigned int inlen, void *arg) {
    (void)ssl; (void)arg;
    unsigned int i = 0;
    while (i < inlen) {
        unsigned int len = in[i];
        if (i + 1 + len > inlen) break;
        if (len == 8 && memcmp(in + i + 1, http11, 8) == 0) {
            *out = in + i + 1;
            *outlen = 8;
            return SSL_TLSEXT_ERR_OK;
        }
        i += 1 + len;
    }
    return SSL_TLSEXT_ERR_NOACK;
}

void shim_SSL_CTX_select_http11(SSL_CTX *ctx) { SSL_CTX_set_alpn_select_cb(ctx, select_http11, NULL); }

int shim_SSL_get_alpn_selected(SSL *ssl, char *out, int cap) {
    const unsigned char *data = NULL;
    unsigned int len = 0;
    SSL_get0_alpn_selected(ssl, &data, &len);
    if (data == NULL || cap <= 0) return 0;
    if ((int)len > cap) len = (unsigned int)cap;
    memcpy(out, data, len);
    return (int)len;
}

int64_t shim_X509_not_after_epoch(X509 *cert) {
    const ASN1_TIME *t = X509_get0_notAfter(cert);
    struct tm tm;
    if (t == NULL || ASN1_TIME_to_tm(t, &tm) != 1) return -1;
    return (int64_t)timegm(&tm);
}

void shim_ssl_error_string(char *out, size_t cap) {
    unsigned long e = ERR_get_error();
    if (cap == 0) return;
    if (e == 0) { out[0] = 0; } else { ERR_error_string_n(e, out, cap); }
    ERR_clear_error();
}

int shim_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

int shim_epoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t data) {
    struct epoll_event ev;
    memset(&ev, 0, sizeof ev);
    ev.events = events;
    ev.data.u64 = data;
    int cop = op == 1 ? EPOLL_CTL_ADD : op == 2 ? EPOLL_CTL_MOD : EPOLL_CTL_DEL;
    return epoll_ctl(epfd, cop, fd, &ev);
}

int shim_epoll_wait(int epfd, uint64_t *datas, uint32_t *events, int max, int timeout_ms) {
    struct epoll_event evs[256];
    if (max > 256) max = 256;
    int n = epoll_wait(epfd, evs, max, timeout_ms);
    for (int i = 0; i < n; i++) { datas[i] = evs[i].data.u64; events[i] = evs[i].events; }
    return n;
}

const uint32_t shim_EPOLLIN = EPOLLIN;
const uint32_t shim_EPOLLOUT = EPOLLOUT;
const uint32_t shim_EPOLLERR = EPOLLERR;
const uint32_t shim_EPOLLHUP = EPOLLHUP;
const uint32_t shim_EPOLLRDHUP = EPOLLRDHUP;
const uint32_t shim_EPOLLEXCLUSIVE = EPOLLEXCLUSIVE;

int shim_eventfd(void) { return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC); }
void shim_eventfd_signal(int fd) { uint64_t one = 1; ssize_t r = write(fd, &one, sizeof one); (void)r; }
void shim_eventfd_drain(int fd) { uint64_t v; ssize_t r = read(fd, &v, sizeof v); (void)r; }

int shim_accept(int fd) { return accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC); }
int shim_tcp_socket(int family) { return socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0); }
int shim_setsockopt_int(int fd, int level, int name, int value) { return setsockopt(fd, level, name, &value, sizeof value); }

int shim_bind(int fd, int family, const char *address, uint16_t port) {
    if (family == AF_INET) {
        struct sockaddr_in sa;
        memset(&sa, 0, sizeof sa);
        sa.sin_family = AF_INET;
        sa.sin_port = htons(port);
        if (inet_pton(AF_INET, address, &sa.sin_addr) != 1) { errno = EINVAL; return -1; }
        return bind(fd, (struct sockaddr *)&sa, sizeof sa);
    }
    struct sockaddr_in6 sa6;
    memset(&sa6, 0, sizeof sa6);
    sa6.sin6_family = AF_INET6;
    sa6.sin6_port = htons(port);
    if (inet_pton(AF_INET6, address, &sa6.sin6_addr) != 1) { errno = EINVAL; return -1; }
    return bind(fd, (struct sockaddr *)&sa6, sizeof sa6);
}

int shim_local_port(int fd) {
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    if (getsockname(fd, (struct sockaddr *)&ss, &len) != 0) return -1;
    if (ss.ss_family == AF_INET) return ntohs(((struct sockaddr_in *)&ss)->sin_port);
    if (ss.ss_family == AF_INET6) return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
    return -1;
}

void shim_peer_address(int fd, char *out, size_t cap) {
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    if (cap == 0) return;
    out[0] = 0;
    if (getpeername(fd, (struct sockaddr *)&ss, &len) != 0) return;
    char host[INET6_ADDRSTRLEN] = {0};
    int port = 0;
    if (ss.ss_family == AF_INET) {
        inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, host, sizeof host);
        port = ntohs(((struct sockaddr_in *)&ss)->sin_port);
    } else if (ss.ss_family == AF_INET6) {
        inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, host, sizeof host);
        port = ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
    }
    snprintf(out, cap, ss.ss_family == AF_INET6 ? "[%s]:%d" : "%s:%d", host, port);
}

int shim_connect_tcp(const char *address, uint16_t port) {
    int family = strchr(address, ':') ? AF_INET6 : AF_INET;
    int fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    int rc;
    if (family == AF_INET) {
        struct sockaddr_in sa;
        memset(&sa, 0, sizeof sa);
        sa.sin_family = AF_INET;
        sa.sin_port = htons(port);
        if (inet_pton(AF_INET, address, &sa.sin_addr) != 1) { close(fd); errno = EINVAL; return -1; }
        rc = connect(fd, (struct sockaddr *)&sa, sizeof sa);
    } else {
        struct sockaddr_in6 sa6;
        memset(&sa6, 0, sizeof sa6);
        sa6.sin6_family = AF_INET6;
        sa6.sin6_port = htons(port);
        if (inet_pton(AF_INET6, address, &sa6.sin6_addr) != 1) { close(fd); errno = EINVAL; return -1; }
        rc = connect(fd, (struct sockaddr *)&sa6, sizeof sa6);
    }
    if (rc != 0) { int e = errno; close(fd); errno = e; return -1; }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

int shim_set_timeouts(int fd, int millis) {
    struct timeval tv;
    tv.tv_sec = millis / 1000;
    tv.tv_usec = (millis % 1000) * 1000;
    if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) != 0) return -1;
    return setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

uint64_t shim_monotonic_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

void shim_realtime(int64_t *seconds, int32_t *nanos) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    *seconds = (int64_t)ts.tv_sec;
    *nanos = (int32_t)ts.tv_nsec;
}

const int shim_SOL_SOCKET = SOL_SOCKET;
const int shim_SO_REUSEADDR = SO_REUSEADDR;
const int shim_SO_REUSEPORT = SO_REUSEPORT;
const int shim_IPPROTO_TCP = IPPROTO_TCP;
const int shim_TCP_NODELAY = TCP_NODELAY;
const int shim_TCP_DEFER_ACCEPT = TCP_DEFER_ACCEPT;
const int shim_IPPROTO_IPV6 = IPPROTO_IPV6;
const int shim_IPV6_V6ONLY = IPV6_V6ONLY;
const int shim_AF_INET = AF_INET;
const int shim_AF_INET6 = AF_INET6;
const int shim_SHUT_WR = SHUT_WR;

int shim_inotify_init(void) { return inotify_init1(IN_NONBLOCK | IN_CLOEXEC); }
int shim_inotify_watch(int fd, const char *path) {
    return inotify_add_watch(fd, path, IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB | IN_MODIFY | IN_DELETE_SELF | IN_MOVE_SELF);
}
int shim_inotify_drain(int fd) {
    char buf[4096];
    int total = 0;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0) break;
        total += (int)n;
    }
    return total;
}
