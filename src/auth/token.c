/* token.c: tokens and their hashes over libsodium; see token.h. */
#include <string.h>

#include <sodium.h>

#include "token.h"

int
token_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

void
token_new(char out[TOKEN_LEN + 1])
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, TOKEN_LEN + 1, raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void
token_hash(const char *token, char out[TOKEN_HASH_LEN + 1])
{
	unsigned char h[32];

	crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, TOKEN_HASH_LEN + 1, h, sizeof(h));
}

int
token_equal(const char *a, const char *b)
{
	size_t n = strlen(a);

	if (n != strlen(b) || n == 0)
		return 0;
	return sodium_memcmp(a, b, n) == 0;
}

void
token_hex(char *out, size_t nbytes)
{
	unsigned char raw[16];

	if (nbytes > sizeof(raw))
		nbytes = sizeof(raw);
	randombytes_buf(raw, nbytes);
	sodium_bin2hex(out, nbytes * 2 + 1, raw, nbytes);
}
