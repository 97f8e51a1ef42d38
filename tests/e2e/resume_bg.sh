#!/bin/sh
# The same in Bulgarian: several steps, SIGKILL, restart; the learner types their name in
# other letters' case and is recognised; then finishes the lesson.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
LESSONS=$SRC/tests/fixtures/e2e

start_kiosk --lessons "$LESSONS"
wait_for "Добре дошли!"
keys 1 Enter
check "the learner screen is in Bulgarian" wait_for "Как се казвате?"
type_text "Мария"
keys Enter
check "the lesson list greets the learner" wait_for "Здравейте, Мария"
keys Enter
check "step 1 of 6 with a Bulgarian header" wait_for "Стъпка 1 от 6"
keys Enter
wait_for "Стъпка 2 от 6"
keys Enter
check "Enter before choosing asks to choose first" wait_for "Първо изберете отговор"
keys Down Down Enter
check "arrows and Enter pick an option" wait_for "Зеленият бутон продължава"
keys Enter
wait_for "Стъпка 3 от 6"
type_text "ЙОД"
keys Enter
check "capitals are accepted" wait_for "Намерихте го"
keys Enter
check "step 4" wait_for "Стъпка 4 от 6"

kill -9 "$(kiosk_pid)"
sleep 0.3
start_kiosk --lessons "$LESSONS" --lang bg
check "--lang bg skips the language choice" wait_for "Как се казвате?"
type_text "  мария "
keys Enter
check "the same learner is found by name in any case" wait_for "стъпка 4 от 6"
check "only one learner exists" test "$(sql "select count(*) from learners")" = 1
keys 1 Enter
check "the learner resumes at step 4" wait_for "Стъпка 4 от 6"
keys Enter
wait_for "Стъпка 5 от 6"
type_text "софия"
keys Enter
wait_for "Правилно"
keys Enter
wait_for "Стъпка 6 от 6"
keys Enter
check "the finish screen congratulates" wait_for "Поздравления!"
keys Enter
check "the list shows the lesson completed" wait_for "завършен"
keys F10
check "F10 says goodbye by name" wait_for "Довиждане, Мария!"
check "and that the progress is saved" wait_for "Напредъкът Ви е запазен."
keys Enter
check "Enter after the goodbye: the next person's screen" wait_for "Как се казвате?"
check "the session was closed" \
	test "$(sql "select ended_at is not null from sessions order by id desc limit 1")" = 1
finish
