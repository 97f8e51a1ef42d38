"""Checks for tests/e2e/export_xlsx.sh (run with Debian's /usr/bin/python3, which has openpyxl).

  xlsx_check.py sheet FILE.xlsx SHEET_INDEX FILE.csv TZ HEADING SHEET_NAME
      the sheet holds what the CSV file holds: the CSV's header as its second row, HEADING
      (in the command's language) first in row 1, both rows frozen; number cells equal to the
      CSV's figures, rates shown as percentages, times as date cells in local time (TZ),
      booleans as booleans, empty CSV fields as empty cells, text as text.
  xlsx_check.py lo-xlsx SHOWN.csv FILE.csv TZ
      a CSV file LibreOffice wrote from the workbook (cells as shown, Ukrainian locale, ';'):
      rates are percentages with a decimal comma (number cells), times the local times.
  xlsx_check.py lo-csv SHOWN.csv FILE.csv
      a CSV file LibreOffice wrote from the kiosk's CSV imported with the README's settings:
      every figure with decimals reads as a number (shown with a decimal comma).
  xlsx_check.py lo-csv-text SHOWN.csv FILE.csv
      the same imported without them: no decimal became its number (they stay text, or
      even turn into dates: "1.06" reads as 1 June): the problem the settings solve.
Exits 1 with the first difference on stderr.
"""
import csv
import datetime
import re
import sys
from zoneinfo import ZoneInfo

NUMBERS = {
    "learners_started", "learners_completed", "completion_rate", "median_minutes_to_complete",
    "steps", "avg_attempts_per_step", "step_index", "attempts", "first_try_success_rate",
    "hint_rate", "learners_reached", "learners_stopped_here", "lessons_started",
    "lessons_completed", "minutes_spent", "session",
}
TIMES = {"first_seen", "last_seen", "at"}
BOOLS = {"correct", "hint_shown", "show_me", "before_reset"}


def fail(msg):
    sys.stderr.write(msg + "\n")
    sys.exit(1)


def read_csv(path, delimiter=","):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f, delimiter=delimiter))


def local(text, tz):
    utc = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return utc.astimezone(ZoneInfo(tz)).replace(tzinfo=None)


def check_cell(name, cell, text, tz, where):
    v = cell.value
    if text == "":
        if v is not None:
            fail(f"{where}: want an empty cell, got {v!r}")
    elif name in TIMES:
        if not cell.is_date or not isinstance(v, datetime.datetime):
            fail(f"{where}: want a date cell, got {v!r} ({cell.data_type})")
        if abs(v - local(text, tz)) > datetime.timedelta(milliseconds=1):
            fail(f"{where}: want {local(text, tz)} ({text} in {tz}), got {v}")
    elif name in BOOLS:
        if cell.data_type != "b" or v != (text == "true"):
            fail(f"{where}: want boolean {text}, got {v!r} ({cell.data_type})")
    elif name in NUMBERS:
        if cell.data_type != "n" or isinstance(v, bool) or not isinstance(v, (int, float)):
            fail(f"{where}: want a number cell, got {v!r} ({cell.data_type})")
        if v != float(text):
            fail(f"{where}: want {text} as in the CSV file, got {v!r}")
        if name.endswith("_rate") != ("%" in cell.number_format):
            fail(f"{where}: number format {cell.number_format!r}")
    else:
        want = text[1:] if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@") else text
        if cell.data_type != "s" or v != want:
            fail(f"{where}: want text {want!r}, got {v!r} ({cell.data_type})")


def sheet(path, index, csv_path, tz, heading, sheet_name):
    import openpyxl

    ws = openpyxl.load_workbook(path).worksheets[int(index)]
    rows = read_csv(csv_path)
    header = rows[0]
    if ws.title != sheet_name:
        fail(f"sheet name {ws.title!r}, want {sheet_name!r}")
    if ws.freeze_panes != "A3":
        fail(f"frozen at {ws.freeze_panes}, want the two header rows (A3)")
    if [c.value for c in ws[2]] != header:
        fail(f"row 2 {[c.value for c in ws[2]]} is not the CSV header {header}")
    headings = [c.value for c in ws[1]]
    if headings[0] != heading or any(not h or h == e for h, e in zip(headings, header)):
        fail(f"row 1 is not translated headings: {headings}")
    if ws.max_row != len(rows) + 1:
        fail(f"{ws.max_row - 2} data rows, the CSV file has {len(rows) - 1}")
    for letter, name in zip("ABCDEFGHIJKLMNOP", header):
        if name in ("lesson_title", "step_text", "kiosk_name", "kiosk_id") and \
           (ws.column_dimensions[letter].width or 0) < 25:
            fail(f"column {name} is too narrow")
    for r, (xrow, crow) in enumerate(zip(ws.iter_rows(min_row=3), rows[1:]), start=3):
        for name, cell, text in zip(header, xrow, crow):
            check_cell(name, cell, text, tz, f"{ws.title} row {r} {name}")


def lo_xlsx(shown_path, csv_path, tz):
    shown = read_csv(shown_path, ";")
    rows = read_csv(csv_path)
    header = rows[0]
    if shown[1] != header:
        fail(f"row 2 as LibreOffice shows it: {shown[1]}")
    for r, (srow, crow) in enumerate(zip(shown[2:], rows[1:]), start=3):
        for name, s, text in zip(header, srow, crow):
            where = f"row {r} {name}: {s!r}"
            if text == "":
                continue
            if name.endswith("_rate"):
                m = re.fullmatch(r"(\d+),(\d)%", s)
                if not m or abs(float(f"{m[1]}.{m[2]}") - 100 * float(text)) > 0.051:
                    fail(f"{where} is not the rate {text} as a Ukrainian percentage")
            elif name in TIMES:
                if s != local(text, tz).strftime("%Y-%m-%d %H:%M:%S"):
                    fail(f"{where} is not {text} in local time")
            elif name in NUMBERS and "." in text:
                m = re.fullmatch(r"-?\d+,(\d+)", s)
                if not m or abs(float(s.replace(",", ".")) - float(text)) > \
                        0.5 * 10 ** -len(m[1]) + 1e-9:
                    fail(f"{where} is not {text} shown with a decimal comma")


def decimals(csv_path):
    rows = read_csv(csv_path)
    header = rows[0]
    for r, row in enumerate(rows[1:], start=2):
        for i, (name, text) in enumerate(zip(header, row)):
            if name in NUMBERS and "." in text:
                yield r, i, name, text


def lo_csv(shown_path, csv_path, as_numbers):
    shown = read_csv(shown_path, ";")
    found = 0
    for r, i, name, text in decimals(csv_path):
        s = shown[r - 1][i]
        found += 1
        if as_numbers and s != text.replace(".", ","):
            fail(f"row {r} {name}: {s!r} is not the number {text} (decimal comma)")
        if not as_numbers and s == text.replace(".", ","):
            fail(f"row {r} {name}: {s!r}: the control import read {text} as a number")
    if found == 0:
        fail("no figure with decimals to check")


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "sheet":
        sheet(*args)
    elif cmd == "lo-xlsx":
        lo_xlsx(*args)
    elif cmd == "lo-csv":
        lo_csv(*args, as_numbers=True)
    elif cmd == "lo-csv-text":
        lo_csv(*args, as_numbers=False)
    else:
        fail(f"unknown check {cmd}")
