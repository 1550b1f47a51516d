/* gen_data.c: idtracker gen-data: a synthetic office of realistic sizes for bench/scale.sh and
 * migrate-db's round trip (issue 10): working groups under areas, people, documents with
 * revisions, authors and the submissions that posted them, and posted liaison statements, seven
 * in ten of them closed (the archive). Everything goes through db.h, bound values only, one
 * transaction per batch. Callers: main.c. */
#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "db/db.h"
#include "gen_data.h"
#include "doc/document.h"
#include "liaison/liaison.h"

#define GEN_BATCH	2000	/* rows of the main table per transaction */
#define GEN_AREAS	8
/* The proportions of the Datatracker's own archive, so the pages a bench reads have their real
 * sizes: some 130 working groups are open today but about 1,500 have existed (the documents of a
 * million-document office belong to all of them, a few hundred each); a third of the drafts are WG
 * documents, half of the rest are individual drafts named for a WG (draft-<who>-<wg>-...). */
#define GEN_WGS		1500
#define GEN_SDOS	40
#define GEN_PEOPLE	5000
#define GEN_DATE	"2024-01-15T12:00:00Z"

static const char *const words[] = {
	"routing", "transport", "security", "protocol", "extension", "framework", "mechanism", "model", "yang",
	"encoding", "header", "option", "discovery", "registry", "update", "requirements", "architecture",
	"operations", "management", "signaling", "multicast", "congestion", "control", "path", "segment",
	"identity", "key", "exchange", "certificate", "policy", "telemetry", "flow", "label", "tunnel",
};
#define NWORDS	(sizeof(words) / sizeof(words[0]))

/* What statements are about: each names one or two of these, so a search for one finds a few
 * percent of them, as a real search does (the filler words above are in nearly every statement). */
static const char *const topics[] = {
	"otn", "mpls", "sdn", "ipv6", "dnssec", "lisp", "bier", "netconf", "restconf", "srv6", "pce", "bfd", "ospf",
	"isis", "bgp", "evpn", "vxlan", "quic", "tls", "http", "ntp", "ptp", "synchronization", "optical", "wavelength",
	"fronthaul", "backhaul", "slicing", "iot", "coap", "lowpan", "detnet", "tsn", "ethernet", "oam", "pseudowire",
	"roaming", "emergency", "location", "numbering", "enum", "sip", "webrtc", "codec", "privacy", "lawful",
	"satellite", "vehicular", "drone", "energy",
};
#define NTOPICS	(sizeof(topics) / sizeof(topics[0]))

static const char SQL_GROUP[] = "INSERT INTO grp (id, acronym, name, type, parent_id, state, list_email, created) "
    "VALUES (?, ?, ?, ?, ?, 'active', ?, ?)";
static const char SQL_PERSON[] = "INSERT INTO person (id, name, created) VALUES (?, ?, ?)";
static const char SQL_DOC[] = "INSERT INTO document (id, name, rev, title, abstract, group_acronym, stream, pages, "
    "intended_status, expires, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_SUB[] = "INSERT INTO submission (id, name, rev, state, group_acronym, title, abstract, pages, "
    "access_hash, submission_date, created, updated, posted_at, document_id) "
    "VALUES (?, ?, ?, 'posted', ?, ?, ?, ?, 'gen', ?, ?, ?, ?, ?)";
static const char SQL_REV[] = "INSERT INTO doc_revision (document_id, rev, title, pages, file_types, submission_id, "
    "posted) VALUES (?, ?, ?, ?, '.txt,.xml', ?, ?)";
static const char SQL_AUTHOR[] = "INSERT INTO doc_author (document_id, ord, person_id, name, email, org) "
    "VALUES (?, ?, ?, ?, ?, ?)";
static const char SQL_LIAISON[] = "INSERT INTO liaison (id, direction, state, title, body, purpose, deadline, "
    "from_contact, to_contacts, submitted, created, updated, posted_at, tracking) "
    "VALUES (?, ?, 'posted', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_LI_GROUP[] = "INSERT INTO liaison_group (liaison_id, side, group_id, ord) VALUES (?, ?, ?, 0)";
static const char SQL_MAX_ID[] = "SELECT COALESCE(max(id), 0) FROM grp";

/* xorshift64: the same office for the same size, no libc state. */
static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* n words of filler text, a sentence every dozen words. */
static void
text(char *out, size_t cap, uint64_t *s, int n)
{
	size_t len = 0;
	int i;

	out[0] = '\0';
	for (i = 0; i < n && len + 32 < cap; i++)
		len += (size_t)snprintf(out + len, cap - len, "%s%s", words[rnd(s) % NWORDS],
		    i % 12 == 11 ? ". " : i + 1 < n ? " " : ".");
}

static int
batch_begin(struct db *db, int64_t i, struct err *e)
{
	return i % GEN_BATCH == 0 ? db_begin(db, e) : 0;
}

static int
batch_end(struct db *db, int64_t i, int64_t n, struct err *e)
{
	return ((i + 1) % GEN_BATCH == 0 || i + 1 == n) ? db_commit(db, e) : 0;
}

int
gen_data(struct db *db, int64_t ndocs, int64_t nli, FILE *progress, struct err *e)
{
	static char abstract[2048], body[16384], title[256];
	char name[160], acr[32], rev[16], mail[96];
	uint64_t s = 0x9e3779b97f4a7c15ULL;
	int64_t base, i, g, sub_id = 0, wg0, sdo0, person0 = 1000000;
	int r, nrev, a, nauth;

	if (db_int(db, e, &base, SQL_MAX_ID, "") == -1)
		return -1;
	if (base > 0)
		return err_set(e, 409, "gen-data", "The database already has groups; gen-data fills a new, empty office.");
	/* Groups: areas, working groups under them, outside organizations for liaisons. */
	if (db_begin(db, e) == -1)
		return -1;
	for (g = 1; g <= GEN_AREAS + GEN_WGS + GEN_SDOS; g++) {
		const char *type = g <= GEN_AREAS ? "area" : g <= GEN_AREAS + GEN_WGS ? "wg" : "sdo";
		snprintf(acr, sizeof(acr), "%s%lld", type[0] == 'a' ? "ar" : type[0] == 'w' ? "wg" : "sdo", (long long)g);
		snprintf(title, sizeof(title), "%s %s %s", words[g % NWORDS], words[(g * 7) % NWORDS], type);
		snprintf(mail, sizeof(mail), "%s@ietf.example", acr);
		if (db_run(db, e, SQL_GROUP, "isssnss", g, acr, title, type, (int64_t)(g > GEN_AREAS && g <= GEN_AREAS + GEN_WGS ?
		    1 + g % GEN_AREAS : 0), mail, GEN_DATE) == -1)
			goto fail;
	}
	for (i = 0; i < GEN_PEOPLE; i++) {
		snprintf(name, sizeof(name), "Person %lld %s", (long long)i, words[i % NWORDS]);
		if (db_run(db, e, SQL_PERSON, "iss", person0 + i, name, GEN_DATE) == -1)
			goto fail;
	}
	if (db_commit(db, e) == -1)
		return -1;
	wg0 = GEN_AREAS + 1;
	sdo0 = GEN_AREAS + GEN_WGS + 1;

	for (i = 0; i < ndocs; i++) {
		int64_t doc = i + 1, wg = wg0 + (int64_t)(rnd(&s) % GEN_WGS);
		int kind = (int)(rnd(&s) % 6), wgdoc = kind < 2, named = kind >= 2 && kind < 4, pages = 5 + (int)(rnd(&s) % 60);
		if (batch_begin(db, i, e) == -1)
			return -1;
		snprintf(acr, sizeof(acr), "wg%lld", (long long)wg);
		if (wgdoc)
			snprintf(name, sizeof(name), "draft-ietf-%s-%s-%lld", acr, words[i % NWORDS], (long long)doc);
		else if (named)
			snprintf(name, sizeof(name), "draft-p%lld-%s-%s-%lld", (long long)(i % GEN_PEOPLE), acr, words[i % NWORDS],
			    (long long)doc);
		else
			snprintf(name, sizeof(name), "draft-p%lld-%s-%lld", (long long)(i % GEN_PEOPLE), words[i % NWORDS],
			    (long long)doc);
		nrev = 1 + (int)(rnd(&s) % 3);
		snprintf(rev, sizeof(rev), "%02d", nrev - 1);
		text(title, sizeof(title), &s, 6 + (int)(rnd(&s) % 6));
		text(abstract, sizeof(abstract), &s, 60 + (int)(rnd(&s) % 120));
		if (db_run(db, e, SQL_DOC, "issssssdssss", doc, name, rev, title, abstract, wgdoc ? acr : "",
		    wgdoc ? "ietf" : "", pages, wgdoc ? "Proposed Standard" : "", "2024-07-15", GEN_DATE, GEN_DATE) == -1 ||
		    doc_name_words(db, e, doc, name) == -1)
			goto fail;
		for (r = 0; r < nrev; r++) {
			snprintf(rev, sizeof(rev), "%02d", r);
			sub_id++;
			if (db_run(db, e, SQL_SUB, "isssssdssssi", sub_id, name, rev, wgdoc ? acr : "", title, abstract, pages,
			    "2024-01-15", GEN_DATE, GEN_DATE, GEN_DATE, doc) == -1 ||
			    db_run(db, e, SQL_REV, "issdis", doc, rev, title, pages, sub_id, GEN_DATE) == -1)
				goto fail;
		}
		nauth = 1 + (int)(rnd(&s) % 3);
		for (a = 0; a < nauth; a++) {
			int64_t p = (int64_t)(rnd(&s) % GEN_PEOPLE);
			snprintf(mail, sizeof(mail), "person%lld@example.org", (long long)p);
			snprintf(title, sizeof(title), "Person %lld %s", (long long)p, words[p % NWORDS]);
			if (db_run(db, e, SQL_AUTHOR, "idisss", doc, a, person0 + p, title, mail, "Example Org") == -1)
				goto fail;
		}
		if (batch_end(db, i, ndocs, e) == -1)
			return -1;
		if (progress != NULL && (i + 1) % 100000 == 0)
			fprintf(progress, "gen-data: %lld documents\n", (long long)(i + 1));
	}
	for (i = 0; i < nli; i++) {
		int64_t id = i + 1, wg = wg0 + (int64_t)(rnd(&s) % GEN_WGS), sdo = sdo0 + (int64_t)(rnd(&s) % GEN_SDOS);
		int in = rnd(&s) % 2;
		static const char *const purposes[] = { "action", "comment", "info", "response" };
		char day[16];
		if (batch_begin(db, i, e) == -1)
			return -1;
		snprintf(day, sizeof(day), "20%02d-%02d-%02d", 10 + (int)(i % 15), 1 + (int)(i % 12), 1 + (int)(i % 28));
		{
			const char *t1 = topics[rnd(&s) % NTOPICS], *t2 = topics[rnd(&s) % NTOPICS];
			size_t len;
			text(title, sizeof(title) - 64, &s, 4 + (int)(rnd(&s) % 7));
			len = strlen(title);
			snprintf(title + len - 1, sizeof(title) - len + 1, " for %s.", t1);	/* replaces the final stop */
			len = (size_t)snprintf(body, sizeof(body), "On %s and %s: ", t1, t2);
			text(body + len, sizeof(body) - len, &s, 200 + (int)(rnd(&s) % 600));
		}
		snprintf(mail, sizeof(mail), "liaison%lld@sdo.example", (long long)sdo);
		/* Seven statements in ten are dealt with (closed, in the archive), as in an office that has
		 * run for years: a search's archive half has as much to walk as its current half. */
		if (db_run(db, e, SQL_LIAISON, "issssssssss" "ss", id, in ? "incoming" : "outgoing", title, body,
		    purposes[i % 4], i % 4 == 0 ? "2025-06-30" : "", mail, "chairs@ietf.example", day, GEN_DATE, GEN_DATE,
		    GEN_DATE, i % 10 < 7 ? "closed" : "") == -1 ||
		    db_run(db, e, SQL_LI_GROUP, "isi", id, "from", in ? sdo : wg) == -1 ||
		    db_run(db, e, SQL_LI_GROUP, "isi", id, "to", in ? wg : sdo) == -1)
			goto fail;
		if (batch_end(db, i, nli, e) == -1)
			return -1;
	}
	/* The search index the way writes fill it (FTS5 here, PostgreSQL's own there). */
	if (nli > 0) {
		int64_t n;
		if (db_begin(db, e) == -1)
			return -1;
		if (li_search_rebuild(db, &n, e) == -1)
			goto fail;
		if (db_commit(db, e) == -1)
			return -1;
	}
	if (progress != NULL)
		fprintf(progress, "gen-data: %lld documents, %lld revisions, %lld liaison statements\n", (long long)ndocs,
		    (long long)sub_id, (long long)nli);
	return 0;
fail:
	db_rollback(db);
	return -1;
}
