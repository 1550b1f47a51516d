/* token.h: random tokens for sessions, CSRF, API keys and mail links, and the hashes we store
 * instead of them. Callers: session.c, apikey.c, later the submission and liaison offices. */
#ifndef IDT_TOKEN_H
#define IDT_TOKEN_H

#include <stddef.h>

#define TOKEN_LEN	43	/* 32 random bytes in unpadded base64url */
#define TOKEN_HASH_LEN	64	/* hex of a 32-byte BLAKE2b */

int	token_init(void);	/* sodium_init(); call once before threads start */
void	token_new(char out[TOKEN_LEN + 1]);
void	token_hash(const char *token, char out[TOKEN_HASH_LEN + 1]);
/* Constant-time comparison of two NUL-terminated strings; 1 = equal. */
int	token_equal(const char *, const char *);
/* Short random hex for incident ids. */
void	token_hex(char *out, size_t nbytes);

#endif
