#!/bin/sh
# Times on the trainer's screens and in `kiosk learners` are local (TZ), with the zone named:
# 17:37 UTC is 19:37 EET in Sofia and in Kyiv in November, 12:05 EEST in July.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
LESSONS=$SRC/tests/fixtures/e2e

"$BIN" learners --db "$DB" >/dev/null
echo 24681357 | "$BIN" set-trainer-pin --db "$DB" >/dev/null
python3 "$SRC/tests/e2e/seed_learners.py" "$DB" 1 2026-11-29T17:37:00.000Z
sql "insert into sessions(learner_id, lang, started_at) values (1, 'bg', '2026-11-29T17:37:00.000Z')" >/dev/null
python3 "$SRC/tests/e2e/seed_learners.py" "$DB" 1 2026-07-01T09:05:00.000Z

for tz in Europe/Sofia Europe/Kyiv; do
	export TZ=$tz
	out=$("$BIN" learners --db "$DB")
	check "$tz: kiosk learners shows November's 17:37 UTC as 19:37 EET" \
		sh -c 'printf "%s\n" "$1" | grep -q "Мария 1 .*2026-11-29 19:37 EET"' _ "$out"
	check "$tz: and July's 09:05 UTC as 12:05 EEST" \
		sh -c 'printf "%s\n" "$1" | grep -q "Мария 1 .*2026-07-01 12:05 EEST"' _ "$out"
	check "$tz: no UTC time is left" sh -c '! printf "%s\n" "$1" | grep -q "17:37"' _ "$out"
done

export TZ=Europe/Sofia
start_kiosk --lessons "$LESSONS" --lang bg
wait_for "Как се казвате?"
trainer_login 24681357 bg "Край на сесията"
keys 2
check "Sofia: the trainer's learner list shows local time with the zone" \
	wait_for "последно: 2026-11-29 19:37 EET"
check "  and the summer time as EEST" wait_for "последно: 2026-07-01 12:05 EEST"

export TZ=Europe/Kyiv
start_kiosk --lessons "$LESSONS" --lang uk
wait_for "Як Вас звати?"
trainer_login 24681357 uk "Меню інструктора"
keys 2
check "Kyiv: the trainer's learner list shows local time with the zone" \
	wait_for "востаннє: 2026-11-29 19:37 EET"
finish
