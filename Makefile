# Gazette - GNU make.
#
#   make run     install missing Debian packages, build, index corpus/, search
#   make test    the same set-up, then every test (unit and end-to-end) on
#                this build and under ASan + UBSan, and each fuzz target
#                for FUZZ_SECONDS (tests/check.sh); make quick: only the
#                first
#   make eval    ranking quality on ../shared/eval's judged collections, with
#                cross-validation (a few minutes)
#   make asan    build and test with AddressSanitizer + UBSan in build-asan/
#   make fuzz    build the libFuzzer targets (clang, build-fuzz/) and run each
#                for FUZZ_SECONDS (default 60), two at a time; fuzz-build
#                only builds them (tests/fuzz/run.sh --replay replays them)
#   make valgrind   the end-to-end tests with every program under memcheck
#   make soak    the model-based incremental test (t205) on random seeds for
#                SOAK_SECONDS (default 600); a failure prints its seed
#   make install PREFIX=/usr/local DESTDIR=   programs, library, header,
#                gazette.pc, man pages, completions; make uninstall undoes it
#
# Everything is built under $(B)/ (build/ by default).

B        ?= build
CC       ?= cc
CXX      ?= c++
PKGS     := xapian-core zlib libutf8proc jansson libxml-2.0 libbrotlidec \
            libexttextcat
OPT      ?= -O2
SANITIZE ?=

DEPS_OK  := $(B)/.deps-ok

# pkg-config is asked only after deps.sh has run (it may install pkg-config).
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lstemmer -lpthread
# The programs take utf8proc, jansson and libstemmer from their static
# archives (Debian's -dev packages ship them; shared where one is missing),
# both the same way, so that gazette-index and gazette-search always stem
# alike.  gazette-search runs once per query, and a page fault costs
# 10-30 us on our machine: libstemmer's 10,800 relocations alone dirtied
# about 25 pages at every start.  Linked without PIE as well, its start-up
# is libxapian's own (BENCHMARKS.md, doc/DECISIONS.md).
SMALL_PKGS  := libutf8proc jansson
have_static  = $(filter /%,$(shell $(CC) -print-file-name=lib$(1).a))
SMALL_SHARED := -lutf8proc -ljansson -lstemmer
SMALL_STATIC := -Wl,-Bstatic $(SMALL_SHARED) -Wl,-Bdynamic
SMALL_LIBS   = $(shell pkg-config --libs-only-L $(SMALL_PKGS) 2>/dev/null) \
    $(if $(and $(call have_static,utf8proc),$(call have_static,jansson),$(call have_static,stemmer)),$(SMALL_STATIC),$(SMALL_SHARED))
# libxml2 and Brotli serve gazette-index's web formats only, and
# libexttextcat its language detection: --as-needed keeps gazette-search
# from loading them at every start.
WEB_LIBS     = -Wl,--as-needed \
               $(shell pkg-config --libs libxml-2.0 libbrotlidec libexttextcat 2>/dev/null) \
               -Wl,--no-as-needed
PROG_LIBS    = $(shell pkg-config --libs xapian-core zlib 2>/dev/null) \
               $(WEB_LIBS) $(SMALL_LIBS) -lpthread
SEARCH_LINK  = $(LINK) $(if $(SANITIZE),,-no-pie)

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
VERSION   := $(shell sed -n 's/^\#define GAZETTE_VERSION_STRING "\(.*\)"/\1/p' include/gazette.h)
SOVERSION := $(shell sed -n 's/^\#define GAZETTE_VERSION_MAJOR \([0-9]*\)/\1/p' include/gazette.h)
SONAME    := libgazette.so.$(SOVERSION)
SOLIB     := $(B)/$(SONAME)

# What both programs share that the library must not hold (messages on
# stderr, JSON text): common/cli/, linked into the programs and the test
# helpers, never into libgazette.
CLI_OBJ    := $(patsubst %.c,$(B)/%.o,$(wildcard common/cli/*.c))
CLI_LIB    := $(B)/common/cli.a
INDEX_OBJ  := $(patsubst %.c,$(B)/%.o,$(wildcard indexer/*.c))
SEARCH_OBJ := $(patsubst %.c,$(B)/%.o,$(wildcard searcher/*.c))
PROGS      := $(B)/gazette-index $(B)/gazette-search

UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
TEST_HELPERS := $(patsubst tests/helpers/%.c,$(B)/tests/%,$(wildcard tests/helpers/*.c))

# Fuzz targets (tests/fuzz/fuzz_NAME.c); the corpus ones share a driver.
FUZZ_NAMES  := query date tokenize article jsonl gzip html warc feed
FUZZ_CORPUS := article jsonl gzip html
FUZZ_REPLAY := $(FUZZ_NAMES:%=$(B)/tests/fuzz-replay-%)

DEMO_INDEX := $(B)/demo-index

.PHONY: all build deps run test quick check eval asan asan-build clean bench \
        bench-scale install uninstall fuzz fuzz-build fuzz-targets valgrind \
        soak static-search bench-lang lang-accuracy stoplists
# Keep the objects of tests and helpers: they are not intermediate files.
.SECONDARY:
.DEFAULT_GOAL := all

all: $(DEPS_OK)
	@$(MAKE) --no-print-directory build

build: $(PROGS) $(SOLIB) $(B)/libgazette.so $(UNIT_BIN) $(TEST_HELPERS) \
       $(FUZZ_REPLAY)

$(DEPS_OK): build-aux/deps.sh
	@mkdir -p $(B)
	@build-aux/deps.sh
	@touch $@

deps:
	@build-aux/deps.sh

# The stop lists of --any (common/stoplists.{h,c}, committed): made again
# from postgresql-15's Snowball lists, folded by this tree's tokenizer.
# Needs the postgresql-15 package; the build itself does not.
stoplists: $(B)/tests/gz-fold
	build-aux/gen-stoplists.py --fold $(B)/tests/gz-fold --out common

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(B)/common/xapian_wrap.o: common/xapian_wrap.cc
	@mkdir -p $(dir $@)
	$(CXX) $(ALL_CXXFLAGS) -c $< -o $@

$(CLI_LIB): $(CLI_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(LIB): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

# ---- libgazette.so: exports include/gazette.h's gz_ calls and nothing else.
# Library objects are position-independent (the same objects make the .a)
# and hidden unless marked GZ_EXPORT; the version script also hides what
# the compiler exports anyway (C++ template instances).  A change of these
# flags or of the libstemmer version rebuilds the library objects.
LIB_FLAGS := -fPIC -fvisibility=hidden
# libstemmer has no version call: --version shows its Debian package's.
STEMMER_VERSION := $(or $(shell dpkg-query -W -f='$${Version}' libstemmer0d 2>/dev/null),unknown)

$(LIB_OBJ): ALL_CFLAGS += $(LIB_FLAGS)
$(LIB_OBJ): ALL_CXXFLAGS += $(LIB_FLAGS)
$(LIB_OBJ): $(B)/.lib-flags
$(B)/common/stem.o: ALL_CFLAGS += -DGZ_LIBSTEMMER_VERSION='"$(STEMMER_VERSION)"'
# Where libexttextcat-data keeps the language models detect.c loads.
$(B)/common/detect.o: ALL_CFLAGS += \
    -DGZ_TEXTCAT_DATA='"$(shell pkg-config --variable=pkgdatadir libexttextcat 2>/dev/null)/"'

$(B)/.lib-flags: FORCE
	@mkdir -p $(B)
	@echo '$(LIB_FLAGS) libstemmer=$(STEMMER_VERSION)' | cmp -s - $@ || \
	    echo '$(LIB_FLAGS) libstemmer=$(STEMMER_VERSION)' > $@
.PHONY: FORCE
FORCE:

$(SOLIB): $(LIB_OBJ) build-aux/libgazette.map
	$(LINK) -shared -Wl,-soname,$(SONAME) \
	    -Wl,--version-script=build-aux/libgazette.map \
	    $(if $(SANITIZE),,-Wl,--no-undefined) -o $@ $(LIB_OBJ) $(PKG_LIBS)

$(B)/libgazette.so: $(SOLIB)
	ln -sf $(SONAME) $@

$(B)/gazette-index: $(INDEX_OBJ) $(CLI_LIB) $(LIB) Makefile
	$(LINK) -o $@ $(filter-out Makefile,$^) $(PROG_LIBS)

$(B)/gazette-search: $(SEARCH_OBJ) $(CLI_LIB) $(LIB) Makefile
	$(SEARCH_LINK) -o $@ $(filter-out Makefile,$^) $(PROG_LIBS)

# ---- Opt-in: `make static-search` links gazette-search with a static
# libxapian built from Debian's xapian-core source package
# (build-aux/static-xapian.sh, once, into $(B)/static-xapian/), and with
# libstdc++, libgcc, zlib and libuuid static too: only libc and libm stay
# dynamic.  Never part of all, test or install (README, doc/DECISIONS.md).
STATIC_XAPIAN := $(B)/static-xapian/lib/libxapian.a
STATIC_SEARCH_LIBS = $(STATIC_XAPIAN) -Wl,-Bstatic -luuid -lz -Wl,-Bdynamic \
                     $(WEB_LIBS) $(SMALL_LIBS) -lpthread
static-search: $(DEPS_OK)
	@$(MAKE) --no-print-directory $(B)/gazette-search-static
$(STATIC_XAPIAN):
	+build-aux/static-xapian.sh $(B)/static-xapian
$(B)/gazette-search-static: $(SEARCH_OBJ) $(CLI_LIB) $(LIB) $(STATIC_XAPIAN) Makefile
	$(SEARCH_LINK) -static-libstdc++ -static-libgcc -o $@ \
	    $(filter %.o,$^) $(CLI_LIB) $(LIB) $(STATIC_SEARCH_LIBS)

$(B)/tests/%: $(B)/tests/unit/%.o $(CLI_LIB) $(LIB)
	$(LINK) -o $@ $(filter %.o,$^) $(filter %.a,$^) $(PKG_LIBS) -lcmocka

# The generation lifecycle is gazette-index's (indexer/), tested on its own.
$(B)/tests/unit/test_generation.o: ALL_CFLAGS += -Iindexer
$(B)/tests/test_generation: $(B)/indexer/generation.o
# The order files are read in is gazette-index's walk's.
$(B)/tests/unit/test_walk.o: ALL_CFLAGS += -Iindexer
$(B)/tests/test_walk: $(B)/indexer/walk.o
# The progress line's estimate is gazette-index's, tested on its own.
$(B)/tests/unit/test_progress.o: ALL_CFLAGS += -Iindexer
$(B)/tests/test_progress: $(B)/indexer/progress.o
# The WARC tests compress bodies with Brotli's encoder, which only they use.
$(B)/tests/test_warc: PKG_LIBS += -lbrotlienc
# The timeline's periods are gazette-search's (searcher/), tested on their own.
$(B)/tests/unit/test_timeline.o: ALL_CFLAGS += -Isearcher
$(B)/tests/test_timeline: $(B)/searcher/timeline.o

# Its open() stands in for libc's inside libxapian too (a stale version
# file, for the open-during-commits race), so the dynamic linker must see it.
$(B)/tests/test_xapian_wrap: LINK += -Wl,--export-dynamic-symbol=open

# gz-files prints the indexer's file bookkeeping (indexer/filestate.c).
$(B)/tests/helpers/gz-files.o: ALL_CFLAGS += -Iindexer
$(B)/tests/gz-files: $(B)/indexer/filestate.o

$(B)/tests/%: $(B)/tests/helpers/%.o $(CLI_LIB) $(LIB)
	$(LINK) -o $@ $^ $(PKG_LIBS)

# Each fuzz target linked with a main() that runs it over the files given
# (tests/fuzz/replay_main.c): the seeds and every regression input replay
# in each `make test` (t060) and `make asan`, without clang or libFuzzer.
$(B)/tests/fuzz-replay-%: $(B)/tests/fuzz/replay_main.o $(B)/tests/fuzz/fuzz_%.o $(LIB)
	$(LINK) -o $@ $(filter %.o,$^) $(LIB) $(PKG_LIBS)
$(FUZZ_CORPUS:%=$(B)/tests/fuzz-replay-%): $(B)/tests/fuzz/fuzz_corpus.o

# The bundled corpus, indexed and searched: what a new user sees first.
run: all
	@rm -rf $(DEMO_INDEX)
	$(B)/gazette-index -d $(DEMO_INDEX) corpus/
	$(B)/gazette-search -d $(DEMO_INDEX) -n 5 olympic boycott
	@echo
	$(B)/gazette-search -d $(DEMO_INDEX) -n 5 --format json interest rates
	@echo
	$(B)/gazette-search -d $(DEMO_INDEX) -n 3 dockworkers strike
	@echo
	$(B)/gazette-search -d $(DEMO_INDEX) -n 3 Hafen Streiks
	@echo
	$(B)/gazette-search -d $(DEMO_INDEX) -n 3 罢工

# Every test, three ways (tests/check.sh): on this build, on the
# AddressSanitizer + UBSan build, and each fuzz target for FUZZ_SECONDS.
# `make quick` runs only the first.
test: all asan-build fuzz-build
	@B=$(B) FUZZ_SECONDS=$(FUZZ_SECONDS) tests/check.sh

quick: all
	@B=$(B) tests/run.sh

check: test

# Ranking quality on the judged test collections in ../shared/eval: the
# defaults' table beside the baselines, then the leave-one-collection-out
# cross-validation over tests/eval/grid.txt (2 searches at a time, scores
# cached in $(B)/eval/cv-cache); fails when the defaults are not the setting
# chosen on all five (RANKING.md).  Skips when ../shared is absent.
eval: all
	@/usr/bin/python3 tests/eval/run-eval.py --bin $(B); rc=$$?; \
	    [ $$rc -eq 77 ] && exit 0; exit $$rc

# The whole suite again under AddressSanitizer and UBSan, in its own tree.
asan: asan-build
	@B=build-asan ASAN_OPTIONS=detect_leaks=1 tests/run.sh

asan-build: $(DEPS_OK)
	@$(MAKE) --no-print-directory B=build-asan OPT=-O1 \
	    SANITIZE="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	    build

# ---- Fuzzing: libFuzzer targets for the query and date parsers, the
# tokenizer (with the stem cache), and the article-file, JSON Lines and
# gzip readers, built with clang, ASan and UBSan into build-fuzz/ (the
# library too, with coverage).  `make fuzz` runs each for FUZZ_SECONDS,
# two at a time, over a scratch copy of tests/fuzz/seeds/ and regress/;
# it fails on any crash, leak or timeout and names the input that caused
# it (tests/fuzz/run.sh).  clang and its fuzzer runtime are installed
# like the other packages.
FUZZ_B       := build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_SANITIZE := -fsanitize=fuzzer-no-link,address,undefined \
                 -fno-omit-frame-pointer -fno-sanitize-recover=undefined

fuzz-build: $(DEPS_OK)
	@GAZETTE_EXTRA_PACKAGES="clang libclang-rt-14-dev" build-aux/deps.sh
	@$(MAKE) --no-print-directory B=$(FUZZ_B) CC=clang CXX=clang++ OPT=-O1 \
	    SANITIZE="$(FUZZ_SANITIZE)" fuzz-targets

fuzz: fuzz-build
	@B=$(FUZZ_B) FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run.sh

# Called by fuzz-build with B=build-fuzz and the flags above; the link
# swaps fuzzer-no-link for fuzzer, which brings libFuzzer's main().
fuzz-targets: $(FUZZ_NAMES:%=$(B)/fuzz/fuzz_%)

$(B)/fuzz/fuzz_%: $(B)/tests/fuzz/fuzz_%.o $(LIB)
	@mkdir -p $(dir $@)
	$(CXX) $(subst fuzzer-no-link,fuzzer,$(SANITIZE)) $(LDFLAGS) -o $@ \
	    $(filter %.o,$^) $(LIB) $(PKG_LIBS)
$(FUZZ_CORPUS:%=$(B)/fuzz/fuzz_%): $(B)/tests/fuzz/fuzz_corpus.o

# ---- Valgrind: the end-to-end tests with gazette-index and
# gazette-search run under memcheck (GAZETTE_WRAP, read by
# tests/e2e/lib.sh; t060 runs the fuzz replays under it too).  Any error,
# or a definite or possible leak, fails: each process writes its own log
# into $(B)/valgrind/ and a non-empty log is a failure, so errors in a
# pipeline or a command whose exit status a test ignores still count.
# Suppressions (build-aux/valgrind.supp) only for noise in the libraries
# we use, each with its reason.  Left out:
#  - slow under valgrind for no gain: t100, t150, t170, t400 and t600
#    index or search the collections of ../shared/corpus; t500 reads a
#    3 GB file;
#  - measure time or memory, which valgrind multiplies: t505 (peak RSS),
#    t515 (seconds for a gzip bomb), t210, t230 and t545 (kills, races and
#    signals at chosen moments);
#  - run no program through $IDX/$SRCH: t161 (run-eval.py --bin), t310
#    (installs), t320 and t340 ($BIN/... --help);
#  - t550 traces every file written, and valgrind writes its logs.
VALGRIND_SKIP := t100 t150 t161 t170 t210 t230 t310 t320 t340 t400 t500 t505 \
                 t515 t545 t550 t600
# VALGRIND_FLAGS="--track-origins=yes" tells where an uninitialised value
# came from (twice as slow, so not by default).  VALGRIND_JOBS tests run
# side by side (default: the cores, as tests/run.sh does).
VALGRIND_FLAGS ?=
VALGRIND_JOBS  ?= $(shell nproc 2>/dev/null || echo 1)
VALGRIND := valgrind -q --tool=memcheck --error-exitcode=99 \
    --leak-check=full --show-leak-kinds=definite,possible \
    --errors-for-leak-kinds=definite,possible $(VALGRIND_FLAGS) \
    --suppressions=$(CURDIR)/build-aux/valgrind.supp \
    --log-file=$(CURDIR)/$(B)/valgrind/vg.%p.log

valgrind: all
	@GAZETTE_EXTRA_PACKAGES=valgrind build-aux/deps.sh
	@rm -rf $(B)/valgrind && mkdir -p $(B)/valgrind && chmod 1777 $(B)/valgrind
	@fail=0; for t in tests/e2e/t*.sh; do \
	    t=$$(basename $$t .sh); \
	    case " $(VALGRIND_SKIP) " in *" $${t%%-*} "*) continue;; esac; \
	    echo $$t; \
	done | xargs -n 1 -P $(VALGRIND_JOBS) sh -c \
	    'out=$$(B=$(B) TESTS=$$0 GAZETTE_WRAP="$(VALGRIND)" tests/run.sh); rc=$$?; \
	     printf "%s\n" "$$out" | grep -v "passed, .* failed, "; exit $$rc' || fail=1; \
	for log in $(B)/valgrind/vg.*.log; do \
	    [ -s "$$log" ] || continue; fail=1; \
	    echo "valgrind: $$log:"; head -n 40 "$$log"; \
	done; \
	[ $$fail = 0 ] && echo "valgrind: clean" || { echo "valgrind: FAILED"; exit 1; }

# Benchmarks on ../shared/corpus against scriptindex/quest, SQLite FTS5 and
# rg (installed by tests/bench/setup.sh): builds, per-process and in-process
# query latency, incremental runs.  Writes $(B)/bench/RESULTS.md; figures
# go into BENCHMARKS.md by hand, with the command that made them.
BENCH_INPROC := $(B)/bench/inproc

$(BENCH_INPROC): $(B)/tests/bench/inproc.o $(CLI_LIB) $(LIB)
	@mkdir -p $(dir $@)
	$(LINK) -o $@ $^ $(PKG_LIBS)

# The model-based test of the incremental promise (t205) with random seeds
# for SOAK_SECONDS (default 600); a failure prints its seed.
SOAK_SECONDS ?= 600
soak: all
	@d=$$(mktemp -d); chmod 755 $$d; \
	python3 tests/e2e/model.py $(B) $$d --seconds $(SOAK_SECONDS); rc=$$?; \
	chmod -R u+rwX $$d; rm -rf $$d; exit $$rc

bench: all
	@$(MAKE) --no-print-directory $(BENCH_INPROC)
	@B=$(B) tests/bench/run.sh
	@B=$(B) tests/bench/shards.sh $(B)/bench/shards.md

# Gazette against SQLite FTS5 on synthetic news at SCALES x the shared
# corpus (default "1 10 35"; 35x: a million articles, hours; SCALES=0.1
# runs in minutes); JOBS sets gazette-index -j.  Writes $(B)/bench/scale.md.
# Not part of test or bench.
SCALES ?= 1 10 35
bench-scale: all
	@$(MAKE) --no-print-directory $(BENCH_INPROC)
	@B=$(B) SCALES="$(SCALES)" JOBS="$(JOBS)" tests/bench/scale.sh

# The multilingual schema (issue 22) against the English-only one of
# BASE_REV (default: the tree before issue 22, built under
# $(B)/bench/base), on ../shared/corpus and on the web pages of
# ../shared/formats/html: builds, sizes, per-process search, NEW's top 10
# against BASE's.  Writes $(B)/bench/lang.md.  Not part of test or bench.
bench-lang: all
	@B=$(B) BASE_REV="$(BASE_REV)" JOBS="$(JOBS)" tests/bench/lang.sh

# Language detection (issue 22, common/detect.c): accuracy on the pages of
# ../shared/formats/html whose language is known, non-English answers on
# the English ../shared/corpus, and its CPU against a build's
# (tests/bench/lang-accuracy.sh).  Writes $(B)/bench/lang-accuracy.md.
lang-accuracy: $(DEPS_OK)
	@$(MAKE) --no-print-directory $(B)/tests/gz-detect
	@B=$(B) tests/bench/lang-accuracy.sh

clean:
	rm -rf build build-asan build-fuzz

# ---- Install ----------------------------------------------------------------
PREFIX       ?= /usr/local
BINDIR       ?= $(PREFIX)/bin
LIBDIR       ?= $(PREFIX)/lib
INCLUDEDIR   ?= $(PREFIX)/include
MANDIR       ?= $(PREFIX)/share/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
BASHCOMPDIR  ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR   ?= $(PREFIX)/share/zsh/site-functions
INSTALL      ?= install
D            := $(DESTDIR)

MAN1 := doc/man/gazette-index.1 doc/man/gazette-search.1
MAN7 := doc/man/gazette.7

# Installs what `make` built (run `make` first as yourself, then
# `sudo make install`); builds only what is missing or stale.
install: $(PROGS) $(LIB) $(SOLIB)
	$(INSTALL) -d $(D)$(BINDIR) $(D)$(LIBDIR) $(D)$(INCLUDEDIR) \
	    $(D)$(PKGCONFIGDIR) $(D)$(MANDIR)/man1 $(D)$(MANDIR)/man7 \
	    $(D)$(BASHCOMPDIR) $(D)$(ZSHCOMPDIR)
	$(INSTALL) -m 755 $(PROGS) $(D)$(BINDIR)/
	$(INSTALL) -m 644 $(LIB) $(D)$(LIBDIR)/
	$(INSTALL) -m 755 $(SOLIB) $(D)$(LIBDIR)/
	ln -sf $(SONAME) $(D)$(LIBDIR)/libgazette.so
	$(INSTALL) -m 644 include/gazette.h $(D)$(INCLUDEDIR)/
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' -e 's|@VERSION@|$(VERSION)|g' \
	    build-aux/gazette.pc.in > $(D)$(PKGCONFIGDIR)/gazette.pc
	chmod 644 $(D)$(PKGCONFIGDIR)/gazette.pc
	$(INSTALL) -m 644 $(MAN1) $(D)$(MANDIR)/man1/
	$(INSTALL) -m 644 $(MAN7) $(D)$(MANDIR)/man7/
	$(INSTALL) -m 644 completions/gazette.bash $(D)$(BASHCOMPDIR)/gazette-search
	ln -sf gazette-search $(D)$(BASHCOMPDIR)/gazette-index
	$(INSTALL) -m 644 completions/_gazette $(D)$(ZSHCOMPDIR)/_gazette

uninstall:
	rm -f $(D)$(BINDIR)/gazette-index $(D)$(BINDIR)/gazette-search \
	    $(D)$(LIBDIR)/libgazette.a $(D)$(LIBDIR)/$(SONAME) \
	    $(D)$(LIBDIR)/libgazette.so $(D)$(INCLUDEDIR)/gazette.h \
	    $(D)$(PKGCONFIGDIR)/gazette.pc \
	    $(addprefix $(D)$(MANDIR)/man1/,$(notdir $(MAN1))) \
	    $(addprefix $(D)$(MANDIR)/man7/,$(notdir $(MAN7))) \
	    $(D)$(BASHCOMPDIR)/gazette-search $(D)$(BASHCOMPDIR)/gazette-index \
	    $(D)$(ZSHCOMPDIR)/_gazette

-include $(shell find $(B) -name '*.d' 2>/dev/null)
