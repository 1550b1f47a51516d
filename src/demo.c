/* demo.c: demo data for `make run` and the tests: the IETF with its chair, the IESG, the IAB and
 * its chair, the IRTF, the Secretariat, seven areas with two ADs each, fifteen WGs with chairs and
 * list addresses, an RG, and six other SDOs with liaison managers. Everyone is fictional and has
 * an example.org address; every one of them signs in with DEMO_PASSWORD. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "auth/user.h"
#include "core/err.h"
#include "db/db.h"
#include "demo.h"
#include "wg/group.h"

static const struct { const char *acronym, *name, *type, *parent, *list; } groups[] = {
	{ "ietf", "Internet Engineering Task Force", "ietf", NULL, "ietf@lists.example.org" },
	{ "iesg", "Internet Engineering Steering Group", "iesg", "ietf", "iesg@lists.example.org" },
	{ "iab", "Internet Architecture Board", "iab", NULL, "iab@lists.example.org" },
	{ "irtf", "Internet Research Task Force", "irtf", NULL, "irtf-discuss@lists.example.org" },
	{ "secretariat", "IETF Secretariat", "team", "ietf", "secretariat@example.org" },
	{ "art", "Applications and Real-Time Area", "area", "ietf", "art@lists.example.org" },
	{ "gen", "General Area", "area", "ietf", "gen-area@lists.example.org" },
	{ "int", "Internet Area", "area", "ietf", "int-area@lists.example.org" },
	{ "ops", "Operations and Management Area", "area", "ietf", "ops-area@lists.example.org" },
	{ "rtg", "Routing Area", "area", "ietf", "rtg-area@lists.example.org" },
	{ "sec", "Security Area", "area", "ietf", "saag@lists.example.org" },
	{ "wit", "Web and Internet Transport Area", "area", "ietf", "wit@lists.example.org" },
	{ "quic", "QUIC", "wg", "wit", "quic@lists.example.org" },
	{ "httpbis", "HTTP", "wg", "wit", "ietf-http-wg@lists.example.org" },
	{ "tsvwg", "Transport and Services Working Group", "wg", "wit", "tsvwg@lists.example.org" },
	{ "tls", "Transport Layer Security", "wg", "sec", "tls@lists.example.org" },
	{ "lamps", "Limited Additional Mechanisms for PKIX and SMIME", "wg", "sec", "spasm@lists.example.org" },
	{ "oauth", "Web Authorization Protocol", "wg", "sec", "oauth@lists.example.org" },
	{ "dnsop", "Domain Name System Operations", "wg", "ops", "dnsop@lists.example.org" },
	{ "netmod", "Network Modeling", "wg", "ops", "netmod@lists.example.org" },
	{ "opsawg", "Operations and Management Area Working Group", "wg", "ops", "opsawg@lists.example.org" },
	{ "idr", "Inter-Domain Routing", "wg", "rtg", "idr@lists.example.org" },
	{ "lsr", "Link State Routing", "wg", "rtg", "lsr@lists.example.org" },
	{ "6man", "IPv6 Maintenance", "wg", "int", "ipv6@lists.example.org" },
	{ "emailcore", "Revision of core Email specifications", "wg", "art", "emailcore@lists.example.org" },
	{ "dispatch", "Dispatch", "wg", "art", "dispatch@lists.example.org" },
	{ "gendispatch", "General Area Dispatch", "wg", "gen", "gendispatch@lists.example.org" },
	{ "cfrg", "Crypto Forum", "rg", "irtf", "cfrg@lists.example.org" },
	{ "itu-t-sg-15", "ITU-T Study Group 15", "sdo", NULL, "" },
	{ "3gpp-tsgsa-sa2", "3GPP TSG SA WG2", "sdo", NULL, "" },
	{ "ieee-802-1", "IEEE 802.1", "sdo", NULL, "" },
	{ "bbf", "Broadband Forum", "sdo", NULL, "" },
	{ "etsi", "ETSI", "sdo", NULL, "" },
	{ "mef", "MEF Forum", "sdo", NULL, "" },
};

/* role, group, person (name; the address is derived: first.last@example.org unless given). */
static const struct { const char *role, *group, *name, *email; } roles[] = {
	{ "secr", "secretariat", "Robin Archer", "secretariat@example.org" },
	{ "chair", "ietf", "Dana Whitfield", "ietf-chair@example.org" },
	{ "chair", "iab", "Priya Castellano", "iab-chair@example.org" },
	{ "execdir", "iab", "Tomas Lindqvist", NULL },
	{ "liaison_coordinator", "iab", "Noor Haddad", NULL },
	{ "chair", "irtf", "Kenji Moreau", NULL },
	{ "chair", "cfrg", "Ines Okafor", NULL },
	{ "ad", "art", "Marta Quinlan", NULL }, { "ad", "art", "Oskar Delacroix", NULL },
	{ "ad", "gen", "Dana Whitfield", "ietf-chair@example.org" }, { "ad", "gen", "Lena Brightwater", NULL },
	{ "ad", "int", "Farid Nasser", NULL }, { "ad", "int", "Helen Vasquez", NULL },
	{ "ad", "ops", "Jorge Albright", NULL }, { "ad", "ops", "Mei Tanaka", NULL },
	{ "ad", "rtg", "Victor Osei", NULL }, { "ad", "rtg", "Greta Holm", NULL },
	{ "ad", "sec", "Amir Rostami", NULL }, { "ad", "sec", "Clara Fontaine", NULL },
	{ "ad", "wit", "Samuel Achterberg", NULL }, { "ad", "wit", "Yara Mendes", NULL },
	{ "chair", "quic", "Lukas Brenner", NULL }, { "chair", "quic", "Aiko Sato", NULL },
	{ "chair", "httpbis", "Theo Marchetti", NULL }, { "chair", "httpbis", "Rosa Delgado", NULL },
	{ "chair", "tsvwg", "Erik Sundqvist", NULL }, { "chair", "tsvwg", "Fatima Bello", NULL },
	{ "chair", "tls", "Hugo Lambert", NULL }, { "chair", "tls", "Nadia Petrova", NULL },
	{ "chair", "lamps", "Ian Whitcombe", NULL }, { "chair", "lamps", "Sofia Reyes", NULL },
	{ "chair", "oauth", "Daniel Kowalski", NULL }, { "chair", "oauth", "Grace Mwangi", NULL },
	{ "chair", "dnsop", "Benoit Garnier", NULL }, { "chair", "dnsop", "Ana Ribeiro", NULL },
	{ "secr", "dnsop", "Paul Eriksen", NULL },
	{ "chair", "netmod", "Karim Zidane", NULL }, { "chair", "netmod", "Julia Novak", NULL },
	{ "chair", "opsawg", "Omar Farouk", NULL }, { "chair", "opsawg", "Elise Dubois", NULL },
	{ "chair", "idr", "Ravi Menon", NULL }, { "chair", "idr", "Kate Sullivan", NULL },
	{ "chair", "lsr", "Anton Volkov", NULL }, { "chair", "lsr", "Leah Goldberg", NULL },
	{ "chair", "6man", "Bruno Costa", NULL }, { "chair", "6man", "Hana Kimura", NULL },
	{ "chair", "emailcore", "Walter Brandt", NULL }, { "chair", "emailcore", "Mira Jensen", NULL },
	{ "chair", "dispatch", "Pedro Alvarez", NULL }, { "chair", "dispatch", "Zoe Harrington", NULL },
	{ "chair", "gendispatch", "Martin Kessler", NULL }, { "chair", "gendispatch", "Tara Flynn", NULL },
	{ "liaiman", "itu-t-sg-15", "Hiroshi Nakamura", NULL }, { "auth", "itu-t-sg-15", "Chen Wei", NULL },
	{ "liaiman", "3gpp-tsgsa-sa2", "Sanna Virtanen", NULL }, { "auth", "3gpp-tsgsa-sa2", "Marco Bianchi", NULL },
	{ "liaiman", "ieee-802-1", "Janet Cole", NULL },
	{ "liaiman", "bbf", "Gregor Weiss", NULL },
	{ "liaiman", "etsi", "Claire Moreno", NULL },
	{ "liaiman", "mef", "Derek Osborne", NULL },
};

/* "Robin Archer" -> "robin.archer@example.org" */
static void
derive_email(const char *name, char *out, size_t size)
{
	size_t i, j = 0;

	for (i = 0; name[i] != '\0' && j + 13 < size; i++)
		out[j++] = name[i] == ' ' ? '.' : (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32 : name[i]);
	snprintf(out + j, size - j, "@example.org");
}

static const struct { const char *who, *email; } logins[] = {
	{ "the Secretariat (may do everything)", "secretariat@example.org" },
	{ "the IETF chair", "ietf-chair@example.org" },
	{ "the IAB chair", "iab-chair@example.org" },
	{ "a QUIC chair", "lukas.brenner@example.org" },
	{ "an ITU-T SG15 liaison manager", "hiroshi.nakamura@example.org" },
};

void
demo_print_logins(FILE *f)
{
	size_t i;

	fprintf(f, "Demo sign-ins (password for everyone: %s):\n", DEMO_PASSWORD);
	for (i = 0; i < sizeof(logins) / sizeof(logins[0]); i++)
		fprintf(f, "  %-30s %s\n", logins[i].email, logins[i].who);
}

int
demo_load(struct db *db, struct err *e, int *created)
{
	char hash[crypto_pwhash_STRBYTES], email[128];
	int64_t id, n;
	size_t i;

	*created = 0;
	if (db_int(db, e, &n, "SELECT count(*) FROM grp", "") == -1)
		return -1;
	if (n > 0)
		return 0;
	/* One hash for everybody: the demo has sixty people and argon2id is slow on purpose. */
	if (password_hash(DEMO_PASSWORD, hash, sizeof(hash), e) == -1)
		return -1;
	for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++)
		if (group_add(db, e, 0, groups[i].acronym, groups[i].name, groups[i].type, groups[i].parent,
		    groups[i].list, &id) == -1)
			return -1;
	for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++) {
		if (roles[i].email != NULL)
			snprintf(email, sizeof(email), "%s", roles[i].email);
		else
			derive_email(roles[i].name, email, sizeof(email));
		if (person_by_email(db, e, email, &id) == -1)
			return -1;
		if (id == 0) {
			if (db_begin(db, e) == -1)
				return -1;
			if (person_add(db, e, 0, roles[i].name, email, &id) == -1 ||
			    account_set_hash(db, e, 0, id, hash) == -1) {
				db_rollback(db);
				return -1;
			}
			if (db_commit(db, e) == -1)
				return -1;
		}
		if (role_add(db, e, 0, email, roles[i].role, roles[i].group) == -1)
			return -1;
	}
	*created = 1;
	return 0;
}
