import JSON

/// Each version of a (Namespaced)CloudProfile with its classification at a given time and the
/// changes still to come: what `seed-webhooks cloudprofile timeline` prints.
public struct CloudProfileTimeline: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        /// `kubernetes`, or the machine image's name.
        public var scope: String
        public var version: String
        public var current: VersionClassification
        public var transitions: [VersionLifecycle.Transition]
    }

    public var name: String
    public var now: Timestamp
    public var entries: [Entry]
    /// The earliest coming transition over all versions (when the controller would requeue).
    public var next: Timestamp?

    public init(object: JSONValue, now: Timestamp) throws(CloudProfileDecodeError) {
        let spec = try CloudProfileSpec(object: object)
        name = object[path: "metadata", "name"]?.stringValue ?? ""
        self.now = now
        func entry(_ scope: String, _ version: ExpirableVersion) -> Entry {
            Entry(scope: scope, version: version.version,
                  current: VersionLifecycle.currentClassification(of: version, at: now),
                  transitions: VersionLifecycle.transitions(of: version, after: now))
        }
        entries = spec.kubernetesVersions.map { entry("kubernetes", $0) }
        for image in spec.machineImages {
            entries += image.versions.map { entry(image.name, $0) }
        }
        next = entries.flatMap { $0.transitions.map(\.time) }.min()
    }

    /// An aligned table: one row per version, transitions as `<time> → <classification>`.
    public var table: String {
        let header = ["SCOPE", "VERSION", "CURRENT", "TRANSITIONS"]
        let rows = entries.map { entry in
            [entry.scope, entry.version, entry.current.rawValue,
             entry.transitions.isEmpty ? "-" : entry.transitions.map { "\($0.time.rfc3339) → \($0.classification)" }.joined(separator: ", ")]
        }
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var text = ""
            for (i, cell) in cells.enumerated() {
                text += i == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count + 2)
            }
            return text
        }
        var out = line(header) + "\n"
        for row in rows { out += line(row) + "\n" }
        out += "\nas of \(now.rfc3339); next transition: " + (next.map { "\($0.rfc3339) (in \(Self.duration(from: now, to: $0)))" } ?? "none") + "\n"
        return out
    }

    /// The same as JSON.
    public var json: JSONValue {
        .object(JSONObject([
            "name": .string(name),
            "now": .string(now.rfc3339),
            "nextTransition": next.map { .string($0.rfc3339) } ?? .null,
            "versions": .array(entries.map { entry in
                .object(JSONObject([
                    "scope": .string(entry.scope),
                    "version": .string(entry.version),
                    "classification": .string(entry.current.rawValue),
                    "transitions": .array(entry.transitions.map {
                        .object(JSONObject(["time": .string($0.time.rfc3339), "classification": .string($0.classification.rawValue)]))
                    }),
                ]))
            }),
        ]))
    }

    /// `12d 3h`, `5h`, `45s`: the largest unit and, when not zero, the next one.
    static func duration(from start: Timestamp, to end: Timestamp) -> String {
        let seconds = max(0, end.seconds - start.seconds)
        let units: [(size: Int64, name: String)] = [(86_400, "d"), (3600, "h"), (60, "m"), (1, "s")]
        guard let first = units.firstIndex(where: { seconds >= $0.size }) else { return "0s" }
        var text = "\(seconds / units[first].size)\(units[first].name)"
        if first + 1 < units.count {
            let next = seconds % units[first].size / units[first + 1].size
            if next > 0 { text += " \(next)\(units[first + 1].name)" }
        }
        return text
    }
}
