#!/bin/sh
# The terminal: resizing below 80x24 shows a clear message in the current language and never
# crashes; growing again restores the screen.  A database that cannot be opened is a clear
# error with a non-zero exit, before the screen is taken over.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
LESSONS=$SRC/tests/fixtures/e2e

start_kiosk --lessons "$LESSONS" --lang uk
wait_for "Як Вас звати?"
type_text "Іван"
keys Enter
keys 1 Enter
wait_for "Крок 1 з 6"
resize 60 20
check "a small window asks to be enlarged, in Ukrainian" wait_for "Будь ласка, збільште вікно"
keys Enter
resize 40 10
sleep 0.2
resize 20 5
sleep 0.2
check "still alive at 20x5" test "$(tmux -L "$SOCK" list-panes -t k -F '#{pane_dead}')" = 0
resize 80 24
check "the step comes back at 80x24" wait_for "Крок 1 з 6"
check "keys were ignored while too small" wait_for "Перший крок"
resize 120 40
check "a larger window still shows the step" wait_for "Крок 1 з 6"
keys F10
check "F10 says goodbye in Ukrainian" wait_for "До побачення, Іване!"
check "the goodbye goes on by itself after a few seconds" wait_for "Як Вас звати?" 10

# Before anyone chose a language, the welcome screen asks in each of its languages.
start_kiosk --lessons "$LESSONS"
wait_for "Добре дошли!"
resize 60 20
check "on the welcome screen, a small window is asked to grow in Bulgarian" \
	wait_for "Моля, увеличете прозореца"
check "... and in Ukrainian, on the same screen" wait_for "Будь ласка, збільште вікно"
resize 80 24
check "the welcome screen comes back at 80x24" wait_for "Добре дошли!"

# A kiosk with no trainer PIN yet (a first run) explains how to set one and lets you out.
start_kiosk --lessons "$LESSONS"
wait_for "Добре дошли!"
keys F11 F12
check "without a PIN the trainer keys explain how to set one" wait_for "$BIN set-trainer-pin --db"
keys Enter
sleep 0.5
check "and Enter leaves the kiosk" pane_dead

out=$("$BIN" --db /nonexistent-folder/k.db --lessons "$LESSONS" 2>&1); st=$?
check "a missing database folder exits non-zero" test "$st" -ne 0
check "and says which folder" sh -c 'printf "%s" "$1" | grep -q "/nonexistent-folder"' _ "$out"
printf 'not a database at all, just text\n%.0s' $(seq 200) > "$TMP/junk.db"
out=$("$BIN" --db "$TMP/junk.db" --lessons "$LESSONS" 2>&1); st=$?
check "a file that is not a database exits non-zero" test "$st" -ne 0
check "and says it is not a kiosk database" sh -c 'printf "%s" "$1" | grep -qi "not a kiosk database"' _ "$out"

# SIGTERM and SIGHUP: the step in progress is kept, the session closed, exit status 0.
# A shell in the pane keeps the kiosk's exit status in a file.
for sig in TERM HUP; do
	rm -f "$TMP/status"
	tmux -L "$SOCK" kill-server 2>/dev/null
	starts=$((starts + 1)); SOCK=kiosk-e2e-$$-$starts
	tmux -L "$SOCK" -f /dev/null new-session -d -s k -x 80 -y 24 \
		"env TERM=tmux-256color HOME=$HOME $BIN --db $DB --lessons $LESSONS --lang bg; echo \$? > $TMP/status"
	wait_for "Как се казвате?"
	type_text "Сигнал$sig"
	keys Enter 1 Enter Enter
	wait_for "Стъпка 2 от 6"
	kill -s "$sig" "$(child_pid "$(kiosk_pid)")"
	sleep 1
	check "SIG$sig exits with status 0" test "$(cat "$TMP/status" 2>/dev/null)" = 0
	check "SIG$sig: the finished step is kept and the session closed" \
		test "$(sql "select count(*) from events e join sessions s on s.id = e.session_id join learners l on l.id = s.learner_id where l.name = 'Сигнал$sig' and s.ended_at is not null")" = 1
done

out=$("$BIN" --version); check "--version prints the name and version" sh -c 'printf "%s" "$1" | grep -q "^kiosk [0-9]"' _ "$out"
out=$("$BIN" --help); check "--help shows usage" sh -c 'printf "%s" "$1" | grep -q "^Usage: kiosk"' _ "$out"
"$BIN" --bogus >/dev/null 2>&1; st=$?
check "an unknown option exits 2" test "$st" -eq 2
finish
