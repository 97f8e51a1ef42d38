#!/bin/sh
# A kiosk gets a name people recognise with `kiosk set-name`: kept in the database (NFC),
# audited, refused when it could disturb a terminal or a report.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"

run set-name --db "$DB"
check "no name at first" has_text "$out" "This kiosk has no name yet."
NAME='Читалище „Христо Ботев“, Пловдив'
run set-name "$NAME" --db "$DB"
check "set-name exits 0" test "$st" -eq 0
check "  and confirms the name" has_text "$out" "The kiosk is now called: $NAME"
check "  kept in the database" test "$(sql "select value from settings where key = 'kiosk_name'")" = "$NAME"
check "  audited" test "$(sql "select count(*) from audit where action = 'kiosk-name-set'")" = 1
LANGUAGE=bg "$BIN" set-name --db "$DB" > "$TMP/out"
check "shown in Bulgarian" grep -qF "Киоскът се казва: $NAME" "$TMP/out"
# й written as и + combining breve is stored composed, so reports compare equal.
run set-name "$(printf 'Центр \320\270\314\206')" --db "$DB"
check "the name is stored in NFC" test "$(sql "select value from settings where key = 'kiosk_name'")" = "Центр й"

run set-name "$(printf 'Киоск\033]0;pwned\007')" --db "$DB"
check "a name with an escape sequence is refused (exit 1)" test "$st" -eq 1
check "  with the reason" has_text "$err" "control characters"
run set-name "   " --db "$DB"
check "a blank name is refused" test "$st" -eq 1
run set-name "$(python3 -c 'print("Ж" * 81)')" --db "$DB"
check "a name over 80 columns is refused" has_text "$err" "longer than 80"
check "the name stays after refusals" test "$(sql "select value from settings where key = 'kiosk_name'")" = "Центр й"
run set-name a b --db "$DB"
check "two names: usage error" test "$st" -eq 2

# The name beside the kiosk id: kiosk learners' header line, every report with a kiosk id.
run set-name "$NAME" --db "$DB"
sql "insert into learners(name, name_key, created_at) values ('Мария', 'мария', '2026-11-02T09:00:00.000Z')" > /dev/null
sql "insert into sessions(learner_id, lang, started_at) values (1, 'bg', '2026-11-02T09:00:00.000Z')" > /dev/null
sql "insert into events(session_id, learner_id, lang, lesson_id, step_id, step_index, step_count, kind, correct, hint_shown, at) values (1, 1, 'bg', 'demo', 'start', 0, 6, 'read', 1, 0, '2026-11-02T09:01:00.000Z')" > /dev/null
ID=$(sql "select value from meta where key = 'kiosk_id'")
run learners --db "$DB"
check "kiosk learners names the kiosk above its table" has_text "$out" "Kiosk: $NAME (kiosk id $ID)"
for report in learners events; do
	"$BIN" export --db "$DB" --report $report > "$TMP/$report.csv"
	check "the $report report has the name beside the kiosk id" python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
h = list(rows[0])
assert h.index("kiosk_name") == h.index("kiosk_id") + 1, h
assert rows and all(r["kiosk_name"] == sys.argv[2] for r in rows), rows' "$TMP/$report.csv" "$NAME"
done

echo "1..$n"
exit $((failures > 0))
