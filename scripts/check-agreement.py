#!/usr/bin/env python3
"""Recomputes `sammen qualitative agreement --format json` with nltk, as an independent check.

    /tmp/sammen-py-venv/bin/python scripts/check-agreement.py FILE.csv

FILE.csv is a UTF-8 CSV with the header `segment,coder,code`, one row per code a coder applied
to a segment (an empty code: the coder read the segment and applied nothing). As in Sammen,
every coder in the file is taken to have read every segment in it, so each (segment, code,
coder) is present (1) or absent (0). Prints the same JSON shape as the command.

What comes from nltk (`nltk.metrics.agreement.AnnotationTask`, binary distance):
- Cohen's kappa (exactly two coders): `kappa_pairwise(a, b)`, per code, items = segments.
- Krippendorff's alpha: `alpha()`, per code (items = segments) and overall (items =
  (segment, code) pairs). nltk, like Krippendorff, drops items with fewer than two labels.
- Percent agreement for two coders: `avg_Ao()` (observed agreement of the one pair).

Conventions that differ from nltk, made explicit here so like is compared with like:
- Where the coefficient is 0/0 nltk returns 1 by its own convention (kappa when the expected
  agreement is 1, alpha when only one label value occurs among items with two or more
  labels); Sammen reports null, and so does this script, detecting the case from nltk's own
  quantities (`Ae_kappa`, the labels of the pairable items).
- Percent agreement with three or more coders is the share of segments on which every coder
  gives the same value (nltk's `avg_Ao` is the mean over coder pairs, another figure); it is
  computed here directly.
"""

import csv
import json
import math
import sys

from nltk.metrics.agreement import AnnotationTask


def read(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    segments = sorted({r["segment"].strip() for r in rows})
    coders = sorted({r["coder"].strip() for r in rows})
    codes = sorted({r["code"].strip() for r in rows if (r["code"] or "").strip()})
    applied = {(r["segment"].strip(), r["coder"].strip(), r["code"].strip()) for r in rows if (r["code"] or "").strip()}
    return segments, coders, codes, applied


def alpha(task):
    pairable = {}
    for x in task.data:
        pairable.setdefault(x["item"], []).append(x["labels"])
    labels = {label for values in pairable.values() if len(values) >= 2 for label in values}
    if len(labels) < 2:
        return None  # nltk returns 1 here; the expected disagreement is 0
    return float(task.alpha())


def main(path):
    segments, coders, codes, applied = read(path)
    out = {"codes": {}, "overall": {}, "coders": coders}
    pooled = []
    for code in codes:
        triples = [(c, s, int((s, c, code) in applied)) for s in segments for c in coders]
        pooled.extend((c, f"{s}\x1f{code}", v) for c, s, v in triples)
        task = AnnotationTask(data=triples)
        kappa = None
        if len(coders) == 2:
            a, b = coders
            if not math.isclose(task.Ae_kappa(a, b), 1.0):
                kappa = float(task.kappa_pairwise(a, b))
            percent = float(task.avg_Ao())
        else:
            values = [[int((s, c, code) in applied) for c in coders] for s in segments]
            percent = sum(1 for v in values if len(set(v)) == 1) / len(segments)
        out["codes"][code] = {
            "n_segments": len(segments),
            "percent_agreement": percent,
            "cohen_kappa": kappa,
            "krippendorff_alpha": alpha(task),
        }
    out["overall"]["krippendorff_alpha"] = alpha(AnnotationTask(data=pooled)) if pooled else None
    json.dump(out, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: check-agreement.py FILE.csv")
    main(sys.argv[1])
