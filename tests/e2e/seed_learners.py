"""Seeds learners straight into a kiosk database (created by `kiosk learners` first).
Usage: seed_learners.py DB COUNT [STARTED_AT]: learners named from a list of Bulgarian and
Ukrainian first names plus a number, each with one session started at STARTED_AT (UTC,
default 2026-11-29T17:37:00.000Z).  name_key is the folded name, as the kiosk writes it
(Python's casefold agrees with libunistring's for these letters)."""
import sqlite3
import sys
import unicodedata

NAMES = ["Мария", "Петър", "Іван", "Олена", "Йордан", "Ганна", "Стоян", "Юлія", "Цветана",
         "Богдан"]


def main():
    db, count = sys.argv[1], int(sys.argv[2])
    at = sys.argv[3] if len(sys.argv) > 3 else "2026-11-29T17:37:00.000Z"
    c = sqlite3.connect(db, timeout=10)
    for i in range(count):
        name = "%s %d" % (NAMES[i % len(NAMES)], i + 1)
        key = unicodedata.normalize("NFC", name.casefold())
        cur = c.execute("INSERT INTO learners(name, created_at, name_key) VALUES (?, ?, ?)",
                        (name, at, key))
        c.execute("INSERT INTO sessions(learner_id, lang, started_at, ended_at)"
                  " VALUES (?, 'bg', ?, ?)", (cur.lastrowid, at, at))
    c.commit()


main()
