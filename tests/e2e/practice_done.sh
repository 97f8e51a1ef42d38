#!/bin/sh
# A practice step done already, come to again with Esc (back) or with Enter after going back,
# is shown done with its form filled in as "show me" leaves it (the field's Cyrillic text, the
# choice chosen, the box ticked, the focus on the task's button), not empty beside "You did
# this step already" (novice: "it says I did it, but everything is blank").  Typing on the
# filled form records and changes nothing; Enter goes on and Esc goes back as on every done
# step.  Ukrainian, then a shorter run in Bulgarian.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
LESSONS=$SRC/tests/fixtures/e2e
DONE_UK="Цей крок Ви вже зробили"
DONE_BG="Тази стъпка вече е направена"

# both TEXT...: every text is on the screen at once, within the wait.
on_screen() {
	_s=$(screen)
	for _t in "$@"; do printf '%s\n' "$_s" | grep -qF -- "$_t" || return 1; done
}
both() { soon on_screen "$@"; }
practice_events() { sql "select count(*) from events where kind='practice'"; }
# The keys sent so far have been handled: F1 opens the help (after them, keys are taken in
# order), Esc closes it again.
handled() {
	keys F1
	wait_for "Це один крок уроку" || return 1
	keys Escape
	wait_gone "Це один крок уроку"
}

start_kiosk --lessons "$LESSONS" --lang uk
wait_for "Як Вас звати?"
type_text "Оксана"
keys Enter
wait_for "Вправа з екранами"
keys 2 Enter
wait_for "Знайдіть «йод»"
type_text "йод"
keys Enter
check "uk: the search step is done" wait_for "Сайт показав результати"
keys Enter
wait_for "Аптека Проба · замовлення"
type_text "0671234567"
keys Tab 2 Tab Space Tab Enter
check "uk: the order step is done" wait_for "Замовлення прийнято"
keys Escape
check "uk: Esc back to the done search step: the note and the field holding «йод»" \
	both "Крок 1 з 2" "$DONE_UK" "[ йод"
type_text "ще"
keys Space BSpace BSpace 1
check "the keys were handled (F1 help opened and closed after them)" handled
check "uk: typing on the filled form changes nothing" both "$DONE_UK" "[ йод "
check "uk: and records nothing" test "$(practice_events)" = 2
keys Enter
check "uk: Enter after going back: the order form shown done, phone filled in" \
	both "Крок 2 з 2" "$DONE_UK" "[ 0671234567"
check "uk: the payment chosen and the terms ticked" \
	both "(*) Накладений платіж" "( ) Карткою" "[x] Приймаю умови"
check "uk: the focus on the button the task presses" both "> [ Замовити ]"
keys 1 Tab Space
check "the keys were handled (F1 help opened and closed after them)" handled
check "uk: a digit, Tab and Space on it pick and untick nothing" \
	both "$DONE_UK" "(*) Накладений платіж" "[x] Приймаю умови" "> [ Замовити ]"
keys Escape
check "uk: Esc still goes back" both "Крок 1 з 2" "$DONE_UK" "[ йод"
keys Enter
wait_for "Крок 2 з 2"
keys Enter
check "uk: Enter on the done last step finishes the lesson" wait_gone "Крок 2 з 2"
check "uk: nothing more than the two presses was recorded" test "$(practice_events)" = 2

start_kiosk --lessons "$LESSONS" --lang bg
wait_for "Как се казвате?"
type_text "Мария"
keys Enter
wait_for "Упражнение с екрани"
keys 2 Enter
wait_for "apteka-proba.example"
type_text "йод"
keys Enter
wait_for "Сайтът показа резултатите"
keys Enter
wait_for "Аптека Проба · поръчка"
keys Escape
check "bg: Esc back to the done step: the note and the field holding «йод»" \
	both "Стъпка 1 от 2" "$DONE_BG" "[ йод"
finish
