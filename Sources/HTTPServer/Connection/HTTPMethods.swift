/// llhttp's method numbers (`enum llhttp_method`, stable across llhttp 6–9) as Swift strings.
/// A table rather than `llhttp_method_name`, which aborts on a number it does not know. A switch
/// of literals rather than an array: a literal string is immortal, so handing one out touches no
/// reference count that both event loops would fight over.
enum HTTPMethods {
    static func name(_ number: UInt8) -> String {
        switch number {
        case 0: "DELETE"
        case 1: "GET"
        case 2: "HEAD"
        case 3: "POST"
        case 4: "PUT"
        case 5: "CONNECT"
        case 6: "OPTIONS"
        case 7: "TRACE"
        case 8: "COPY"
        case 9: "LOCK"
        case 10: "MKCOL"
        case 11: "MOVE"
        case 12: "PROPFIND"
        case 13: "PROPPATCH"
        case 14: "SEARCH"
        case 15: "UNLOCK"
        case 16: "BIND"
        case 17: "REBIND"
        case 18: "UNBIND"
        case 19: "ACL"
        case 20: "REPORT"
        case 21: "MKACTIVITY"
        case 22: "CHECKOUT"
        case 23: "MERGE"
        case 24: "M-SEARCH"
        case 25: "NOTIFY"
        case 26: "SUBSCRIBE"
        case 27: "UNSUBSCRIBE"
        case 28: "PATCH"
        case 29: "PURGE"
        case 30: "MKCALENDAR"
        case 31: "LINK"
        case 32: "UNLINK"
        case 33: "SOURCE"
        case 34: "PRI"
        default: "UNKNOWN"
        }
    }
}
