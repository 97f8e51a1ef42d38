#!/bin/sh
# `kiosk remove-learner` and `kiosk reset` from the command line, for the learner at the
# screen: the running kiosk notices and ends the session with a word in the learner's
# language, instead of going on under a removed name.  Someone else's reset changes nothing.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
LESSONS=$SRC/tests/fixtures/e2e

start_kiosk --lessons "$LESSONS" --lang bg
wait_for "Как се казвате?"
type_text "Петър"
keys Enter
wait_for "Здравейте, Петър"
keys F10; wait_for "Довиждане, Петър!"; keys Enter
wait_for "Как се казвате?"
type_text "Мария"
keys Enter
wait_for "Здравейте, Мария"
keys Enter
check "bg: Мария is in a lesson" wait_for "Стъпка 1 от 6"
"$BIN" reset --learner Петър --db "$DB" >/dev/null 2>&1
"$BIN" remove-learner 1 --db "$DB" >/dev/null 2>&1
check "bg: the removal of someone else changes nothing on screen" \
	sh -c 'sleep 1; tmux -L "$1" capture-pane -p -t k | grep -q "Стъпка 1 от 6"' _ "$SOCK"
id=$(sql "select id from learners where name = 'Мария'")
"$BIN" remove-learner "$id" --db "$DB" >/dev/null
check "bg: removing Мария from the command line ends her session, saying why" \
	wait_for "Обучителят премахна това име от програмата, затова заниманието приключи."
check "bg:   the erased name is not shown" sh -c '! tmux -L "$1" capture-pane -p -t k | grep -q "Мария"' _ "$SOCK"
check "bg:   the session is closed in the database" \
	test "$(sql "select count(*) from sessions where learner_id = $id and ended_at is null")" = 0
keys Enter
check "bg: then the name screen for the next person" wait_for "Как се казвате?"

start_kiosk --lessons "$LESSONS" --lang uk
wait_for "Як Вас звати?"
type_text "Олена"
keys Enter
wait_for "Олено"
keys Enter
wait_for "Крок 1 з 6"
keys Enter
check "uk: Олена is at step 2" wait_for "Крок 2 з 6"
"$BIN" reset --learner олена --db "$DB" > "$TMP/out"
check "uk: reset by name (any case) works" grep -q "Олена" "$TMP/out"
check "uk: the reset ends her session, saying why" \
	wait_for "Ваші уроки почато заново, тому заняття завершено."
check "uk:   addressed by name" wait_for "До побачення, Олено!"
keys Enter
wait_for "Як Вас звати?"
type_text "Олена"
keys Enter
wait_for "Олено"
keys Enter
check "uk: she starts again at step 1" wait_for "Крок 1 з 6"
keys Enter
wait_for "Крок 2 з 6"
# The trainer's page for her: the lesson's ID, the step she is at, the reset counted.
echo 24681357 | "$BIN" set-trainer-pin --db "$DB" >/dev/null
trainer_login 24681357 uk "Меню інструктора"
keys 2
wait_for "Пошук"
type_text "олена"
keys 1 Enter
check "uk: the trainer sees her progress: lesson ID, step, started afresh once" \
	wait_re '^ +demo  .*: крок 2 з 6 · розпочато заново 1 раз$'
finish
