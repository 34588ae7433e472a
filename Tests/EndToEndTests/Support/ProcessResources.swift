#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// What the test process holds, read from /proc: resident memory, and the sockets a server in
/// this process holds for one port. The server runs in-process, so memory is a process-wide
/// figure (bounds are generous); sockets are matched exactly, by local port and inode, so tests
/// running in parallel do not disturb the count.
enum ProcessResources {
    /// VmRSS in bytes.
    static func residentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let digits = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
            return digits * 1024
        }
        return 0
    }

    /// A file's bytes as text, read with read(2). (Foundation's `String(contentsOfFile:)` leaks a
    /// buffer, LeakSanitizer finds, when the file grows while it reads, as a log being written does.)
    static func text(ofFile path: String) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Open file descriptors of this process.
    static func openDescriptorCount() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0
    }

    /// Connected TCP sockets this process holds whose local port is `port` (the listener
    /// excluded): the server's side of its connections. A descriptor the server forgot to close
    /// stays here (in CLOSE_WAIT) after its client has gone.
    static func serverSideSockets(port: Int) -> Int {
        let inodes = socketInodes()
        var count = 0
        for table in ["/proc/self/net/tcp", "/proc/self/net/tcp6"] {
            guard let text = try? String(contentsOfFile: table, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n").dropFirst() {
                let columns = line.split(separator: " ")
                guard columns.count > 9 else { continue }
                let local = columns[1]
                guard let colon = local.lastIndex(of: ":"), Int(local[local.index(after: colon)...], radix: 16) == port else { continue }
                // 0A is LISTEN.
                guard columns[3] != "0A", let inode = Int(columns[9]), inode != 0, inodes.contains(inode) else { continue }
                count += 1
            }
        }
        return count
    }

    /// The inodes of every socket descriptor this process has open.
    private static func socketInodes() -> Set<Int> {
        var inodes = Set<Int>()
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return inodes }
        var buffer = [CChar](repeating: 0, count: 128)
        for entry in entries {
            let n = readlink("/proc/self/fd/" + entry, &buffer, buffer.count - 1)
            guard n > 0 else { continue }
            let target = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard target.hasPrefix("socket:["), let inode = Int(target.dropFirst(8).dropLast()) else { continue }
            inodes.insert(inode)
        }
        return inodes
    }

    /// Raises the soft (and, when allowed, hard) RLIMIT_NOFILE to at least `wanted`; returns the
    /// resulting soft limit.
    @discardableResult
    static func raiseDescriptorLimit(to wanted: Int) -> Int {
        var limit = rlimit()
        guard getrlimit(RLIMIT_NOFILE_VALUE, &limit) == 0 else { return 0 }
        if Int(limit.rlim_cur) >= wanted { return Int(limit.rlim_cur) }
        var raised = limit
        raised.rlim_cur = rlim_t(wanted)
        if Int(raised.rlim_max) < wanted { raised.rlim_max = rlim_t(wanted) }
        if setrlimit(RLIMIT_NOFILE_VALUE, &raised) != 0 {
            // Not privileged: the hard limit is the ceiling.
            raised = limit
            raised.rlim_cur = limit.rlim_max
            _ = setrlimit(RLIMIT_NOFILE_VALUE, &raised)
        }
        _ = getrlimit(RLIMIT_NOFILE_VALUE, &limit)
        return Int(limit.rlim_cur)
    }

    private static var RLIMIT_NOFILE_VALUE: __rlimit_resource_t { __rlimit_resource_t(RLIMIT_NOFILE.rawValue) }
}

/// Polls `condition` every 10 ms until it holds or `timeout` passes; returns whether it held.
/// Used to wait for the server to reap connections, never to assert speed.
func eventually(within timeout: Duration = .seconds(10), _ condition: () throws -> Bool) rethrows -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while true {
        if try condition() { return true }
        if clock.now >= deadline { return false }
        usleep(10_000)
    }
}
