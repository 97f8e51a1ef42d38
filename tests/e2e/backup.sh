#!/bin/sh
# kiosk backup: a copy taken while a kiosk in tmux is writing holds every answer confirmed
# before it began, passes integrity_check, needs no -wal/-shm beside it, exports exactly as the
# original from a read-only folder without creating files there, and never lands on the
# database itself.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
LESSONS=$SRC/tests/fixtures/e2e

sqlf() { python3 -c 'import sqlite3,sys; c=sqlite3.connect("file:"+sys.argv[1]+"?mode=ro", uri=True); print("\n".join("|".join(map(str,x)) for x in c.execute(sys.argv[2]).fetchall()))' "$1" "$2"; }

# A learner answers two steps; the kiosk keeps running (its newest answers are in -wal).
start_kiosk --lessons "$LESSONS" --lang bg
wait_for "Как се казвате?"
type_text "Мария"
keys Enter
wait_for "Здравейте, Мария"
keys Enter
wait_for "Стъпка 1 от 6"
keys Enter
wait_for "Стъпка 2 от 6"
keys 2
for _ in 1 2 3 4 5 6 7 8 9 10; do screen | grep -qF "Зеленият бутон продължава" && break; sleep 0.1; done
screen | grep -qF "Зеленият бутон продължава" || keys Enter
wait_for "Зеленият бутон продължава"
before=$(sql "select count(*) from events")
check "answers were confirmed before the backup" test "$before" -ge 2
check "the newest answers are still in the -wal file" test -s "$DB-wal"

mkdir -p "$TMP/usb"
run backup --db "$DB" --output "$TMP/usb/centre.db"
check "backup exits 0" test "$st" -eq 0
check "it says where and what it wrote" has "$out" "^Backup written to $TMP/usb/centre.db: 1 learners, $before answers"
check "the copy passes integrity_check" test "$(sqlf "$TMP/usb/centre.db" 'pragma integrity_check')" = ok
check "the copy holds every confirmed answer" \
	test "$(sqlf "$TMP/usb/centre.db" 'select count(*) from events')" -eq "$before"
check "the copy is in rollback-journal mode" \
	test "$(sqlf "$TMP/usb/centre.db" 'pragma journal_mode')" = delete
check "nothing but the copy is in the folder" test "$(ls -A "$TMP/usb")" = centre.db
check "the copy is readable by its owner only" test "$(stat -c %a "$TMP/usb/centre.db")" = 600
check "the kiosk still runs" wait_for "Зеленият бутон продължава"

# The copy on a read-only stick: the same export as from the original, and no file created.
chmod 0555 "$TMP/usb"
"$BIN" export --db "$DB" --report events > "$TMP/orig.csv" 2>/dev/null
"$BIN" export --db "$TMP/usb/centre.db" --report events > "$TMP/copy.csv" 2> "$TMP/err"; st=$?
check "export from the read-only copy exits 0" test "$st" -eq 0
check "it exports exactly what the original does" cmp -s "$TMP/orig.csv" "$TMP/copy.csv"
check "the export created no file beside the copy" test "$(ls -A "$TMP/usb")" = centre.db
chmod 0755 "$TMP/usb"

# In the learner's language on a Bulgarian or Ukrainian command line.
LANGUAGE=uk "$BIN" backup --db "$DB" --output "$TMP/usb/uk.db" > "$TMP/out" 2>&1
check "the confirmation in Ukrainian" grep -qF "Копію записано в $TMP/usb/uk.db" "$TMP/out"

# Never onto the database, by any name.
sum_before=$(cksum < "$DB")
ln -s "$DB" "$TMP/link.db"
for target in "$DB" "$TMP/link.db" "$DB-wal" "$DB-journal"; do
	run backup --db "$DB" --output "$target"
	check "backup onto $(basename "$target") is refused with exit 1" test "$st" -eq 1
	check "  and says why" has "$err" "the database .* or a file SQLite keeps"
done
check "the database is untouched" test "$(cksum < "$DB")" = "$sum_before"
check "the kiosk still answers after the refusals" test "$(sql "select count(*) from events")" -ge "$before"

check "no -journal was created beside the database" test ! -e "$DB-journal"
# A link planted at the output path is never written through.
echo "not yours" > "$TMP/victim"
ln -s "$TMP/victim" "$TMP/usb/planted.db"
run backup --db "$DB" --output "$TMP/usb/planted.db"
check "a symbolic link as output is refused" test "$st" -eq 1
check "  and the file it points to is untouched" test "$(cat "$TMP/victim")" = "not yours"
rm -f "$TMP/usb/planted.db"

run backup --db "$DB"
check "without --output: usage error 2" test "$st" -eq 2
run backup --db "$DB" --output "$TMP/usb"
check "a folder as output: exit 1" test "$st" -eq 1
mkfifo "$TMP/fifo"
run backup --db "$TMP/fifo" --output "$TMP/f.db"
check "a FIFO as database is refused at once" test "$st" -eq 1
printf 'not a database' > "$TMP/text.db"
run backup --db "$TMP/text.db" --output "$TMP/t.db"
check "a file that is not a kiosk database: exit 1" test "$st" -eq 1
check "  and no copy is left behind" test ! -e "$TMP/t.db"
check "  nor a temporary file" test -z "$(ls -A "$TMP" | grep '^\.kiosk-backup')"

echo "1..$n"
exit $((failures > 0))
