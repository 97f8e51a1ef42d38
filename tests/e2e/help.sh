#!/bin/sh
# F1 on every screen, in Bulgarian and in Ukrainian: the help says what the screen is for,
# lists the keys of its footer (the same key table) and how to call a trainer; Esc or F1
# returns exactly where the learner was (a half-typed name or answer is still there, Esc
# does not also go back).  The top row names F1 and F3 in full on every screen at 80x24.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
LESSONS=$SRC/tests/fixtures/e2e
echo 24681357 | "$BIN" set-trainer-pin --db "$DB" >/dev/null

top_row() { screen | head -1; }
# The help of the screen on display: its purpose ($1), one of its keys ($2), then closed
# with the key $3 (Escape or F1), and the screen ($4) is back.
help_on() {
	what=$1; purpose=$2; key=$3; closer=$4; back=$5; person=${6:-$PERSON}
	check "$L $what: the top row names F1 and F3 in full" \
		sh -c '[ "$(tmux -L "$1" capture-pane -p -t k | head -1 | sed "s/.*   //")" = "$2" ]' \
		_ "$SOCK" "$GLOBAL"
	keys F1
	check "$L $what: F1 says what the screen is for" wait_for "$purpose"
	check "$L $what: and what its keys do" wait_for "$key"
	check "$L $what: and how to call a trainer (for a trainer: that learners have it too)" \
		wait_for "$person"
	# The note's last words too: a longer translation once lost them at 80x24.
	[ -z "$6" ] && check "$L $what: the note is there to its last word" wait_for "$PERSON_END"
	check "$L $what: and how to go back" wait_for "$CLOSE"
	keys "$closer"
	check "$L $what: $closer returns to exactly where the learner was" wait_for "$back"
	check "$L $what: the help is gone" wait_gone "$purpose"
}

walk() {
	start_kiosk --lessons "$LESSONS"
	wait_for "Добре дошли!"
	# The language screen speaks every language, its top row too, and so does its help (the
	# Bulgarian part is checked here; tests/e2e/welcome.sh checks both).
	if [ "$L" = bg ]; then
		global=$GLOBAL GLOBAL="F1: помощ / довідка  F3: на глас / вголос"
		help_on welcome "$P_WELCOME" "$K_CHOOSE" Escape "Добре дошли!"
		GLOBAL=$global
	fi
	keys "$DIGIT" Enter
	wait_for "$WHO"
	type_text "$HALF"
	help_on "name screen" "$P_NAME" "Enter: $NEXT" Escape "[ $HALF"
	type_text "$REST"
	keys Enter
	wait_for "$HELLO"
	help_on "lesson list" "$P_LIST" "Esc: $BACK" F1 "$HELLO"
	keys 1 Enter
	wait_for "$STEP1"
	help_on "read step" "$P_STEP" "Enter: $NEXT" Escape "$STEP1"
	keys Enter 2 Enter
	wait_for "$STEP2"
	keys Enter
	wait_for "$STEP3"
	type_text "йо"
	help_on "type step" "$P_STEP" "F10: $FINISH" Escape "[ йо"
	type_text "д"
	keys Enter Enter
	wait_for "$STEP4"
	keys Enter
	type_text "$TOWN"
	keys Enter Enter
	wait_for "$STEP6"
	keys Enter
	wait_for "$FINISHED"
	help_on "finish screen" "$P_FINISH" "F10: $FINISH" Escape "$FINISHED"
	keys F11 F12
	wait_for "$PIN"
	help_on "PIN screen" "$P_PIN" "Esc: $BACK" Escape "$PIN" "$TRAINER"
	type_text "24681357"
	keys Enter
	wait_for "$MENU"
	help_on "trainer menu" "$P_MENU" "$DIGIT_KEY" Escape "$MENU" "$TRAINER"
	keys 2
	wait_for "$NAME"
	help_on "learners list" "$P_LEARNERS" "Esc: " Escape "$NAME" "$TRAINER"
	keys Enter
	wait_for "$REMOVE"
	help_on "one learner" "$P_LEARNER" "Esc: $BACK" Escape "$REMOVE" "$TRAINER"
	keys Escape Escape
	wait_for "$MENU"
	keys 3
	wait_for "$REPORT"
	help_on "report" "$P_REPORT" "Esc: " Escape "$REPORT" "$TRAINER"
	keys Escape
	wait_for "$MENU"
	keys Escape
	wait_for "$FINISHED"
	keys F10
	wait_for "$BYE"
	help_on "goodbye" "$P_BYE" "Enter" F1 "$BYE"
}

L=bg DIGIT=1 WHO="Как се казвате?" HALF="Мар" REST="ия" NAME="Мария" HELLO="Изберете урок" \
GLOBAL="F1: помощ  F3: на глас" PERSON="Вдигнете ръка или повикайте обучител" \
PERSON_END="компютъра." \
CLOSE="Esc или F1: обратно там, където бяхте" DIGIT_KEY="Цифра: избор" \
TRAINER="Екраните на обучаемите също имат тази помощ." NEXT="напред" BACK="назад" FINISH="край" \
K_CHOOSE="Цифра или стрелки, после Enter: избор" \
P_WELCOME="Тук избирате езика на уроците" P_NAME="Тук програмата научава името Ви" \
P_LIST="Това е списъкът с уроци" P_STEP="Това е една стъпка от урок" \
P_FINISH="Оттук се връщате към списъка" P_PIN="Вход за обучители" P_MENU="Менюто на обучителя" \
P_LEARNERS="всички обучаеми на този киоск" P_LEARNER="какво можете да направите за този" \
P_REPORT="как се справиха обучаемите" P_BYE="Довиждане! Напредъкът Ви е запазен" \
STEP1="Стъпка 1 от 6" STEP2="Стъпка 2 от 6" STEP3="Стъпка 3 от 6" STEP4="Стъпка 4 от 6" \
STEP6="Стъпка 6 от 6" TOWN="София" FINISHED="Поздравления!" PIN="ПИН" \
MENU="Край на сесията" REMOVE="Премахване на този обучаем" REPORT="Урок" BYE="Довиждане" \
walk

L=uk DIGIT=2 WHO="Як Вас звати?" HALF="Мар" REST="ія" NAME="Марія" HELLO="Оберіть урок" \
GLOBAL="F1: довідка  F3: вголос" PERSON="Підніміть руку або покличте інструктора" \
PERSON_END="комп'ютер не зламається." \
CLOSE="Esc або F1: назад туди, де Ви були" DIGIT_KEY="Цифра: обрати" \
TRAINER="Ця довідка є й на екранах учнів." NEXT="далі" BACK="назад" FINISH="вийти" \
P_NAME="Тут Ви кажете програмі, хто Ви" \
P_LIST="Це список уроків" P_STEP="Це один крок уроку" \
P_FINISH="Звідси Ви повертаєтеся" P_PIN="Вхід для інструкторів" P_MENU="робота з учнями, звіти" \
P_LEARNERS="усі учні цієї програми" P_LEARNER="що Ви можете зробити для цього учня" \
P_REPORT="як учні впоралися" P_BYE="Програма прощається з Вами" \
STEP1="Крок 1 з 6" STEP2="Крок 2 з 6" STEP3="Крок 3 з 6" STEP4="Крок 4 з 6" \
STEP6="Крок 6 з 6" TOWN="Київ" FINISHED="Вітаємо!" PIN="ПІН" \
MENU="Завершити сеанс" REMOVE="Видалити цього учня" REPORT="Урок" BYE="До побачення" \
walk
# ---- 80x24 with a long lesson title and a long name: the title gives way, with "…" at a
# word; F1, F3, the name and every footer key stay whole ----
cp -r "$LESSONS" "$TMP/long"
sed -i 's/^title: Проба$/title: Търсене в интернет: как да проверите какво четете/' "$TMP/long/bg/demo.lesson"
sed -i 's/^title: Проба$/title: Пошук в інтернеті: як перевірити, що Ви читаєте/' "$TMP/long/uk/demo.lesson"
for lang in bg uk; do
	start_kiosk --lessons "$TMP/long" --lang $lang
	wait_re "Кой сте Вие|Хто Ви"
	type_text "Александра Константинова"
	keys Enter
	wait_re "Изберете урок|Оберіть урок"
	keys 1 Enter
	wait_re "Стъпка 1|Крок 1"
	if [ $lang = bg ]; then g="F1: помощ  F3: на глас"; f="Enter: напред   Esc: назад   F10: край"
	else g="F1: довідка  F3: вголос"; f="Enter: далі   Esc: назад   F10: вийти"; fi
	check "$lang 80x24: the top row keeps F1, F3 and the whole name" \
		sh -c 'tmux -L "$1" capture-pane -p -t k | head -1 | grep -q "Александра Константинова   $2\$"' _ "$SOCK" "$g"
	check "$lang 80x24: the long title ends in an ellipsis at a word" \
		sh -c 'tmux -L "$1" capture-pane -p -t k | head -1 | grep -qE "^  (Търсене|Пошук) [^ ].*[^ ]… +Александра"' _ "$SOCK"
	check "$lang 80x24: the footer names every key in full" \
		sh -c '[ "$(tmux -L "$1" capture-pane -p -t k | sed -n 24p | sed "s/^ *//; s/ *\$//")" = "$2" ]' _ "$SOCK" "$f"
done
finish
