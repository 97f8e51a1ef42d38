#!/bin/sh
# A new lesson set is files alone: tests/fixtures/sets has bg, uk and uk-BG (Ukrainian text
# about life in Bulgaria, marked partial).  The kiosk offers all three on the welcome screen
# with no code change, check-lessons accepts them, and uk-BG runs with the Ukrainian interface.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
SETS=$SRC/tests/fixtures/sets

out=$("$BIN" check-lessons "$SETS" 2>&1); st=$?
check "check-lessons accepts the three sets" test "$st" -eq 0
[ "$st" -eq 0 ] || echo "$out" | sed 's/^/# /'

start_kiosk --lessons "$SETS"
check "the welcome screen offers the new set by its own name" wait_for "Українська (Болгарія)"
check "next to the other two" sh -c 'tmux -L "$1" capture-pane -p -t k | grep -q "1. Български" &&
	tmux -L "$1" capture-pane -p -t k | grep -q "2. Українська"' _ "$SOCK"
keys 3 Enter
check "the new set speaks Ukrainian" wait_for "Як Вас звати?"
type_text "Ганна"
keys Enter
check "its lessons are listed" wait_for "Вітаємо, Ганно!"
check "a partial set lists only its own lessons" \
	sh -c '! tmux -L "$1" capture-pane -p -t k | grep -q "2\\."' _ "$SOCK"
keys 1 Enter
check "and open in Ukrainian" wait_for "Крок 1 з"
keys Enter
sleep 0.3
check "progress is recorded under the set's name" \
	test "$(sql "select distinct lang from events")" = "uk-BG"
finish
