#!/bin/sh
# make install / make uninstall (issue 12): the GNU folders under DESTDIR, then an install into
# a temporary PREFIX whose kiosk finds its lessons and translations with no option at all.
# A build folder of its own, so that installing for another PREFIX never touches build/ (nor
# mixes its objects with those of make asan).
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
B=$TMP/build
wait_for_file() { for _ in $(seq 50); do [ -f "$1" ] && return 0; sleep 0.1; done; return 1; }
mk() { make -s -j2 -C "$SRC" BUILD="$B" "$@" > "$TMP/make.out" 2>&1; }

mk install DESTDIR="$TMP/stage" PREFIX=/usr; st=$?
check "make install DESTDIR=... PREFIX=/usr succeeds" test "$st" = 0
(cd "$TMP/stage" && find . -type f | sort) > "$TMP/tree"
{
	echo ./usr/bin/kiosk
	echo ./usr/libexec/kiosk/kiosk-maintenance
	echo ./usr/lib/systemd/system/kiosk@.service
	for f in "$SRC"/lessons/*/*.lesson "$SRC"/lessons/*/set.info; do
		echo "./usr/share/kiosk/lessons/$(basename "$(dirname "$f")")/$(basename "$f")"
	done
	echo ./usr/share/locale/bg/LC_MESSAGES/kiosk.mo
	echo ./usr/share/locale/uk/LC_MESSAGES/kiosk.mo
	echo ./usr/share/man/man1/kiosk.1
	echo ./usr/share/man/man5/kiosk-lessons.5
} | sort > "$TMP/expected"
check "the staged tree is exactly the program, lessons, translations, man pages and unit" \
	diff "$TMP/expected" "$TMP/tree"
check "the program is executable, the data files are not" \
	sh -c 'test -x "$1/usr/bin/kiosk" && ! test -x "$1/usr/share/locale/bg/LC_MESSAGES/kiosk.mo"' _ "$TMP/stage"
check "the staged program has /usr compiled in" grep -q "/usr/share/kiosk/lessons" "$TMP/stage/usr/bin/kiosk"
mk uninstall DESTDIR="$TMP/stage" PREFIX=/usr
check "make uninstall removes every file it installed" \
	test -z "$(find "$TMP/stage" -type f)"
check "and the kiosk's own folders" sh -c 'test ! -e "$1/usr/share/kiosk" && test ! -e "$1/usr/libexec/kiosk"' _ "$TMP/stage"

P=$TMP/prefix
mk install PREFIX="$P"; st=$?
check "make install PREFIX=tmp succeeds" test "$st" = 0
out=$(cd / && env -u KIOSK_LESSONS "$P/bin/kiosk" check-lessons 2>&1); st=$?
check "the installed check-lessons finds the installed lessons with no option" \
	sh -c '[ "$1" = 0 ] && printf "%s" "$2" | grep -q "lessons checked, no problems"' _ "$st" "$out"

out=$(cd / && KIOSK_LESSONS=$SRC/tests/fixtures/e2e "$P/bin/kiosk" check-lessons 2>&1)
check "KIOSK_LESSONS still overrides the installed lessons" \
	sh -c 'printf "%s" "$1" | grep -q "^4 lessons checked"' _ "$out"
out=$(cd / && "$P/bin/kiosk" --lessons "$SRC/tests/fixtures/e2e" check-lessons 2>&1)
check "and so does --lessons" sh -c 'printf "%s" "$1" | grep -q "^4 lessons checked"' _ "$out"

BIN=$P/bin/kiosk
tmux -L "$SOCK" kill-server 2>/dev/null
starts=$((starts + 1)); SOCK=kiosk-e2e-$$-$starts
tmux -L "$SOCK" -f /dev/null new-session -d -s k -x 80 -y 24 -c / \
	"exec env -u KIOSK_LESSONS -u KIOSK_LOCALEDIR TERM=tmux-256color HOME=$HOME $BIN"
check "the installed kiosk starts with no options, translated" wait_for "Добре дошли!" 20
keys 2 Enter
wait_for "Як Вас звати?"
type_text "Інсталяція"
keys Enter
check "and lists the installed lessons" wait_for "Перші кроки"
check "its database is the user's own" wait_for_file "$HOME/.local/share/kiosk/kiosk.db"
keys F10
finish
