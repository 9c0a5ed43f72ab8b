#ifndef MAILROOM_CKERNELS_TARGETS_H
#define MAILROOM_CKERNELS_TARGETS_H

#include "CKernels.h"

// Sums are a multiply then an add, as in the plain definitions: no fused multiply-add, so
// every build and processor gives the same floats.
#pragma clang fp contract(off)

// The compiler builds each kernel for AVX-512, AVX2 and plain x86-64 and picks one at load
// time by the processor (an ifunc): Swift code itself is compiled for the oldest x86-64.
#if defined(__x86_64__) && defined(__clang__)
#define MAILROOM_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define MAILROOM_CLONES
#endif

/// Sixteen floats: one AVX-512 register, two AVX2 ones, four SSE ones.
typedef float mailroom_lanes __attribute__((vector_size(MAILROOM_CONV_LANES * sizeof(float))));

#endif
