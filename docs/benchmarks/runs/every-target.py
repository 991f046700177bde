#!/usr/bin/env python3
"""Which of issue 17's targets each stored run missed, for every declared sequence of three in this folder.

usage (from docs/benchmarks/runs): python3 every-target.py

A run meets every target when, in its median repeats, LoguStyle direct and enqueued write at least 1.5x ZLogger's
records/s for Template and LoggerMessage and 3x for Threads, LoguStyle enqueued's caller ns is at most ZLogger's in
those three scenarios, and the runner's own verdict lines in paced.log say "met" at both rates. Lost records and
allocation are not judged here (stats.txt of each folder has them).
"""
import json
import os
import re

# Oldest first; the 544d905 runs are this folder's own run1..run3.
SEQUENCES = ['.', 'f4ea046', 'c8dddc7', '2c7e22d', '34d6948', '146c830', '2750ccb', 'ea712af', '48eec8d', 'a3541fa']
TARGETS = (('Template', 1.5), ('LoggerMessage', 1.5), ('Threads', 3.0))


def misses(folder):
    throughput = json.load(open(os.path.join(folder, 'throughput.json')))
    medians = {(x['Scenario'], x['Provider']): x for x in throughput['Results']}
    missed = []
    for scenario, target in TARGETS:
        zlogger = medians[(scenario, 'zlogger-file')]
        for setup in ('logustyle-direct', 'logustyle-enqueued'):
            ratio = medians[(scenario, setup)]['RecordsPerSecond'] / zlogger['RecordsPerSecond']
            if ratio < target:
                missed.append(f'{scenario} {setup[10:]} {ratio:.3f}x')
        caller = medians[(scenario, 'logustyle-enqueued')]['CallerNsPerCall']
        if caller > zlogger['CallerNsPerCall']:
            missed.append(f'{scenario} enqueued caller {caller:.0f} > {zlogger["CallerNsPerCall"]:.0f} ns')
    paced = open(os.path.join(folder, 'paced.log')).read()
    for rate, verdict in re.findall(r"paced (\d+)/s: Issue 17's target.*: \**(met|missed|undecided)", paced):
        if verdict != 'met':
            missed.append(f'p99.9 at {int(rate):,}/s {verdict}')
    return missed


met = total = 0
for sequence in SEQUENCES:
    commit = sequence if sequence != '.' else '544d905'
    for run in ('run1', 'run2', 'run3'):
        found = misses(os.path.join(sequence, run))
        total += 1
        met += not found
        print(f'{commit} {run}: ' + ('every target met' if not found else 'missed ' + '; '.join(found)))
print(f'{met} of {total} runs met every target')
