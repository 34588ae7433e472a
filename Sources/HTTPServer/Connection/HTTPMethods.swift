/// llhttp's method numbers (`enum llhttp_method`, stable across llhttp 6–9) as Swift strings.
/// A table rather than `llhttp_method_name`, which aborts on a number it does not know.
enum HTTPMethods {
    private static let names: [String] = [
        "DELETE", "GET", "HEAD", "POST", "PUT", "CONNECT", "OPTIONS", "TRACE", "COPY", "LOCK", "MKCOL", "MOVE",
        "PROPFIND", "PROPPATCH", "SEARCH", "UNLOCK", "BIND", "REBIND", "UNBIND", "ACL", "REPORT", "MKACTIVITY",
        "CHECKOUT", "MERGE", "M-SEARCH", "NOTIFY", "SUBSCRIBE", "UNSUBSCRIBE", "PATCH", "PURGE", "MKCALENDAR",
        "LINK", "UNLINK", "SOURCE", "PRI",
    ]

    static func name(_ number: UInt8) -> String {
        let index = Int(number)
        return index < names.count ? names[index] : "UNKNOWN"
    }
}
