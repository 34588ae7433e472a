import Foundation
import JSON
import Logging
import Prometheus

/// How an informer lists and watches.
public struct InformerOptions: Sendable {
    /// Objects per list page (`limit`).
    public var pageSize = 500
    /// The watch's `timeoutSeconds` is drawn from [minimum, 2·minimum) so that watches do not
    /// all end together (client-go's reflector does the same with 5 minutes).
    public var watchTimeoutMinimum = 300
    /// A watch that delivers no byte (event or bookmark) for this long is treated as stalled
    /// and dropped. kube-apiserver sends a bookmark about every minute to watches that allow them.
    public var inactivityTimeout = 150.0
    /// Retry delays after a failed list or watch.
    public var backoff = Backoff()

    public init() {}
}

/// Lists and then watches one resource, keeping the sink in step:
///
/// 1. LIST the collection in pages (`limit`/`continue`); each page's objects go to the sink as
///    ADDED or MODIFIED (skipped when the resourceVersion is unchanged since the last list), and
///    objects the list no longer has become DELETED. The first complete list marks it synced.
/// 2. WATCH from the list's resourceVersion with bookmarks; events are applied as they arrive,
///    and each event or bookmark advances the resourceVersion to resume from.
/// 3. When the watch ends (its timeout, a dropped connection, a stall), watch again from the
///    last resourceVersion; failures wait a capped, jittered backoff. A `410 Gone` (HTTP status
///    or an ERROR event) or an expired continue token means the history is gone: list again.
///
/// `@unchecked Sendable`: `store`, `resourceVersion` and the session are confined to the
/// informer's own thread; other threads only call `stop()` (through the locked `Cancellation`)
/// and read `isSynced` (under `lock`).
public final class Informer: @unchecked Sendable {
    public let kind: ResourceKind
    private let client: KubeClient
    private let sink: any InformerSink
    private let options: InformerOptions
    private let logger: Logger
    private let cancellation = Cancellation()
    private let lock = NSLock()
    private var syncedFlag = false
    private var lastError: String?

    /// namespace/name → resourceVersion of every object the sink holds.
    private var store: [String: String] = [:]
    private var resourceVersion = ""
    private var backoff: Backoff
    /// A 410 came and no watch event since: another 410 now waits a backoff instead of spinning.
    private var expiredSinceList = false

    private let restartsTimeout, restartsExpired, restartsError, restartsStalled: Counter?
    private let addedCounter, modifiedCounter, deletedCounter, bookmarkCounter: Counter?
    private let lastEventGauge, lastEventAgeGauge, objectsGauge: Gauge?
    private let listDuration: DurationHistogram?
    private var lastEvent = Date()

    public init(_ kind: ResourceKind, client: KubeClient, sink: any InformerSink, options: InformerOptions = InformerOptions(),
                metrics: InformerMetrics? = nil, logger: Logger = Logger(label: "seed-webhooks.garden")) {
        self.kind = kind
        self.client = client
        self.sink = sink
        self.options = options
        self.logger = logger
        self.backoff = options.backoff
        restartsTimeout = metrics?.restarts(kind, "timeout")
        restartsExpired = metrics?.restarts(kind, "expired")
        restartsError = metrics?.restarts(kind, "error")
        restartsStalled = metrics?.restarts(kind, "stalled")
        addedCounter = metrics?.events(kind, "ADDED")
        modifiedCounter = metrics?.events(kind, "MODIFIED")
        deletedCounter = metrics?.events(kind, "DELETED")
        bookmarkCounter = metrics?.events(kind, "BOOKMARK")
        lastEventGauge = metrics?.lastEventTimestamp(kind)
        lastEventAgeGauge = metrics?.lastEventAge(kind)
        objectsGauge = metrics?.objects(kind)
        listDuration = metrics?.listDuration(kind)
    }

    /// Starts the list/watch loop on its own thread.
    public func start() {
        let thread = Thread { [self] in run() }
        thread.name = "informer-\(kind.resource)"
        thread.start()
    }

    /// Ends the loop: the current request is interrupted and no new one starts.
    public func stop() { cancellation.cancel() }

    /// Whether the first complete list has been applied.
    public var isSynced: Bool { lock.withLock { syncedFlag } }

    /// The last failure, cleared by the next successful list or watch event.
    public var lastFailure: String? { lock.withLock { lastError } }

    /// Updates the last-event age gauge (called periodically).
    func refreshAge() {
        lastEventAgeGauge?.set(Date().timeIntervalSince(lock.withLock { lastEvent }))
    }


    private func run() {
        let session = client.makeSession(cancellation: cancellation)
        defer { session.close() }
        var mustList = true
        while !cancellation.isCancelled {
            do {
                if mustList {
                    try list(session)
                    mustList = false
                }
                try watch(session)
                restartsTimeout?.increment()
                backoff.reset()
            } catch let error as KubeClientError {
                if cancellation.isCancelled { return }
                if error.isStall {
                    logger.warning("watch stalled; reconnecting", metadata: ["resource": "\(kind)"])
                    restartsStalled?.increment()
                    session.close()
                    continue
                }
                if error.status == 410 {
                    restartsExpired?.increment()
                    logger.info("re-listing: the watch history is gone", metadata: ["resource": "\(kind)", "reason": "\(error)"])
                    // A list whose own resourceVersion has already expired again must not spin.
                    if mustList || expiredSinceList, !cancellation.sleep(backoff.next()) { return }
                    mustList = true
                    expiredSinceList = true
                    continue
                }
                restartsError?.increment()
                lock.withLock { lastError = error.message }
                let delay = backoff.next()
                logger.warning("list/watch failed; retrying", metadata: ["resource": "\(kind)", "error": "\(error)", "retryIn": "\(delay)"])
                session.close()
                if !cancellation.sleep(delay) { return }
            } catch {
                restartsError?.increment()
                if !cancellation.sleep(backoff.next()) { return }
            }
        }
    }

    // MARK: list

    private func list(_ session: KubeSession) throws {
        let started = ContinuousClock.now
        var seen = Set<String>(minimumCapacity: store.count)
        var continueToken = ""
        var listResourceVersion = ""
        repeat {
            var query = "limit=\(options.pageSize)"
            if !continueToken.isEmpty { query += "&continue=" + Self.escape(continueToken) }
            // An expired continue token is a 410 like an expired watch: run() lists again from the start.
            let page = try session.request("GET", kind.collectionPath, query: query).json()
            guard let items = page["items"]?.arrayValue else {
                throw KubeClientError("GET \(kind.collectionPath): the list has no items")
            }
            listResourceVersion = page[path: "metadata", "resourceVersion"]?.stringValue ?? ""
            continueToken = page[path: "metadata", "continue"]?.stringValue ?? ""
            var events: [ObjectEvent] = []
            events.reserveCapacity(items.count)
            for item in items {
                guard case .object = item else { continue }
                let object = stamped(item)
                let key = Self.key(object)
                let version = object[path: "metadata", "resourceVersion"]?.stringValue ?? ""
                seen.insert(key)
                if let known = store[key] {
                    if known == version && !version.isEmpty { continue }
                    events.append(ObjectEvent(.modified, object))
                } else {
                    events.append(ObjectEvent(.added, object))
                }
                store[key] = version
            }
            deliver(events)
        } while !continueToken.isEmpty && !cancellation.isCancelled

        let gone = store.keys.filter { !seen.contains($0) }
        if !gone.isEmpty {
            var events: [ObjectEvent] = []
            for key in gone {
                store[key] = nil
                events.append(ObjectEvent(.deleted, tombstone(key)))
            }
            deliver(events)
        }
        resourceVersion = listResourceVersion
        listDuration?.record(ContinuousClock.now - started)
        objectsGauge?.set(Double(store.count))
        markEvent()
        backoff.reset()
        lock.withLock { lastError = nil }
        let first = lock.withLock { () -> Bool in
            defer { syncedFlag = true }
            return !syncedFlag
        }
        if first {
            logger.info("initial list applied", metadata: ["resource": "\(kind)", "objects": "\(store.count)"])
            sink.synced(kind)
        }
    }

    // MARK: watch

    private func watch(_ session: KubeSession) throws {
        let timeout = Int.random(in: options.watchTimeoutMinimum..<(2 * options.watchTimeoutMinimum + 1))
        let query = "watch=true&allowWatchBookmarks=true&resourceVersion=\(Self.escape(resourceVersion))&timeoutSeconds=\(timeout)"
        var decoder = WatchEventDecoder()
        try session.stream(kind.collectionPath, query: query, inactivityTimeout: options.inactivityTimeout) { (bytes) throws(KubeClientError) in
                let values = try decoder.feed(bytes)
                if values.isEmpty { return }
                var events: [ObjectEvent] = []
                events.reserveCapacity(values.count)
                for value in values {
                    if let event = try handle(value) { events.append(event) }
                }
                deliver(events)
                objectsGauge?.set(Double(store.count))
        }
    }

    /// Turns one watch event into a sink event, keeping `store` and `resourceVersion` in step.
    private func handle(_ value: JSONValue) throws(KubeClientError) -> ObjectEvent? {
        guard let type = value["type"]?.stringValue, let object = value["object"], case .object = object else {
            throw KubeClientError("malformed watch event: no type or object")
        }
        markEvent()
        if type != "ERROR" { expiredSinceList = false }
        switch type {
        case "ADDED", "MODIFIED":
            let object = stamped(object)
            let version = object[path: "metadata", "resourceVersion"]?.stringValue ?? ""
            let key = Self.key(object)
            let known = store.updateValue(version, forKey: key) != nil
            if !version.isEmpty { resourceVersion = version }
            // An ADDED for a known object (or the reverse) after a reconnect is still just its new state.
            return ObjectEvent(known ? .modified : .added, object)
        case "DELETED":
            let object = stamped(object)
            store[Self.key(object)] = nil
            if let version = object[path: "metadata", "resourceVersion"]?.stringValue, !version.isEmpty { resourceVersion = version }
            return ObjectEvent(.deleted, object)
        case "BOOKMARK":
            if let version = object[path: "metadata", "resourceVersion"]?.stringValue, !version.isEmpty { resourceVersion = version }
            bookmarkCounter?.increment()
            return nil
        case "ERROR":
            let code = object["code"]?.int64Value ?? 0
            let message = object["message"]?.stringValue ?? "watch error"
            throw KubeClientError("watch \(kind.collectionPath): ERROR event: \(message)", status: Int(code))
        default:
            throw KubeClientError("malformed watch event: unknown type \(type)")
        }
    }

    private func deliver(_ events: [ObjectEvent]) {
        if events.isEmpty { return }
        sink.apply(events, of: kind)
        var added: Int64 = 0, modified: Int64 = 0, deleted: Int64 = 0
        for event in events {
            switch event.type {
            case .added: added += 1
            case .modified: modified += 1
            case .deleted: deleted += 1
            }
        }
        if added > 0 { addedCounter?.increment(by: added) }
        if modified > 0 { modifiedCounter?.increment(by: modified) }
        if deleted > 0 { deletedCounter?.increment(by: deleted) }
    }

    private func markEvent() {
        let now = Date()
        lock.withLock { lastEvent = now }
        lastEventGauge?.set(now.timeIntervalSince1970)
    }

    /// List items carry no `apiVersion`/`kind`; the graph needs them.
    private func stamped(_ object: JSONValue) -> JSONValue {
        guard case .object(var members) = object else { return object }
        if members["kind"] == nil { members["kind"] = .string(kind.kind) }
        if members["apiVersion"] == nil { members["apiVersion"] = .string(kind.apiVersion) }
        return .object(members)
    }

    /// What is known of an object that a re-list no longer returns.
    private func tombstone(_ key: String) -> JSONValue {
        let parts = key.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        var metadata = JSONObject()
        if let namespace = parts.first, !namespace.isEmpty { metadata["namespace"] = .string(String(namespace)) }
        metadata["name"] = .string(parts.count > 1 ? String(parts[1]) : "")
        return .object(JSONObject(["apiVersion": .string(kind.apiVersion), "kind": .string(kind.kind), "metadata": .object(metadata)]))
    }

    static func key(_ object: JSONValue) -> String {
        (object[path: "metadata", "namespace"]?.stringValue ?? "") + "/" + (object[path: "metadata", "name"]?.stringValue ?? "")
    }

    /// Percent-encodes a query value (continue tokens are base64 and may hold `+`, `/`, `=`).
    static func escape(_ value: String) -> String {
        var out = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded()
            }
        }
        return out
    }
}

private extension String {
    func leftPadded() -> String { count == 1 ? "0" + self : self }
}
