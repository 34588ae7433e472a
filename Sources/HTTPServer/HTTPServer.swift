// HTTPServer knows nothing of Kubernetes: a TLS HTTP/1.1 server on sockets, OpenSSL and llhttp.
