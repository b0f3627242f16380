"""What a chaos run did to the executions: lost, recorded twice, run twice, and each fault's recovery."""

import statistics
from datetime import datetime

FINAL = {"success", "failed", "terminated", "aborted", "system-failure"}


def _time(entry):
    return datetime.fromisoformat(entry["timestamp"]).timestamp()


def analyze(executions, final, faults, runs, started, ended):
    """executions: [{key, id}]; final: id -> execution JSON (last read); faults: [{kind, at, done, detail}]; runs: key -> count."""
    rows = []
    for execution in executions:
        body = final.get(execution["id"])
        log = body["statusLog"] if body else []
        status = body["latestStatus"]["status"] if body else "unread"
        rows.append({
            "key": execution["key"], "id": execution["id"], "status": status, "attempts": body["attempts"] if body else 0,
            "successes": sum(1 for e in log if e["status"] == "success"),
            "errors": [e["error"]["type"] for e in log if e["status"] == "failed" and e.get("error")],
            "created": _time(log[0]) if log else None, "finished": _time(log[-1]) if status in FINAL else None,
            "runs": runs.get(execution["key"], 0)})
    completions = sorted(r["finished"] for r in rows if r["finished"])
    result = {
        "executions": len(rows), "seconds": round(ended - started, 1),
        "lost": [f"{r['key']} {r['id']} {r['status']}" for r in rows if r["status"] not in FINAL],
        "recordedTwice": [r["key"] for r in rows if r["successes"] > 1],
        "notSuccess": [f"{r['key']} {r['status']} {r['errors']}" for r in rows if r["status"] in FINAL - {"success"}],
        "retried": _count(e for r in rows for e in r["errors"]),
        "ranTwice": [f"{r['key']}={r['runs']}" for r in rows if r["runs"] > 1],
        "succeededWithoutRun": [r["key"] for r in rows if r["status"] == "success" and r["runs"] == 0],
        "faults": [],
    }
    undisturbed = [r["finished"] - r["created"] for r in rows if r["finished"] and not any(
        r["created"] <= f["done"] + 1 and r["finished"] >= f["at"] for f in faults)]
    result["undisturbed"] = _spread(undisturbed)
    for index, fault in enumerate(faults):
        until = faults[index + 1]["at"] if index + 1 < len(faults) else (completions[-1] if completions else fault["at"])
        after = [t for t in completions if t > fault["at"]]
        in_flight = [r["finished"] for r in rows if r["created"] and r["created"] < fault["at"] and r["finished"] and r["finished"] > fault["at"]]
        # Until the next fault, or the first completion after this one when that comes later.
        window = [fault["at"]] + [t for t in completions if fault["at"] < t <= max(until, after[0] if after else until)]
        result["faults"].append({
            **fault, "at": round(fault["at"] - started, 1), "took": round(fault["done"] - fault["at"], 1),
            "firstCompletion": round(after[0] - fault["at"], 1) if after else None,
            "inFlightDrained": round(max(in_flight) - fault["at"], 1) if in_flight else None,
            "longestGap": round(max(b - a for a, b in zip(window, window[1:])), 1) if len(window) > 1 else None})
        del result["faults"][-1]["done"]
    return result


def _count(items):
    counts = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    return counts


def _spread(values):
    if not values:
        return None
    ordered = sorted(values)
    return {"n": len(ordered), "p50": round(statistics.median(ordered), 1), "p90": round(ordered[int(0.9 * (len(ordered) - 1))], 1), "max": round(ordered[-1], 1)}


def render(result):
    lines = [
        f"chaos: {result['executions']} executions, {len(result['faults'])} faults, {result['seconds']} s from the first submission to the last read",
        f"lost (not final): {len(result['lost'])}  {' | '.join(result['lost'][:20])}",
        f"result recorded twice: {len(result['recordedTwice'])}  {' '.join(result['recordedTwice'][:20])}",
        f"final but not success: {len(result['notSuccess'])}  {' | '.join(result['notSuccess'][:20])}",
        f"failed attempts that were retried or ended the execution, by error: {result['retried']}",
        f"bodies run twice: {len(result['ranTwice'])}  {' '.join(result['ranTwice'][:30])}",
        f"success without a finished body: {len(result['succeededWithoutRun'])}  {' '.join(result['succeededWithoutRun'][:20])}",
        f"undisturbed executions, created -> final (s): {result['undisturbed']}",
        "",
        "| fault | at (s) | what | took (s) | first completion after (s) | in-flight all final after (s) | longest completion gap (s) |",
        "|---|---:|---|---:|---:|---:|---:|"]
    for fault in result["faults"]:
        lines.append(f"| {fault['kind']} | {fault['at']} | {fault['detail']} | {fault['took']} | {fault['firstCompletion']} | {fault['inFlightDrained']} | {fault['longestGap']} |")
    lines += ["", "| fault | n | in-flight all final after, median (s) | max (s) |", "|---|---:|---:|---:|"]
    for kind in sorted({f["kind"] for f in result["faults"]}):
        drained = [f["inFlightDrained"] for f in result["faults"] if f["kind"] == kind and f["inFlightDrained"] is not None]
        if drained:
            lines.append(f"| {kind} | {len(drained)} | {statistics.median(drained):.1f} | {max(drained):.1f} |")
    return "\n".join(lines)
