#!/bin/sh
# Runs every test and ends with "N passed, N failed".  Each test program speaks TAP
# ("ok N - name" / "not ok N - name"); a program that crashes or exits non-zero without a
# failing line counts as one more failure, so nothing is lost silently.
# Usage: tests/run.sh BUILD_DIR UNIT_BINARY...
build=$1; shift
passed=0; failed=0
log=$build/test-logs; rm -rf "$log"; mkdir -p "$log"
# A bare environment, as in CI: the programs must choose their own UTF-8 locale.
unset LANG LC_ALL LC_MESSAGES LANGUAGE
export KIOSK_BUILD="$PWD/$build" KIOSK_SRC="$PWD"

count() { # name, output file, exit status
	ok=$(grep -c '^ok ' "$2"); bad=$(grep -c '^not ok ' "$2")
	if [ "$3" -ne 0 ] && [ "$bad" -eq 0 ]; then
		echo "not ok - $1 exited with status $3" >> "$2"; bad=1
	fi
	if [ "$ok" -eq 0 ] && [ "$bad" -eq 0 ]; then
		echo "not ok - $1 ran no tests" >> "$2"; bad=1
	fi
	passed=$((passed + ok)); failed=$((failed + bad))
	grep '^not ok' "$2" | sed "s|^|  $1: |"
	printf '%-28s %3d passed, %d failed\n' "$1" "$ok" "$bad"
}

for t in "$@"; do
	name=$(basename "$t")
	CMOCKA_MESSAGE_OUTPUT=TAP "$t" > "$log/$name.out" 2>&1; st=$?
	count "$name" "$log/$name.out" "$st"
done

for t in tests/e2e/*.sh; do
	[ -f "$t" ] || continue
	name=$(basename "$t" .sh)
	sh "$t" > "$log/$name.out" 2>&1; st=$?
	count "e2e/$name" "$log/$name.out" "$st"
done

echo "logs: $log"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
