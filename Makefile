# Digital-skills kiosk. `make run` starts it, `make check` runs every test.
# Everything except main.o goes into build/libkiosk.a so the tests link the real code.

VERSION   := 0.1.0
BUILD     := build
CC        ?= cc
PKGS      := ncursesw sqlite3 libxcrypt
# Debian packages this project needs, checked (and installed when root) before building.
DEB_PKGS  := gcc make pkg-config libncurses-dev libsqlite3-dev libunistring-dev libcrypt-dev \
             gettext libcmocka-dev tmux python3 espeak-ng

CFLAGS    ?= -O2 -g
# Flags the code needs whatever CFLAGS the caller gives (make asan replaces CFLAGS).
override CFLAGS += -std=c11 -Wall -Wextra -Wno-unused-parameter -MMD -MP \
             -DKIOSK_VERSION='"$(VERSION)"' -D_GNU_SOURCE
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lunistring
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null)

SRCS      := $(filter-out kiosk/main.c,$(wildcard kiosk/*.c))
OBJS      := $(SRCS:kiosk/%.c=$(BUILD)/obj/%.o)
LIB       := $(BUILD)/libkiosk.a
BIN       := $(BUILD)/kiosk
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
LANGS     := bg uk
MOS       := $(LANGS:%=$(BUILD)/locale/%/LC_MESSAGES/kiosk.mo)
# Model files must not draw: only ui_*.c and main.c may include curses.
MODEL_SRCS := $(filter-out kiosk/ui%.c kiosk/main.c,$(wildcard kiosk/*.c)) \
              $(filter-out kiosk/ui%.h,$(wildcard kiosk/*.h))

.PHONY: all run check unit e2e deps bench asan fuzz clean pot layering

all: deps $(BIN) $(MOS)

# Install what is missing (as root), or say exactly what to run.
deps: $(BUILD)/.deps-ok
$(BUILD)/.deps-ok: Makefile
	@missing=""; for p in $(DEB_PKGS); do \
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
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS) $(LDFLAGS)

$(BUILD)/locale/%/LC_MESSAGES/kiosk.mo: locale/%.po | $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -Ikiosk -o $@ $< $(LIB) $(PKG_LIBS) $(CMOCKA_LIBS)

# Builds and runs the kiosk on the bundled lessons; the database is created on first run.
run: all
	$(BIN) --lessons lessons

unit: all $(UNIT_BINS)
e2e: all

# Every test: unit tests, the layering rule, lesson checks, end-to-end runs in tmux.
check: all $(UNIT_BINS) layering
	@sh tests/run.sh $(BUILD) $(UNIT_BINS)

layering:
	@! grep -l 'curses.h' $(MODEL_SRCS) /dev/null | grep . || \
	  { echo "error: model files above include curses" >&2; exit 1; }

pot:
	xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=ngettext:1,2 \
	  --add-comments=TRANSLATORS: -o locale/kiosk.pot kiosk/*.c

asan:
	$(MAKE) BUILD=build-asan CFLAGS="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all" check

bench: all $(BUILD)/bench
	@sh tests/bench.sh $(BUILD)

$(BUILD)/bench: tests/bench/bench.c $(LIB)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -Ikiosk -o $@ $< $(LIB) $(PKG_LIBS)

# libFuzzer on the lesson parser, seeded with every lesson and fixture; FUZZ_SECONDS to taste.
FUZZ_SECONDS ?= 60
FUZZ_SRCS := kiosk/lesson.c kiosk/lesson_practice.c kiosk/practice.c kiosk/diag.c kiosk/text.c kiosk/layout.c \
             kiosk/answer.c kiosk/edit.c kiosk/util.c
fuzz: deps
	@mkdir -p build-fuzz/corpus
	clang -g -O1 -std=c11 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined -Ikiosk \
	  -o build-fuzz/fuzz_lesson tests/fuzz/fuzz_lesson.c $(FUZZ_SRCS) -lunistring
	cp lessons/*/*.lesson tests/fixtures/lessons/broken/*.lesson build-fuzz/corpus/ 2>/dev/null; true
	build-fuzz/fuzz_lesson -max_total_time=$(FUZZ_SECONDS) -max_len=8192 build-fuzz/corpus

clean:
	rm -rf $(BUILD) build-asan build-fuzz

-include $(OBJS:.o=.d) $(BUILD)/obj/main.d
