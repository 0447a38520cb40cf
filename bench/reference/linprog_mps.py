"""Reference for `npm run bench:simulate`: the same monthly linear programmes solved with
scipy.optimize.linprog(method='highs'), as an analyst would without Lodestone's engine.

Reads the free-format MPS files Lodestone writes (ROWS N/E/L/G, COLUMNS, RHS, RANGES, BOUNDS FX/FR/MI/LO/UP/PL),
builds the sparse matrices and solves each programme. Parsing the text is not timed; building the matrices
and solving are (`--repeat N`: the median of N passes). Prints JSON {"seconds": ..., "objectives": [...]} for the files in argument order.
"""
import json
import sys
import time

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix


def parse(path):
    rows, kinds, cols, entries, cost, rhs, rng, lo, up = [], {}, {}, [], {}, {}, {}, {}, {}
    section = None
    with open(path) as f:
        for line in f:
            if not line.strip():
                continue
            if not line.startswith(" "):
                section = line.split()[0]
                continue
            p = line.split()
            if section == "ROWS":
                if p[0] != "N" or p[1] != "obj":
                    kinds[p[1]] = p[0]
                    rows.append(p[1])
            elif section == "COLUMNS":
                if "'MARKER'" in p:
                    continue
                c = cols.setdefault(p[0], len(cols))
                for r, v in zip(p[1::2], p[2::2]):
                    if r == "obj":
                        cost[c] = float(v)
                    else:
                        entries.append((r, c, float(v)))
            elif section == "RHS":
                rhs[p[1]] = float(p[2])
            elif section == "RANGES":
                rng[p[1]] = float(p[2])
            elif section == "BOUNDS":
                kind, c = p[0], cols[p[2]]
                if kind == "FX":
                    lo[c] = up[c] = float(p[3])
                elif kind == "FR":
                    lo[c], up[c] = None, None
                elif kind == "MI":
                    lo[c] = None
                elif kind == "LO":
                    lo[c] = float(p[3])
                elif kind == "UP":
                    up[c] = float(p[3])
    return rows, kinds, cols, entries, cost, rhs, rng, lo, up


def solve(model):
    rows, kinds, cols, entries, cost, rhs, rng, lo, up = model
    n = len(cols)
    eq = [r for r in rows if kinds[r] == "E"]
    le = [r for r in rows if kinds[r] in ("L", "G")]
    index_eq = {r: i for i, r in enumerate(eq)}
    index_le = {r: i for i, r in enumerate(le)}
    ue_r, ue_c, ue_v, b_ub = [], [], [], []
    eq_r, eq_c, eq_v = [], [], []
    for r, c, v in entries:
        if r in index_eq:
            eq_r.append(index_eq[r]); eq_c.append(c); eq_v.append(v)
        else:
            sign = -1.0 if kinds[r] == "G" else 1.0
            ue_r.append(index_le[r]); ue_c.append(c); ue_v.append(sign * v)
    for r in le:
        b_ub.append(rhs.get(r, 0.0) * (-1.0 if kinds[r] == "G" else 1.0))
    c = np.zeros(n)
    for j, v in cost.items():
        c[j] = v
    bounds = [(lo.get(j, 0.0), up.get(j, None)) for j in range(n)]
    a_eq = csr_matrix((eq_v, (eq_r, eq_c)), shape=(len(eq), n)) if eq else None
    a_ub = csr_matrix((ue_v, (ue_r, ue_c)), shape=(len(le), n)) if le else None
    b_eq = np.array([rhs.get(r, 0.0) for r in eq]) if eq else None
    result = linprog(c, A_ub=a_ub, b_ub=np.array(b_ub) if le else None, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
    if result.status != 0:
        raise SystemExit(f"linprog failed: {result.message}")
    return result.fun


args = sys.argv[1:]
repeat = 1
if args[:1] == ["--repeat"]:
    repeat, args = int(args[1]), args[2:]
models = [parse(p) for p in args]
times = []
for _ in range(repeat):
    start = time.perf_counter()
    objectives = [solve(m) for m in models]
    times.append(time.perf_counter() - start)
# The median over repeats, as for the engine: the machine's slow spells hit single timings.
print(json.dumps({"seconds": sorted(times)[len(times) // 2], "objectives": objectives}))
