#ifndef OVERGANG_CSYSTEM_H
#define OVERGANG_CSYSTEM_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE). Returns 0, or -1
/// with errno set (ENOSYS/EINVAL where the kernel or file system cannot exchange).
int overgang_exchange_paths(const char *a, const char *b);

/// Keeps freed heap memory in the process for reuse (glibc: blocks up to 32 MB from the
/// heap, never trimmed); elsewhere does nothing. See `MemoryPolicy`.
void overgang_keep_freed_memory(void);

#endif
