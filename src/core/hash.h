/* hash.h: FNV-1a, the string hash of the open-addressed tables (the server's per-address connection
 * counts, diff's lines, the renderer's entity names and ids). Not for anything an adversary may aim at a
 * table whose probing cost matters; every table using it bounds its entries. */
#ifndef IDT_HASH_H
#define IDT_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_FNV1A_INIT	2166136261u

/* h extended by the n bytes at p (start with HASH_FNV1A_INIT) */
static inline uint32_t
hash_fnv1a(uint32_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ s[i]) * 16777619u;
	return h;
}

/* h extended by the bytes of the string s */
static inline uint32_t
hash_fnv1a_str(uint32_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

#endif
