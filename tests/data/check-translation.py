#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Keeps every translation complete and every user-visible string translatable.

Usage: check-translation.py SRCDIR [--app BUILT-APP --localedir BUILDDIR/po]

Speaks TAP.  For each po/LINGUAS language it regenerates the template from
po/POTFILES.in with xgettext into a temporary directory and fails on:
  - a msgid of the template that the catalogue lacks,
  - an untranslated or fuzzy entry,
  - a msgstr whose printf conversions (%s, %u, %1$s, …) differ from its msgid's,
  - a mnemonic underscore in the msgid but not (exactly once) in the msgstr,
  - a `msgfmt --check` failure.
It also fails on a user-visible property in resources/**/*.ui without
translatable="yes", and on a .ui or C file with translatable strings that
po/POTFILES.in does not list.  Given the built app, it checks that its --help
comes out translated with the catalogue of the build tree, as build-aux/run
runs it.  Shares Tap, run and the POTFILES helpers with check-data.py.
"""

import argparse
import importlib.util
import os
import re
import sys
import tempfile
import xml.etree.ElementTree as ET

_spec = importlib.util.spec_from_file_location(
    "check_data", os.path.join(os.path.dirname(os.path.abspath(__file__)), "check-data.py"))
check_data = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_data)
Tap, run, require_tool = check_data.Tap, check_data.run, check_data.require_tool

# The keywords of meson's i18n.gettext(preset: 'glib') and po/meson.build's args.
XGETTEXT_ARGS = [
    "--from-code=UTF-8", "--add-comments",
    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format", "--flag=NC_:2:pass-c-format",
    "--flag=g_dngettext:2:pass-c-format", "--flag=g_strdup_printf:1:c-format",
    "--flag=g_string_printf:2:c-format", "--flag=g_string_append_printf:2:c-format",
    "--flag=g_error_new:3:c-format", "--flag=g_set_error:4:c-format",
    # and the one of po/meson.build
    "--keyword=NP_:1,2",
]

# GtkBuilder properties a person reads or hears.
VISIBLE_PROPERTIES = {"label", "title", "tooltip-text", "placeholder-text",
                      "description", "subtitle"}
# (file, property, text) that are shown but not words of any language.
# Add an entry only with the reason next to it.
NOT_TRANSLATED = set()

PRINTF = re.compile(r"%(?:(\d+)\$)?([-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?"
                    r"(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcsp%])")
MNEMONIC = re.compile(r"_(?=\w)")
# What check_data.needs_translation does not look for: plural forms.
PLURAL_MARK = re.compile(r'(?<![A-Za-z0-9_])(?:ngettext|g_dngettext|NP_)\s*\(')


# --------------------------------------------------------------- PO parsing

def unquote(s):
    s = s.strip()
    assert s.startswith('"') and s.endswith('"'), s
    s = s[1:-1]
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}
    return re.sub(r'\\(.)', lambda m: escapes.get(m.group(1), "\\" + m.group(1)), s)


def read_po(path):
    """Entries of a PO file as dicts: ctxt, id, plural, strs ({index: msgstr}), fuzzy."""
    entries, cur, field = [], None, None

    def flush():
        if cur is not None and "id" in cur:
            entries.append(cur)

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#~") or not line.strip():
                continue
            if line.startswith("#"):
                if cur is not None and "id" in cur:
                    flush()
                    cur = None
                if cur is None:
                    cur = {"ctxt": None, "plural": None, "strs": {}, "fuzzy": False}
                if line.startswith("#,") and "fuzzy" in line:
                    cur["fuzzy"] = True
                continue
            m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$', line)
            if m:
                key, index, value = m.group(1), m.group(2), unquote(m.group(3))
                if key in ("msgctxt", "msgid") and cur is not None and "id" in cur:
                    flush()
                    cur = None
                if cur is None:
                    cur = {"ctxt": None, "plural": None, "strs": {}, "fuzzy": False}
                if key == "msgctxt":
                    field = ("ctxt",)
                elif key == "msgid":
                    field = ("id",)
                elif key == "msgid_plural":
                    field = ("plural",)
                else:
                    field = ("strs", int(index or 0))
                set_field(cur, field, value)
            elif line.startswith('"') and cur is not None and field is not None:
                set_field(cur, field, get_field(cur, field) + unquote(line))
    flush()
    return entries


def get_field(entry, field):
    return entry["strs"][field[1]] if field[0] == "strs" else entry[field[0]]


def set_field(entry, field, value):
    if field[0] == "strs":
        entry["strs"][field[1]] = value
    else:
        entry[field[0]] = value


def key_of(entry):
    return (entry["ctxt"], entry["id"], entry["plural"])


def label_of(entry):
    ctxt = f"[{entry['ctxt']}] " if entry["ctxt"] else ""
    return ctxt + repr(entry["id"])


def conversions(text):
    """The printf conversions of TEXT as a sorted list: argument positions
    (%1$s) dropped, %% left out."""
    return sorted(m.group(2) for m in PRINTF.finditer(text) if m.group(2) != "%")


# ----------------------------------------------------------------- checks

def check_catalogue(tap, srcdir, pot_entries, lang):
    po_path = os.path.join(srcdir, "po", f"{lang}.po")
    if not tap.check(os.path.isfile(po_path), f"po/{lang}.po exists"):
        return
    entries = read_po(po_path)
    header = next((e for e in entries if e["id"] == ""), None)
    header_text = header["strs"].get(0, "") if header else ""
    tap.check(f"Language: {lang}\n" in header_text, f"{lang}.po names its language")
    tap.check("Plural-Forms:" in header_text, f"{lang}.po has Plural-Forms")
    by_key = {key_of(e): e for e in entries if e["id"]}

    missing = [label_of(e) for e in pot_entries if key_of(e) not in by_key]
    tap.check(not missing, f"{lang}.po has every msgid of the template",
              f"{len(missing)} missing (run `meson compile -C BUILDDIR interview-kit-update-po` "
              "and translate them):\n" + "\n".join(missing[:40]))

    live = [by_key[key_of(e)] for e in pot_entries if key_of(e) in by_key]
    untranslated = [label_of(e) for e in live
                    if not e["strs"] or any(not s for s in e["strs"].values())]
    tap.check(not untranslated, f"{lang}.po has no untranslated entry",
              "\n".join(untranslated[:40]))
    fuzzy = [label_of(e) for e in live if e["fuzzy"]]
    tap.check(not fuzzy, f"{lang}.po has no fuzzy entry", "\n".join(fuzzy[:40]))

    mismatched, mnemonics = [], []
    for e in live:
        for index, text in sorted(e["strs"].items()):
            if not text:
                continue
            source = e["plural"] if (e["plural"] and index > 0) else e["id"]
            if conversions(source) != conversions(text):
                mismatched.append(f"{label_of(e)} -> {text!r}")
            if len(MNEMONIC.findall(source)) == 1 and source.count("_") == 1 \
                    and len(MNEMONIC.findall(text)) != 1:
                mnemonics.append(f"{label_of(e)} -> {text!r}")
    tap.check(not mismatched, f"{lang}.po keeps the printf conversions of every msgid",
              "\n".join(mismatched))
    tap.check(not mnemonics, f"{lang}.po keeps one mnemonic underscore where the msgid has one",
              "\n".join(mnemonics))

    msgfmt = require_tool(tap, "msgfmt")
    if msgfmt:
        res = run([msgfmt, "--check", "--check-accelerators=_", "--statistics",
                   "--output-file", os.devnull, po_path])
        tap.check(res.returncode == 0, f"msgfmt --check accepts {lang}.po", res.stdout)


def check_ui_files(tap, srcdir):
    unmarked = []
    for dirpath, _dirs, files in os.walk(os.path.join(srcdir, "resources")):
        for name in sorted(files):
            if not name.endswith(".ui"):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, srcdir)
            for node in ET.parse(path).iter():
                if node.tag not in ("property", "attribute"):
                    continue
                prop = node.get("name")
                text = (node.text or "").strip()
                if prop not in VISIBLE_PROPERTIES or not text or node.get("bind-source"):
                    continue
                if node.tag == "attribute" and prop != "label":
                    continue
                if node.get("translatable") in ("yes", "true", "1"):
                    continue
                if (rel, prop, text) in NOT_TRANSLATED:
                    continue
                unmarked.append(f'{rel}: <{node.tag} name="{prop}">{text}</{node.tag}>')
    tap.check(not unmarked, 'every visible .ui property is translatable="yes"',
              "\n".join(unmarked))


def read_text(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def check_potfiles(tap, srcdir):
    potfiles = os.path.join(srcdir, "po", "POTFILES.in")
    listed = set(check_data.read_potfiles(potfiles))
    needed = set()
    for top, exts in (("src", (".c",)), ("resources", (".ui",))):
        for dirpath, _dirs, files in os.walk(os.path.join(srcdir, top)):
            for name in files:
                path = os.path.join(dirpath, name)
                if name.endswith(exts) and (check_data.needs_translation(path)
                                            or PLURAL_MARK.search(read_text(path))):
                    needed.add(os.path.relpath(path, srcdir))
    unlisted = sorted(needed - listed)
    tap.check(not unlisted, "every .ui and C file with translatable strings is in POTFILES.in",
              "\n".join(unlisted))
    return potfiles


def check_runtime(tap, app, localedir, lang, entries):
    """The app's --help, run as build-aux/run does, speaks LANG."""
    probe = "Show the version and exit"
    wanted = next((e["strs"].get(0) for e in entries if e["id"] == probe), None)
    if not tap.check(bool(wanted), f"{lang}.po translates {probe!r}"):
        return
    env = dict(os.environ, LANGUAGE=lang, LC_ALL="C.UTF-8", INTERVIEW_KIT_LOCALEDIR=localedir)
    res = run([app, "--help-all"], env=env)
    tap.check(res.returncode == 0 and wanted in res.stdout,
              f"LANGUAGE={lang} shows the app's --help in that language from {localedir}",
              f"exit status {res.returncode}; expected {wanted!r} in:\n{res.stdout}")


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("srcdir")
    parser.add_argument("--app", help="the built interview-kit, to check it runs translated")
    parser.add_argument("--localedir", help="<builddir>/po, where meson compiles the catalogues")
    args = parser.parse_args()
    srcdir = args.srcdir
    tap = Tap()
    try:
        check_ui_files(tap, srcdir)
        potfiles = check_potfiles(tap, srcdir)
        xgettext = require_tool(tap, "xgettext")
        with open(os.path.join(srcdir, "po", "LINGUAS"), encoding="utf-8") as f:
            languages = [w for line in f if not line.startswith("#") for w in line.split()]
        tap.check("de" in languages, "po/LINGUAS lists de", f"LINGUAS: {languages!r}")
        if xgettext:
            with tempfile.TemporaryDirectory() as tmp:
                pot = os.path.join(tmp, "interview-kit.pot")
                res = run([xgettext] + XGETTEXT_ARGS +
                          ["--directory", srcdir, "--files-from", potfiles, "--output", pot])
                if tap.check(res.returncode == 0 and os.path.isfile(pot),
                             "xgettext regenerates the template", res.stdout):
                    pot_entries = [e for e in read_po(pot) if e["id"]]
                    tap.check(len(pot_entries) > 100, "the template holds the app's strings",
                              f"{len(pot_entries)} entries")
                    for lang in languages:
                        check_catalogue(tap, srcdir, pot_entries, lang)
        if args.app and args.localedir:
            for lang in languages:
                po_path = os.path.join(srcdir, "po", f"{lang}.po")
                if os.path.isfile(po_path):
                    check_runtime(tap, args.app, args.localedir, lang, read_po(po_path))
    except Exception as e:  # report as a TAP failure instead of a bare traceback
        tap.check(False, "translation check ran to completion", repr(e))
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
