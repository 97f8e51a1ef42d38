#!/bin/sh
# make stress: a centre server.  STRESS_KIOSKS (20) real kiosks in tmux, all on one database,
# each answering a step every STRESS_PERIOD (0.5) seconds for STRESS_SECONDS (120), while
# `kiosk export` and `kiosk learners` run in a loop on the same database.  Every answer's
# commit time comes from the kiosks themselves (KIOSK_TIMING_LOG).  Passes with 0 errors and
# 0 lost answers: each kiosk's learner has exactly the answers its keys gave, and every
# answer a kiosk confirmed is in the file.  Prints the commit times (p50, p99, max).
# Usage: tests/stress.sh BUILD_DIR
build=${1:-build}
case $build in /*) BIN=$build/kiosk ;; *) BIN=$PWD/$build/kiosk ;; esac
N=${STRESS_KIOSKS:-20}
SECS=${STRESS_SECONDS:-120}
PERIOD=${STRESS_PERIOD:-0.5}
LESSONS=$PWD/tests/fixtures/stress
STEPS=20                      # read steps in the stress lesson: one answer per Enter
CYCLE=$((STEPS + 2))          # + the finish screen's Enter, + the lesson list's Enter
TMP=$(mktemp -d /tmp/kiosk-stress.XXXXXX)
DB=$TMP/kiosk.db
SOCK=kiosk-stress-$$
export HOME=$TMP
unset LANG LC_ALL LC_MESSAGES LANGUAGE

cleanup() { touch "$TMP/stop"; tmux -L "$SOCK" kill-server 2>/dev/null; wait; rm -rf "$TMP"; }
trap cleanup EXIT
fail() { echo "stress: FAILED: $*"; exit 1; }
screen() { tmux -L "$SOCK" capture-pane -p -t "s:k$1" 2>/dev/null; }
wait_for() { # kiosk, text
	for _ in $(seq 100); do screen "$1" | grep -qF -- "$2" && return 0; sleep 0.1; done
	fail "kiosk $1 never showed '$2'"
}
sql() { python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1], timeout=30); print("\n".join("|".join(map(str,r)) for r in c.execute(sys.argv[2])))' "$DB" "$1"; }

[ -x "$BIN" ] || fail "build the kiosk first (make)"
"$BIN" learners --db "$DB" >/dev/null || fail "cannot create the database"
tmux -L "$SOCK" -f /dev/null new-session -d -s s -x 80 -y 24 -n base "sleep 100000"
for i in $(seq "$N"); do
	tmux -L "$SOCK" new-window -d -t s -n "k$i" \
		"exec env TERM=tmux-256color HOME=$HOME KIOSK_TIMING_LOG=$TMP/timing.log $BIN --db $DB --lessons $LESSONS --lang bg 2>>$TMP/stderr"
done
for i in $(seq "$N"); do
	wait_for "$i" "Как се казвате?"
	tmux -L "$SOCK" send-keys -t "s:k$i" -l "Товар$i"
	tmux -L "$SOCK" send-keys -t "s:k$i" Enter
	wait_for "$i" "Здравейте, Товар$i"
	tmux -L "$SOCK" send-keys -t "s:k$i" Enter
	wait_for "$i" "Стъпка 1 от $STEPS"
done

# The coordinator's and the trainer's commands, over and over, meanwhile.
: > "$TMP/cli.runs"; : > "$TMP/cli.fails"
(
	while [ ! -e "$TMP/stop" ]; do
		"$BIN" export --db "$DB" --report events --lessons "$LESSONS" > /dev/null 2>> "$TMP/cli.err" ||
			echo export >> "$TMP/cli.fails"
		"$BIN" learners --db "$DB" > /dev/null 2>> "$TMP/cli.err" || echo learners >> "$TMP/cli.fails"
		echo run >> "$TMP/cli.runs"
	done
) &

echo "stress: $N kiosks, an answer each every ${PERIOD}s for ${SECS}s, export and learners in a loop"
rounds=$(python3 -c "print(int($SECS / $PERIOD))")
start=$(date +%s.%N)
r=0
while [ "$r" -lt "$rounds" ]; do
	r=$((r + 1))
	# One tmux client for all the kiosks: Enter in every window.
	set --
	for i in $(seq "$N"); do set -- "$@" send-keys -t "s:k$i" Enter \;; done
	tmux -L "$SOCK" "$@"
	# Keep the pace: the next round at start + r * PERIOD.
	python3 -c "import time; d=$start + $r * $PERIOD - time.time(); time.sleep(d if d > 0 else 0)"
done
touch "$TMP/stop"
wait

# Let every kiosk finish the keys it has: the answer count stops changing.
last=-1
for _ in $(seq 60); do
	now=$(sql "select count(*) from events")
	[ "$now" = "$last" ] && break
	last=$now; sleep 1
done

# Each kiosk got $rounds Enters on step 1: 20 reads, then "complete", finish, list, again.
expect=$(python3 -c "
c, rem = divmod($rounds, $CYCLE)
print(c * ($STEPS + 1) + (rem if rem < $STEPS else $STEPS + 1))")
lost=0; extra=0
for i in $(seq "$N"); do
	got=$(sql "select count(*) from events e join learners l on l.id = e.learner_id where l.name = 'Товар$i'")
	[ "$got" -lt "$expect" ] && lost=$((lost + expect - got))
	[ "$got" -gt "$expect" ] && extra=$((extra + got - expect))
	screen "$i" | grep -qE "не може|грешка|cannot" && { echo "kiosk $i shows an error:"; screen "$i"; }
done
total=$(sql "select count(*) from events")
ok=$(grep -c ' ok$' "$TMP/timing.log")
errors=$(grep -c ' error$' "$TMP/timing.log")
cli_runs=$(wc -l < "$TMP/cli.runs")
cli_fails=$(wc -l < "$TMP/cli.fails")
integrity=$(sql "pragma integrity_check")
stats=$(python3 -c "
import sys
v = sorted(float(l.split()[0]) for l in open('$TMP/timing.log'))
p = lambda q: v[min(len(v) - 1, int(q * len(v)))]
print('%.1f %.1f %.1f' % (p(0.50), p(0.99), v[-1]))")
set -- $stats
echo "stress: answers expected $((expect * N)), in the database $total, confirmed by the kiosks $ok"
echo "stress: lost answers $lost, unexpected answers $extra, commit errors $errors"
echo "stress: export+learners runs $cli_runs, failed $cli_fails; integrity_check: $integrity"
[ -s "$TMP/stderr" ] && { echo "stress: kiosk stderr:"; head -5 "$TMP/stderr"; }
[ -s "$TMP/cli.err" ] && { echo "stress: export/learners stderr:"; head -5 "$TMP/cli.err"; }
echo "stress: commit time per answer: p50 $1 ms, p99 $2 ms, max $3 ms (goal: p99 under 50 ms)"
[ "$lost" -eq 0 ] && [ "$extra" -eq 0 ] && [ "$errors" -eq 0 ] && [ "$cli_fails" -eq 0 ] &&
	[ "$ok" -eq "$total" ] && [ "$integrity" = ok ] && [ ! -s "$TMP/stderr" ] ||
	fail "see above"
echo "stress: passed"
