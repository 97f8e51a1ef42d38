#!/bin/sh
# kiosk export as a coordinator runs it: CSV and JSON read back with Python's own csv and json
# modules; formula names neutralised; two kiosks merged; the same file twice refused; clear
# errors and exit statuses; nothing half-written; and an export taken while a kiosk in tmux
# is recording answers, which neither blocks the kiosk nor misses a finished step.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
LESSONS=$SRC/tests/fixtures/e2e
# The reports below list every lesson of the folder: one of our own with only the demo lesson,
# so lessons added to the shared fixtures do not change them.
DEMO=$TMP/lessons
for set in bg uk; do
	mkdir -p "$DEMO/$set"
	cp "$LESSONS/$set/demo.lesson" "$LESSONS/$set/set.info" "$DEMO/$set/"
done
A=$TMP/kiosk-a.db
B=$TMP/kiosk-b.db
OUT=$TMP/out
mkdir -p "$OUT"

# Kiosk A (schema 3): learner 1 "=HYPERLINK("x")" finishes demo in bg in 8 minutes; learner 2
# Мария answers pick wrong twice, then right with the hint, and leaves; learner 3 was removed
# after reading the first step.  Kiosk B (schema 2): learner 1 "@SUM(1)" finishes demo in uk.
python3 - "$A" "$B" <<'PY'
import sqlite3, sys
V2 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE learners (id INTEGER PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL,
  name_key TEXT);
CREATE TABLE sessions (id INTEGER PRIMARY KEY, learner_id INTEGER NOT NULL, lang TEXT NOT NULL,
  started_at TEXT NOT NULL, ended_at TEXT);
CREATE TABLE events (id INTEGER PRIMARY KEY, session_id INTEGER NOT NULL,
  learner_id INTEGER NOT NULL, lang TEXT NOT NULL, lesson_id TEXT NOT NULL,
  step_id TEXT NOT NULL, step_index INTEGER NOT NULL, step_count INTEGER NOT NULL,
  kind TEXT NOT NULL, answer TEXT, correct INTEGER NOT NULL, hint_shown INTEGER NOT NULL,
  at TEXT NOT NULL);
PRAGMA user_version = 2;
"""
V3 = """
CREATE TABLE resets (id INTEGER PRIMARY KEY, learner_id INTEGER NOT NULL, lesson_id TEXT,
  at TEXT NOT NULL, source TEXT NOT NULL);
ALTER TABLE events ADD COLUMN reset_id INTEGER;
ALTER TABLE learners ADD COLUMN removed_at TEXT;
PRAGMA user_version = 3;
"""
STEPS = [("start", "read", None), ("pick", "choose", "2"), ("search", "type", "йод"),
         ("middle", "read", None), ("town", "type", "София"), ("end", "read", None)]

def make(path, v3, kiosk_id, learners, sessions):
    db = sqlite3.connect(path)
    db.executescript(V2 + (V3 if v3 else ""))
    db.execute("INSERT INTO meta VALUES ('kiosk_id', ?), ('created_at', ?)",
               (kiosk_id, "2026-11-01T08:00:00.000Z"))
    for l in learners:
        if v3:
            db.execute("INSERT INTO learners(id, name, created_at, removed_at) VALUES (?,?,?,?)", l)
        else:
            db.execute("INSERT INTO learners(id, name, created_at) VALUES (?,?,?)", l[:3])
    db.executemany("INSERT INTO sessions(id, learner_id, lang, started_at) VALUES (?,?,?,?)",
                   sessions)
    return db

def event(db, session, learner, lang, i, answer, correct, hint, at):
    step, kind, _ = STEPS[i] if i < 6 else ("", "complete", None)
    db.execute("INSERT INTO events(session_id, learner_id, lang, lesson_id, step_id,"
               " step_index, step_count, kind, answer, correct, hint_shown, at)"
               " VALUES (?,?,?,'demo',?,?,6,?,?,?,?,?)",
               (session, learner, lang, step, i, kind, answer, correct, hint, at))

def whole_lesson(db, session, learner, lang, day, hour):
    for i in range(7):
        event(db, session, learner, lang, i, STEPS[i][2] if i < 6 else None, 1, 0,
              "%sT%02d:%02d:00.000Z" % (day, hour, 1 + i if i < 6 else 9))

a = make(sys.argv[1], True, "a1b2c3d4" + "0" * 24,
         [(1, '=HYPERLINK("x")', "2026-11-02T09:00:00.000Z", None),
          (2, "Мария", "2026-11-02T10:00:00.000Z", None),
          (3, "", "2026-11-02T11:00:00.000Z", "2026-11-04T08:00:00.000Z")],
         [(1, 1, "bg", "2026-11-02T09:00:00.000Z"), (2, 2, "bg", "2026-11-02T10:00:00.000Z"),
          (3, 3, "bg", "2026-11-02T11:00:00.000Z")])
whole_lesson(a, 1, 1, "bg", "2026-11-02", 9)
event(a, 2, 2, "bg", 0, None, 1, 0, "2026-11-02T10:01:00.000Z")
event(a, 2, 2, "bg", 1, "1", 0, 0, "2026-11-02T10:02:00.000Z")
event(a, 2, 2, "bg", 1, "3", 0, 0, "2026-11-02T10:03:00.000Z")
event(a, 2, 2, "bg", 1, "2", 1, 1, "2026-11-02T10:04:00.000Z")
event(a, 3, 3, "bg", 0, None, 1, 0, "2026-11-02T11:01:00.000Z")
a.commit()
b = make(sys.argv[2], False, "b5e6f7a8" + "1" * 24,
         [(1, "@SUM(1)", "2026-11-05T14:00:00.000Z", None)],
         [(1, 1, "uk", "2026-11-05T14:00:00.000Z")])
whole_lesson(b, 1, 1, "uk", "2026-11-05", 14)
b.commit()
PY

# Runs python3 on a file: the check passes when the code's assertions hold.
pycheck() { # file, python code using f (the path)
	python3 -c "import csv, json, sys; f = sys.argv[1]
$2" "$1"
}

# ---- CSV ----

"$BIN" export --db "$A" --lessons "$DEMO" > "$OUT/lessons.csv" 2> "$OUT/err"; st=$?
check "export of the lessons report exits 0" test "$st" -eq 0
check "CSV rows end in CRLF" pycheck "$OUT/lessons.csv" '
data = open(f, "rb").read()
assert data.startswith(b"lesson_id,lesson_title,language,"), data[:40]
assert data.count(b"\r\n") == 3 and data.count(b"\n") == 3, data'
check "the lessons CSV holds the right figures" pycheck "$OUT/lessons.csv" '
rows = list(csv.DictReader(open(f, encoding="utf-8", newline="")))
bg = [r for r in rows if r["language"] == "bg"][0]
assert bg["lesson_id"] == "demo" and bg["lesson_title"] == "Проба", bg
assert bg["learners_started"] == "3" and bg["learners_completed"] == "1", bg
assert bg["completion_rate"] == "0.3333", bg
assert bg["median_minutes_to_complete"] == "8", bg
assert bg["steps"] == "6", bg
assert bg["avg_attempts_per_step"] == "1.2222", bg   # 11 answers in 9 visits
uk = [r for r in rows if r["language"] == "uk"][0]
assert uk["learners_started"] == "0" and uk["completion_rate"] == "", uk
assert uk["median_minutes_to_complete"] == "", uk'

"$BIN" export --db "$A" --db "$B" --report learners --with-names --excel \
	--output "$OUT/learners.csv" > "$OUT/said" 2> "$OUT/err"; st=$?
check "--output exits 0 and says how many rows" \
	sh -c '[ "$1" -eq 0 ] && grep -q "4 rows written to" "$2"' _ "$st" "$OUT/said"
check "--excel starts with a UTF-8 byte-order mark" pycheck "$OUT/learners.csv" '
assert open(f, "rb").read(3) == b"\xef\xbb\xbf"'
check "formula names are neutralised, Cyrillic kept, the removed learner has no name" \
	pycheck "$OUT/learners.csv" '
rows = list(csv.DictReader(open(f, encoding="utf-8-sig", newline="")))
names = {r["learner_id"]: r["name"] for r in rows}
assert names["a1b2c3d4-1"] == "'"'"'=HYPERLINK(\"x\")", names
assert names["b5e6f7a8-1"] == "'"'"'@SUM(1)", names
assert names["a1b2c3d4-2"] == "Мария", names
removed = [r for r in rows if r["learner_id"] == ""]
assert len(removed) == 1 and removed[0]["name"] == "", rows
assert removed[0]["lessons_started"] == "1"'
check "a file with names is readable by its owner only" \
	test "$(stat -c %a "$OUT/learners.csv")" = 600

"$BIN" export --db "$A" --report learners > "$OUT/anon.csv"
check "without --with-names there is no name column and no name" pycheck "$OUT/anon.csv" '
text = open(f, encoding="utf-8").read()
assert "name" not in next(csv.reader(text.splitlines())), text
assert "HYPERLINK" not in text and "Мария" not in text, text'

# ---- JSON ----

"$BIN" export --db "$A" --db "$B" --format json --lessons "$DEMO" > "$OUT/lessons.json"
check "two kiosks merge into one JSON report with typed values" pycheck "$OUT/lessons.json" '
rows = json.load(open(f, encoding="utf-8"))
by = {(r["lesson_id"], r["language"]): r for r in rows}
bg, uk = by[("demo", "bg")], by[("demo", "uk")]
assert bg["learners_started"] == 3 and isinstance(bg["learners_started"], int), bg
assert bg["completion_rate"] == 0.3333, bg
assert uk["learners_started"] == 1 and uk["learners_completed"] == 1, uk
assert uk["completion_rate"] == 1 and uk["median_minutes_to_complete"] == 8, uk'

"$BIN" export --db "$A" --report steps --format json --lessons "$DEMO" --lang bg \
	> "$OUT/steps.json"
check "the steps report shows the hard step" pycheck "$OUT/steps.json" '
rows = json.load(open(f, encoding="utf-8"))
assert [r["step_id"] for r in rows] == ["start", "pick", "search", "middle", "town", "end"]
pick = rows[1]
assert pick["attempts"] == 4 and pick["first_try_success_rate"] == 0.5, pick
assert pick["hint_rate"] == 0.5 and pick["learners_reached"] == 3, pick
assert rows[0]["learners_stopped_here"] == 0, rows[0]
assert rows[1]["learners_stopped_here"] == 1, rows[1]   # the removed learner
assert rows[2]["learners_stopped_here"] == 1, rows[2]   # Мария, right at pick, then left'

"$BIN" export --db "$A" --report events --format json --with-names > "$OUT/events.json"
check "events: answers only with --with-names, JSON strings and booleans" \
	pycheck "$OUT/events.json" '
rows = json.load(open(f, encoding="utf-8"))
assert len(rows) == 12, len(rows)
assert rows[2]["answer"] == "йод" and rows[2]["correct"] is True, rows[2]
assert rows[0]["answer"] is None and rows[6]["kind"] == "complete", rows[6]
assert rows[10]["hint_shown"] is True and rows[10]["before_reset"] is False, rows[10]
assert rows[10]["show_me"] is False, rows[10]
assert rows[11]["learner_id"] is None and rows[11]["session"] is None, rows[11]
assert all(r["at"].endswith("Z") for r in rows)'
"$BIN" export --db "$A" --report events --format json > "$OUT/events-anon.json"
check "events without --with-names have no answer field" pycheck "$OUT/events-anon.json" '
rows = json.load(open(f, encoding="utf-8"))
assert all("answer" not in r for r in rows) and len(rows) == 12'

"$BIN" export --db "$A" --report events --since 2026-11-02T10:00Z --until 2026-11-02 \
	> "$OUT/range.csv"
check "--since and --until select events by time (UTC)" pycheck "$OUT/range.csv" '
rows = list(csv.DictReader(open(f, encoding="utf-8", newline="")))
assert len(rows) == 5 and rows[0]["at"] == "2026-11-02T10:01:00.000Z", rows'

# ---- refusals ----

"$BIN" export --db "$A" --db "$TMP/./kiosk-a.db" > /dev/null 2> "$OUT/err"; st=$?
check "the same file twice is an error (exit 1)" test "$st" -eq 1
check "and says so" grep -q "given twice" "$OUT/err"
cp "$A" "$TMP/copy.db"
"$BIN" export --db "$A" --db "$TMP/copy.db" > /dev/null 2> "$OUT/err"; st=$?
check "a copy of the same kiosk is an error" sh -c '[ "$1" -eq 1 ] && grep -q "same kiosk" "$2"' \
	_ "$st" "$OUT/err"
"$BIN" export --db "$TMP/missing.db" > /dev/null 2> "$OUT/err"; st=$?
check "a missing database: exit 1, named" \
	sh -c '[ "$1" -eq 1 ] && grep -q "missing.db: the file does not exist" "$2"' \
	_ "$st" "$OUT/err"
check "and it is not created" test ! -e "$TMP/missing.db"
printf 'name,phone\nАна,0888\n' > "$TMP/list.csv"
"$BIN" export --db "$TMP/list.csv" > /dev/null 2> "$OUT/err"; st=$?
check "a file that is not a kiosk database: exit 1" \
	sh -c '[ "$1" -eq 1 ] && grep -q "not a kiosk database" "$2"' _ "$st" "$OUT/err"
"$BIN" export --db "$A" --report pupils > /dev/null 2> "$OUT/err"; st=$?
check "an unknown report is a usage error (exit 2)" \
	sh -c '[ "$1" -eq 2 ] && grep -q "unknown report" "$2"' _ "$st" "$OUT/err"
"$BIN" export --db "$A" --format ods > /dev/null 2> "$OUT/err"; st=$?
check "an unknown format is a usage error" \
	sh -c '[ "$1" -eq 2 ] && grep -q "unknown format" "$2"' _ "$st" "$OUT/err"
"$BIN" export --db "$A" --format xlsx > "$OUT/out" 2> "$OUT/err"; st=$?
check "xlsx without --output is a usage error (no binary on the terminal)" \
	sh -c '[ "$1" -eq 2 ] && grep -q "\-\-output FILE" "$2" && [ ! -s "$3" ]' _ "$st" "$OUT/err" "$OUT/out"
"$BIN" export --db "$A" --report all > /dev/null 2> "$OUT/err"; st=$?
check "--report all without xlsx is a usage error" \
	sh -c '[ "$1" -eq 2 ] && grep -q "needs --format xlsx" "$2"' _ "$st" "$OUT/err"
"$BIN" export --db "$A" --since 2026-02-30 > /dev/null 2> "$OUT/err"; st=$?
check "a bad date is a usage error" sh -c '[ "$1" -eq 2 ] && grep -q "is not a date" "$2"' \
	_ "$st" "$OUT/err"
"$BIN" export --db "$A" --since 2026-11-05 --until 2026-11-01 > /dev/null 2> "$OUT/err"; st=$?
check "--since after --until is a usage error" test "$st" -eq 2

printf 'last week\n' > "$OUT/keep.csv"
"$BIN" export --db "$A" --db "$TMP/missing.db" --output "$OUT/keep.csv" 2> /dev/null; st=$?
check "a failed export leaves --output as it was" \
	sh -c '[ "$1" -eq 1 ] && [ "$(cat "$2")" = "last week" ]' _ "$st" "$OUT/keep.csv"
check "and leaves no temporary file" test "$(ls -A "$OUT" | grep -c '^\.')" -eq 0

# ---- while a kiosk is writing ----

# Exports in a loop while a learner works in tmux: every one must succeed.  It also stops
# when the test's folder is gone or after 2000 rounds, so it can never outlive the test.
export_loop() {
	i=0; bad=0
	while [ -d "$TMP" ] && [ ! -e "$TMP/stop" ] && [ "$i" -lt 2000 ]; do
		"$BIN" export --db "$DB" --report events > "$OUT/loop.csv" 2>> "$OUT/loop.err" ||
			bad=$((bad + 1))
		i=$((i + 1))
	done
	echo "$i $bad" > "$TMP/loop.result"
}

events_in() { # csv file: number of data rows
	python3 -c 'import csv, sys
print(len(list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))))' "$1"
}

# Waits up to 5 s until the database has n events.
wait_events() {
	for _ in $(seq 50); do
		[ "$(sql "select count(*) from events" 2>/dev/null)" = "$1" ] && return 0
		sleep 0.1
	done
	return 1
}

start_kiosk --lessons "$LESSONS" --lang bg
wait_for "Как се казвате?" || wait_for "Who are you?"
type_text "@SUM(1)"
keys Enter
wait_for "@SUM(1)"
keys Enter
wait_for "Стъпка 1 от 6" || wait_for "Step 1 of 6"
export_loop &
keys Enter
check "step 1 is saved while exports run" wait_events 1
"$BIN" export --db "$DB" --report events > "$OUT/live1.csv"; st=$?
check "an export during the lesson succeeds and sees the finished step" \
	test "$st-$(events_in "$OUT/live1.csv")" = "0-1"
wait_for "Стъпка 2 от 6"
keys 2 Enter
check "step 2 is saved" wait_events 2
wait_for "Зеленият бутон продължава"
keys Enter
wait_for "Стъпка 3 от 6"
type_text "йод"
keys Enter
check "step 3 is saved" wait_events 3
wait_for "Намерихте го"
touch "$TMP/stop"
wait
echo "# exports during the lesson, failures: $(cat "$TMP/loop.result")"
check "exports in a loop during the lesson all succeeded" \
	sh -c 'set -- $(cat "$1"); [ "$1" -gt 0 ] && [ "$2" -eq 0 ]' _ "$TMP/loop.result"
"$BIN" export --db "$DB" --report steps --format json --lessons "$LESSONS" --lang bg \
	> "$OUT/live-steps.json"
check "the steps report sees the three finished steps" pycheck "$OUT/live-steps.json" '
rows = json.load(open(f, encoding="utf-8"))
demo = [r for r in rows if r["lesson_id"] == "demo"]
done = [r["step_id"] for r in rows if r["attempts"] > 0]
assert done == ["start", "pick", "search"], rows
assert demo[1]["step_id"] == "pick" and demo[1]["first_try_success_rate"] == 1, demo[1]'
"$BIN" export --db "$DB" --report learners --with-names > "$OUT/live-learners.csv"
check "the typed name @SUM(1) is neutralised in the CSV" pycheck "$OUT/live-learners.csv" '
rows = list(csv.DictReader(open(f, encoding="utf-8", newline="")))
assert len(rows) == 1 and rows[0]["name"] == "'"'"'@SUM(1)", rows
assert rows[0]["lessons_started"] == "1" and rows[0]["lessons_completed"] == "0", rows'
keys Enter
check "the kiosk goes on to step 4 after the exports" wait_for "Стъпка 4 от 6"
check "the kiosk reported no database error" sh -c '! grep -qi "database" "$1"' _ "$TMP/stderr"
finish
