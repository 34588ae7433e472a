#if canImport(Glibc)
import Glibc
#endif
import CSystemShim
import Dispatch
import Logging
import Synchronization

/// One epoll loop, run as a long-lived block on its own Dispatch queue (so on its own thread).
/// It owns its listening sockets (one per loop, bound with `SO_REUSEPORT`, so the kernel spreads
/// connections over the loops) and every connection it accepted: a request is read, parsed,
/// handled and answered here, with no hand-off to another thread.
///
/// Other threads talk to a loop only through `execute`, which queues a closure and wakes the loop
/// through an eventfd.
///
/// `@unchecked Sendable`: all mutable state is confined to the loop's thread; the only state
/// touched from elsewhere is `tasks` (a Mutex) and `wakeFD` (an eventfd, safe to write anywhere).
final class EventLoop: @unchecked Sendable {
    struct Listener {
        var fd: Int32
        var tls: Bool
        var registered: Bool
    }

    let index: Int
    let core: ServerCore
    let epollFD: Int32
    private let wakeFD: Int32
    private let tasks = Mutex<[@Sendable (EventLoop) -> Void]>([])
    private let stoppedSignal = DispatchSemaphore(value: 0)

    private(set) var listeners: [Listener] = []
    private var connections: [Connection?] = []
    private var generations: [UInt32] = []
    private var freeSlots: [Int] = []
    private(set) var connectionCount = 0
    /// Shared by every connection of this loop: decrypted bytes go here, are parsed, and only the
    /// part that cannot be parsed yet (rare) is copied into the connection.
    let readBuffer: UnsafeMutableRawBufferPointer
    /// The loop's clock, read once per wake-up.
    private(set) var now: UInt64 = 0
    private var running = true
    private var draining = false
    private var acceptPausedUntil: UInt64 = 0
    /// Answer bodies bigger than this stop the parsing of further pipelined requests until the
    /// client has read them (a client that pipelines without reading cannot grow memory).
    let outputHighWater = 256 * 1024
    /// Bytes one connection may read per turn before the loop's other connections get theirs; a
    /// client sending faster than the loop parses would otherwise keep the loop, and the deadline
    /// sweep that could cut it, to itself.
    let readBudget = 256 * 1024
    /// Connections that spent their budget with input left in OpenSSL's buffer, which epoll does
    /// not see: they read again in the next iteration, which then does not wait.
    private var readAgainList: [(slot: Int, generation: UInt32)] = []
    /// Connections with answers to write once every ready connection of this turn has been read.
    private var flushList: [(slot: Int, generation: UInt32)] = []
    private var flushTurn: [(slot: Int, generation: UInt32)] = []

    private static let acceptsPerTurn = 64
    private static let wakeTag = UInt64.max
    private static let listenerTag: UInt64 = 1 << 63

    init(index: Int, core: ServerCore) throws(SystemError) {
        self.index = index
        self.core = core
        epollFD = shim_epoll_create()
        guard epollFD >= 0 else { throw SystemError("epoll_create1") }
        wakeFD = shim_eventfd()
        guard wakeFD >= 0 else {
            close(epollFD)
            throw SystemError("eventfd")
        }
        readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
        _ = shim_epoll_ctl(epollFD, 1, wakeFD, shim_EPOLLIN, Self.wakeTag)
    }

    deinit {
        readBuffer.deallocate()
        close(wakeFD)
        close(epollFD)
    }

    /// Adds a bound, listening socket. Called before `start`.
    func addListener(fd: Int32, tls: Bool) {
        let tag = Self.listenerTag | UInt64(listeners.count)
        _ = shim_epoll_ctl(epollFD, 1, fd, shim_EPOLLIN, tag)
        listeners.append(Listener(fd: fd, tls: tls, registered: true))
    }

    /// Starts the loop on its own queue.
    func start() {
        let queue = DispatchQueue(label: "seed-webhooks.loop.\(index)")
        queue.async { self.run() }
    }

    /// Blocks until the loop has exited.
    func waitUntilStopped() {
        stoppedSignal.wait()
        stoppedSignal.signal()
    }

    /// Runs `task` on the loop's thread.
    func execute(_ task: @escaping @Sendable (EventLoop) -> Void) {
        tasks.withLock { $0.append(task) }
        shim_eventfd_signal(wakeFD)
    }

    // MARK: the loop

    private func run() {
        let maxEvents = 256
        var datas = [UInt64](repeating: 0, count: maxEvents)
        var events = [UInt32](repeating: 0, count: maxEvents)
        let tick = core.limits.timerTickNanos
        now = monotonicNanos()
        var nextSweep = now &+ tick
        while running {
            let waitMillis = readAgainList.isEmpty && flushList.isEmpty ? Int32(clamping: (nextSweep > now ? nextSweep - now : 0) / 1_000_000 + 1) : 0
            let count = datas.withUnsafeMutableBufferPointer { d in
                events.withUnsafeMutableBufferPointer { e in
                    shim_epoll_wait(epollFD, d.baseAddress, e.baseAddress, Int32(maxEvents), waitMillis)
                }
            }
            now = monotonicNanos()
            if count < 0 && errno != EINTR {
                core.logger.critical("epoll_wait failed", metadata: ["error": "\(errnoText())"])
                break
            }
            var woken = false
            for i in 0..<max(0, Int(count)) {
                let data = datas[i]
                if data == Self.wakeTag {
                    woken = true
                } else if data & Self.listenerTag != 0 {
                    acceptAll(listener: Int(data & 0xffff))
                } else {
                    let slot = Int(data & 0xffff_ffff)
                    let generation = UInt32(truncatingIfNeeded: data >> 32)
                    if slot < connections.count, generations[slot] == generation, let connection = connections[slot] {
                        connection.handle(events: events[i])
                    }
                }
            }
            if !readAgainList.isEmpty {
                let turn = readAgainList
                readAgainList.removeAll(keepingCapacity: true)
                for entry in turn where entry.slot < connections.count && generations[entry.slot] == entry.generation {
                    connections[entry.slot]?.continueReading()
                }
            }
            if !flushList.isEmpty {
                swap(&flushTurn, &flushList)
                for entry in flushTurn where entry.slot < connections.count && generations[entry.slot] == entry.generation {
                    connections[entry.slot]?.flushQueuedOutput()
                }
                flushTurn.removeAll(keepingCapacity: true)
            }
            if woken { runTasks() }
            if now >= nextSweep {
                sweep()
                nextSweep = now &+ tick
            }
        }
        for connection in connections { connection?.close() }
        closeListeners()
        stoppedSignal.signal()
    }

    private func runTasks() {
        shim_eventfd_drain(wakeFD)
        let pending = tasks.withLock { tasks in
            defer { tasks.removeAll() }
            return tasks
        }
        for task in pending { task(self) }
    }

    /// Fires the deadlines that passed, and re-arms accepting after a file-descriptor shortage.
    private func sweep() {
        for case let connection? in connections {
            connection.checkTimeout(now: now)
        }
        if acceptPausedUntil != 0 && now >= acceptPausedUntil && !draining {
            acceptPausedUntil = 0
            for i in listeners.indices where !listeners[i].registered && listeners[i].fd >= 0 {
                _ = shim_epoll_ctl(epollFD, 1, listeners[i].fd, shim_EPOLLIN, Self.listenerTag | UInt64(i))
                listeners[i].registered = true
            }
        }
    }

    // MARK: accepting

    private func acceptAll(listener index: Int) {
        guard index < listeners.count, listeners[index].fd >= 0 else { return }
        let listener = listeners[index]
        let maxConnections = core.limits.effectiveMaxConnections
        // Each accepted TLS connection is handshaken at once (a key exchange and a signature), so
        // a storm of new connections could keep the loop here; past this many per turn, the
        // listener (level-triggered) waits for the next turn, after the loop's other connections.
        for _ in 0..<Self.acceptsPerTurn {
            let fd = shim_accept(listener.fd)
            if fd < 0 {
                let code = errno
                if code == EINTR || code == ECONNABORTED { continue }
                if code == EMFILE || code == ENFILE || code == ENOBUFS || code == ENOMEM {
                    // Out of descriptors: stop accepting for a moment rather than spin on the listener.
                    core.logger.error("accept failed; pausing accepts", metadata: ["error": "\(errnoText(code))"])
                    pauseAccepting()
                }
                return
            }
            let open = core.openConnections.add(1, ordering: .relaxed).newValue
            if open > maxConnections {
                core.openConnections.subtract(1, ordering: .relaxed)
                core.metrics.rejectedConnections.increment()
                Glibc.close(fd)
                continue
            }
            _ = shim_setsockopt_int(fd, shim_IPPROTO_TCP, shim_TCP_NODELAY, 1)
            var ssl: OpaquePointer?
            if listener.tls {
                ssl = core.certificates.current.makeSSL(fd: fd)
                if ssl == nil {
                    core.openConnections.subtract(1, ordering: .relaxed)
                    Glibc.close(fd)
                    continue
                }
            }
            register(fd: fd, ssl: ssl, probe: !listener.tls)
        }
    }

    private func pauseAccepting() {
        acceptPausedUntil = now &+ 100_000_000
        for i in listeners.indices where listeners[i].registered && listeners[i].fd >= 0 {
            _ = shim_epoll_ctl(epollFD, 3, listeners[i].fd, 0, 0)
            listeners[i].registered = false
        }
    }

    private func register(fd: Int32, ssl: OpaquePointer?, probe: Bool) {
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
        } else {
            slot = connections.count
            connections.append(nil)
            generations.append(0)
        }
        generations[slot] &+= 1
        let connection = Connection(
            fd: fd, ssl: ssl, router: probe ? core.probeRouter : core.router,
            loop: self, slot: slot, generation: generations[slot], now: now
        )
        connections[slot] = connection
        connectionCount += 1
        core.metrics.openConnections.increment()
        if shim_epoll_ctl(epollFD, 1, fd, shim_EPOLLIN, tag(slot: slot, generation: generations[slot])) != 0 {
            connection.close()
            return
        }
        if ssl != nil { connection.startHandshake() }
    }

    /// Gives the connection in `slot` another read turn in the next iteration.
    func readAgain(slot: Int, generation: UInt32) {
        readAgainList.append((slot, generation))
    }

    /// Has the connection in `slot` write its answers after this turn's reads.
    func queueFlush(slot: Int, generation: UInt32) {
        flushList.append((slot, generation))
    }

    func tag(slot: Int, generation: UInt32) -> UInt64 {
        UInt64(generation) << 32 | UInt64(slot)
    }

    /// Called by a connection when it has closed its socket.
    func connectionClosed(slot: Int) {
        guard slot < connections.count, connections[slot] != nil else { return }
        connections[slot] = nil
        freeSlots.append(slot)
        connectionCount -= 1
        core.openConnections.subtract(1, ordering: .relaxed)
        core.metrics.openConnections.decrement()
        if draining && connectionCount == 0 { running = false }
    }

    var isDraining: Bool { draining }

    // MARK: shutdown

    private func closeListeners() {
        for i in listeners.indices where listeners[i].fd >= 0 {
            Glibc.close(listeners[i].fd)
            listeners[i].fd = -1
            listeners[i].registered = false
        }
    }

    /// Stops accepting, closes idle connections, and lets the others finish their current request
    /// (their answer carries `Connection: close`). The loop exits when none is left.
    func beginDrain() {
        draining = true
        closeListeners()
        for case let connection? in connections where connection.isIdle {
            connection.close()
        }
        if connectionCount == 0 { running = false }
    }

    /// Closes every connection now and exits.
    func stopNow() {
        draining = true
        for case let connection? in connections { connection.close() }
        running = false
    }
}
