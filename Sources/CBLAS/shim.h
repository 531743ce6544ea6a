// OpenBLAS (CBLAS) and LAPACKE for the tensor engine. No logic here (BUILDING.md).
#ifndef PERF_CBLAS_SHIM_H
#define PERF_CBLAS_SHIM_H
#include <cblas.h>
#include <lapacke.h>
#endif
