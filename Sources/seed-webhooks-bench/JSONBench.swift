import Foundation
import JSON

/// `seed-webhooks-bench json [--seconds S]`: DOM parse, pull-reader scan and serialization of every
/// kube-apiserver fixture (SubjectAccessReviews and AdmissionReviews, the request bodies the
/// webhooks see), next to Foundation's JSONSerialization on the same bytes in the same run.
/// Each figure is the best of five rounds of at least S/5 seconds (default 0.5 s) of this thread's
/// CPU time, so other processes on the machine inflate it less than wall time would.
/// `--profile FIXTURE --iterations N` only parses one fixture N times (for callgrind or perf).
func runJSONBench(_ arguments: [String]) throws {
    var seconds = 0.5
    if let i = arguments.firstIndex(of: "--seconds"), i + 1 < arguments.count, let s = Double(arguments[i + 1]) { seconds = s }
    let directory = try fixturesDirectory()
    if let i = arguments.firstIndex(of: "--profile"), i + 1 < arguments.count {
        var iterations = 100_000
        if let j = arguments.firstIndex(of: "--iterations"), j + 1 < arguments.count, let n = Int(arguments[j + 1]) { iterations = n }
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + arguments[i + 1])))
        let reader = arguments.contains("--reader")
        var sink = 0
        bytes.withUnsafeBufferPointer { buffer in
            for _ in 0..<iterations {
                if reader {
                    sink &+= scanWithReader(buffer)
                } else if case .object(let object)? = try? JSONParser.parse(buffer) {
                    sink &+= object.count
                }
            }
        }
        print("json: profiled \(iterations) iterations (\(sink))")
        return
    }
    let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        .filter { $0.hasSuffix(".json") && ($0.hasPrefix("sar-") || $0.hasPrefix("admissionreview-")) }
        .sorted()

    print("json: ns per operation (best of 5 rounds), release build; Foundation = JSONSerialization.jsonObject")
    print("json: \("fixture".padding(toLength: 58, withPad: " ", startingAt: 0))  bytes   parse  reader  serialize  Foundation  Foundation/parse")
    var sarParse: [Double] = []
    var sarFoundation: [Double] = []
    var reviewParse: [Double] = []
    var reviewFoundation: [Double] = []
    for name in names {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
        let data = Data(bytes)
        let value = try JSONParser.parse(bytes)
        let parse = bytes.withUnsafeBufferPointer { buffer in
            measure(seconds: seconds) { (try? JSONParser.parse(buffer))?.isNull == true ? 1 : 0 }
        }
        let reader = bytes.withUnsafeBufferPointer { buffer in
            measure(seconds: seconds) { scanWithReader(buffer) }
        }
        let serialize = measure(seconds: seconds) { JSONWriter.serialize(value).count }
        let foundation = measure(seconds: seconds) {
            ((try? JSONSerialization.jsonObject(with: data)) as? NSDictionary)?.count ?? 0
        }
        if name.hasPrefix("sar-") {
            sarParse.append(parse)
            sarFoundation.append(foundation)
        } else {
            reviewParse.append(parse)
            reviewFoundation.append(foundation)
        }
        print(String(format: "json: %@ %6d %7.0f %7.0f %10.0f %11.0f %17.1fx",
                     name.padding(toLength: 58, withPad: " ", startingAt: 0), bytes.count, parse, reader, serialize,
                     foundation, foundation / parse))
    }
    func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }
    print(String(format: "json: SubjectAccessReview mean parse %.0f ns (Foundation %.0f ns, %.1fx); AdmissionReview mean parse %.0f ns (Foundation %.0f ns, %.1fx)",
                 mean(sarParse), mean(sarFoundation), mean(sarFoundation) / mean(sarParse),
                 mean(reviewParse), mean(reviewFoundation), mean(reviewFoundation) / mean(reviewParse)))
}

/// Visits every token with the pull reader (no DOM), reading strings as the SAR decoder does.
private func scanWithReader(_ buffer: UnsafeBufferPointer<UInt8>) -> Int {
    var reader = JSONReader(buffer)
    var count = 0
    do {
        while let token = try reader.next() {
            switch token {
            case .string(let span), .key(let span): count &+= span.count
            default: count &+= 1
            }
        }
    } catch {
        return -1
    }
    return count
}

/// Best of five rounds, each repeating `body` for at least a fifth of `seconds`; ns per call.
private func measure(seconds: Double, _ body: () -> Int) -> Double {
    var sink = 0
    for _ in 0..<1_000 { sink &+= body() }
    var best = Double.infinity
    let roundNanos = UInt64(seconds / 5 * 1e9)
    for _ in 0..<5 {
        var iterations = 0
        let start = threadCPUNanoseconds()
        var elapsed: UInt64 = 0
        repeat {
            for _ in 0..<200 { sink &+= body() }
            iterations += 200
            elapsed = threadCPUNanoseconds() &- start
        } while elapsed < roundNanos
        best = min(best, Double(elapsed) / Double(iterations))
    }
    blackHole(sink)
    return best
}

private func threadCPUNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
}

@inline(never) private func blackHole(_ value: Int) {
    if value == 42_424_242 { print("") }
}

/// `<repo>/../shared/fixtures/kube-apiserver` (bench/run starts in the repository), else relative to
/// this source file, looking one level further up for a worktree.
private func fixturesDirectory() throws -> String {
    let fromWorkingDirectory = FileManager.default.currentDirectoryPath + "/../shared/fixtures/kube-apiserver"
    if FileManager.default.fileExists(atPath: fromWorkingDirectory) { return fromWorkingDirectory }
    var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    for _ in 0..<3 {
        directory = directory.deletingLastPathComponent()
        let candidate = directory.appendingPathComponent("shared/fixtures/kube-apiserver").path
        if FileManager.default.fileExists(atPath: candidate) { return candidate }
    }
    throw CocoaError(.fileNoSuchFile)
}
