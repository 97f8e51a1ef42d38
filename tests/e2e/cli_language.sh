#!/bin/sh
# The command line speaks the language of the locale (LANG, LC_ALL, LC_MESSAGES, LANGUAGE),
# also where that locale is not installed, and else the kiosk's own language set once with
# `kiosk set-language`.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"

learners() { env -i PATH="$PATH" "$@" "$BIN" learners --db "$DB" 2>&1; }
says() { printf '%s\n' "$1" | grep -qF -- "$2"; }

"$BIN" learners --db "$DB" > /dev/null  # creates the database
check "no locale: English" says "$(learners)" "No learners yet."
check "LANG=bg_BG.UTF-8: Bulgarian (the locale is not even installed here)" \
	says "$(learners LANG=bg_BG.UTF-8)" "Все още няма обучаеми."
check "LC_ALL=uk_UA.UTF-8: Ukrainian" says "$(learners LC_ALL=uk_UA.UTF-8)" "Учнів поки немає."
check "LC_MESSAGES wins over LANG" \
	says "$(learners LANG=bg_BG.UTF-8 LC_MESSAGES=uk_UA.UTF-8)" "Учнів поки немає."
check "LANGUAGE wins over LANG" says "$(learners LANGUAGE=uk LANG=bg_BG.UTF-8)" "Учнів поки немає."
check "LANG=en_US.UTF-8: English" says "$(learners LANG=en_US.UTF-8)" "No learners yet."

out=$(env -i PATH="$PATH" "$BIN" set-language uk --db "$DB" 2>&1); st=$?
check "set-language uk exits 0" test "$st" -eq 0
check "  and confirms in Ukrainian" says "$out" "Мова кіоску тепер — uk."
check "  audited" test "$(sql "select count(*) from audit where action = 'language-set'")" = 1
check "no locale: the kiosk's language" says "$(learners)" "Учнів поки немає."
check "a Bulgarian locale still wins over it" says "$(learners LANG=bg_BG.UTF-8)" "Все още няма обучаеми."
check "an English locale wins over it too" says "$(learners LANG=en_US.UTF-8)" "No learners yet."

out=$(env -i PATH="$PATH" "$BIN" set-language xx --db "$DB" 2>&1); st=$?
check "set-language xx is a usage error" test "$st" -eq 2
check "  that names the choices" says "$out" "use bg, uk or none"
check "  and leaves the setting" says "$(learners)" "Учнів поки немає."

env -i PATH="$PATH" "$BIN" set-language none --db "$DB" > /dev/null
check "set-language none: English again" says "$(learners)" "No learners yet."

echo "1..$n"
exit $((failures > 0))
