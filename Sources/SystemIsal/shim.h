#ifndef OVERGANG_ISAL_SHIM_H
#define OVERGANG_ISAL_SHIM_H
#include <isa-l/igzip_lib.h>
#include <isa-l/crc.h>
#endif
