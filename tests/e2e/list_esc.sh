#!/bin/sh
# Esc on the lesson list ends the session; the name screen that follows said nothing, and an
# older learner thought everything was lost (novice test r15: "Esc on the lesson list goes
# straight back to the name screen without saying I was logged out").  It now says, by name
# (Ukrainian in the vocative), that everything is saved and how to go on, until the next key;
# F3 reads it.  The next person never sees it: not after F10 and the goodbye, not after the
# idle timeout, and the name goes with the note.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
LESSONS=$SRC/tests/fixtures/e2e
# The note's first sentences (on its first row at 80 columns), then all of it.
BG_NOTE="Стоян, излязохте от списъка с уроци. Всичко е запазено."
BG_ALL="$BG_NOTE За да продължите, напишете името си и натиснете Enter."
UK_NOTE="Олено, Ви вийшли зі списку уроків. Усе збережено."
UK_ALL="$UK_NOTE Щоб продовжити, напишіть своє ім'я і натисніть Enter."
speech_recorder  # lib.inc
# What was said last is in language $1 (LANG=bg) and holds the text $2.
said_note() { said | head -1 | grep -qx -- "$1" && said | grep -qF -- "$2"; }
not_on_screen() { ! screen | grep -qF -- "$1"; }
# The whole note is on the screen: its sentences may wrap, so the screen's rows are joined.
note_whole() { screen | sed 's/^ *//; s/ *$//' | tr '\n' ' ' | grep -qF -- "$1"; }

# ---- bg, one language only (--lang): name, the list, Esc ----
start_kiosk --lessons "$LESSONS" --lang bg --speech-cmd "$TMP/speak"
wait_for "Как се казвате?"
type_text "Стоян"
keys Enter
wait_for "Изберете урок"
keys Escape
check "bg: Esc on the list brings back the name screen" wait_for "Как се казвате?"
check "bg: with a note by name that the learner left the list and all is saved" \
	wait_for "$BG_NOTE"
check "bg: and how to go on, all of it on the screen" \
	soon note_whole "$BG_ALL"
check "bg: the footer is the name screen's own, not crowded by the note" \
	wait_re "^ *Enter: напред +Esc: назад *$"
keys F3
check "bg: F3 reads the note aloud, in Bulgarian" soon said_note "LANG=bg" "$BG_ALL"
check "bg: F3 leaves the note on the screen" wait_for "$BG_NOTE"
type_text "М"
check "bg: the next key takes the note away" wait_gone "излязохте от списъка"
check "bg: and the name with it" not_on_screen "Стоян"
check "bg: the key did what it does: the letter is in the field" wait_for "[ М"
keys BSpace
type_text "Стоян"
keys Enter
check "bg: the same name goes on: the list again" wait_for "Изберете урок"

# After F10 and the goodbye the next person sees no note and no name.
keys F10
check "bg: F10 says goodbye" wait_for "Довиждане, Стоян!"
keys Enter
check "bg: then the name screen for the next person" wait_for "Как се казвате?"
check "bg: with no note about leaving the list" not_on_screen "излязохте от списъка"
check "bg: and no name" not_on_screen "Стоян"

# The idle timeout with the note on the screen: the next person sees neither it nor the name.
sql "insert or replace into settings(key, value) values ('idle_timeout', '4')" >/dev/null
start_kiosk --lessons "$LESSONS" --lang bg
wait_for "Как се казвате?"
type_text "Стоян"
keys Enter
wait_for "Изберете урок"
keys Escape
wait_for "$BG_NOTE"
check "bg: left alone, the kiosk asks if anyone is there" wait_for "Още ли сте тук?"
check "bg: then starts afresh" wait_gone "Още ли сте тук?"
check "bg: the name screen is there" wait_for "Как се казвате?"
check "bg: without the note after the idle timeout" not_on_screen "излязохте от списъка"
check "bg: and without the name" not_on_screen "Стоян"
sql "delete from settings where key = 'idle_timeout'" >/dev/null

# ---- uk, chosen on the welcome screen: the note in the vocative ----
start_kiosk --lessons "$LESSONS"
wait_for "Ласкаво просимо!"
keys 2 Enter
wait_for "Як Вас звати?"
type_text "Олена"
keys Enter
wait_for "Оберіть урок"
keys Escape
check "uk: Esc on the list brings back the name screen, not the welcome screen" \
	wait_for "Як Вас звати?"
check "uk: with a note that calls the learner by name in the vocative" wait_for "$UK_NOTE"
check "uk: and how to go on, all of it on the screen" \
	soon note_whole "$UK_ALL"
keys Down
check "uk: any key but F3 takes the note away, Down too (the name goes soon)" \
	wait_gone "Ви вийшли зі списку"
check "uk: and the name with it" not_on_screen "Олен"
type_text "Олена"
keys Enter
wait_for "Оберіть урок"
keys F10
check "uk: F10 says goodbye" wait_for "До побачення, Олено!"
keys Enter
wait_for "Ласкаво просимо!"
keys 2 Enter
check "uk: the next person's name screen" wait_for "Як Вас звати?"
check "uk: has no note about leaving the list" not_on_screen "Ви вийшли зі списку"
check "uk: and no name" not_on_screen "Олен"
finish
