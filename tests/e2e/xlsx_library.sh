#!/bin/sh
# The spreadsheet library is loaded only for an xlsx export (issue 11: it doubled the time to
# the first screen).  When it cannot be loaded, the export says so clearly, in the command's
# language, exits 1 and writes no file; a CSV export does not need it at all.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"

"$BIN" learners --db "$DB" > /dev/null 2>&1  # a database to export
check "the kiosk program does not load the spreadsheet library at start" \
	sh -c '! LD_TRACE_LOADED_OBJECTS=1 "$1" | grep -q "xlsxwriter\|libcrypto"' _ "$BIN"
mkdir -p "$TMP/badlib"
: > "$TMP/badlib/libxlsxwriter.so.4"  # a library that cannot be loaded: an empty file
: > "$TMP/badlib/libxlsxwriter.so"
for lang in bg uk; do
	out=$(LD_LIBRARY_PATH="$TMP/badlib" LANGUAGE=$lang "$BIN" export --lessons "$SRC/lessons" \
		--db "$DB" --format xlsx --output "$TMP/r-$lang.xlsx" 2>&1); st=$?
	check "$lang: without a usable library, xlsx exits 1" test "$st" = 1
	check "$lang: and writes no file" test ! -e "$TMP/r-$lang.xlsx"
	echo "$out" | sed 's/^/# /'
	case $lang in
	bg) word="библиотеката за таблици" ;;
	uk) word="бібліотеку для таблиць" ;;
	esac
	check "$lang: it names the library, in $lang" \
		sh -c 'printf "%s" "$1" | grep -q "$2.*libxlsxwriter.so"' _ "$out" "$word"
done
out=$(LD_LIBRARY_PATH="$TMP/badlib" "$BIN" export --lessons "$SRC/lessons" --db "$DB" \
	--format csv --output "$TMP/r.csv" 2>&1); st=$?
check "a CSV export does not need it" test "$st" = 0 -a -s "$TMP/r.csv"
finish
