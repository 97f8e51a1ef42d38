# Digital-skills kiosk. `make run` starts it, `make check` runs every test.
# Everything except main.o goes into build/libkiosk.a so the tests link the real code.

VERSION   := 0.1.0
BUILD     := build
CC        ?= cc
PKGS      := ncursesw sqlite3 libxcrypt xlsxwriter
# Debian packages, checked (and installed when root) before building: what building and
# running the kiosk needs (make run), and what only the tests need besides (make check), so a
# centre that only runs the kiosk never downloads a browser or an office suite.
DEB_PKGS  := gcc make pkg-config libncurses-dev libsqlite3-dev libunistring-dev libcrypt-dev \
             gettext espeak-ng libxlsxwriter-dev zlib1g-dev
TEST_PKGS := libcmocka-dev tmux python3 python3-openpyxl libreoffice-calc-nogui chromium \
             poppler-utils sqlite3

CFLAGS    ?= -O2 -g
# Flags the code needs whatever CFLAGS the caller gives (make asan replaces CFLAGS).
override CFLAGS += -std=c11 -pthread -Wall -Wextra -Wno-unused-parameter -MMD -MP \
             -DKIOSK_VERSION='"$(VERSION)"' -D_GNU_SOURCE
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libxlsxwriter is not linked: export_xlsx.c loads it (dlopen) for an xlsx export only, since
# with libcrypto, minizip and zlib it doubled the time and memory to the first screen.
# What the tests, bench and floor programs link: every library the code calls.  -pthread:
# the catalog parses lesson files on every core.
PKG_LIBS   = $(shell pkg-config --libs $(filter-out xlsxwriter,$(PKGS)) 2>/dev/null) -lunistring \
             -pthread
# Nor does the kiosk program link libsqlite3 (nor libm, which it pulls in), libcrypt or
# ncursesw: sqlite_dl.c loads SQLite when the first database is opened, pin.c loads libcrypt
# for a PIN, since they were 0.7 MiB of the memory the kiosk holds at its first frame, which
# needs neither, and curses_dl.c loads ncursesw (with tinfo) when the terminal is first
# checked: the command-line side never draws (issue 11).  The tests still link them: dlopen
# then returns the loaded one.
KIOSK_LIBS = -lunistring -pthread
# soname LIB: the soname of libLIB.so as built against (what dlopen must ask for).
soname = $(shell objdump -p "$$($(CC) -print-file-name=lib$(1).so)" 2>/dev/null | \
           sed -n 's/^ *SONAME *//p')
XLSX_SONAME   := $(call soname,xlsxwriter)
SQLITE_SONAME := $(call soname,sqlite3)
CRYPT_SONAME  := $(call soname,crypt)
CURSES_SONAME := $(call soname,ncursesw)
override CFLAGS += -DXLSX_SONAME='"$(or $(XLSX_SONAME),libxlsxwriter.so.4)"' \
                   -DCURSES_SONAME='"$(or $(CURSES_SONAME),libncursesw.so.6)"' \
                   -DSQLITE_SONAME='"$(or $(SQLITE_SONAME),libsqlite3.so.0)"' \
                   -DCRYPT_SONAME='"$(or $(CRYPT_SONAME),libcrypt.so.1)"'
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null)

SRCS      := $(filter-out kiosk/main.c,$(wildcard kiosk/*.c))
OBJS      := $(SRCS:kiosk/%.c=$(BUILD)/obj/%.o)
LIB       := $(BUILD)/libkiosk.a
BIN       := $(BUILD)/kiosk
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
LANGS     := bg uk
MOS       := $(LANGS:%=$(BUILD)/locale/%/LC_MESSAGES/kiosk.mo)
# Model files must not draw: only ui_*.c, main.c and curses_dl.c (which loads the library)
# may include curses.
MODEL_SRCS := $(filter-out kiosk/ui%.c kiosk/main.c kiosk/curses_dl.c,$(wildcard kiosk/*.c)) \
              $(filter-out kiosk/ui%.h kiosk/curses_dl.h,$(wildcard kiosk/*.h))

.PHONY: all run check unit e2e deps test-deps bench asan fuzz clean pot layering stress

all: deps $(BIN) $(MOS)

# Install what is missing (as root), or say exactly what to run.
deps: $(BUILD)/.deps-ok
test-deps: $(BUILD)/.test-deps-ok
$(BUILD)/.test-deps-ok: PKG_LIST = $(TEST_PKGS)
$(BUILD)/.deps-ok: PKG_LIST = $(DEB_PKGS)
$(BUILD)/.deps-ok $(BUILD)/.test-deps-ok: Makefile
	@missing=""; for p in $(PKG_LIST); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing missing Debian packages:$$missing"; \
	    { DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing || \
	      { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; }; } \
	      || { echo "error: could not install:$$missing (is the network or the Debian mirror reachable?)" >&2; exit 1; }; \
	  else \
	    echo "error: missing Debian packages:$$missing" >&2; \
	    echo "run as root:  apt-get install -y$$missing" >&2; exit 1; \
	  fi; \
	fi
	@mkdir -p $(BUILD) && touch $@

$(BUILD)/obj/%.o: kiosk/%.c | $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -c $< -o $@

$(LIB): $(OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(BUILD)/obj/main.o $(LIB)
	$(CC) $(CFLAGS) -o $@ $^ $(KIOSK_LIBS) $(LDFLAGS)

$(BUILD)/locale/%/LC_MESSAGES/kiosk.mo: locale/%.po | $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(LIB) | $(BUILD)/.test-deps-ok
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -Ikiosk -o $@ $< $(LIB) $(PKG_LIBS) $(CMOCKA_LIBS)

# Builds and runs the kiosk on the bundled lessons; the database is created on first run.
run: all
	$(BIN) --lessons lessons

unit: all $(UNIT_BINS)
e2e: all

# Every test: unit tests, the layering rule, lesson checks, end-to-end runs in tmux.
check: all test-deps $(UNIT_BINS) layering
	@sh tests/run.sh $(BUILD) $(UNIT_BINS)

layering:
	@! grep -l 'curses.h' $(MODEL_SRCS) /dev/null | grep . || \
	  { echo "error: model files above include curses" >&2; exit 1; }

pot:
	xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=ngettext:1,2 \
	  --add-comments=TRANSLATORS: -o locale/kiosk.pot kiosk/*.c

asan:
	$(MAKE) BUILD=build-asan CFLAGS="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all" check

# A centre server: 20 kiosks on one database for two minutes, export and learners in a loop
# (tests/stress.sh; STRESS_KIOSKS, STRESS_SECONDS, STRESS_PERIOD to taste).
stress: all test-deps
	@sh tests/stress.sh $(BUILD)

bench: all test-deps $(BUILD)/bench $(BUILD)/floor_welcome $(BUILD)/floor_keys $(BUILD)/floor_read
	@sh tests/bench.sh $(BUILD)

$(BUILD)/bench: tests/bench/bench.c tests/bench/read_lessons.h $(LIB)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -Ikiosk -o $@ $< $(LIB) $(PKG_LIBS)

$(BUILD)/floor_welcome: tests/bench/floor_welcome.c
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -o $@ $< $(PKG_LIBS)

$(BUILD)/floor_keys: tests/bench/floor_keys.c
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -o $@ $< $(PKG_LIBS)

# The floor of check-lessons: libunistring only, so its start-up is a small program's.
$(BUILD)/floor_read: tests/bench/floor_read.c tests/bench/read_lessons.h
	$(CC) $(CFLAGS) -o $@ $< -lunistring

# libFuzzer on the lesson parser, seeded with every lesson and fixture; FUZZ_SECONDS to taste.
FUZZ_SECONDS ?= 60
FUZZ_SRCS := kiosk/lesson.c kiosk/lesson_practice.c kiosk/practice.c kiosk/diag.c kiosk/text.c kiosk/layout.c \
             kiosk/answer.c kiosk/edit.c kiosk/util.c kiosk/fitcache.c kiosk/isotime.c
fuzz: deps
	@mkdir -p build-fuzz/corpus
	clang -g -O1 -std=c11 -D_GNU_SOURCE -DKIOSK_VERSION='"$(VERSION)"' -fsanitize=fuzzer,address,undefined -Ikiosk \
	  -o build-fuzz/fuzz_lesson tests/fuzz/fuzz_lesson.c $(FUZZ_SRCS) -lunistring
	cp lessons/*/*.lesson tests/fixtures/lessons/broken/*.lesson build-fuzz/corpus/ 2>/dev/null; true
	build-fuzz/fuzz_lesson -max_total_time=$(FUZZ_SECONDS) -max_len=8192 build-fuzz/corpus

# ---- Man pages (issue 12): scdoc sources in kiosk/deploy/man, built with the program -------
# scdoc is a build dependency rather than generated pages kept in git: one source of truth,
# and scdoc is a 50 KB package with no dependencies.  man-db checks them in make check.
DEB_PKGS += scdoc man-db
MAN_SRCS := $(wildcard kiosk/deploy/man/*.scd)
MANS     := $(MAN_SRCS:kiosk/deploy/man/%.scd=$(BUILD)/man/%)
all: $(MANS)
$(BUILD)/man/%: kiosk/deploy/man/%.scd | $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	scdoc < $< > $@.tmp && mv $@.tmp $@

# ---- Installation (GNU conventions; issue 12) ---------------------------------------------
# make install [DESTDIR=/stage] [PREFIX=/usr/local] [BINDIR=...] [DATADIR=...] [LOCALEDIR=...]
# The folders are compiled into the program (build/paths_config.h, rewritten only when they
# change), so an installed kiosk finds its lessons and translations with no option, while
# build/kiosk keeps using the build tree.  SYSTEM_DB, when set, is the database an installed
# kiosk uses by default instead of each user's own (the Debian package sets it).
PREFIX      = /usr/local
EXEC_PREFIX = $(PREFIX)
BINDIR      = $(EXEC_PREFIX)/bin
DATAROOTDIR = $(PREFIX)/share
DATADIR     = $(DATAROOTDIR)
LOCALEDIR   = $(DATAROOTDIR)/locale
MANDIR      = $(DATAROOTDIR)/man
LESSONSDIR  = $(DATADIR)/kiosk/lessons
LIBEXECDIR  = $(EXEC_PREFIX)/libexec
SYSTEMDUNITDIR = $(PREFIX)/lib/systemd/system
SYSTEM_DB   =
INSTALL     = install
INSTALL_PROGRAM = $(INSTALL) -m 755
INSTALL_DATA    = $(INSTALL) -m 644
INSTALL_SCRIPT  = $(INSTALL) -m 755
LESSON_FILES := $(wildcard lessons/*/*.lesson lessons/*/set.info)

.PHONY: install uninstall FORCE
override CFLAGS += -I$(BUILD)

$(BUILD)/paths_config.h: FORCE
	@mkdir -p $(BUILD)
	@printf '%s\n' '/* Generated by the Makefile: the install folders (see paths.h). */' \
	  '#define PATHS_BINDIR "$(BINDIR)"' '#define PATHS_LESSONSDIR "$(LESSONSDIR)"' \
	  '#define PATHS_LOCALEDIR "$(LOCALEDIR)"' '#define PATHS_SYSTEM_DB "$(SYSTEM_DB)"' \
	  '/* Not used by the code; here so that the unit below is remade when it changes. */' \
	  '#define PATHS_LIBEXECDIR "$(LIBEXECDIR)"' > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi
$(BUILD)/obj/paths.o: $(BUILD)/paths_config.h
# main.c prints VERSION (a -D flag): `make deb VERSION=...` must rebuild it, not reuse it.
$(BUILD)/version: FORCE
	@mkdir -p $(BUILD)
	@echo '$(VERSION)' > $@.tmp; if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi
$(BUILD)/obj/main.o: $(BUILD)/version

# The systemd unit, with this build's folders in it (kiosk/deploy/systemd).
UNIT := $(BUILD)/deploy/kiosk@.service
all: $(UNIT)
$(UNIT): kiosk/deploy/systemd/kiosk@.service.in $(BUILD)/paths_config.h
	@mkdir -p $(dir $@)
	sed -e 's|@BINDIR@|$(BINDIR)|g' -e 's|@LIBEXECDIR@|$(LIBEXECDIR)|g' $< > $@

install: all
	$(INSTALL) -d $(DESTDIR)$(BINDIR)
	$(INSTALL_PROGRAM) $(BIN) $(DESTDIR)$(BINDIR)/kiosk
	@for f in $(LESSON_FILES); do \
	  d=$(DESTDIR)$(LESSONSDIR)/$$(basename $$(dirname $$f)); \
	  $(INSTALL) -d $$d && $(INSTALL_DATA) $$f $$d/ || exit 1; \
	done
	@for l in $(LANGS); do \
	  $(INSTALL) -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	  $(INSTALL_DATA) $(BUILD)/locale/$$l/LC_MESSAGES/kiosk.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/ || exit 1; \
	done
	$(INSTALL) -d $(DESTDIR)$(LIBEXECDIR)/kiosk $(DESTDIR)$(SYSTEMDUNITDIR)
	$(INSTALL_SCRIPT) kiosk/deploy/kiosk-maintenance $(DESTDIR)$(LIBEXECDIR)/kiosk/
	$(INSTALL_DATA) $(UNIT) $(DESTDIR)$(SYSTEMDUNITDIR)/
	@for m in $(MANS); do \
	  s=$${m##*.}; $(INSTALL) -d $(DESTDIR)$(MANDIR)/man$$s && \
	  $(INSTALL_DATA) $$m $(DESTDIR)$(MANDIR)/man$$s/ || exit 1; \
	done

# Removes what install put there, and the folders it made when they are left empty.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/kiosk $(DESTDIR)$(LIBEXECDIR)/kiosk/kiosk-maintenance
	rm -f $(DESTDIR)$(SYSTEMDUNITDIR)/kiosk@.service
	rm -f $(LESSON_FILES:lessons/%=$(DESTDIR)$(LESSONSDIR)/%)
	rm -f $(LANGS:%=$(DESTDIR)$(LOCALEDIR)/%/LC_MESSAGES/kiosk.mo)
	rm -f $(foreach m,$(notdir $(MANS)),$(DESTDIR)$(MANDIR)/man$(subst .,,$(suffix $(m)))/$(m))
	-rmdir $(sort $(dir $(LESSON_FILES:lessons/%=$(DESTDIR)$(LESSONSDIR)/%))) \
	  $(DESTDIR)$(LESSONSDIR) $(DESTDIR)$(DATADIR)/kiosk $(DESTDIR)$(LIBEXECDIR)/kiosk 2>/dev/null

# ---- Debian package (issue 12): make deb gives kiosk_VERSION_ARCH.deb ----------------------
# Built in its own folder with Debian's hardening flags, installed into a staging root with the
# package's folders (lessons as conffiles in /etc/kiosk/lessons, the database in /var/lib/kiosk),
# then packed by kiosk/deploy/build-deb.sh (dependencies from dpkg-shlibdeps).
DEB_PKGS  += dpkg-dev
DEB_BUILD := build-deb
DEB_OUT   := .
DEB_FILE   = $(DEB_OUT)/kiosk_$(VERSION)_$(shell dpkg --print-architecture).deb
.PHONY: deb
deb: deps
	rm -rf $(DEB_BUILD)/root $(DEB_FILE)
	$(MAKE) BUILD=$(DEB_BUILD) \
	  CFLAGS="$$(dpkg-buildflags --get CFLAGS) $$(dpkg-buildflags --get CPPFLAGS)" \
	  LDFLAGS="$$(dpkg-buildflags --get LDFLAGS)" INSTALL_PROGRAM='$(INSTALL) -m 755 -s' \
	  PREFIX=/usr LESSONSDIR=/etc/kiosk/lessons SYSTEM_DB=/var/lib/kiosk/kiosk.db \
	  SYSTEMDUNITDIR=/lib/systemd/system DESTDIR=$(abspath $(DEB_BUILD))/root install
	sh kiosk/deploy/build-deb.sh $(abspath $(DEB_BUILD))/root $(VERSION) $(DEB_FILE)

clean:
	rm -rf $(BUILD) build-asan build-fuzz $(DEB_BUILD) kiosk_*.deb

-include $(OBJS:.o=.d) $(BUILD)/obj/main.d
