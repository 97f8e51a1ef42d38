#!/bin/sh
# Terminal types (issue 10 point 10): with TERM unset, unknown, dumb or vt100 (no F11/F12) the
# kiosk does not start a screen nobody can use or leave: it says in Bulgarian and Ukrainian
# which terminal it needs and exits 1.  TERM=linux (the Linux console) works: colours, line
# drawing, and the function keys as the console sends them.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
LESSONS=$SRC/tests/fixtures/e2e

# Runs a shell command in a fresh pane (80x24 unless given); its stderr shows on the pane.
# remain-on-exit comes from the configuration: a kiosk that refuses at once must not take the
# pane with it before the option is set.
echo "set -g remain-on-exit on" > "$TMP/tmux.conf"
start_raw() {
	tmux -L "$SOCK" kill-server 2>/dev/null
	starts=$((starts + 1)); SOCK=kiosk-e2e-$$-$starts
	tmux -L "$SOCK" -f "$TMP/tmux.conf" new-session -d -s k -x "${2:-80}" -y "${3:-24}" "$1"
}

# The refusals are read with the history.  The shell waits after the kiosk so that the pane
# stays open: output of a pane whose process has already gone can be lost.
screen() { tmux -L "$SOCK" capture-pane -p -S - -t k 2>/dev/null; }
no_text() { ! screen | grep -qF -- "$1"; }

refused() { # label, env arguments, expected Bulgarian text, expected Ukrainian text
	start_raw "env $2 HOME=$HOME $BIN --db $DB --lessons $LESSONS 2>&1; echo status=\$?; sleep 60" 400 30
	check "$1: says so in Bulgarian" wait_for "$3" 20
	check "$1: and in Ukrainian" wait_for "$4"
	check "$1: names the terminal to use" wait_for "TERM=linux"
	check "$1: exits 1" wait_for "status=1"
	check "$1: no English ncurses error" no_text "Error opening"
}

refused "TERM unset" "-u TERM" "Типът на терминала не е зададен" "Тип термінала не задано"
refused "TERM unknown" "TERM=no-such-term" "'no-such-term' не е известен" "'no-such-term' невідомий"
refused "TERM=dumb" "TERM=dumb" "не може да мести курсора" "не може переміщувати курсор"
refused "TERM=vt100" "TERM=vt100" "няма клавишите F11 F12" "не має клавіш F11 F12"
check "nothing was written to the database on refusal" sh -c '[ ! -s "$1" ] || [ "$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"select count(*) from sessions\").fetchone()[0])" "$1")" = 0 ]' _ "$DB"

# With a language chosen, the message is in that language only.
start_raw "env TERM=vt100 HOME=$HOME $BIN --db $DB --lessons $LESSONS --lang uk 2>&1; echo status=\$?; sleep 60" 400 30
check "--lang uk: exits 1" wait_for "status=1" 20
check "--lang uk: in Ukrainian" wait_for "не має клавіш"
check "--lang uk: and not in Bulgarian" no_text "няма клавишите"

# The Linux console.  Keys are sent as the console sends them (tmux would encode F2 its own way).
start_raw "env TERM=linux HOME=$HOME $BIN --db $DB --lessons $LESSONS --lang bg"
check "TERM=linux: the kiosk starts" wait_for "Как се казвате?" 20
type_text "Линукс"
keys Enter
wait_for "Упражнение с екрани"
keys 2 Enter
check "TERM=linux: line drawing shows as box lines" wait_for "┌──────"
check "TERM=linux: the title bar is in colour (white on blue)" \
	sh -c 'tmux -L "$1" capture-pane -e -p -t k | head -1 | grep -q "\[44m"' _ "$SOCK"
type_text "$(printf '\033[[B')"
check "TERM=linux: F2 as the console sends it shows the task" wait_for "Сега е Ваш ред" 20
type_text "$(printf '\033[21~')"
check "TERM=linux: F10 as the console sends it ends the session" wait_for "Довиждане, Линукс!"
keys Enter
wait_for "Как се казвате?"
type_text "$(printf '\033[23~\033[24~')"
check "TERM=linux: F11 then F12 reach the trainer (no PIN yet)" wait_for "set-trainer-pin"
finish
