import CSystem

/// How the process hands freed memory back to the system while it reads extracts.
///
/// Reading a national employment file builds per-file arrays of 10-40 MB (keys, hashes,
/// flags) that live until the file is linked and cached, then are freed; the next file
/// needs the same again. By default glibc serves blocks above a (dynamic) threshold with
/// their own mmap and returns freed heap tops to the kernel, so every file's arrays are
/// fresh pages that the kernel faults in and zeroes: ~2.5 s of system time in a cold
/// 12-month national run (perf: `clear_page_erms` 12 % of all samples). Serving blocks up to
/// glibc's largest threshold (32 MB) from the heap and never trimming it keeps those pages
/// from file to file: cold 12 months ~10.7 → ~9.6 s wall, system time 5.2 → 2.7 s. The
/// cost is that the process keeps its peak heap until it ends, which a batch run does anyway.
public enum MemoryPolicy {
    /// Applies the policy (once; later calls do nothing). `PanelBuilder.build` calls it.
    public static func keepFreedMemoryForReuse() { _ = applied }

    /// Hands what is free back to the system, when the reading is done: the parse buffers that
    /// the policy kept (on both cores' heaps) would otherwise stay resident beside the panel
    /// and the analysis, which need their room at once (`malloc_trim`, ~ms).
    public static func returnFreedMemory() { overgang_return_freed_memory() }

    private static let applied: Bool = {
        overgang_keep_freed_memory()   // mallopt, which Swift's Glibc module does not expose
        return true
    }()
}
