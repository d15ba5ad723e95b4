#!/usr/bin/env python3
"""Prints the headline figures of ./mmo bench JSON files as a Markdown table (used for docs/benchmarks.md).
   python3 bench/summarize.py target/bench/*.json"""
import json
import sys


def get(run, *path):
    value = run
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def cpu(run, prefix):
    total = 0.0
    found = False
    for p in run.get("processes", []):
        if p["name"].startswith(prefix) and p.get("cpuPercent") is not None:
            total += p["cpuPercent"]
            found = True
    return round(total) if found else None


def server_cpu(run):
    return round(sum(p["cpuPercent"] for p in run.get("processes", [])
                     if not p["name"].startswith("bench") and p.get("cpuPercent") is not None))


def memory(run):
    """KiB per connected player: peak RSS of the gateway and of world-service over the window / connected players"""
    m = run.get("memoryPerPlayer") or {}
    values = [(m.get(p) or {}).get("kibPerPlayer") for p in ("gateway", "world-service")]
    if all(v is None for v in values):
        return "–"
    return ", ".join("–" if v is None else str(round(v)) for v in values)


print("| run | system | load avg (1 min, before→after) | connected | ticks/s | tick p50/p99 ms | Target→Moves p50/p99/max ms "
      "| Ping RTT p50/p99 ms | jitter p50/p99 ms | frames/s, KB/s per client | server CPU % | load gen CPU % "
      "| memory/player KiB (gateway, world) | machine busy % | server / generator CPU % of their cores |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for name in sys.argv[1:]:
    with open(name) as f:
        doc = json.load(f)
    for run in doc["runs"]:
        s = run["scenario"]
        label = f'{s["players"]} {"spread" if s["spread"] else "area " + str(int(s["area"]))}, ramp {s["rampSeconds"]} s' \
                + (f', chat {s["chatPerMinute"]}/min' if s["chatPerMinute"] != 1 else "")
        load = f'{get(run, "machine", "loadAverageBefore")[0]}→{get(run, "machine", "loadAverageAfter")[0]}'
        t = run.get("tickMs", {})
        tm = run.get("targetToMovesMs", {})
        ping = run.get("pingRoundTripMs") or {}
        jit = run.get("movesJitterMs", {})
        pc = run.get("perClient", {})
        fair = run.get("fairness") or {}
        pinned = (f'{fair.get("serverCpuPercentOfItsCores")} / {fair.get("generatorCpuPercentOfItsCores")}'
                  f' (cores {fair.get("serverCpus")} / {fair.get("generatorCpus")}'
                  f'{"" if fair.get("pinned") else ", not pinned"})') if fair else "–"
        void = " **VOID**" if run.get("void") else ""
        print(f'| {label} ({run["startedAt"][:16]}Z){void} | {run["system"]} | {load} | {get(run, "players", "connected")}/{s["players"]} '
              f'| {t.get("ticksPerSecond")} | {t.get("p50")}/{t.get("p99")} | {tm.get("p50")}/{tm.get("p99")}/{tm.get("max")} '
              f'| {ping.get("p50", "–")}/{ping.get("p99", "–")} | {jit.get("p50")}/{jit.get("p99")} '
              f'| {pc.get("framesPerSecond")}, {pc.get("kBytesPerSecond")} | {server_cpu(run)} | {cpu(run, "bench")} '
              f'| {memory(run)} | {get(run, "machine", "cpuBusyPercent") if get(run, "machine", "cpuBusyPercent") is not None else "–"} '
              f'| {pinned} |')
