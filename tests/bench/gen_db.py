#!/usr/bin/env python3
"""Writes a realistic kiosk database for make bench and the report golden tests.

Usage: gen_db.py KIOSK_BINARY LESSONS_DIR OUT.db EVENTS [SEED]

The empty database is made by the kiosk itself (`kiosk learners --db OUT.db` creates it with
the current schema); this script then fills it in one transaction, as learners would have:
about 200 answers per learner, a few sessions each, lessons of the learner's lesson set in
their order with the real step ids, wrong tries (with the hint shown after two) on choose, type
and practice steps, a complete event at the end of a lesson, learners who leave half-way,
resets (6% of learners: their earlier events of one lesson marked with the reset) and removed
learners (5%: name erased, typed answers blanked).  A few names hold characters a CSV writer
must quote or neutralise.  The same EVENTS and SEED give the same file, byte for byte in every
report (the kiosk id is derived from the seed)."""
import os
import random
import re
import sqlite3
import subprocess
import sys

NAMES = ["Мария", "Иван", "Олена", "Петро", "Гергана", "Тетяна", "Стоян", "Надія", "Йордан",
         "Галина", "Васил", "Оксана", "Руска", "Микола", "Зорница", "Богдан"]
ODD_NAMES = ["=HYPERLINK(\"x\")", "Иванова, Мария", "\"Баба\" Пена", "@SUM(1)", "-Тест"]
TYPED = ["парацетамол", "йод", "София", "Київ", "маргаритки", "5", "не знам", "a,b", "\"x\""]


def read_lessons(folder):
    """{set: [(lesson_id, [(step_id, kind)])]} in each set's order."""
    sets = {}
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if not os.path.isdir(path):
            continue
        lessons = []
        for f in sorted(os.listdir(path)):
            if not f.endswith(".lesson"):
                continue
            text = open(os.path.join(path, f), encoding="utf-8").read()
            lid = re.search(r"^lesson:\s*(\S+)", text, re.M).group(1)
            order = re.search(r"^order:\s*(\d+)", text, re.M)
            steps = re.findall(r"^step:\s*(\S+)\s*\nkind:\s*(\S+)", text, re.M)
            lessons.append((int(order.group(1)) if order else 99, lid, steps))
        lessons.sort()
        sets[name] = [(lid, steps) for _, lid, steps in lessons]
    return sets


def iso(ms):
    s, m = divmod(ms, 1000)
    days, s = divmod(s, 86400)
    # 2026-01-01 is day 20454 since 1970.
    import datetime
    d = datetime.date(1970, 1, 1) + datetime.timedelta(days=days)
    return "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ" % (d.year, d.month, d.day, s // 3600,
                                                    s // 60 % 60, s % 60, m)


class Gen:
    def __init__(self, sets, total, seed):
        self.r = random.Random(seed)
        self.sets = sets
        self.total = total
        self.events = []
        self.learners = []
        self.sessions = []
        self.resets = []
        self.base = self.t = 1767225600000  # 2026-01-01 UTC

    def step_events(self, sid, lid, lang, lesson, steps, start, hint_p):
        """One pass through a lesson from step start; returns the step reached, or None when
        the lesson was completed."""
        r = self.r
        n = len(steps)
        for i in range(start, n):
            step, kind = steps[i]
            if r.random() < 0.04:
                return i  # left the kiosk on this step
            wrong = 0
            if kind != "read":
                while r.random() < hint_p and wrong < 4:
                    self.add(sid, lid, lang, lesson, step, i, n, kind, False, wrong >= 2)
                    wrong += 1
            self.add(sid, lid, lang, lesson, step, i, n, kind, True, wrong >= 2)
        self.add(sid, lid, lang, lesson, "", n, n, "complete", True, False, complete=True)
        return None

    def add(self, sid, lid, lang, lesson, step, i, n, kind, ok, hint, complete=False):
        r = self.r
        self.t += r.randrange(4000, 90000)
        if complete or kind == "read":
            answer = None
        elif kind == "choose":
            answer = str(r.randrange(1, 4))
        elif kind == "practice":
            answer = r.choice(["Търси", "Изпрати", "Напред", "Знайти"])
        else:
            answer = r.choice(TYPED)
        self.events.append([len(self.events) + 1, sid, lid, lang, lesson, step, i, n, kind,
                            answer, int(ok), int(hint), iso(self.t), None,
                            int(kind == "practice" and r.random() < 0.1)])

    def learner(self):
        r = self.r
        lid = len(self.learners) + 1
        name = (ODD_NAMES[lid % len(ODD_NAMES)] if lid % 13 == 4 else
                "%s %d" % (r.choice(NAMES), lid))
        lang = r.choice(sorted(self.sets))
        # Learners come over a year, so periods (--since, --until) cut through their visits.
        self.t = self.base + r.randrange(365 * 86400000)
        self.learners.append([lid, name, iso(self.t), name.lower(), None])
        lessons = self.sets[lang]
        hint_p = r.uniform(0.1, 0.45)
        budget = r.randrange(100, 300)
        first = len(self.events)
        pos, step = 0, 0
        while len(self.events) - first < budget and len(self.events) < self.total:
            self.t += r.randrange(3600000, 5 * 86400000)
            sid = len(self.sessions) + 1
            self.sessions.append([sid, lid, lang, iso(self.t), None])
            for _ in range(r.randrange(1, 4)):
                lesson, steps = lessons[pos % len(lessons)]
                got = self.step_events(sid, lid, lang, lesson, steps, step, hint_p)
                if got is None:
                    pos += 1 if r.random() < 0.85 else 0  # some repeat a lesson
                    step = 0
                else:
                    step = got
                    break
            self.sessions[-1][4] = iso(self.t + 1000)
        if lid % 17 == 3 and len(self.events) > first:
            self.reset(lid, first)
        if lid % 19 == 5:
            self.remove(lid, first)

    def reset(self, lid, first):
        lesson = self.events[first][4]
        rid = len(self.resets) + 1
        self.resets.append([rid, lid, lesson, iso(self.t), "trainer"])
        for e in self.events[first:]:
            if e[4] == lesson and e[13] is None:
                e[13] = rid

    def remove(self, lid, first):
        l = self.learners[lid - 1]
        l[1], l[3], l[4] = "", None, iso(self.t)
        for e in self.events[first:]:
            if e[8] == "type":
                e[9] = None

    def run(self):
        while len(self.events) < self.total:
            self.learner()


def main():
    kiosk, lessons, out, total = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    seed = int(sys.argv[5]) if len(sys.argv) > 5 else 1
    for ext in ("", "-wal", "-shm"):
        if os.path.exists(out + ext):
            os.unlink(out + ext)
    subprocess.run([kiosk, "learners", "--db", out], check=True, stdout=subprocess.DEVNULL,
                   env=dict(os.environ, LANGUAGE="en"))
    g = Gen(read_lessons(lessons), total, seed)
    db = sqlite3.connect(out, isolation_level=None)
    db.execute("PRAGMA synchronous = OFF")
    db.execute("BEGIN")
    db.execute("UPDATE meta SET value = ? WHERE key = 'kiosk_id'",
               ("%032x" % random.Random(seed * 7919).getrandbits(128),))
    # In chunks, so that 10M events never sit in memory at once.
    chunk = 200000
    g.total = min(total, chunk)
    done_events = 0
    while True:
        g.run()
        db.executemany("INSERT INTO learners(id, name, created_at, name_key, removed_at)"
                       " VALUES (?,?,?,?,?)", g.learners[len_l(g):])
        db.executemany("INSERT INTO sessions(id, learner_id, lang, started_at, ended_at)"
                       " VALUES (?,?,?,?,?)", g.sessions[len_s(g):])
        db.executemany("INSERT INTO resets VALUES (?,?,?,?,?)", g.resets[len_r(g):])
        db.executemany("INSERT INTO events(id, session_id, learner_id, lang, lesson_id,"
                       " step_id, step_index, step_count, kind, answer, correct, hint_shown,"
                       " at, reset_id, show_me) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                       [[e[0] + done_events] + e[1:] for e in g.events])
        done_events += len(g.events)
        g.mark = (len(g.learners), len(g.sessions), len(g.resets))
        if done_events >= total:
            break
        # Ids keep counting from where the last chunk ended; the events themselves go.
        g.events = []
        g.total = min(total - done_events, chunk)
    db.execute("COMMIT")
    db.close()


def len_l(g):
    return getattr(g, "mark", (0, 0, 0))[0]


def len_s(g):
    return getattr(g, "mark", (0, 0, 0))[1]


def len_r(g):
    return getattr(g, "mark", (0, 0, 0))[2]


if __name__ == "__main__":
    main()
