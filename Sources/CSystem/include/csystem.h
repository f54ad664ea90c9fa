#ifndef OVERGANG_CSYSTEM_H
#define OVERGANG_CSYSTEM_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE). Returns 0, or -1
/// with errno set (ENOSYS/EINVAL where the kernel or file system cannot exchange).
int overgang_exchange_paths(const char *a, const char *b);

/// Whether the folder `path` is the root of a mount (Linux statx STATX_ATTR_MOUNT_ROOT, else
/// another device than its parent's): 1 or 0, or -1 with errno set. Such a folder cannot be
/// renamed (EBUSY), so it cannot be an output folder.
int overgang_is_mount_point(const char *path);

/// Keeps freed heap memory in the process for reuse (glibc: blocks up to 32 MB from the
/// heap, never trimmed); elsewhere does nothing. See `MemoryPolicy`.
void overgang_keep_freed_memory(void);

/// Hands the free memory of every heap back to the system (glibc: malloc_trim); elsewhere
/// does nothing. See `MemoryPolicy`.
void overgang_return_freed_memory(void);

/// Creates `path` (owner-only, failing if it exists) for writing past the page cache
/// (Linux O_DIRECT: buffers, sizes and offsets aligned to 4096). Returns the descriptor, or
/// -1 with errno set (EINVAL where the file system cannot).
int overgang_create_direct(const char *path);

#include <stddef.h>
#include <stdint.h>

/// CRC-32 of RFC 1952 (gzip), continuing `crc` (0 to start) over `p[0..<n]`: the same value
/// as zlib's crc32(), by carry-less multiplication where the CPU has it (x86-64 PCLMULQDQ).
uint32_t overgang_crc32(uint32_t crc, const uint8_t *p, size_t n);

#endif
