#!/bin/sh
# The trainer's statistics as charts in an 80x24 terminal: per lesson a bar of completed (█)
# within started (░) with the figures of the lessons CSV report; the arrows choose a lesson
# (► marks it, also in monochrome), Enter shows its steps: learners who reached each step as a
# bar, with ▲ on the hard steps computed from the steps CSV report; a long lesson scrolls;
# Esc goes back.  In Bulgarian and in Ukrainian.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
L=$SRC/tests/fixtures/golden/lessons
python3 "$SRC/tests/bench/gen_db.py" "$BIN" "$L" "$DB" 3000 5 > /dev/null ||
	echo "not ok - generating the database"
echo 24681357 | "$BIN" set-trainer-pin --db "$DB" > /dev/null
"$BIN" export --db "$DB" --lessons "$L" --report lessons --output "$TMP/lessons.csv" > /dev/null
"$BIN" export --db "$DB" --lessons "$L" --report steps --output "$TMP/steps.csv" > /dev/null

# The screen against the CSV reports.  list: every lesson's row (title beginning, set, started,
# completed, a bar, rate, minutes) and ► on row N; steps N: lesson N's steps from FIRST on,
# reached and ▲ as the steps report says.
cat > "$TMP/screen_check.py" <<'EOF'
import csv, sys
mode, screen_file, sel = sys.argv[1], sys.argv[2], int(sys.argv[3])
screen = open(screen_file, encoding="utf-8").read().splitlines()
lessons = list(csv.DictReader(open(sys.argv[4], encoding="utf-8")))
steps = list(csv.DictReader(open(sys.argv[5], encoding="utf-8")))
def fail(msg):
    sys.exit("%s\n%s" % (msg, "\n".join(screen)))
if mode == "list":
    for i, r in enumerate(lessons):
        pct = "%.0f%%" % (float(r["completion_rate"]) * 100)
        secs = int(float(r["median_minutes_to_complete"]) * 60 + 0.5)
        mins = "%d:%02d" % (secs // 60, secs % 60)
        want = [r["language"], r["learners_started"], r["learners_completed"], pct, mins]
        line = next((l for l in screen if l[2:20].strip() and r["lesson_title"].startswith(l[2:20].rstrip())), None)
        if line is None:
            fail("no row for %s" % r["lesson_title"])
        toks = line.replace("█", " ").replace("░", " ").replace("▌", " ").split()[-5:]
        if toks != want:
            fail("row %r, want %r" % (line, want))
        if "█" not in line and int(r["learners_completed"]) > 0:
            fail("no bar in %r" % line)
        if (line.startswith("►")) != (i == sel):
            fail("► on the wrong row: %r" % line)
else:
    first = int(sys.argv[6])
    l = lessons[sel]
    mine = [s for s in steps if s["lesson_id"] == l["lesson_id"] and s["language"] == l["language"]]
    ok = [float(s["first_try_success_rate"]) if s["first_try_success_rate"] else None for s in mine]
    hint = [float(s["hint_rate"]) if s["hint_rate"] else None for s in mine]
    low = [v for v in ok if v is not None and v < 1]
    high = [v for v in hint if v is not None and v > 0]
    hard = set()
    if low: hard.add(ok.index(min(low)))
    if high: hard.add(hint.index(max(high)))
    shown = 0
    for k, s in enumerate(mine):
        line = next((x for x in screen if x[:6].strip().split(" ")[0] == str(k + 1)), None)
        if k < first or k >= first + 15:
            if line is not None:
                fail("step %d should be scrolled away" % (k + 1))
            continue
        if line is None:
            fail("step %d is missing" % (k + 1))
        shown += 1
        if ("▲" in line[:7]) != (k in hard):
            fail("▲ wrong on step %d: %r (hard: %s)" % (k + 1, line, sorted(hard)))
        if line[7:].split()[0] != s["learners_reached"] or "█" not in line:
            fail("step %d: %r, reached %s" % (k + 1, line, s["learners_reached"]))
    if not shown:
        fail("no steps shown")
EOF
shot() { screen > "$TMP/screen.txt"; }
scheck() { # list SEL | steps SEL FIRST
	shot; python3 "$TMP/screen_check.py" "$1" "$TMP/screen.txt" "$2" "$TMP/lessons.csv" "$TMP/steps.csv" "$3"
}

start_kiosk --lessons "$L"
wait_for "Добре дошли!"
# The generator wrote its answers straight into the file: opening it took them into the running
# totals, from which the screen's all-time figures come (checked against the CSV reports below).
check "the running totals cover every answer" \
	test "$(sql "select covered = (select max(id) from events) and broken = 0 from stat_state")" = 1
trainer_login 24681357 bg "Край на сесията"
keys 3
check "the statistics show a bar chart per lesson" wait_for "Завършил"
check "  every row's figures as in the lessons CSV report, ► on the first" scheck list 0
keys Down Down
wait_re "^► *Електронна"
check "  the arrows choose the third lesson" scheck list 2
keys Enter
check "Enter shows its steps, the legend of ▲" wait_for "▲ трудна стъпка"
check "  reached per step and ▲ on the hard steps, as in the steps CSV report" scheck steps 2 0
keys Escape Up
wait_re "^► *Аптека"
keys Enter
wait_for "▲ трудна стъпка"
check "a lesson of 22 steps shows 15 at a time" scheck steps 1 0
keys Down Down
wait_re "^ +17 "
check "  and scrolls with the arrows" scheck steps 1 2
keys Escape
check "Esc goes back to the lessons" wait_for "Стрелки: изберете урок"
check "the period is all time at first" wait_for "Период: цялото време (стрелки наляво/надясно: този месец)"
check "  the time column is minutes:seconds" wait_for "мм:сс"
check "  every title whole: the wrapped end of a long one shows" wait_re "^ +програмата *$"
# This month (TZ is unset here: local time is UTC, as the export's --since takes it).
"$BIN" export --db "$DB" --lessons "$L" --report lessons --since "$(date -u +%Y-%m-01)" \
	--output "$TMP/month.csv" > /dev/null 2>&1
keys Right
check "Right shows this month" wait_for "Период: този месец, от $(date +%Y-%m-01)"
shot
check "  its figures are the export's for --since the 1st" python3 "$TMP/screen_check.py" list \
	"$TMP/screen.txt" 0 "$TMP/month.csv" "$TMP/steps.csv" 0
keys Left
check "Left goes back to all time" wait_for "Период: цялото време"
keys Escape
wait_for "Край на сесията"
keys Escape
wait_for "Добре дошли!"
keys 2 Enter
wait_for "Як Вас звати?"
trainer_login 24681357 uk "Завершити сеанс"
keys 3
check "in Ukrainian: the headings" wait_re "Урок +Мова +Почали"
check "  the same figures" scheck list 0
keys Enter
check "  the steps and the legend" wait_for "▲ складний крок"
check "  with the same marks" scheck steps 0 0
finish
