#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Validators for the files Interview Kit installs, and for the team folder's
files it writes against their JSON Schemas (meson suite "data").

Usage: check-data.py CHECK [ARGS...]; every check prints TAP.  Run
"check-data.py --help" for the list of checks and their arguments.  A
missing validator program is a failure with a message naming the program
and the Debian package that provides it, never a silent skip.
"""

import argparse
import configparser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

APP_ID = "io.github.interviewkit.InterviewKit"
EXECUTABLE = "interview-kit"
FINISH_ARGS = ["--share=ipc", "--socket=fallback-x11", "--socket=wayland", "--device=dri"]
MIME_TYPES = {
    "application/x-interview-kit-bank": "*.ikbank.json",
    "application/x-interview-kit-plan": "*.ikplan.json",
}
TOOL_PACKAGES = {
    "desktop-file-validate": "desktop-file-utils",
    "appstreamcli": "appstream",
    "glib-compile-schemas": "libglib2.0-bin",
    "update-mime-database": "shared-mime-info",
    "xgettext": "gettext",
    "meson": "meson",
    "flatpak-builder": "flatpak-builder",
    "groff": "groff-base",
}


class Tap:
    """Minimal TAP producer: one "ok"/"not ok" line per check."""

    def __init__(self):
        self.count = 0
        self.failed = 0

    def check(self, condition, name, detail=""):
        self.count += 1
        if condition:
            print(f"ok {self.count} - {name}")
        else:
            self.failed += 1
            print(f"not ok {self.count} - {name}")
            for line in str(detail).rstrip().splitlines():
                print(f"# {line}")
        sys.stdout.flush()
        return condition

    def diag(self, text):
        for line in str(text).rstrip().splitlines():
            print(f"# {line}")

    def finish(self):
        print(f"1..{self.count}")
        return 1 if self.failed else 0


def require_tool(tap, name):
    """Return the path of NAME, or record a failing check explaining it is missing."""
    path = shutil.which(name)
    tap.check(path is not None, f"{name} is installed",
              f"'{name}' not found in PATH; install the Debian package "
              f"'{TOOL_PACKAGES.get(name, name)}' to run this test")
    return path


def run(cmd, **kwargs):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, **kwargs)


# ------------------------------------------------------------------ desktop

def check_desktop(tap, args):
    tool = require_tool(tap, "desktop-file-validate")
    path = args.desktop
    tap.check(os.path.basename(path) == APP_ID + ".desktop",
              "desktop file is named after the application id", path)
    if tool:
        res = run([tool, path])
        # desktop-file-validate exits 0 on hints; any output is an error,
        # a warning or a hint, and we keep the file free of all three.
        tap.check(res.returncode == 0 and res.stdout.strip() == "",
                  "desktop-file-validate reports nothing",
                  f"exit status {res.returncode}\n{res.stdout}")

    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str
    parser.read(path, encoding="utf-8")
    entry = parser["Desktop Entry"] if parser.has_section("Desktop Entry") else {}
    tap.check(entry.get("Name") == "Interview Kit", "Name is 'Interview Kit'",
              f"Name={entry.get('Name')!r}")
    exec_line = entry.get("Exec", "")
    tap.check(exec_line.split()[:1] == [EXECUTABLE] and "%U" in exec_line.split(),
              f"Exec runs {EXECUTABLE} with %U", f"Exec={exec_line!r}")
    tap.check(entry.get("Icon") == APP_ID, "Icon is the application id",
              f"Icon={entry.get('Icon')!r}")
    mimes = [m for m in entry.get("MimeType", "").split(";") if m]
    tap.check(sorted(mimes) == sorted(MIME_TYPES),
              "MimeType lists exactly the types of the MIME package",
              f"MimeType={mimes!r}, expected {sorted(MIME_TYPES)!r}")
    tap.check(entry.get("Terminal") == "false" and entry.get("StartupNotify") == "true",
              "Terminal=false and StartupNotify=true")
    tap.check(entry.get("DBusActivatable", "false") == "false",
              "not D-Bus activatable (no D-Bus service file is installed)")


# ----------------------------------------------------------------- metainfo

def check_metainfo(tap, args):
    tool = require_tool(tap, "appstreamcli")
    path = args.metainfo
    if tool:
        res = run([tool, "validate", "--no-net", "--strict",
                   "--override=unknown-tag=pedantic", path])
        tap.check(res.returncode == 0, "appstreamcli validate --strict passes",
                  f"exit status {res.returncode}\n{res.stdout}")
        tap.diag(res.stdout)

    root = ET.parse(path).getroot()
    tap.check(root.findtext("id") == APP_ID, "component id is the application id",
              f"id={root.findtext('id')!r}")
    launchable = root.find("launchable[@type='desktop-id']")
    tap.check(launchable is not None and launchable.text == APP_ID + ".desktop",
              "launchable names the installed desktop file")
    tap.check(root.findtext("project_license") == "GPL-3.0-or-later",
              "project_license is GPL-3.0-or-later")
    releases = root.findall("releases/release")
    tap.check(bool(releases) and releases[0].get("version") == args.version,
              f"newest release is the project version {args.version}",
              f"releases: {[r.get('version') for r in releases]!r}")
    provided = {m.text for m in root.findall("provides/mediatype")}
    tap.check(provided == set(MIME_TYPES), "provides the MIME types of the MIME package",
              f"provides {sorted(provided)!r}")
    binaries = [b.text for b in root.findall("provides/binary")]
    tap.check(binaries == [EXECUTABLE], f"provides the binary {EXECUTABLE}",
              f"provides {binaries!r}")
    check_releases(tap, releases)
    if args.screenshots:
        check_screenshots(tap, root, args.screenshots)


def check_releases(tap, releases):
    versions = [r.get("version") for r in releases]
    tap.check(len(versions) == len(set(versions)), "one release entry per version",
              f"versions: {versions!r}")
    dates = [r.get("date") or "" for r in releases]
    tap.check(all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in dates)
              and dates == sorted(dates, reverse=True),
              "every release has a date, newest first", f"dates: {dates!r}")
    tap.check(all(r.find("description") is not None for r in releases),
              "every release says what changed")


# What a software centre shows, in this order (at least).
SCREENSHOTS = ["the question browser", "the live view", "the scorecard", "a narrow window"]


def png_size(path):
    """(width, height) of the PNG at PATH, or None."""
    try:
        with open(path, "rb") as f:
            head = f.read(24)
    except OSError:
        return None
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def check_screenshots(tap, root, shotdir):
    """The screenshots exist in data/screenshots, at the size the metainfo
    gives, and each has a caption.  appstreamcli runs with --no-net, so
    this is what checks the images."""
    shots = root.findall("screenshots/screenshot")
    tap.check(len(shots) >= len(SCREENSHOTS),
              "at least " + str(len(SCREENSHOTS)) + " screenshots: " + ", ".join(SCREENSHOTS),
              f"{len(shots)} screenshots")
    defaults = [s for s in shots if s.get("type") == "default"]
    tap.check(len(defaults) == 1 and shots and shots[0] is defaults[0],
              "the first screenshot, and only it, is the default")
    widths = []
    for i, shot in enumerate(shots):
        image = shot.find("image")
        url = image.text.strip() if image is not None and image.text else ""
        name = url.rsplit("/", 1)[-1]
        caption = (shot.findtext("caption") or "").strip()
        tap.check(bool(caption), f"screenshot {i + 1} ({name}) has a caption")
        size = png_size(os.path.join(shotdir, name))
        declared = (image.get("width"), image.get("height")) if image is not None else None
        tap.check(size is not None and url.endswith("/data/screenshots/" + name)
                  and declared == (str(size[0]), str(size[1])),
                  f"screenshot {i + 1} is data/screenshots/{name}, at the size the metainfo gives",
                  f"url={url!r}, declared {declared!r}, file {size!r}")
        if size:
            widths.append(size[0])
    tap.check(any(w <= 400 for w in widths), "one screenshot shows a narrow window",
              f"widths: {widths!r}")


# ------------------------------------------------------------------ gschema

def check_gschema(tap, args):
    tool = require_tool(tap, "glib-compile-schemas")
    if tool:
        res = run([tool, "--strict", "--dry-run", args.schemadir])
        tap.check(res.returncode == 0 and res.stdout.strip() == "",
                  "glib-compile-schemas --strict --dry-run accepts the schema",
                  f"exit status {res.returncode}\n{res.stdout}")

    path = os.path.join(args.schemadir, APP_ID + ".gschema.xml")
    root = ET.parse(path).getroot()
    tap.check(root.get("gettext-domain") == EXECUTABLE,
              "schema list names the gettext domain")
    schema = root.find(f"schema[@id='{APP_ID}']")
    if not tap.check(schema is not None, "schema id is the application id"):
        return
    tap.check(schema.get("path") == "/io/github/interviewkit/InterviewKit/",
              "schema path follows the application id")
    keys = schema.findall("key")
    undocumented = [k.get("name") for k in keys
                    if not (k.findtext("summary") or "").strip()
                    or not (k.findtext("description") or "").strip()]
    tap.check(keys and not undocumented, "every key has a summary and a description",
              f"missing on: {undocumented!r}")
    names = {k.get("name") for k in keys}
    expected = {"library-location", "interviewer-name", "default-duration",
                "opening-minutes", "closing-minutes", "retention-months",
                "require-evidence", "color-scheme", "window-width", "window-height",
                "window-maximized", "export-include-notes", "export-pseudonymise"}
    tap.check(expected <= names, "all keys the application reads are defined",
              f"missing: {sorted(expected - names)!r}")
    if args.compiled:
        tap.check(os.path.isfile(args.compiled),
                  "gschemas.compiled exists in the build directory for the tests",
                  args.compiled)


# ------------------------------------------------------------------ flatpak

# The newest stable GNOME runtime on Flathub: GNOME 51, released in
# September 2026 (GNOME 50's runtime is supported until about a year after
# its March 2026 release).  Raise it with each GNOME release, when the new
# runtime is on Flathub: see flatpak/README.md.
GNOME_RUNTIME = "51"


def read_manifest(tap, path):
    """The manifest as flatpak-builder reads it (--show-manifest prints it
    normalised: "app-id" becomes "id"); None when it cannot be read."""
    tool = require_tool(tap, "flatpak-builder")
    if not tool:
        return None
    # flatpak-builder keeps a state directory in the current directory:
    # not in the source tree.
    with tempfile.TemporaryDirectory(prefix="ik-flatpak-") as tmp:
        res = subprocess.run([tool, "--show-manifest", os.path.abspath(path)], cwd=tmp,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             timeout=30)
    if not tap.check(res.returncode == 0, "flatpak-builder --show-manifest reads the manifest",
                     f"exit status {res.returncode}\n{res.stderr}"):
        return None
    # An unknown property (a typo such as "finish-arg") is only a warning
    # to flatpak-builder, which then builds without it.
    unknown = [line for line in res.stderr.splitlines() if "Unknown property" in line]
    tap.check(not unknown, "flatpak-builder knows every property of the manifest",
              "\n".join(unknown))
    try:
        manifest = json.loads(res.stdout)
    except ValueError as e:
        tap.check(False, "flatpak-builder prints the manifest as JSON", f"{e}\n{res.stdout}")
        return None
    return manifest


def check_flatpak(tap, args):
    manifest = read_manifest(tap, args.manifest)
    if manifest is None:
        return
    tap.check(isinstance(manifest, dict), "manifest is a JSON object")
    if not isinstance(manifest, dict):
        return
    app_id = manifest.get("id", manifest.get("app-id"))
    tap.check(app_id == args.app_id, "the app id matches meson's app_id",
              f"id={app_id!r}, meson app_id={args.app_id!r}")
    tap.check(os.path.basename(args.manifest) == args.app_id + ".json",
              "manifest file is named after the app id")
    tap.check(manifest.get("command") == args.executable,
              f"command is the executable {args.executable}",
              f"command={manifest.get('command')!r}")
    tap.check(manifest.get("runtime") == "org.gnome.Platform"
              and manifest.get("runtime-version") == GNOME_RUNTIME,
              f"runtime is org.gnome.Platform {GNOME_RUNTIME}",
              f"runtime={manifest.get('runtime')!r}, "
              f"runtime-version={manifest.get('runtime-version')!r}")
    # The SDK is the runtime's own: the same branch, unless it names one.
    sdk, _, sdk_branch = str(manifest.get("sdk")).partition("//")
    tap.check(sdk == "org.gnome.Sdk" and sdk_branch in ("", GNOME_RUNTIME),
              f"sdk is org.gnome.Sdk {GNOME_RUNTIME}", f"sdk={manifest.get('sdk')!r}")
    finish_args = manifest.get("finish-args", [])
    tap.check(not [a for a in finish_args if a.startswith(("--filesystem", "--persist"))],
              "no file-system access: files come and go through the portals",
              f"finish-args={finish_args!r}")
    tap.check("--share=network" not in finish_args, "no network access",
              f"finish-args={finish_args!r}")
    tap.check(finish_args == FINISH_ARGS,
              "finish-args are exactly ipc, fallback-x11, wayland, dri",
              f"finish-args={finish_args!r}")
    modules = [m for m in manifest.get("modules", [])
               if isinstance(m, dict) and m.get("name") == EXECUTABLE]
    ok = tap.check(len(modules) == 1, f"one module named {EXECUTABLE}",
                   f"modules={[m.get('name') if isinstance(m, dict) else m for m in manifest.get('modules', [])]!r}")
    if ok:
        module = modules[0]
        tap.check(module.get("buildsystem") == "meson", "the module builds with meson")
        opts = module.get("config-opts", [])
        tap.check("-Dtests=false" in opts and "-Dbenchmarks=false" in opts,
                  "tests and benchmarks are disabled in the sandbox build",
                  f"config-opts={opts!r}")
        sources = module.get("sources", [])
        dirs = [s for s in sources if isinstance(s, dict) and s.get("type") == "dir"]
        tap.check(any(os.path.realpath(os.path.join(os.path.dirname(args.manifest),
                                                     s.get("path", "")))
                      == os.path.realpath(args.srcdir) for s in dirs),
                  "the module builds the source tree the manifest lives in",
                  f"sources={sources!r}")


# ------------------------------------------------------------------ man page

MAN_SECTIONS = ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "FILES", "ENVIRONMENT",
                "EXIT STATUS", "SEE ALSO"]
LONG_OPTION = re.compile(r"--[a-z][a-z0-9-]*")


def help_options(text):
    """The long options of --help-all output: the first word of each
    option line ("  -h, --help   Show help options")."""
    found = set()
    for line in text.splitlines():
        m = re.match(r"\s+(?:-[A-Za-z], )?(--[a-z][a-z0-9-]*)", line)
        if m:
            found.add(m.group(1))
    return found


def man_sections(text):
    """The man page's sections by name, each as its list of lines."""
    sections = {}
    current = None
    for line in text.splitlines():
        m = re.match(r'\.SH\s+"?([^"]*)"?\s*$', line)
        if m:
            current = m.group(1).strip()
            sections[current] = []
        elif current is not None:
            sections[current].append(line)
    return sections


def documented_options(lines):
    """The options an OPTIONS section describes: the tag line after each .TP."""
    found = set()
    for tag, line in zip(lines, lines[1:]):
        if tag.strip() == ".TP":
            found.update(LONG_OPTION.findall(line.replace("\\-", "-")))
    return found


def check_manpage(tap, args):
    with open(args.manpage, encoding="utf-8") as f:
        page = f.read()
    sections = man_sections(page)
    missing = [s for s in MAN_SECTIONS if s not in sections]
    tap.check(not missing, "the man page has the sections " + ", ".join(MAN_SECTIONS),
              f"missing: {missing!r}; found {list(sections)!r}")
    th = re.search(r"^\.TH\s+(.*)$", page, re.M)
    tap.check(th is not None and f'"Interview Kit {args.version}"' in th.group(1),
              f"the man page is the one of version {args.version}",
              th.group(0) if th else "no .TH line")
    text = "\n".join(sections.get("FILES", []) + sections.get("ENVIRONMENT", []))
    for needle in (APP_ID, "candidates/", "people/", "IK_TEAM_FOLDER_POLL"):
        tap.check(needle.replace("-", "\\-") in text or needle in text,
                  f"FILES and ENVIRONMENT name {needle}")

    tool = require_tool(tap, "groff")
    if tool:
        res = run([tool, "-t", "-man", "-ww", "-z", args.manpage])
        tap.check(res.returncode == 0 and res.stdout.strip() == "",
                  "groff formats the man page without a warning",
                  f"exit status {res.returncode}\n{res.stdout}")

    with tempfile.TemporaryDirectory(prefix="ik-help-") as tmp:
        env = dict(os.environ, HOME=tmp, XDG_DATA_HOME=tmp, XDG_CONFIG_HOME=tmp,
                   GSETTINGS_BACKEND="memory", LC_ALL="C.UTF-8")
        env.pop("LANGUAGE", None)
        res = subprocess.run([args.executable, "--help-all"], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, timeout=30)
    if not tap.check(res.returncode == 0, f"{EXECUTABLE} --help-all succeeds",
                     f"exit status {res.returncode}\n{res.stderr}"):
        return
    printed = help_options(res.stdout)
    documented = documented_options(sections.get("OPTIONS", []))
    tap.check(len(printed) >= 10, f"{EXECUTABLE} --help-all lists its options", res.stdout)
    tap.check(not printed - documented, "the man page describes every option of --help-all",
              f"undocumented: {sorted(printed - documented)!r}")
    tap.check(not documented - printed, "the man page describes no option --help-all lacks",
              f"not in --help-all: {sorted(documented - printed)!r}")


# ----------------------------------------------------------------- POTFILES

C_MARK = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_)\s*\(\s*"')
UI_MARK = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"')


def needs_translation(path):
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError):
        return False
    if path.endswith((".c", ".h")):
        return C_MARK.search(text) is not None
    if path.endswith(".ui"):
        return UI_MARK.search(text) is not None
    return False


def read_potfiles(path):
    entries = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                entries.append(line)
    return entries


def check_potfiles(tap, args):
    src = args.srcdir
    potfiles = os.path.join(src, "po", "POTFILES.in")
    entries = read_potfiles(potfiles)
    missing_files = [e for e in entries if not os.path.isfile(os.path.join(src, e))]
    tap.check(not missing_files, "every file listed in POTFILES.in exists",
              f"missing: {missing_files!r}")
    tap.check(len(entries) == len(set(entries)), "POTFILES.in lists no file twice")

    required = set()
    for top in ("src", "resources"):
        for dirpath, _dirs, files in os.walk(os.path.join(src, top)):
            for name in files:
                full = os.path.join(dirpath, name)
                if needs_translation(full):
                    required.add(os.path.relpath(full, src))
    for name in os.listdir(os.path.join(src, "data")):
        if name.endswith((".desktop.in", ".metainfo.xml.in", ".gschema.xml")):
            required.add(os.path.join("data", name))
    unlisted = sorted(required - set(entries))
    tap.check(not unlisted, "every file with translatable strings is in POTFILES.in",
              "add these lines to po/POTFILES.in:\n" + "\n".join(unlisted))

    tool = require_tool(tap, "xgettext")
    if not tool or missing_files:
        return
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "interview-kit.pot")
        # Same keywords as meson's i18n.gettext(preset: 'glib'), and the
        # project's own NP_ (po/meson.build).
        res = run([tool, "--from-code=UTF-8", "--add-comments",
                   "--keyword=_", "--keyword=N_", "--keyword=NP_:1,2", "--keyword=C_:1c,2",
                   "--keyword=NC_:1c,2", "--keyword=g_dcgettext:2",
                   "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
                   "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format",
                   "--flag=NC_:2:pass-c-format", "--flag=g_dngettext:2:pass-c-format",
                   "--flag=g_strdup_printf:1:c-format", "--flag=g_string_printf:2:c-format",
                   "--flag=g_string_append_printf:2:c-format",
                   "--flag=g_error_new:3:c-format", "--flag=g_set_error:4:c-format",
                   "--flag=g_markup_printf_escaped:1:c-format", "--flag=g_log:3:c-format",
                   "--flag=g_print:1:c-format", "--flag=g_printerr:1:c-format",
                   "--flag=g_printf:1:c-format", "--flag=g_fprintf:2:c-format",
                   "--flag=g_sprintf:2:c-format", "--flag=g_snprintf:3:c-format",
                   "--directory", src, "--files-from", potfiles, "--output", pot],
                  cwd=src)
        tap.check(res.returncode == 0, "xgettext extracts the catalogue from POTFILES.in",
                  f"exit status {res.returncode}\n{res.stdout}")
        if res.returncode != 0 or not os.path.isfile(pot):
            return
        # A msgid spliced with a macro, like _("%" G_GSIZE_FORMAT " bytes"),
        # is cut at the macro: the catalogue then never matches the string the
        # program looks up, so it stays untranslated.  xgettext warns about it.
        warnings = [line for line in res.stdout.splitlines() if "warning:" in line]
        tap.check(not warnings, "xgettext extracts every string whole and without warnings",
                  "\n".join(warnings) + "\nformat numbers into a separate string "
                  "(g_strdup_printf) or cast to a plain type (%lu, %lld) instead "
                  "of pasting G_*_FORMAT macros into translatable text")
        with open(pot, encoding="utf-8") as f:
            catalogue = f.read()
        referenced = set(re.findall(r"^#: (.*)$", catalogue, re.M))
        referenced = {ref.rsplit(":", 1)[0] for line in referenced for ref in line.split()}
        silent = sorted(e for e in entries
                        if e not in referenced and (e in required or e.startswith("data/")))
        tap.check(not silent, "xgettext finds strings in every listed file that needs them",
                  f"no strings extracted from: {silent!r}")
        tap.check('msgid "Interview Kit"' in catalogue,
                  "the application name is in the catalogue")


# --------------------------------------------------------------------- MIME

def check_mime(tap, args):
    root = ET.parse(args.mime).getroot()
    ns = "{http://www.freedesktop.org/standards/shared-mime-info}"
    types = {t.get("type"): t for t in root.findall(f"{ns}mime-type")}
    tap.check(set(types) == set(MIME_TYPES), "defines the bank and plan MIME types",
              f"types={sorted(types)!r}")
    for mime, glob in MIME_TYPES.items():
        node = types.get(mime)
        globs = [g.get("pattern") for g in node.findall(f"{ns}glob")] if node is not None else []
        parents = [p.get("type") for p in node.findall(f"{ns}sub-class-of")] if node is not None else []
        comment = node.findtext(f"{ns}comment") if node is not None else None
        tap.check(globs == [glob], f"{mime} matches {glob}", f"globs={globs!r}")
        tap.check(parents == ["application/json"], f"{mime} is a sub-class of application/json",
                  f"sub-class-of={parents!r}")
        tap.check(bool(comment and comment.strip()), f"{mime} has a comment")

    tool = require_tool(tap, "update-mime-database")
    if not tool:
        return
    with tempfile.TemporaryDirectory() as tmp:
        mimedir = os.path.join(tmp, "mime")
        os.makedirs(os.path.join(mimedir, "packages"))
        shutil.copy(args.mime, os.path.join(mimedir, "packages"))
        # Point the XDG variables at the scratch tree, otherwise the tool
        # adds a note that the directory is not in the search path.
        env = dict(os.environ, XDG_DATA_HOME=tmp, XDG_DATA_DIRS=tmp)
        res = run([tool, mimedir], env=env)
        tap.check(res.returncode == 0 and res.stdout.strip() == "",
                  "update-mime-database builds a database without complaints",
                  f"exit status {res.returncode}\n{res.stdout}")
        globs2 = os.path.join(mimedir, "globs2")
        text = open(globs2, encoding="utf-8").read() if os.path.isfile(globs2) else ""
        for mime, glob in MIME_TYPES.items():
            tap.check(f":{mime}:{glob}" in text, f"the database maps {glob} to {mime}",
                      text)


# -------------------------------------------------------------------- icons

SVG_NS = "{http://www.w3.org/2000/svg}"


def check_icons(tap, args):
    for path, size in ((args.scalable, 128), (args.symbolic, 16)):
        name = os.path.basename(path)
        try:
            root = ET.parse(path).getroot()
        except (OSError, ET.ParseError) as e:
            tap.check(False, f"{name} is well-formed SVG", e)
            continue
        tap.check(root.tag == SVG_NS + "svg", f"{name} is an SVG document")
        tap.check(root.get("viewBox", "").split() == ["0", "0", str(size), str(size)],
                  f"{name} has a {size}x{size} viewBox", f"viewBox={root.get('viewBox')!r}")
        tap.check(root.find(f".//{SVG_NS}image") is None,
                  f"{name} embeds no bitmap image")
    expected = [(args.scalable, APP_ID + ".svg"), (args.symbolic, APP_ID + "-symbolic.svg")]
    for path, name in expected:
        tap.check(os.path.basename(path) == name, f"icon file is called {name}", path)

    # GTK recolours symbolic icons; they must use the one foreground colour.
    text = open(args.symbolic, encoding="utf-8").read()
    colours = set(c.lower() for c in re.findall(r"#[0-9A-Fa-f]{3,6}\b", text))
    tap.check(colours == {"#2e3436"}, "symbolic icon uses only #2e3436",
              f"colours found: {sorted(colours)!r}")
    tap.check("stroke=" not in text and "stroke:" not in text,
              "symbolic icon is drawn with fills only")


# -------------------------------------------------------------- team files

SCHEMA_BASE = "https://interviewkit.github.io/schemas/"


def load_schemas(schemadir):
    """Every *.schema.json of SCHEMADIR, by file name."""
    schemas = {}
    for name in sorted(os.listdir(schemadir)):
        if name.endswith(".schema.json"):
            with open(os.path.join(schemadir, name), encoding="utf-8") as f:
                schemas[name] = json.load(f)
    return schemas


def refuse_network(uri):
    raise ValueError(f"{uri} is not one of data/schemas/: nothing is fetched")


def make_validator(jsonschema, schemas, schema):
    """A 2020-12 validator of SCHEMA that resolves references between the
    schemas of data/schemas/ by their $id, never through the network.
    jsonschema >= 4.18 resolves through `referencing`; Debian 12's 4.10
    through RefResolver."""
    cls = jsonschema.validators.validator_for(schema)
    try:
        import referencing
        from referencing.jsonschema import DRAFT202012
    except ImportError:
        resolver = jsonschema.RefResolver.from_schema(
            schema, store={s["$id"]: s for s in schemas.values()},
            handlers={"http": refuse_network, "https": refuse_network})
        return cls(schema, resolver=resolver)
    registry = referencing.Registry().with_resources(
        (s["$id"], DRAFT202012.create_resource(s)) for s in schemas.values())
    return cls(schema, registry=registry)


def schema_errors(validator, doc):
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    return ["/".join(str(p) for p in e.path) + ": " + e.message for e in errors]


def closed_objects(node, where="#"):
    """Places where a schema forbids members it does not describe."""
    found = []
    if isinstance(node, dict):
        for key in ("additionalProperties", "unevaluatedProperties"):
            if node.get(key) is False:
                found.append(f"{where}/{key}")
        for key, value in node.items():
            found += closed_objects(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += closed_objects(value, f"{where}/{i}")
    return found


def with_unknown_members(node):
    """A copy of NODE with a member no schema knows in every object."""
    if isinstance(node, dict):
        copy = {k: with_unknown_members(v) for k, v in node.items()}
        copy["x_added_by_a_newer_version"] = {"any": [1.5, None, "text"]}
        return copy
    if isinstance(node, list):
        return [with_unknown_members(v) for v in node]
    return node


def edited(doc, path, value=KeyError):
    """A deep copy of DOC with the member at PATH (a list of keys and
    indices) set to VALUE, or removed when VALUE is KeyError."""
    copy = json.loads(json.dumps(doc))
    parent = copy
    for key in path[:-1]:
        parent = parent[key]
    if value is KeyError:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return copy


def run_team_writer(tap, writer, tmp):
    """Runs ik-team-files in TMP with a private XDG tree; returns its
    output lines by kind ("scorecard", "person", "matches", "state")."""
    env = dict(os.environ, HOME=tmp, GSETTINGS_BACKEND="memory")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[var] = os.path.join(tmp, "xdg", var.lower())
    out_dir = os.path.join(tmp, "out")
    res = subprocess.run([writer, out_dir], env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, timeout=50)
    tap.check(res.returncode == 0 and not res.stderr.strip(),
              "ik-team-files publishes and answers a match without a message",
              f"exit status {res.returncode}\n{res.stderr}{res.stdout}")
    lines = {}
    for line in res.stdout.splitlines():
        kind, _, rest = line.partition(" ")
        lines.setdefault(kind, [])
        if rest not in lines[kind]:
            lines[kind].append(rest)
    return lines


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def check_signed_file(tap, name, path, validator, schema_name, payload_validator, payload_name):
    """Validates the signed file at PATH and its decoded payload, which must
    be compact JSON; returns both documents."""
    doc = read_json(path)
    errors = schema_errors(validator, doc)
    tap.check(not errors, f"{name} conforms to {schema_name}", "\n".join([path] + errors))
    payload = json.loads(doc["payload"])
    tap.check(doc["payload"] == json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
              f"the payload of {name} is compact JSON", doc["payload"])
    errors = schema_errors(payload_validator, payload)
    tap.check(not errors, f"the payload of {name} conforms to {payload_name}",
              "\n".join([path] + errors))
    return doc, payload


def check_team_files(tap, args):
    try:
        import jsonschema
    except ImportError:
        tap.check(False, "python3-jsonschema is installed",
                  "install the Debian package 'python3-jsonschema' to run this test")
        return
    schemas = load_schemas(args.schemadir)
    for name in ("team-scorecard.schema.json", "team-scorecard-payload.schema.json",
                 "person.schema.json", "candidate-matches.schema.json", "session.schema.json"):
        if not tap.check(name in schemas, f"data/schemas has {name}"):
            return
    for name, schema in schemas.items():
        cls = jsonschema.validators.validator_for(schema)
        try:
            cls.check_schema(schema)
            problem = ""
        except jsonschema.exceptions.SchemaError as e:
            problem = str(e)
        tap.check(not problem and cls.__name__ == "Draft202012Validator",
                  f"{name} is a valid JSON Schema 2020-12", problem or cls.__name__)
        tap.check(schema.get("$id") == SCHEMA_BASE + name, f"{name} has the $id of its name",
                  f"$id={schema.get('$id')!r}")
        closed = closed_objects(schema)
        tap.check(not closed, f"{name} lets every object keep unknown members",
                  f"closed at {closed!r}")

    card_check = make_validator(jsonschema, schemas, schemas["team-scorecard.schema.json"])
    payload_check = make_validator(jsonschema, schemas, schemas["team-scorecard-payload.schema.json"])
    person_check = make_validator(jsonschema, schemas, schemas["person.schema.json"])
    person_payload_check = make_validator(
        jsonschema, schemas, {"$ref": SCHEMA_BASE + "person.schema.json#/$defs/payload"})
    matches_check = make_validator(jsonschema, schemas, schemas["candidate-matches.schema.json"])

    with tempfile.TemporaryDirectory(prefix="ik-team-files-") as tmp:
        lines = run_team_writer(tap, args.writer, tmp)
        cards = lines.get("scorecard", [])
        people = lines.get("person", [])
        matches = lines.get("matches", [])
        states = lines.get("state", [])
        if not tap.check(len(cards) == 3 and len(people) == 2 and len(matches) == 1,
                         "three scorecards, two people files and one matches file are written",
                         repr(lines)):
            return
        tap.check(len(states) == 3 and all(s.endswith(" VALID") for s in states),
                  "the model reads every scorecard back as VALID", "\n".join(states))

        keys = {}
        for i, path in enumerate(people):
            name = f"people file {i + 1}"
            doc, payload = check_signed_file(tap, name, path, person_check, "person.schema.json",
                                             person_payload_check, "its $defs/payload")
            stem = os.path.basename(path)[:-len(".json")]
            tap.check(payload.get("interviewer_id") == stem
                      and payload.get("public_key") == doc["signature"]["public_key"],
                      f"{name} is its interviewer's and signed by the key it announces",
                      f"{path}\n{json.dumps(doc, indent=1)}")
            keys[stem] = payload.get("public_key")

        payloads = []
        for i, path in enumerate(cards):
            name = f"scorecard {i + 1}"
            doc, payload = check_signed_file(tap, name, path, card_check, "team-scorecard.schema.json",
                                             payload_check, "team-scorecard-payload.schema.json")
            folder, stem = path.split(os.sep)[-2], os.path.basename(path)[:-len(".json")]
            tap.check(payload.get("interviewer_id") == stem and payload.get("candidate_id") == folder
                      and keys.get(stem) == doc["signature"]["public_key"],
                      f"{name}: its ids match its place, its key its people file",
                      f"{path}\n{json.dumps(payload, indent=1)}")
            payloads.append((doc, payload))

        # The documents must exercise what the schemas describe.
        shared = [p for _d, p in payloads if p.get("notes_shared")]
        kept = [p for _d, p in payloads if not p.get("notes_shared")]
        ratings = [r.get("rating") for _d, p in payloads for r in p["scorecard"].get("ratings", [])]
        tap.check(len(shared) == 1 and all("notes" in q for q in shared[0]["questions"])
                  and len(kept) == 2 and not any("notes" in q for p in kept for q in p["questions"]),
                  "notes go with the scorecard exactly when they are shared")
        tap.check(any(p["scorecard"].get("revisions") for p in shared)
                  and "not-assessed" in ratings and None in ratings and 1 in ratings,
                  "the scorecards hold a revision and rated, unrated and not-assessed competencies",
                  repr(ratings))

        matches_doc = read_json(matches[0])
        errors = schema_errors(matches_check, matches_doc)
        tap.check(not errors, "team-candidates.json conforms to candidate-matches.schema.json",
                  "\n".join(errors))
        ada_candidate = shared[0]["candidate_id"] if shared else None
        tap.check([len(matches_doc.get("same", [])), len(matches_doc.get("different", []))] == [1, 1]
                  and all(ada_candidate in pair
                          for pair in matches_doc["same"] + matches_doc["different"]),
                  "team-candidates.json holds the answered pairs", json.dumps(matches_doc, indent=1))

        # Readers keep members they do not know: a newer version's file stays valid.
        card, payload = payloads[0]
        person = read_json(people[0])
        for what, validator, doc in (("scorecard", card_check, card),
                                     ("scorecard payload", payload_check, payload),
                                     ("people file", person_check, person),
                                     ("people payload", person_payload_check,
                                      json.loads(person["payload"])),
                                     ("matches file", matches_check, matches_doc)):
            errors = schema_errors(validator, with_unknown_members(doc))
            tap.check(not errors, f"a {what} with unknown members in every object is valid",
                      "\n".join(errors))

        # Hand-broken copies of the real files must be refused.
        card_payload = shared[0] if shared else payload
        broken = [
            ("scorecard without signature", card_check, edited(card, ["signature"])),
            ("scorecard signed with another algorithm", card_check,
             edited(card, ["signature", "algorithm"], "rsa")),
            ("scorecard whose key is not 32 bytes of base64", card_check,
             edited(card, ["signature", "public_key"], card["signature"]["public_key"][4:])),
            ("scorecard whose version is a string", card_check, edited(card, ["version"], "1")),
            ("scorecard whose payload is an object", card_check, edited(card, ["payload"], payload)),
            ("scorecard of another format", card_check,
             edited(card, ["format"], "interview-kit/person")),
            ("payload of a scorecard not submitted", payload_check,
             edited(edited(card_payload, ["scorecard", "submitted"]), ["scorecard", "seal"])),
            ("payload with a seal that is not SHA-256", payload_check,
             edited(card_payload, ["scorecard", "seal"], "0" * 63)),
            ("payload with a rating of 5", payload_check,
             edited(card_payload, ["scorecard", "ratings", 0, "rating"], 5)),
            ("payload whose interviewer id is a path", payload_check,
             edited(card_payload, ["interviewer_id"], "../people/x")),
            ("payload without candidate id", payload_check, edited(card_payload, ["candidate_id"])),
            ("payload published without a time zone", payload_check,
             edited(card_payload, ["published"], "2026-12-01T10:30:00")),
            ("payload of an unknown seniority", payload_check,
             edited(card_payload, ["seniority"], "principal")),
            ("payload with a question without text", payload_check,
             edited(card_payload, ["questions", 0, "text"])),
            ("payload with notes_shared as a string", payload_check,
             edited(card_payload, ["notes_shared"], "yes")),
            ("revision without reason", payload_check,
             edited(card_payload, ["scorecard", "revisions", 0, "reason"])),
            ("people file without signature value", person_check,
             edited(person, ["signature", "value"])),
            ("people file of another format", person_check,
             edited(person, ["format"], "interview-kit/people")),
            ("people payload without public key", person_payload_check,
             edited(json.loads(person["payload"]), ["public_key"])),
            ("matches with a pair of three ids", matches_check,
             edited(matches_doc, ["same", 0], matches_doc["same"][0] * 2)),
            ("matches with an id that is a path", matches_check,
             edited(matches_doc, ["different", 0, 1], "a/b")),
        ]
        for what, validator, doc in broken:
            tap.check(bool(schema_errors(validator, doc)), f"a {what} is refused")


# ------------------------------------------------------------------ install

INSTALLED = [
    f"share/applications/{APP_ID}.desktop",
    f"share/metainfo/{APP_ID}.metainfo.xml",
    f"share/icons/hicolor/scalable/apps/{APP_ID}.svg",
    f"share/icons/hicolor/symbolic/apps/{APP_ID}-symbolic.svg",
    f"share/glib-2.0/schemas/{APP_ID}.gschema.xml",
    f"share/mime/packages/{APP_ID}.mime.xml",
    f"bin/{EXECUTABLE}",
    f"share/man/man1/{EXECUTABLE}.1",
]


def check_install(tap, args):
    tool = require_tool(tap, "meson")
    if not tool:
        return
    res = run([tool, "introspect", "--buildoptions", args.builddir])
    prefix = None
    if res.returncode == 0:
        for opt in json.loads(res.stdout):
            if opt.get("name") == "prefix":
                prefix = opt.get("value")
    if not tap.check(prefix is not None, "the build directory's prefix is known", res.stdout):
        return

    with tempfile.TemporaryDirectory(prefix="ik-install-") as destdir:
        res = run([tool, "install", "-C", args.builddir, "--no-rebuild", "--quiet",
                   "--destdir", destdir])
        if not tap.check(res.returncode == 0, "meson install --destdir succeeds",
                         f"exit status {res.returncode}\n{res.stdout}"):
            return
        root = os.path.join(destdir, prefix.lstrip("/"))
        for rel in INSTALLED:
            tap.check(os.path.isfile(os.path.join(root, rel)), f"installs {rel}",
                      f"not found under {root}")
        exe = os.path.join(root, "bin", EXECUTABLE)
        tap.check(os.access(exe, os.X_OK), f"bin/{EXECUTABLE} is executable")
        schemas = os.path.join(root, "share", EXECUTABLE, "schemas")
        present = sorted(os.listdir(schemas)) if os.path.isdir(schemas) else []
        source_schemas = os.path.join(args.srcdir, "data", "schemas")
        expected = sorted(n for n in os.listdir(source_schemas)
                          if n == "README.md" or n.endswith(".schema.json"))
        tap.check(present == expected,
                  f"installs the JSON Schemas of the source tree to share/{EXECUTABLE}/schemas",
                  f"installed {present!r}, source tree has {expected!r}")
        # validate-tree checks the installed metainfo against the installed
        # desktop file and icons, as software centres will see them.
        appstream = require_tool(tap, "appstreamcli")
        if appstream:
            res = run([appstream, "validate-tree", "--no-net", "--strict",
                       "--override=unknown-tag=pedantic", root])
            tap.check(res.returncode == 0, "appstreamcli validate-tree accepts the staged tree",
                      f"exit status {res.returncode}\n{res.stdout}")
        # With DESTDIR set, post-install steps must not touch the live system
        # or leave caches behind in the staging tree.
        tap.check(not os.path.exists(os.path.join(root, "share/glib-2.0/schemas/gschemas.compiled")),
                  "no schema cache is compiled into a staged install")

    # Flatpak builds configure with --prefix=/app.  Configuring (without
    # building) takes a few seconds, and the install plan meson writes at
    # configure time shows where every file would land.
    with tempfile.TemporaryDirectory(prefix="ik-prefix-app-") as tmp:
        build = os.path.join(tmp, "build")
        res = run([tool, "setup", "--prefix=/app", "-Dtests=false", "-Dbenchmarks=false",
                   build, args.srcdir])
        if not tap.check(res.returncode == 0, "meson setup --prefix=/app succeeds",
                         f"exit status {res.returncode}\n{res.stdout}"):
            return
        res = run([tool, "introspect", "--installed", build])
        destinations = set(json.loads(res.stdout).values()) if res.returncode == 0 else set()
        for rel in INSTALLED:
            tap.check("/app/" + rel in destinations, f"with --prefix=/app installs /app/{rel}",
                      "planned destinations:\n" + "\n".join(sorted(destinations)))


CHECKS = {
    "desktop": check_desktop,
    "metainfo": check_metainfo,
    "gschema": check_gschema,
    "flatpak": check_flatpak,
    "potfiles": check_potfiles,
    "mime": check_mime,
    "icons": check_icons,
    "install": check_install,
    "manpage": check_manpage,
    "team-files": check_team_files,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="check", required=True)
    p = sub.add_parser("desktop", help="validate the built desktop file")
    p.add_argument("desktop")
    p = sub.add_parser("metainfo", help="validate the built AppStream metadata")
    p.add_argument("metainfo")
    p.add_argument("--version", required=True)
    p.add_argument("--screenshots", help="data/screenshots, where the images are")
    p = sub.add_parser("gschema", help="validate the settings schema")
    p.add_argument("schemadir")
    p.add_argument("--compiled")
    p = sub.add_parser("flatpak", help="check the Flatpak manifest")
    p.add_argument("manifest")
    p.add_argument("--srcdir", required=True)
    p.add_argument("--app-id", required=True)
    p.add_argument("--executable", required=True)
    p = sub.add_parser("manpage", help="check the man page against --help-all")
    p.add_argument("manpage")
    p.add_argument("executable")
    p.add_argument("--version", required=True)
    p = sub.add_parser("potfiles", help="check po/POTFILES.in against the sources")
    p.add_argument("srcdir")
    p = sub.add_parser("mime", help="check the shared MIME info package")
    p.add_argument("mime")
    p = sub.add_parser("icons", help="check the application icons")
    p.add_argument("scalable")
    p.add_argument("symbolic")
    p = sub.add_parser("install", help="stage an install and check its layout")
    p.add_argument("builddir")
    p.add_argument("srcdir")
    p = sub.add_parser("team-files", help="validate the team folder's files against the JSON Schemas")
    p.add_argument("writer", help="tests/data/ik-team-files, which writes them with the model")
    p.add_argument("schemadir")
    args = parser.parse_args()

    tap = Tap()
    try:
        CHECKS[args.check](tap, args)
    except Exception as e:  # report as a TAP failure instead of a bare traceback
        tap.check(False, f"{args.check} check ran to completion", repr(e))
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
