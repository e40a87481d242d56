#!/usr/bin/env python3
"""The same matching problem as a dense assignment for scipy, timed beside Sammen's engine.

Usage: bench/matching_scipy.py PAIR_SCORES.json SAMMEN_OUTPUT.json INPUT.json

PAIR_SCORES.json is `sammen match --all-scores` output (every eligible pair with its score);
SAMMEN_OUTPUT.json is the proposal without --all-scores. Peers are expanded into one column
per unit of capacity (5,000 participants x 1,000 peers x capacity 5 gives 5,000 x 5,000);
an eligible pair costs (100 - score), an ineligible one 1e9, so the optimum first matches as
many participants as possible and then has the greatest total score, as Sammen's does.
Prints scipy's solve time (matrix building excluded) and compares the two optima.
"""
import json
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment

INELIGIBLE = 1e9

with open(sys.argv[1]) as f:
    full = json.load(f)
with open(sys.argv[2]) as f:
    ours = json.load(f)
with open(sys.argv[3]) as f:
    problem = json.load(f)

participants = [p["id"] for p in problem["participants"]]
p_index = {p: i for i, p in enumerate(participants)}
columns = []
for peer in problem["peers"]:
    columns.extend([peer["id"]] * int(peer["capacity"]))
col_of_peer = {}
for j, peer_id in enumerate(columns):
    col_of_peer.setdefault(peer_id, []).append(j)

cost = np.full((len(participants), len(columns)), INELIGIBLE)
for pair in full["pair_scores"]:
    i = p_index[pair["participant"]]
    for j in col_of_peer[pair["peer"]]:
        cost[i, j] = 100.0 - pair["score"]

started = time.perf_counter()
rows, cols = linear_sum_assignment(cost)
elapsed = time.perf_counter() - started

chosen = cost[rows, cols]
eligible = chosen < INELIGIBLE
matched = int(eligible.sum())
total = float((100.0 - chosen[eligible]).sum())
ours_matched = len(ours["assignments"])
ours_total = sum(a["score"] for a in ours["assignments"])
print(f"scipy linear_sum_assignment: {elapsed:.3f} s for a {cost.shape[0]} x {cost.shape[1]} matrix")
print(f"scipy optimum: {matched} matched, total score {total:.3f}")
print(f"sammen optimum: {ours_matched} matched, total score {ours_total:.3f}")
same = matched == ours_matched and abs(total - ours_total) < 0.01
print("same optimum" if same else "DIFFERENT OPTIMA")
sys.exit(0 if same else 1)
