#!/bin/sh
# The keys of a practice screen as a novice presses them (novice test r7), in both languages:
# Enter on a list picks and then only says how to reach a button, never passing the step; a
# list of times picks "10:00" when 1 0 : 0 0 is typed, and nothing typed there lands in the
# phone field; a key that can do nothing (a time no item begins with, Space on a button)
# says so; only the task's button, reached with Tab, passes.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
LESSONS=$SRC/tests/fixtures/keys

absent() { ! screen | grep -qF -- "$1"; }
# Waits for the footer (the last row) to show $1: it is drawn after the key is read.
footer_shows() {
	for _ in $(seq $((E2E_WAIT * 10))); do
		screen | tail -1 | grep -qF -- "$1" && return 0
		sleep 0.1
	done
	return 1
}
# The phone field holds no digit.
phone_empty() { ! screen | grep -F -- "$1:" | grep -q '[0-9]'; }

walk() {
	start_kiosk --lessons "$LESSONS" --lang "$L"
	wait_for "$ASK_NAME"
	type_text "$NAME"
	keys Enter
	wait_for "$TITLE"
	keys 1 Enter
	check "$L: the call screen is open" wait_for "$SCREEN"
	# 5: the footer names the key the widget in focus takes.
	check "$L: on a list the footer names the digits and arrows, not Enter" \
		sh -c 'tmux -L "$1" capture-pane -p -t k | tail -1 | grep -F "$2" | grep -vq Enter' _ "$SOCK" "$FOOTER_LIST"
	check "$L: and still fits: its last key is whole" \
		sh -c 'tmux -L "$1" capture-pane -p -t k | tail -1 | grep -qE "F10: $2 *$"' _ "$SOCK" "$FINISH_WORD"
	# 1: Enter on the list picks the highlighted contact and says how to reach a button.
	keys Enter
	check "$L: Enter on a list with no pick picks it" wait_for "(*) $CONTACT"
	check "$L: and says that Enter chose it and how to press a button" wait_for "$NOTE_PICKED"
	check "$L: and how to choose another" wait_for "$NOTE_OTHER"
	keys Enter
	check "$L: a second Enter says how to reach a button" wait_for "$NOTE_CHOSEN"
	check "$L: and never passes the step" absent "$RIGHT"
	keys 2
	check "$L: a digit that changes the choice says so" wait_for "$NOTE_DIGIT"
	keys 1
	check "$L: ... and back to the first contact" wait_for "(*) $CONTACT"
	check "$L: no button was pressed" \
		test "$(sql "select count(*) from events where kind='practice' and lang='$L'")" = 0
	# 2: the time typed as the text says it.
	keys Tab
	type_text "10:00"
	check "$L: typing 10:00 on the times picks 10:00" wait_for "(*) 10:00"
	check "$L: not 8:30" absent "(*) 8:30"
	check "$L: and nothing of it went into the phone field" phone_empty "$PHONE_LABEL"
	keys Tab BTab
	type_text "9"
	check "$L: a time no item begins with gets a note" wait_for "$NOTE_NO_ITEM"
	check "$L: the pick stays" wait_for "(*) 10:00"
	check "$L: the 9 did not go into the phone field" phone_empty "$PHONE_LABEL"
	# 4: Space on a button says where the focus is.
	keys Tab
	# In Ukrainian "натискає «Слухавка»" would cut F10, so every button of this screen is
	# named alone (practice_footer.sh).
	# The focus has left the list when its footer has gone.
	soon sh -c '! tmux -L "$1" capture-pane -p -t k | tail -1 | grep -qF "$2"' _ "$SOCK" "$FOOTER_LIST"
	check "$L: in the empty field the footer names no button (Enter does nothing there)" \
		sh -c '! tmux -L "$1" capture-pane -p -t k | tail -1 | grep -qF "$2"' _ "$SOCK" "$FOOTER_FIELD"
	type_text "$PHONE"
	check "$L: in a field with something typed the footer names the button Enter presses" \
		footer_shows "$FOOTER_FIELD"
	keys Tab Space
	check "$L: Space on a button says where the focus is" wait_for "$NOTE_BUTTON"
	keys Tab Enter
	check "$L: the task's button, reached with Tab, passes" wait_for "$RIGHT"
	check "$L: one press, the right one" \
		test "$(sql "select group_concat(answer || ':' || correct) from events where kind='practice' and lang='$L'")" = "$CAMERA:1"
}

L=bg ASK_NAME="Как се казвате?" NAME="Мария" TITLE="Видеоразговор за проба" SCREEN="Разговори · проба" \
CONTACT="Мария" NOTE_PICKED="С Enter избрахте „Мария“" NOTE_OTHER="За да изберете друго" NOTE_DIGIT="Цифрата смени избора" NOTE_CHOSEN="Избрали сте „Мария“. За да натиснете бутон" \
RIGHT="Правилно" PHONE_LABEL="Телефон" NOTE_NO_ITEM="в него няма ред, който започва с „9“" PHONE="0888123456" \
NOTE_BUTTON="Вие сте на бутона „Слушалка“: Enter го натиска" CAMERA="Камера" \
FINISH_WORD="край" FOOTER_LIST="Цифра или стрелки: избор" FOOTER_FIELD="Enter: натиска „Камера“" walk
rm -f "$DB" "$DB-wal" "$DB-shm"
L=uk ASK_NAME="Як Вас звати?" NAME="Оксана" TITLE="Відеодзвінок для проби" SCREEN="Розмови · проба" \
CONTACT="Марія" NOTE_PICKED="Клавішею Enter Ви обрали «Марія»" NOTE_OTHER="Щоб обрати інше" NOTE_DIGIT="Цифра змінила вибір" NOTE_CHOSEN="Ви обрали «Марія». Щоб натиснути кнопку" \
RIGHT="Правильно" PHONE_LABEL="Телефон" NOTE_NO_ITEM="у ньому немає рядка, що починається з «9»" PHONE="0671234567" \
NOTE_BUTTON="Ви на кнопці «Слухавка»: Enter натискає її" CAMERA="Камера" \
FINISH_WORD="вийти" FOOTER_LIST="Цифра, стрілки: обрати" FOOTER_FIELD="Enter: «Камера»" walk

# A button pressed while a list has nothing picked: the lesson's feedback (written about a
# wrong pick) comes after "nothing is chosen yet" (novice test r8).
start_kiosk --lessons "$LESSONS" --lang bg
wait_for "Как се казвате?"
type_text "Мария"
keys Enter
wait_for "Видеоразговор за проба"
keys 1 Enter
wait_for "Разговори · проба"
keys Tab Tab Tab Tab Enter
check "bg: nothing picked in the list: said before the lesson's feedback" \
	wait_for "В „Контакти“ още нищо не е избрано. Изберете „Мария“"

finish
