#!/bin/sh
# A person who has never used a keyboard, in Bulgarian and in Ukrainian, pressing only the
# keys the screens name (issue 8, points 1-11): digit then Enter on the language screen and
# the lesson list; the name screen; feedback that moves the focus; Enter in a field; typing
# on a button; Up/Down in a list; Space and Enter on a box; the text cursor; stale feedback;
# "show me" and SIGTERM during it; the lesson list's highlight; F10's goodbye; long names.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
LESSONS=$SRC/tests/fixtures/novice

absent() { ! screen | grep -qF -- "$1"; }
# The terminal's cursor is on the screen line that contains $1.
cursor_on() {
	y=$(tmux -L "$SOCK" display -p -t k '#{cursor_y}')
	line=$(screen | grep -nF -- "$1" | head -1 | cut -d: -f1)
	[ -n "$line" ] && [ "$y" -eq $((line - 1)) ]
}
# The line that contains $1 has a reverse-video cell (the field's own cursor).
reverse_cell_on() {
	tmux -L "$SOCK" capture-pane -e -p -t k | grep -F -- "$1" | grep -q "$(printf '\033')\[[0-9;]*;7m"
}
# Starts the kiosk under a shell that keeps its exit status in $TMP/status.
start_with_status() {
	rm -f "$TMP/status"
	tmux -L "$SOCK" kill-server 2>/dev/null
	starts=$((starts + 1)); SOCK=kiosk-e2e-$$-$starts
	tmux -L "$SOCK" -f /dev/null new-session -d -s k -x 80 -y 24 \
		"env TERM=tmux-256color HOME=$HOME $BIN --db $DB --lessons $LESSONS; echo \$? > $TMP/status"
}
# Milliseconds since the epoch.
now_ms() { echo $(($(date +%s%N) / 1000000)); }

walk() {
	start_with_status
	wait_for "Добре дошли!"
	# 3: the digit, then Enter, as the footer says; the Enter is not "an empty name".
	keys "$DIGIT" Enter
	check "$L: digit then Enter on the language screen opens the name screen" wait_for "$WHO"
	check "$L: and that Enter is not taken as an empty name" absent "$NAME_FIRST"
	# 10: small letters are fine; Backspace is explained before anything is typed.
	check "$L: the name screen says small letters are fine" wait_for "$SMALL"
	# 11: a name of more than 60 characters fits, scrolling inside the field.
	type_text "$LONG"
	check "$L: the end of a ${#LONG}-character name shows in the field" wait_for "$LONG_END"
	keys Enter
	check "$L: the lesson list greets the learner" wait_for "$LESSONS_TITLE"
	# 3: digit then Enter on the lesson list opens the lesson at step 1, nothing skipped.
	keys 1 Enter
	check "$L: digit then Enter opens the lesson at its first step" wait_for "$SHORT_TEXT"
	keys Enter
	wait_for "$CONGRATS"
	keys Enter
	# 9: the finished lesson is not highlighted again.
	check "$L: after lesson 1 is finished the highlight is on lesson 2" wait_re "^ *> +2\. "
	keys Enter
	wait_for "$QUESTION"
	check "$L: next to a lesson title the long name ends with an ellipsis in the header" \
		sh -c 'tmux -L "$1" capture-pane -p -t k | head -1 | grep -q "$2 .*…"' _ "$SOCK" "$LONG_START"
	# 3: on a question a digit only highlights; Enter answers.
	keys 2
	check "$L: a digit alone highlights an option" wait_re "^ *> 2\."
	check "$L: and does not answer yet" absent "$RIGHT"
	check "$L: it says that Enter gives the answer" wait_for "$PRESS_ENTER"
	keys Enter
	check "$L: Enter answers" wait_for "$RIGHT"
	keys Enter
	wait_for "$FORM_ADDRESS"
	check "$L: the practice footer names every key whole, F10 included" \
		sh -c 'tmux -L "$1" capture-pane -p -t k | tail -1 | grep -q "F2: .*F10: $2 *$"' _ "$SOCK" "$FINISH_WORD"
	# 5: the text cursor is in the first of two fields while typing.
	type_text "$NAME_PART"
	check "$L: the cursor is in the first field while typing" cursor_on "$NAME_LABEL:"
	check "$L: and is drawn as a reverse-video cell too, for terminals without a cursor" \
		reverse_cell_on "$NAME_LABEL:"
	# 2: Enter in a field presses the form's button at once (never the first, "delete").
	keys Enter
	check "$L: Enter in a field submits: the feedback names the field" wait_for "$FB_NAME"
	# 1: the focus is on that field, at the end: the next letters finish the name.
	type_text "$NAME_REST"
	check "$L: the next letters go into the field the feedback names" wait_for "[ $NAME"
	# 11: the feedback goes as soon as the field is right.
	check "$L: the feedback goes once the field is right" wait_gone "$FB_NAME"
	# 1: typing while a button has the focus goes to the field the task is about.
	keys Tab Tab Tab Tab
	check "$L: Tab reached the first button" wait_re "> \[ $DELETE \]"
	type_text "$PHONE"
	check "$L: digits typed on a button go into the phone field" wait_for "[ $PHONE"
	# 4: Up and Down move inside the list; Tab leaves it.
	keys Tab Down Down Down Up
	check "$L: Down and Up pick inside the list" wait_for "(*) $TOWN"
	check "$L: and the focus stays on the list" wait_re "> $LIST_LABEL"
	# 6: Enter on a box does not tick it, nor press a button (r7): a note says Space.
	keys Tab Enter
	check "$L: Enter on a box does not tick it; the note says Space" wait_for "$NOTE_CHECK"
	check "$L: the box is still empty" wait_for "[ ] $CHECK_LABEL"
	keys Space
	check "$L: Space ticks the box" wait_for "[x] $CHECK_LABEL"
	check "$L: the note goes with the next key" wait_gone "$NOTE_CHECK"
	keys Tab Tab Enter
	check "$L: the form is sent" wait_for "$SENT"
	check "$L: only the form's button was ever pressed, never \"$DELETE\"" \
		test "$(sql "select group_concat(answer || ':' || correct, ',') from (select answer, correct from events where kind='practice' and lang='$L' order by id)")" = "$SEND:0,$SEND:1"
	keys Enter
	wait_for "$SEARCH_ADDRESS"
	# 12: above a small frame the task has room for a gloss of a word.
	check "$L: a gloss above a small practice frame is shown whole" wait_for "$GLOSS_END"
	# 7: "show me" names each key, slowly, and gives the screen back empty.
	keys F2
	check "$L: show me says what it does" wait_for "$WATCH"
	check "$L: show me names each key as it presses it" wait_for "$PRESS Й"
	check "$L: and Tab to the button" wait_for "$PRESS Tab" 10
	check "$L: then the screen is given back empty" wait_for "$YOUR_TURN" 10
	check "$L: nothing of the demonstration is left" absent "[ йод"
	# 7: SIGTERM during "show me": exit within 1 s, status 0, answers kept.
	keys F2
	wait_for "$PRESS Й"
	t0=$(now_ms)
	kill -TERM "$(child_pid "$(kiosk_pid)")"
	for _ in $(seq 30); do [ -f "$TMP/status" ] && break; sleep 0.05; done
	t1=$(now_ms)
	check "$L: SIGTERM during show me ends the kiosk within 1 s ($((t1 - t0)) ms)" \
		test -f "$TMP/status" -a $((t1 - t0)) -lt 1000
	check "$L: with exit status 0" test "$(cat "$TMP/status" 2>/dev/null)" = 0
	check "$L: the answers are kept and the session closed" \
		test "$(sql "select count(*) from events e join sessions s on s.id = e.session_id where e.lang='$L' and s.ended_at is not null")" = 5

	# The next visit: names appear only after the first letters; F10 says goodbye.
	start_kiosk --lessons "$LESSONS"
	wait_for "Добре дошли!"
	keys "$DIGIT" Enter
	wait_for "$WHO"
	check "$L: the name screen lists no earlier names before typing" absent "$LONG_START"
	type_text "$FIRST_LETTERS"
	check "$L: after the first letters the matching name appears" wait_for "$LONG_START"
	keys Down Enter
	check "$L: chosen from the list: the lessons" wait_for "$LESSONS_TITLE"
	check "$L: after a resume the highlight is on the lesson in progress" wait_re "^ *> +2\. "
	# 7: the trainer keys work while "show me" plays.
	keys Enter
	wait_for "$SEARCH_ADDRESS"
	keys F2
	wait_for "$PRESS Й"
	keys F11 F12
	check "$L: F11 then F12 during show me opens the trainer's screen" wait_for "$NO_PIN"
	keys Escape
	check "$L: Esc from there returns to the step" wait_for "$SEARCH_ADDRESS"
	keys F10
	check "$L: F10 says goodbye by name" wait_for "$GOODBYE"
	check "$L: and that the progress is saved" wait_for "$SAVED"
	keys Enter
	check "$L: Enter after the goodbye: the welcome screen" wait_for "Добре дошли!"

	# 7: the idle timeout ends a session while "show me" plays.
	sql "insert or replace into settings(key, value) values ('idle_timeout', '3')" >/dev/null
	start_kiosk --lessons "$LESSONS"
	wait_for "Добре дошли!"
	keys "$DIGIT" Enter
	wait_for "$WHO"
	type_text "$FIRST_LETTERS"
	keys Down Enter
	wait_for "$LESSONS_TITLE"
	keys Enter
	wait_for "$SEARCH_ADDRESS"
	keys F2
	check "$L: idle during show me: the warning comes" wait_for "$STILL_THERE"
	check "$L: then the session ends: the welcome screen" wait_for "Добре дошли!"
	sql "delete from settings where key = 'idle_timeout'" >/dev/null
}

L=bg DIGIT=1 WHO="Как се казвате?" NAME_FIRST="Моля, първо напишете името си" \
SMALL="Можете да пишете с малки букви" \
LONG="Мария Петрова Иванова-Стоянова от село Горно Александрово, Ямбол" \
LONG_END="Александрово, Ямбол" LONG_START="Мария Петрова" FIRST_LETTERS="мар" \
LESSONS_TITLE="Здравейте, Мария" SHORT_TEXT="Един-единствен екран" CONGRATS="Поздравления!" \
QUESTION="Кой бутон изпраща писмото?" RIGHT="Правилно!" FORM_ADDRESS="poshta-proba.example" \
NAME_PART="Мар" NAME_REST="ия" NAME="Мария" NAME_LABEL="Име" FB_NAME="Напишете Мария в полето" \
DELETE="Изтрий" SEND="Изпрати" PHONE="0888123456" TOWN="Варна" LIST_LABEL="Град" \
NOTE_CHECK="Интервалът слага или маха отметката" CHECK_LABEL="Съгласен съм" SENT="Изпратено." \
SEARCH_ADDRESS="apteka-proba.example" GLOSS_END="Край на обяснението." WATCH="Гледайте: ще го направя бавно" \
PRESS="Натискам" FINISH_WORD="край" PRESS_ENTER="Натиснете Enter, за да отговорите." YOUR_TURN="Сега е Ваш ред" GOODBYE="Довиждане, Мария Петрова" \
SAVED="Напредъкът Ви е запазен." STILL_THERE="Още ли сте тук?" \
NO_PIN="все още не е зададен ПИН код"
walk

L=uk DIGIT=2 WHO="Як Вас звати?" NAME_FIRST="спершу напишіть своє ім'я" \
SMALL="Можна писати малими літерами" \
LONG="Олена Петрівна Коваленко-Шевченко з села Велика Олександрівка" \
LONG_END="Велика Олександрівка" LONG_START="Олена Петрівна" FIRST_LETTERS="ол" \
LESSONS_TITLE="Вітаємо, Олено Петрівно" SHORT_TEXT="Один-єдиний екран" CONGRATS="Вітаємо!" \
QUESTION="Яка кнопка надсилає лист?" RIGHT="Правильно!" FORM_ADDRESS="poshta-proba.example" \
NAME_PART="Оле" NAME_REST="на" NAME="Олена" NAME_LABEL="Ім'я" FB_NAME="Напишіть Олена в полі" \
DELETE="Видалити" SEND="Надіслати" PHONE="0671234567" TOWN="Одеса" LIST_LABEL="Місто" \
NOTE_CHECK="Пробіл ставить або знімає позначку" CHECK_LABEL="Погоджуюся" SENT="Надіслано." \
SEARCH_ADDRESS="apteka-proba.example" GLOSS_END="Кінець пояснення." WATCH="Дивіться: я зроблю це повільно" \
PRESS="Натискаю" FINISH_WORD="вийти" PRESS_ENTER="Натисніть Enter, щоб відповісти." YOUR_TURN="Тепер Ваша черга" GOODBYE="До побачення, Олено Петрівно" \
SAVED="Ваші успіхи збережено." STILL_THERE="Ви ще тут?" NO_PIN="ще не задано ПІН-код"
walk
finish
