#!/bin/sh
# The man pages (issue 12): kiosk(1) and kiosk-lessons(5) render with man-db without a single
# warning at 80 columns, and kiosk(1) names every command and option the program has.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
MAN=$(dirname "$BIN")/man

for page in kiosk.1 kiosk-lessons.5; do
	MANWIDTH=80 man --warnings -l "$MAN/$page" > "$TMP/$page.txt" 2> "$TMP/$page.err"; st=$?
	check "$page renders (status 0)" test "$st" = 0
	check "$page renders without warnings" test ! -s "$TMP/$page.err"
	check "$page has a NAME and a SEE ALSO" sh -c 'grep -q "^NAME" "$1" && grep -q "^SEE ALSO" "$1"' _ "$TMP/$page.txt"
	check "$page has no line wider than 80 columns" \
		test "$(LC_ALL=C.UTF-8 awk 'length > 80' "$TMP/$page.txt" | wc -l)" = 0
done

# Every command in the usage text and every long option in any --help must be in kiosk(1).
cmds=$("$BIN" --help | sed -n 's/^ *\(Usage\|or\): *kiosk \([a-z-]*\).*/\2/p' | grep -v '^$')
check "the usage lists commands (the test reads it right)" test "$(echo "$cmds" | wc -l)" -ge 5
for c in $cmds; do
	check "kiosk(1) documents the command $c" grep -q "^ *kiosk $c\b" "$TMP/kiosk.1.txt"
done
opts=$( { "$BIN" --help; for c in $cmds; do "$BIN" "$c" --help 2>/dev/null; done; } |
	grep -o -- '--[a-z][a-z-]*' | sort -u)
for o in $opts; do
	check "kiosk(1) documents the option $o" grep -q -- "$o\b" "$TMP/kiosk.1.txt"
done
for s in "EXIT STATUS" ENVIRONMENT FILES EXAMPLES KEYS; do
	check "kiosk(1) has the section $s" grep -q "^$s" "$TMP/kiosk.1.txt"
done
finish
