#!/bin/sh
# check-lessons as a trainer runs it: clean on the shipped lessons, FILE:LINE messages and
# exit 1 on broken ones.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"

out=$("$BIN" check-lessons "$SRC/lessons" 2>&1); st=$?
check "the shipped lessons pass check-lessons" test "$st" -eq 0
[ "$st" -eq 0 ] || echo "$out" | sed 's/^/# /'
check "and say how many were checked" sh -c 'printf "%s" "$1" | grep -q "lessons checked, no problems found"' _ "$out"

mkdir -p "$TMP/bad/bg"
cp "$SRC/tests/fixtures/e2e/bg/set.info" "$TMP/bad/bg/"
cat > "$TMP/bad/bg/demo.lesson" <<'LESSON'
lesson: demo
title: Счупен урок

step: one
kind: choose
text: Въпрос?
option: Първо
option: Второ
colour: червено
LESSON
out=$(cd "$TMP" && "$BIN" check-lessons bad 2>&1); st=$?
check "a broken lesson exits 1" test "$st" -eq 1
check "the unknown key is named with file and line" \
	sh -c 'printf "%s\n" "$1" | grep -q "^bad/bg/demo.lesson:9: .*colour"' _ "$out"
check "the missing correct option is reported with file and line" \
	sh -c 'printf "%s\n" "$1" | grep -q "^bad/bg/demo.lesson:[0-9]*: .*correct"' _ "$out"
echo "$out" | sed 's/^/# /'

# The kiosk itself skips the broken lesson, logs the same message, and offers the rest.
mkdir -p "$TMP/mixed"
cp -r "$SRC/tests/fixtures/e2e/bg" "$TMP/mixed/"
cp "$TMP/bad/bg/demo.lesson" "$TMP/mixed/bg/broken.lesson"
sed -i 's/^lesson: demo/lesson: broken/' "$TMP/mixed/bg/broken.lesson"
start_kiosk --lessons "$TMP/mixed" --lang bg
wait_for "Как се казвате?"
type_text "Петър"
keys Enter
check "the good lesson is offered" wait_for "Проба"
check "the broken one is not" sh -c '! tmux -L "$1" capture-pane -p -t k | grep -q "Счупен"' _ "$SOCK"
check "the broken lesson was logged as FILE:LINE" grep -q "broken.lesson:9: " "$TMP/stderr"
finish
