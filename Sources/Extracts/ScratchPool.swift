import Foundation

/// Large scratch buffers kept from one file to the next.
///
/// Reading a national employment file needs a few hundred MB of short-lived buffers; freshly
/// allocated, every 4 kB page of them is faulted in and zeroed by the kernel, which cost
/// about as much CPU time as parsing. Files are read one per core at a time, so a handful of
/// buffers, handed back and taken again, serve a whole run. `drain` frees them.
public final class ScratchPool: @unchecked Sendable {
    public static let shared = ScratchPool()

    private let lock = NSLock()
    private var free: [(base: UnsafeMutableRawPointer, bytes: Int)] = []
    /// Kept while free; beyond this, handed-back buffers are released.
    private let limit = 1 << 30

    /// A buffer of at least `count` elements of `T` (uninitialised).
    func take<T>(_ type: T.Type, _ count: Int) -> Scratch<T> {
        let bytes = max(count, 1) * MemoryLayout<T>.stride
        var outgrown = [(base: UnsafeMutableRawPointer, bytes: Int)]()
        let reused: (base: UnsafeMutableRawPointer, bytes: Int)? = lock.withLock {
            // The smallest that fits.
            var best = -1
            for (i, b) in free.enumerated() where b.bytes >= bytes && (best < 0 || b.bytes < free[best].bytes) { best = i }
            if best >= 0 { return free.remove(at: best) }
            // None fits: the files have outgrown the smaller ones (files grow month by month),
            // which would otherwise stay resident beside the new one.
            outgrown = free.filter { $0.bytes < bytes }
            free.removeAll { $0.bytes < bytes }
            return nil
        }
        for b in outgrown { b.base.deallocate() }
        if let reused { return Scratch(base: reused.base, bytes: reused.bytes) }
        // Rounded up to 1 MB, and large ones to 1/8 of a power of two, so that next month's
        // somewhat larger file still fits (a fresh buffer costs a page fault per 4 kB).
        var step = 1 << 20
        while step * 16 < bytes { step <<= 1 }
        let size = (bytes + step - 1) & ~(step - 1)
        return Scratch(base: .allocate(byteCount: size, alignment: 64), bytes: size)
    }

    /// Takes back a buffer from `take`.
    func give<T>(_ scratch: Scratch<T>) {
        let kept = lock.withLock { () -> Bool in
            guard free.reduce(0, { $0 + $1.bytes }) + scratch.bytes <= limit else { return false }
            free.append((scratch.base, scratch.bytes))
            return true
        }
        if !kept { scratch.base.deallocate() }
    }

    /// Frees every buffer not in use (after the extracts are read).
    public func drain() {
        let all = lock.withLock { () -> [(base: UnsafeMutableRawPointer, bytes: Int)] in
            defer { free = [] }
            return free
        }
        for b in all { b.base.deallocate() }
    }
}

/// A buffer from `ScratchPool`: `pointer` to its elements, `capacity` of them.
struct Scratch<T> {
    let base: UnsafeMutableRawPointer
    let bytes: Int
    var pointer: UnsafeMutablePointer<T> { base.bindMemory(to: T.self, capacity: capacity) }
    var capacity: Int { bytes / MemoryLayout<T>.stride }
}
