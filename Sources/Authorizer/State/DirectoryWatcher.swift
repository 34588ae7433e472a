import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Calls `onChange` on `queue` when something changes in the watched directories: inotify, read
/// through a Dispatch read source. Watching directories (not files) also sees files replaced by
/// rename, as editors and ConfigMap updates do. Where inotify is unavailable only polling remains.
final class DirectoryWatcher {
    // Confined to `queue`.
    private let queue: DispatchQueue
    private let onChange: () -> Void
    private var descriptor: Int32 = -1
    private var source: DispatchSourceRead?
    private var watched: [String: Int32] = [:]

    init(queue: DispatchQueue, onChange: @escaping () -> Void) {
        self.queue = queue
        self.onChange = onChange
        #if canImport(Glibc)
        descriptor = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { return }
        let source = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: queue)
        let fd = descriptor
        source.setEventHandler { [weak self] in self?.drain() }
        source.setCancelHandler { close(fd) }
        source.resume()
        self.source = source
        #endif
    }

    /// Watches exactly these directories (adds new ones; drops ones no longer listed).
    func watch(_ directories: [String]) {
        #if canImport(Glibc)
        guard descriptor >= 0 else { return }
        let wanted = Set(directories)
        for (directory, handle) in watched where !wanted.contains(directory) {
            inotify_rm_watch(descriptor, handle)
            watched[directory] = nil
        }
        let mask = UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_MOVED_FROM) | UInt32(IN_CREATE)
            | UInt32(IN_DELETE) | UInt32(IN_MODIFY) | UInt32(IN_ATTRIB) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)
        for directory in wanted where watched[directory] == nil {
            let handle = inotify_add_watch(descriptor, directory, mask)
            if handle >= 0 { watched[directory] = handle }
        }
        #endif
    }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var changed = false
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            changed = true
        }
        if changed { onChange() }
    }

    func cancel() {
        if let source {
            source.cancel()  // its cancel handler closes the descriptor
        } else if descriptor >= 0 {
            close(descriptor)
        }
        source = nil
        descriptor = -1
        watched = [:]
    }

    deinit { cancel() }
}
