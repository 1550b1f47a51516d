/* rng_tables.h: xml2rfc's v3 grammar as tables, generated at build time by tools/rngc.c from
 * rfcxml_rng.h (build/gen/rng_tables.c) and read by rng.c. Internal to src/draft. */
#ifndef IDT_RNG_TABLES_H
#define IDT_RNG_TABLES_H

#include <stdint.h>

/* what an element's content is */
enum { RNG_MODEL, RNG_VALUE };

/* a leaf's symbol: an element (its index in rng_names), text, or any element at all (svg) */
enum { RNG_SYM_TEXT = -1, RNG_SYM_ANY = -2 };

/* what an attribute's value may be */
enum { RNG_A_ANY, RNG_A_ENUM, RNG_A_ID, RNG_A_IDREF };

struct rng_attr {
	const char		 *name;		/* "xml:lang" for the XML namespace's */
	int			  kind;		/* RNG_A_* */
	int			  required;
	int			  needs;	/* allowed only beside this attribute of the element (index), or -1 */
	const char *const	 *values;	/* RNG_A_ENUM: the values */
	int			  nvalues;
};

/* One element: its content as a Glushkov automaton (a state per leaf; follow[p] is the set of leaves
 * that may come after leaf p; first, the leaves that may come first; last, those that may end it). */
struct rng_elem {
	int			  kind;		/* RNG_MODEL or RNG_VALUE */
	const int16_t		 *sym;		/* each leaf's symbol */
	const uint64_t		 *follow;
	int			  npos;
	uint64_t		  first, last;
	int			  nullable;	/* the content may be empty */
	const struct rng_attr	 *attrs;
	int			  nattrs;
	const char *const	 *values;	/* RNG_VALUE: the text it may hold */
	int			  nvalues;
};

extern const char *const	rng_names[];	/* sorted; the symbols */
extern const int		rng_nnames;
extern const int		rng_start;	/* the root's symbol */
extern const struct rng_elem	rng_elems[];	/* by symbol */

#endif
