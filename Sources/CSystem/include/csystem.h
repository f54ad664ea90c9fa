#ifndef OVERGANG_CSYSTEM_H
#define OVERGANG_CSYSTEM_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE). Returns 0, or -1
/// with errno set (ENOSYS/EINVAL where the kernel or file system cannot exchange).
int overgang_exchange_paths(const char *a, const char *b);

/// Clears the upper halves of the vector registers (vzeroupper) where the CPU has AVX. ISA-L's
/// AVX-512 code returns without it, and every SSE instruction after that (Swift's and libm's
/// floating point) then runs ~2.5 times slower for the rest of the process.
void overgang_clear_upper_vector_state(void);

#endif
