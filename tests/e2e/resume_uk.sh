#!/bin/sh
# A Ukrainian learner goes through several steps typing Cyrillic (with a decomposed й), the
# kiosk is killed with SIGKILL, and on restart the learner resumes at the right step.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
LESSONS=$SRC/tests/fixtures/e2e
YOD_DECOMPOSED=$(printf '\320\270\314\206\320\276\320\264')   # и + U+0306, о, д

start_kiosk --lessons "$LESSONS"
check "welcome shows Ukrainian" wait_for "Ласкаво просимо!"
check "welcome shows Bulgarian" wait_for "Добре дошли!"
keys 2 Enter
check "the learner screen is in Ukrainian" wait_for "Як Вас звати?"
type_text "Оксана"
keys Enter
check "the lesson list greets the learner" wait_for "Вітаємо, Оксано!"
check "the lesson is not started" wait_for "не розпочато"
keys 1 Enter
check "step 1 of 6 with a Ukrainian header" wait_for "Крок 1 з 6"
keys Enter
check "Enter goes on to step 2" wait_for "Крок 2 з 6"
keys 1 Enter
check "a wrong option shows its feedback" wait_for "Червона кнопка скасовує"
keys 3 Enter
check "after two wrong tries the hint appears" wait_for "Підказка: Шукайте"
keys 2 Enter
check "the right option is praised" wait_for "Зелена кнопка веде далі"
keys Enter
check "step 3" wait_for "Крок 3 з 6"
keys Enter
check "Enter on an empty answer asks to type first, not a wrong answer" wait_for "напишіть відповідь, а потім натисніть Enter"
type_text "йот"
keys Enter
check "a wrong typed answer shows the feedback" wait_for "Перевірте літери"
keys BSpace BSpace BSpace
type_text "$(printf '\320\270\314\206')"   # a decomposed й ...
keys BSpace                                 # ... removed whole by one Backspace
type_text "$YOD_DECOMPOSED"
keys Enter
check "a decomposed й is accepted after Backspace removed a whole letter" wait_for "Ви знайшли його"
keys Escape
wait_for "Крок 2 з 6"
keys Enter
check "Esc straight after a right answer, then Enter: the step is shown done (novice test r14)" \
	soon sh -c 'tmux -L "$1" capture-pane -p -t k | grep -q "Крок 3 з 6" &&
	       tmux -L "$1" capture-pane -p -t k | grep -q "Цей крок Ви вже зробили"' _ "$SOCK"
keys Enter
check "step 4" wait_for "Крок 4 з 6"
keys Escape
check "Esc goes back a step" wait_for "Крок 3 з 6"
check "a step done already is shown done, not asked again (novice tests r11, r12)" \
	wait_for "Цей крок Ви вже зробили. Натисніть Enter, щоб іти далі"
keys Enter
check "and Enter goes on without answering it again" wait_for "Крок 4 з 6"
keys Escape
wait_for "Крок 3 з 6"
keys Escape
wait_for "Крок 2 з 6"
keys Enter
check "two steps back and forward again: the done step is still shown done (novice test r13)" \
	soon sh -c 'tmux -L "$1" capture-pane -p -t k | grep -q "Крок 3 з 6" &&
	       tmux -L "$1" capture-pane -p -t k | grep -q "Цей крок Ви вже зробили"' _ "$SOCK"
keys Enter
check "and on to the step not done yet" wait_for "Крок 4 з 6"

kill -9 "$(kiosk_pid)"
sleep 0.3
check "the kiosk was killed" pane_dead
check "three steps were saved" test "$(sql "select count(*) from events where correct=1")" = 3
check "the hint was recorded with the answer" \
	test "$(sql "select hint_shown from events where step_id='pick' and correct=1")" = 1

start_kiosk --lessons "$LESSONS"
wait_for "Ласкаво просимо!"
keys 2 Enter
wait_for "Як Вас звати?"
check "no earlier names are shown before the person types" \
	sh -c '! tmux -L "$1" capture-pane -p -t k | grep -q "Оксана"' _ "$SOCK"
type_text "ок"
check "after the first letters the matching name appears" wait_for "Оксана"
keys Down Enter
check "the list shows where the learner stopped" wait_for "крок 4 з 6"
keys 1 Enter
check "the learner resumes at step 4" wait_for "Крок 4 з 6"
check "the resumed step shows its text" wait_for "Четвертий крок"
finish
