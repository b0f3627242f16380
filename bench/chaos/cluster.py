"""The platform under chaos: Azurite on disk, one host and its runners on free ports, the API, and the processes'
views (/proc) that find a runner agent or a Python worker in a call to kill."""

import io
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
import zipfile
from datetime import datetime, timezone

from relay import Relay

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
HERE = os.path.dirname(os.path.abspath(__file__))


def log(message):
    print(f"{datetime.now(timezone.utc):%H:%M:%S.%f}"[:-3] + f" chaos: {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Api:
    """The platform's HTTP API with one key; connection failures (a host restarting) are retried."""

    def __init__(self, url, key):
        self.url, self.key = url, key

    def call(self, method, path, body=None, headers=None, content_type="application/json", patience=120.0):
        deadline = time.monotonic() + patience
        data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
        while True:
            request = urllib.request.Request(self.url + path, data=data, method=method)
            request.add_header("Authorization", f"Bearer {self.key}")
            if data is not None:
                request.add_header("Content-Type", content_type)
            for name, value in (headers or {}).items():
                request.add_header(name, value)
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    text = response.read()
                    return json.loads(text) if text else None
            except urllib.error.HTTPError as error:
                if error.code < 500 or time.monotonic() > deadline:
                    raise RuntimeError(f"{method} {path}: {error.code} {error.read()[:500]!r}") from error
            except (urllib.error.URLError, ConnectionError, TimeoutError, socket.timeout):
                if time.monotonic() > deadline:
                    raise
            time.sleep(0.5)


class Cluster:
    """Azurite on disk (behind a relay unless --raw-azurite-kill), one host and its runners, all on free ports."""

    def __init__(self, args, work):
        self.args, self.work = args, work
        self.azurite_ports = [free_port() for _ in range(3)]
        self.azurite = None
        self.relay = None if args.raw_azurite_kill else Relay(self.azurite_ports)
        ports = self.relay.ports if self.relay else self.azurite_ports
        endpoint = lambda port: f"http://127.0.0.1:{port}/devstoreaccount1"
        self.connection = (
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
            "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
            f"BlobEndpoint={endpoint(ports[0])};QueueEndpoint={endpoint(ports[1])};TableEndpoint={endpoint(ports[2])}")
        self.url = f"http://127.0.0.1:{free_port()}"
        self.admin_key = uuid.uuid4().hex + uuid.uuid4().hex
        self.runs_dir = os.path.join(work, "runs")
        os.makedirs(self.runs_dir)
        os.chmod(self.runs_dir, 0o777)
        self.host = None
        self.host_log = open(os.path.join(work, "host.log"), "ab")

    def start_azurite(self):
        command = [os.path.join(ROOT, "node_modules", ".bin", "azurite"), "--location", os.path.join(self.work, "azurite"),
                   "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--loose",
                   "--blobHost", "127.0.0.1", "--blobPort", str(self.azurite_ports[0]),
                   "--queueHost", "127.0.0.1", "--queuePort", str(self.azurite_ports[1]),
                   "--tableHost", "127.0.0.1", "--tablePort", str(self.azurite_ports[2])]
        self.azurite = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=self.work)
        for port in self.azurite_ports:
            wait_listening(port, 60)

    def start_host(self):
        environment = dict(os.environ)
        environment.update({
            "AzureWebJobsStorage": self.connection,
            "Faas__Auth__AdminKey": self.admin_key,
            "Faas__RateLimits__Enabled": "false",
            "Faas__Runners__WorkDir": os.path.join(self.work, "runners"),
            "Faas__Runners__Isolation__SharedPaths__0": self.runs_dir,
            "Logging__Console__TimestampFormat": "HH:mm:ss.fff ",
            "Logging__Console__UseUtcTimestamp": "true",
        })
        if self.args.lease_seconds:
            environment["Faas__Queues__VisibilityTimeoutSeconds"] = str(self.args.lease_seconds)
        dll = os.path.join(ROOT, "hosts", "Faas.Serverless.Host", "bin", "Release", "net10.0", "Faas.Serverless.Host.dll")
        self.host = subprocess.Popen(["dotnet", dll, "--urls", self.url], cwd=os.path.dirname(dll), env=environment,
                                     stdout=self.host_log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(self.url + "/api/health", timeout=5):
                    return
            except (urllib.error.URLError, ConnectionError, socket.timeout):
                if self.host.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the host did not become healthy; see host.log in the work dir")
                time.sleep(0.2)

    def runners(self):
        """Runner agents of the current host (not the bubblewrap process around each)."""
        return [pid for pid, argv in processes() if argv and not argv[0].endswith("bwrap")
                and any(a.endswith("faas-runner.dll") for a in argv) and ["--parent-pid", str(self.host.pid)] in pairs(argv)]

    def busy_workers(self):
        """Python workers (the runner agents' children) in a call: work() sleeps in 50 ms steps."""
        agents = set(self.runners())
        return [pid for pid, _ in processes() if parent_of(pid) in agents
                and any("nanosleep" in channel for channel in wait_channels(pid))]

    def kill_host(self):
        os.kill(self.host.pid, signal.SIGKILL)
        self.host.wait()
        self.start_host()

    def kill_runner(self):
        runners = self.runners()
        if not runners:
            return "no runner"
        victim = random.choice(runners)
        os.kill(victim, signal.SIGKILL)
        return f"pid {victim}"

    def kill_worker(self):
        workers = self.busy_workers()
        if not workers:
            return "no busy worker"
        victim = random.choice(workers)
        os.kill(victim, signal.SIGKILL)
        return f"pid {victim}"

    def kill_azurite(self):
        if self.relay:
            # Azurite saves its databases every 5 s: killed under load it forgets what it acknowledged since. The relay
            # stands for its death towards the platform; Azurite is killed once it has saved everything.
            self.relay.cut()
            time.sleep(6)
        self.azurite.kill()
        self.azurite.wait()
        self.start_azurite()
        if self.relay:
            self.relay.resume()

    def stop(self):
        if self.host and self.host.poll() is None:
            self.host.send_signal(signal.SIGTERM)
            try:
                self.host.wait(30)
            except subprocess.TimeoutExpired:
                self.host.kill()
        for pid, argv in processes():
            if any(self.work in a for a in argv):
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        if self.azurite:
            self.azurite.kill()
        if self.relay:
            self.relay.close()
        self.host_log.close()


def wait_listening(port, seconds):
    deadline = time.monotonic() + seconds
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def processes():
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/cmdline", "rb") as handle:
                    yield int(name), [a.decode(errors="replace") for a in handle.read().split(b"\0") if a]
            except OSError:
                continue


def pairs(argv):
    return [list(pair) for pair in zip(argv, argv[1:])]


def parent_of(pid):
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return int(handle.read().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def wait_channels(pid):
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []
    channels = []
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/wchan") as handle:
                channels.append(handle.read())
        except OSError:
            pass
    return channels


def set_up(cluster):
    """Organization, project, a Developer with a key, the package pushed and the service deployed; returns (api, service)."""
    admin = Api(cluster.url, cluster.admin_key)
    org = admin.call("POST", "/api/v1/organizations", {"name": "chaos"})
    user = admin.call("POST", "/api/v1/users", {"email": "chaos@example.com", "name": "Chaos"})
    admin.call("POST", f"/api/v1/organizations/{org['id']}/members", {"userId": user["id"], "role": "Owner"})
    project = admin.call("POST", "/api/v1/projects", {"name": "chaos", "organizationId": org["id"]})
    admin.call("POST", f"/api/v1/projects/{project['id']}/members", {"userId": user["id"], "role": "Developer"})
    key = admin.call("POST", f"/api/v1/users/{user['id']}/api-keys", {"name": "chaos"})["key"]
    api = Api(cluster.url, key)
    api.project = f"/api/v1/projects/{project['id']}"
    source = open(os.path.join(HERE, "package", "src", "main.py")).read().replace("RUNS_DIR = None", f"RUNS_DIR = {cluster.runs_dir!r}")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("main.py", source)
    boundary = uuid.uuid4().hex
    body = b"".join([
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"schema\"; filename=\"faas.json\"\r\nContent-Type: application/json\r\n\r\n".encode(),
        open(os.path.join(HERE, "package", "faas.json"), "rb").read(),
        f"\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"codebase\"; filename=\"codebase.zip\"\r\nContent-Type: application/zip\r\n\r\n".encode(),
        archive.getvalue(), f"\r\n--{boundary}--\r\n".encode()])
    api.call("POST", f"{api.project}/packages", body, content_type=f"multipart/form-data; boundary={boundary}")
    service = api.call("POST", f"{api.project}/services", {
        "name": "chaos", "packageName": "chaos", "maxAttempts": cluster.args.max_attempts, "onReset": "rerun",
        "runtime": {"replicas": cluster.args.replicas, "concurrency": cluster.args.concurrency}})["id"]
    deadline = time.monotonic() + 90
    while api.call("GET", f"{api.project}/services/{service}/status")["status"] != "Active":
        if time.monotonic() > deadline:
            raise RuntimeError("the service did not become Active")
        time.sleep(0.5)
    return api, service
