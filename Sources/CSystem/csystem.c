#define _GNU_SOURCE
#include "csystem.h"
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/syscall.h>
#include <linux/fs.h>
#endif

int overgang_exchange_paths(const char *a, const char *b) {
#if defined(__linux__) && defined(SYS_renameat2)
#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif
    return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void overgang_keep_freed_memory(void) {
#if defined(__GLIBC__)
    // glibc caps the mmap threshold at 32 MB on 64-bit systems (DEFAULT_MMAP_THRESHOLD_MAX).
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 0x7fffffff);
#endif
}

void overgang_return_freed_memory(void) {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

int overgang_create_direct(const char *path) {
#if defined(__linux__) && defined(O_DIRECT)
    return open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_DIRECT, 0600);
#else
    errno = EINVAL;
    return -1;
#endif
}

#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <libgen.h>

int overgang_is_mount_point(const char *path) {
#if defined(__linux__) && defined(STATX_ATTR_MOUNT_ROOT)
    struct statx sx;
    if (statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, &sx) == 0
        && (sx.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT)) {
        return (sx.stx_attributes & STATX_ATTR_MOUNT_ROOT) ? 1 : 0;
    }
#endif
    // Older kernels: a folder on another device than its parent is a mount point (a bind
    // mount of the same file system is not seen this way).
    struct stat self, parent;
    if (lstat(path, &self) != 0) return -1;
    size_t n = strlen(path);
    char *copy = malloc(n + 4);
    if (!copy) return -1;
    memcpy(copy, path, n + 1);
    strcat(copy, "/..");
    int r = stat(copy, &parent);
    free(copy);
    if (r != 0) return -1;
    return self.st_dev != parent.st_dev || self.st_ino == parent.st_ino;
}
