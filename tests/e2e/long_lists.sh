#!/bin/sh
# Lists of ten or more: the footer says "digit or arrows, then Enter", so two digits typed one
# after the other pick item 12, and Enter opens it (a novice could not reach lessons 10-12).
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"

# The title on the highlighted row ("  >  12. Title"), and the header's title after Enter.
picked_title() { screen | sed -n 's/^ *> *12\. //p' | sed 's/ *$//'; }

for lang in bg uk; do
	start_kiosk --lessons "$SRC/lessons" --lang "$lang"
	wait_for "[" 
	type_text "Тест"
	keys Enter
	check "$lang: the lesson list is open" wait_re '^ +> +1\. '
	check "$lang: the list says in words that more lessons follow" \
		wait_re '(Има още уроци|Є ще уроки)'
	count=$(ls "$SRC/lessons/$lang"/*.lesson | wc -l)
	check "$lang: the set has at least 12 lessons" test "$count" -ge 12
	keys 1 2
	check "$lang: '1' then '2' highlights lesson 12" wait_re '^ +> +12\. '
	title=$(picked_title)
	keys Enter
	check "$lang: Enter opens lesson 12" wait_for "$(printf '%s' "$title" | cut -c1-20)"
	check "$lang: at its first step" wait_re '(Стъпка|Крок) 1 '
	keys Escape
	check "$lang: back on the list" wait_re '^ +> +[0-9]+\. '
	keys 1 0
	check "$lang: '1' then '0' highlights lesson 10" wait_re '^ +> +10\. '
	keys 3
	check "$lang: a lone digit still picks its lesson" wait_re '^ +> +3\. '
done

echo "1..$n"
exit $((failures > 0))
