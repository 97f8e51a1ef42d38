#!/usr/bin/env python3
"""Checks a page of `kiosk export --format html` against the CSV reports of the same databases.

Usage: html_check.py KIOSK PAGE LESSONS [export options: --db X ... --since ... --lang ...]

Parses the page with html.parser and fails (exit 1, the reason on stderr) when:
  - it has a script, an external resource or any URL (href, src, url(), http:, //...);
  - a learner's name or a typed answer of the databases appears in it;
  - a figure differs from the CSV reports made with the same options: every cell of the lessons
    and steps tables (data-col, data-value) against `kiosk export --report lessons|steps`;
    learners = the learners report's rows; lessons completed = the sum of learners_completed;
    each period's learners and completions = those reports run with --since/--until set to
    the period; each kiosk's row = those reports on its database alone; sessions and the
    median minutes to complete, which no CSV report has, against SQL over the databases
    computed here from the README's definitions.
Prints a summary line on success."""
import csv
import datetime
import html.parser
import io
import re
import sqlite3
import statistics
import subprocess
import sys

KIOSK, PAGE, LESSONS = sys.argv[1:4]
OPTS = sys.argv[4:]


def fail(msg):
    sys.stderr.write("html_check: %s\n" % msg)
    sys.exit(1)


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.urls, self.text = [], [], []
        self.figures = {}        # data-figure -> data-value
        self.rows = []           # (table, row attrs, {data-col: data-value})
        self.table = None
        self.row = None
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        for k, v in attrs:
            if k in ("href", "src", "xlink:href", "action", "srcset", "poster", "data") or \
                    (v and re.search(r"(https?:|//|url\()", v)):
                self.urls.append((tag, k, v))
        if tag == "style":
            self.in_style = True
        if "data-figure" in a:
            self.figures[a["data-figure"]] = a.get("data-value")
        if tag == "table":
            self.table = a.get("data-table")
        if tag == "tr" and self.table and ("data-lesson" in a or "data-period" in a or
                                            "data-kiosk" in a):
            self.row = (self.table, a, {})
            self.rows.append(self.row)
        if tag == "td" and self.row and "data-col" in a:
            self.row[2][a["data-col"]] = a["data-value"]

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False
        if tag == "tr":
            self.row = None
        if tag == "table":
            self.table = None

    def handle_data(self, data):
        if self.in_style and re.search(r"(url\(|@import|https?:)", data):
            self.urls.append(("style", "", data))
        self.text.append(data)


def export(report, opts):
    out = subprocess.run([KIOSK, "export", "--lessons", LESSONS, "--report", report] + opts,
                         capture_output=True, text=True)
    if out.returncode != 0:
        fail("kiosk export %s failed: %s" % (report, out.stderr))
    return list(csv.DictReader(io.StringIO(out.stdout)))


def opt_values(name, opts):
    return [opts[i + 1] for i, o in enumerate(opts) if o == name]


def ms_of(arg, end):
    """--since/--until as the kiosk reads them (a date alone, or an ISO time in UTC)."""
    if re.fullmatch(r"\d{4}-\d\d-\d\d", arg):
        d = datetime.datetime.strptime(arg, "%Y-%m-%d").replace(tzinfo=datetime.timezone.utc)
        ms = int(d.timestamp() * 1000)
        return ms + 86400000 - 1 if end else ms
    return int(datetime.datetime.fromisoformat(arg.replace("Z", "+00:00")).timestamp() * 1000)


def iso_ms(ms):
    return datetime.datetime.fromtimestamp(ms / 1000, datetime.timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def db_events(path):
    con = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    rows = con.execute("SELECT learner_id, lesson_id, lang, session_id, kind, reset_id, at, id "
                       "FROM events ORDER BY learner_id, lesson_id, id").fetchall()
    names = [r[0] for r in con.execute("SELECT name FROM learners WHERE name IS NOT NULL")]
    answers = [r[0] for r in con.execute("SELECT DISTINCT answer FROM events "
                                         "WHERE answer IS NOT NULL")]
    con.close()
    return rows, names, answers


def at_ms(text):
    return int(datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000)


def sql_figures(dbs, since, until, lang):
    """Sessions and every completion's minutes, from the README's definitions."""
    sessions, minutes = 0, []
    for path in dbs:
        rows, _, _ = db_events(path)
        seen = set()
        prev, start = None, None
        for learner, lesson, lg, session, kind, reset, at, _ in rows:
            t = at_ms(at)
            # A run starts at the first event, after a complete event, where reset_id changes.
            if prev is None or prev[:2] != (learner, lesson) or prev[2] == "complete" or \
                    prev[3] != reset:
                start = t
            prev = (learner, lesson, kind, reset)
            if not ((since is None or t >= since) and (until is None or t <= until) and
                    (lang is None or lg == lang)):
                continue
            seen.add(session)
            if kind == "complete":
                minutes.append(max(t - start, 0) / 60000.0)
        sessions += len(seen)
    return sessions, minutes


def same(a, b, what):
    if a != b:
        fail("%s: page %r, CSV %r" % (what, a, b))


def totals(opts):
    learners = len(export("learners", opts))
    completed = sum(int(r["learners_completed"]) for r in export("lessons", opts))
    return learners, completed


def main():
    p = Page()
    p.feed(open(PAGE, encoding="utf-8").read())
    bad = [t for t in p.tags if t in ("script", "link", "img", "iframe", "object", "embed",
                                      "base", "form", "audio", "video", "source")]
    if bad:
        fail("elements that run or fetch something: %s" % bad)
    if p.urls:
        fail("external references: %s" % p.urls[:3])
    text = "".join(p.text)
    page_src = open(PAGE, encoding="utf-8").read()
    dbs = opt_values("--db", OPTS)
    lesson_text = subprocess.run(["sh", "-c", 'cat "$1"/*/*.lesson', "_", LESSONS],
                                 capture_output=True, text=True).stdout
    for path in dbs:
        _, names, answers = db_events(path)
        for n in names:
            if n and n in text:
                fail("a learner's name is in the page: %r" % n)
        for a in answers:
            if a and len(a) >= 3 and a not in lesson_text and a in page_src:
                fail("a typed answer is in the page: %r" % a)

    lessons = export("lessons", OPTS)
    steps = export("steps", OPTS)
    rows = {("lessons", r["lesson_id"], r["language"]): r for r in lessons}
    rows.update({("steps", r["lesson_id"], r["language"], r["step_id"]): r for r in steps})
    page_lessons = [r for r in p.rows if r[0] == "lessons"]
    page_steps = [r for r in p.rows if r[0] == "steps"]
    same(len(page_lessons), len(lessons), "lesson rows")
    cells = 0
    for table, a, cols in page_lessons + page_steps:
        key = (table, a["data-lesson"], a["data-lang"]) + \
            ((a["data-step"],) if table == "steps" else ())
        csvrow = rows.get(key)
        if csvrow is None:
            fail("a row the CSV report does not have: %s" % (key,))
        for col, v in cols.items():
            same(v, csvrow[col], "%s %s" % (key, col))
            cells += 1
    started = {(r["lesson_id"], r["language"]) for r in lessons if int(r["learners_started"])}
    funnels = {(r["lesson_id"], r["language"]) for r in steps} & started
    same(len(page_steps), sum(1 for r in steps if (r["lesson_id"], r["language"]) in funnels),
         "step rows of the lessons started")

    learners, completed = totals(OPTS)
    same(p.figures.get("learners"), str(learners), "learners")
    same(p.figures.get("lessons_completed"), str(completed), "lessons completed")
    since = opt_values("--since", OPTS)
    until = opt_values("--until", OPTS)
    lang = opt_values("--lang", OPTS)
    s_ms = ms_of(since[0], False) if since else None
    u_ms = ms_of(until[0], True) if until else None
    sessions, minutes = sql_figures(dbs, s_ms, u_ms, lang[0] if lang else None)
    same(p.figures.get("sessions"), str(sessions), "sessions")
    med = p.figures.get("median_minutes_to_complete")
    if minutes:
        if med is None or abs(float(med) - statistics.median(minutes)) > 1e-4:
            fail("median minutes: page %s, SQL %s" % (med, statistics.median(minutes)))
    elif med not in ("", None):
        fail("a median of nothing: %r" % med)
    same(p.figures.get("kiosks"), str(len(dbs)), "kiosks")

    base = [o for i, o in enumerate(OPTS) if o not in ("--since", "--until") and
            (i == 0 or OPTS[i - 1] not in ("--since", "--until"))]
    periods = [r for r in p.rows if r[0] == "periods"]
    if learners and not periods:
        fail("no time chart")
    for i, (_, a, cols) in enumerate(periods):
        start = ms_of(a["data-period"], False)
        if i + 1 < len(periods):
            end = ms_of(periods[i + 1][1]["data-period"], False) - 1
        elif a["data-kind"] == "week":
            end = start + 7 * 86400000 - 1
        else:
            d = datetime.date.fromisoformat(a["data-period"])
            nxt = datetime.date(d.year + d.month // 12, d.month % 12 + 1, 1)
            end = ms_of(nxt.isoformat(), False) - 1
        lo = max(start, s_ms) if s_ms is not None else start
        hi = min(end, u_ms) if u_ms is not None else end
        pl, pc = totals(base + ["--since", iso_ms(lo), "--until", iso_ms(hi)])
        same(cols["learners"], str(pl), "learners in the period from %s" % a["data-period"])
        same(cols["lessons_completed"], str(pc), "completions in the period from %s" %
             a["data-period"])
    kiosks = [r for r in p.rows if r[0] == "kiosks"]
    if len(dbs) > 1:
        same(len(kiosks), len(dbs), "kiosk rows")
        for (_, a, cols), path in zip(kiosks, dbs):
            one = [o for i, o in enumerate(OPTS) if o != "--db" and
                   (i == 0 or OPTS[i - 1] != "--db")] + ["--db", path]
            kl, kc = totals(one)
            ks, _ = sql_figures([path], s_ms, u_ms, lang[0] if lang else None)
            same(cols["learners"], str(kl), "learners of kiosk %s" % a["data-kiosk"])
            same(cols["lessons_completed"], str(kc), "completions of kiosk %s" % a["data-kiosk"])
            same(cols["sessions"], str(ks), "sessions of kiosk %s" % a["data-kiosk"])
    print("page ok: %d table cells, %d periods, %d kiosks, %d learners, %d completions" %
          (cells, len(periods), len(kiosks), learners, completed))


main()
