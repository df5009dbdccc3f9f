# Gazette - GNU make.
#
#   make run     install missing Debian packages, build, index corpus/, search
#   make test    the same set-up, then every test (unit and end-to-end)
#   make eval    ranking quality on ../shared/eval's judged collections
#   make asan    build and test with AddressSanitizer + UBSan in build-asan/
#
# Everything is built under $(B)/ (build/ by default).

B        ?= build
CC       ?= cc
CXX      ?= c++
PKGS     := xapian-core zlib libutf8proc jansson
OPT      ?= -O2
SANITIZE ?=

DEPS_OK  := $(B)/.deps-ok

# pkg-config is asked only after deps.sh has run (it may install pkg-config).
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lstemmer -lpthread

WARN     := -Wall -Wextra
CFLAGS   ?= $(OPT) -g
CXXFLAGS ?= $(OPT) -g
ALL_CFLAGS   = -std=c11 -D_DEFAULT_SOURCE -D_FILE_OFFSET_BITS=64 $(WARN) \
               $(CFLAGS) $(SANITIZE) -Iinclude -Icommon $(PKG_CFLAGS) -MMD -MP
ALL_CXXFLAGS = -std=c++11 $(WARN) $(CXXFLAGS) $(SANITIZE) -Iinclude -Icommon \
               $(PKG_CFLAGS) -MMD -MP
LINK     = $(CXX) $(SANITIZE) $(LDFLAGS)

LIB_C    := $(sort $(wildcard common/*.c))
LIB_OBJ  := $(LIB_C:%.c=$(B)/%.o) $(B)/common/xapian_wrap.o
LIB      := $(B)/libgazette.a

INDEX_OBJ  := $(patsubst %.c,$(B)/%.o,$(wildcard indexer/*.c))
SEARCH_OBJ := $(patsubst %.c,$(B)/%.o,$(wildcard searcher/*.c))
PROGS      := $(B)/gazette-index $(B)/gazette-search

UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
TEST_HELPERS := $(patsubst tests/helpers/%.c,$(B)/tests/%,$(wildcard tests/helpers/*.c))

DEMO_INDEX := $(B)/demo-index

.PHONY: all build deps run test check eval asan clean bench
# Keep the objects of tests and helpers: they are not intermediate files.
.SECONDARY:
.DEFAULT_GOAL := all

all: $(DEPS_OK)
	@$(MAKE) --no-print-directory build

build: $(PROGS) $(UNIT_BIN) $(TEST_HELPERS)

$(DEPS_OK): build-aux/deps.sh
	@mkdir -p $(B)
	@build-aux/deps.sh
	@touch $@

deps:
	@build-aux/deps.sh

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(B)/common/xapian_wrap.o: common/xapian_wrap.cc
	@mkdir -p $(dir $@)
	$(CXX) $(ALL_CXXFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(B)/gazette-index: $(INDEX_OBJ) $(LIB)
	$(LINK) -o $@ $^ $(PKG_LIBS)

$(B)/gazette-search: $(SEARCH_OBJ) $(LIB)
	$(LINK) -o $@ $^ $(PKG_LIBS)

$(B)/tests/%: $(B)/tests/unit/%.o $(LIB)
	$(LINK) -o $@ $^ $(PKG_LIBS) -lcmocka

$(B)/tests/%: $(B)/tests/helpers/%.o $(LIB)
	$(LINK) -o $@ $^ $(PKG_LIBS)

# The bundled corpus, indexed and searched: what a new user sees first.
run: all
	@rm -rf $(DEMO_INDEX)
	$(B)/gazette-index -d $(DEMO_INDEX) corpus/
	$(B)/gazette-search -d $(DEMO_INDEX) -n 5 olympic boycott
	@echo
	$(B)/gazette-search -d $(DEMO_INDEX) -n 5 --format json interest rates

test: all
	@B=$(B) tests/run.sh

check: test

# Ranking quality on the judged test collections in ../shared/eval: one
# table beside the baselines (RANKING.md).  Skips when ../shared is absent.
eval: all
	@/usr/bin/python3 tests/eval/run-eval.py --bin $(B); rc=$$?; \
	    [ $$rc -eq 77 ] && exit 0; exit $$rc

# The whole suite again under AddressSanitizer and UBSan, in its own tree.
asan: $(DEPS_OK)
	@$(MAKE) --no-print-directory B=build-asan OPT=-O1 \
	    SANITIZE="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	    build
	@B=build-asan ASAN_OPTIONS=detect_leaks=1 tests/run.sh

# Benchmarks on ../shared/corpus; figures go into BENCHMARKS.md by hand,
# with the command that made them.
bench: all
	@B=$(B) tests/bench/incremental.sh

clean:
	rm -rf build build-asan

-include $(shell find $(B) -name '*.d' 2>/dev/null)
