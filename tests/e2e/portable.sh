#!/bin/sh
# The tests run on a minimal Debian 12 with only what the Makefile installs: no procps there
# (no pgrep, pkill, ps), so a test that calls them fails only on a fresh machine.  lib.inc's
# child_pid reads /proc instead.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"

for f in "$SRC"/tests/e2e/*.sh "$SRC"/tests/e2e/lib.inc "$SRC"/tests/*.sh; do
	[ "$(basename "$f")" = portable.sh ] && continue
	# Commands at the start of a line or after ( $( | ; & && ||, not words in comments.
	hits=$(grep -nE '(^|[($|;&]|&&|\|\|)[[:space:]]*(pgrep|pkill|ps|killall|pidof)[[:space:]]' "$f" |
	       grep -v '^[0-9]*:[[:space:]]*#')
	check "$(basename "$f") needs no procps (use child_pid)" test -z "$hits"
	[ -n "$hits" ] && echo "# $hits"
done
finish
