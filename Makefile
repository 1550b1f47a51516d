# idtracker: one binary. `make` builds build/idtracker; `make run` sets up and serves the demo;
# `make check` runs every test (unit, e2e, browser, and unit + e2e again under ASan/UBSan).

VERSION   := 0.1.0
CC        ?= cc
PKGS      := libmicrohttpd sqlite3 libpq libsodium jansson libxml-2.0 libcurl gmime-3.0 libpcre2-8
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS  := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread
WARN      := -Wall -Wextra -Werror -Wformat=2 -Wno-format-nonliteral -Wstrict-prototypes -Wmissing-prototypes
BASE_CFLAGS := -std=c11 -D_GNU_SOURCE $(WARN) -Isrc -Ibuild/gen $(PKG_CFLAGS) -DIDT_VERSION=\"$(VERSION)\"
CFLAGS    ?= -O2 -g
SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

SRC_LIB   := $(sort $(wildcard src/core/*.c src/draft/*.c src/db/*.c src/auth/*.c src/mail/*.c src/submit/*.c src/http/*.c src/web/*.c src/api/*.c src/wg/*.c src/doc/*.c src/liaison/*.c)) \
             $(filter-out src/main.c,$(wildcard src/*.c))
SQL_FILES := $(sort $(wildcard src/db/sql/*.sql))
STATIC_FILES := $(sort $(wildcard web/static/*))
GEN       := build/gen/embed_sql.c build/gen/embed_static.c
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

build/gen/embed_static.c: build/embed $(STATIC_FILES)
	@mkdir -p $(@D)
	@build/embed embedded_static $@ $(STATIC_FILES)

build/obj/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(BASE_CFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

build/obj/gen/%.o: build/gen/%.c
	@mkdir -p $(@D)
	@$(CC) $(BASE_CFLAGS) $(CFLAGS) -c -o $@ $<

build/asan/obj/%.o: %.c
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

build/idtracker: build/obj/src/main.o build/libidt.a
	@echo "  LINK    $@"
	@$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

build/asan/idtracker: build/asan/obj/src/main.o build/asan/libidt.a
	@echo "  LINK    $@"
	@$(CC) $(SAN_FLAGS) -o $@ $^ $(PKG_LIBS)

build/tests/%: tests/unit/%.c build/libidt.a
	@mkdir -p $(@D)
	@echo "  TEST    $@"
	@$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ $^ $(PKG_LIBS) -lcmocka

build/asan/tests/%: tests/unit/%.c build/asan/libidt.a
	@mkdir -p $(@D)
	@echo "  TEST    $@"
	@$(CC) $(BASE_CFLAGS) $(SAN_FLAGS) -o $@ $^ $(PKG_LIBS) -lcmocka

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
build/fuzz/%: fuzz/%.c $(SRC_LIB) $(GEN)
	@mkdir -p $(@D)
	clang $(BASE_CFLAGS) -Wno-unused-command-line-argument -O1 -g -fsanitize=fuzzer,address,undefined \
	    -o $@ $< $(SRC_LIB) $(GEN) $(PKG_LIBS)

fuzz: $(FUZZ_BIN)
	@bash scripts/fuzz.sh $(FUZZ_TIME) $(FUZZ_BIN)

bench: build/idtracker
	@bash bench/http.sh

# The renderer's pipeline in one process, per stage, in CPU time (bench/render_inproc.c).
build/bench/%: bench/%.c build/libidt.a
	@mkdir -p $(@D)
	@echo "  BENCH   $@"
	@$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

clean:
	rm -rf build

-include $(OBJ:.o=.d) $(SAN_OBJ:.o=.d) build/obj/src/main.d build/asan/obj/src/main.d
