#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts individual test cases in meson's testlog.json.

TAP programs count one per "ok"/"not ok" line; a program that crashed or
timed out after its last reported case counts one more failure; programs
with exit-code protocol count as one case each. Further arguments are TAP
files (build-aux/fuzz's, one line per fuzz target); one without its plan
line did not finish and counts one failure. Prints "N passed, N failed".
"""
import json
import re
import sys

passed = failed = skipped = 0
with open(sys.argv[1], encoding="utf-8") as log:
    for line in log:
        line = line.strip()
        if not line:
            continue
        entry = json.loads(line)
        result = entry.get("result", "")
        out = entry.get("stdout") or ""
        cases = 0
        case_failures = 0
        if entry.get("protocol") == "tap" or re.search(r"^1\.\.\d+", out, re.M):
            for tap in out.splitlines():
                m = re.match(r"^(not ok|ok)\b(.*)$", tap)
                if not m:
                    continue
                cases += 1
                directive = m.group(2)
                if re.search(r"#\s*SKIP", directive, re.I):
                    skipped += 1
                elif m.group(1) == "ok" or re.search(r"#\s*TODO", directive, re.I):
                    passed += 1
                else:
                    failed += 1
                    case_failures += 1
        if cases == 0:
            if result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif result == "SKIP":
                skipped += 1
            else:
                failed += 1
        elif result not in ("OK", "EXPECTEDFAIL", "SKIP") and case_failures == 0:
            # Crashed, timed out or exited non-zero after its last case.
            failed += 1

for tap_path in sys.argv[2:]:
    try:
        with open(tap_path, encoding="utf-8") as tap_file:
            tap_lines = tap_file.read().splitlines()
    except OSError:
        tap_lines = []
    for tap in tap_lines:
        if tap.startswith("not ok"):
            failed += 1
        elif tap.startswith("ok"):
            passed += 1
    if not any(re.match(r"^1\.\.\d+", tap) for tap in tap_lines):
        failed += 1

# The last line of a run is exactly "N passed, N failed" (CI reads it);
# skipped cases are said before it.
if skipped:
    print(f"{skipped} skipped", file=sys.stderr)
    sys.stderr.flush()
print(f"{passed} passed, {failed} failed")
