# idtracker: one binary. `make` builds build/idtracker; `make run` sets up and serves the demo;
# `make check` runs every test (unit, e2e, browser, and unit + e2e again under ASan/UBSan).

VERSION   := 0.1.0
CC        ?= cc
# The binary links the libraries every command may use. libpq, libcurl, GMime (with GLib) and
# libmicrohttpd are each used by one module and, linked, cost milliseconds at every start: that module
# loads its library with dlopen() on first use (src/core/dynlib.h), so only their headers are needed.
# glibc 2.34 and later have dlopen() in libc (bookworm: 2.36); older ones would need -ldl. The ASan
# binary links as the release one, so the e2e suite under ASan loads them the same way; unit tests
# and fuzzers link them all (test_mail_in calls GLib itself), and the modules find them loaded.
PKGS      := sqlite3 libsodium jansson libxml-2.0 libpcre2-8
PKGS_DL   := libpq libcurl gmime-3.0 libmicrohttpd
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) $(PKGS_DL) 2>/dev/null)
# The libraries every process uses are linked in from their static archives when the -dev package
# ships one (Debian's do): each shared library costs every process its mapping, relocation and symbol
# binding at start, together two thirds of a millisecond (`idtracker render` is measured per document,
# start included; docs/architecture.md), and glibc alone stays shared (dlopen() needs it). libxml2's
# archive goes without ICU: the shared libxml2 loads ICU and with it libstdc++, for encodings iconv
# already knows (lxml builds the libxml2 under xml2rfc the same way; scripts/icu_none.sh answers the
# ICU calls the archive names). A security update of one of them then needs a rebuild: the archives
# are prerequisites of the binary, so `make` after upgrading the -dev package relinks
# (docs/operations.md). A library without an archive is linked shared, as before.
STATIC_LIBS := xml2 sqlite3 sodium jansson pcre2-8 z lzma
lib_a     = $(wildcard $(shell $(CC) -print-file-name=lib$(1).a))
LIBS_A    := $(foreach n,$(STATIC_LIBS),$(call lib_a,$(n)))
LIBS_SO   := $(foreach n,$(STATIC_LIBS),$(if $(call lib_a,$(n)),,-l$(n)))
XML2_A    := $(call lib_a,xml2)
XML2_STUB := $(if $(XML2_A),build/obj/gen/icu_none.o)
PKG_LIBS  := $(LIBS_A) $(LIBS_SO) $(XML2_STUB) -lm -lpthread
PKG_LIBS_DL := $(shell pkg-config --libs $(PKGS_DL) 2>/dev/null)
# What dlopen() asks for: the soname of the library the linker would have used (-lpq and so on).
DL_SONAMES := PQ:pq CURL:curl GMIME:gmime-3.0 MHD:microhttpd
WARN      := -Wall -Wextra -Werror -Wformat=2 -Wno-format-nonliteral -Wstrict-prototypes -Wmissing-prototypes
BASE_CFLAGS := -std=c11 -D_GNU_SOURCE $(WARN) -Isrc -Ibuild/gen $(PKG_CFLAGS) -DIDT_VERSION=\"$(VERSION)\"
CFLAGS    ?= -O2 -g
SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

SRC_LIB   := $(sort $(wildcard src/core/*.c src/draft/*.c src/db/*.c src/auth/*.c src/mail/*.c src/submit/*.c src/http/*.c src/web/*.c src/api/*.c src/wg/*.c src/doc/*.c src/liaison/*.c)) \
             $(filter-out src/main.c,$(wildcard src/*.c))
SQL_FILES := $(sort $(wildcard src/db/sql/*.sql))
STATIC_FILES := $(sort $(wildcard web/static/*))
GEN       := build/gen/embed_sql.c build/gen/embed_static.c build/gen/rng_tables.c
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))

OBJ       := $(SRC_LIB:%.c=build/obj/%.o) $(GEN:build/gen/%.c=build/obj/gen/%.o)
SAN_OBJ   := $(SRC_LIB:%.c=build/asan/obj/%.o) $(GEN:build/gen/%.c=build/asan/obj/gen/%.o)
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=build/tests/%)
SAN_UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=build/asan/tests/%)

.PHONY: all run check unit e2e browser fuzz bench clean deps
all: build/idtracker

deps:
	@bash scripts/deps.sh

build/embed: tools/embed.c
	@mkdir -p $(@D)
	@$(CC) -O1 -o $@ $<

# The folder too: its time changes when a migration is added or removed, and removing one must
# rebuild the list (a removed prerequisite alone does not).
build/gen/embed_sql.c: build/embed $(SQL_FILES) src/db/sql
	@mkdir -p $(@D)
	@build/embed embedded_sql $@ $(SQL_FILES)

# xml2rfc's v3 grammar as automata for src/draft/rng.c (tools/rngc.c stops the build on a grammar
# it cannot compile exactly)
build/rngc: tools/rngc.c src/draft/rfcxml_rng.h src/draft/rng_tables.h
	@mkdir -p $(@D)
	@$(CC) -std=c11 -D_GNU_SOURCE $(WARN) -Isrc $(shell pkg-config --cflags libxml-2.0) -O1 -o $@ $< \
	    $(shell pkg-config --libs libxml-2.0)

build/gen/icu_none.c: scripts/icu_none.sh $(XML2_A)
	@mkdir -p $(@D)
	@bash scripts/icu_none.sh $(XML2_A) > $@

build/gen/rng_tables.c: build/rngc
	@mkdir -p $(@D)
	@build/rngc $@

build/gen/embed_static.c: build/embed $(STATIC_FILES)
	@mkdir -p $(@D)
	@build/embed embedded_static $@ $(STATIC_FILES)

# SONAME_PQ "libpq.so.5" and so on, read off the development libraries, so the name dlopen() asks
# for is the one this system's linker would have recorded. A library without one fails the build.
build/gen/sonames.h: Makefile
	@mkdir -p $(@D)
	@set -e; { echo '/* sonames.h: generated by the Makefile from the development libraries; do not edit. */'; \
	for p in $(DL_SONAMES); do \
	    f=$$($(CC) -print-file-name=lib$${p#*:}.so); \
	    n=$$(objdump -p "$$f" 2>/dev/null | awk '/SONAME/{print $$2}'); \
	    [ -n "$$n" ] || { echo "sonames.h: no soname for lib$${p#*:}.so ($$f): is its -dev package installed?" >&2; exit 1; }; \
	    echo "#define SONAME_$${p%%:*}	\"$$n\""; \
	done; } >$@.tmp && mv $@.tmp $@

build/obj/%.o: %.c | build/gen/sonames.h
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(BASE_CFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

build/obj/gen/%.o: build/gen/%.c
	@mkdir -p $(@D)
	@$(CC) $(BASE_CFLAGS) $(CFLAGS) -c -o $@ $<

build/asan/obj/%.o: %.c | build/gen/sonames.h
	@mkdir -p $(@D)
	@echo "  CC-SAN  $<"
	@$(CC) $(BASE_CFLAGS) $(SAN_FLAGS) -MMD -MP -c -o $@ $<

build/asan/obj/gen/%.o: build/gen/%.c
	@mkdir -p $(@D)
	@$(CC) $(BASE_CFLAGS) $(SAN_FLAGS) -c -o $@ $<

build/libidt.a: $(OBJ)
	@ar rcs $@ $^

build/asan/libidt.a: $(SAN_OBJ)
	@ar rcs $@ $^

build/idtracker: build/obj/src/main.o build/libidt.a $(LIBS_A) | $(XML2_STUB)
	@echo "  LINK    $@"
	@$(CC) $(CFLAGS) -o $@ build/obj/src/main.o build/libidt.a $(PKG_LIBS)

build/asan/idtracker: build/asan/obj/src/main.o build/asan/libidt.a | $(XML2_STUB)
	@echo "  LINK    $@"
	@$(CC) $(SAN_FLAGS) -o $@ $^ $(PKG_LIBS)

build/tests/%: tests/unit/%.c build/libidt.a | $(XML2_STUB)
	@mkdir -p $(@D)
	@echo "  TEST    $@"
	@$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ $^ $(PKG_LIBS) $(PKG_LIBS_DL) -lcmocka

build/asan/tests/%: tests/unit/%.c build/asan/libidt.a | $(XML2_STUB)
	@mkdir -p $(@D)
	@echo "  TEST    $@"
	@$(CC) $(BASE_CFLAGS) $(SAN_FLAGS) -o $@ $^ $(PKG_LIBS) $(PKG_LIBS_DL) -lcmocka

unit-bins: $(UNIT_BIN)
asan-bins: build/asan/idtracker $(SAN_UNIT_BIN)

# The sacred two (README.md).
run: deps
	@$(MAKE) --no-print-directory build/idtracker
	@bash scripts/run.sh

check: deps
	@$(MAKE) --no-print-directory build/idtracker unit-bins asan-bins
	@bash scripts/check.sh

unit: build/idtracker unit-bins
	@bash scripts/check.sh unit

e2e: build/idtracker
	@bash scripts/check.sh e2e

browser: build/idtracker
	@bash scripts/check.sh browser

FUZZ_SRC  := $(sort $(wildcard fuzz/fuzz_*.c))
FUZZ_BIN  := $(FUZZ_SRC:fuzz/%.c=build/fuzz/%)
FUZZ_TIME ?= 20
build/fuzz/%: fuzz/%.c $(SRC_LIB) $(GEN) build/gen/sonames.h | $(XML2_STUB)
	@mkdir -p $(@D)
	clang $(BASE_CFLAGS) -Wno-unused-command-line-argument -O1 -g -fsanitize=fuzzer,address,undefined \
	    -o $@ $< $(SRC_LIB) $(GEN) $(PKG_LIBS) $(PKG_LIBS_DL)

fuzz: $(FUZZ_BIN)
	@bash scripts/fuzz.sh $(FUZZ_TIME) $(FUZZ_BIN)

bench: build/idtracker
	@bash bench/http.sh

# The renderer's pipeline in one process, per stage, in CPU time (bench/render_inproc.c).
build/bench/%: bench/%.c build/libidt.a | $(XML2_STUB)
	@mkdir -p $(@D)
	@echo "  BENCH   $@"
	@$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

clean:
	rm -rf build

-include $(OBJ:.o=.d) $(SAN_OBJ:.o=.d) build/obj/src/main.d build/asan/obj/src/main.d
