#!/bin/sh
# F4, F5 and F6 on the learner's screens themselves, not only in the F1 help that names them
# (novice testers in both languages: after Esc the keys did nothing but flash the footer).
# Each does what it does in the help and says where the screen shows its notes what it did
# and how to undo it, until the next key; F4 where nothing can be heard says so instead of
# promising reading.  The top row keeps "F3: no sound" once the kiosk knows it, also after
# the help (novice test, uk).  The trainer's screens take none of the three, nor "show me",
# which any key stops.  On a question with nothing chosen, Up goes to the first option, not
# the last (novice test, bg).
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
LESSONS=$SRC/tests/fixtures/e2e
ESC=$(printf '\033')
REV="\[[0-9;]*7m"
echo 24681357 | "$BIN" set-trainer-pin --db "$DB" >/dev/null

raw() { tmux -L "$SOCK" capture-pane -e -p -t k; }
# Waits for text $1 on a line that also shows the attribute pattern $2 (themes.sh).
wait_attr() {
	for _ in $(seq $((E2E_WAIT * 10))); do
		raw | grep -F -- "$1" | head -1 | grep -q -- "$2" && return 0
		sleep 0.1
	done
	echo "# line: $(raw | grep -F -- "$1" | head -1 | cat -v)"
	return 1
}
top_row_is() { wait_re "^ .*   $1\$"; }
not_on_screen() { ! screen | grep -qF -- "$1"; }

# A speech command that records what it is given (read_aloud.sh), to see F4 at work.
speech_recorder  # lib.inc

# ---- bg, a lesson step: the help names the keys; after Esc they work on the step ----
start_kiosk --lessons "$LESSONS" --lang bg --speech-cmd "$TMP/speak"
wait_for "Как се казвате?"
type_text "Мария"
keys Enter
wait_for "Изберете урок"
keys 1 Enter
wait_for "Първа стъпка. Натиснете Enter."
keys F1
check "bg: a step's help names F4, F5 and F6" \
	sh -c 'tmux -L "$1" capture-pane -p -t k | grep -q "F4: включва четенето" &&
	       tmux -L "$1" capture-pane -p -t k | grep -q "F5: силен контраст" &&
	       tmux -L "$1" capture-pane -p -t k | grep -q "F6: обратно към списъка"' _ "$SOCK"
keys Escape
wait_gone "F5: силен контраст"
keys F5
check "bg: F5 on the step itself says what it did and how to undo it" \
	wait_for "Силен контраст: включен. F5 връща обичайните цветове."
check "bg: the step is in high contrast at once" wait_attr "Проба" "$REV"
check "bg: the step is still the same" wait_for "Първа стъпка. Натиснете Enter."
check "bg: the choice is kept for the learner, as from the help" \
	test "$(sql "select value from settings where key = 'learner.' || (select id from learners where name = 'Мария') || '.theme'")" = contrast
keys F3
check "bg: F3 right after reads the note: the news on the screen" said_is "LANG=bg
Силен контраст: включен. F5 връща обичайните цветове."
keys F5
check "bg: F5 again brings back the usual colours, and says so" \
	wait_for "Обичайните цветове са върнати. F5 включва отново силния контраст."
check "bg: the top row is blue again" wait_attr "Проба" "44m"
check "bg: the first note is gone" not_on_screen "Силен контраст: включен."
keys F4
check "bg: F4 on the step says that every step will be read aloud" \
	wait_for "Отсега всяка стъпка ще се чете на глас. F4 спира това."
keys Enter
check "bg: the next key takes the note away" wait_gone "Отсега всяка стъпка"
check "bg: and the next step is read aloud as it opens" said_is "LANG=bg
Кой бутон води напред?
1. Червеният бутон
2. Зеленият бутон
3. Сивият бутон"
keys F4
check "bg: F4 again stops it, and says so" \
	wait_for "Стъпките вече няма да се четат на глас. F4 включва четенето отново."
check "bg: auto-read is kept off for the learner" \
	test "$(sql "select value from settings where key = 'learner.' || (select id from learners where name = 'Мария') || '.auto-read'")" = no

# ---- a question with nothing chosen: Up goes to the first option ----
keys Up
check "bg: Up with no answer chosen highlights the first option" wait_for "> 1. Червеният бутон"
check "bg: not the last one" not_on_screen "> 3."
keys Up
check "bg: then Up moves as usual (round to the last)" wait_for "> 3. Сивият бутон"
keys 2 Enter
wait_for "Зеленият бутон продължава"
keys Enter
wait_for "Напишете името на лекарството"

# ---- F6 on a step: straight back to the list, which says how to go on ----
keys F6
check "bg: F6 on the step opens the list of lessons" wait_for "Изберете урок"
check "bg: with a note that the lesson is kept and how to go on" \
	wait_for "Излязохте от урока; той е запазен на стъпката, до която стигнахте."
check "bg: the list shows where it goes on" wait_for "стъпка 3 от 6"
keys Enter
check "bg: Enter opens the lesson again at that step" wait_for "Напишете името на лекарството"
keys F10
wait_for "Довиждане"

# ---- "show me" stops at any key, as its footer says: F5 too, and changes nothing else ----
start_kiosk --lessons "$LESSONS" --lang bg
wait_for "Как се казвате?"
type_text "Петър"
keys Enter
wait_for "Изберете урок"
keys 2 Enter
wait_for "apteka-proba.example"
keys F2
wait_for "Всеки клавиш: спиране"
keys F5
check "bg: F5 during \"show me\" stops it, as any key does" wait_for "Сега е Ваш ред"
check "bg: and keeps the usual colours" wait_attr "Упражнение с екрани" "44m"
check "bg: with no note about contrast" not_on_screen "Силен контраст"
keys F5
check "bg: after it, F5 works on the practice step" \
	wait_for "Силен контраст: включен. F5 връща обичайните цветове."
check "bg: the practice step is in high contrast" wait_attr "Упражнение с екрани" "$REV"

# ---- the trainer's screens take none of them ----
start_kiosk --lessons "$LESSONS" --lang bg
wait_for "Как се казвате?"
keys F11 F12
wait_for "ПИН"
keys F5 F4
type_text "24681357"
keys Enter
wait_for "Край на сесията"
keys F6
check "trainer: F5 on the PIN screen changes no colours" wait_attr "Меню на обучителя" "44m"
check "trainer: and shows no note" not_on_screen "контраст"
check "trainer: F6 on the menu leaves it where it is" wait_for "Край на сесията"

# ---- the welcome screen: the note in every language, as every line there ----
start_kiosk --lessons "$LESSONS"
wait_for "Добре дошли!"
keys F5
check "welcome: F5 says what it did in Bulgarian" \
	wait_for "Силен контраст: включен. F5 връща обичайните цветове."
check "welcome: and in Ukrainian" wait_for "Високий контраст увімкнено. F5 повертає звичайні кольори."
keys Down
check "welcome: the next key takes it away" wait_gone "Високий контраст увімкнено"

# ---- uk, no sound on this computer ----
start_kiosk --lessons "$LESSONS" --lang uk --speech-cmd "$TMP/no-such-engine"
wait_for "Як Вас звати?"
type_text "Олена"
keys Enter
wait_for "Оберіть урок"
keys 1 Enter
wait_for "Крок 1 з 6"
keys F3
check "uk: F3 with no sound says so at the top" top_row_is "F1: довідка  F3: немає звуку"
keys F1
wait_for "Клавіші на цьому екрані"
check "uk: the top row still says so under the help" top_row_is "F1: довідка  F3: немає звуку"
keys Escape
wait_gone "Клавіші на цьому екрані"
check "uk: and after the help is closed (novice test: it said 'вголос' again)" \
	top_row_is "F1: довідка  F3: немає звуку"
keys Enter
wait_for "Крок 2 з 6"
check "uk: and on the next step" top_row_is "F1: довідка  F3: немає звуку"
keys F4
check "uk: F4 where nothing can be heard says so, and promises no reading" \
	wait_for "На цьому комп'ютері немає звуку, тому кроки не можна читати вголос."
check "uk: not 'will be read'" not_on_screen "читатиметься"
keys F1
check "uk: and reading is not switched on (the help's F4 line still offers it; novice test r12)" \
	wait_for "F4: читати кожен крок уголос, але на цьому комп'ютері немає звуку"
check "uk: ... not 'now: on'" not_on_screen "(зараз: увімкнено)"
keys Escape
keys F5
check "uk: F5 on a step" wait_for "Високий контраст увімкнено. F5 повертає звичайні кольори."
check "uk: the F4 note went with the next key" not_on_screen "тому кроки не можна"
keys F6
check "uk: F6 on a step: the list, and the way back" \
	wait_for "Ви вийшли з уроку; його збережено на кроці, де Ви були."
check "uk: the top row keeps 'no sound' on the list" top_row_is "F1: довідка  F3: немає звуку"

# ---- a kiosk with no sound: the top row says so from its first screen ----
start_kiosk --lessons "$LESSONS" --lang uk --speech-cmd "$TMP/no-such-engine"
wait_for "Як Вас звати?"
check "uk: before anyone presses F3, the top row says there is no sound" \
	top_row_is "F1: довідка  F3: немає звуку"
keys F4
check "uk: F4 on the name screen says there is no sound" wait_for "На цьому комп'ютері немає звуку"
check "uk: and the top row still says so" top_row_is "F1: довідка  F3: немає звуку"
keys F1
check "uk: the help's F4 line says there is no sound, as its F3 line" \
	wait_for "F4: читати кожен крок уголос, але на цьому комп'ютері немає звуку"
keys Escape
wait_gone "F4: читати кожен крок"
type_text "О"
check "uk: after the next key too" top_row_is "F1: довідка  F3: немає звуку"
check "uk: while the note goes" wait_gone "На цьому комп'ютері немає звуку"
keys Enter
wait_for "Оберіть урок"
keys F3
wait_for "тому нічого не можна прочитати вголос"
keys F5
check "uk: F5 right after F3 takes F3's sentence away (it ran into the note on the list)" \
	wait_gone "тому нічого не можна прочитати вголос"
check "uk: and shows its own note whole" \
	wait_for "Високий контраст увімкнено. F5 повертає звичайні кольори."
# ---- a new database: the kiosk sets speech up after the first screen, and asks only then ----
rm -f "$DB" "$DB"-*
start_kiosk --lessons "$LESSONS"
check "new database, speech there: the welcome top row offers F3" \
	top_row_is "F1: помощ / довідка  F3: на глас / вголос"
rm -f "$DB" "$DB"-*
start_kiosk --lessons "$LESSONS" --speech-cmd "$TMP/no-such-engine"
check "new database, no speech: the welcome top row says so" \
	top_row_is "F1: помощ / довідка  F3: няма звук / немає звуку"

finish
