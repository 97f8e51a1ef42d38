#!/bin/sh
# The trainer's small things (issue 13, points 2 and 7): the wait after wrong PINs counts down
# and says that digits typed meanwhile are not taken; the idle-timeout field refuses 0 and
# letters naming the range; the no-PIN screen puts the command on lines of its own, whole.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
LESSONS=$SRC/tests/fixtures/e2e

echo 24681357 | "$BIN" set-trainer-pin --db "$DB" >/dev/null
# Three wrong PINs already: the next try waits 4 seconds (1, 2, 4...).
for _ in 1 2 3; do
	sql "insert into audit(at, action, detail) values (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'pin-wrong', 'source=menu')" >/dev/null
done
start_kiosk --lessons "$LESSONS" --lang bg
wait_for "Как се казвате?"
keys F11 F12
check "the wait is shown in seconds" wait_re "изчакайте [34] секунди"
check "  counting down" wait_for "изчакайте 2 секунди"
check "  and the screen says digits are not taken meanwhile" \
	wait_for "Цифрите, въведени по време на изчакването, не се приемат."
type_text 24681357
keys Enter
check "  the wait goes on to 1 second" wait_for "изчакайте 1 секунда"
check "the digits typed during the wait were not taken, and it says so" \
	wait_for "Изчакването свърши: цифрите, въведени междувременно, не бяха приети."
check "  no stars in the field" sh -c '! tmux -L "$1" capture-pane -p -t k | grep -qF "*"' _ "$SOCK"
check "  the menu did not open" sh -c '! tmux -L "$1" capture-pane -p -t k | grep -q "Край на сесията"' _ "$SOCK"
type_text 24681357
keys Enter
check "after the wait the PIN is taken" wait_for "Край на сесията"

# The idle-timeout field: 0 and letters are refused with the range.
keys 4
wait_for "1440"
wait_for "Минути без натиснат клавиш"
keys BSpace BSpace BSpace BSpace 0 Enter
check "0 minutes is refused, naming the range" wait_for "Само цяло число минути от 1 до 1440."
keys BSpace
type_text "5а"
check "a letter is refused too" wait_for "Само цяло число минути от 1 до 1440."
keys Enter
check "5 is saved" wait_for "Запазено."
check "  and stored" test "$(sql "select value from settings where key = 'idle_timeout'")" = 300

# Ukrainian: the same wait, the same field.
sql "insert into audit(at, action, detail) values (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'pin-wrong', 'source=menu')" >/dev/null
sql "insert into audit(at, action, detail) values (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'pin-wrong', 'source=menu')" >/dev/null
start_kiosk --lessons "$LESSONS" --lang uk
wait_for "Як Вас звати?"
keys F11 F12
check "uk: the wait counts down" wait_for "зачекайте 1 секунду"
type_text 1234
check "uk: digits during the wait are not taken, and it says so" \
	wait_for "Цифри, введені під час очікування, не приймаються."
check "uk: after the wait it says the digits were not taken" wait_for "Очікування завершено"
type_text 24681357
keys Enter
check "uk: the PIN opens the menu" wait_for "Меню інструктора"
keys 4
wait_for "1440"
keys BSpace BSpace BSpace BSpace 0 Enter
check "uk: 0 minutes refused with the range" wait_for "Лише ціле число хвилин від 1 до 1440."

# No PIN yet, a long database path: the command is on lines of its own, words never cut.
rm -f "$DB" "$DB-wal" "$DB-shm"
LONG=$TMP/a-rather-long-folder-name-for-a-kiosk
mkdir -p "$LONG"
OLD_DB=$DB; DB=$LONG/kiosk.db
start_kiosk --lessons "$LESSONS" --lang bg
wait_for "Как се казвате?"
keys F11 F12
check "no PIN: the command is shown" wait_for "set-trainer-pin"
screen > "$TMP/nopin"
cmd=$(sed -n '/set-trainer-pin\|kiosk \\$/,/[^\\]$/p' "$TMP/nopin" | sed 's/^ *//; s/ *$//')
joined=$(printf '%s\n' "$cmd" | sed 's/ \\$//' | tr '\n' ' ' | sed 's/ *$//; s/  */ /g')
check "  the lines, joined, are the whole command with the path uncut" \
	test "$joined" = "$BIN set-trainer-pin --db $DB"
check "  every line but the last ends in a continuation mark" \
	test "$(printf '%s\n' "$cmd" | sed '$d' | grep -vc ' \\$')" = 0
DB=$OLD_DB
finish
