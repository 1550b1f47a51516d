/* date.c: dates as Internet-Drafts write them on page 1 ("November 4, 2019", "4 Nov. 2019",
 * "November 2019", "2019-11-04" ...), for the text reader (text.c) and anyone reading a date typed
 * by a person. Pure; see draft_date_parse() in draft.h. */
#include <stddef.h>
#include <string.h>

#include "draft.h"


/* Full names; a prefix of three letters or more also names the month ("Sept", "Nov."), as
 * draft.py accepts three- and four-letter forms and authors write "Sept." too. */
static const char *const months[12] = {
	"january", "february", "march", "april", "may", "june",
	"july", "august", "september", "october", "november", "december",
};

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static int
is_alpha(int c)
{
	c = lower(c);
	return c >= 'a' && c <= 'z';
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* A month word at s (letters only, n of them): 1..12, or 0. */
static int
month_word(const char *s, size_t n)
{
	size_t i, k;

	if (n < 3)
		return 0;
	for (i = 0; i < 12; i++) {
		size_t ml = strlen(months[i]);

		if (n > ml)
			continue;
		for (k = 0; k < n; k++)
			if (lower((unsigned char)s[k]) != months[i][k])
				break;
		if (k == n)
			return (int)i + 1;
	}
	return 0;
}

static int
days_in(int year, int month)
{
	static const int dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		return 29;
	return dm[month - 1];
}

/* Token stream over one date: numbers, month words and punctuation, whitespace skipped. */
enum tok_kind { T_END, T_NUM, T_MONTH, T_COMMA, T_DASH, T_OTHER };

struct tok {
	enum tok_kind	kind;
	int		val;	/* number value, month number */
	int		ndigits;
	size_t		end;	/* offset just past the token */
};

static struct tok
next_tok(const char *s, size_t len, size_t i)
{
	struct tok t = { T_END, 0, 0, i };
	size_t j;

	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	t.end = i;
	if (i >= len)
		return t;
	if (is_digit((unsigned char)s[i])) {
		t.kind = T_NUM;
		for (j = i; j < len && is_digit((unsigned char)s[j]); j++) {
			if (t.ndigits < 6)
				t.val = t.val * 10 + (s[j] - '0');
			t.ndigits++;
		}
		t.end = j;
		return t;
	}
	if (is_alpha((unsigned char)s[i])) {
		for (j = i; j < len && is_alpha((unsigned char)s[j]); j++)
			;
		t.kind = (t.val = month_word(s + i, j - i)) != 0 ? T_MONTH : T_OTHER;
		if (t.kind == T_MONTH && j < len && s[j] == '.')
			j++;	/* "Nov." */
		t.end = j;
		return t;
	}
	t.kind = s[i] == ',' ? T_COMMA : s[i] == '-' ? T_DASH : T_OTHER;
	t.end = i + 1;
	return t;
}

static int
set_date(struct draft_date *dd, int y, int m, int day)
{
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || day < 0 || day > days_in(y, m))
		return -1;
	dd->year = y;
	dd->month = m;
	dd->day = day;
	return 0;
}

int
draft_date_scan(const char *s, size_t len, struct draft_date *dd, size_t *used)
{
	struct tok a, b, c, d, e;

	a = next_tok(s, len, 0);
	if (a.kind == T_MONTH) {
		/* "November 4, 2019", "Nov 4 2019", "November 2019", "November, 2019" */
		b = next_tok(s, len, a.end);
		if (b.kind == T_COMMA)
			b = next_tok(s, len, b.end);
		if (b.kind != T_NUM)
			return -1;
		if (b.ndigits == 4) {
			if (set_date(dd, b.val, a.val, 0) == -1)
				return -1;
			*used = b.end;
			return 0;
		}
		if (b.ndigits > 2)
			return -1;
		c = next_tok(s, len, b.end);
		if (c.kind == T_COMMA)
			c = next_tok(s, len, c.end);
		if (c.kind != T_NUM || c.ndigits != 4 || set_date(dd, c.val, a.val, b.val) == -1)
			return -1;
		*used = c.end;
		return 0;
	}
	if (a.kind != T_NUM)
		return -1;
	if (a.ndigits == 4) {
		/* "2019-11-04" */
		b = next_tok(s, len, a.end);
		c = next_tok(s, len, b.end);
		d = next_tok(s, len, c.end);
		e = next_tok(s, len, d.end);
		if (b.kind != T_DASH || c.kind != T_NUM || c.ndigits > 2 || d.kind != T_DASH ||
		    e.kind != T_NUM || e.ndigits > 2 || set_date(dd, a.val, c.val, e.val) == -1 || e.val == 0)
			return -1;
		*used = e.end;
		return 0;
	}
	if (a.ndigits > 2)
		return -1;
	/* "4 November 2019", "4 Nov. 2019", "4-Nov-2019", "4, November 2019" */
	b = next_tok(s, len, a.end);
	if (b.kind == T_COMMA || b.kind == T_DASH)
		b = next_tok(s, len, b.end);
	if (b.kind != T_MONTH)
		return -1;
	c = next_tok(s, len, b.end);
	if (c.kind == T_COMMA || c.kind == T_DASH)
		c = next_tok(s, len, c.end);
	if (c.kind != T_NUM || c.ndigits != 4 || a.val == 0 || set_date(dd, c.val, b.val, a.val) == -1)
		return -1;
	*used = c.end;
	return 0;
}

int
draft_date_parse(const char *s, size_t len, struct draft_date *dd)
{
	struct draft_date tmp = { 0, 0, 0 };
	size_t used = 0, i;

	if (s == NULL || dd == NULL)
		return -1;
	if (draft_date_scan(s, len, &tmp, &used) == -1)
		return -1;
	/* Only trailing blanks or a full stop may follow: "November 2019 draft" is not a date. */
	for (i = used; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '.' && s[i] != '\r' && s[i] != '\n')
			return -1;
	*dd = tmp;
	return 0;
}
