#!/bin/sh
# The trainer's long lists take a number the way the learner's lesson list does: one digit at
# a time with no time limit, shown under the list as it grows, Backspace takes back a digit,
# and only Enter acts.  Before, "1" opened learner 1 at once (and "1" then "2" typed more than
# 1.5 s apart never reached learner 12), and in the list of lessons to start afresh a digit
# went straight to the question.  Here the trainer waits 2 s between the digits on purpose:
# the time between them must not matter.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"

"$BIN" learners --db "$DB" >/dev/null
echo 24681357 | "$BIN" set-trainer-pin --db "$DB" >/dev/null
python3 "$SRC/tests/e2e/seed_learners.py" "$DB" 30
highlighted() { wait_re "^ +> +$1\\. "; }
# The name (or title) on the highlighted row N, without the list's scroll mark.
# A placeholder that is on no screen when there is none, so that a check on it fails.
name_at() {
	_n=$(screen | sed -n "s/^ *> *$1\\. //p" | sed 's/ *\^\{0,1\} *$//')
	echo "${_n:-(nothing at $1)}"
}
not_on_screen() { ! screen | grep -qF -- "$1"; }
resets() { sql "select count(*) from audit where action = 'reset'"; }

start_kiosk --lessons "$SRC/lessons" --lang bg
wait_for "Как се казвате?"
trainer_login 24681357 bg "Край на сесията"
keys 2
wait_for "Търсене (напишете букви от името):"
check "bg: the footer says a digit, then Enter, opens" \
	wait_for "Цифра или стрелки, после Enter: отваряне"
keys 1
check "bg: '1' is shown under the learners list, with a mark that more may follow" \
	wait_for "Номер на обучаем: 1_   Enter го отваря, Backspace изтрива цифра."
check "bg: and highlights learner 1" highlighted 1
sleep 2  # the input condition: a trainer slower than the old 1.5 s
check "bg: 2 s later the number is still there, and no learner was opened" \
	wait_for "Номер на обучаем: 1_"
keys 2
check "bg: then '2' makes 12" wait_for "Номер на обучаем: 12 "
check "bg: and highlights learner 12" highlighted 12
name=$(name_at 12)
keys BSpace
check "bg: Backspace takes back the 2" wait_for "Номер на обучаем: 1_"
check "bg: and the highlight goes back to learner 1" highlighted 1
keys 2
wait_for "Номер на обучаем: 12 "
keys Enter
check "bg: Enter opens the highlighted learner, 12 ($name)" wait_re "Обучаеми +$name  "

# A learner's lessons (17 in this set): the lesson to start afresh, by number.
keys 2
wait_for "Кой урок?"
check "bg: the lesson list's footer says a digit, then Enter" \
	wait_for "Цифра или стрелки, после Enter: избор"
keys 1
check "bg: '1' is shown under the lesson list" \
	wait_for "Номер на урока: 1_   Enter го избира, Backspace изтрива цифра."
check "bg: a digit does not ask to start a lesson afresh" not_on_screen "Enter: да"
sleep 2  # the input condition again
keys 6
check "bg: then '6' makes lesson 16" wait_for "Номер на урока: 16 "
check "bg: and highlights it" highlighted 16
keys BSpace
check "bg: Backspace takes back the 6" wait_for "Номер на урока: 1_"
check "bg: lesson 1 highlighted again" highlighted 1
keys 6
highlighted 16
# The title's first words: the question may wrap the rest.
title=$(name_at 16 | awk '{ print $1, $2, $3 }')
check "bg: digits alone started nothing afresh" test "$(resets)" = 0
keys Enter
check "bg: Enter asks about the highlighted lesson, 16 ($title)" wait_for "„$title"
check "bg: and waits for the answer" wait_for "Enter: да"
keys Escape
wait_for "Напредък (код на урока"
check "bg: Esc says no: nothing was started afresh" test "$(resets)" = 0
keys 2
wait_for "Кой урок?"
check "bg: the lesson list opens again with no number typed" not_on_screen "Номер на урока"
keys Escape
wait_for "Напредък (код на урока"
keys Escape
wait_for "Търсене (напишете букви от името):"

# The search field keeps its Backspace when no number is typed; a letter ends a number.
type_text "юлі"
wait_re '^ +> +1\. Юлія 8'
keys 2
check "bg: in the narrowed list '2' highlights its 2nd name" highlighted 2
check "bg: shown with no mark (no 3-digit number fits 3 names)" \
	wait_for "Номер на обучаем: 2   Enter"
keys BSpace
check "bg: Backspace takes back the digit, not a letter" wait_gone "Номер на обучаем"
check "bg: the search is unchanged" wait_for "[ юлі"
keys BSpace
check "bg: with no number, Backspace erases the search's last letter" wait_for "[ юл "
keys 3
wait_for "Номер на обучаем: 3"
type_text "і"
check "bg: a letter ends the number" wait_gone "Номер на обучаем"
check "bg: and goes to the search" wait_for "[ юлі"
keys 3
wait_for "Номер на обучаем: 3"
keys Escape
check "bg: Esc with a number typed takes the number back" wait_gone "Номер на обучаем"
check "bg: and stays on the list" wait_for "[ юлі"
keys Escape
check "bg: a second Esc goes back to the trainer menu" wait_for "Край на сесията"

# Ukrainian: the same, in the trainer's language.
start_kiosk --lessons "$SRC/lessons" --lang uk
wait_for "Як Вас звати?"
trainer_login 24681357 uk "Меню інструктора"
keys 2
wait_for "Літери імені для пошуку:"
keys 1
check "uk: '1' is shown under the learners list" \
	wait_for "Номер учня: 1_   Enter відкриває його, Backspace стирає цифру."
sleep 2
keys 2
check "uk: then '2' makes 12" wait_for "Номер учня: 12 "
check "uk: and highlights learner 12" highlighted 12
name=$(name_at 12)
keys Enter
check "uk: Enter opens learner 12 ($name)" wait_re "Учні +$name  "
keys 2
wait_for "Який урок?"
keys 1
check "uk: '1' is shown under the lesson list" \
	wait_for "Номер уроку: 1_   Enter обирає його, Backspace стирає цифру."
finish
