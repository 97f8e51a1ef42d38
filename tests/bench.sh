#!/bin/sh
# make bench: each figure beside its floor, measured in the same run, alternating kiosk and
# floor (BENCH_RUNS times each, the median kept), so that a busy machine moves both alike.
#   BENCH_SIZES  events per generated database (default "10000 100000 1000000"; add 10000000
#                for the 10M row: generating it takes about two minutes, once)
#   BENCH_RUNS   runs per figure (default 3)
# Databases are generated once into BUILD/bench-db by tests/bench/gen_db.py.  Floors:
#   reports   the sqlite3 shell over the same file: GROUP BY the report's key with the same
#             counts (lessons, steps, learners), or `sqlite3 -csv` of the events table
#   lessons   reading the lesson files and checking their UTF-8: in process (bench lessons),
#             and as a whole process by floor_read, a program linked with libunistring only
#   learners  the same listing's query run by the sqlite3 shell
#   html      the html page's floor is the lessons CSV report of the same databases (its
#             figures come from the same one pass, which also counts steps, learners, periods)
build=$1
bench=$build/bench
kiosk=$build/kiosk
sizes=${BENCH_SIZES:-"10000 100000 1000000"}
runs=${BENCH_RUNS:-3}
dbdir=$build/bench-db
mkdir -p "$dbdir"
unset LANG LC_ALL LANGUAGE
command -v sqlite3 >/dev/null || { echo "make bench needs the sqlite3 shell (apt-get install sqlite3)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "make bench needs python3" >&2; exit 1; }

gen() { # events seed -> path of the database (generated when missing)
	db=$dbdir/e$1-s$2.db
	if [ ! -s "$db" ] || [ tests/bench/gen_db.py -nt "$db" ]; then
		python3 tests/bench/gen_db.py "$kiosk" lessons "$db" "$1" "$2" >&2 || exit 1
		# The kiosk's own schema upgrades happen once, not inside a timed run.
		"$kiosk" learners --db "$db" >/dev/null
	fi
	echo "$db"
}

# median of the first field over lines "seconds rss"; prints "seconds rss" of that run
median() { sort -n | awk '{ a[NR] = $0 } END { print a[int((NR + 1) / 2)] }'; }

# pair NAME GOAL_RATIO: runs the functions kcmd (the kiosk) and fcmd (its floor), each
# printing "seconds rss", BENCH_RUNS times alternating; prints a row of the table.
pair() {
	: > "$dbdir/k.times"; : > "$dbdir/f.times"
	i=0
	while [ $i -lt "$runs" ]; do
		kcmd >> "$dbdir/k.times"
		fcmd >> "$dbdir/f.times"
		i=$((i + 1))
	done
	kt=$(median < "$dbdir/k.times"); ft=$(median < "$dbdir/f.times")
	echo "$kt $ft $2" | awk -v name="$1" '{
		ratio = $3 > 0 ? $1 / $3 : 0
		met = $5 == "-" ? "" : (ratio <= $5 ? "met" : "NOT met")
		printf "%-36s %8.4f s %6.1f MiB   %8.4f s %6.1f MiB   %6.2fx  %s %s\n",
		       name, $1, $2 / 1024, $3, $4 / 1024, ratio, ($5 == "-" ? "" : "goal " $5 "x"), met
		if (rssgoal != "")
			printf "%-36s %19.1f MiB   %19.1f MiB   %6.2fx  goal %sx %s\n", "  its peak RSS",
			       $2 / 1024, $4 / 1024, $2 / $4, rssgoal, ($2 / $4 <= rssgoal ? "met" : "NOT met") }' rssgoal="$3"
}

floor_sql() { # report -> the floor query
	case $1 in
	lessons) echo "SELECT lang, lesson_id, count(DISTINCT learner_id), sum(kind = 'complete'), count(*) FROM events GROUP BY lang, lesson_id" ;;
	steps) echo "SELECT lang, lesson_id, step_id, count(*), sum(correct), sum(hint_shown), count(DISTINCT learner_id) FROM events GROUP BY lang, lesson_id, step_id" ;;
	learners) echo "SELECT learner_id, min(at), max(at), count(DISTINCT lesson_id), count(DISTINCT session_id) FROM events GROUP BY learner_id" ;;
	esac
}

report_pair() { # name goal report db-args... (the floor reads $dbs)
	name=$1; goal=$2; R=$3; shift 3
	ARGS="$*"
	Q=$(floor_sql "$R")
	# shellcheck disable=SC2086
	kcmd() { "$bench" measure "$kiosk" export --lessons lessons --report "$R" $ARGS; }
	if [ "$R" = events ]; then
		# shellcheck disable=SC2086
		fcmd() { "$bench" measure sh -c 'for d; do sqlite3 -csv "$d" "SELECT * FROM events ORDER BY id"; done' sh $dbs; }
	else
		# shellcheck disable=SC2086
		fcmd() { "$bench" measure sh -c 'q=$1; shift; for d; do sqlite3 "$d" "$q"; done' sh "$Q" $dbs; }
	fi
	pair "$name" "$goal"
}

printf '%-36s %21s   %21s   %7s\n' "figure" "kiosk: time, peak RSS" "floor: time, peak RSS" "ratio"

# ---- start-up: exec to the first complete welcome frame, new database ----
mark="после Enter: избор"  # the end of the welcome screen's bottom footer, drawn last
# A new database each time; the lessons' screen-fit cache beside it stays, as on a kiosk after
# its first start.
kcmd() { rm -f "$dbdir"/start.db "$dbdir"/start.db-*; "$bench" startup "$mark" "$kiosk" --lessons lessons --db "$dbdir/start.db"; }
fcmd() { "$bench" startup "$mark" "$build/floor_welcome"; }
pair "start-up to the first frame" 2 1.5
echo "  (the lessons load and a new database is made right after that frame, before any key is"
echo "  read: the kiosk is stopped as soon as the frame is seen and its peak RSS read then, so it"
echo "  holds whatever of that work it did before it was stopped: about 0.6 MiB more within half"
echo "  a millisecond, so a busy machine reads more; the first start, filling the lessons' cache,"
echo "  wraps every text: see check-lessons)"
# The same with the database of an earlier start: opened (settings, the look) before the frame.
# (A timed run is killed at its frame, often before it has made its database: make it here.)
rm -f "$dbdir"/start.db "$dbdir"/start.db-*
"$kiosk" learners --db "$dbdir/start.db" > /dev/null
kcmd() { "$bench" startup "$mark" "$kiosk" --lessons lessons --db "$dbdir/start.db"; }
pair "  the same, existing database" -
rm -f "$dbdir"/start.db*

# ---- lessons ----
set -- $("$bench" lessons lessons)
echo "$1 $2 $3 $4" | awk '{
	printf "%-36s %8.3f ms %10s  %8.3f ms %10s  %6.2fx  goal 5x %s\n", "loading " $3 " bytes of lessons", $1, "", $2, "", $1 / $2, ($1 / $2 <= 5 ? "met" : "NOT met")
	printf "%-36s %8.3f ms %10s  %8.3f ms %10s  %6.2fx\n", "  the same, every check (no cache)", $4, "", $2, "", $4 / $2 }'
kcmd() { "$bench" measure "$kiosk" check-lessons lessons; }
fcmd() { "$bench" measure "$build/floor_read" lessons; }
# A run takes milliseconds: more of them (at least 31) for a median that a stray one on a busy
# machine does not move.
saved_runs=$runs; [ "$runs" -ge 31 ] || runs=31
pair "check-lessons (whole process)" 2
runs=$saved_runs

# ---- reports ----
for n in $sizes; do
	db=$(gen "$n" 1)
	dbs=$db
	for r in lessons learners steps events; do
		goal=-
		[ "$n" = 1000000 ] && goal=1.3
		report_pair "export $r, $n events" "$goal" "$r" --db "$db"
	done
done

# ---- the html page against the lessons CSV report of the same database (goal 1.2x at 1M) ----
for n in $sizes; do
	db=$(gen "$n" 1)
	goal=-
	[ "$n" = 1000000 ] && goal=1.2
	kcmd() { "$bench" measure "$kiosk" export --lessons lessons --format html --db "$db"; }
	fcmd() { "$bench" measure "$kiosk" export --lessons lessons --report lessons --db "$db"; }
	pair "export html vs lessons CSV, $n events" "$goal"
done

# ---- a merge of 20 databases (50k events each, 1M in all) ----
dbs=""; args=""
for s in $(seq 1 20); do
	db=$(gen 50000 "$((100 + s))")
	dbs="$dbs $db"; args="$args --db $db"
done
for r in lessons learners steps events; do
	# shellcheck disable=SC2086
	report_pair "export $r, 20 databases x 50k" 1.3 "$r" $args
done
# shellcheck disable=SC2086
kcmd() { "$bench" measure "$kiosk" export --lessons lessons --format html $args; }
# shellcheck disable=SC2086
fcmd() { "$bench" measure "$kiosk" export --lessons lessons --report lessons $args; }
pair "export html vs lessons CSV, 20 x 50k" 1.2

# ---- kiosk learners: about 3,000 learners and 600k events ----
db=$(gen 600000 1)
LQ="SELECT l.id, l.name, (SELECT max(started_at) FROM sessions WHERE learner_id = l.id) AS seen, (SELECT max(id) FROM sessions WHERE learner_id = l.id) AS last, (SELECT count(DISTINCT lesson_id) FROM events WHERE learner_id = l.id AND reset_id IS NULL), (SELECT count(DISTINCT lesson_id) FROM events WHERE learner_id = l.id AND reset_id IS NULL AND kind = 'complete') FROM learners l WHERE l.removed_at IS NULL ORDER BY seen DESC, last DESC, l.id DESC"
kcmd() { "$bench" measure "$kiosk" learners --db "$db"; }
fcmd() { "$bench" measure sqlite3 "$db" "$LQ"; }
pair "kiosk learners, 600k events" -
echo "(goal for kiosk learners: under 0.2 s)"

# ---- the trainer's statistics screen at 1M events, on the kiosk's open connection ----
# All time from the running totals the kiosk keeps (as the screen does), beside the pass over
# every event it made before; "this month" (the file's last 30 days) reading only the learners
# and lessons with an event since, beside a pass over every event.  bench screen fails when
# the two ways differ in any cell.
if [ -s "$dbdir/e1000000-s1.db" ]; then
	set -- $("$bench" screen "$dbdir/e1000000-s1.db" lessons)
	echo "$1 $2 $3 $4" | awk '{
		printf "%-36s %8.1f ms %10s  %8.1f ms %10s  (every event)  goal 100 ms %s\n",
		       "statistics screen, all time, 1M", $1, "", $2, "", ($1 < 100 ? "met" : "NOT met")
		printf "%-36s %8.1f ms %10s  %8.1f ms %10s  (every event)  goal 100 ms %s\n",
		       "statistics screen, a month, 1M", $3, "", $4, "", ($3 < 100 ? "met" : "NOT met") }'
fi

# ---- CPU per key: the lesson list (Down/Up) and a practice field (a letter/Backspace) ----
: > "$dbdir/keys.times"
i=0
while [ $i -lt "$runs" ]; do
	"$bench" keys "$kiosk" "$build/floor_keys" lessons tests/fixtures/e2e >> "$dbdir/keys.times"
	i=$((i + 1))
done
for c in 1 3; do
	sort -n -k$c "$dbdir/keys.times" | awk -v c=$c '{ a[NR] = $0 } END {
		split(a[int((NR + 1) / 2)], v, " ")
		name = c == 1 ? "a key on the lesson list (CPU)" : "a letter in a practice field (CPU)"
		printf "%-36s %8.1f us %10s  %8.1f us %10s  %6.2fx  goal 200 us %s\n", name, v[c], "",
		       v[c + 1], "", v[c] / v[c + 1], (v[c] < 200 ? "met" : "NOT met") }'
done

# ---- in-process figures ----
"$bench" micro lessons
