"""Chaos run: a platform started like the bench's is kept busy with executions of bench/chaos/package while its host,
runner agents, Python workers and Azurite are killed -9 at random moments; then every execution is read back and the
run prints what was lost, what was recorded twice, which bodies ran twice, and how long each fault took to recover.

Python standard library only. Started by bench/chaos/run.sh, which builds Release first; see bench/README.md, "Chaos".
"""

import argparse
import json
import os
import random
import shutil
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from cluster import Cluster, log, set_up
from report import FINAL, analyze, render

FAULTS = ("host", "runner", "worker", "azurite")


def parse():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--executions", type=int, default=500)
    parser.add_argument("--duration", type=float, default=120, help="seconds over which the executions are submitted, evenly")
    parser.add_argument("--seconds", type=float, nargs=2, default=(0.5, 2.0), metavar=("MIN", "MAX"), help="each call's length, uniform")
    parser.add_argument("--faults", default=",".join(FAULTS), help="kinds to inflict, comma-separated: " + ", ".join(FAULTS))
    parser.add_argument("--every", type=float, nargs=2, default=(6.0, 14.0), metavar=("MIN", "MAX"), help="seconds between faults, uniform")
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--max-attempts", type=int, default=3)
    parser.add_argument("--lease-seconds", type=int, help="runners' lease (queues.visibilityTimeoutSeconds); host.json's when left out")
    parser.add_argument("--raw-azurite-kill", action="store_true",
                        help="kill Azurite -9 with traffic flowing (it then forgets up to 5 s of acknowledged writes) instead of cutting it off first")
    parser.add_argument("--settle", type=float, default=300, help="the longest wait for every execution to be final after the last fault")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--out", help="also write the result as JSON here")
    parser.add_argument("--keep", action="store_true", help="keep the work dir (host.log, Azurite's data, the runs)")
    return parser.parse_args()


def submit(api, service, args, executions):
    """Posts the executions evenly over the duration; the key doubles as Idempotency-Key, so a retried post creates nothing twice."""
    start = time.monotonic()
    interval = args.duration / args.executions

    def post(index):
        time.sleep(max(0.0, start + index * interval - time.monotonic()))
        key = f"chaos-{index:04d}"
        body = {"functionName": "work", "input": {"key": key, "seconds": round(random.uniform(*args.seconds), 2)}}
        created = api.call("POST", f"{api.project}/services/{service}/execute", body, headers={"Idempotency-Key": key}, patience=300)
        executions[index] = {"key": key, "id": created["id"]}

    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(post, range(args.executions)))


def inflict(cluster, args, faults, submitting):
    kinds = [kind for kind in args.faults.split(",") if kind]
    time.sleep(random.uniform(*args.every))
    while submitting.is_alive():
        kind = random.choice(kinds)
        at = time.time()
        detail = getattr(cluster, f"kill_{kind}")() or ""
        faults.append({"kind": kind, "at": at, "done": time.time(), "detail": detail})
        log(f"{kind} killed {detail}; back after {time.time() - at:.1f} s")
        time.sleep(random.uniform(*args.every))


def settle(api, executions, seconds):
    """Reads every execution until each is final or the time is up; returns id -> last read."""
    last, deadline, told = {}, time.monotonic() + seconds, time.monotonic()
    while True:
        pending = [e["id"] for e in executions if last.get(e["id"], {}).get("latestStatus", {}).get("status") not in FINAL]
        if not pending or time.monotonic() > deadline:
            return last
        for execution_id in pending:
            last[execution_id] = api.call("GET", f"{api.project}/executions/{execution_id}")
        if time.monotonic() - told > 10:
            log(f"{len(pending)} executions not final yet")
            told = time.monotonic()
        time.sleep(1)


def main():
    args = parse()
    random.seed(args.seed)
    work = tempfile.mkdtemp(prefix="faas-chaos-")
    log(f"work dir {work}")
    cluster = Cluster(args, work)
    try:
        cluster.start_azurite()
        cluster.start_host()
        api, service = set_up(cluster)
        executions, faults = [None] * args.executions, []
        started = time.time()
        submitting = threading.Thread(target=submit, args=(api, service, args, executions))
        submitting.start()
        inflict(cluster, args, faults, submitting)
        submitting.join()
        log(f"{args.executions} submitted, {len(faults)} faults; waiting for every execution to be final")
        final = settle(api, executions, args.settle)
        runs = {name: sum(1 for _ in open(os.path.join(cluster.runs_dir, name))) for name in os.listdir(cluster.runs_dir)}
        result = analyze(executions, final, faults, runs, started, time.time())
        result["settings"] = {k: v for k, v in vars(args).items() if k not in ("out", "keep")}
        print(render(result))
        with open(os.path.join(work, "chaos.json"), "w") as handle:
            json.dump(result, handle, indent=1)
        if args.out:
            with open(args.out, "w") as handle:
                json.dump(result, handle, indent=1)
    finally:
        cluster.stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
