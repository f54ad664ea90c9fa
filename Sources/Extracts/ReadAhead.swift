import Foundation

/// Where `LineReader` gets its bytes: a gzip file, directly or decompressed ahead.
public protocol ByteSource: AnyObject {
    /// Up to `capacity` bytes into `buffer`; 0 at the end.
    func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) throws -> Int
}

extension GzipReader: ByteSource {}

/// Decompresses a gzip file on a thread of its own, a few chunks ahead of the caller, so that
/// inflating and parsing one file use two cores.
///
/// A nightly run reads three files, the employment file by far the largest: read the usual
/// way, inflating it and parsing it took turns on one core while the other was idle. With
/// many files (a cold run) each core has its own file and this is not used (`shouldUse`).
/// Errors reach the caller where they occur in the stream, as they would without it.
public final class ReadAhead: ByteSource {
    private let state: State
    private var current: (buffer: UnsafeMutablePointer<UInt8>, count: Int)?
    private var offset = 0

    /// Starts inflating `gzip` at once. `chunkSize` bytes a chunk, at most `depth` ahead.
    public init(_ gzip: GzipReader, chunkSize: Int = 1 << 20, depth: Int = 3) {
        state = State(gzip, chunkSize: chunkSize, depth: depth)
        let state = self.state
        let thread = Thread { state.produce() }
        thread.stackSize = 1 << 20
        thread.start()
    }

    deinit {
        state.cancel()
    }

    public func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) throws -> Int {
        if let chunk = current, offset == chunk.count {
            state.recycle(chunk.buffer)
            current = nil
        }
        if current == nil {
            guard let next = try state.nextFilled() else { return 0 }
            current = next
            offset = 0
        }
        let chunk = current!
        let n = min(capacity, chunk.count - offset)
        buffer.update(from: chunk.buffer + offset, count: n)
        offset += n
        return n
    }

    /// Whether to read ahead: only when no other file is being read now, so that a cold run
    /// (one file per core) does not put two threads on each core.
    static func shouldUse(filesBeingRead: Int) -> Bool { filesBeingRead == 0 }

    /// The chunks and the thread's progress, shared by the reader and its thread.
    private final class State: @unchecked Sendable {
        let gzip: GzipReader
        let chunkSize: Int
        let condition = NSCondition()
        var free: [UnsafeMutablePointer<UInt8>]
        var filled: [(buffer: UnsafeMutablePointer<UInt8>, count: Int)] = []
        var finished = false
        var cancelled = false
        var error: Error?
        private let all: [UnsafeMutablePointer<UInt8>]

        init(_ gzip: GzipReader, chunkSize: Int, depth: Int) {
            self.gzip = gzip
            self.chunkSize = max(chunkSize, 1)
            all = (0 ..< max(depth, 1)).map { _ in UnsafeMutablePointer<UInt8>.allocate(capacity: max(chunkSize, 1)) }
            free = all
        }

        deinit {
            for buffer in all { buffer.deallocate() }
        }

        /// The thread: inflates into free chunks until the end, an error or cancellation.
        func produce() {
            while let buffer = nextFree() {
                let result = Result { try gzip.read(into: buffer, capacity: chunkSize) }
                condition.lock()
                switch result {
                case .success(0): finished = true; free.append(buffer)
                case .success(let n): filled.append((buffer, n))
                case .failure(let e): error = e; finished = true; free.append(buffer)
                }
                condition.broadcast()
                let done = finished
                condition.unlock()
                if done { return }
            }
        }

        private func nextFree() -> UnsafeMutablePointer<UInt8>? {
            condition.lock()
            defer { condition.unlock() }
            while free.isEmpty && !cancelled { condition.wait() }
            return cancelled ? nil : free.removeLast()
        }

        /// The next chunk in order; nil at the end; the thread's error where it stopped.
        func nextFilled() throws -> (buffer: UnsafeMutablePointer<UInt8>, count: Int)? {
            condition.lock()
            defer { condition.unlock() }
            while filled.isEmpty && !finished { condition.wait() }
            if !filled.isEmpty { return filled.removeFirst() }
            if let error { throw error }
            return nil
        }

        func recycle(_ buffer: UnsafeMutablePointer<UInt8>) {
            condition.lock()
            free.append(buffer)
            condition.broadcast()
            condition.unlock()
        }

        func cancel() {
            condition.lock()
            cancelled = true
            condition.broadcast()
            condition.unlock()
        }
    }
}
