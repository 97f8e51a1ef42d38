#!/bin/sh
# A scam page where the right action is "Close": Enter in the card field presses the form's
# own button ("default: yes": "Pay"), as on a real site, and the learner is told what that
# would do, after a line saying that Enter in a field pressed that button (novice test r7:
# the learner never chose it); it is never praised as closing the page.  Tab to "Close",
# then Enter, passes.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
LESSONS=$SRC/tests/fixtures/lessons/scam

walk() { # lang, name, card field text, warning, praise, why the button was pressed,
	# what Enter in the empty field says
	start_kiosk --lessons "$LESSONS" --lang "$1"
	wait_for "["
	type_text "$2"
	keys Enter
	wait_re '^ +> +1\. '
	keys Enter
	check "$1: the fake page is open" wait_for "$3"
	# Nothing typed yet: Enter sends nothing, says so, and nobody is told the scammers
	# have the card (novice test r8).
	keys Enter
	check "$1: Enter in the empty card field: Enter does nothing here" wait_for "$7"
	check "$1: no word of scammers" sh -c '! tmux -L "$1" capture-pane -p -t k | grep -qF "$2"' _ "$SOCK" "$4"
	# The field asks for nothing: the note must not tell the learner to type in it (novice
	# test r17: she obeyed, and was scolded for typing her card).
	check "$1: and no 'type something in it first'" \
		sh -c '! tmux -L "$1" capture-pane -p -t k | grep -qF "$2"' _ "$SOCK" "$8"
	check "$1: nothing recorded" test "$(sql "select count(*) from events where step_id = 'fake-page'")" -eq 0
	# Longer than the box (29 columns): the text scrolls, nothing is refused silently.
	type_text "4111 1111 2222 3333 4444 5555 6666 7777"
	check "$1: a text longer than the box scrolls to its last letters" wait_for "6666 7777"
	keys Enter
	check "$1: Enter in the card field warns what paying would do" wait_for "$4"
	check "$1: after a line that says Enter in a field pressed the pay button" wait_for "$6"
	check "$1: that line comes first" sh -c 'tmux -L "$1" capture-pane -p -t k | grep -A1 -F "$2" | grep -q "✗"' _ "$SOCK" "$6"
	check "$1: and does not praise" sh -c '! tmux -L "$1" capture-pane -p -t k | grep -qF "$2"' _ "$SOCK" "$5"
	check "$1: the wrong press is recorded as wrong" \
		test "$(sql "select count(*) from events where step_id = 'fake-page' and correct = 0")" -ge 1
	# The feedback moves the focus to the field; Tab twice reaches "Close".
	keys Tab Tab Enter
	check "$1: Tab to the close button, Enter: praised" wait_for "$5"
}

walk bg "Бистра" "Номер на картата" "стига до измамниците" "Правилно! Затворихте" \
	"Enter в поле натиска бутона „Плати“ на формуляра." "затова Enter тук не прави нищо" \
	"напишете нещо"
rm -f "$DB" "$DB-wal" "$DB-shm"
walk uk "Олена" "Номер картки" "потрапляє до шахраїв" "Правильно! Ви закрили" \
	"Enter у полі натискає кнопку форми «Сплатити»." "тому Enter тут нічого не робить" \
	"напишіть щось"

echo "1..$n"
exit $((failures > 0))
