#!/bin/sh
# Every report stays byte-identical: kiosk export on generated databases (tests/bench/gen_db.py:
# learners, sessions, wrong tries, hints, resets, removed learners, awkward names) against
# outputs kept in tests/fixtures/golden/.  The goldens were written by the kiosk before reports
# were made to stream; a change in any figure, order or byte fails here.
# GOLDEN_UPDATE=1 rewrites them (only when a report is meant to change).
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
G=$SRC/tests/fixtures/golden
# The reports' lessons folder lacks one lesson that has events (bg pharmacy): its rows show
# how a lesson no longer in the folder is reported.
L=$TMP/lessons
mkdir -p "$L/bg" "$L/uk"
cp "$G"/lessons/uk/* "$L/uk/"
cp "$G/lessons/bg/set.info" "$G/lessons/bg/first-steps.lesson" "$G/lessons/bg/email.lesson" "$L/bg/"
for seed in 1 2 3; do
	python3 "$SRC/tests/bench/gen_db.py" "$BIN" "$G/lessons" "$TMP/k$seed.db" 3000 "$seed" ||
		echo "not ok - generating database $seed"
done
A="--db $TMP/k1.db"
ALL="--db $TMP/k1.db --db $TMP/k2.db --db $TMP/k3.db"

golden() { # name, then export arguments
	name=$1; shift
	# shellcheck disable=SC2086
	(cd "$TMP" && "$BIN" export --lessons "$L" "$@") > "$TMP/$name" 2>&1
	if [ -n "$GOLDEN_UPDATE" ]; then
		cp "$TMP/$name" "$G/$name"
	fi
	if cmp -s "$TMP/$name" "$G/$name"; then
		ok "$name is byte-identical to its golden file"
	else
		n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $name differs from $G/$name.out"
		diff "$G/$name" "$TMP/$name" | head -20 | sed 's/^/# /'
	fi
}

for kind in lessons learners steps; do
	golden "$kind-one.csv" $A --report $kind
	golden "$kind-merged.json" $ALL --report $kind --format json
done
# The events report has a row per answer: periods keep its golden files small.
golden "events-one.csv" $A --report events --until 2026-03-15
golden "events-merged.json" $ALL --report events --format json --since 2026-06-01 --until 2026-06-10
golden "lessons-period.csv" $ALL --since 2026-01-20 --until 2026-03-01T12:00Z
golden "steps-uk.csv" $ALL --report steps --lang uk
golden "steps-period.json" $ALL --report steps --since 2026-02-01 --format json
golden "learners-names.csv" $ALL --report learners --with-names --excel
golden "learners-period.csv" $ALL --report learners --since 2026-02-10 --until 2026-04-01
golden "events-names.json" $A --report events --with-names --format json --since 2026-08-01 --until 2026-08-07
golden "events-period.csv" $ALL --report events --since 2026-12-01 --lang bg --with-names
[ "$failures" -eq 0 ]
