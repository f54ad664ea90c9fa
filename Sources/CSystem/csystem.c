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

#if defined(__x86_64__)
#include <cpuid.h>
/// Whether the CPU and OS run AVX (VEX) instructions; found once at load.
static int has_avx = 0;

__attribute__((constructor)) static void overgang_find_avx(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return;
    if (!(c & (1u << 27)) || !(c & (1u << 28))) return;   // OSXSAVE, AVX
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    has_avx = (lo & 6) == 6;                                // XMM and YMM state enabled
}
#endif

void overgang_clear_upper_vector_state(void) {
#if defined(__x86_64__)
    if (has_avx) __asm__ volatile("vzeroupper" ::: "memory");
#endif
}
