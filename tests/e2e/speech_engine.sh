#!/bin/sh
# espeak-ng, the default reading-aloud engine, really speaks a sentence from a Bulgarian and
# a Ukrainian lesson: a WAV file of a plausible length at the kiosk's slow rate.
. "${KIOSK_SRC:-.}/tests/e2e/lib.inc"

# The first text: line of a lesson, without the key.
first_text() { sed -n 's/^text: //p' "$1" | head -n 1; }

wav_seconds() {
	python3 -c 'import sys, wave; w = wave.open(sys.argv[1]); print(w.getnframes() / w.getframerate())' "$1"
}

for lang in bg uk; do
	text=$(first_text "$SRC/lessons/$lang/first-steps.lesson")
	check "$lang: a sentence to speak" test -n "$text"
	printf '%s\n' "$text" | espeak-ng -v "$lang" -s 130 --stdin -w "$TMP/$lang.wav" 2>"$TMP/err"
	check "$lang: espeak-ng exits 0" test "$?" -eq 0
	secs=$(wav_seconds "$TMP/$lang.wav" 2>/dev/null || echo 0)
	chars=$(printf '%s' "$text" | wc -m)
	echo "# $lang: $chars characters, $secs s"
	# Speech at 130 words a minute: roughly 0.05 to 0.15 s a character; silence or a single
	# beep would be far shorter, a runaway far longer.
	check "$lang: the WAV holds speech of a plausible length" \
		python3 -c "import sys; s, c = float('$secs'), int('$chars'); sys.exit(0 if 0.03 * c < s < 0.25 * c else 1)"
done

echo "1..$n"
exit $((failures > 0))
