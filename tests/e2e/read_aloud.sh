#!/bin/sh
# Reading aloud (F3) with a recording speech command instead of espeak-ng: the exact text
# and language for each kind of step and for a practice screen (its title and labels, e.g. a
# scam SMS, then the widget in focus), a "say:" spoken form, the next key stopping the speech
# (the child is gone, checked by its pid), auto-read kept for one learner and not another, and
# nothing left running after SIGTERM.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
LESSONS=$SRC/tests/fixtures/e2e
# The recorder (lib.inc), its first line with the rate: "LANG=bg RATE=130".
export SPEAK_RATE=1
speech_recorder
alive() { [ -d "/proc/$1" ] && ! grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null; }
gone() {
	for _ in $(seq $((E2E_WAIT * 10))); do
		alive "$1" || return 0
		sleep 0.1
	done
	return 1
}
records() { ls "$REC" | grep -c '^said\.[0-9]'; }

start_kiosk --lessons "$LESSONS" --lang bg --speech-cmd "$TMP/speak"
wait_for "Как се казвате?"
check "the top row names F1 and F3 on every screen" wait_for "F1: помощ"
type_text "Мария"
keys Enter
wait_for "Проба"
keys F3
check "the lesson list: the greeting, then each lesson with its number and status" \
	said_is "LANG=bg RATE=130
Здравейте, Мария! Изберете урок.
1. Проба. не е започнат
2. Упражнение с екрани. не е започнат"
keys 1 Enter
wait_for "Първа стъпка"
keys F3
check "a read step: its text, in Bulgarian, at the slower default rate" \
	said_is "LANG=bg RATE=130
Първа стъпка. Натиснете Enter."
pid=$(cat "$REC/pid")
check "the speech child runs while the screen waits" alive "$pid"
keys x
check "the next key stops it at once: the child is gone" gone "$pid"
rm -f "$REC/pid"
keys F3
# The reading must have started (its pid written) before the second F3 can stop it.
check "F3 starts a new reading" sh -c 'for i in $(seq 150); do [ -s "$1" ] && exit 0; sleep 0.1; done; exit 1' _ "$REC/pid"
pid=$(cat "$REC/pid")
keys F3
check "F3 again stops it as well" gone "$pid"
keys Enter
wait_for "Кой бутон води напред?"
keys F3
check "a choose step: the question, then its numbered options" said_is "LANG=bg RATE=130
Кой бутон води напред?
1. Червеният бутон
2. Зеленият бутон
3. Сивият бутон"
keys 1 Enter
wait_for "отказва поръчката"
keys F3
check "after a wrong answer: the feedback just shown" said_is "LANG=bg RATE=130
Червеният бутон отказва поръчката."
keys 2 Enter
wait_for "Зеленият бутон продължава"
keys F3
check "after a right answer: the praise and the lesson's words" said_is "LANG=bg RATE=130
Правилно! Браво.
Зеленият бутон продължава."
keys Enter
wait_for "Напишете името на лекарството"
keys F3
check "a type step: the task, then the field's label" said_is "LANG=bg RATE=130
Напишете името на лекарството: йод
Търсене:"
pid=$(cat "$REC/pid")
keys F10
check "leaving the screen stops the speech" gone "$pid"
wait_for "Довиждане"

# The practice screen: the task with its spoken form, the screen's title and labels, then the
# widget in focus.
start_kiosk --lessons "$LESSONS" --lang bg --speech-cmd "$TMP/speak"
wait_for "Как се казвате?"
type_text "Мария"
keys Enter
wait_for "Упражнение с екрани"
keys 2 Enter
wait_for "apteka-proba.example"
keys F3
check "a practice step: the task, the screen's title and label, then the field in focus, empty" \
	said_is "LANG=bg RATE=130
Потърсете „йод“: напишете думата в полето и натиснете „Търси“.
Аптека Проба
apteka-proba.example
Какво лекарство търсите?
поле Търсене, празно"
type_text "йо"
keys F3
check "what is typed is read with the field" said_is "LANG=bg RATE=130
Потърсете „йод“: напишете думата в полето и натиснете „Търси“.
Аптека Проба
apteka-proba.example
Какво лекарство търсите?
поле Търсене: йо"
keys Tab F3
check "the focus moved: the button is read" said_is "LANG=bg RATE=130
Потърсете „йод“: напишете думата в полето и натиснете „Търси“.
Аптека Проба
apteka-proba.example
Какво лекарство търсите?
бутон Търси"
type_text "д"
keys Enter
wait_for "Сайтът показа резултатите"
keys Enter
wait_for "Аптека Проба · поръчка"
keys F3
check "a 'say:' line gives the spoken form of a number" said_is "LANG=bg RATE=130
Напишете телефона нула осем осем осем, сто двайсет и три, четиристотин петдесет и шест, изберете „Наложен платеж“, приемете условията и натиснете „Поръчай“.
Аптека Проба
поръчка
поле Телефон, празно"
pid=$(cat "$REC/pid")
kill -TERM "$(kiosk_pid)"
check "SIGTERM ends the kiosk" sh -c 'for i in $(seq 50); do [ "$(tmux -L "$1" list-panes -t k -F "#{pane_dead}")" = 1 ] && exit 0; sleep 0.1; done; exit 1' _ "$SOCK"
check "and no speech child is left running" gone "$pid"

# Ukrainian: the language code follows the lessons' language.
start_kiosk --lessons "$LESSONS" --lang uk --speech-cmd "$TMP/speak"
wait_for "Як Вас звати?"
keys F3
check "the learner screen is read in Ukrainian (uk) when it has nothing else to say" \
	sh -c 'for i in $(seq 50); do head -1 "$1" 2>/dev/null | grep -q "^LANG=uk " && exit 0; sleep 0.1; done; exit 1' _ "$REC/said"

# Auto-read is kept for one learner and not for another.
start_kiosk --lessons "$LESSONS" --lang bg --speech-cmd "$TMP/speak"
wait_for "Как се казвате?"
type_text "Петър"
keys Enter
wait_for "Проба"
keys F1
wait_for "F4: включва четенето на глас"
keys F4
check "F4 in the help turns auto-read on for this learner" wait_for "(сега: включено)"
keys Escape
check "Esc returns to the lesson list" wait_for "Изберете урок"
before=$(records)
keys 1 Enter
wait_for "Първа стъпка"
check "Петър's steps are read as they open" said_is "LANG=bg RATE=130
Първа стъпка. Натиснете Enter."
keys Enter
check "and the next one too" said_is "LANG=bg RATE=130
Кой бутон води напред?
1. Червеният бутон
2. Зеленият бутон
3. Сивият бутон"
check "the choice is kept for Петър" \
	test "$(sql "select value from settings where key = 'learner.' || (select id from learners where name = 'Петър') || '.auto-read'")" = yes
keys F10
wait_for "Как се казвате?" 10
type_text "Иван"
keys Enter
wait_for "Проба"
rm -f "$REC/said"
before=$(records)
keys 1 Enter
wait_for "Първа стъпка"
keys F3
check "Иван's step is read only when he presses F3" said_is "LANG=bg RATE=130
Първа стъпка. Натиснете Enter."
check "F3 started the reading (it did not stop an automatic one)" alive "$(cat "$REC/pid")"
check "one reading, not two" test "$(records)" -eq $((before + 1))
keys F10
wait_for "Как се казвате?" 10
type_text "Петър"
keys Enter
wait_for "Проба"
before=$(records)
keys 1 Enter
check "after a new session Петър's steps are read again" said_is "LANG=bg RATE=130
Кой бутон води напред?
1. Червеният бутон
2. Зеленият бутон
3. Сивият бутон"
keys 2 Enter
wait_for "Браво"
keys Enter
wait_for "Напишете името на лекарството"
keys Escape
check "a done step come back to is read as done: its text, then the note" said_is "LANG=bg RATE=130
Кой бутон води напред?
Тази стъпка вече е направена. Натиснете Enter, за да продължите, или Esc, за да се върнете още назад."

# The trainer's settings: a slower rate, and every step read for everyone by default.
"$BIN" set-access speech-rate 100 --db "$DB" >/dev/null
"$BIN" set-access auto-read yes --db "$DB" >/dev/null
start_kiosk --lessons "$LESSONS" --lang bg --speech-cmd "$TMP/speak"
wait_for "Как се казвате?"
type_text "Стоян"
keys Enter
wait_for "Проба"
keys 1 Enter
check "with the kiosk's auto-read a new learner's step is read at the trainer's rate" \
	said_is "LANG=bg RATE=100
Първа стъпка. Натиснете Enter."
keys F1
check "and the learner can still turn it off" wait_for "(сега: включено)"
keys F3
check "F3 in the help reads the help: the screen's purpose and its keys" said_is "LANG=bg RATE=100
Това е една стъпка от урок. Прочетете текста и направете това, което се иска; всеки отговор се запазва веднага.
Клавишите на този екран:
Enter: напред
Esc: назад
F10: край"
"$BIN" set-access auto-read no --db "$DB" >/dev/null

# No engine: the trainer is told once; the learner never; nothing hangs.
echo 24681357 | "$BIN" set-trainer-pin --db "$DB" >/dev/null
KIOSK_SPEECH_CMD=$TMP/no-such-engine
export KIOSK_SPEECH_CMD
start_kiosk --lessons "$LESSONS" --lang bg
wait_for "Как се казвате?"
keys F3
check "F3 without an engine: the learner's screen goes on" wait_for "Как се казвате?"
trainer_login 24681357 bg
check "KIOSK_SPEECH_CMD is used, and the trainer is told it cannot be found" \
	wait_for "Командата за четене на глас не е намерена"
keys Escape
wait_for "Как се казвате?"
trainer_login 24681357 bg "Край на сесията"
check "only once" sh -c '! tmux -L "$1" capture-pane -p -t k | grep -q "Командата за четене на глас"' _ "$SOCK"
check "kiosk doctor notes it too" \
	sh -c 'LANGUAGE=bg "$1" doctor --db "$2" --lessons "$3" | grep -q "Четене на глас: бележка: Командата за четене на глас не е намерена"' _ "$BIN" "$DB" "$LESSONS"
unset KIOSK_SPEECH_CMD

# The idle timeout ends the session and the speech with it.
sql "insert or replace into settings(key, value) values ('idle_timeout', '4')" >/dev/null
start_kiosk --lessons "$LESSONS" --lang bg --speech-cmd "$TMP/speak"
wait_for "Как се казвате?"
type_text "Мария"
keys Enter
wait_for "Проба"
rm -f "$REC/pid"
keys F3
check "F3 on the lesson list starts a reading" sh -c 'for i in $(seq 50); do [ -s "$1" ] && exit 0; sleep 0.1; done; exit 1' _ "$REC/pid"
pid=$(cat "$REC/pid")
check "the idle timeout ends the session" wait_for "Как се казвате?" 10
check "and the reading with it" gone "$pid"

# SIGKILL: the kiosk cannot clean up, the child still dies with it.
sql "delete from settings where key = 'idle_timeout'" >/dev/null
start_kiosk --lessons "$LESSONS" --lang bg --speech-cmd "$TMP/speak"
wait_for "Как се казвате?"
rm -f "$REC/pid"
keys F3
sh -c 'for i in $(seq 50); do [ -s "$1" ] && exit 0; sleep 0.1; done; exit 1' _ "$REC/pid"
pid=$(cat "$REC/pid")
check "a reading is going on" alive "$pid"
kill -KILL "$(kiosk_pid)"
check "SIGKILL of the kiosk: the speech child is gone too" gone "$pid"
# A scam page opened from an SMS: what it says is in label: lines, and the learner must hear it,
# not only the task.  F3 reads the task, the title bar, the labels top to bottom (with the
# step's spoken forms) and the widget in focus; a wrong button's feedback alone while it is
# shown; the whole screen again once the learner moves on.  Both languages, and auto-read.
SMS=$TMP/sms
mkdir -p "$SMS/bg" "$SMS/uk"
cp "$LESSONS/bg/set.info" "$SMS/bg/"
cp "$LESSONS/uk/set.info" "$SMS/uk/"
cat > "$SMS/bg/sms.lesson" <<'L'
lesson: sms
title: Съобщение за пратка

step: sms
kind: practice
text: Отворихте връзка от съобщение. Не пишете нищо: натиснете „Затвори“.
say: 2,40 лв. = два лева и четирийсет стотинки
screen: Куриер · kurier-plati.example
label: Пратката Ви чака в склада.
label: Платете 2,40 лв. такса с карта.
field: Номер на картата
button: Плати
default: yes
feedback: Това е измама: куриерите не искат данни на карта по този начин.
button: Затвори
press: yes
success: Браво! Затворихте измамата.
L
cat > "$SMS/uk/sms.lesson" <<'L'
lesson: sms
title: Повідомлення про посилку

step: sms
kind: practice
text: Ви відкрили посилання з повідомлення. Нічого не пишіть: натисніть «Закрити».
say: 40 грн = сорок гривень
screen: Кур'єр · kurier-plata.example
label: Ваша посилка чекає на складі.
label: Сплатіть 40 грн збору карткою.
field: Номер картки
button: Сплатити
default: yes
feedback: Це шахрайство: кур'єри так не просять даних картки.
button: Закрити
press: yes
success: Чудово! Ви закрили шахрайську сторінку.
L
"$BIN" set-access speech-rate 130 --db "$DB" >/dev/null  # back from the trainer's 100 above
run --lessons "$SMS" check-lessons
check "the SMS lessons are valid" test "$st" -eq 0
start_kiosk --lessons "$SMS" --lang bg --speech-cmd "$TMP/speak"
wait_for "Как се казвате?"
type_text "Елена"
keys Enter
wait_for "Съобщение за пратка"
keys 1 Enter
wait_for "kurier-plati.example"
keys F3
# What F3 says before the widget in focus: the task, the title bar, the labels in order.
PAGE="LANG=bg RATE=130
Отворихте връзка от съобщение. Не пишете нищо: натиснете „Затвори“.
Куриер
kurier-plati.example
Пратката Ви чака в склада.
Платете два лева и четирийсет стотинки такса с карта."
check "bg scam page: the task, the title, its labels in order (spoken forms too), the field" \
	said_is "$PAGE
поле Номер на картата, празно"
keys Tab F3
check "bg scam page: the focus moved: the same screen, then the button" said_is "$PAGE
бутон Плати"
keys Enter
wait_for "куриерите не искат данни"
keys F3
check "bg scam page: after the wrong button its feedback is read, alone" said_is "LANG=bg RATE=130
Това е измама: куриерите не искат данни на карта по този начин."
keys Tab
wait_gone "куриерите не искат данни"
keys F3
check "bg scam page: moved on, the page is read again, then the right button" said_is "$PAGE
бутон Затвори"

"$BIN" set-access auto-read yes --db "$DB" >/dev/null
start_kiosk --lessons "$SMS" --lang uk --speech-cmd "$TMP/speak"
wait_for "Як Вас звати?"
type_text "Олена"
keys Enter
wait_for "Повідомлення про посилку"
keys 1 Enter
check "uk scam page, auto-read: the step opens read with the page's words, in Ukrainian" \
	said_is "LANG=uk RATE=130
Ви відкрили посилання з повідомлення. Нічого не пишіть: натисніть «Закрити».
Кур'єр
kurier-plata.example
Ваша посилка чекає на складі.
Сплатіть сорок гривень збору карткою.
поле Номер картки, порожнє"
"$BIN" set-access auto-read no --db "$DB" >/dev/null

# The welcome screen speaks to someone whose language is not known yet: each language's
# lines in that language's voice, one after the other (the recorder is stopped as if it had
# finished speaking), and nothing more after the last.
start_kiosk --lessons "$LESSONS" --speech-cmd "$TMP/speak"
wait_for "Ласкаво просимо!"
keys F3
check "welcome: F3 first reads the Bulgarian lines in the Bulgarian voice" \
	said_has "LANG=bg" "Натиснете цифрата пред Вашия език и после натиснете Enter."
check "welcome: with the choices by number" said_has "LANG=bg" "2. Українська"
check "welcome: the top row says it is reading" wait_for "Чете на глас"
first=$(cat "$REC/pid")
kill "$first"
check "welcome: when that ends, the Ukrainian lines in the Ukrainian voice" \
	said_has "LANG=uk" "Натисніть цифру перед Вашою мовою, а потім натисніть Enter."
check "welcome: the Ukrainian part names the choices too" said_has "LANG=uk" "1. Български"
before=$(records)
kill "$(cat "$REC/pid")"
check "welcome: after the last language the sign goes" wait_gone "Чете на глас"
check "welcome: and nothing more is said" test "$(records)" = "$before"
keys F3
check "welcome: F3 again starts over in Bulgarian" said_has "LANG=bg" "Добре дошли!"
pid=$(cat "$REC/pid")
keys Down
check "welcome: any key stops it, and no next language follows" gone "$pid"
check "welcome: the sign goes at once" wait_gone "Чете на глас"
check "welcome: still nothing in Ukrainian after the key (the screen has been drawn again)" \
	sh -c 'head -1 "$1" | grep -q "^LANG=bg"' _ "$REC/said"
finish
