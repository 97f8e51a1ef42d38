#!/bin/sh
# The trainer's command-line tools against a database a running kiosk is using: learners,
# reset, remove-learner, set-trainer-pin (piped, and on a terminal without echo).  The
# kiosk must keep working throughout.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
LESSONS=$SRC/tests/fixtures/e2e

# Мария (learner 1) and Петър (learner 2) both visit; Мария comes back and is mid-lesson.
start_kiosk --lessons "$LESSONS" --lang bg
check "the learner screen is in Bulgarian" wait_for "Как се казвате?"
type_text "Мария"
keys Enter
wait_for "Здравейте, Мария"
keys F10; wait_for "Довиждане, Мария!"; keys Enter
wait_for "Как се казвате?"
type_text "Петър"
keys Enter
wait_for "Здравейте, Петър"
keys F10; wait_for "Довиждане, Петър!"; keys Enter
wait_for "Как се казвате?"
type_text "Мария"
keys Enter
wait_for "Здравейте, Мария"
keys Enter
check "the lesson opens at step 1" wait_for "Стъпка 1 от 6"
keys Enter
check "step 2" wait_for "Стъпка 2 от 6"
# A digit picks the option (and answers it; if this build wants Enter as well, give it).
keys 2
for _ in 1 2 3 4 5 6 7 8 9 10; do screen | grep -qF "Зеленият бутон продължава" && break; sleep 0.1; done
screen | grep -qF "Зеленият бутон продължава" || keys Enter
check "the second step is answered" wait_for "Зеленият бутон продължава"
check "two answers recorded" test "$(sql "select count(*) from events")" = 2

# ---- kiosk learners ----
run learners --db "$DB"
check "learners exits 0" test "$st" -eq 0
echo "$out" | sed 's/^/# /'
check "learners prints a header" has "$out" '^ID  Name +Last visit +Lessons started  Lessons completed  Lesson IDs$'
check "Мария: 1 lesson started, none completed" \
	has "$out" '^ 1  Мария +[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} [A-Z]+ +1 +0  demo$'
check "Петър: visited, nothing started" \
	has "$out" '^ 2  Петър +[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} [A-Z]+ +0 +0  -$'
# Aligned by display columns: with Cyrillic names, padding by bytes would shift the dates.
aligned() {
	python3 -c 'import sys
lines = sys.stdin.read().splitlines()
col = lines[0].index("Last visit")
sys.exit(0 if all(l[col - 2:col] == "  " and l[col].isdigit() for l in lines[1:]) else 1)'
}
printf '%s\n' "$out" > "$TMP/table"
check "the last-visit column starts at the same column on every line" aligned < "$TMP/table"
check "the kiosk screen is untouched by the command" wait_for "Зеленият бутон продължава"

# ---- kiosk reset ----
run reset --db "$DB" --learner 1 --lesson demo
check "reset exits 0" test "$st" -eq 0
check "reset confirms in one line" test "$out" = \
	"Reset the lesson demo for learner 1 (Мария): 2 earlier answers are kept as history."
check "both answers are kept, marked as before the reset" \
	test "$(sql "select count(*) from events where reset_id = 1")" = 2
check "no answer was deleted" test "$(sql "select count(*) from events")" = 2
check "the reset is recorded with its source" \
	test "$(sql "select learner_id || '|' || lesson_id || '|' || source from resets")" = "1|demo|cli"
check "and audited" test "$(sql "select action || '|' || learner_id || '|' || lesson_id || '|' || detail from audit")" = \
	"reset|1|demo|source=cli answers=2"
run learners --db "$DB"
check "Мария's lesson counts as not started after the reset" has "$out" '^ 1  Мария .* 0 +0  -$'
check "the reset of the learner at the screen ends her session there, saying why" \
	wait_for "Обучителят започна уроците Ви наново, затова заниманието приключи."
check "  addressed by name" wait_for "Довиждане, Мария!"

run reset --db "$DB" --learner 1 --lesson demoo
check "resetting a lesson without answers exits 1" test "$st" -eq 1
check "and says why" has "$err" "has no current answers in the lesson 'demoo'; nothing was reset"
run reset --db "$DB" --learner 9
check "an unknown learner exits 1" test "$st" -eq 1
check "and is named" test "$err" = "kiosk: there is no learner 9"
run reset --db "$DB" --learner x1
check "a name nobody has exits 1" test "$st" -eq 1
check "and says so" test "$err" = "kiosk reset: no learner is called 'x1' (see 'kiosk learners')"
run reset --db "$DB" --learner 0
check "ID 0 is a usage error (2)" test "$st" -eq 2
check "and says so" has "$err" "'0' is not a learner ID"
run reset --db "$DB" --learner "МАРИЯ"
check "a unique name, in capitals, is taken" test "$st" -eq 0
check "  and names the learner" has "$out" "learner 1 \\(Мария\\)"
run reset --db "$DB" --learner "ар"
check "part of a name is not enough: exit 1" test "$st" -eq 1
check "  the names containing it are listed with their IDs" has "$err" '^  1  Мария$'
run reset --db "$DB"
check "reset without --learner is a usage error" test "$st" -eq 2

# ---- kiosk remove-learner ----
run remove-learner 2 --db "$DB"
check "remove-learner exits 0" test "$st" -eq 0
check "remove-learner confirms in one line" test "$out" = \
	"Removed learner 2 (Петър): the name is erased; the answers stay as anonymous statistics."
check "the name is erased, the row kept" \
	test "$(sql "select '[' || name || ']' || coalesce(name_key, 'NULL') || (removed_at is not null) from learners where id = 2")" = "[]NULL1"
check "Петър's session stays" test "$(sql "select count(*) from sessions where learner_id = 2")" = 1
check "the removal is audited" test "$(sql "select count(*) from audit where action = 'remove' and learner_id = 2 and detail = 'source=cli'")" = 1
check "no name is in the audit" test "$(sql "select count(*) from audit where detail like '%Петър%'")" = 0
run learners --db "$DB"
check "the removed learner is not listed" has_not "$out" 'Петър|^ 2 '
check "Мария still is" has "$out" '^ 1  Мария '
run remove-learner 2 --db "$DB"
check "removing again exits 1" test "$st" -eq 1
check "and says the learner was already removed" test "$err" = "kiosk: learner 2 was already removed; nothing changed"
err=$(LANGUAGE=uk LANG=C.UTF-8 "$BIN" remove-learner 2 --db "$DB" 2>&1 >/dev/null)
check "in Ukrainian too" test "$err" = "kiosk: учня 2 уже видалено; нічого не змінено"
run remove-learner --db "$DB"
check "remove-learner without an ID is a usage error" test "$st" -eq 2

# ---- kiosk set-trainer-pin, piped ----
printf '135\n' > "$TMP/in"
run set-trainer-pin --db "$DB" < "$TMP/in"
check "a short PIN exits 1" test "$st" -eq 1
check "and is called too short" has "$err" "the PIN is too short: it needs 6 to 12 digits"
printf '1357a9\n' > "$TMP/in"
run set-trainer-pin --db "$DB" < "$TMP/in"
check "a PIN with letters is refused" has "$err" "digits only"
check "nothing was stored" test "$(sql "select count(*) from settings")" = 0
printf '24680135\n' > "$TMP/in"
run set-trainer-pin --db "$DB" < "$TMP/in"
check "set-trainer-pin exits 0" test "$st" -eq 0
check "set-trainer-pin confirms" test "$out" = "The trainer PIN was set."
check "only a yescrypt hash is stored" \
	test "$(sql "select value like '\$y\$%' and instr(value, '24680135') = 0 from settings where key = 'trainer_pin'")" = 1
check "pin-set is audited" test "$(sql "select count(*) from audit where action = 'pin-set' and detail = 'source=cli'")" = 1
check "the database is readable by its owner only" test "$(stat -c %a "$DB")" = 600

# ---- kiosk set-trainer-pin on a terminal: asked twice, never shown ----
hash_before=$(sql "select value from settings where key = 'trainer_pin'")
tmux -L "$SOCK" new-session -d -s p -x 80 -y 24 \
	"exec env TERM=tmux-256color HOME=$HOME sh -c '$BIN set-trainer-pin --db $DB; echo EXIT=\$?; sleep 60'"
pscreen() { tmux -L "$SOCK" capture-pane -p -t p; }
pwait() { for _ in $(seq 50); do pscreen | grep -qF -- "$1" && return 0; sleep 0.1; done; return 1; }
check "the PIN is asked for" pwait "New trainer PIN (6 to 12 digits):"
tmux -L "$SOCK" send-keys -t p -l "97531864"
tmux -L "$SOCK" send-keys -t p Enter
check "then asked again" pwait "Type the same PIN again:"
tmux -L "$SOCK" send-keys -t p -l "97531864"
tmux -L "$SOCK" send-keys -t p Enter
check "the change is confirmed" pwait "The trainer PIN was changed."
check "with exit status 0" pwait "EXIT=0"
check "the digits never appeared on the terminal" sh -c '! tmux -L "$1" capture-pane -p -t p | grep -q 97531864' _ "$SOCK"
check "the stored hash changed" test "$(sql "select value from settings where key = 'trainer_pin'")" != "$hash_before"
tmux -L "$SOCK" kill-session -t p
tmux -L "$SOCK" new-session -d -s p -x 80 -y 24 \
	"exec env TERM=tmux-256color HOME=$HOME sh -c '$BIN set-trainer-pin --db $DB; echo EXIT=\$?; sleep 60'"
pwait "New trainer PIN"
tmux -L "$SOCK" send-keys -t p -l "11112222"
tmux -L "$SOCK" send-keys -t p Enter
pwait "Type the same PIN again:"
tmux -L "$SOCK" send-keys -t p -l "11112223"
tmux -L "$SOCK" send-keys -t p Enter
check "two different entries are refused" pwait "the two PINs differ; the PIN was not changed"
check "with exit status 1" pwait "EXIT=1"
tmux -L "$SOCK" kill-session -t p
check "two PINs set in all" test "$(sql "select count(*) from audit where action = 'pin-set'")" = 2

# ---- the kiosk kept working all along ----
keys Enter
wait_for "Как се казвате?"
type_text "Мария"
keys Enter
wait_for "Здравейте, Мария"
keys Enter
check "the running kiosk starts the reset lesson at step 1" wait_for "Стъпка 1 от 6"
keys Enter
wait_for "Стъпка 2 от 6"
keys 2
for _ in 1 2 3 4 5 6 7 8 9 10; do screen | grep -qF "Зеленият бутон продължава" && break; sleep 0.1; done
screen | grep -qF "Зеленият бутон продължава" || keys Enter
wait_for "Зеленият бутон продължава"
keys Enter
check "the running kiosk goes on to the next step" wait_for "Стъпка 3 от 6"
type_text "йод"
keys Enter
check "and records the answer" wait_for "Намерихте го"
check "the new answers are current, the old two history" \
	test "$(sql "select count(*) from events where reset_id is null") $(sql "select count(*) from events where reset_id is not null")" = "3 2"
check "the kiosk is still running" sh -c '! tmux -L "$1" list-panes -t k -F "#{pane_dead}" | grep -q 1' _ "$SOCK"
finish
