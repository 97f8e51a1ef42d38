#!/bin/sh
# A trainer PIN changed with `kiosk set-trainer-pin` while the kiosk runs works at once, even
# with the PIN prompt already open; the old PIN stops working.  A PIN set while the "no PIN
# yet" screen is open closes its way out.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
LESSONS=$SRC/tests/fixtures/e2e

echo 24681357 | "$BIN" set-trainer-pin --db "$DB" >/dev/null
start_kiosk --lessons "$LESSONS" --lang bg
check "the kiosk starts" wait_for "Как се казвате?"
keys F11 F12
check "the PIN prompt is open" wait_for "Въведете ПИН кода"
echo 11223344 | "$BIN" set-trainer-pin --db "$DB" >/dev/null
type_text 24681357
keys Enter
check "the old PIN is refused after the change" wait_for "Грешен ПИН"
keys Escape
wait_for "Как се казвате?"
# The wait after one wrong PIN is a second; the prompt takes digits again after it.
keys F11 F12
wait_for "Въведете ПИН кода"
wait_gone "Моля, изчакайте"
type_text 11223344
keys Enter
check "the new PIN opens the menu without a restart" wait_for "Край на сесията"
check "the kiosk is still running" test "$(tmux -L "$SOCK" list-panes -t k -F '#{pane_dead}')" = 0

# No PIN yet: the screen offers a way out; a PIN set meanwhile closes it.
rm -f "$DB" "$DB-wal" "$DB-shm"
start_kiosk --lessons "$LESSONS" --lang uk
wait_for "Як Вас звати?"
keys F11 F12
check "without a PIN the screen says how to set one" wait_for "set-trainer-pin"
echo 11223344 | "$BIN" set-trainer-pin --db "$DB" >/dev/null
keys Enter
check "Enter no longer leaves the kiosk once a PIN exists" wait_for "Введіть ПІН"
check "  and the kiosk runs on" test "$(tmux -L "$SOCK" list-panes -t k -F '#{pane_dead}')" = 0
type_text 11223344
keys Enter
check "the PIN set meanwhile opens the menu" wait_for "Меню інструктора"

echo "1..$n"
exit $((failures > 0))
