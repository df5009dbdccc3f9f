# Gazette - GNU make.
#
#   make run     install missing Debian packages, build, index corpus/, search
#   make test    the same set-up, then every test (unit and end-to-end)
#   make eval    ranking quality on ../shared/eval's judged collections
#   make asan    build and test with AddressSanitizer + UBSan in build-asan/
#   make install PREFIX=/usr/local DESTDIR=   programs, library, header,
#                gazette.pc, man pages, completions; make uninstall undoes it
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
VERSION   := $(shell sed -n 's/^\#define GAZETTE_VERSION_STRING "\(.*\)"/\1/p' include/gazette.h)
SOVERSION := $(shell sed -n 's/^\#define GAZETTE_VERSION_MAJOR \([0-9]*\)/\1/p' include/gazette.h)
SONAME    := libgazette.so.$(SOVERSION)
SOLIB     := $(B)/$(SONAME)

INDEX_OBJ  := $(patsubst %.c,$(B)/%.o,$(wildcard indexer/*.c))
SEARCH_OBJ := $(patsubst %.c,$(B)/%.o,$(wildcard searcher/*.c))
PROGS      := $(B)/gazette-index $(B)/gazette-search

UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
TEST_HELPERS := $(patsubst tests/helpers/%.c,$(B)/tests/%,$(wildcard tests/helpers/*.c))

DEMO_INDEX := $(B)/demo-index

.PHONY: all build deps run test check eval asan clean bench install uninstall
# Keep the objects of tests and helpers: they are not intermediate files.
.SECONDARY:
.DEFAULT_GOAL := all

all: $(DEPS_OK)
	@$(MAKE) --no-print-directory build

build: $(PROGS) $(SOLIB) $(B)/libgazette.so $(UNIT_BIN) $(TEST_HELPERS)

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

# Benchmarks on ../shared/corpus against scriptindex/quest, SQLite FTS5 and
# rg (installed by tests/bench/setup.sh): builds, per-process and in-process
# query latency, incremental runs.  Writes $(B)/bench/RESULTS.md; figures
# go into BENCHMARKS.md by hand, with the command that made them.
BENCH_INPROC := $(B)/bench/inproc

$(BENCH_INPROC): $(B)/tests/bench/inproc.o $(LIB)
	@mkdir -p $(dir $@)
	$(LINK) -o $@ $^ $(PKG_LIBS)

bench: all
	@$(MAKE) --no-print-directory $(BENCH_INPROC)
	@B=$(B) tests/bench/run.sh
	@B=$(B) tests/bench/shards.sh $(B)/bench/shards.md

clean:
	rm -rf build build-asan

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
