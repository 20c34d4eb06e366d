#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The layers of README's "Code map", checked on the source tree (TAP).

- src/model, src/store, src/interchange and src/team (the ik-model library)
  include nothing of GTK or libadwaita;
- src/ui does no file work: it includes no JSON or file-store header and
  calls no blocking file read or write; files go through the model's async
  functions.

Usage: check-layers.py SRCDIR
"""
import os
import re
import sys

MODEL_DIRS = ("model", "store", "interchange", "team")
MODEL_GTK = re.compile(r'#\s*include\s*[<"](gtk/|adwaita\.h|gdk/)')
UI_HEADERS = re.compile(r'#\s*include\s*[<"](ik-json\.h|ik-json-private\.h|ik-file-store\.h|'
                        r'ik-file-store-private\.h|json-glib/)')
UI_CALLS = re.compile(r'\b(g_file_get_contents|g_file_set_contents|g_file_load_contents|'
                      r'g_file_replace_contents|g_file_replace|g_file_read|fopen|open)\s*\(')


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def ui_parts(src):
    """The files of src/interchange that src/interchange/meson.build puts in
    ik-ui (`ik_ui_sources += files(...)`: the PDF writers), with their
    headers."""
    text = open(os.path.join(src, "interchange", "meson.build"), encoding="utf-8").read()
    names = set()
    for block in re.findall(r"ik_ui_sources\s*\+=\s*files\((.*?)\)", text, flags=re.S):
        for name in re.findall(r"'([^']+\.c)'", block):
            names.add(name)
            names.add(name[:-2] + ".h")
    return {os.path.join(src, "interchange", name) for name in names}


def sources(root):
    for folder, _dirs, files in os.walk(root):
        for name in sorted(files):
            if name.endswith((".c", ".h")):
                yield os.path.join(folder, name)


def main():
    src = os.path.join(sys.argv[1], "src")
    checks = []

    problems = []
    exempt = ui_parts(src)
    for layer in MODEL_DIRS:
        for path in sources(os.path.join(src, layer)):
            if path in exempt:
                continue
            text = strip_comments(open(path, encoding="utf-8").read())
            for number, line in enumerate(text.splitlines(), 1):
                if MODEL_GTK.search(line):
                    problems.append(f"{os.path.relpath(path, src)}:{number}: {line.strip()}")
    checks.append(("the model layers include nothing of GTK or libadwaita", problems))

    problems = []
    for path in sources(os.path.join(src, "ui")):
        text = strip_comments(open(path, encoding="utf-8").read())
        for number, line in enumerate(text.splitlines(), 1):
            if UI_HEADERS.search(line) or UI_CALLS.search(line):
                problems.append(f"{os.path.relpath(path, src)}:{number}: {line.strip()}")
    checks.append(("src/ui includes no JSON or file-store header and does no blocking file I/O", problems))

    failed = 0
    for number, (title, found) in enumerate(checks, 1):
        if found:
            failed += 1
            print(f"not ok {number} - {title}")
            for problem in found:
                print(f"# {problem}")
        else:
            print(f"ok {number} - {title}")
    print(f"1..{len(checks)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
