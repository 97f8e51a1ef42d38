#!/bin/sh
# A practice screen with little room under it: after two wrong tries a wrong button still
# answers with its feedback, and the hint that no longer fits under it shrinks to one row
# pointing to F2.  (The hint used to take the feedback's place: the third press of "Back"
# changed nothing on the screen, a dead end for a novice tester, r19.)
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
LESSONS=$SRC/tests/fixtures/lessons/tall

start_kiosk --lessons "$LESSONS" --lang bg
wait_for "Как се казвате?"
type_text "Ана"
keys Enter
wait_for "Изберете урок"
keys Enter
wait_for "Записване за час при лекаря"
# From the first field, Shift-Tab twice reaches "Назад"; a wrong press sends the focus back.
keys BTab BTab Enter
check "a first wrong press shows the feedback" wait_for "би Ви върнал на предишната страница"
keys BTab BTab Enter
wait_for "Подсказка"
check "after two tries, a hint (in one row: the screen has no room for the whole)" \
	wait_for "Подсказка: натиснете F2 и гледайте как се прави."
check "and the feedback of the press is still there" wait_for "би Ви върнал на предишната страница"
keys Tab
wait_gone "би Ви върнал"
keys BTab BTab BTab Enter
check "a third wrong press answers on the screen again" wait_for "би Ви върнал на предишната страница"
check "with the short hint" wait_for "Подсказка: натиснете F2 и гледайте как се прави."
keys F2
check "F2 shows how it is done" wait_for "Натискам"
finish
