#!/bin/sh
# The same learner signing in at two terminals at once (a centre server with several
# terminals on one database).  Defined behaviour: each terminal has its own session, every
# answer from either is saved (answers are only ever appended, never overwritten), and the
# learner's progress is the union of both: a step done at either terminal counts as done.  Each
# terminal stays on its own step; the lesson list and the next start show the combined
# progress.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
LESSONS=$SRC/tests/fixtures/e2e

start_kiosk --lessons "$LESSONS" --lang bg
A=$SOCK
starts=$((starts + 1)); B=kiosk-e2e-$$-$starts
tmux -L "$B" -f /dev/null new-session -d -s k -x 80 -y 24 \
	"exec env TERM=tmux-256color HOME=$HOME $BIN --db $DB --lessons $LESSONS --lang bg 2>>$TMP/stderr"
on() { SOCK=$1; }

on "$A"; wait_for "Как се казвате?"
type_text "Мария"; keys Enter
wait_for "Здравейте, Мария"; keys Enter
wait_for "Стъпка 1 от 6"; keys Enter
wait_for "Стъпка 2 от 6"; keys Down Down Enter
wait_for "Зеленият бутон продължава"; keys Enter
check "terminal A reaches step 3" wait_for "Стъпка 3 от 6"

on "$B"; wait_for "Как се казвате?"
type_text "мария"; keys Enter
check "terminal B: the same learner, with A's progress" wait_for "стъпка 3 от 6"
keys Enter
check "terminal B resumes at step 3" wait_for "Стъпка 3 от 6"
type_text "йод"; keys Enter
wait_for "Намерихте го"; keys Enter
check "terminal B goes on to step 4" wait_for "Стъпка 4 от 6"

on "$A"
check "terminal A stays on its own step" wait_for "Стъпка 3 от 6"
type_text "ЙОД"; keys Enter
check "the same step answered at A too is accepted" wait_for "Намерихте го"
keys Enter
wait_for "Стъпка 4 от 6"; keys Enter
check "A goes on to step 5" wait_for "Стъпка 5 от 6"
keys F10
wait_for "Довиждане"; keys Enter
on "$B"; keys F10
wait_for "Довиждане"; keys Enter
check "B's session ends" wait_for "Как се казвате?"

check "one learner" test "$(sql "select count(*) from learners")" = 1
check "two sessions, both ended" \
	test "$(sql "select count(*) || '|' || count(ended_at) from sessions")" = "2|2"
check "every answer of both terminals is kept (4 from A, 1 from B)" \
	test "$(sql "select group_concat(n, ',') from (select count(*) n from events group by session_id order by session_id)")" = "4,1"
check "the database is sound" test "$(sql "pragma integrity_check")" = ok

on "$A"
wait_for "Как се казвате?"
type_text "Мария"; keys Enter
check "the next start shows the combined progress: step 5" wait_for "стъпка 5 от 6"
tmux -L "$B" kill-server 2>/dev/null
finish
