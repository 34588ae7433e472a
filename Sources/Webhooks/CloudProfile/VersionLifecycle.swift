/// How a version's current classification is derived (`CurrentLifecycleClassification` in
/// `pkg/api/core/helper/cloudprofile.go`). Every function takes the time as a parameter.
public enum VersionLifecycle {
    /// The lifecycle the rules walk (step 1): the version's own, or for a legacy version one
    /// built from `classification` (default `supported`, no start time) followed by `expired`
    /// at `expirationDate`.
    public static func effectiveStages(of version: ExpirableVersion) -> [LifecycleStage] {
        guard version.lifecycle.isEmpty, version.classification != nil || version.expirationDate != nil else {
            return version.lifecycle
        }
        var stages = [LifecycleStage(version.classification ?? .supported)]
        if let expirationDate = version.expirationDate {
            stages.append(LifecycleStage(.expired, startTime: expirationDate))
        }
        return stages
    }

    /// The classification at `now`: `supported` without any lifecycle; otherwise the last
    /// stage (in list order) whose start time, Go's zero time when absent, is strictly before
    /// `now`; `unavailable` when none is. A stage starting exactly at `now` is not active yet,
    /// and of two stages with the same start the later one wins.
    public static func currentClassification(of version: ExpirableVersion, at now: Timestamp) -> VersionClassification {
        let stages = effectiveStages(of: version)
        if stages.isEmpty { return .supported }
        var current = VersionClassification.unavailable
        for stage in stages where (stage.startTime ?? .goZero) < now {
            current = stage.classification
        }
        return current
    }

    /// `VersionIsActive`: neither expired nor unavailable at `now`.
    public static func isActive(_ version: ExpirableVersion, at now: Timestamp) -> Bool {
        currentClassification(of: version, at: now).isActive
    }

    /// `VersionIsExpired`.
    public static func isExpired(_ version: ExpirableVersion, at now: Timestamp) -> Bool {
        currentClassification(of: version, at: now) == .expired
    }

    /// A change of classification that has not happened yet.
    public struct Transition: Sendable, Equatable {
        /// The classification once `time` has passed.
        public var classification: VersionClassification
        public var time: Timestamp
        public init(_ classification: VersionClassification, at time: Timestamp) {
            self.classification = classification
            self.time = time
        }
    }

    /// The coming changes of classification, in time order: for each start time not yet passed
    /// (≥ `now`), the classification just after it, when it differs from the one before.
    public static func transitions(of version: ExpirableVersion, after now: Timestamp) -> [Transition] {
        let times = Set(effectiveStages(of: version).compactMap(\.startTime).filter { $0 >= now }).sorted()
        var previous = currentClassification(of: version, at: now)
        var result: [Transition] = []
        for time in times {
            let next = currentClassification(of: version, at: justAfter(time))
            if next != previous {
                result.append(Transition(next, at: time))
                previous = next
            }
        }
        return result
    }

    /// The earliest start time (or legacy expiration date) after `now` over all versions of a
    /// spec (`DurationUntilNextVersionTransition`), or nil.
    public static func nextTransition(in spec: CloudProfileSpec, after now: Timestamp) -> Timestamp? {
        var next: Timestamp?
        func consider(_ version: ExpirableVersion) {
            let times = version.lifecycle.isEmpty ? [version.expirationDate] : version.lifecycle.map(\.startTime)
            for case let time? in times where now < time && (next.map { time < $0 } ?? true) {
                next = time
            }
        }
        spec.kubernetesVersions.forEach(consider)
        for image in spec.machineImages { image.versions.forEach(consider) }
        return next
    }

    private static func justAfter(_ time: Timestamp) -> Timestamp {
        time.nanoseconds < 999_999_999
            ? Timestamp(seconds: time.seconds, nanoseconds: time.nanoseconds + 1)
            : Timestamp(seconds: time.seconds &+ 1, nanoseconds: 0)
    }
}
