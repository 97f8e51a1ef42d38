#!/bin/sh
# Issue 10, in a real terminal: bad bytes from the terminal, the database deleted while the
# kiosk runs, signals, hostile names, and the database refusals of the kiosk itself.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
LESSONS=$SRC/tests/fixtures/e2e
off_screen() { ! screen | grep -qF -- "$1"; }
# True when $1 does not appear within 1 s.
never_shows() { ! wait_for "$1" 1; }

# ---- 3. one invalid UTF-8 byte never freezes typing ----
start_kiosk --lessons "$LESSONS" --lang bg
wait_for "Кой сте Вие?"
tmux -L "$SOCK" send-keys -t k -H ff
type_text "Ива"
tmux -L "$SOCK" send-keys -t k -H c3 28
type_text "н"
check "after 0xff and 'c3 28' the letters still arrive" wait_for "[ Ива(н"
keys BSpace BSpace
type_text "н"
keys Enter
check "and Enter still works" wait_for "Здравейте, Иван"
check "one learner, named without the bad bytes" test "$(sql "select name from learners")" = "Иван"

# ---- 2. the database deleted while the kiosk runs ----
start_kiosk --lessons "$LESSONS" --lang bg
wait_for "Кой сте Вие?"
type_text "Мария"
keys Enter
wait_for "Здравейте, Мария"
keys Enter
wait_for "Стъпка 1 от 6"
keys Enter
wait_for "Стъпка 2 от 6"
rm -f "$DB" "$DB-wal" "$DB-shm"
keys Down Down Enter
check "a deleted database: the answer is not confirmed, the trainer is asked for" \
	wait_for "повикайте обучителя"
check "and the step is not praised as done" off_screen "Зеленият бутон продължава"
keys Enter
check "Enter does not move on to step 3" never_shows "Стъпка 3 от 6"
keys F11 F12
check "the trainer keys still open (no PIN set: the way out)" wait_for "set-trainer-pin"
keys Enter
sleep 0.5
start_kiosk --lessons "$LESSONS" --lang bg
wait_for "Кой сте Вие?"
type_text "Мария"
keys Enter
check "after a restart the lesson shows what the file holds: not started" wait_for "не е започнат"

# ---- 11. SIGSTOP, a resize while stopped, SIGCONT: the whole screen is redrawn ----
rm -f "$DB" "$DB-wal" "$DB-shm"
start_kiosk_sh --lessons "$LESSONS" --lang bg
wait_for "Кой сте Вие?"
type_text "Стоп"
keys Enter
wait_for "Здравейте, Стоп"
keys Enter
wait_for "Стъпка 1 от 6"
pid=$(kiosk_child)
kill -STOP "$pid"
# What a job-control shell does meanwhile: its own terminal modes and a line of text.
tty=$(tmux -L "$SOCK" display -p -t k '#{pane_tty}')
stty -F "$tty" sane
printf '\r\n[1]+  Stopped   kiosk\r\n' > "$tty"
resize 100 30
sleep 0.3
kill -CONT "$pid"
# The header's right edge follows the new width.
check "after SIGCONT the step is drawn at the new size" \
	wait_re "^  Проба {80,}Стоп *$"
check "the shell's text is painted over" wait_gone "Stopped"
check "and the footer is on the last row" sh -c '[ "$(tmux -L "$1" capture-pane -p -t k | sed -n 30p | grep -c "Enter")" = 1 ]' _ "$SOCK"
type_text "x"
keys Enter
check "the kiosk's terminal modes are back: Enter goes on, nothing is echoed" \
	wait_for "Стъпка 2 от 6"
check "no echo of the typed x" sh -c '! tmux -L "$1" capture-pane -p -t k | grep -q "x"' _ "$SOCK"
resize 80 24

# ---- 11. SIGUSR1, SIGUSR2, SIGALRM end the kiosk cleanly; SIGPIPE is ignored ----
for sig in USR1 USR2 ALRM; do
	start_kiosk_sh --lessons "$LESSONS" --lang bg
	wait_for "Кой сте Вие?"
	type_text "Сигнал$sig"
	keys Enter
	wait_for "Здравейте, Сигнал$sig"
	keys Enter
	wait_for "Стъпка 1 от 6"
	kill -s PIPE "$(kiosk_child)"
	sleep 0.3
	check "SIGPIPE is ignored ($sig round)" test ! -e "$TMP/status"
	kill -s "$sig" "$(kiosk_child)"
	for _ in $(seq 30); do [ -s "$TMP/stty" ] && break; sleep 0.1; done
	check "SIG$sig: exit status 0" test "$(cat "$TMP/status" 2>/dev/null)" = 0
	check "SIG$sig: the terminal is restored (echo, canonical mode)" \
		sh -c 'grep -qw icanon "$1" && grep -qw echo "$1"' _ "$TMP/stty"
	check "SIG$sig: the session is closed" \
		test "$(sql "select count(*) from sessions s join learners l on l.id = s.learner_id where l.name = 'Сигнал$sig' and s.ended_at is not null")" = 1
done
