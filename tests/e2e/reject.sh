#!/bin/sh
# Rules that cannot praise the wrong answer (issue 9), as a learner meets them in both
# languages: a practice PIN field refuses 1234 with the lesson's own reason and then accepts a
# good PIN (left empty, it gets "still empty", not its feedback's "erase"); a type step
# refuses a name written without its capital letter, then accepts it.
# A fixture lesson set, so that rewriting the real lessons does not move these checks.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
LESSONS=$SRC/tests/fixtures/lessons/rules

start_kiosk --lessons "$LESSONS" --lang bg
wait_for "Как се казвате?"
type_text "Мария"
keys Enter
wait_for "Нов ПИН и главни букви"
keys 1 Enter
check "bg: the PIN practice screen" wait_for "bank-proba.example"
check "bg: its footer names what Tab does there" wait_for "Tab: следващо "
check "bg: and still names F10 in full" wait_for "F10: край"
keys Tab Tab Enter
check "bg: a wrong button gets its reason" wait_for "„Откажи“ не сменя ПИН кода."
keys Tab
check "bg: which goes once the learner moves on" wait_gone "„Откажи“ не сменя ПИН кода."
keys Enter
check "bg: the right button with the field still empty: \"still empty\", not the feedback's \"erase with Backspace\"" \
	wait_for "Полето „Нов ПИН“ още е празно"
type_text "1"
check "bg: the note goes with the first letter typed" wait_gone "още е празно"
keys BSpace
type_text "1234"
keys Tab Enter
check "bg: 1234 is refused with the lesson's reason" wait_for "1234 и 0000 се отгатват лесно"
check "bg: and not praised" sh -c '! tmux -L "$1" capture-pane -p -t k | grep -q "ПИН кодът е сменен"' _ "$SOCK"
keys BSpace BSpace BSpace BSpace
type_text "19 55"
keys Tab Enter
check "bg: a year of birth, typed in groups, gets its own reason" wait_for "Годината на раждане се отгатва"
keys BSpace BSpace BSpace BSpace BSpace
type_text "7391"
keys Tab Enter
check "bg: a good PIN passes" wait_for "ПИН кодът е сменен"
keys Enter
wait_for "с главна буква"
type_text "Mariya"
keys Enter
check "bg: Latin letters get \"switch the keyboard\", not a plain \"wrong\"" wait_for "Буквите са латински"
keys BSpace BSpace BSpace BSpace BSpace BSpace
type_text "Мaрия"
keys Enter
check "bg: one Latin letter in a Cyrillic word: \"some letters\"" wait_for "Някои букви са латински"
keys BSpace BSpace BSpace BSpace BSpace
type_text "мария"
keys Enter
check "bg: a name without its capital is refused with the step's feedback" wait_for "задръжте Shift"
keys BSpace BSpace BSpace BSpace BSpace
type_text "Мария"
keys Enter
check "bg: with the capital it is right" wait_for "Точно така!"
check "bg: the refused answers were recorded as wrong, the good ones as right" \
	test "$(sql "select group_concat(answer || ':' || correct, ',') from (select answer, correct from events where kind in ('practice', 'type') order by id)")" = "Откажи:0,Смени:0,Смени:0,Смени:0,Смени:1,Mariya:0,Мaрия:0,мария:0,Мария:1"

start_kiosk --lessons "$LESSONS" --lang uk
wait_for "Як Вас звати?"
type_text "Oksana"
check "uk: a name in Latin letters: the screen says so while it is typed" wait_for "Ці літери латинські"
keys BSpace BSpace BSpace BSpace BSpace BSpace
check "uk: and the note goes with the letters" wait_gone "Ці літери латинські"
type_text "Оксана"
keys Enter
wait_for "Новий ПІН і великі літери"
keys 1 Enter
check "uk: the PIN practice screen" wait_for "bank-proba.example"
check "uk: its footer names what Tab does there" wait_for "Tab: перейти "
check "uk: and still names F10" wait_for "F10: вийти"
type_text "1234"
keys Tab Enter
check "uk: 1234 is refused with the lesson's reason in Ukrainian" wait_for "1234 і 0000 легко вгадати"
keys BSpace BSpace BSpace BSpace
type_text "7391"
keys Tab Enter
check "uk: a good PIN passes" wait_for "ПІН-код змінено"
check "uk: one refusal and one pass recorded" \
	test "$(sql "select count(*) || ':' || sum(correct) from events where kind='practice' and lang='uk'")" = "2:1"
keys Enter
wait_for "з великої літери"
type_text "Марія"
keys Enter
wait_for "Саме так!"
keys Enter
check "uk: the name form" wait_for "poshta-proba.example"
type_text "Maria"
keys Tab Enter
check "uk: Latin letters in a practice field get \"switch the keyboard\"" wait_for "Літери латинські"
keys BSpace BSpace BSpace BSpace BSpace
type_text "Марія"
keys Tab Enter
check "uk: in Cyrillic it is right" wait_for "Готово!"
finish
