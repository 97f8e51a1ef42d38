#!/bin/sh
# The looks (capture-pane -e shows the attributes): the normal colours; the high-contrast
# theme a trainer sets for the kiosk (bold white on black, no grey, no dim; the focus both
# '>' and reverse video; right and wrong with a mark and words, not colour alone); a
# learner's own choice (F1, then F5), kept for them and not for the next person; and
# monochrome, on a terminal without colours (TERM=xterm-mono) or chosen by the trainer.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
LESSONS=$SRC/tests/fixtures/e2e
ESC=$(printf '\033')

raw() { tmux -L "$SOCK" capture-pane -e -p -t k; }
# The raw line (with escape sequences) holding text $1.
line_of() { raw | grep -F -- "$1" | head -1; }
has() { line_of "$1" | grep -q -- "$2"; }
# Waits for text $1 on a line that also shows the attribute pattern $2.
wait_attr() {
	for _ in $(seq 50); do
		has "$1" "$2" && return 0
		sleep 0.1
	done
	echo "# line: $(line_of "$1" | cat -v)"
	return 1
}
no_colour() { ! raw | grep -q "$ESC\[[0-9;]*[34][0-7]m"; }
start_term() { # TERM, then kiosk arguments
	t=$1; shift
	tmux -L "$SOCK" kill-server 2>/dev/null
	starts=$((starts + 1)); SOCK=kiosk-e2e-$$-$starts
	tmux -L "$SOCK" -f /dev/null new-session -d -s k -x 80 -y 24 \
		"exec env TERM=$t HOME=$HOME $BIN --db $DB $* 2>>$TMP/stderr"
}
REV="\[[0-9;]*7m"

# ---- the normal look ----
start_kiosk --lessons "$LESSONS" --lang bg
wait_for "Как се казвате?"
check "normal: the top row is white on blue" wait_attr "Цифрови умения" "44m"

# ---- the kiosk's high-contrast theme, set by a trainer ----
check "set-access theme contrast is accepted" \
	sh -c '"$1" set-access theme contrast --db "$2" >/dev/null' _ "$BIN" "$DB"
check "and refused with a reason when the value is wrong" \
	sh -c '! "$1" set-access theme pink --db "$2" 2>&1 | grep -q x; "$1" set-access theme pink --db "$2" 2>&1 | grep -q "normal, contrast or mono"' _ "$BIN" "$DB"
start_kiosk --lessons "$LESSONS" --lang bg
wait_for "Как се казвате?"
check "contrast: the top row is reverse video, not blue" wait_attr "Цифрови умения" "$REV"
check "contrast: no blue anywhere" sh -c '! tmux -L "$1" capture-pane -e -p -t k | grep -q "44m"' _ "$SOCK"
check "contrast: plain text is bold white on black" \
	sh -c 'tmux -L "$1" capture-pane -e -p -t k | grep -q "0;1m$2\[37m$2\[40m"' _ "$SOCK" "$ESC"
check "contrast: nothing is dim or grey" \
	sh -c '! tmux -L "$1" capture-pane -e -p -t k | grep -q "$2\[[0-9;]*\(2\|90\|100\)m"' _ "$SOCK" "$ESC"
type_text "Мария"
keys Enter
wait_for "Проба"
check "contrast: the lesson in focus has '>' and reverse video" wait_attr "> " "$REV"
keys 1 Enter Enter
wait_for "Кой бутон води напред?"
keys 2
check "contrast: the option in focus has '>' and reverse video" wait_attr "Зеленият бутон" ">.*$REV"
keys 1 Enter
check "a wrong answer has a mark beside the option" wait_for "✗1. Червеният бутон"
check "and a mark beside the words that explain it" wait_for "✗ Червеният бутон отказва поръчката."
check "the wrong option keeps the focus in reverse video" wait_attr "✗1." "$REV"
keys 2 Enter
check "a right answer has a mark and words" wait_for "✓ Правилно! Браво."
check "and the right option is marked" wait_for "✓2. Зеленият бутон"
keys F10
wait_for "Довиждане"

# ---- a learner's own choice: F1, then F5 ----
"$BIN" set-access theme normal --db "$DB" >/dev/null
start_kiosk --lessons "$LESSONS" --lang bg
wait_for "Как се казвате?"
type_text "Петър"
keys Enter
wait_for "Проба"
check "Петър starts with the kiosk's normal look" wait_attr "Уроци" "44m"
keys F1
wait_for "F5: силен контраст"
keys F5
check "F5 in the help switches to high contrast at once" wait_for "F5: обичайните цветове (сега: силен контраст)"
keys Escape
check "and the lesson list comes back in high contrast" wait_attr "Уроци" "$REV"
check "the choice is kept for Петър" \
	test "$(sql "select value from settings where key = 'learner.' || (select id from learners where name = 'Петър') || '.theme'")" = contrast
keys F10
wait_for "Как се казвате?" 10
check "the next person gets the kiosk's look again" wait_attr "Цифрови умения" "44m"
type_text "Иван"
keys Enter
wait_for "Проба"
check "Иван sees the normal look" wait_attr "Уроци" "44m"
keys F10
wait_for "Как се казвате?" 10
type_text "Петър"
keys Enter
check "Петър has his high contrast again" wait_attr "Уроци" "$REV"

# ---- the trainer menu sets the kiosk's look, auto-read and reading speed ----
"$BIN" set-access theme normal --db "$DB" >/dev/null
echo 24681357 | "$BIN" set-trainer-pin --db "$DB" >/dev/null
start_kiosk --lessons "$LESSONS" --lang bg
wait_for "Как се казвате?"
trainer_login 24681357 bg
check "the trainer menu names the look for everyone" wait_for "6. Цветовете за всички: обичайните цветове"
keys 6
check "6 switches the kiosk to high contrast" wait_for "6. Цветовете за всички: силен контраст"
check "at once" wait_attr "Меню на обучителя" "$REV"
check "and keeps it in the database" test "$(sql "select value from settings where key = 'theme'")" = contrast
keys 7
check "7 reads every step aloud for everyone" wait_for "7. Всяка стъпка се чете на глас за всички: да"
keys 8
check "8 steps the reading speed up" wait_for "8. Четене на глас: 150 думи в минута"
check "both are kept" test "$(sql "select group_concat(value, ',') from (select value from settings where key in ('auto-read', 'speech-rate') order by key)")" = "yes,150"
keys 6 6 7 8 8
check "6 again: no colours, then the usual ones" wait_for "6. Цветовете за всички: обичайните цветове"
check "and the speed goes round to the slowest" wait_for "8. Четене на глас: 90 думи в минута"
"$BIN" set-access speech-rate 130 --db "$DB" >/dev/null

# ---- monochrome ----
start_term xterm-mono --lessons "$LESSONS" --lang bg
check "TERM=xterm-mono: the kiosk starts" wait_for "Как се казвате?"
check "TERM=xterm-mono: no colour at all" no_colour
check "TERM=xterm-mono: the top row is reverse video" wait_attr "Цифрови умения" "$REV"
type_text "Мария"
keys Enter
wait_for "Проба"
check "TERM=xterm-mono: the focus is '>' and reverse video" wait_attr "> " "$REV"
"$BIN" set-access theme mono --db "$DB" >/dev/null
start_kiosk --lessons "$LESSONS" --lang bg
wait_for "Как се казвате?"
check "theme mono on a colour terminal: no colour at all" no_colour
check "theme mono: the top row is reverse video" wait_attr "Цифрови умения" "$REV"
finish
