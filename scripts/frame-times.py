#!/usr/bin/env python3
"""Main-thread time per frame from a Chromium trace (--trace-startup-file).

A frame is everything the renderer's main thread runs from one timer tick of the playground
to the next: the tick itself (advance the world, diff and patch the DOM, in Yew) and the
style, layout and paint work that follows. Prints the median, p90 and max in milliseconds over
the frames of every trace given (and p95, issue 16's measure) (this machine is a shared VM: one run's median can be off by
half, so several runs are pooled), and each run's own median.
Usage: frame-times.py TRACE.json [TRACE.json ...]
"""
import json
import statistics
import sys

SKIP = 5  # the first frames load the page and open the world


def frames_of(path):
    trace = json.load(open(path))
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    main = {(e["pid"], e["tid"]) for e in events
            if e.get("ph") == "M" and e.get("name") == "thread_name" and e["args"].get("name") == "CrRendererMain"}
    tasks = sorted((e["ts"], e.get("dur", 0), e.get("tdur", e.get("dur", 0))) for e in events
                   if (e.get("pid"), e.get("tid")) in main and e.get("ph") == "X"
                   and e.get("name") == "ThreadControllerImpl::RunTask")
    ticks = sorted(e["ts"] for e in events
                   if (e.get("pid"), e.get("tid")) in main and e.get("name") == "TimerFire")
    if len(ticks) < SKIP + 3:
        sys.exit(f"only {len(ticks)} timer ticks in {path}")
    frames = []
    for start, end in zip(ticks[SKIP:], ticks[SKIP + 1:]):
        # Tasks that began in this frame's window; a tick's task begins just before its TimerFire.
        inside = [t for t in tasks if start - 50 <= t[0] < end - 50]
        frames.append((sum(t[1] for t in inside) / 1000, sum(t[2] for t in inside) / 1000))
    return frames


def summary(runs, what):
    pooled = sorted(f for run in runs for f in run)
    p90 = pooled[int(len(pooled) * 0.9)]
    p95 = pooled[int(len(pooled) * 0.95)]
    each = ", ".join(f"{statistics.median(run):.2f}" for run in runs)
    return (f"{what}: median={statistics.median(pooled):.2f}ms p90={p90:.2f}ms p95={p95:.2f}ms "
            f"max={pooled[-1]:.2f}ms (each run's median: {each})")


runs = [frames_of(path) for path in sys.argv[1:]]
print(f"runs={len(runs)} frames={sum(len(r) for r in runs)}")
# Wall time of the main thread's tasks, and the CPU time the thread got in them (`tdur`): on a
# shared VM the thread is sometimes descheduled mid-task, which counts in the first only.
print(summary([[w for w, _ in run] for run in runs], "  wall"))
print(summary([[c for _, c in run] for run in runs], "  cpu "))
