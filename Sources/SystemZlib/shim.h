#ifndef OVERGANG_CZLIB_SHIM_H
#define OVERGANG_CZLIB_SHIM_H
#include <zlib.h>
#endif
