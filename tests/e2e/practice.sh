#!/bin/sh
# Practice screens as a learner uses them, in both languages: the task done wrongly first
# (wrong button, a field left empty), the hint after two tries, "show me" (F2), then done
# right; every press is recorded with the button, whether it passed, and show-me.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
LESSONS=$SRC/tests/fixtures/e2e

start_kiosk --lessons "$LESSONS" --lang bg
wait_for "Как се казвате?"
type_text "Мария"
keys Enter
wait_for "Упражнение с екрани"
keys 2 Enter
check "bg: the practice screen shows its made-up address" wait_for "apteka-proba.example"
check "bg: and says plainly that it is practice" wait_for "Упражнение: нищо"
keys Tab Enter
check "bg: the expected button with an empty field explains the field" wait_for "Напишете йод в полето"
type_text "ЙО"
check "bg: after the feedback the focus is in the field: typing goes there" wait_for "[ ЙО"
keys Tab Tab Enter
check "bg: a wrong button gets its own feedback" wait_for "Вход“ е за клиенти"
check "bg: after two tries the hint appears" wait_for "Подсказка: Напишете йод"
type_text "Д"
check "bg: the focus left the wrong button for the field" wait_for "[ ЙОД"
keys Enter
check "bg: Enter in the field submits through the search button" wait_for "Сайтът показа резултатите"
keys Enter
check "bg: the next practice screen" wait_for "Аптека Проба · поръчка"
keys F2
check "bg: F2 names each key as it presses it" wait_for "Натискам 0" 10
keys x
check "bg: any key stops the demonstration and gives the screen back" wait_for "Сега е Ваш ред"
check "bg: the demonstration is undone for the learner" \
	sh -c '! tmux -L "$1" capture-pane -p -t k | grep -q "\[ 0888123456"' _ "$SOCK"
type_text "0888 123 456"
keys Tab 2 Tab Space Tab Enter
check "bg: filled in by the learner, the order passes" wait_for "Поръчката е приета"
check "bg: every press was recorded" \
	test "$(sql "select group_concat(answer || ':' || correct, ',') from (select answer, correct from events where kind='practice' order by id)")" = "Търси:0,Вход:0,Търси:1,Поръчай:1"
check "bg: show-me is recorded with the answer it helped" \
	test "$(sql "select show_me from events where kind='practice' and answer='Поръчай'")" = 1
check "bg: the hint was recorded" \
	test "$(sql "select hint_shown from events where kind='practice' and answer='Търси' and correct=1")" = 1

start_kiosk --lessons "$LESSONS" --lang uk
wait_for "Як Вас звати?"
type_text "Оксана"
keys Enter
wait_for "Вправа з екранами"
keys 2 Enter
check "uk: the practice screen in Ukrainian" wait_for "Знайдіть «йод»"
check "uk: the practice marker in Ukrainian" wait_for "Вправа: звідси нічого"
type_text "йод"
keys Tab Enter
check "uk: done right at the first try" wait_for "Сайт показав результати"
keys Enter
wait_for "Аптека Проба · замовлення"
type_text "067123456"
keys Tab 2 Tab Space Tab Enter
check "uk: a phone with 9 digits is refused with the field's feedback" wait_for "має 10 цифр"
type_text "7"
keys Tab Tab Tab Tab Enter
check "uk: the card button gets the lesson's feedback" wait_for "Ви натиснули «Оплатити карткою»"
keys BTab Enter
check "uk: with every field right the order passes" wait_for "Замовлення прийнято"
check "uk: wrong and right presses recorded" \
	test "$(sql "select count(*) || ':' || sum(correct) from events where kind='practice' and lang='uk'")" = "4:2"
finish
