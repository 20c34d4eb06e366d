#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The accessibility test (issue 16), suite `a11y`.

    test-a11y.py APP        APP: the interview-kit binary of the build tree

Starts a private D-Bus session with its own AT-SPI bus
(at-spi-bus-launcher), starts the app on it with its own XDG folders and
the memory settings backend, opens every pane and dialog as a user would
(pressing buttons through their AT-SPI actions, shortcuts through the
window's actions) and after each step walks the accessible tree from the
application's root. Every interactive element must have a name a screen
reader can read: not empty, not a type name (GtkToggleButton), no mnemonic
underscore, no doubled text, no empty part; focusable list rows need a
name of their own, rating options are radio buttons, checklists and
ratings say their state and item. Prints every offender with its role,
name and path and exits 1 if there is any; 77 (skip) only when
at-spi-bus-launcher is not installed.

GTK 4.8 gives a rating's radio buttons no AT-SPI action and no focus
grab, so the scorecard is filled in with real key presses (xdotool's
XTest on the test's display), moving the focus with Ctrl+Tab and reading
where it went from AT-SPI focus events.

Waits poll the tree with a deadline; nothing sleeps for an event.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

LAUNCHERS = [
    '/usr/libexec/at-spi-bus-launcher',
    '/usr/lib/at-spi2-core/at-spi-bus-launcher',
    '/usr/lib/at-spi-bus-launcher',
]
APP_ID = 'io.github.interviewkit.InterviewKit'
APP_PATH = '/' + APP_ID.replace('.', '/')
# How much slower than natively the app runs (IK_TEST_TIME_SCALE: build-aux/test
# --sanitize sets 10 for ASan builds); every wait is widened by it.
try:
    TIME_SCALE = max(1.0, float(os.environ.get('IK_TEST_TIME_SCALE', '1')))
except ValueError:
    TIME_SCALE = 1.0
TIMEOUT = 20.0 * TIME_SCALE


def find_launcher():
    for path in [os.environ.get('IK_AT_SPI_BUS_LAUNCHER')] + LAUNCHERS:
        if path and os.access(path, os.X_OK):
            return path
    return None


LAUNCHER = find_launcher()
if LAUNCHER is None:
    print('SKIP: at-spi-bus-launcher is not installed (at-spi2-core)')
    sys.exit(77)

try:
    import gi
    gi.require_version('Atspi', '2.0')
    from gi.repository import Atspi, Gio, GLib
except (ImportError, ValueError):
    # meson may find a python3 of its own (pyenv, venv) without the
    # distribution's bindings: run again with the system one.
    system = '/usr/bin/python3'
    if os.path.realpath(sys.executable) != os.path.realpath(system) \
            and os.access(system, os.X_OK) and 'IK_A11Y_REEXEC' not in os.environ:
        os.environ['IK_A11Y_REEXEC'] = '1'
        os.execv(system, [system] + sys.argv)
    print('FAIL: the AT-SPI bindings are missing (python3-gi, gir1.2-atspi-2.0)')
    sys.exit(1)


class Failure(Exception):
    pass


def wait_until(what, condition, timeout=TIMEOUT):
    """Polls condition() until it returns something true, at most timeout
    seconds; returns that value or raises Failure naming what."""
    deadline = time.monotonic() + timeout
    delay = 0.01
    while True:
        try:
            value = condition()
        except GLib.Error:
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            raise Failure('timed out waiting for ' + what)
        time.sleep(delay)  # polling interval, not a wait for an event
        delay = min(delay * 2, 0.2)


# --- The environment: D-Bus session, AT-SPI bus, the app --------------------

class Session:
    def __init__(self, app_binary):
        self.app_binary = app_binary
        self.tmp = tempfile.mkdtemp(prefix='ik-a11y-')
        self.procs = []
        for sub in ('data', 'config', 'cache', 'runtime'):
            os.makedirs(os.path.join(self.tmp, sub), mode=0o700)

    def spawn(self, argv, env, **kwargs):
        proc = subprocess.Popen(argv, env=env, **kwargs)
        self.procs.append(proc)
        return proc

    def start(self):
        env = dict(os.environ)
        env['XDG_RUNTIME_DIR'] = os.path.join(self.tmp, 'runtime')
        env['XDG_DATA_HOME'] = os.path.join(self.tmp, 'data')
        env['XDG_CONFIG_HOME'] = os.path.join(self.tmp, 'config')
        env['XDG_CACHE_HOME'] = os.path.join(self.tmp, 'cache')
        env['HOME'] = self.tmp
        daemon = self.spawn(['dbus-daemon', '--session', '--nofork',
                             '--print-address=1'], env,
                            stdout=subprocess.PIPE, text=True)
        address = daemon.stdout.readline().strip()
        if not address:
            raise Failure('dbus-daemon did not start')
        env['DBUS_SESSION_BUS_ADDRESS'] = address
        env.pop('AT_SPI_BUS_ADDRESS', None)
        self.spawn([LAUNCHER, '--launch-immediately'], env)
        self.bus = Gio.DBusConnection.new_for_address_sync(
            address,
            Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT
            | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)

        def a11y_address():
            reply = self.bus.call_sync('org.a11y.Bus', '/org/a11y/bus',
                                       'org.a11y.Bus', 'GetAddress', None,
                                       GLib.VariantType('(s)'),
                                       Gio.DBusCallFlags.NO_AUTO_START,
                                       1000, None)
            return reply.unpack()[0]
        env['AT_SPI_BUS_ADDRESS'] = wait_until('the AT-SPI bus', a11y_address)
        # This process talks to the same buses.
        for key in ('DBUS_SESSION_BUS_ADDRESS', 'AT_SPI_BUS_ADDRESS'):
            os.environ[key] = env[key]
        Atspi.init()

        # The app: the tests' environment without its "no accessibility".
        env.pop('NO_AT_BRIDGE', None)
        env.pop('GTK_A11Y', None)
        env['GSETTINGS_BACKEND'] = 'memory'
        env.setdefault('GSETTINGS_SCHEMA_DIR', os.path.join(
            os.path.dirname(os.path.dirname(os.path.abspath(self.app_binary))), 'data'))
        env['GSK_RENDERER'] = 'cairo'
        env['GDK_DEBUG'] = 'gl-disable'
        env['LC_ALL'] = 'C.UTF-8'
        env['LANGUAGE'] = 'C'
        env.pop('G_DEBUG', None)  # no fatal warnings from the a11y bridge
        self.env = env
        self.app = self.spawn([self.app_binary], env)
        self.root = wait_until('the app on the AT-SPI bus', self.find_app)
        wait_until('the main window', lambda: self.window('Interview Kit'))

    def find_app(self):
        if self.app.poll() is not None:
            raise Failure('the app exited with %d' % self.app.returncode)
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            if app is not None and app.get_process_id() == self.app.pid:
                return app
        return None

    def windows(self):
        return [self.root.get_child_at_index(i)
                for i in range(self.root.get_child_count())]

    def window(self, name):
        for w in self.windows():
            if w is not None and w.get_name() == name:
                return w
        return None

    def activate_action(self, name, parameter=None, path=None):
        """Activates an action the app exports on D-Bus (app.* or, with
        path 'window/1', win.*), as its shortcut would."""
        if path:
            path = APP_PATH + '/' + path
        else:
            path = APP_PATH
        params = [parameter] if parameter is not None else []
        self.bus.call_sync(APP_ID, path, 'org.gtk.Actions', 'Activate',
                           GLib.Variant('(sava{sv})', (name, params, {})),
                           None, Gio.DBusCallFlags.NONE, 5000, None)

    def stop(self):
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in reversed(self.procs):
            try:
                proc.wait(timeout=5 * TIME_SCALE)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)


# --- The tree -------------------------------------------------------------

R = Atspi.Role
INTERACTIVE = {
    R.PUSH_BUTTON, R.TOGGLE_BUTTON, R.CHECK_BOX, R.RADIO_BUTTON, R.ENTRY,
    R.PASSWORD_TEXT, R.COMBO_BOX, R.MENU_ITEM, R.CHECK_MENU_ITEM,
    R.RADIO_MENU_ITEM, R.SPIN_BUTTON, R.LINK, R.SLIDER, R.PAGE_TAB,
    R.TEXT, R.LIST_ITEM, R.TABLE_ROW, R.TREE_ITEM,
}
# Text fields and rows are interactive when they can take the focus.
NEEDS_FOCUSABLE = {R.TEXT, R.LIST_ITEM, R.TABLE_ROW, R.TREE_ITEM}
TYPE_NAME = re.compile(r'^(Gtk|Adw|Ik|Gdk)[A-Z][A-Za-z]*$')
MNEMONIC = re.compile(r'(?:^|[^_\w])\w*_[^\W_]')
EMPTY_PART = re.compile(r'(^\s|\s$|\s\s|“”|""|\(\)|‘’|\s[:,.;]|[:,]$'
                        r'|\b(with|for|of|by|to|from|and)$)')
CHECKLISTS = {'Areas to Cover', 'Follow-ups'}
RATING = re.compile(r'^(\d+ · |Not assessed|Not rated|Unrated)')


def role_name(acc):
    try:
        return acc.get_role_name()
    except GLib.Error:
        return '?'


def doubled(name):
    """'Submit… Submit…', '_Suggest Suggest', 'A b A b'."""
    words = name.replace('_', '').casefold().split()
    n = len(words)
    return n >= 2 and n % 2 == 0 and words[:n // 2] == words[n // 2:]


def label_of(acc):
    name = acc.get_name() or ''
    return '%s %r' % (role_name(acc), name)


def walk(acc, path, visit, seen):
    key = acc.path
    if key in seen:
        return
    seen.add(key)
    visit(acc, path)
    try:
        n = acc.get_child_count()
    except GLib.Error:
        return
    for i in range(n):
        try:
            child = acc.get_child_at_index(i)
        except GLib.Error:
            continue
        if child is not None:
            walk(child, path + [acc], visit, seen)


def check_element(acc, path):
    """The problems of one element, as strings."""
    problems = []
    role = acc.get_role()
    states = acc.get_state_set()
    name = acc.get_name() or ''
    desc = acc.get_description() or ''
    if role not in INTERACTIVE:
        return problems
    if role in NEEDS_FOCUSABLE and not states.contains(Atspi.StateType.FOCUSABLE):
        return problems
    if role == R.LIST_ITEM and any(p.get_role() == R.COMBO_BOX for p in path):
        # The items of a drop-down's popup list: GTK 4.8 and libadwaita
        # 1.2 build them inside GtkDropDown/AdwComboRow, out of the app's
        # reach (the drop-down itself is checked).
        return problems
    if role == R.TEXT and not (states.contains(Atspi.StateType.EDITABLE)
                               or states.contains(Atspi.StateType.FOCUSABLE)):
        return problems
    if not name.strip():
        problems.append('no accessible name')
    elif TYPE_NAME.match(name):
        problems.append('a type name, not a name')
    else:
        if MNEMONIC.search(name):
            problems.append('a mnemonic underscore in the name')
        if doubled(name):
            problems.append('doubled text')
        if EMPTY_PART.search(name):
            problems.append('an empty part in the name')
    if desc and (MNEMONIC.search(desc) or doubled(desc) or EMPTY_PART.search(desc)):
        problems.append('description %r reads wrongly' % desc)
    if role == R.CHECK_BOX and RATING.match(name):
        problems.append('a rating option exposed as a check box, not a radio button')
    checklist = any(p.get_role() == R.LIST and p.get_name() in CHECKLISTS
                    for p in path)
    if (role == R.RADIO_BUTTON or (role == R.CHECK_BOX and checklist)) \
            and not desc.strip():
        # A checklist item or a rating option says what it belongs to.
        problems.append('no description naming the item it belongs to')
    return problems


def widget_path(path, acc):
    parts = []
    for a in path[1:] + [acc]:
        name = a.get_name() or ''
        parts.append(role_name(a) + ('[%s]' % name[:30] if name else ''))
    return ' > '.join(parts)


class Checker:
    def __init__(self, session):
        self.session = session
        self.offenders = {}    # (role, name, path) -> first step
        self.counts = []       # (step, elements)

    def check(self, step):
        elements = [0]
        found = []

        def visit(acc, path):
            elements[0] += 1
            try:
                problems = check_element(acc, path)
            except GLib.Error:
                return
            if problems:
                found.append((acc, path, problems))
        self.session.root.clear_cache()
        walk(self.session.root, [], visit, set())
        new = 0
        for acc, path, problems in found:
            key = (role_name(acc), acc.get_name() or '', widget_path(path, acc))
            if key in self.offenders:
                continue
            self.offenders[key] = step
            new += 1
            print('OFFENDER [%s] %s %r: %s\n    at %s'
                  % (step, key[0], key[1], '; '.join(problems), key[2]))
        self.counts.append((step, elements[0]))
        print('# %-40s %5d elements walked, %d new offenders'
              % (step, elements[0], new))
        sys.stdout.flush()


# --- Finding and pressing things -------------------------------------------

def find_all(root, role=None, name=None, pred=None, visible=True):
    out = []

    def visit(acc, path):
        try:
            if role is not None and acc.get_role() != role:
                return
            if name is not None:
                n = acc.get_name() or ''
                if not (name.match(n) if hasattr(name, 'match') else n == name):
                    return
            if visible and not acc.get_state_set().contains(Atspi.StateType.VISIBLE):
                return
            if pred is not None and not pred(acc):
                return
        except GLib.Error:
            return
        out.append(acc)
    walk(root, [], visit, set())
    return out


def find(root, role=None, name=None, pred=None, what=None):
    what = what or '%s %r' % (role.value_nick if role else 'element', name)
    return wait_until(what, lambda: (find_all(root, role, name, pred) or [None])[0])


def do_action(acc, *names):
    n = acc.get_n_actions()
    available = [acc.get_action_name(i) for i in range(n)]
    for wanted in names:
        if wanted in available:
            acc.do_action(available.index(wanted))
            return
    if n == 0:
        raise Failure('%s has no action' % label_of(acc))
    acc.do_action(0)


# --- The tour --------------------------------------------------------------

def spoken(name):
    """The name as the user sees it, so that the tour finds a button also
    while its name is wrong ('_Suggest Suggest' is 'Suggest')."""
    name = name or ''
    if doubled(name):
        words = name.split()
        name = ' '.join(words[len(words) // 2:])
    return name.replace('_', '')


def press(root, role, name, what=None):
    acc = find(root, role, pred=lambda a: spoken(a.get_name()) == name,
               what=what or '%s %r' % (role.value_nick if role else 'element', name))
    do_action(acc, 'click', 'activate', 'toggle', 'press')
    return acc


def new_window(s, before, what):
    def opened():
        for w in s.windows():
            if w is not None and w.path not in before:
                return w
        return None
    return wait_until(what, opened)


def tour(s, c):
    win = s.window('Interview Kit')
    # The browser holds the bank page and the question editor as pages.
    c.check('browser, bank page, question editor')

    questions = find(win, R.LIST, 'Questions')
    wait_until('question rows', lambda: find_all(questions, R.LIST_ITEM))
    if not questions.select_child(0):
        raise Failure('cannot select the first question')
    press(win, R.PUSH_BUTTON, 'New Interview')
    press(win, R.PUSH_BUTTON, 'Suggest', 'the planner')
    # The list beside the planner (folded away or not, it is walked) has
    # the planned interview, a draft without a candidate's name.
    def unnamed_row(a):
        return 'Unnamed Candidate' in (a.get_name() or '') \
            and a.get_state_set().contains(Atspi.StateType.FOCUSABLE)
    wait_until('the row of the unnamed draft',
               lambda: find_all(win, R.LIST_ITEM, visible=False, pred=unnamed_row))
    c.check('planner, interview list with an unnamed draft')

    press(win, R.PUSH_BUTTON, 'Start Interview')
    find(win, R.PUSH_BUTTON, pred=lambda a: spoken(a.get_name()) == 'Finish',
         what='the live view')
    c.check('live view')
    # The clock's warnings are read from a status element.
    status = find(win, R.STATUS_BAR, pred=lambda a: bool(a.get_name())
                  and not TYPE_NAME.match(a.get_name()),
                  what="the clock's status element with its text")
    print('# the clock says: %r' % status.get_name())
    # The autosave errors too (empty while there is none).
    if not find_all(win, R.STATUS_BAR, visible=False,
                    pred=lambda a: a.path != status.path):
        raise Failure('no status element for autosave errors')

    press(win, None, 'Focus Mode')
    c.check('focus mode')
    press(win, None, 'Leave Focus Mode')

    press(win, R.PUSH_BUTTON, 'Finish')
    find(win, R.PUSH_BUTTON, pred=lambda a: spoken(a.get_name()) == 'Submit…',
         what='the scorecard editor')
    c.check('scorecard editor')

    keys = Keys(s)
    fill_scorecard(s, win, keys)
    before = {w.path for w in s.windows() if w is not None}
    press(win, R.PUSH_BUTTON, 'Submit…')
    dialog = new_window(s, before, 'the submit dialog')
    c.check('submit dialog')
    press(dialog, R.PUSH_BUTTON, 'Submit')
    find(win, R.PUSH_BUTTON, pred=lambda a: spoken(a.get_name()) == 'Amend…',
         what='the submitted scorecard')
    c.check('submitted scorecard')

    before = {w.path for w in s.windows() if w is not None}
    press(win, R.PUSH_BUTTON, 'Export or Print')
    export = new_window(s, before, 'the export dialog')
    c.check('export dialog')
    keys.focus_window(export.get_name())
    keys.press('Escape')
    wait_until('the export dialog to close',
               lambda: all(w is None or w.path != export.path for w in s.windows()))

    before = {w.path for w in s.windows() if w is not None}
    keys.focus_window('Interview Kit')
    keys.press('ctrl+question')
    new_window(s, before, 'the shortcuts window')
    c.check('shortcuts')

    # Planning an interview for nobody yet: the planner again.
    press(win, R.PUSH_BUTTON, 'Plan Interview')
    find(win, R.PUSH_BUTTON, pred=lambda a: spoken(a.get_name()) == 'Suggest',
         what='the planner of a new interview')
    c.check('planner of a new interview')

    for action, what in (('preferences', 'preferences'), ('about', 'about')):
        before = {w.path for w in s.windows() if w is not None}
        s.activate_action(action)
        new_window(s, before, 'the %s window' % what)
        c.check(what)


class Keys:
    """Real key presses (XTest, through xdotool) on the app's window, and
    where the focus went, from the AT-SPI focus events."""

    def __init__(self, s):
        self.xdotool = shutil.which('xdotool')
        if self.xdotool is None:
            raise Failure('xdotool is missing (build-aux/setup-common.sh installs it)')
        self.env = s.env
        self.focused = []
        self.listener = Atspi.EventListener.new(self.on_event)
        self.listener.register('object:state-changed:focused')

    def on_event(self, event):
        if event.detail1:
            self.focused.append(event.source)

    def run(self, *args):
        subprocess.run([self.xdotool] + list(args), env=self.env, check=True,
                       stdout=subprocess.DEVNULL)

    def focus_window(self, title):
        out = subprocess.run([self.xdotool, 'search', '--onlyvisible', '--name',
                              '^%s$' % re.escape(title)], env=self.env,
                             stdout=subprocess.PIPE, text=True)
        ids = out.stdout.split()
        if not ids:
            raise Failure('no X window %r' % title)
        self.run('windowfocus', '--sync', ids[-1])

    def pump(self):
        context = GLib.MainContext.default()
        while context.pending():
            context.iteration(False)

    def press(self, *names):
        self.run('key', '--clearmodifiers', *names)

    def move_focus(self):
        """Ctrl+Tab (which also leaves a text view); returns the element
        that took the focus."""
        self.pump()
        self.focused.clear()
        self.press('ctrl+Tab')

        def moved():
            self.pump()
            return self.focused[-1] if self.focused else None
        return wait_until('the focus to move', moved, timeout=5 * TIME_SCALE)

    def activate(self, acc):
        """Return on the focused element acc; returns the element that
        took the focus then."""
        self.pump()
        self.focused.clear()
        self.press('Return')

        def moved():
            self.pump()
            return next((a for a in reversed(self.focused) if a.path != acc.path), None)
        return wait_until('the focus to leave %s' % label_of(acc), moved, timeout=5 * TIME_SCALE)

    def type(self, text):
        self.run('type', '--delay', '10', text)


def fill_scorecard(s, win, keys):
    """Fills in the scorecard as a keyboard user does: Ctrl+Tab to a row
    of the list of what is missing, Return (which focuses the field),
    then Space on a rating, typed evidence, or the recommendation's list
    opened and a choice taken."""
    submit = find(win, R.PUSH_BUTTON, pred=lambda a: spoken(a.get_name()) == 'Submit…')
    missing = find(win, R.LIST, 'What is missing')

    def gap(acc):
        return acc.get_role() == R.LIST_ITEM and any(
            acc.path == row.path for row in find_all(missing, R.LIST_ITEM))

    def fill(acc):
        role = acc.get_role()
        name = acc.get_name() or ''
        if os.environ.get('IK_A11Y_DUMP'):
            print('# fill: %s' % label_of(acc))
        if role == R.RADIO_BUTTON and RATING.match(name):
            keys.press('space')
            wait_until('the rating %r to be chosen' % name,
                       lambda: acc.get_state_set().contains(Atspi.StateType.CHECKED))
        elif role == R.TEXT and 'evidence' in name.casefold():
            keys.type('Led the migration and explained the trade-offs.')
        elif spoken(name).startswith('Recommendation'):
            keys.press('space')
            keys.press('Down')
            keys.press('Return')
        else:
            raise Failure('Return on a missing item focused %s' % label_of(acc))

    keys.focus_window('Interview Kit')
    for _ in range(500):
        if submit.get_state_set().contains(Atspi.StateType.SENSITIVE):
            return
        acc = keys.move_focus()
        try:
            if not gap(acc):
                continue
        except GLib.Error:
            continue
        fill(keys.activate(acc))
    rows = [r.get_name() for r in find_all(missing, R.LIST_ITEM)]
    raise Failure('the scorecard is not ready to submit by keyboard; missing: %r' % rows)


def dump(root, out=sys.stdout):
    """The tree, for a developer: IK_A11Y_DUMP=1."""
    def visit(acc, path):
        try:
            states = acc.get_state_set()
            flags = ''.join(f for f, s in (('F', Atspi.StateType.FOCUSABLE),
                                           ('S', Atspi.StateType.VISIBLE),
                                           ('C', Atspi.StateType.CHECKED),
                                           ('X', Atspi.StateType.SELECTED))
                            if states.contains(s))
            print('%s%s %r [%s] %r' % ('  ' * len(path), role_name(acc),
                                       acc.get_name(), flags,
                                       acc.get_description()), file=out)
        except GLib.Error:
            pass
    walk(root, [], visit, set())


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    session = Session(sys.argv[1])
    checker = Checker(session)
    try:
        session.start()
        tour(session, checker)
    except Failure as e:
        print('FAIL: %s' % e)
        if os.environ.get('IK_A11Y_DUMP') and hasattr(session, 'root'):
            dump(session.root)
        return 1
    finally:
        session.stop()
    print('# %d elements walked in %d steps'
          % (sum(n for _, n in checker.counts), len(checker.counts)))
    if checker.offenders:
        print('FAIL: %d elements a screen reader cannot read right'
              % len(checker.offenders))
        return 1
    print('PASS')
    return 0


if __name__ == '__main__':
    sys.exit(main())
