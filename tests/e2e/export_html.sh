#!/bin/sh
# kiosk export --format html: the page a coordinator hands to a municipality.  html_check.py
# parses it (Python's html.parser), finds no script and no URL, no learner's name and no typed
# answer, and compares every figure with the CSV reports of the same databases and options:
# one kiosk in Ukrainian, a period and a lesson set in Bulgarian, 20 merged databases, an
# empty database.  Then headless Chromium renders the page to a PNG (not blank) and prints it
# to PDF (A4, the pages pdfinfo counts); pdftoppm turns a PDF page into an image (not blank).
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
CHECK="$SRC/tests/e2e/html_check.py"
L=$SRC/tests/fixtures/golden/lessons
cd "$TMP" || exit 1
python3 "$SRC/tests/bench/gen_db.py" "$BIN" "$L" "$DB" 600 7 || echo "not ok - generating the database"
"$BIN" set-name 'Център „Надежда“ <Враца>' --db "$DB" > /dev/null

LANGUAGE=uk "$BIN" export --db "$DB" --lessons "$L" --format html --output one.html > out 2> err
st=$?
check "one kiosk: exit 0, the page written, nothing on stderr" sh -c \
	'[ "$1" -eq 0 ] && grep -q "one.html" out && [ ! -s err ]' _ "$st"
check "  every figure as in the CSV reports, no URL, no names or answers" \
	python3 "$CHECK" "$BIN" one.html "$L" --db "$DB"
check "  Ukrainian labels, the kiosk's name escaped, dates in Ukrainian style" sh -c '
	grep -q "<html lang=\"uk\">" one.html && grep -q "Проходження за уроками" one.html &&
	grep -q "Център „Надежда“ &lt;Враца&gt;" one.html &&
	grep -Eq "data-figure=\"period\">з [0-9]{2}\.[0-9]{2}\.20[0-9]{2} до" one.html'
sed 's/data-col="learners_completed" data-value="\([0-9]*\)"/data-col="learners_completed" data-value="9\1"/' \
	one.html > wrong.html
check "  the check fails on a page with one figure changed" sh -c \
	'! cmp -s one.html wrong.html && ! python3 "$1" "$2" wrong.html "$3" --db "$4" 2>/dev/null' \
	_ "$CHECK" "$BIN" "$L" "$DB"
sed 's|</style>|</style><img src="http://example.org/x.png">|' one.html > url.html
check "  and on a page that fetches something" sh -c \
	'grep -q "<img src=" url.html && ! python3 "$1" "$2" url.html "$3" --db "$4" 2>/dev/null' \
	_ "$CHECK" "$BIN" "$L" "$DB"

LANGUAGE=bg "$BIN" export --db "$DB" --lessons "$L" --format html --since 2026-03-01 \
	--until 2026-09-30 --lang bg --output part.html > /dev/null 2>&1
check "a period and a lesson set, in Bulgarian: the same figures as the CSV reports" \
	python3 "$CHECK" "$BIN" part.html "$L" --db "$DB" --since 2026-03-01 --until 2026-09-30 \
	--lang bg
check "  Bulgarian labels and dates" sh -c '
	grep -q "Завършване по уроци" part.html &&
	grep -q "data-figure=\"period\">от 01.03.2026.*г. до 30.09.2026.*г., набор от уроци bg" part.html'
LANGUAGE=uk "$BIN" export --db "$DB" --format html --with-names > out 2> err; st=$?
check "--with-names is refused for the page (exit 2): it is never personal" sh -c \
	'[ "$1" -eq 2 ] && grep -q "with-names" err && [ ! -s out ]' _ "$st"

args=""
for s in $(seq 1 20); do
	python3 "$SRC/tests/bench/gen_db.py" "$BIN" "$L" "k$s.db" 150 "$((40 + s))" ||
		echo "not ok - generating database $s"
	args="$args --db k$s.db"
done
"$BIN" set-name 'Читалище 1' --db k1.db > /dev/null
# shellcheck disable=SC2086
"$BIN" export $args --lessons "$L" --format html --output many.html > /dev/null 2>&1
# shellcheck disable=SC2086
check "20 merged databases: every figure, and one row per kiosk, as the CSV reports" \
	python3 "$CHECK" "$BIN" many.html "$L" $args
check "  the kiosks are named in the page" grep -q "Читалище 1" many.html

"$BIN" learners --db empty.db > /dev/null
"$BIN" export --db empty.db --lessons "$L" --format html --output empty.html > out 2> err
st=$?
check "an empty database: exit 0, the page says there is no data, stderr too" sh -c \
	'[ "$1" -eq 0 ] && grep -q "data-figure=\"no-data\"" empty.html && grep -q "no answers" err' \
	_ "$st"
check "  every lesson with zeros, as the CSV report" \
	python3 "$CHECK" "$BIN" empty.html "$L" --db empty.db

# ---- rendering: one quick Chromium run per output (about 1-2 s each) ----
render() { # page, then chromium's output option
	chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions \
		--user-data-dir="$TMP/chromium" --no-pdf-header-footer "$2" "file://$TMP/$1" \
		> /dev/null 2>&1
}
# A PNG is not blank when its pixels are not all the same colour.
not_blank() {
	python3 - "$1" <<'EOF'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat = 8, b""
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    if kind == b"IDAT":
        idat += data[pos + 8:pos + 8 + n]
    pos += 12 + n
raw = zlib.decompress(idat)
w, h = struct.unpack(">II", data[16:24])
dark = sum(1 for b in raw if b < 100)
assert w > 100 and h > 100 and dark > 2000, (w, h, dark)
EOF
}
render one.html --screenshot="$TMP/one.png" --window-size=900,1400
check "Chromium renders the page to a PNG that is not blank" not_blank one.png
render one.html --print-to-pdf="$TMP/one.pdf"
pages=$(pdfinfo one.pdf 2>/dev/null | awk '/^Pages:/ { print $2 }')
# 3 lessons, each with its funnel and table, the time chart by week: 5 A4 pages.
check "  printed to PDF: A4 portrait, 5 pages (pdfinfo)" sh -c '
	[ "$1" = 5 ] && pdfinfo one.pdf | grep -q "^Page size:.* (A4)$"' _ "$pages"
pdftoppm -r 40 -png -f 1 -l 1 one.pdf page > /dev/null 2>&1
check "  its first page as an image (pdftoppm) is not blank" not_blank page-1.png
render empty.html --print-to-pdf="$TMP/empty.pdf"
check "the empty database's page prints on 1 page" sh -c \
	'pdfinfo empty.pdf | grep -q "^Pages: *1$"'
