#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The real sync test of the team folder (issue 12), suite `team`.

    test-team-sync.py DRIVER        the whole test (DRIVER: ik-team-driver)
    test-team-sync.py --sync-only   only the three Syncthings and a plain file

Starts three Syncthing instances with private homes in a temporary folder,
each syncing its own copy of one team folder with the other two over
127.0.0.1 only: GUI/REST and sync listeners on free loopback ports, devices
addressed as tcp://127.0.0.1:<port>, and global and local discovery, relays,
NAT traversal (and with it STUN), usage and crash reporting and upgrades
all off. While it runs, the sockets of every Syncthing are sampled from
/proc; any address other than loopback fails the test.

Three interviewers (three processes of tests/ik-team-driver.c, each with
its own data folder: library, identity, pinned keys) work from one panel
plan: each submits and publishes to its own copy, then one amends. Within
a bounded wait every copy must hold the three signed scorecards and three
people files, byte for byte the same, every scorecard must verify as VALID
in every copy, the three debriefs must be identical and show the
amendment, and no conflict copy may appear. Then interviewer A publishes
two different versions of their scorecard to two copies while one device
is paused: Syncthing must keep both (the original and a conflict copy) and
the driver must list the conflict in every copy.

Every wait polls (the files, the REST API) until a deadline; every
Syncthing started is stopped (its process group killed) however the test
ends. Exit status: 0 passed, 1 failed, 77 skipped (no syncthing).
"""

import copy
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

APP_ID = "io.github.interviewkit.InterviewKit"
FOLDER_ID = "ik-team"
DEADLINE_S = 90.0
POLL_S = 0.15
N_DEVICES = 3
NAMES = ["Ada Lovelace", "Grace Hopper", "Katherine Johnson"]
CANDIDATE = "Margaret Hamilton"
ROLE = "Security Engineer"
AMEND_REASON = "Re-read my notes: the threat model answer was stronger"
CONFLICT_REASON_A = "Second thoughts on the laptop"
CONFLICT_REASON_B = "Second thoughts on the desktop"

started = time.monotonic()


class Failure(Exception):
    pass


def log(message):
    # Never a TAP plan or "ok" at the start of a line: this is an
    # exit-code test, counted as one case by build-aux/count-results.py.
    print(f"# {message}", flush=True)


# Sockets: nothing but loopback ------------------------------------------------

def _decode_addr(text):
    host, port = text.split(":")
    raw = bytes.fromhex(host)
    if len(raw) == 4:
        ip = socket.inet_ntop(socket.AF_INET, raw[::-1])
    else:
        # Four 32-bit words, each in host (little-endian) order.
        words = b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))
        ip = socket.inet_ntop(socket.AF_INET6, words)
    return ip, int(port, 16)


def _is_loopback(ip):
    return ip.startswith("127.") or ip == "::1" or ip.startswith("::ffff:127.")


def _is_unspecified(ip):
    return ip in ("0.0.0.0", "::")


class SocketWatch:
    """Samples the sockets of the Syncthing processes from /proc."""

    def __init__(self):
        self.pids = []
        self.violations = set()
        self.samples = 0
        self.peers = set()

    def group_pids(self):
        """The leaders and every process in their groups (Syncthing runs a
        monitor process and the real one as its child)."""
        pids = set()
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                    after_name = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(after_name[2]) in self.pids:
                pids.add(int(entry))
        return pids

    def sample(self):
        inodes = {}
        for pid in self.group_pids():
            fd_dir = f"/proc/{pid}/fd"
            try:
                fds = os.listdir(fd_dir)
            except OSError:
                continue
            for fd in fds:
                try:
                    target = os.readlink(os.path.join(fd_dir, fd))
                except OSError:
                    continue
                if target.startswith("socket:["):
                    inodes[target[8:-1]] = pid
        if not inodes:
            return
        self.samples += 1
        for proto in ("tcp", "tcp6", "udp", "udp6"):
            try:
                with open(f"/proc/net/{proto}", encoding="ascii") as table:
                    lines = table.read().splitlines()[1:]
            except OSError:
                continue
            for line in lines:
                fields = line.split()
                if len(fields) < 10 or fields[9] not in inodes:
                    continue
                local, remote = _decode_addr(fields[1]), _decode_addr(fields[2])
                if not _is_loopback(local[0]):
                    self.violations.add(f"{proto} local {local[0]}:{local[1]}")
                if not (_is_loopback(remote[0]) or (_is_unspecified(remote[0]) and remote[1] == 0)):
                    self.violations.add(f"{proto} remote {remote[0]}:{remote[1]}")
                elif remote[1] != 0:
                    self.peers.add(remote[1])


watch = SocketWatch()
drivers = []


# Syncthing -------------------------------------------------------------------

def free_ports(n):
    socks = []
    try:
        for _ in range(n):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            socks.append(s)
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def clean_env(extra=None):
    env = dict(os.environ)
    # Never through a proxy: every address is 127.0.0.1.
    for key in list(env):
        if key.lower() in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
            del env[key]
    env.update({
        "STNOUPGRADE": "1",
        "STNORESTART": "1",
        "STNODEFAULTFOLDER": "1",
        "LC_ALL": "C.UTF-8",
    })
    if extra:
        env.update(extra)
    return env


def set_option(options, name, value):
    elements = options.findall(name)
    if not elements:
        elements = [ET.SubElement(options, name)]
    for extra in elements[1:]:
        options.remove(extra)
    elements[0].text = value


class Instance:
    def __init__(self, index, root):
        self.index = index
        self.name = f"device-{'abc'[index]}"
        self.home = os.path.join(root, f"syncthing-{index}")
        self.folder = os.path.join(root, f"team-{index}")
        self.log_path = os.path.join(root, f"syncthing-{index}.log")
        self.env = clean_env({"HOME": os.path.join(root, f"home-st-{index}")})
        self.api_key = hashlib.sha256(os.urandom(32)).hexdigest()[:32]
        self.device_id = None
        self.gui_port = None
        self.listen_port = None
        self.process = None
        self.log_file = None
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def generate(self):
        os.makedirs(self.env["HOME"], exist_ok=True)
        out = subprocess.run(
            ["syncthing", "generate", f"--home={self.home}", "--no-default-folder",
             "--skip-port-probing"],
            env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, timeout=60, check=False)
        if out.returncode != 0:
            raise Failure(f"syncthing generate failed ({out.returncode}): {out.stdout}")
        match = re.search(r"\b([A-Z0-9]{7}(?:-[A-Z0-9]{7}){7})\b", out.stdout)
        if not match:
            raise Failure(f"no device ID in the output of syncthing generate: {out.stdout}")
        self.device_id = match.group(1)

    def configure(self, instances):
        path = os.path.join(self.home, "config.xml")
        tree = ET.parse(path)
        root = tree.getroot()
        for element in root.findall("device") + root.findall("folder"):
            root.remove(element)
        defaults = root.find("defaults")
        device_template = defaults.find("device")
        folder_template = defaults.find("folder")

        position = 0
        for other in instances:
            device = copy.deepcopy(device_template)
            device.set("id", other.device_id)
            device.set("name", other.name)
            for address in device.findall("address"):
                device.remove(address)
            # One dialler per pair, the later device: Syncthing dials from
            # its listening port, so two devices dialling each other at
            # once on loopback make one TCP connection (a simultaneous
            # open) in which both sides are the TLS client, and it hangs
            # for the 20 s hello timeout. The earlier device accepts the
            # later one's connection; "dynamic" without any discovery
            # means it never dials (nor looks up) the later one itself.
            if other.index < self.index:
                ET.SubElement(device, "address").text = f"tcp://127.0.0.1:{other.listen_port}"
                # Dialled only once every instance is up.
                device.find("paused").text = "true"
            else:
                ET.SubElement(device, "address").text = "dynamic"
            root.insert(position, device)
            position += 1

        folder = copy.deepcopy(folder_template)
        folder.set("id", FOLDER_ID)
        folder.set("label", "Team")
        folder.set("path", self.folder)
        folder.set("type", "sendreceive")
        folder.set("rescanIntervalS", "5")
        folder.set("fsWatcherEnabled", "true")
        folder.set("fsWatcherDelayS", "1")
        for device in folder.findall("device"):
            folder.remove(device)
        for i, other in enumerate(instances):
            device = ET.Element("device", {"id": other.device_id, "introducedBy": ""})
            ET.SubElement(device, "encryptionPassword")
            folder.insert(i, device)
        root.insert(position, folder)

        gui = root.find("gui")
        gui.set("enabled", "true")
        gui.set("tls", "false")
        gui.find("address").text = f"127.0.0.1:{self.gui_port}"
        gui.find("apikey").text = self.api_key

        options = root.find("options")
        for name in ("listenAddress", "globalAnnounceServer"):
            for element in options.findall(name):
                options.remove(element)
        ET.SubElement(options, "listenAddress").text = f"tcp://127.0.0.1:{self.listen_port}"
        for name, value in (
            ("globalAnnounceEnabled", "false"),
            ("localAnnounceEnabled", "false"),
            ("relaysEnabled", "false"),
            ("natEnabled", "false"),
            ("urAccepted", "-1"),
            ("urSeen", "3"),
            ("autoUpgradeIntervalH", "0"),
            ("crashReportingEnabled", "false"),
            ("startBrowser", "false"),
            ("announceLANAddresses", "false"),
            ("stunKeepaliveStartS", "0"),
            ("reconnectionIntervalS", "1"),
            ("setLowPriority", "false"),
        ):
            set_option(options, name, value)
        tree.write(path, encoding="utf-8", xml_declaration=False)

        os.makedirs(os.path.join(self.folder, ".stfolder"), exist_ok=True)

    def start(self):
        self.log_file = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            ["syncthing", "serve", f"--home={self.home}", "--no-browser", "--no-restart",
             "--no-upgrade", "--no-default-folder", "--skip-port-probing", "--logflags=3"],
            env=self.env, stdin=subprocess.DEVNULL, stdout=self.log_file,
            stderr=subprocess.STDOUT, start_new_session=True)
        watch.pids.append(self.process.pid)

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                pass
        # Whatever is left of its group, and the leader if it still runs.
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            log(f"{self.name}: syncthing {self.process.pid} did not exit")
        if self.log_file:
            self.log_file.close()
            self.log_file = None

    def check_alive(self):
        if self.process is not None and self.process.poll() is not None:
            raise Failure(f"{self.name}: syncthing exited with status {self.process.returncode}; "
                          f"log:\n{tail(self.log_path)}")

    def rest(self, method, path, params=None, timeout=10):
        url = f"http://127.0.0.1:{self.gui_port}{path}"
        if params:
            url += "?" + urllib.parse.urlencode(params)
        request = urllib.request.Request(url, method=method,
                                         headers={"X-API-Key": self.api_key})
        if method == "POST":
            request.data = b""
        with self.opener.open(request, timeout=timeout) as response:
            body = response.read()
        if not body:
            return None
        return json.loads(body)

    def try_rest(self, method, path, params=None):
        try:
            return self.rest(method, path, params)
        except (urllib.error.URLError, OSError, ValueError):
            return None


def tail(path, n=40):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return "".join(f.readlines()[-n:])
    except OSError:
        return "(no log)"


def wait_until(what, predicate, instances, timeout=DEADLINE_S):
    deadline = time.monotonic() + timeout
    while True:
        watch.sample()
        result = predicate()
        if result:
            return result
        for instance in instances:
            instance.check_alive()
        if time.monotonic() > deadline:
            raise Failure(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(POLL_S)


# The copies of the folder ----------------------------------------------------

def is_temporary(name):
    return name.startswith(".syncthing.") or name.startswith(".") or name.endswith("~")


def snapshot(folder):
    """Relative path -> SHA-256 of every file but Syncthing's own."""
    files = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if d not in (".stfolder", ".stversions")]
        for name in filenames:
            if is_temporary(name):
                continue
            full = os.path.join(dirpath, name)
            try:
                with open(full, "rb") as f:
                    digest = hashlib.sha256(f.read()).hexdigest()
            except OSError:
                continue
            files[os.path.relpath(full, folder)] = digest
    return files


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def all_idle(instances):
    """Every instance idle with nothing left to pull, and every remote device
    at 100 % for the folder, as each instance sees it."""
    for instance in instances:
        status = instance.try_rest("GET", "/rest/db/status", {"folder": FOLDER_ID})
        if not status or status.get("state") != "idle" or status.get("needTotalItems", 1) != 0:
            return False
        for other in instances:
            if other is instance:
                continue
            completion = instance.try_rest("GET", "/rest/db/completion",
                                           {"folder": FOLDER_ID, "device": other.device_id})
            if not completion or completion.get("completion") != 100 or completion.get("needItems", 1) != 0:
                return False
    return True


def converged(instances):
    """The same files with the same bytes in every copy, and Syncthing idle."""
    snaps = [snapshot(i.folder) for i in instances]
    if any(s != snaps[0] for s in snaps[1:]):
        return None
    if not all_idle(instances):
        return None
    # Once more: nothing moved while we asked.
    again = [snapshot(i.folder) for i in instances]
    if any(s != snaps[0] for s in again):
        return None
    return snaps[0]


def connected(instances):
    for instance in instances:
        connections = instance.try_rest("GET", "/rest/system/connections")
        if not connections:
            return False
        for other in instances:
            if other is not instance and not connections["connections"].get(
                    other.device_id, {}).get("connected"):
                return False
    return True


def conflict_copies(files):
    return sorted(p for p in files if ".sync-conflict-" in os.path.basename(p))


# The interviewers -------------------------------------------------------------

class Interviewer:
    def __init__(self, index, root, driver):
        self.index = index
        self.name = NAMES[index]
        self.home = os.path.join(root, f"interviewer-{index}")
        self.driver = driver
        self.id = None
        self.env = clean_env({
            "HOME": self.home,
            "XDG_DATA_HOME": os.path.join(self.home, "data"),
            "XDG_CONFIG_HOME": os.path.join(self.home, "config"),
            "XDG_CACHE_HOME": os.path.join(self.home, "cache"),
            "XDG_STATE_HOME": os.path.join(self.home, "state"),
            "GSETTINGS_BACKEND": "memory",
        })
        for sub in ("data", "config", "cache", "state"):
            os.makedirs(os.path.join(self.home, sub), exist_ok=True)

    def start(self, *args):
        process = subprocess.Popen([self.driver, *args], env=self.env, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        drivers.append(process)
        return process

    def finish(self, process, args, timeout=60):
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
            raise Failure(f"{self.name}: ik-team-driver {' '.join(args)} timed out")
        if process.returncode != 0:
            raise Failure(f"{self.name}: ik-team-driver {' '.join(args)} exited with "
                          f"{process.returncode}:\n{err}{out}")
        if err.strip():
            log(f"{self.name}: {err.strip()}")
        return out

    def run(self, *args, timeout=60):
        return self.finish(self.start(*args), args, timeout)


def fields(output, key):
    return [line.split(" ", 1)[1] for line in output.splitlines() if line.startswith(key + " ")]


def check(condition, message):
    if not condition:
        raise Failure(message)


def team_test(instances, interviewers, root):
    a, b, c = interviewers
    folders = [i.folder for i in instances]

    # Interviewer A plans the panel: three plan files.
    plan_dir = os.path.join(root, "plans")
    os.makedirs(plan_dir)
    out = a.run("plan", "--out", plan_dir, "--candidate", CANDIDATE, "--role", ROLE,
                "--interviewer", a.name, "--panel", str(N_DEVICES))
    candidate_id = fields(out, "candidate")[0]
    plans = fields(out, "plan")
    check(len(plans) == N_DEVICES, f"expected {N_DEVICES} plan files, got {plans}")
    log(f"planned candidate {candidate_id}: {', '.join(os.path.basename(p) for p in plans)}")

    # Each interviewer, in their own process at the same time, reads their
    # plan, rates, submits and publishes to their own copy.
    running = []
    for k, person in enumerate(interviewers):
        args = ("submit", "--plan", plans[k], "--team", folders[k], "--name", person.name,
                "--variant", str(k))
        running.append((person, person.start(*args), args))
    for person, process, args in running:
        out = person.finish(process, args)
        person.id = fields(out, "interviewer")[0]
        log(f"{person.name} ({person.id}, key {fields(out, 'fingerprint')[0]}) published "
            f"{os.path.relpath(fields(out, 'published')[0], root)}")
    check(len({p.id for p in interviewers}) == N_DEVICES, "interviewer ids are not distinct")

    # B amends: one rating changed, submitted and published again.
    out = b.run("amend", "--candidate", candidate_id, "--team", folders[1], "--reason", AMEND_REASON)
    amended_rating = fields(out, "rating")[0]
    old_level, new_level = amended_rating.split(" ")[1].split("->")
    amended_evidence = f"Re-rated from {old_level} to {new_level} on amendment."

    last_publish = time.monotonic()
    log(f"{b.name} amended ({amended_rating}) and published again")

    expected = {f"people/{p.id}.json" for p in interviewers}
    expected |= {f"candidates/{candidate_id}/{p.id}.json" for p in interviewers}
    amended_path = f"candidates/{candidate_id}/{b.id}.json"
    amended_digest = hashlib.sha256(read_bytes(os.path.join(folders[1], amended_path))).hexdigest()

    def complete():
        files = converged(instances)
        if files is None or set(files) != expected or files[amended_path] != amended_digest:
            return None
        return files

    files = wait_until("every copy to hold the three scorecards and people files", complete, instances)
    sync_s = time.monotonic() - last_publish
    log(f"FIGURE last publish to all copies complete: {sync_s:.2f} s")
    check(not conflict_copies(files), f"conflict copies appeared: {conflict_copies(files)}")

    # Every scorecard verifies in every copy, for every interviewer.
    for k, person in enumerate(interviewers):
        out = person.run("verify", "--team", folders[k])
        states = fields(out, "scorecard")
        check(len(states) == N_DEVICES, f"{person.name} sees {len(states)} scorecards in copy {k}: {out}")
        check(all(s.endswith(" VALID") for s in states), f"not all VALID in copy {k}:\n{out}")
        check(not fields(out, "conflict"), f"{person.name} lists conflicts in copy {k}:\n{out}")

    # Three identical debriefs, with the amendment.
    debriefs = [p.run("debrief", "--candidate", candidate_id, "--team", folders[k])
                for k, p in enumerate(interviewers)]
    for k in (1, 2):
        check(debriefs[k] == debriefs[0],
              f"the debriefs of {interviewers[0].name} and {interviewers[k].name} differ:\n"
              f"--- {interviewers[0].name}\n{debriefs[0]}\n--- {interviewers[k].name}\n{debriefs[k]}")
    # The reason is only in the revisions (the amendment history), the
    # new evidence only in the amended version.
    check(AMEND_REASON in debriefs[0] and amended_evidence in debriefs[0],
          f"the debrief does not show the amendment:\n{debriefs[0]}")
    for p in interviewers:
        check(p.name in debriefs[0], f"the debrief does not name {p.name}:\n{debriefs[0]}")
    log(f"three identical debriefs ({len(debriefs[0].encode())} bytes) with the amendment")

    # A conflict: A amends twice, as if on two computers at once, and the
    # two versions of their scorecard land in two copies while device b is
    # cut off from the others. Both are validly signed by A.
    b_dev = instances[1]
    others = (instances[0], instances[2])
    # Paused on both sides: a device that kept dialling a paused peer
    # would be in its reconnection back-off (up to a minute) when it
    # comes back.
    for other in others:
        b_dev.rest("POST", "/rest/system/pause", {"device": other.device_id})
        other.rest("POST", "/rest/system/pause", {"device": b_dev.device_id})

    def b_disconnected():
        connections = b_dev.try_rest("GET", "/rest/system/connections")
        if not connections:
            return False
        for other in others:
            if connections["connections"].get(other.device_id, {}).get("connected"):
                return False
            seen = other.try_rest("GET", "/rest/system/connections")
            if not seen or seen["connections"].get(b_dev.device_id, {}).get("connected"):
                return False
        return True

    wait_until("device b to be cut off", b_disconnected, instances)
    scorecard_path = f"candidates/{candidate_id}/{a.id}.json"
    a.run("amend", "--candidate", candidate_id, "--team", folders[0], "--reason", CONFLICT_REASON_A)
    a.run("amend", "--candidate", candidate_id, "--team", folders[1], "--reason", CONFLICT_REASON_B)
    version_a = read_bytes(os.path.join(folders[0], scorecard_path))
    version_b = read_bytes(os.path.join(folders[1], scorecard_path))
    check(version_a != version_b, "the two versions are the same")
    # Both sides have scanned their change before they meet again.
    for instance in (instances[0], instances[1]):
        instance.rest("POST", "/rest/db/scan", {"folder": FOLDER_ID}, timeout=60)
    conflict_start = time.monotonic()
    for other in others:
        # The side that does not dial first, then the dialler (the later
        # device), whose configuration change makes it dial at once.
        dialee, dialler = (other, b_dev) if other.index < b_dev.index else (b_dev, other)
        dialee.rest("POST", "/rest/system/resume", {"device": dialler.device_id})
        dialler.rest("POST", "/rest/system/resume", {"device": dialee.device_id})

    wait_until("device b to reconnect", lambda: connected(instances), instances)
    log(f"device b reconnected after {time.monotonic() - conflict_start:.2f} s")

    wanted = {hashlib.sha256(version_a).hexdigest(), hashlib.sha256(version_b).hexdigest()}
    base = os.path.basename(scorecard_path)[:-len(".json")]

    def both_kept():
        files = converged(instances)
        if files is None:
            return None
        copies = [p for p in conflict_copies(files)
                  if os.path.basename(p).startswith(base + ".sync-conflict-")]
        if not copies or scorecard_path not in files:
            return None
        if not wanted <= {files[scorecard_path]} | {files[p] for p in copies}:
            return None
        return files, copies

    files, copies = wait_until("the conflict to be resolved by Syncthing on every copy", both_kept, instances)
    log(f"FIGURE conflict kept on every copy after {time.monotonic() - conflict_start:.2f} s: "
        f"{', '.join(os.path.basename(p) for p in copies)}")
    stray = [p for p in conflict_copies(files) if p not in copies]
    check(not stray, f"unexpected conflict copies: {stray}")

    for k, person in enumerate(interviewers):
        out = person.run("conflicts", "--team", folders[k])
        listed = fields(out, "conflict")
        listed_copies = {os.path.relpath(line.split(" ")[-1], folders[k]) for line in listed}
        check(listed_copies == set(copies),
              f"{person.name} lists {listed_copies} in copy {k}, on disk: {copies}\n{out}")
        check(all(line.startswith("Syncthing ") for line in listed),
              f"{person.name}: conflicts not attributed to Syncthing:\n{out}")
        # The conflict copy is never loaded as the original: still three
        # scorecards, all valid.
        out = person.run("verify", "--team", folders[k])
        states = fields(out, "scorecard")
        check(len(states) == N_DEVICES and all(s.endswith(" VALID") for s in states),
              f"after the conflict, copy {k} reads:\n{out}")
    log(f"conflict listed by all three interviewers; both versions on disk")


def main():
    args = sys.argv[1:]
    sync_only = args == ["--sync-only"]
    if not sync_only and len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    if shutil.which("syncthing") is None:
        print("syncthing is not installed: skipping the real sync test "
              "(build-aux/test installs it)", flush=True)
        return 77
    driver = None if sync_only else os.path.abspath(args[0])

    def terminated(signum, frame):
        raise Failure(f"stopped by signal {signum}")

    # meson's timeout: stop the Syncthings (their own process groups) too.
    signal.signal(signal.SIGTERM, terminated)
    signal.signal(signal.SIGHUP, terminated)

    root = tempfile.mkdtemp(prefix="ik-team-sync-")
    instances = [Instance(i, root) for i in range(N_DEVICES)]
    ok = False
    try:
        ports = free_ports(2 * N_DEVICES)
        for i, instance in enumerate(instances):
            instance.gui_port, instance.listen_port = ports[2 * i], ports[2 * i + 1]
            instance.generate()
        for instance in instances:
            instance.configure(instances)
        for instance in instances:
            instance.start()
        log("syncthing " + subprocess.run(["syncthing", "--version"], stdout=subprocess.PIPE,
                                          text=True, check=False).stdout.strip().splitlines()[-1])

        wait_until("the REST API of every instance",
                   lambda: all(i.try_rest("GET", "/rest/system/ping") for i in instances),
                   instances, timeout=60)
        for instance in instances:
            options = instance.rest("GET", "/rest/config/options")
            for key, value in (("globalAnnounceEnabled", False), ("localAnnounceEnabled", False),
                               ("relaysEnabled", False), ("natEnabled", False),
                               ("urAccepted", -1), ("autoUpgradeIntervalH", 0),
                               ("crashReportingEnabled", False)):
                check(options.get(key) == value, f"{instance.name}: {key} is {options.get(key)!r}")
            check(options.get("listenAddresses") == [f"tcp://127.0.0.1:{instance.listen_port}"],
                  f"{instance.name}: listens on {options.get('listenAddresses')}")

        for instance in instances:
            instance.rest("POST", "/rest/system/resume")

        wait_until("the three devices to connect", lambda: connected(instances), instances)
        log(f"three devices connected after {time.monotonic() - started:.2f} s")

        probe = os.path.join(instances[0].folder, "probe.txt")
        with open(probe, "w", encoding="utf-8") as f:
            f.write("probe\n")
        t0 = time.monotonic()
        wait_until("a plain file to reach every copy",
                   lambda: all(os.path.exists(os.path.join(i.folder, "probe.txt")) for i in instances),
                   instances)
        log(f"FIGURE plain file to every copy: {time.monotonic() - t0:.2f} s")
        os.unlink(probe)
        wait_until("the probe's deletion to reach every copy",
                   lambda: converged(instances) == {}, instances)

        if driver is not None:
            interviewers = [Interviewer(i, root, driver) for i in range(N_DEVICES)]
            team_test(instances, interviewers, root)

        watch.sample()
        check(watch.samples > 0, "the sockets of Syncthing could not be read")
        check(not watch.violations,
              f"Syncthing used non-loopback addresses: {sorted(watch.violations)}")
        log(f"sockets sampled {watch.samples} times: loopback only")
        ok = True
    except Failure as error:
        print(f"FAILED: {error}", flush=True)
    finally:
        for process in drivers:
            if process.poll() is None:
                process.kill()
                process.wait()
        for instance in instances:
            instance.stop()
        if not ok:
            for instance in instances:
                print(f"--- {instance.name} log (tail)\n{tail(instance.log_path)}", flush=True)
        if os.environ.get("IK_KEEP_TEAM_SYNC") is None:
            shutil.rmtree(root, ignore_errors=True)
        else:
            print(f"kept {root}", flush=True)
    log(f"FIGURE total run time: {time.monotonic() - started:.2f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
