import ArgumentParser
import JSON
import Webhooks

#if canImport(Glibc)
import Glibc
#endif

struct CloudProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cloudprofile",
        abstract: "Inspect CloudProfile version lifecycles.",
        subcommands: [Timeline.self]
    )

    struct Timeline: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "timeline",
            abstract: "Print each version's current classification and its coming transitions.",
            discussion: """
            FILE is a CloudProfile or NamespacedCloudProfile as YAML or JSON (`-` reads standard input). \
            A `kind: List` or several YAML documents print one timeline per CloudProfile.
            """
        )

        enum Output: String, ExpressibleByArgument, CaseIterable {
            case table, json
        }

        @Argument(help: "The CloudProfile file, or - for standard input.")
        var file: String

        @Option(help: "The time to evaluate at, RFC 3339 (default: now).")
        var now: String?

        @Option(name: [.short, .long], help: "table or json.")
        var output: Output = .table

        func run() throws {
            let at: Timestamp
            if let now {
                guard let parsed = Timestamp(rfc3339: now) else {
                    throw ValidationError("--now \(now) is not an RFC 3339 date-time such as 2026-06-01T00:00:00Z")
                }
                at = parsed
            } else {
                at = Timestamp.now()
            }
            let bytes = try readInput(file)
            let documents: [JSONValue]
            do {
                documents = try YAMLDocuments.parse(bytes)
            } catch {
                throw ValidationError("\(file): \(error)")
            }
            var profiles: [JSONValue] = []
            for document in documents {
                if document["kind"] == .string("List") {
                    profiles += document["items"]?.arrayValue ?? []
                } else if !document.isNull {
                    profiles.append(document)
                }
            }
            profiles = profiles.filter {
                $0["kind"] == nil || $0["kind"] == .string("CloudProfile") || $0["kind"] == .string("NamespacedCloudProfile")
            }
            guard !profiles.isEmpty else { throw ValidationError("\(file): no CloudProfile or NamespacedCloudProfile found") }
            var timelines: [CloudProfileTimeline] = []
            for profile in profiles {
                do {
                    timelines.append(try CloudProfileTimeline(object: profile, now: at))
                } catch {
                    throw ValidationError("\(file): \(error)")
                }
            }
            switch output {
            case .json:
                let value: JSONValue = timelines.count == 1 ? timelines[0].json : .array(timelines.map(\.json))
                print(JSONWriter.string(value))
            case .table:
                for (index, timeline) in timelines.enumerated() {
                    if timelines.count > 1 { print((index > 0 ? "\n" : "") + "# \(timeline.name)") }
                    print(timeline.table, terminator: "")
                }
            }
        }
    }
}

/// The bytes of a file, or of standard input for `-`.
func readInput(_ path: String) throws -> [UInt8] {
    let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
        throw ValidationError("\(path): \(String(cString: strerror(errno)))")
    }
    defer { if path != "-" { close(descriptor) } }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count < 0 {
            if errno == EINTR { continue }
            throw ValidationError("\(path): \(String(cString: strerror(errno)))")
        }
        if count == 0 { break }
        bytes += buffer[0..<count]
    }
    return bytes
}
