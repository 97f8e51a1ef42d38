#!/bin/sh
# kiosk export --format xlsx as a coordinator in Kyiv uses it: the workbook read back with
# openpyxl (number, boolean and date cells equal to the CSV file's figures, rates as
# percentages, times in local time, Ukrainian headings over the English names, frozen
# header), every report in one workbook, personal data kept private, a period without data
# said on standard error; then LibreOffice (headless, Ukrainian locale) opens the workbook and
# the CSV file with the README's import settings, and the figures stay numbers.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
# openpyxl is Debian's package: Debian's own Python, whatever python3 comes first in PATH.
PY=/usr/bin/python3
CHECK="$SRC/tests/e2e/xlsx_check.py"
L=$SRC/tests/fixtures/golden/lessons
python3 "$SRC/tests/bench/gen_db.py" "$BIN" "$L" "$DB" 600 7 || echo "not ok - generating the database"
"$BIN" set-name 'Центр «Надія», Київ' --db "$DB" > /dev/null

export TZ=Europe/Kyiv LANGUAGE=uk
cd "$TMP" || exit 1
for r in lessons steps learners events; do
	"$BIN" export --db "$DB" --lessons "$L" --report $r --with-names --output $r.csv > /dev/null
	"$BIN" export --db "$DB" --lessons "$L" --report $r --with-names --format xlsx \
		--output $r.xlsx > out 2> err; st=$?
	check "xlsx $r report: exit 0, rows counted, nothing on stderr" \
		sh -c '[ "$1" -eq 0 ] && grep -q "^Записано [0-9]* рядк.* у '$r'.xlsx" out && [ ! -s err ]' _ "$st"
done
check "lessons sheet: numbers, percentages as in the CSV file, Ukrainian headings" \
	$PY "$CHECK" sheet lessons.xlsx 0 lessons.csv "$TZ" "ID уроку" "Уроки"
check "steps sheet: the step's text beside its id, rates as percentages" \
	$PY "$CHECK" sheet steps.xlsx 0 steps.csv "$TZ" "ID уроку" "Кроки"
check "learners sheet: first and last visit as local dates (Kyiv), kiosk name, names" \
	$PY "$CHECK" sheet learners.xlsx 0 learners.csv "$TZ" "Учень (псевдонім)" "Учні"
check "events sheet: booleans, times in local time, answers as text" \
	$PY "$CHECK" sheet events.xlsx 0 events.csv "$TZ" "ID кіоску" "Відповіді"
check "personal xlsx files are readable by their owner only" \
	test "$(stat -c %a learners.xlsx)" = 600

"$BIN" export --db "$DB" --lessons "$L" --report all --format xlsx --output all.xlsx > out 2> err
check "--report all: one sheet per report, each as its own export" sh -c '
	$0 "$1" sheet all.xlsx 0 lessons.csv "$TZ" "ID уроку" "Уроки" &&
	$0 "$1" sheet all.xlsx 1 steps.csv "$TZ" "ID уроку" "Кроки" ' $PY "$CHECK"
"$BIN" export --db "$DB" --report learners --output plain.csv > /dev/null
"$BIN" export --db "$DB" --report events --output plain-events.csv > /dev/null
check "  and its learners and events sheets (no names without --with-names)" sh -c '
	$0 "$1" sheet all.xlsx 2 plain.csv "$TZ" "Учень (псевдонім)" "Учні" &&
	$0 "$1" sheet all.xlsx 3 plain-events.csv "$TZ" "ID кіоску" "Відповіді"' \
	$PY "$CHECK"
check "  not personal without --with-names (usual mode)" test "$(stat -c %a all.xlsx)" != 600

"$BIN" export --db "$DB" --lessons "$L" --format xlsx --since 2035-01-01 --output none.xlsx \
	> out 2> err; st=$?
check "a period with no data: exit 0, said on stderr in Ukrainian" sh -c \
	'[ "$1" -eq 0 ] && grep -q "не записано жодної відповіді від 2035-01-01" err' _ "$st"
check "  the workbook is still written, every lesson with zeros" $PY -c '
import openpyxl
ws = openpyxl.load_workbook("none.xlsx").active
rows = list(ws.iter_rows(min_row=3, values_only=True))
assert rows and all(r[3] == 0 for r in rows), rows'
LANGUAGE=bg "$BIN" export --db "$DB" --report events --until 2000-01-01 > out 2> err; st=$?
check "  in Bulgarian too, and CSV on stdout keeps only the header" sh -c \
	'[ "$1" -eq 0 ] && grep -q "няма записани отговори до 2000-01-01" err && [ "$(wc -l < out)" -eq 1 ]' _ "$st"

# Text an XML file cannot carry (a control character, bytes that are not UTF-8, from a damaged
# or hand-edited database) must not make the workbook unreadable.
cp "$DB" odd.db
python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE learners SET name = CAST(? AS TEXT) WHERE id = 1", (b"Bad\x01\xff name",))
c.commit()' odd.db
"$BIN" export --db odd.db --report learners --with-names --format xlsx --output odd.xlsx \
	> /dev/null 2>&1; st=$?
check "a name with a control character and a bad byte: a readable workbook, U+FFFD for each" \
	$PY -c '
import openpyxl, sys
ws = openpyxl.load_workbook("odd.xlsx").active
names = [r[3] for r in ws.iter_rows(min_row=3, values_only=True)]
assert sys.argv[1] == "0" and "Bad\ufffd\ufffd name" in names, names' "$st"

# LibreOffice as a coordinator in Kyiv has it: Ukrainian locale, decimal comma.  Cells are
# written as shown (';' between them, so that a decimal comma needs no quotes).
SHOWN='csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,true'
lo() { LC_ALL=uk_UA.UTF-8 soffice --headless "$@" > lo.log 2>&1; }
mkdir xl csv control
lo --convert-to "$SHOWN" --outdir xl lessons.xlsx learners.xlsx
check "LibreOffice (uk) shows the workbook's rates as percentages with a decimal comma" \
	$PY "$CHECK" lo-xlsx xl/lessons.csv lessons.csv "$TZ"
check "  and the times as local date cells" $PY "$CHECK" lo-xlsx xl/learners.csv learners.csv "$TZ"
# The README's import settings: UTF-8, comma, language English (USA).
lo --infilter='CSV:44,34,76,1,,1033,false,false' --convert-to "$SHOWN" --outdir csv \
	lessons.csv learners.csv
check "the CSV file imported with the README's settings: decimals are numbers" \
	$PY "$CHECK" lo-csv csv/lessons.csv lessons.csv
check "  (minutes too)" $PY "$CHECK" lo-csv csv/learners.csv learners.csv
lo --infilter='CSV:44,34,76,1' --convert-to "$SHOWN" --outdir control lessons.csv
check "  while with the Ukrainian defaults none is that number (text, or even a date)" \
	$PY "$CHECK" lo-csv-text control/lessons.csv lessons.csv

echo "1..$n"
exit $((failures > 0))
