// KubeClientTesting: a small stand-in for kube-apiserver that serves LIST (with limit/continue
// snapshots) and WATCH (chunked, bookmarks, 410s) of the objects a test puts in, over TLS on
// loopback, plus `/version` and dry-run SubjectAccessReviews. Faults can be injected: expired
// resource versions, dropped connections, stalled and slow streams. It backs tests and benchmarks.

import Foundation
import JSON

/// The server. Objects are grouped by collection path (`/apis/core.gardener.cloud/v1beta1/shoots`)
/// and keyed by namespace/name; every mutation takes the next resourceVersion and is kept in a
/// history that watches replay, until `compact()` drops it.
///
/// `@unchecked Sendable`: all mutable state is in `state`, guarded by the condition `lock`.
public final class TestAPIServer: @unchecked Sendable {
    public struct Options: Sendable {
        public var certificateFile: String
        public var keyFile: String
        /// Require a client certificate signed by this CA.
        public var clientCAFile: String?
        /// Require `Authorization: Bearer <token>`.
        public var requiredToken: String?
        /// `/version`'s gitVersion.
        public var gitVersion = "v1.34.1"
        /// Whether a dry-run SubjectAccessReview keeps `labelSelector` (the AuthorizeWithSelectors gate).
        public var authorizeWithSelectors = true
        /// Seconds between BOOKMARK events on a watch that asked for them.
        public var bookmarkInterval = 1.0
        /// Accept TCP connections but never answer the TLS handshake.
        public var neverHandshake = false
        /// A watch from an expired resourceVersion gets HTTP 410 (true) or a 200 with an ERROR event (false).
        public var expiredWatchAsHTTPStatus = true

        public init(certificateFile: String, keyFile: String) {
            self.certificateFile = certificateFile
            self.keyFile = keyFile
        }
    }

    /// Counters a test can read to see what the client did.
    public struct Statistics: Sendable {
        public var lists = 0
        public var listPages = 0
        public var watches = 0
        public var expiredWatches = 0
        public var selectorProbes = 0
        public var versionRequests = 0
        public var connections = 0
    }

    struct Stored {
        var object: JSONValue
        var bytes: [UInt8]
    }

    struct Event {
        var resourceVersion: Int
        var collection: String
        var bytes: [UInt8]
    }

    struct Snapshot {
        var collection: String
        var resourceVersion: Int
        var items: [[UInt8]]
    }

    struct State {
        var resourceVersion = 1
        var collections: [String: [String: Stored]] = [:]
        var history: [Event] = []
        /// Watches and continue tokens from before this resourceVersion are expired.
        var oldestValid = 0
        var snapshots: [Int: Snapshot] = [:]
        var nextSnapshot = 1
        var dropGeneration = 0
        var stalled = false
        var slow = false
        var failNextRequests: [String: Int] = [:]
        var statistics = Statistics()
        var stopped = false
        var sockets: Set<Int32> = []
    }

    public let options: Options
    public private(set) var port: UInt16 = 0
    let lock = NSCondition()
    var state = State()
    let tls: ServerTLS
    private var listener: Int32 = -1

    public init(_ options: Options) throws {
        self.options = options
        signal(SIGPIPE, SIG_IGN)  // a client that went away must not kill the process
        tls = try ServerTLS(certificateFile: options.certificateFile, keyFile: options.keyFile, clientCAFile: options.clientCAFile)
        let (fd, port) = try Self.listen()
        listener = fd
        self.port = port
        let thread = Thread { [self] in acceptLoop(fd) }
        thread.name = "test-apiserver-accept"
        thread.start()
    }

    deinit { stop() }

    /// Closes the listener and every connection.
    public func stop() {
        lock.lock()
        if state.stopped { lock.unlock(); return }
        state.stopped = true
        for fd in state.sockets { shutdown(fd, Int32(SHUT_RDWR)) }
        lock.broadcast()
        lock.unlock()
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    // MARK: objects

    /// Adds or replaces an object (ADDED or MODIFIED), stamping the next resourceVersion.
    @discardableResult
    public func apply(_ collection: String, _ object: JSONValue) -> Int {
        lock.withLock {
            let key = Self.key(object)
            let type = state.collections[collection]?[key] == nil ? "ADDED" : "MODIFIED"
            return record(collection, key: key, type: type, object: object, delete: false)
        }
    }

    /// Deletes an object (DELETED with its last state); returns false when it did not exist.
    @discardableResult
    public func delete(_ collection: String, namespace: String?, name: String) -> Bool {
        lock.withLock {
            let key = (namespace ?? "") + "/" + name
            guard let stored = state.collections[collection]?[key] else { return false }
            record(collection, key: key, type: "DELETED", object: stored.object, delete: true)
            return true
        }
    }

    /// Adds many objects at once without history (initial content), as etcd would hold them.
    public func load(_ collection: String, _ objects: [JSONValue]) {
        lock.withLock {
            for object in objects {
                state.resourceVersion += 1
                var stamped = object
                stamped["metadata"]?["resourceVersion"] = .string(String(state.resourceVersion))
                let bytes = JSONWriter.serialize(stamped)
                state.collections[collection, default: [:]][Self.key(object)] = Stored(object: stamped, bytes: bytes)
            }
            state.oldestValid = state.resourceVersion
            state.history.removeAll()
            lock.broadcast()
        }
    }

    @discardableResult
    private func record(_ collection: String, key: String, type: String, object: JSONValue, delete: Bool) -> Int {
        state.resourceVersion += 1
        var stamped = object
        stamped["metadata"]?["resourceVersion"] = .string(String(state.resourceVersion))
        let bytes = JSONWriter.serialize(stamped)
        if delete {
            state.collections[collection]?[key] = nil
        } else {
            state.collections[collection, default: [:]][key] = Stored(object: stamped, bytes: bytes)
        }
        var event = Array(#"{"type":""#.utf8)
        event += Array(type.utf8)
        event += Array(#"","object":"#.utf8)
        event += bytes
        event += Array("}\n".utf8)
        state.history.append(Event(resourceVersion: state.resourceVersion, collection: collection, bytes: event))
        lock.broadcast()
        return state.resourceVersion
    }

    static func key(_ object: JSONValue) -> String {
        (object[path: "metadata", "namespace"]?.stringValue ?? "") + "/" + (object[path: "metadata", "name"]?.stringValue ?? "")
    }

    /// The current objects of a collection, sorted by namespace/name.
    public func objects(_ collection: String) -> [JSONValue] {
        lock.withLock { (state.collections[collection] ?? [:]).sorted { $0.key < $1.key }.map(\.value.object) }
    }

    public var resourceVersion: Int { lock.withLock { state.resourceVersion } }

    // MARK: faults

    /// Forgets all history: every watch or continue token from before now gets 410 Gone, and
    /// running watches receive an ERROR event with code 410.
    public func compact() {
        lock.withLock {
            state.resourceVersion += 1
            state.oldestValid = state.resourceVersion
            state.history.removeAll()
            state.snapshots.removeAll()
            lock.broadcast()
        }
    }

    /// Drops every open connection at once (as a restarting apiserver or a load balancer would).
    public func dropConnections() {
        lock.withLock {
            state.dropGeneration += 1
            for fd in state.sockets { shutdown(fd, Int32(SHUT_RDWR)) }
            lock.broadcast()
        }
    }

    /// While stalled, watches send nothing (no events, no bookmarks) but keep the connection open.
    public func setStalled(_ stalled: Bool) {
        lock.withLock { state.stalled = stalled; lock.broadcast() }
    }

    /// While slow, watch events are written a few bytes at a time.
    public func setSlow(_ slow: Bool) {
        lock.withLock { state.slow = slow }
    }

    /// The next `count` requests whose path starts with `prefix` get HTTP 500.
    public func failNextRequests(_ prefix: String, count: Int) {
        lock.withLock { state.failNextRequests[prefix] = count }
    }

    public var statistics: Statistics { lock.withLock { state.statistics } }

    /// Blocks until `condition` holds on the statistics or `timeout` seconds pass; returns whether it held.
    public func wait(timeout: Double = 10, until condition: (Statistics) -> Bool) -> Bool {
        let end = Date(timeIntervalSinceNow: timeout)
        lock.lock()
        defer { lock.unlock() }
        while !condition(state.statistics) {
            if !lock.wait(until: end) { return condition(state.statistics) }
        }
        return true
    }
}
