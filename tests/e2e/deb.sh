#!/bin/sh
# make deb (issue 12): the package's metadata (dependencies computed from the binary), its
# contents (program, lessons as conffiles, translations, man pages, unit, maintenance helper;
# no data), a program built for the package's folders, and the maintainer scripts' work
# (run here with recording stand-ins for the commands that would change this machine).
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
OUT=$TMP/out
mkdir -p "$OUT"
make -s -C "$SRC" deb DEB_OUT="$OUT" > "$TMP/make.out" 2>&1; st=$?
check "make deb succeeds" test "$st" = 0
[ "$st" = 0 ] || sed 's/^/# /' "$TMP/make.out" | tail -20
version=$("$BIN" --version | sed 's/^kiosk //')
arch=$(dpkg --print-architecture)
DEB=$OUT/kiosk_${version}_$arch.deb
check "it is named kiosk_VERSION_ARCH.deb" test -f "$DEB"
field() { dpkg-deb -f "$DEB" "$1"; }
check "Package: kiosk" test "$(field Package)" = kiosk
check "Version is the program's" test "$(field Version)" = "$version"
check "Architecture is this machine's" test "$(field Architecture)" = "$arch"
# (libtinfo6 is not named: the kiosk loads ncursesw itself, and libncursesw6 depends on it.)
for lib in libc6 libncursesw6 libsqlite3-0 libunistring2 libcrypt1 libxlsxwriter4; do
	check "Depends names $lib with a version" sh -c 'dpkg-deb -f "$1" Depends | grep -q "$2 (>= "' _ "$DEB" "$lib"
done
check "no library is typed by hand in the control template" \
	sh -c '! grep -q "libsqlite\|libncurses\|libc6" "$1/kiosk/deploy/debian/control.in"' _ "$SRC"
# console-setup asks questions while it installs: only suggested, never pulled in by apt.
check "console-setup is suggested, not recommended" \
	sh -c 'dpkg-deb -f "$1" Suggests | grep -q console-setup && ! dpkg-deb -f "$1" Depends Recommends | grep -q console-setup' _ "$DEB"
check "Installed-Size is filled in" sh -c '[ "$(dpkg-deb -f "$1" Installed-Size)" -gt 100 ]' _ "$DEB"

dpkg-deb -c "$DEB" | awk '{print $6}' | sed 's|^\./|/|' | sort > "$TMP/contents"
for f in /usr/bin/kiosk /usr/libexec/kiosk/kiosk-maintenance /lib/systemd/system/kiosk@.service \
	/usr/share/locale/bg/LC_MESSAGES/kiosk.mo /usr/share/locale/uk/LC_MESSAGES/kiosk.mo \
	/usr/share/man/man1/kiosk.1.gz /usr/share/man/man5/kiosk-lessons.5.gz \
	/usr/share/doc/kiosk/copyright /etc/kiosk/lessons/bg/pharmacy.lesson \
	/etc/kiosk/lessons/uk/set.info; do
	check "the package holds $f" grep -qx "$f" "$TMP/contents"
done
check "every bundled lesson is in the package" \
	test "$(grep -c '^/etc/kiosk/lessons/.*\.lesson$' "$TMP/contents")" = "$(ls "$SRC"/lessons/*/*.lesson | wc -l)"
check "no data in the package: /var/lib/kiosk is made by postinst" sh -c '! grep -q "^/var" "$1"' _ "$TMP/contents"
check "files belong to root" sh -c '! dpkg-deb -c "$1" | grep -v " root/root "' _ "$DEB"

dpkg-deb -e "$DEB" "$TMP/ctl"
grep '^/etc/' "$TMP/contents" | grep -v '/$' > "$TMP/etcfiles"
check "every file under /etc is a conffile (edited lessons survive upgrades)" \
	diff "$TMP/etcfiles" "$TMP/ctl/conffiles"

X=$TMP/x
dpkg-deb -x "$DEB" "$X"
check "the packaged program has the package's folders compiled in" \
	sh -c 'grep -q /var/lib/kiosk/kiosk.db "$1" && grep -q /etc/kiosk/lessons "$1"' _ "$X/usr/bin/kiosk"
check "the packaged program is stripped (no symbol table)" \
	sh -c 'readelf -S "$1" > "$2" && ! grep -q "\.symtab" "$2"' _ "$X/usr/bin/kiosk" "$TMP/sections"
check "the packaged program says the package's version" \
	test "$("$X/usr/bin/kiosk" --version)" = "kiosk $(dpkg-deb -f "$DEB" Version)"
out=$("$X/usr/bin/kiosk" check-lessons "$X/etc/kiosk/lessons" 2>&1)
check "the packaged lessons pass check-lessons" sh -c 'printf "%s" "$1" | grep -q "no problems found"' _ "$out"
check "the packaged unit runs /usr/bin/kiosk" grep -qx "ExecStart=/usr/bin/kiosk" "$X/lib/systemd/system/kiosk@.service"
check "and the helper from /usr/libexec" grep -q "^ExecStopPost=+/usr/libexec/kiosk/kiosk-maintenance" "$X/lib/systemd/system/kiosk@.service"
check "the packaged man page renders without warnings" \
	sh -c 'MANWIDTH=80 man --warnings -l "$1" 2>&1 >/dev/null | grep -q . && exit 1; exit 0' _ "$X/usr/share/man/man1/kiosk.1.gz"

# Another VERSION gives a package and a program of that version (main.o is rebuilt).
mkdir -p "$TMP/out2"
make -s -C "$SRC" deb DEB_OUT="$TMP/out2" VERSION=9.9.9 > "$TMP/make2.out" 2>&1
dpkg-deb -x "$TMP/out2/kiosk_9.9.9_$arch.deb" "$TMP/x2" 2>/dev/null
check "make deb VERSION=9.9.9: the program says 9.9.9" test "$("$TMP/x2/usr/bin/kiosk" --version 2>&1)" = "kiosk 9.9.9"

# Maintainer scripts, with stand-ins that record instead of acting.
F=$TMP/fake
mkdir -p "$F"
for c in getent groupadd useradd install chown chmod rm systemctl; do
	printf '#!/bin/sh\necho "%s $*" >> "%s/calls"\n' "$c" "$TMP" > "$F/$c"
done
printf '#!/bin/sh\necho "getent $*" >> "%s/calls"\nexit 2\n' "$TMP" > "$F/getent"
chmod +x "$F"/*
script() { rm -f "$TMP/calls"; PATH="$F:$PATH" sh "$TMP/ctl/$1" "$2" "$3"; }
script postinst configure ""
check "postinst creates the system user kiosk" grep -q "^useradd --system .*kiosk$" "$TMP/calls"
check "with no login shell" grep -q "^useradd .*--shell /usr/sbin/nologin" "$TMP/calls"
check "and /var/lib/kiosk owned by kiosk, mode 0700" \
	grep -qx "install -d -o kiosk -g kiosk -m 0700 /var/lib/kiosk" "$TMP/calls"
script postrm remove ""
check "postrm remove keeps the learners' data" sh -c '! grep -q "^rm" "$1" 2>/dev/null' _ "$TMP/calls"
script postrm purge ""
check "postrm purge deletes /var/lib/kiosk" grep -qx "rm -rf /var/lib/kiosk" "$TMP/calls"
finish
