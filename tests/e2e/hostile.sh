#!/bin/sh
# Issue 10, in a real terminal: bad bytes from the terminal, the database deleted while the
# kiosk runs, signals, hostile names, and the database refusals of the kiosk itself.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
LESSONS=$SRC/tests/fixtures/e2e
off_screen() { ! screen | grep -qF -- "$1"; }
# True when $1 does not appear within 1 s.
never_shows() { ! wait_for "$1" 1; }

# ---- 3. one invalid UTF-8 byte never freezes typing ----
start_kiosk --lessons "$LESSONS" --lang bg
wait_for "Как се казвате?"
tmux -L "$SOCK" send-keys -t k -H ff
type_text "Ива"
tmux -L "$SOCK" send-keys -t k -H c3 28
type_text "н"
check "after 0xff and 'c3 28' the letters still arrive" wait_for "[ Ива(н"
keys BSpace BSpace
type_text "н"
keys Enter
check "and Enter still works" wait_for "Здравейте, Иван"
check "one learner, named without the bad bytes" test "$(sql "select name from learners")" = "Иван"

# ---- 2. the database deleted while the kiosk runs ----
start_kiosk --lessons "$LESSONS" --lang bg
wait_for "Как се казвате?"
type_text "Мария"
keys Enter
wait_for "Здравейте, Мария"
keys Enter
wait_for "Стъпка 1 от 6"
keys Enter
wait_for "Стъпка 2 от 6"
rm -f "$DB" "$DB-wal" "$DB-shm"
keys Down Down Enter
check "a deleted database: the answer is not confirmed, the trainer is asked for" \
	wait_for "повикайте обучителя"
check "and the step is not praised as done" off_screen "Зеленият бутон продължава"
keys Enter
check "Enter does not move on to step 3" never_shows "Стъпка 3 от 6"
keys F10
check "F10: the goodbye does not say the progress is saved" wait_for "не можа да бъде запазен"
check "  and asks for the trainer" wait_for "повикайте обучителя"
keys Enter
wait_for "Как се казвате?"
keys F11 F12
check "the trainer keys still open (no PIN set: the way out)" wait_for "set-trainer-pin"
keys Enter
sleep 0.5
start_kiosk --lessons "$LESSONS" --lang bg
wait_for "Как се казвате?"
type_text "Мария"
keys Enter
check "after a restart the lesson shows what the file holds: not started" wait_for "не е започнат"

# ---- 11. SIGSTOP, a resize while stopped, SIGCONT: the whole screen is redrawn ----
rm -f "$DB" "$DB-wal" "$DB-shm"
start_kiosk_sh --lessons "$LESSONS" --lang bg
wait_for "Как се казвате?"
type_text "Стоп"
keys Enter
wait_for "Здравейте, Стоп"
keys Enter
wait_for "Стъпка 1 от 6"
pid=$(kiosk_child)
kill -STOP "$pid"
# What a job-control shell does meanwhile: its own terminal modes and a line of text.
tty=$(tmux -L "$SOCK" display -p -t k '#{pane_tty}')
stty -F "$tty" sane
printf '\r\n[1]+  Stopped   kiosk\r\n' > "$tty"
resize 100 30
sleep 0.3
kill -CONT "$pid"
# The header's right edge follows the new width.
check "after SIGCONT the step is drawn at the new size" \
	wait_re "^  Проба {50,}Стоп   F1: помощ  F3: на глас *$"
check "the shell's text is painted over" wait_gone "Stopped"
check "and the footer is on the last row" sh -c '[ "$(tmux -L "$1" capture-pane -p -t k | sed -n 30p | grep -c "Enter")" = 1 ]' _ "$SOCK"
type_text "x"
keys Enter
check "the kiosk's terminal modes are back: Enter goes on, nothing is echoed" \
	wait_for "Стъпка 2 от 6"
check "no echo of the typed x" sh -c '! tmux -L "$1" capture-pane -p -t k | grep -q "x"' _ "$SOCK"
resize 80 24

# ---- 11. SIGUSR1, SIGUSR2, SIGALRM end the kiosk cleanly; SIGPIPE is ignored ----
for sig in USR1 USR2 ALRM; do
	start_kiosk_sh --lessons "$LESSONS" --lang bg
	wait_for "Как се казвате?"
	type_text "Сигнал$sig"
	keys Enter
	wait_for "Здравейте, Сигнал$sig"
	keys Enter
	wait_for "Стъпка 1 от 6"
	kill -s PIPE "$(kiosk_child)"
	sleep 0.3
	check "SIGPIPE is ignored ($sig round)" test ! -e "$TMP/status"
	kill -s "$sig" "$(kiosk_child)"
	for _ in $(seq 30); do [ -s "$TMP/stty" ] && break; sleep 0.1; done
	check "SIG$sig: exit status 0" test "$(cat "$TMP/status" 2>/dev/null)" = 0
	check "SIG$sig: the terminal is restored (echo, canonical mode)" \
		sh -c 'grep -qw icanon "$1" && grep -qw echo "$1"' _ "$TMP/stty"
	check "SIG$sig: the session is closed" \
		test "$(sql "select count(*) from sessions s join learners l on l.id = s.learner_id where l.name = 'Сигнал$sig' and s.ended_at is not null")" = 1
done

# ---- 8. invisible direction overrides never reach a name or an answer ----
rm -f "$DB" "$DB-wal" "$DB-shm"
start_kiosk --lessons "$LESSONS" --lang bg
wait_for "Как се казвате?"
type_text "Ана‮Злоб⁦"
keys Enter
check "a name typed with U+202E and U+2066 is greeted without them" wait_for "Здравейте, АнаЗлоб"
check "and stored without them" test "$(sql "select name from learners")" = "АнаЗлоб"

# ---- 8. emoji and wide characters leave no stale cells in the header ----
start_kiosk --lessons "$LESSONS" --lang bg
wait_for "Как се казвате?"
type_text "Ана😀☺️👨‍👩‍👧漢字"
keys Enter
wait_for "Здравейте, Ана"
keys Enter
wait_for "Стъпка 1 от 6"
check "the lesson header ends with the name, nothing after it" \
	sh -c '[ "$(tmux -L "$1" capture-pane -p -t k | head -1 | sed "s/^  Проба *//")" = "Ана😀☺👨👩👧漢字   F1: помощ  F3: на глас" ]' _ "$SOCK"
keys F10
wait_for "Довиждане"
keys Enter
wait_for "Как се казвате?"
check "back on the name screen, the header has no cells left from the name" \
	sh -c '[ "$(tmux -L "$1" capture-pane -p -t k | head -1)" = "  Цифрови умения$(printf "%28s" "")Български   F1: помощ  F3: на глас" ]' _ "$SOCK"

# ---- 6. messages that quote a damaged database escape control characters ----
sql "update sessions set started_at = char(27) || ']2;PWNED' || char(7) || char(27) || '[2J'" >/dev/null
tmux -L "$SOCK" kill-server 2>/dev/null
starts=$((starts + 1)); SOCK=kiosk-e2e-$$-$starts
tmux -L "$SOCK" -f /dev/null new-session -d -s k -x 80 -y 24 \
	"env TERM=tmux-256color HOME=$HOME sh -c 'printf \"before\\n\"; $BIN export --db $DB --report learners; echo EXIT=\$?; sleep 60'"
check "export of a damaged database fails with a message" wait_for "EXIT=1"
check "the message shows the bad time with ? for each control character" wait_for "(?]2;PWNED??[2J)"
check "the screen was not cleared" wait_for "before"
check "the window title was not set" sh -c '[ "$(tmux -L "$1" display -p -t k "#{pane_title}")" != PWNED ]' _ "$SOCK"

# ---- 1. export never writes over a database it reads, by any name ----
rm -f "$DB" "$DB-wal" "$DB-shm"
"$BIN" learners --db "$DB" >/dev/null 2>&1  # creates it
sql "insert into learners(name, name_key, created_at) values ('Мария', 'мария', '2026-11-23T10:00:00.000Z')" >/dev/null
before=$(sha256sum < "$DB")
ln -s "$DB" "$TMP/link.db"
ln "$DB" "$TMP/hard.db"
for out in "$DB" "$TMP/link.db" "$TMP/hard.db" "$DB-wal" "$DB-shm" "$TMP/./kiosk.db-wal"; do
	"$BIN" export --db "$DB" --output "$out" > "$TMP/out" 2> "$TMP/err"; st=$?
	check "export --output $(basename "$out") onto its own database exits 1" test "$st" -eq 1
	check "  and says the database was left unchanged" grep -q "left unchanged" "$TMP/err"
done
"$BIN" export --db "$TMP/link.db" --output "$DB" > "$TMP/out" 2> "$TMP/err"; st=$?
check "the database named through a link, --output the real name: exit 1" test "$st" -eq 1
check "the database file is byte for byte the same" test "$(sha256sum < "$DB")" = "$before"
check "and still a kiosk database" test "$(sql "select name from learners")" = "Мария"
check "no -wal written as CSV" sh -c '! grep -q "lesson" "$1-wal" 2>/dev/null' _ "$DB"
"$BIN" export --db "$DB" --output "$TMP/report.csv" >/dev/null 2>&1; st=$?
check "another output file is fine" test "$st" -eq 0

# ---- 5. --output onto a symbolic link planted in a shared folder ----
mkdir -p "$TMP/shared" && chmod 1777 "$TMP/shared"
printf 'secret\n' > "$TMP/private" && chmod 600 "$TMP/private"
ln -s "$TMP/private" "$TMP/shared/report.csv"
"$BIN" export --db "$DB" --output "$TMP/shared/report.csv" > "$TMP/out" 2> "$TMP/err"; st=$?
check "export onto a symbolic link exits 1" test "$st" -eq 1
check "  and says it is a symbolic link" grep -q "symbolic link" "$TMP/err"
check "the file the link leads to is unchanged, content and mode" \
	sh -c '[ "$(cat "$1")" = secret ] && [ "$(stat -c %a "$1")" = 600 ]' _ "$TMP/private"
check "no temporary file left in the shared folder" test "$(ls -A "$TMP/shared" | wc -l)" = 1

# ---- 4. a named pipe as the database is refused at once ----
mkfifo "$TMP/fifo.db"
for cmd in "export --db $TMP/fifo.db" "learners --db $TMP/fifo.db" "--db $TMP/fifo.db"; do
	timeout 5 "$BIN" $cmd > "$TMP/out" 2> "$TMP/err" < /dev/null; st=$?
	check "kiosk $cmd: refused at once (status $st)" test "$st" -eq 1
	check "  as not a regular file" grep -q "not a regular file" "$TMP/err"
done

# ---- 7. a database other users can read ----
chmod 644 "$DB"
"$BIN" learners --db "$DB" >/dev/null 2>&1
check "a 0644 database of ours is tightened to 0640" test "$(stat -c %a "$DB")" = 640
cp "$DB" "$TMP/theirs.db" && chmod 644 "$TMP/theirs.db" && chown 65534:65534 "$TMP/theirs.db"
"$BIN" learners --db "$TMP/theirs.db" > "$TMP/out" 2> "$TMP/err"; st=$?
check "another user's 0644 database is refused" test "$st" -eq 1
check "  with the reason and the fix" grep -q "chmod o-rwx" "$TMP/err"
check "  and left as it was" test "$(stat -c %a "$TMP/theirs.db")" = 644

# ---- 9. check-lessons names every .lesson it cannot read ----
mkdir -p "$TMP/lessons/bg"
cp "$LESSONS"/bg/* "$TMP/lessons/bg/"
( cd "$TMP/lessons/bg" && ln -s a.lesson b.lesson && ln -s b.lesson a.lesson &&
  ln -s nothing.lesson dangling.lesson && mkfifo pipe.lesson && ln -s /dev/null dev.lesson )
timeout 5 "$BIN" check-lessons "$TMP/lessons" > "$TMP/out" 2>&1; st=$?
check "check-lessons with unreadable entries exits 1" test "$st" -eq 1
for f in a b dangling pipe dev; do
	check "  $f.lesson gets a FILE: message" grep -q "^$TMP/lessons/bg/$f.lesson: not loaded" "$TMP/out"
done
check "  the loop is called a loop" grep -q "a.lesson: not loaded: a symbolic link that leads round in a loop" "$TMP/out"
# ---- 12. a full disk at F10: the session end is written when there is room again ----
# A small file system of its own (root only; skipped where mounting is not allowed).
mkdir -p "$TMP/small"
if mount -t tmpfs -o size=2m tmpfs "$TMP/small" 2>/dev/null; then
	SMALL=$TMP/small/k.db
	tmux -L "$SOCK" kill-server 2>/dev/null
	starts=$((starts + 1)); SOCK=kiosk-e2e-$$-$starts
	tmux -L "$SOCK" -f /dev/null new-session -d -s k -x 80 -y 24 \
		"exec env TERM=tmux-256color HOME=$HOME $BIN --db $SMALL --lessons $LESSONS --lang bg 2>>$TMP/stderr"
	wait_for "Как се казвате?"
	type_text "Пълен"
	keys Enter
	wait_for "Здравейте, Пълен"
	keys Enter
	wait_for "Стъпка 1 от 6"
	keys Enter
	wait_for "Стъпка 2 от 6"
	dd if=/dev/zero of="$TMP/small/fill" bs=4k 2>/dev/null
	keys F10
	check "F10 on a full disk says so" wait_for "дискът е пълен"
	check "the goodbye still says the answers are saved (they are)" wait_for "Напредъкът Ви е запазен"
	keys Enter
	check "and goes back to the start for the next person" wait_for "Как се казвате?"
	rm -f "$TMP/small/fill"
	type_text "Следващ"
	keys Enter
	check "with room again the next learner starts" wait_for "Здравейте, Следващ"
	DB=$SMALL
	check "the first session got its end time, from the F10 moment" \
		test "$(sql "select count(*) from sessions where id = 1 and ended_at is not null and ended_at <= (select started_at from sessions where id = 2)")" = 1
	keys F10
	tmux -L "$SOCK" kill-server 2>/dev/null
	for _ in $(seq 50); do umount "$TMP/small" 2>/dev/null && break; sleep 0.1; done
	mountpoint -q "$TMP/small" && umount -l "$TMP/small"
else
	n=$((n + 1)); echo "ok $n # skip 12: cannot mount a small file system here"
fi

finish
