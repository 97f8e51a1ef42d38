#!/bin/sh
# Thirty learners: the "who are you" screen lists the matching names (no stray v/^ marks on an
# empty list), and the trainer's learner list is searched by typing (any case, Cyrillic),
# numbers past 9 line up, and a learner's page shows each lesson's ID and progress.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"
LESSONS=$SRC/tests/fixtures/e2e

"$BIN" learners --db "$DB" >/dev/null
echo 24681357 | "$BIN" set-trainer-pin --db "$DB" >/dev/null
python3 "$SRC/tests/e2e/seed_learners.py" "$DB" 30
# Ten more learners all called "Мария N": more matches than rows on the name screen.
python3 - "$DB" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for i in range(31, 41):
    n = "Мария %d" % i
    cur = c.execute("insert into learners(name, created_at, name_key) values (?, ?, ?)",
                    (n, "2026-11-29T17:37:00.000Z", n.casefold()))
    c.execute("insert into sessions(learner_id, lang, started_at) values (?, 'bg', ?)",
              (cur.lastrowid, "2026-11-29T17:37:0%d.000Z" % (i % 10)))
c.commit()
PY

names_shown() { screen | grep -cE '^ +Мария [0-9]+ *v?$'; }
start_kiosk --lessons "$LESSONS" --lang bg
wait_for "Как се казвате?"
type_text "м"
check "bg: 13 learners match 'м': the names are drawn" wait_re '^ +Мария [0-9]+'
check "  as many as fit, not an empty list with marks" test "$(names_shown)" -ge 5
check "  no '^' above the first name before choosing" sh -c '! tmux -L "$1" capture-pane -p -t k | grep -qE "\^ *$"' _ "$SOCK"
keys Down
check "  Down chooses the first name" wait_re '^ +> +Мария [0-9]+'

start_kiosk --lessons "$LESSONS" --lang uk
wait_for "Як Вас звати?"
type_text "Ю"
check "uk: the names matching 'Ю' are drawn" wait_re '^ +Юлія [0-9]+'

# The trainer's list (bg): numbering, search, a learner's page.
start_kiosk --lessons "$LESSONS" --lang bg
wait_for "Как се казвате?"
trainer_login 24681357 bg "Край на сесията"
keys 2
check "bg: the learner list has a search field" wait_for "Търсене (напишете букви от името):"
keys End
check "  numbers past 9 line up with 1-9 (the 40th)" wait_re '^ +> +40\. '
screen > "$TMP/list"
keys Home
wait_re '^ +> +1\. '
screen >> "$TMP/list"
check "  ' 9.' and '10.' end in the same column" python3 - "$TMP/list" <<'PY'
import re, sys
cols = {}
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"^( +>? +)(\d+)\. ", line)
    if m:
        cols.setdefault(len(m.group(1)) + len(m.group(2)), 0)
        cols[len(m.group(1)) + len(m.group(2))] += 1
sys.exit(0 if len(cols) == 1 else 1)
PY
type_text "юЛІ"
check "  typing 'юЛІ' (any case) finds the Юлія learners" wait_re '^ +> +1\. Юлія [0-9]+'
check "  and only them" sh -c '! tmux -L "$1" capture-pane -p -t k | grep -qE "^ +[0-9]+\. (Мария|Петър|Стоян)"' _ "$SOCK"
check "  3 of them (Юлія 8, 18, 28)" test "$(screen | grep -cE '^ +>? +[0-9]+\. Юлія (8|18|28) *$')" = 3
keys 2
check "  a digit highlights the learner with that number in the narrowed list" \
	wait_re '^ +> +2\. Юлія 18'
keys Enter
check "  and Enter opens that learner" wait_re 'Обучаеми +Юлія 18'
check "  whose page shows each lesson's ID and progress" wait_re '^ +demo  .*: не е започнат'
keys Escape
wait_for "Търсене (напишете букви от името):"
type_text "жжж"
check "  a search that finds nobody says so" wait_for "Няма име с тези букви."

# uk: the same search.
start_kiosk --lessons "$LESSONS" --lang uk
wait_for "Як Вас звати?"
trainer_login 24681357 uk "Меню інструктора"
keys 2
check "uk: the learner list has a search field" wait_for "Літери імені для пошуку:"
type_text "ЦВЕТ"
check "uk: 'ЦВЕТ' finds the Цветана learners" wait_re '^ +> +1\. Цветана [0-9]+'
finish
