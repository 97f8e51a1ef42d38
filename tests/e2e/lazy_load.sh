#!/bin/sh
# The welcome screen shows before the lessons are read and before a new database is made
# (issue 11: start-up); both happen right after it.  Whatever they find is still dealt with:
# a broken lesson is left out and logged as FILE:LINE, in either language; a set whose only
# lesson is broken leaves the welcome screen; no usable lesson, or a database that cannot be
# made, closes the screen with the reason and exit status 1.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"

broken() { # set folder, title, language's word for "colour": a lesson with an unknown key
	printf 'lesson: broken\ntitle: %s\n\nstep: one\nkind: choose\ntext: ?\noption: 1\noption: 2\n%s: 3\n' \
		"$2" "$3" > "$1/broken.lesson"
}
mkdir -p "$TMP/mixed"
cp -r "$SRC/tests/fixtures/e2e/bg" "$SRC/tests/fixtures/e2e/uk" "$TMP/mixed/"
broken "$TMP/mixed/bg" "Счупен урок" "colour"
broken "$TMP/mixed/uk" "Зламаний урок" "colour"

# A new database, Bulgarian: the database is made once the welcome screen is up.
start_kiosk --lessons "$TMP/mixed"
check "the welcome screen shows with a new database" wait_for "1. Български"
check "the new database is made right after it" \
	sh -c 'for i in $(seq 50); do [ -s "$1" ] && exit 0; sleep 0.1; done; exit 1' _ "$DB"
keys 1 Enter
wait_for "Как се казвате?"
type_text "Петър"
keys Enter
check "bg: the good lesson is offered" wait_for "Проба"
check "bg: the broken one is not" sh -c '! tmux -L "$1" capture-pane -p -t k | grep -q "Счупен"' _ "$SOCK"
check "bg: the broken lesson was logged as FILE:LINE" grep -q "bg/broken.lesson:9: .*colour" "$TMP/stderr"

# The database exists now; Ukrainian.
: > "$TMP/stderr"
start_kiosk --lessons "$TMP/mixed"
wait_for "2. Українська"
keys 2 Enter
wait_for "Як Вас звати?"
type_text "Оксана"
keys Enter
check "uk: the good lesson is offered" wait_for "Вправа з екранами"
check "uk: the broken one is not" sh -c '! tmux -L "$1" capture-pane -p -t k | grep -q "Зламаний"' _ "$SOCK"
check "uk: the broken lesson was logged as FILE:LINE" grep -q "uk/broken.lesson:9: .*colour" "$TMP/stderr"
check "the learner's answers went to the database" test "$(sql 'SELECT count(*) FROM learners')" = 2

# A set whose only lesson is broken is offered for a moment at most: once read, it is gone.
mkdir -p "$TMP/onlybroken/uk"
cp -r "$SRC/tests/fixtures/e2e/bg" "$TMP/onlybroken/"
cp "$SRC/tests/fixtures/e2e/uk/set.info" "$TMP/onlybroken/uk/"
broken "$TMP/onlybroken/uk" "Зламаний урок" "колір"
: > "$TMP/stderr"
start_kiosk --lessons "$TMP/onlybroken"
wait_for "1. Български"
check "a set with no lesson that loads leaves the welcome screen" wait_gone "Українська"
check "and its broken lesson is logged as FILE:LINE" grep -q "uk/broken.lesson:9: " "$TMP/stderr"
keys 1 Enter
check "the other set still works" wait_for "Как се казвате?"

# Standard error is the kiosk's own terminal: the broken lesson's line waits until the screen
# has closed (written over the screen it would be lost), then shows.
tmux -L "$SOCK" kill-server 2>/dev/null
starts=$((starts + 1)); SOCK=kiosk-e2e-$$-$starts
tmux -L "$SOCK" -f /dev/null new-session -d -s k -x 80 -y 24 \
	"env TERM=tmux-256color HOME=$HOME $BIN --db $DB --lessons $TMP/mixed; echo status=\$?; sleep 60"
wait_for "1. Български"
sleep 0.3
check "stderr on the terminal: nothing written over the welcome screen" \
	sh -c '! tmux -L "$1" capture-pane -p -t k | grep -q "broken.lesson"' _ "$SOCK"
keys F11 F12
wait_for "$BIN set-trainer-pin --db"
keys Enter
check "after the kiosk leaves, the broken lessons are on the terminal as FILE:LINE" \
	wait_for "bg/broken.lesson:9: "
check "both of them" wait_for "uk/broken.lesson:9: "
check "and the kiosk left normally" wait_for "status=0"

# No lesson loads at all: the screen closes, the reason is given, exit status 1.
mkdir -p "$TMP/allbroken/bg"
broken "$TMP/allbroken/bg" "Счупен урок" "colour"
: > "$TMP/stderr"
rm -f "$DB" "$DB"-*
start_kiosk_sh --lessons "$TMP/allbroken"
check "no usable lesson: the kiosk ends" \
	sh -c 'for i in $(seq 50); do [ -s "$1" ] && exit 0; sleep 0.1; done; exit 1' _ "$TMP/stty"
check "with status 1" test "$(cat "$TMP/status")" = 1
check "it says there are no usable lessons" grep -q "no usable lessons in $TMP/allbroken" "$TMP/stderr"
check "and names the broken lesson as FILE:LINE" grep -q "bg/broken.lesson:9: " "$TMP/stderr"
check "the terminal is left as it was (echo on)" grep -q " echo " "$TMP/stty"

# A database that cannot be made, found only after the screen showed (a link to a folder that
# does not exist): the screen closes, the reason is given, exit status 1, nothing is made.
ln -s "$TMP/nowhere/k.db" "$TMP/dangling.db"
: > "$TMP/stderr"
rm -f "$TMP/status" "$TMP/stty"
tmux -L "$SOCK" kill-server 2>/dev/null
starts=$((starts + 1)); SOCK=kiosk-e2e-$$-$starts
tmux -L "$SOCK" -f /dev/null new-session -d -s k -x 80 -y 24 \
	"env TERM=tmux-256color HOME=$HOME $BIN --db $TMP/dangling.db --lessons $TMP/mixed 2>>$TMP/stderr; echo \$? > $TMP/status; stty -a > $TMP/stty; sleep 60"
check "a database that cannot be made: the kiosk ends" \
	sh -c 'for i in $(seq 50); do [ -s "$1" ] && exit 0; sleep 0.1; done; exit 1' _ "$TMP/stty"
check "with status 1" test "$(cat "$TMP/status")" = 1
check "and says which database" grep -q "kiosk: .*$TMP/dangling.db" "$TMP/stderr"
check "the terminal is left as it was (echo on)" grep -q " echo " "$TMP/stty"

# An existing file that is not a kiosk database, with a terminal: refused before any screen,
# the broken lessons said first, as before the welcome screen came first.
printf 'not a database at all, just text\n%.0s' $(seq 200) > "$TMP/junk.db"
: > "$TMP/stderr"
tmux -L "$SOCK" kill-server 2>/dev/null
starts=$((starts + 1)); SOCK=kiosk-e2e-$$-$starts
rm -f "$TMP/status" "$TMP/stty"
tmux -L "$SOCK" -f /dev/null new-session -d -s k -x 80 -y 24 \
	"env TERM=tmux-256color HOME=$HOME $BIN --db $TMP/junk.db --lessons $TMP/mixed 2>>$TMP/stderr; echo \$? > $TMP/status; stty -a > $TMP/stty; sleep 60"
check "a file that is not a kiosk database: the kiosk ends" \
	sh -c 'for i in $(seq 50); do [ -s "$1" ] && exit 0; sleep 0.1; done; exit 1' _ "$TMP/stty"
check "with status 1" test "$(cat "$TMP/status")" = 1
check "the broken lessons first" sh -c 'head -1 "$1" | grep -q "/broken.lesson:[0-9]*: "' _ "$TMP/stderr"
check "then the database" sh -c 'tail -1 "$1" | grep -q "not a kiosk database"' _ "$TMP/stderr"
check "and the junk file is left as it was" \
	sh -c 'test "$(head -c 9 "$1")" = "not a dat"' _ "$TMP/junk.db"
finish
