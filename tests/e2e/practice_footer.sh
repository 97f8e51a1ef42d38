#!/bin/sh
# The practice footer names the button Enter presses (novice test: "Enter: натиска бутона" in
# a field, and the learner did not know which), in both languages: in a field the form's
# button, which is what Enter then really presses (one button; a form whose own button is
# not the one the task wants); on a button that button; a name too long for the whole
# sentence in the 80-column footer shows alone (and so do the screen's other buttons: one
# form per screen), one too long even alone leaves the short words; F10 stays whole, and F1
# help names the button, as F2 "show me" does at its end.  F1 help says that F3 gives no
# sound where there is no speech engine, and not where there is one.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
LESSONS=$SRC/tests/fixtures/footer
# A speech command that exists and says nothing: sound is there, as far as the kiosk knows.
printf '#!/bin/sh\ncat >/dev/null\n' > "$TMP/quiet"
chmod +x "$TMP/quiet"

footer() { screen | tail -1; }
# The footer shows $1, and its last key is whole.
footer_has() {
	for _ in $(seq $((E2E_WAIT * 10))); do
		footer | grep -qF -- "$1" && break
		sleep 0.1
	done
	footer | grep -qF -- "$1" && footer | grep -qE "F10: $FINISH_WORD *\$"
}
absent() { ! screen | grep -qF -- "$1"; }
# The footer does not show $1 (once it shows F10 whole).
footer_lacks() { footer_has "" && ! footer | grep -qF -- "$1"; }

walk() {
	start_kiosk --lessons "$LESSONS" --lang "$L" --speech-cmd "$TMP/no-such-engine"
	wait_for "$ASK_NAME"
	type_text "$NAME"
	keys Enter
	wait_for "$TITLE"
	keys 1 Enter
	wait_for "Tab:"
	# Empty, Enter presses nothing there (it says so): the footer names no button (novice
	# test r16: it did, and a learner believed it).
	check "$L: in the empty field the footer names no button" footer_lacks "Enter:"
	type_text "$NAME"
	check "$L: one button: with something typed, the footer names it" footer_has "Enter: $PRESSES1"
	keys F2
	check "$L: F2 \"show me\" ends naming the button too" wait_for "$SHOW_LAST"
	check "$L: and gives the screen back" wait_for "$YOUR_TURN"
	type_text "$NAME"
	keys F1
	check "$L: F1 help names it too" wait_for "Enter: $PRESSES1"
	check "$L: F1 help says that F3 gives no sound here" wait_for "$F3_NO_SOUND"
	check "$L: and not that any key stops the reading" absent "$F3_USUAL"
	keys Escape
	wait_gone "$F3_NO_SOUND"
	keys Enter
	check "$L: Enter in the field pressed it: the step is passed" wait_for "$RIGHT"
	keys Enter
	type_text "4111"
	check "$L: a form whose own button is not the task's: the footer names the form's" \
		footer_has "Enter: $PRESSES_PAY"
	keys Enter
	check "$L: and Enter in the field pressed that one" wait_for "$ENTER_PAID"
	keys Tab Tab
	check "$L: on a button the footer names that button" footer_has "Enter: $PRESSES_CLOSE"
	keys Enter
	wait_for "$RIGHT"
	keys Enter
	wait_for "Tab:"
	type_text "$(printf %.4s "$ANSWER")"
	check "$L: a name too long for the whole sentence: the name alone, F10 whole" \
		footer_has "Enter: $LABEL_LONG"
	check "$L: not the sentence" sh -c '! tmux -L "$1" capture-pane -p -t k | tail -1 | grep -qF "$2"' \
		_ "$SOCK" "$PRESSES_LONG"
	keys F1
	check "$L: F1 help names it with the whole sentence" wait_for "Enter: $PRESSES_LONG"
	keys Escape
	wait_gone "Enter: $PRESSES_LONG"
	for _ in 1 2 3 4; do keys BSpace; done
	keys Tab Tab
	check "$L: the short button beside it: named alone as well, one form on the screen" \
		footer_has "Enter: $LABEL_BACK"
	check "$L: not with the sentence" sh -c '! tmux -L "$1" capture-pane -p -t k | tail -1 | grep -qF "$2"' \
		_ "$SOCK" "$PRESSES_BACK"
	keys BTab BTab
	type_text "$ANSWER"
	keys Enter
	wait_for "$RIGHT"
	keys Enter
	wait_for "Tab:"
	type_text "x"
	check "$L: a name too long even alone: the short words, F10 whole" footer_has "Enter: $PRESS"
	check "$L: not cut" sh -c '! tmux -L "$1" capture-pane -p -t k | tail -1 | grep -qF "$2"' \
		_ "$SOCK" "$TOO_LONG"
	keys F1
	check "$L: F1 help names it" wait_for "Enter: $PRESSES_TOO_LONG"
	keys Escape
	# With a speech engine there, the help's F3 line is the usual one.
	start_kiosk --lessons "$LESSONS" --lang "$L" --speech-cmd "$TMP/quiet"
	wait_for "$ASK_NAME"
	keys F1
	check "$L: with an engine, F1 help says that any key stops the reading" wait_for "$F3_USUAL"
	check "$L: and nothing about no sound" absent "$F3_NO_SOUND"
}

L=bg ASK_NAME="Как се казвате?" NAME="Мария" TITLE="Бутонът на Enter" FINISH_WORD="край" \
PRESSES1="натиска „Вход“" SHOW_LAST="Накрая Enter натиска бутона „Вход“." YOUR_TURN="Сега е Ваш ред" \
RIGHT="Правилно" PRESSES_PAY="натиска „Плати“" \
ENTER_PAID="Enter в поле натиска бутона „Плати“ на формуляра." PRESSES_CLOSE="натиска „Затвори“" \
LABEL_LONG="„Изпрати оплакване“" PRESSES_LONG="натиска „Изпрати оплакване“" ANSWER="студено" \
LABEL_BACK="„Назад“" PRESSES_BACK="натиска „Назад“" \
PRESS="натиска бутона" TOO_LONG="Изпрати оплакването" PRESSES_TOO_LONG="натиска „Изпрати оплакването“" \
F3_NO_SOUND="F3: прочита екрана на глас, но на този компютър няма звук" \
F3_USUAL="F3: прочита екрана на глас; всеки клавиш спира четенето" walk
L=uk ASK_NAME="Як Вас звати?" NAME="Оксана" TITLE="Кнопка клавіші Enter" FINISH_WORD="вийти" \
PRESSES1="натискає «Увійти»" SHOW_LAST="Наостанок Enter натискає кнопку «Увійти»." \
YOUR_TURN="Тепер Ваша черга" RIGHT="Правильно" PRESSES_PAY="натискає «Сплата»" \
ENTER_PAID="Enter у полі натискає кнопку форми «Сплата»." PRESSES_CLOSE="натискає «Вихід»" \
LABEL_LONG="«Надіслати заяву»" PRESSES_LONG="натискає «Надіслати заяву»" ANSWER="холодна" \
LABEL_BACK="«Назад»" PRESSES_BACK="натискає «Назад»" \
PRESS="натиснути" TOO_LONG="Оформити замовлення" PRESSES_TOO_LONG="натискає «Оформити замовлення»" \
F3_NO_SOUND="F3: прочитати екран уголос, але на цьому комп'ютері немає звуку" \
F3_USUAL="F3: прочитати екран уголос; будь-яка клавіша зупиняє читання" walk
echo "1..$n"
exit $((failures > 0))
