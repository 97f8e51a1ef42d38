#!/bin/sh
# The welcome screen of the bundled lessons, where nobody has chosen a language yet: each set
# says under its name what it is for (set.info "description:"; two Ukrainian sets left a
# tester not knowing which to take), F1 shows the help in Bulgarian and then in Ukrainian,
# each under its own rule, and F3 there reads each part in its own voice; Esc leaves the help
# for the welcome screen, and "3, Enter" still takes the set for Ukrainians in Bulgaria.
# Without sound, F3 says so in both languages above the two-row footer.
# check-lessons names the file and line of a description that does not fit.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
LESSONS=$SRC/lessons
speech_recorder  # lib.inc
# The row of the screen holding the fixed text $1 (the first one), or 0.
row_of() { screen | grep -nF -- "$1" | head -1 | cut -d: -f1 | grep . || echo 0; }
not_on_screen() { ! screen | grep -qF -- "$1"; }
# Waits up to $E2E_WAIT s for the command given to succeed (a frame can reach tmux in parts).
# Is the text $2 on the row right under the one holding $1?
under() { [ "$(row_of "$1")" -gt 0 ] && [ "$(row_of "$2")" -eq $(($(row_of "$1") + 1)) ]; }
# Is the text $1 on a row above the text $2?
above() { [ "$(row_of "$1")" -gt 0 ] && [ "$(row_of "$1")" -lt "$(row_of "$2")" ]; }

BG_SET="Всички уроци, от първите стъпки до услугите в България"
UK_SET="Усі уроки, від перших кроків до послуг України: Дія, ЦНАП"
UKBG_SET="Перші кроки й послуги в Болгарії: тимчасовий захист, лікар, аптека"

start_kiosk --lessons "$LESSONS" --speech-cmd "$TMP/speak"
check "the welcome screen is up" wait_for "Ласкаво просимо!"
check "the Bulgarian set says what it is for, under its name" \
	soon under "1. Български" "$BG_SET"
check "so does the Ukrainian one" soon under "2. Українська" "$UK_SET"
check "and the one for Ukrainians living in Bulgaria" \
	soon under "3. Українська (для тих, хто живе в Болгарії)" "$UKBG_SET"
check "the footer is whole, in both languages, on the last two rows" \
	soon sh -c '[ "$(tmux -L "$1" capture-pane -p -t k | sed -n 23,24p | sed "s/^ *//")" = \
"Цифра або стрілки, потім Enter: обрати
Цифра или стрелки, после Enter: избор" ]' _ "$SOCK"

keys F1
check "F1: the help in Bulgarian, under its own rule" wait_for "── Помощ на български ──"
check "F1: a Bulgarian line of the help" wait_for "Клавишите на този екран:"
check "F1: then the help in Ukrainian, under its own rule" wait_for "── Довідка українською ──"
check "F1: a Ukrainian line of the help" wait_for "F1: ця довідка; натисніть F1 або Esc, щоб повернутися"
check "F1: the Bulgarian part comes first" \
	soon above "Помощ на български" "Довідка українською"
check "F1: the Ukrainian part is whole, the note to its last words" \
	wait_for "допоможуть. Хоч що Ви тут натиснете, комп'ютер не зламається."
check "F1: so is the Bulgarian one" wait_for "помогне. Нищо, което натиснете тук, не може да повреди компютъра."
check "F1: the bottom row says in both languages how to go back" \
	soon sh -c 'tmux -L "$1" capture-pane -p -t k | tail -1 | grep -qF "Esc или F1: обратно там, където бяхте / Esc або F1: назад туди, де Ви були"' _ "$SOCK"
keys F3
check "F3 in the help reads the Bulgarian help in the Bulgarian voice" \
	said_has "LANG=bg" "Добре дошли! Тук избирате езика на уроците."
kill "$(cat "$REC/pid")"
check "then the Ukrainian help in the Ukrainian voice" \
	said_has "LANG=uk" "Ласкаво просимо! Тут Ви обираєте мову уроків."
kill "$(cat "$REC/pid")"
keys Escape
check "Esc leaves the help" wait_gone "Довідка українською"
check "for the welcome screen, with the sets explained" wait_for "$UKBG_SET"

keys F3
check "F3 on the welcome screen reads each set with what it is for" \
	said_has "LANG=bg" "3. Українська (для тих, хто живе в Болгарії). $UKBG_SET"
keys 7
check "a digit no set has says which digits there are, in Bulgarian" \
	wait_for "Натиснете само цифрата пред езика: от 1 до 3."
check "... and in Ukrainian" wait_for "Натисніть лише цифру перед мовою: від 1 до 3."
keys 3
check "a digit highlights the set" wait_for ">  3. Українська (для тих, хто живе в Болгарії)"
check "and the sentence about digits goes" wait_gone "Натисніть лише цифру перед мовою"
keys Enter
check "Enter takes it: the Ukrainian name screen" wait_for "Як Вас звати?"
type_text "Олена"
keys Enter
check "and its lessons are the ones about Bulgaria" wait_for "Тимчасовий захист у Болгарії"
check "after the first lesson at the keyboard, first in the list" \
	soon above "Перші кроки: клавіатура і ця програма" "Тимчасовий захист у Болгарії"
keys F10
check "F10 says goodbye" wait_for "До побачення, Олено!"
keys Enter
check "then the welcome screen again" wait_for "Ласкаво просимо!"
check "with the set chosen last highlighted: Enter alone takes her back to it" \
	wait_for ">  3. Українська (для тих, хто живе в Болгарії)"
keys Enter
check "... to its name screen" wait_for "Як Вас звати?"

# No speech engine: the sentence saying so is in both languages too, between the list and
# the two-row footer, which stays whole (it was Bulgarian alone, written over the Ukrainian
# footer row: novice test).
start_kiosk --lessons "$LESSONS" --speech-cmd "$TMP/no-such-engine"
wait_for "Ласкаво просимо!"
keys F3
check "no sound: said in Bulgarian" \
	wait_for "На този компютър няма звук, затова киоскът не може да чете на глас."
check "no sound: and in Ukrainian" \
	wait_for "На цьому комп'ютері немає звуку, тому нічого не можна прочитати вголос."
check "no sound: the list is whole above it" \
	soon above "$UKBG_SET" "На този компютър няма звук"
check "no sound: the footer is whole below it" \
	soon sh -c '[ "$(tmux -L "$1" capture-pane -p -t k | sed -n 23,24p | sed "s/^ *//")" = \
"Цифра або стрілки, потім Enter: обрати
Цифра или стрелки, после Enter: избор" ]' _ "$SOCK"
keys Down
check "no sound: the next key takes the sentence away" wait_gone "На цьому комп'ютері немає звуку"

# Eleven described sets: two rows each, so the list scrolls; "1", "1" still makes set 11,
# shown with its description, and Enter takes it.
for i in $(seq -w 1 11); do
	mkdir -p "$TMP/many/s$i"
	cp "$SRC"/tests/fixtures/sets/uk-BG/*.lesson "$TMP/many/s$i/"
	printf 'name: Набір %s\ndescription: Опис набору %s\nlanguage: uk\npartial: yes\n' \
		"$i" "$i" > "$TMP/many/s$i/set.info"
done
start_kiosk --lessons "$TMP/many"
wait_for "Ласкаво просимо!"
check "many sets: the first ones with their descriptions" soon under "1. Набір 01" "Опис набору 01"
check "many sets: the list stops above the footer" not_on_screen "Набір 11"
keys 1 1
check "many sets: 1, 1 highlights set 11" wait_for ">  11. Набір 11"
check "many sets: with its description under it" soon under "11. Набір 11" "Опис набору 11"
check "many sets: the footer is whole" \
	soon sh -c 'tmux -L "$1" capture-pane -p -t k | tail -1 | grep -qx "  Цифра або стрілки, потім Enter: обрати"' _ "$SOCK"
keys Enter
check "many sets: Enter opens the name screen" wait_for "Як Вас звати?"
check "many sets: of set 11 (its name in the top row)" \
	soon sh -c 'tmux -L "$1" capture-pane -p -t k | head -1 | grep -qF "Набір 11"' _ "$SOCK"

# A description too wide for its row: FILE:LINE and how to fix it, exit status 1.
mkdir -p "$TMP/sets"
cp -rL "$LESSONS/uk-BG" "$TMP/sets/"  # -L: its first lesson is a link to uk's
sed -i "s/^description: .*/description: $UKBG_SET, пошта, банк/" "$TMP/sets/uk-BG/set.info"
line=$(grep -n '^description:' "$TMP/sets/uk-BG/set.info" | cut -d: -f1)
run check-lessons "$TMP/sets"
check "check-lessons refuses a description wider than its row, with file and line" \
	has_text "$out" "$TMP/sets/uk-BG/set.info:$line: description is 79 columns wide; at most 66 fit on one row of the welcome screen: shorten it"
check "and exits with status 1" test "$st" -eq 1
finish
