#!/bin/sh
# The lesson list as a novice sees it (novice test, round 7): a lesson's number typed slowly,
# digit by digit, shown under the list until Enter; the highlight after leaving or finishing a
# lesson; "more lessons" only when there are; F6 in a lesson's help back to the list; the top
# row in both languages on the welcome screen; "Reading aloud… F3: stop" while speech runs.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
SHORT=$SRC/tests/fixtures/short
FIX=$SRC/tests/fixtures/e2e
# A speech stand-in: writes its pid and "speaks" until it is stopped or killed.
cat > "$TMP/speak" <<'SH'
#!/bin/sh
cat > /dev/null
echo $$ > "$(dirname "$0")/speech.pid"
exec sleep 60
SH
chmod +x "$TMP/speak"
highlighted() { wait_re "^ +> +$1\. "; }
not_on_screen() { ! screen | grep -qF -- "$1"; }
# Waits for the speech stand-in to have started; prints its pid.
speech_pid() {
	for _ in $(seq $((E2E_WAIT * 10))); do
		[ -s "$TMP/speech.pid" ] && { cat "$TMP/speech.pid"; return 0; }
		sleep 0.1
	done
	return 1
}

# A slow typist: "1", a look at the screen (and at the help), then "5": lesson 15.
start_kiosk --lessons "$SRC/lessons" --lang bg
wait_for "Как се казвате?"
type_text "Тест"
keys Enter
highlighted 1
check "bg: at the top of the list the note says more lessons follow" \
	wait_for "Има още уроци: натиснете стрелките надолу"
keys 1
check "bg: '1' is shown under the list, with a mark that more digits may follow" \
	wait_for "Номер на урока: 1_   Enter го отваря, Backspace изтрива цифра."
keys F1
wait_for "Клавишите на този екран"
keys Escape
check "bg: the number is still there after a look at the help" wait_for "Номер на урока: 1_"
keys 5
check "bg: then '5' makes lesson 15" wait_for "Номер на урока: 15 "
check "bg: and highlights it" highlighted 15
keys Enter
check "bg: Enter opens lesson 15" wait_for "Билет за влак по интернет"
check "bg: at its first step" wait_re 'Стъпка 1 '
keys Escape
check "bg: back on the list, the highlight is on the lesson just left" highlighted 15
check "bg: at the end of the list the note says the other lessons are above" \
	wait_for "Има още уроци по-горе: натиснете стрелката нагоре"
check "bg: and no longer that more follow below" \
	not_on_screen "Има още уроци: натиснете стрелките надолу"
check "bg: the number typed before is gone with the screen" not_on_screen "Номер на урока"
keys 1 2
wait_for "Номер на урока: 12"
keys BSpace
check "bg: Backspace takes back the last digit" wait_for "Номер на урока: 1_"
keys 4
check "bg: so '1', '2', Backspace, '4' is lesson 14" highlighted 14
keys Down
check "bg: an arrow ends the number" wait_gone "Номер на урока"
check "bg: and moves the highlight as usual" highlighted 15
keys 5
check "bg: after it '5' is lesson 5, a new number" wait_for "Номер на урока: 5 "
check "bg: highlighted" highlighted 5
keys 1
check "bg: '1' after '5' is past the end (51): a new number 1" wait_for "Номер на урока: 1_"
keys Escape
check "bg: Esc with a number typed takes the number back" wait_gone "Номер на урока"
check "bg: and stays on the list" wait_for "Изберете урок"
keys Escape
check "bg: a second Esc goes to the name screen" wait_for "Как се казвате?"

start_kiosk --lessons "$SRC/lessons" --lang uk
wait_for "Як Вас звати?"
type_text "Тест"
keys Enter
highlighted 1
keys 1
check "uk: '1' is shown under the list" wait_for "Номер уроку: 1_   Enter відкриває його"
keys 2
check "uk: then '2' makes lesson 12" wait_for "Номер уроку: 12 "
check "uk: and highlights it" highlighted 12
keys End
check "uk: at the end of the list the note says the other lessons are above" \
	wait_for "Є ще уроки вище: натискайте стрілку вгору"

# After finishing a lesson the highlight goes to the next one to take, never back to 1.
start_kiosk --lessons "$SHORT" --lang bg
wait_for "Как се казвате?"
type_text "Тест"
keys Enter
highlighted 1
check "a list that fits on the screen has no note about more lessons" \
	not_on_screen "Има още уроци"
keys 3 Enter
wait_for "Единствената стъпка на урок 3"
keys Enter
wait_for "Поздравления!"
keys Enter
check "after finishing the last lesson the highlight stays on it" highlighted 3
keys 1 Enter
wait_for "Единствената стъпка на урок 1"
keys Enter
wait_for "Поздравления!"
keys Enter
check "after finishing lesson 1 the highlight is on lesson 2, the next to take" highlighted 2
keys Enter
wait_for "Единствената стъпка на урок 2"
keys Enter
wait_for "Поздравления!"
keys Enter
check "after lesson 2 with 3 done already, there is none after it: it stays on 2" highlighted 2

# F6 in a lesson's help: straight back to the list from the middle of a lesson.
start_kiosk --lessons "$FIX" --lang bg
wait_for "Как се казвате?"
type_text "Тест"
keys Enter
highlighted 1
keys 1 Enter
wait_for "Първа стъпка"
keys Enter
wait_for "Кой бутон води напред?"
keys 2 Enter
wait_for "Зеленият бутон продължава"
keys Enter
wait_for "Напишете името на лекарството"
keys F1
check "a lesson's help names the way back to the list" \
	wait_for "F6: обратно към списъка с уроци; следващия път урокът продължава от"
keys F6
check "F6 there opens the list at once" wait_for "Изберете урок"
check "on the lesson just left" highlighted 1
check "which goes on at the step the learner was at" wait_for "стъпка 3 от 6"

# The welcome screen: nobody has chosen a language yet, the top row speaks both.
start_kiosk --lessons "$FIX" --speech-cmd "$TMP/speak"
wait_for "Ласкаво просимо!"
check "welcome: the top row names F1 and F3 in Bulgarian and in Ukrainian" \
	wait_for "F1: помощ / довідка  F3: на глас / вголос"
keys F1
check "welcome: F1 opens the help" wait_for "Тук избирате езика на уроците"
keys Escape
check "welcome: Esc closes it" wait_for "Ласкаво просимо!"
rm -f "$TMP/speech.pid"
keys F3
check "welcome: F3 shows in both languages that the screen is being read" \
	wait_for "   Чете на глас… / Читаю вголос… F3: спира / зупинити"
pid=$(speech_pid)
check "welcome: the speech stand-in runs" test -n "$pid"
keys F3
check "welcome: F3 again stops it, and the top row says so" \
	wait_for "F1: помощ / довідка  F3: на глас / вголос"
check "welcome: the reading sign is gone" not_on_screen "Чете на глас"

# The sign while speech runs, in Ukrainian; it goes when the speech ends by itself.
keys 2 Enter
wait_for "Як Вас звати?"
check "uk: the top row in Ukrainian only once the language is chosen" \
	wait_for "F1: довідка  F3: вголос"
rm -f "$TMP/speech.pid"
keys F3
check "uk: F3 shows 'Читаю вголос… F3: зупинити' at the top" \
	wait_for "   Читаю вголос… F3: зупинити"
pid=$(speech_pid)
kill "$pid"
check "uk: the speech ended on its own: the sign goes" wait_for "F1: довідка  F3: вголос"
type_text "Олена"
keys Enter
highlighted 1
rm -f "$TMP/speech.pid"
keys F3
check "uk: on the lesson list too" wait_for "Читаю вголос… F3: зупинити"
speech_pid >/dev/null
keys Down
check "uk: any other key stops the reading, and the sign goes" wait_for "F1: довідка  F3: вголос"

start_kiosk --lessons "$FIX" --lang bg --speech-cmd "$TMP/speak"
wait_for "Как се казвате?"
rm -f "$TMP/speech.pid"
keys F3
check "bg: F3 shows 'Чете на глас… F3: спира' at the top" \
	wait_for "   Чете на глас… F3: спира"
speech_pid >/dev/null
keys F3
check "bg: F3 again stops it and the sign goes" wait_for "F1: помощ  F3: на глас"

# No speech engine (or no sound device): F3 says at the top that nothing can be heard here,
# rather than seeming to do nothing (the tester had no sound device); the top row keeps saying
# so, the sentence goes with the next key.
start_kiosk --lessons "$FIX" --lang bg --speech-cmd "$TMP/no-such-engine"
wait_for "Как се казвате?"
keys F3
check "bg: F3 without an engine says 'F3: няма звук'" wait_for "F1: помощ  F3: няма звук"
check "bg: and does not claim to read" not_on_screen "Чете на глас"
check "bg: a sentence where the eye is says so too (novice r9)" \
	wait_for "На този компютър няма звук, затова киоскът не може да чете на глас."
type_text "М"
check "bg: the next key takes the sentence away" wait_gone "На този компютър няма звук"
check "bg: the top row keeps saying there is no sound" wait_for "F1: помощ  F3: няма звук"
check "bg: and does what it does as usual" wait_for "[ М"
start_kiosk --lessons "$FIX" --speech-cmd "$TMP/no-such-engine"
wait_for "Ласкаво просимо!"
keys F3
check "welcome: the same in both languages" \
	wait_for "F1: помощ / довідка  F3: няма звук / немає звуку"
finish
