#!/usr/bin/env python3
"""Main-thread time per frame from a Chromium trace (--trace-startup-file).

A frame is everything the renderer's main thread runs from one timer tick of the playground
to the next: the tick itself (advance the world, diff and patch the DOM, in Yew) and the
style, layout and paint work that follows. Prints the median, p90 and max in milliseconds.
Usage: frame-times.py TRACE.json [SKIP_FIRST_FRAMES]
"""
import json
import statistics
import sys

trace = json.load(open(sys.argv[1]))
events = trace["traceEvents"] if isinstance(trace, dict) else trace
skip = int(sys.argv[2]) if len(sys.argv) > 2 else 5

main = {(e["pid"], e["tid"]) for e in events
        if e.get("ph") == "M" and e.get("name") == "thread_name" and e["args"].get("name") == "CrRendererMain"}
tasks = sorted((e["ts"], e.get("dur", 0)) for e in events
               if (e.get("pid"), e.get("tid")) in main and e.get("ph") == "X" and e.get("name") == "ThreadControllerImpl::RunTask")
ticks = sorted(e["ts"] for e in events
               if (e.get("pid"), e.get("tid")) in main and e.get("name") == "TimerFire")
if len(ticks) < skip + 3:
    sys.exit(f"only {len(ticks)} timer ticks in the trace")
frames = []
for start, end in zip(ticks[skip:], ticks[skip + 1:]):
    # Tasks that began in this frame's window; a tick's task begins just before its TimerFire.
    busy = sum(d for ts, d in tasks if start - 50 <= ts < end - 50)
    frames.append(busy / 1000)
frames.sort()
p90 = frames[int(len(frames) * 0.9)]
print(f"frames={len(frames)} median={statistics.median(frames):.2f}ms p90={p90:.2f}ms max={frames[-1]:.2f}ms")
