// Authorizer knows no sockets: caller identity, per-resource rules, selectors and the resource graph.
