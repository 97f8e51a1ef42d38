#!/bin/sh
# kiosk doctor (issue 12): all well on a good set-up (exit 0), and on each broken one a
# PROBLEM line with the exact fix (exit 1): terminal type, window size, translations, lessons,
# a missing, world-readable, PIN-less, damaged, newer or unreachable database.  It speaks
# Bulgarian or Ukrainian when the environment asks for them, English otherwise.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
LESSONS=$SRC/tests/fixtures/e2e
OUT=$TMP/doctor.out
echo 24681357 | "$BIN" set-trainer-pin --db "$DB" > /dev/null

# In a real terminal of the given size: output and exit status kept in files.
doctor_tty() { # cols rows env-assignments...
	cols=$1 rows=$2; shift 2
	rm -f "$TMP/st" "$OUT"
	tmux -L "$SOCK" kill-server 2>/dev/null
	starts=$((starts + 1)); SOCK=kiosk-e2e-$$-$starts
	tmux -L "$SOCK" -f /dev/null new-session -d -s k -x "$cols" -y "$rows" \
		"env TERM=tmux-256color HOME=$HOME $* $BIN doctor --db $DB --lessons $LESSONS > $OUT 2>&1; echo \$? > $TMP/st"
	for _ in $(seq 300); do [ -s "$TMP/st" ] && break; sleep 0.1; done
}
# Without a terminal (as over a pipe): output and status.
# Through a pipe, with the terminal type pinned: CI runs with no TERM at all.
doctor() { TERM=tmux-256color "$BIN" doctor "$@" > "$OUT" 2>&1; echo $? > "$TMP/st"; }
status_is() { test "$(cat "$TMP/st")" = "$1"; }
says() { grep -qF -- "$1" "$OUT"; }

doctor_tty 80 24
check "good set-up: exit 0" status_is 0
check "good set-up: all is well" says "All is well."
check "good set-up: no PROBLEM line" sh -c '! grep -q PROBLEM "$1"' _ "$OUT"
check "it checked the terminal type and keys" says "Terminal: ok: the type tmux-256color has the keys F2, F10, F11 and F12"
check "the colours" says "Terminal: ok: 256 colours"
check "the size" says "Terminal: ok: the window is 80x24"
check "the locale" says "Language: ok: UTF-8"
check "the lessons" says "Lessons: ok: 4 lessons in $LESSONS, no problems"
check "the database, intact, at the current schema" says "Database: ok: $DB is intact, schema"
check "the PIN" says "Database: ok: a trainer PIN is set"
check "the free disk space" grep -qE "^Database: ok: [0-9]+ MB free on the disk" "$OUT"
check "and explains that a pseudo-terminal has no console font" says "Console font: note: not on the Linux console"
[ "$(cat "$TMP/st")" = 0 ] || sed 's/^/# /' "$OUT"

doctor_tty 70 20
check "a 70x20 window: exit 1" status_is 1
check "a 70x20 window: says the size needed" says "Terminal: PROBLEM: the window is 70x20; the kiosk needs at least 80x24"
check "and one problem in all" says "1 problem found."

doctor_tty 80 24 TERM=vt100
check "TERM=vt100: exit 1" status_is 1
check "TERM=vt100: names the missing keys" says "Terminal: PROBLEM: The terminal type 'vt100' lacks the keys F11 F12"

doctor_tty 80 24 LANGUAGE=bg
check "LANGUAGE=bg: in Bulgarian" says "Всичко е наред."
check "LANGUAGE=bg: the sections too" says "База данни: наред: ПИН кодът на обучителя е зададен"
doctor_tty 80 24 LANG=uk_UA.UTF-8
check "LANG=uk_UA.UTF-8: in Ukrainian" says "Усе гаразд."

"$BIN" set-language uk --db "$DB" > /dev/null
doctor --db "$DB" --lessons "$LESSONS"
check "no language in the environment: the kiosk's own (set-language uk)" says "Усе гаразд."
"$BIN" set-language none --db "$DB" > /dev/null

doctor --db "$DB" --lessons "$LESSONS"
check "through a pipe: no terminal is not a problem" status_is 0
check "but it says the size was not checked" says "Terminal: note: not run on a terminal"

KIOSK_LOCALEDIR=$TMP/nowhere doctor --db "$DB" --lessons "$LESSONS"
check "missing translations: exit 1" status_is 1
check "missing translations: says which" says "Language: PROBLEM: the bg translation is missing: $TMP/nowhere/bg/LC_MESSAGES/kiosk.mo"

doctor --db "$DB" --lessons "$SRC/tests/fixtures/lessons/broken"
check "broken lessons: exit 1" status_is 1
check "broken lessons: counts the problems and gives the command" \
	sh -c 'grep -qE "^Lessons: PROBLEM: [0-9]+ problems in the lessons in" "$1" && grep -qF "What to do: run: kiosk check-lessons $2" "$1"' _ "$OUT" "$SRC/tests/fixtures/lessons/broken"

doctor --db "$TMP/none.db" --lessons "$LESSONS"
check "no database yet: exit 1" status_is 1
check "no database yet: says it is made at first start, and the PIN command" \
	sh -c 'grep -qF "Database: PROBLEM: $2 does not exist yet" "$1" && grep -qF "kiosk set-trainer-pin --db $2" "$1"' _ "$OUT" "$TMP/none.db"
check "and does not create it" test ! -e "$TMP/none.db"

"$BIN" learners --db "$TMP/nopin.db" > /dev/null
doctor --db "$TMP/nopin.db" --lessons "$LESSONS"
check "no trainer PIN: exit 1" status_is 1
check "no trainer PIN: says so, with the command" \
	sh -c 'grep -q "Database: PROBLEM: no trainer PIN is set" "$1" && grep -qF "What to do: kiosk set-trainer-pin --db $2" "$1"' _ "$OUT" "$TMP/nopin.db"

cp "$DB" "$TMP/open.db" && chmod 644 "$TMP/open.db"
doctor --db "$TMP/open.db" --lessons "$LESSONS"
check "a database readable by others: exit 1" status_is 1
check "a database readable by others: chmod 600" \
	sh -c 'grep -qF "can be read by other users (mode 0644)" "$1" && grep -qF "What to do: chmod 600 $2" "$1"' _ "$OUT" "$TMP/open.db"
check "and the doctor changed nothing" test "$(stat -c %a "$TMP/open.db")" = 644

cp "$DB" "$TMP/newer.db"
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("PRAGMA user_version = 99"); c.commit()' "$TMP/newer.db"
doctor --db "$TMP/newer.db" --lessons "$LESSONS"
check "a database from a newer kiosk: exit 1" status_is 1
check "a database from a newer kiosk: says so" says "was written by a newer kiosk (schema 99"

cp "$DB" "$TMP/bad.db"
pages=$(($(stat -c %s "$TMP/bad.db") / 4096))
python3 -c 'import sys; f=open(sys.argv[1],"r+b"); f.seek(4096*2); f.write(b"\xa5"*4096*(int(sys.argv[2])-3))' "$TMP/bad.db" "$pages"
doctor --db "$TMP/bad.db" --lessons "$LESSONS"
check "a damaged database: exit 1" status_is 1
check "a damaged database: says so and how to restore" \
	sh -c 'grep -q "Database: PROBLEM: .*bad.db is damaged or unreadable" "$1" && grep -q "kiosk backup" "$1"' _ "$OUT"

doctor extra; check "an operand is a usage error (2)" status_is 2
doctor --bogus; check "an unknown option is a usage error (2)" status_is 2

# Another user (nobody) cannot write a root-owned database: needs root to switch users.
# The checkout must be reachable by that user (a clone in a 0700 temporary folder is not).
as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/nonexistent "$@"; }
if [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null &&
   as_nobody sh -c 'test -x "$1" && test -r "$2"' _ "$BIN" "$LESSONS" 2>/dev/null; then
	mkdir -m 755 "$TMP/shared" && cp "$DB" "$TMP/shared/k.db" && chmod 600 "$TMP/shared/k.db"
	chmod 755 "$TMP"
	setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/nonexistent \
		"$BIN" doctor --db "$TMP/shared/k.db" --lessons "$LESSONS" > "$OUT" 2>&1
	echo $? > "$TMP/st"
	chmod 700 "$TMP"
	check "another user: exit 1" status_is 1
	check "another user: says who cannot write and what to run" \
		sh -c 'grep -q "cannot be written by the user nobody" "$1" && grep -qF "sudo -u kiosk kiosk doctor" "$1"' _ "$OUT"
else
	n=$((n + 1)); echo "ok $n # SKIP not root, or the checkout is not readable by nobody: cannot run the doctor as another user"
fi
finish
