#!/usr/bin/env python3
"""Summarises the alternating pairs of the runner's `slowcalls` child in this folder.

    python3 pairs.py FILE

ab.sh's lines: rate pair side time p50 N p999 N slow N, side a the baseline and b the candidate; writer-nice.sh's:
rate pair side time <the child's line>, side base the baseline and nice the candidate. Prints, per rate, in how many
pairs the candidate had fewer calls of 15 us or more and a lower p99.9, and the range and median of both sides."""
import re
import statistics
import sys

rows = {}
for line in open(sys.argv[1], encoding="utf-8"):
    parts = line.split()
    if not parts:
        continue
    rate, pair, side = parts[0], parts[1], parts[2]
    short = re.search(r"p999 ([\d,]+) slow ([\d,]+)", line)
    if short:
        p999, slowed = (int(g.replace(",", "")) for g in short.groups())
    else:
        slowed = int(re.search(r"; ([\d,]+) calls of 15", line).group(1).replace(",", ""))
        p999 = int(re.search(r"p99\.9 ([\d,]+) ns", line).group(1).replace(",", ""))
    rows.setdefault(rate, {}).setdefault(pair, {})["base" if side in ("a", "base") else "cand"] = (slowed, p999)

for rate, pairs in rows.items():
    whole = [p for p in pairs.values() if len(p) == 2]
    fewer = sum(p["cand"][0] < p["base"][0] for p in whole)
    lower = sum(p["cand"][1] < p["base"][1] for p in whole)
    print(f"{rate}/s: {len(whole)} pairs; candidate fewer calls of 15 us or more in {fewer}, lower p99.9 in {lower}")
    for side in ("cand", "base"):
        slowed = [p[side][0] for p in whole]
        p999 = [p[side][1] for p in whole]
        print(f"  {'candidate' if side == 'cand' else 'baseline '}: calls >= 15 us {min(slowed):,}-{max(slowed):,} (median {statistics.median(slowed):,.0f}), "
              f"p99.9 {min(p999) / 1000:.1f}-{max(p999) / 1000:.1f} us (median {statistics.median(p999) / 1000:.1f})")
