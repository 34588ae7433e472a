import JSON

/// A change to one object, as the graph consumes it.
public struct ObjectEvent: Sendable {
    public enum Kind: String, Sendable {
        case added = "ADDED"
        case modified = "MODIFIED"
        case deleted = "DELETED"
    }
    public var type: Kind
    /// The object (with `apiVersion` and `kind` set). For a deletion found by a re-list, only
    /// `apiVersion`, `kind` and `metadata.namespace`/`name` are known.
    public var object: JSONValue

    public init(_ type: Kind, _ object: JSONValue) {
        self.type = type
        self.object = object
    }
}

/// Where informers deliver. Informers run on their own threads, so implementations must be
/// thread-safe; each informer delivers its events in order.
public protocol InformerSink: AnyObject, Sendable {
    /// Applies a batch of changes of one kind, in order.
    func apply(_ events: [ObjectEvent], of kind: ResourceKind)
    /// The first complete list of `kind` has been applied (called once per informer).
    func synced(_ kind: ResourceKind)
}
