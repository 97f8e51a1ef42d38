#!/bin/sh
# The trainer at the kiosk: F11 then F12 asks for the PIN; a wrong PIN is refused (and the
# next try must wait); the right one opens the menu; a reset makes the learner start afresh
# while the earlier answers stay; ending the session brings back the welcome screen; Ctrl-C,
# Ctrl-Z and Ctrl-\ do not leave the kiosk; the idle timeout ends a forgotten session.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
LESSONS=$SRC/tests/fixtures/e2e

echo 24681357 | "$BIN" set-trainer-pin --db "$DB" >/dev/null
check "set-trainer-pin stored a yescrypt hash, not the digits" \
	sh -c 'v=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"select value from settings where key=\x27trainer_pin\x27\").fetchone()[0])" "$1"); case $v in \$y\$*) ! echo "$v" | grep -q 24681357;; *) false;; esac' _ "$DB"

start_kiosk --lessons "$LESSONS"
wait_for "Добре дошли!"
keys C-c C-z 'C-\'
sleep 0.3
check "Ctrl-C, Ctrl-Z and Ctrl-\\ do not leave the kiosk" wait_for "Добре дошли!"
check "the process is still running" test "$(tmux -L "$SOCK" list-panes -t k -F '#{pane_dead}')" = 0
keys 1 Enter
wait_for "Как се казвате?"
type_text "Мария"
keys Enter 1 Enter Enter
check "the learner is at step 2" wait_for "Стъпка 2 от 6"
keys 2 Enter
wait_for "Правилно"

keys F11 F12
check "F11 then F12 asks for the trainer PIN" wait_for "ПИН"
type_text "11112222"
keys Enter
check "a wrong PIN is refused" wait_for "Грешен ПИН"
check "and the next try must wait" wait_for "изчакайте"
type_text "24681357"
keys Enter
sleep 0.3
check "no attempt is taken during the wait" sh -c '! tmux -L "$1" capture-pane -p -t k | grep -q "Край на сесията"' _ "$SOCK"
sleep 1.5
type_text "24681357"
keys Enter
check "the right PIN opens the trainer menu" wait_for "Край на сесията"
check "both attempts were logged" \
	test "$(sql "select group_concat(action) from (select action from audit where action like 'pin-%' order by id)")" = "pin-set,pin-wrong,pin-ok"

keys 3
check "the trainer menu shows the lesson statistics table" wait_re "^ +Урок +Език "
check "with the lesson Мария started" wait_re "Проба +bg +1 +0"
keys Escape
wait_for "Край на сесията"
keys 2
check "the learners list shows Мария" wait_for "Мария"
check "with her last visit and progress" wait_re "последно: 20[0-9-]+ [0-9:]+ UTC · уроци: започнати 1, завършени 0$"
keys Enter
wait_for "Премахване"
keys 2
check "reset asks which lesson" wait_for "Кой урок?"
keys 1 Enter
check "and asks to confirm" wait_for "Enter: да"
keys Escape
check "Esc there says that nothing was changed" wait_for "Отменено: нищо не е променено."
keys 2
wait_for "Кой урок?"
keys 1 Enter
wait_for "Enter: да"
keys Enter
check "the reset is confirmed with the kept answers" wait_for "запазени"
check "naming the lesson and the learner" wait_for "Готово: „Проба“ започва наново за Мария;"
check "earlier answers are kept, marked as before the reset" \
	test "$(sql "select count(*) from events where reset_id is not null")" = 2
check "the reset is in the audit" test "$(sql "select count(*) from audit where action='reset'")" = 1
keys Escape Escape
wait_for "Край на сесията"
keys 3
check "after the reset the statistics are the same (answers before a reset count)" \
	wait_re "Проба +bg +1 +0"
keys Escape
wait_for "Край на сесията"
keys Escape
check "Esc returns to the learner's screen" wait_for "Стъпка 2 от 6"
keys F10
wait_for "Довиждане"
keys Enter
wait_for "Добре дошли!"
keys 1 Enter
wait_for "Как се казвате?"
type_text "Мария"
keys Enter
check "after the reset the lesson is not started" wait_for "не е започнат"
keys 1 Enter
check "and starts afresh at step 1" wait_for "Стъпка 1 от 6"

trainer_login 24681357 bg "Край на сесията"
keys 1
check "ending the session returns to the welcome screen" wait_for "Добре дошли!"
check "the session was closed" \
	test "$(sql "select ended_at is not null from sessions order by id desc limit 1")" = 1

# Idle timeout, set short: a forgotten session ends and the welcome screen returns.
sql "insert or replace into settings(key, value) values ('idle_timeout', '4')" >/dev/null
start_kiosk --lessons "$LESSONS"
wait_for "Добре дошли!"
keys 2 Enter
wait_for "Як Вас звати?"
type_text "Олена"
keys Enter 1 Enter
wait_for "Крок 1 з 6"
check "an idle learner is asked if they are still there" wait_for "Ви ще тут?"
check "the countdown is shown" wait_for "на початок через"
sleep 4
check "then the welcome screen returns" wait_for "Ласкаво просимо!"
check "without the previous person's name" sh -c '! tmux -L "$1" capture-pane -p -t k | grep -q "Олена"' _ "$SOCK"
check "the idle session was closed" \
	test "$(sql "select ended_at is not null from sessions order by id desc limit 1")" = 1

# The welcome screen speaks the first language again; the timeout is still 4 s, so be quick.
trainer_login 24681357 bg "Изход от киоска"
keys 5 Enter
sleep 0.5
check "leaving the kiosk from the trainer menu ends the program" pane_dead
check "leaving was audited" test "$(sql "select count(*) from audit where action='leave'")" = 1
finish
