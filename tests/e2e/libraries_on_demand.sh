#!/bin/sh
# SQLite (with libm), libcrypt and ncursesw (with tinfo) are loaded when first needed, not
# linked into the kiosk (issue 11: memory at the first frame, the start of every command;
# sqlite_dl.c, pin.c, curses_dl.c).  Every other test that opens a
# database or checks a PIN goes through that loading; here: the binary really does not list
# them, and when one cannot be loaded (an empty file found first through LD_LIBRARY_PATH)
# each path says so clearly, in the learner's or trainer's language, and never crashes.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"

check "the kiosk program does not link libsqlite3, libm, libcrypt, libncursesw or libtinfo" \
	sh -c '! objdump -p "$1" | grep "NEEDED" | grep -q "libsqlite3\|libm\.\|libcrypt\|libncurses\|libtinfo"' _ "$BIN"
mkdir -p "$TMP/nosqlite" "$TMP/nocrypt" "$TMP/nocurses"
: > "$TMP/nosqlite/libsqlite3.so.0"
: > "$TMP/nocrypt/libcrypt.so.1"
: > "$TMP/nocurses/libncursesw.so.6"

# The command-line side never draws: without the screen library it works as before.
LD_LIBRARY_PATH="$TMP/nocurses" run check-lessons "$SRC/lessons"
check "check-lessons without ncursesw: exit 0, every lesson checked" \
	sh -c '[ "$1" = 0 ] && printf "%s" "$2" | grep -q "lessons checked, no problems found"' _ "$st" "$out"
"$BIN" learners --db "$DB" > /dev/null 2>&1  # an existing database
printf '24681357\n' | "$BIN" set-trainer-pin --db "$DB" > /dev/null 2>&1

for lang in bg uk; do
	case $lang in
	bg) word="библиотеката за бази данни libsqlite3.so.0 не може да бъде заредена"
	    pinword="библиотеката за пароли libcrypt.so.1 не може да бъде заредена" ;;
	uk) word="бібліотеку баз даних libsqlite3.so.0 не вдається завантажити"
	    pinword="бібліотеку для паролів libcrypt.so.1 не вдається завантажити" ;;
	esac
	LD_LIBRARY_PATH="$TMP/nosqlite" LANGUAGE=$lang run learners --db "$TMP/new-$lang.db"
	check "$lang: without SQLite, a command exits 1" test "$st" = 1
	check "$lang: it names the database and the library, in $lang" \
		has_text "$err" "$TMP/new-$lang.db"
	check "$lang: ... the library" has_text "$err" "$word"
	check "$lang: and makes no database file" test ! -e "$TMP/new-$lang.db"
	printf '13572468\n' > "$TMP/pin"
	LD_LIBRARY_PATH="$TMP/nocrypt" LANGUAGE=$lang run set-trainer-pin --db "$DB" < "$TMP/pin"
	check "$lang: without libcrypt, set-trainer-pin exits 1 naming the library" \
		sh -c '[ "$1" = 1 ] && printf "%s" "$2" | grep -qF "$3"' _ "$st" "$err" "$pinword"
done
check "the PIN set before is unchanged" \
	sh -c '[ "$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT count(*) FROM settings WHERE key = \x27trainer_pin\x27\").fetchone()[0])" "$1")" = 1 ]' _ "$DB"

# The reading side (export) and the check-up (doctor) say it too.
LD_LIBRARY_PATH="$TMP/nosqlite" run export --lessons "$SRC/lessons" --db "$DB"
check "export without SQLite: exit 1, the library named" \
	sh -c '[ "$1" = 1 ] && printf "%s" "$2" | grep -q "database library libsqlite3.so.0 cannot be loaded"' _ "$st" "$err"
LD_LIBRARY_PATH="$TMP/nosqlite" run doctor --lessons "$SRC/lessons" --db "$DB"
check "doctor without SQLite: a problem naming the library, no crash" \
	sh -c '[ "$1" = 1 ] && printf "%s" "$2" | grep -q "PROBLEM: .*database library libsqlite3.so.0"' _ "$st" "$out"

# The kiosk on a terminal, a new database: the welcome screen needs no SQLite; the database is
# made right after it, and that failure closes the screen with the reason and status 1.
start_kiosk_sh() { # env assignment, then the kiosk's arguments
	rm -f "$TMP/status" "$TMP/stty"
	: > "$TMP/stderr"
	tmux -L "$SOCK" kill-server 2>/dev/null
	starts=$((starts + 1)); SOCK=kiosk-e2e-$$-$starts
	tmux -L "$SOCK" -f /dev/null new-session -d -s k -x 80 -y 24 \
		"env TERM=tmux-256color HOME=$HOME $1 $BIN $2 2>>$TMP/stderr; echo \$? > $TMP/status; stty -a > $TMP/stty; sleep 60"
}
ended() { for _ in $(seq 100); do [ -s "$TMP/stty" ] && return 0; sleep 0.1; done; return 1; }
# The screen is up for a moment only: what the kiosk wrote to its terminal is read whole from
# a pseudo-terminal of its own, to see that the welcome screen was drawn to its last line.
LD_LIBRARY_PATH="$TMP/nosqlite" timeout 30 python3 - "$BIN" "$TMP/fresh0.db" "$SRC/lessons" > "$TMP/pty" <<'PY'
import fcntl, os, pty, struct, sys, termios
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    os.environ["TERM"] = "xterm-256color"
    os.execv(sys.argv[1], [sys.argv[1], "--db", sys.argv[2], "--lessons", sys.argv[3]])
out = b""
while True:
    try:
        d = os.read(fd, 65536)
    except OSError:
        break
    if not d:
        break
    out += d
_, st = os.waitpid(pid, 0)
print(os.waitstatus_to_exitcode(st), "после Enter: избор".encode() in out, b"libsqlite3.so.0" in out)
PY
check "new database without SQLite: the whole welcome screen shows, then the kiosk ends (1)" \
	test "$(cat "$TMP/pty")" = "1 True True"
start_kiosk_sh "LD_LIBRARY_PATH=$TMP/nosqlite" "--db $TMP/fresh.db --lessons $SRC/lessons"
check "on the kiosk's terminal too, the kiosk ends" ended
check "with status 1" test "$(cat "$TMP/status")" = 1
check "saying which database and which library" \
	grep -q "kiosk: .*$TMP/fresh.db.*libsqlite3.so.0" "$TMP/stderr"
check "the terminal is left as it was (echo on)" grep -q " echo " "$TMP/stty"

# An existing database is opened before the first frame: refused before any screen.
start_kiosk_sh "LD_LIBRARY_PATH=$TMP/nosqlite LANGUAGE=uk" "--db $DB --lessons $SRC/lessons"
check "existing database without SQLite: the kiosk ends" ended
check "with status 1, the reason in Ukrainian" \
	sh -c '[ "$(cat "$1")" = 1 ] && grep -q "бібліотеку баз даних libsqlite3.so.0" "$2"' _ "$TMP/status" "$TMP/stderr"

# Without the screen library the kiosk cannot start its screen: it says so before any screen,
# in both languages when none is chosen yet, leaves the terminal as it was, and ends with 1.
start_kiosk_sh "LD_LIBRARY_PATH=$TMP/nocurses" "--db $DB --lessons $SRC/lessons"
check "without ncursesw: the kiosk ends" ended
check "with status 1" test "$(cat "$TMP/status")" = 1
check "naming the library and the package, in Bulgarian" \
	grep -q "библиотеката за екрана libncursesw.so.6 не може да бъде заредена.*libncursesw6" "$TMP/stderr"
check "and in Ukrainian" \
	grep -q "бібліотеку екрана libncursesw.so.6 не вдається завантажити.*libncursesw6" "$TMP/stderr"
check "the terminal is left as it was (echo on)" grep -q " echo " "$TMP/stty"
# (TERM set: the check names an unset TERM before it loads the library, and CI has no TERM.)
LD_LIBRARY_PATH="$TMP/nocurses" TERM=xterm-256color run doctor --lessons "$SRC/lessons" --db "$DB"
check "doctor without ncursesw: a problem naming the screen library, no crash" \
	sh -c '[ "$1" = 1 ] && printf "%s" "$2" | grep -q "PROBLEM: .*screen library libncursesw.so.6"' _ "$st" "$out"

# The trainer menu's PIN without libcrypt: the screen says why, and the kiosk goes on.
start_kiosk_sh "LD_LIBRARY_PATH=$TMP/nocrypt" "--db $DB --lessons $SRC/lessons --lang bg"
wait_for "Как се казвате?"
keys F11 F12
wait_for "PIN"
type_text "24681357"
keys Enter
check "PIN without libcrypt: the screen names the library" wait_for "libcrypt.so.1"
check "and the kiosk is still running" sh -c '! [ -s "$1" ]' _ "$TMP/status"
finish
