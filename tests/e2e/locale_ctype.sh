#!/bin/sh
# The learner's screens are in Bulgarian and Ukrainian whatever locale the terminal brings:
# with only LC_CTYPE set (an ssh session, a child of Python), the messages locale is plain C,
# where gettext would ignore the language the kiosk names and show English.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"

unset LANG LC_ALL LANGUAGE LC_MESSAGES
LC_CTYPE=C.UTF-8
export LC_CTYPE
start_kiosk --lessons "$SRC/lessons"
check "only LC_CTYPE: the welcome screen in Bulgarian" wait_for "Добре дошли!"
check "and in Ukrainian" wait_for "Ласкаво просимо!"
check "not in English" sh -c '! tmux -L "$1" capture-pane -p -t k | grep -q "Welcome"' _ "$SOCK"
keys 2 Enter
check "Ukrainian chosen: the name screen in Ukrainian" wait_for "Як Вас звати?"
type_text "Олена"
keys Enter
check "the lesson list in Ukrainian" wait_for "Оберіть урок"
finish
