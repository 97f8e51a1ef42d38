#!/bin/sh
# A wrong typed answer shows its feedback; as soon as the learner changes the answer the old
# "wrong" line goes, so a correction never looks wrong too (found by a novice tester).
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
LESSONS=$SRC/tests/fixtures/e2e

start_kiosk --lessons "$LESSONS" --lang bg
wait_for "["
type_text "Мария"
keys Enter
wait_re '^ +> +1\. '
keys Enter
wait_for "Стъпка 1 от 6"
keys Enter
wait_for "Стъпка 2 от 6"
keys 2 Enter
wait_for "Зеленият бутон продължава"
keys Enter
check "the type step is open" wait_for "Напишете името на лекарството"
type_text "йот"
keys Enter
check "a wrong answer shows its feedback" wait_for "Проверете буквите и опитайте пак."
keys BSpace
check "changing the answer takes the old feedback away" wait_gone "Проверете буквите и опитайте пак."
type_text "д"
keys Enter
check "the corrected answer is right" wait_for "Намерихте го."

echo "1..$n"
exit $((failures > 0))
