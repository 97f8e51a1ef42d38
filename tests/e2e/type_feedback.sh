#!/bin/sh
# A number typed on a question does not pick an answer by one of its digits.  A wrong typed
# answer shows its feedback; as soon as the learner changes the answer the old
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
# A word typed on a question ("зеления") says how to answer; it only flashed the footer.
type_text "зеления"
check "letters on a question say to press the digit in front of an answer" \
	wait_for "Натиснете само цифрата пред отговора: от 1 до 3."
keys 2
wait_for "Натиснете Enter, за да отговорите."
type_text "х"
check "... and keep the answer highlighted" wait_re '^ +> +2\. '
check "... still saying how to answer" wait_for "Натиснете само цифрата пред отговора"
# A number typed on a question (a code, a year) does not pick an answer by one of its digits.
keys 9 2 9
check "a digit no answer has takes the pick away and names the digits" wait_for "Натиснете само цифрата пред отговора: от 1 до 3."
keys Enter
check "so Enter gives no answer, it asks for one" wait_for "Първо изберете отговор"
check "and nothing was recorded" test "$(sql "select count(*) from events where kind = 'choose'")" = 0
keys 1 Enter
check "a wrong answer shows its explanation" wait_for "Червеният бутон отказва поръчката."
keys 2
check "moving to another answer takes the old explanation away" wait_gone "Червеният бутон отказва поръчката."
keys Enter
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
