#!/bin/sh
# Autostart on a virtual console (issue 12): kiosk@.service passes systemd-analyze verify; a
# trainer leaving from the menu under the unit exits with status 3 and kiosk-maintenance then
# starts a login prompt and a timer that brings the kiosk back (systemctl and systemd-run are
# stand-ins here that record their arguments: a container has no running systemd).
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
LESSONS=$SRC/tests/fixtures/e2e
MAINT=$SRC/kiosk/deploy/kiosk-maintenance

# The unit as the build writes it, its folders pointed at this build's program and helper so
# that systemd-analyze finds them (it checks that every command exists, and the man page).
UNIT_IN=$SRC/kiosk/deploy/systemd/kiosk@.service.in
mkdir -p "$TMP/libexec/kiosk" "$TMP/man/man1" "$TMP/units"
ln -s "$MAINT" "$TMP/libexec/kiosk/kiosk-maintenance"
cp "$(dirname "$BIN")/man/kiosk.1" "$TMP/man/man1/"
sed -e "s|@BINDIR@|$(dirname "$BIN")|g" -e "s|@LIBEXECDIR@|$TMP/libexec|g" "$UNIT_IN" \
	> "$TMP/units/kiosk@.service"
UNIT=$TMP/units/kiosk@.service
check "the built unit is this template with the build's folders" \
	cmp -s "$(dirname "$BIN")/deploy/kiosk@.service" \
	"$(sed -e "s|@BINDIR@|$(sed -n 's/^#define PATHS_BINDIR "\(.*\)"/\1/p' "$(dirname "$BIN")/paths_config.h")|g" \
	       -e "s|@LIBEXECDIR@|$(sed -n 's/^#define PATHS_LIBEXECDIR "\(.*\)"/\1/p' "$(dirname "$BIN")/paths_config.h")|g" \
	       "$UNIT_IN" > "$TMP/expected.service"; echo "$TMP/expected.service")"
check "the unit starts the kiosk" grep -qx "ExecStart=$(dirname "$BIN")/kiosk" "$UNIT"
check "as the kiosk user, on the console, restarted when it exits" \
	sh -c 'grep -qx User=kiosk "$1" && grep -qx "TTYPath=/dev/%I" "$1" && grep -qx Restart=always "$1"' _ "$UNIT"
if command -v systemd-analyze > /dev/null; then
	(cd "$TMP/units" && MANPATH=$TMP/man systemd-analyze verify ./kiosk@tty1.service) \
		> "$TMP/verify.out" 2>&1; st=$?
	check "systemd-analyze verify kiosk@tty1.service passes, silently" \
		sh -c '[ "$1" = 0 ] && [ ! -s "$2" ]' _ "$st" "$TMP/verify.out"
	[ -s "$TMP/verify.out" ] && sed 's/^/# /' "$TMP/verify.out"
else
	n=$((n + 1)); echo "ok $n # SKIP systemd-analyze not installed (Debian package systemd)"
fi

# kiosk-maintenance with recording stand-ins for systemctl and systemd-run.
mkdir -p "$TMP/fakebin"
for c in systemctl systemd-run; do
	printf '#!/bin/sh\necho "%s $*" >> "%s/calls"\n' "$c" "$TMP" > "$TMP/fakebin/$c"
	chmod +x "$TMP/fakebin/$c"
done
maint() { rm -f "$TMP/calls"; env PATH="$TMP/fakebin:$PATH" "$@" "$MAINT" tty3 2> "$TMP/maint.err"; }
maint env EXIT_CODE=exited EXIT_STATUS=3
check "maintenance exit: a login prompt on the same console" grep -qx "systemctl start --no-block getty@tty3.service" "$TMP/calls"
check "and a timer that starts the kiosk again after 30 minutes" \
	grep -q "^systemd-run .*--on-active=30min .* systemctl start kiosk@tty3.service" "$TMP/calls"
check "it tells the journal when the kiosk comes back" grep -q "30 minutes" "$TMP/maint.err"
maint env EXIT_CODE=exited EXIT_STATUS=3 KIOSK_MAINTENANCE_MINUTES=5
check "KIOSK_MAINTENANCE_MINUTES sets the pause" grep -q -- "--on-active=5min" "$TMP/calls"
maint env EXIT_CODE=exited EXIT_STATUS=3 KIOSK_MAINTENANCE_MINUTES='5; reboot'
check "a malformed number falls back to 30 minutes" grep -q -- "--on-active=30min" "$TMP/calls"
maint env EXIT_CODE=exited EXIT_STATUS=0
check "an ordinary exit (status 0) does nothing: systemd restarts the kiosk" test ! -e "$TMP/calls"
maint env EXIT_CODE=killed EXIT_STATUS=TERM
check "systemctl stop (killed) does nothing: the kiosk stays off" test ! -e "$TMP/calls"
env PATH="$TMP/fakebin:$PATH" "$MAINT" "../etc" 2>/dev/null; st=$?
check "a console name that is not ttyN is refused" test "$st" = 2

# The kiosk under the unit's environment: the trainer menu offers maintenance, exit status 3.
echo 24681357 | "$BIN" set-trainer-pin --db "$DB" > /dev/null
run_menu() { # environment assignments for the kiosk
	rm -f "$TMP/status"
	tmux -L "$SOCK" kill-server 2>/dev/null
	starts=$((starts + 1)); SOCK=kiosk-e2e-$$-$starts
	tmux -L "$SOCK" -f /dev/null new-session -d -s k -x 80 -y 24 \
		"env TERM=linux HOME=$HOME $* $BIN --db $DB --lessons $LESSONS --lang bg; echo \$? > $TMP/status; sleep 30"
	wait_for "Как се казвате?" 20
	trainer_login 24681357 bg
}
run_menu KIOSK_MAINTENANCE_MINUTES=30
check "under kiosk@.service the menu offers maintenance, in Bulgarian" wait_for "Поддръжка: вход в системата за 30 минути"
keys 5 Enter
check "and asks once more" wait_for "Натиснете Enter отново"
keys Enter
for _ in $(seq 50); do [ -s "$TMP/status" ] && break; sleep 0.1; done
check "leaving for maintenance exits with status 3" test "$(cat "$TMP/status")" = 3
check "and is audited as leaving" test "$(sql "select count(*) from audit where action='leave'")" = 1
run_menu
check "outside the unit the item is plain leaving" wait_for "Изход от киоска"
keys 5 Enter Enter
for _ in $(seq 50); do [ -s "$TMP/status" ] && break; sleep 0.1; done
check "which exits with status 0" test "$(cat "$TMP/status")" = 0
finish
