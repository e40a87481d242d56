#!/usr/bin/env python3
"""Reference values for the `sammen-evaluation` crate, computed with scipy and statsmodels.

Run from the repository root:

    pip install scipy statsmodels        # numpy comes with them
    python3 tools/reference/make_reference.py

It writes the JSON fixtures (and one CSV) under `crates/evaluation/tests/fixtures/`, which the
Rust tests load and compare to 4 decimals (most checks are much tighter). The fixtures are
committed; re-run this script only when a case is added. The output is deterministic: data are
generated with fixed seeds, and the versions used are recorded in each fixture.

What comes from where:

* distributions.json  scipy.stats t / norm / chi2 (cdf, sf, ppf) on a grid.
* paired.json         scipy.stats.ttest_rel (t, df, two-sided p, 95% CI of the mean change),
                      scipy.stats.pearsonr (r), numpy (means, SDs), scipy.special.gammaln (the
                      exact small-sample factor J); the effect sizes are the formulas of docs/evaluation.md.
                      Cases: R's `sleep` data (Cushny & Peebles 1905, as analysed by Student
                      1908), the movie-rating example of Lakens (2013, Table 1), generated data.
* change_generated.csv / change_generated.json
                      a generated `evaluate change` input file and the report expected for it.
* rci_attrition.json  Jacobson-Truax reliable change (direct arithmetic, numpy), attrition: Hedges'
                      g as metafor's escalc("SMD") with scipy's gammaln and norm.ppf, and the
                      sensitivity analyses through scipy.stats.ttest_rel on the imputed data.
* meta.json           random-effects pooling. DerSimonian-Laird from statsmodels'
                      `combine_effects(method_re="chi2")` (statsmodels does not truncate a
                      negative tau^2, so the truncated value is used where Q < k - 1, and the
                      cross-check is asserted only where Q >= k - 1). statsmodels has no REML,
                      so REML's tau^2 is found here independently of the Rust code's Fisher
                      scoring: as the root of the restricted-likelihood score by scipy's
                      `brentq`, confirmed by maximising the restricted log-likelihood with
                      `minimize_scalar`. Hartung-Knapp from statsmodels' `var_hksj_re` (DL) and
                      the same formula for REML; prediction intervals as metafor's
                      `predict.rma` (z with se^2 + tau^2; t with k - 1 df under test="knha").
"""

from __future__ import annotations

import csv
import io
import json
import math
import sys
import warnings
from pathlib import Path

import numpy as np
import scipy
import statsmodels
from scipy import optimize, special, stats
from statsmodels.stats.meta_analysis import combine_effects

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "crates" / "evaluation" / "tests" / "fixtures"

VERSIONS = {
    "python": sys.version.split()[0],
    "numpy": np.__version__,
    "scipy": scipy.__version__,
    "statsmodels": statsmodels.__version__,
}


def fnum(x):
    """A finite float, or None (JSON null) for NaN/inf/None."""
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


# ----------------------------------------------------------------------------------------------
# distributions


def distributions():
    t_cases = []
    for df in [1, 2, 3, 4, 5, 9, 12, 29, 30, 100, 1000, 100000]:
        for t in [0.0, 0.1, 0.5, 1.0, 1.96, 2.5, 4.0621, 10.0, 40.0]:
            t_cases.append({"df": df, "t": t, "two_sided_p": float(2 * stats.t.sf(t, df))})
    t_quantiles = []
    for df in [1, 2, 3, 4, 5, 9, 12, 29, 30, 100, 1000, 100000]:
        for p in [0.5, 0.6, 0.9, 0.95, 0.975, 0.995, 0.9995, 0.05, 0.025]:
            t_quantiles.append({"df": df, "p": p, "q": float(stats.t.ppf(p, df))})
    normal = []
    for z in [-8.0, -5.0, -3.0, -1.959963984540054, -1.0, -0.1, 0.0, 0.3, 1.0, 1.645, 2.5, 6.0]:
        normal.append({"z": z, "cdf": float(stats.norm.cdf(z))})
    normal_quantiles = []
    for p in [1e-10, 1e-5, 0.001, 0.01, 0.025, 0.05, 0.2, 0.5, 0.8, 0.95, 0.975, 0.99, 0.999999]:
        normal_quantiles.append({"p": p, "q": float(stats.norm.ppf(p))})
    chi2 = []
    for df in [1, 2, 3, 5, 12, 50, 200]:
        for x in [0.001, 0.5, 1.0, 3.84, 10.0, 21.0, 60.0, 152.233]:
            chi2.append({"df": df, "x": x, "sf": float(stats.chi2.sf(x, df))})
    return {
        "generated_by": "tools/reference/make_reference.py",
        "versions": VERSIONS,
        "t_two_sided_p": t_cases,
        "t_quantile": t_quantiles,
        "normal_cdf": normal,
        "normal_quantile": normal_quantiles,
        "chi2_sf": chi2,
    }


# ----------------------------------------------------------------------------------------------
# paired change


def j_exact(m):
    """metafor's .cmicalc(m): Gamma(m/2) / (sqrt(m/2) Gamma((m-1)/2)); undefined for m <= 1."""
    if m <= 1:
        return None
    return math.exp(special.gammaln(m / 2) - special.gammaln((m - 1) / 2)) / math.sqrt(m / 2)


def paired_stats(pre, post):
    """The `evaluate change` statistics for paired lists, with None where undefined."""
    pre = np.asarray(pre, dtype=float)
    post = np.asarray(post, dtype=float)
    n = len(pre)
    out = dict.fromkeys(
        ["mean_pre", "mean_post", "mean_change", "sd_change", "ci_low", "ci_high", "t", "df",
         "p", "r", "d_z", "d_av", "g_av", "smcr", "smcr_var"])
    out["n"] = n
    if n == 0:
        return out
    diff = post - pre
    out["mean_pre"] = float(pre.mean())
    out["mean_post"] = float(post.mean())
    out["mean_change"] = float(diff.mean())
    if n < 2:
        return out
    sd_change = float(diff.std(ddof=1))
    sd_pre = float(pre.std(ddof=1))
    sd_post = float(post.std(ddof=1))
    out["sd_change"] = sd_change
    out["df"] = n - 1
    if sd_change > 0:
        res = stats.ttest_rel(post, pre)
        ci = res.confidence_interval(0.95)
        out["t"] = float(res.statistic)
        out["p"] = float(res.pvalue)
        assert res.df == n - 1
        out["ci_low"] = float(ci.low)
        out["ci_high"] = float(ci.high)
        out["d_z"] = out["mean_change"] / sd_change
    else:
        # no spread in the changes: the interval collapses to the mean change, t and p are undefined
        out["ci_low"] = out["mean_change"]
        out["ci_high"] = out["mean_change"]
    if sd_pre > 0 and sd_post > 0:
        out["r"] = float(stats.pearsonr(pre, post).statistic)
    if sd_pre > 0 or sd_post > 0:
        d_av = out["mean_change"] / math.sqrt((sd_pre**2 + sd_post**2) / 2)
        out["d_av"] = d_av
        out["g_av"] = d_av * (1 - 3 / (4 * 2 * n - 9))
    j = j_exact(n - 1)
    if j is not None and sd_pre > 0 and out["r"] is not None:
        y = j * (out["mean_post"] - out["mean_pre"]) / sd_pre
        out["smcr"] = y
        out["smcr_var"] = 2 * (1 - out["r"]) / n + y**2 / (2 * n)
    return {k: (fnum(v) if k not in ("n", "df") else v) for k, v in out.items()}


def correlated_pairs(rng, n, mean_pre, sd_pre, change, sd_post, rho):
    z1 = rng.standard_normal(n)
    z2 = rho * z1 + math.sqrt(1 - rho**2) * rng.standard_normal(n)
    pre = mean_pre + sd_pre * z1
    post = mean_pre + change + sd_post * z2
    # scores as an instrument reports them: two decimals
    return [round(float(x), 2) for x in pre], [round(float(x), 2) for x in post]


def paired():
    cases = []

    # R's datasets::sleep (Cushny & Peebles 1905; Student 1908): extra hours of sleep with two
    # drugs in the same ten patients. `t.test(extra ~ group, data = sleep, paired = TRUE)` in R's
    # documentation prints t = -4.0621, df = 9, p-value = 0.002833, 95% CI -2.4598858 -0.7001142
    # for group1 - group2; here "pre" is drug 1 and "post" drug 2, so the signs flip.
    drug1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
    drug2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]
    cases.append({
        "name": "sleep (Cushny & Peebles 1905, Student 1908; R datasets::sleep)",
        "pre": drug1, "post": drug2,
        "published": {"t": 4.0621, "df": 9, "p": 0.002833,
                      "ci_low": 0.7001142, "ci_high": 2.4598858, "mean_change": 1.58},
        "expected": paired_stats(drug1, drug2),
    })

    # Lakens (2013), Frontiers in Psychology 4:863, Table 1: ratings of two movies by the same
    # ten people. Published: t(9) = 4.74, p = .001, r = .726, d_z = 1.50 (d_av there uses the
    # mean of the two SDs, not the root mean square used here, so it is not compared).
    movie1 = [9, 7, 8, 9, 8, 9, 9, 10, 9, 9]
    movie2 = [9, 6, 7, 8, 7, 9, 8, 8, 8, 7]
    cases.append({
        "name": "movie ratings (Lakens 2013, Table 1)",
        "pre": movie1, "post": movie2,
        "published": {"t": -4.74, "df": 9, "r": 0.726, "d_z": -1.50},
        "expected": paired_stats(movie1, movie2),
    })

    rng = np.random.default_rng(20240613)
    for n, mean_pre, sd_pre, change, sd_post, rho in [
        (3, 30.0, 8.0, 4.0, 9.0, 0.5),
        (5, 2.5, 0.6, 0.3, 0.7, 0.6),
        (12, 40.0, 10.0, 6.0, 11.0, 0.55),
        (40, 3.1, 0.8, 0.25, 0.9, 0.7),
        (200, 55.0, 12.0, -1.5, 12.0, 0.8),
        (25, 20.0, 5.0, 0.0, 5.0, -0.3),
    ]:
        pre, post = correlated_pairs(rng, n, mean_pre, sd_pre, change, sd_post, rho)
        cases.append({
            "name": f"generated n={n}",
            "pre": pre, "post": post,
            "expected": paired_stats(pre, post),
        })

    # degenerate inputs, to pin down the nulls
    for name, pre, post in [
        ("empty", [], []),
        ("one pair", [10.0], [12.0]),
        ("two pairs", [10.0, 14.0], [12.0, 15.0]),
        ("constant change", [10.0, 14.0, 9.0], [12.0, 16.0, 11.0]),
    ]:
        cases.append({"name": name, "pre": pre, "post": post, "expected": paired_stats(pre, post)})

    return {
        "generated_by": "tools/reference/make_reference.py",
        "versions": VERSIONS,
        "cases": cases,
    }


def change_csv():
    """A generated `evaluate change` file, and the report it must produce."""
    rng = np.random.default_rng(7)
    rows = []
    sites = [
        ("Aarhus", 30, 0.85),
        ("Nord, Syd", 18, 0.7),   # a comma inside a quoted field
        ("Ærø", 9, 0.6),          # not ASCII
        ("Odense", 1, 1.0),       # a single complete pair
        ("Vejle", 4, 0.0),        # nobody answered the follow-up
    ]
    pid = 0
    pairs = {}
    for site, n, completing in sites:
        pre, post = correlated_pairs(rng, n, 2.8, 0.7, 0.35, 0.75, 0.6)
        for i in range(n):
            pid += 1
            p = f"P{pid:04d}"
            rows.append((p, site, "baseline", pre[i]))
            if rng.random() < completing or (site == "Odense"):
                rows.append((p, site, "followup", post[i]))
                pairs.setdefault(site, ([], []))
                pairs[site][0].append(pre[i])
                pairs[site][1].append(post[i])
    # two follow-ups without a baseline: they must not count
    rows.append(("X0001", "Aarhus", "followup", 3.0))
    rows.append(("X0002", "Ærø", "followup", 2.0))
    order = rng.permutation(len(rows))
    rows = [rows[i] for i in order]

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["participant", "site", "wave", "score"])
    for r in rows:
        w.writerow([r[0], r[1], r[2], f"{r[3]:.2f}"])
    text = buf.getvalue()

    # re-read what was written, so that the expected values use exactly the file's numbers
    data = {}
    for rec in csv.DictReader(io.StringIO(text)):
        data.setdefault(rec["participant"], {})["site"] = rec["site"]
        data[rec["participant"]][rec["wave"]] = float(rec["score"])
    per_site = {}
    for p, d in data.items():
        per_site.setdefault(d["site"], ([], []))
        if "baseline" in d and "followup" in d:
            per_site[d["site"]][0].append(d["baseline"])
            per_site[d["site"]][1].append(d["followup"])
    report_sites = []
    all_pre, all_post = [], []
    for site in sorted(per_site):
        pre, post = per_site[site]
        entry = {"site": site}
        entry.update(paired_stats(pre, post))
        report_sites.append(entry)
        all_pre += pre
        all_post += post
    expected = {"sites": report_sites, "overall": paired_stats(all_pre, all_post)}
    return text, {
        "generated_by": "tools/reference/make_reference.py",
        "versions": VERSIONS,
        "input": "change_generated.csv",
        "expected": expected,
    }


# ----------------------------------------------------------------------------------------------
# meta-analysis


def reml_tau2(y, v):
    """REML tau^2 for the intercept-only model, tau^2 >= 0, independent of Fisher scoring."""
    y = np.asarray(y, float)
    v = np.asarray(v, float)

    def loglik(t2):
        w = 1 / (v + t2)
        mu = (w * y).sum() / w.sum()
        return -0.5 * (np.log(v + t2).sum() + math.log(w.sum()) + (w * (y - mu) ** 2).sum())

    def score(t2):
        w = 1 / (v + t2)
        mu = (w * y).sum() / w.sum()
        py = w * (y - mu)
        tr_p = w.sum() - (w**2).sum() / w.sum()
        return 0.5 * ((py**2).sum() - tr_p)

    if score(0.0) <= 0:
        root = 0.0
    else:
        hi = 1.0
        while score(hi) > 0:
            hi *= 2
        root = optimize.brentq(score, 0.0, hi, xtol=1e-15, rtol=4 * np.finfo(float).eps)
    # confirm that the root is the maximum of the restricted likelihood on [0, big]
    big = max(10.0, 10 * root)
    opt = optimize.minimize_scalar(lambda t: -loglik(t), bounds=(0.0, big), method="bounded",
                                   options={"xatol": 1e-12})
    assert abs(opt.x - root) < 1e-6, (opt.x, root)
    return float(root)


def pool(y, v, method, hk):
    y = np.asarray(y, float)
    v = np.asarray(v, float)
    k = len(y)
    w0 = 1 / v
    mu0 = (w0 * y).sum() / w0.sum()
    q = float((w0 * (y - mu0) ** 2).sum())
    c = w0.sum() - (w0**2).sum() / w0.sum()
    if method == "dl":
        tau2 = max(0.0, (q - (k - 1)) / c)
        sm = combine_effects(y, v, method_re="chi2")
        if q >= k - 1:
            assert abs(sm.tau2 - tau2) < 1e-12
            assert abs(sm.mean_effect_re - ((y / (v + tau2)).sum() / (1 / (v + tau2)).sum())) < 1e-12
    else:
        tau2 = reml_tau2(y, v)
    w = 1 / (v + tau2)
    est = float((w * y).sum() / w.sum())
    var = 1 / w.sum()
    if hk:
        s2 = float((w * (y - est) ** 2).sum() / (k - 1))  # metafor: not truncated at 1
        var = var * s2
        crit = stats.t.ppf(0.975, k - 1)
        if method == "dl" and q >= k - 1:
            sm = combine_effects(y, v, method_re="chi2")
            assert abs(sm.var_hksj_re - var) < 1e-12
            lo, hi = sm.conf_int(use_t=True)[3]
            assert abs(lo - (est - crit * math.sqrt(var))) < 1e-12
    else:
        crit = stats.norm.ppf(0.975)
        if method == "dl" and q >= k - 1:
            sm = combine_effects(y, v, method_re="chi2")
            assert abs(sm.sd_eff_w_re - math.sqrt(var)) < 1e-12
            lo, hi = sm.conf_int(use_t=False)[1]
            assert abs(lo - (est - crit * math.sqrt(var))) < 1e-12
    se = math.sqrt(var)
    vt = (k - 1) / c
    i2 = 100 * tau2 / (vt + tau2)
    pi_se = math.sqrt(var + tau2)
    return {
        "k": k,
        "estimate": est,
        "se": se,
        "ci_low": est - crit * se,
        "ci_high": est + crit * se,
        "tau2": tau2,
        "i2": i2,
        "q": q,
        "q_p": float(stats.chi2.sf(q, k - 1)),
        "pi_low": est - crit * pi_se,
        "pi_high": est + crit * pi_se,
    }


def bcg():
    """dat.bcg (Colditz et al. 1994), log risk ratios as metafor's escalc(measure = "RR")."""
    tpos = [4, 6, 3, 62, 33, 180, 8, 505, 29, 17, 186, 5, 27]
    tneg = [119, 300, 228, 13536, 5036, 1361, 2537, 87886, 7470, 1699, 50448, 2493, 16886]
    cpos = [11, 29, 11, 248, 47, 372, 10, 499, 45, 65, 141, 3, 29]
    cneg = [128, 274, 209, 12619, 5761, 1079, 619, 87892, 7232, 1600, 27197, 2338, 17825]
    y, v = [], []
    for a, b, c_, d in zip(tpos, tneg, cpos, cneg):
        y.append(math.log((a / (a + b)) / (c_ / (c_ + d))))
        v.append(1 / a - 1 / (a + b) + 1 / c_ - 1 / (c_ + d))
    return y, v


def meta():
    cases = []
    y, v = bcg()
    cases.append({"name": "dat.bcg, log risk ratios", "yi": y, "vi": v})
    # dat.raudenbush1985 (teacher expectancy; metadat data-raw/dat.raudenbush1985.txt): yi, vi
    cases.append({
        "name": "dat.raudenbush1985, standardised mean differences",
        "yi": [0.03, 0.12, -0.14, 1.18, 0.26, -0.06, -0.02, -0.32, 0.27, 0.80, 0.54, 0.18, -0.02,
               0.23, -0.18, -0.06, 0.30, 0.07, -0.07],
        "vi": [0.0156, 0.0216, 0.0279, 0.1391, 0.1362, 0.0106, 0.0106, 0.0484, 0.0269, 0.0630,
               0.0912, 0.0497, 0.0835, 0.0841, 0.0253, 0.0279, 0.0193, 0.0088, 0.0303],
    })
    rng = np.random.default_rng(99)
    for k, tau in [(3, 0.2), (4, 0.0), (5, 0.3), (8, 0.15), (12, 0.5), (20, 0.05)]:
        n = rng.integers(8, 120, size=k)
        theta = 0.4 + tau * rng.standard_normal(k)
        vi = 2 * (1 - 0.6) / n + theta**2 / (2 * n)          # smcr-like variances
        yi = theta + np.sqrt(vi) * rng.standard_normal(k)
        cases.append({"name": f"generated k={k}, tau={tau}",
                      "yi": [float(x) for x in yi], "vi": [float(x) for x in vi]})
    # homogeneous: tau^2 truncated at 0 by both estimators
    cases.append({"name": "homogeneous (tau^2 = 0)",
                  "yi": [0.30, 0.31, 0.29, 0.305], "vi": [0.04, 0.05, 0.03, 0.06]})
    for case in cases:
        case["expected"] = {}
        for method in ["reml", "dl"]:
            for hk in [False, True]:
                key = f"{method}{'_hk' if hk else ''}"
                case["expected"][key] = pool(case["yi"], case["vi"], method, hk)
    return {
        "generated_by": "tools/reference/make_reference.py",
        "versions": VERSIONS,
        "cases": cases,
    }


# ----------------------------------------------------------------------------------------------
# reliable change and attrition


def hedges_g(x1, x2):
    """metafor escalc(measure="SMD"): exact J, large-sample variance, z-based 95% CI."""
    n1, n2 = len(x1), len(x2)
    m = n1 + n2 - 2
    sp = math.sqrt(((n1 - 1) * np.var(x1, ddof=1) + (n2 - 1) * np.var(x2, ddof=1)) / m)
    g = j_exact(m) * (np.mean(x1) - np.mean(x2)) / sp
    var = 1 / n1 + 1 / n2 + g**2 / (2 * (n1 + n2))
    z = stats.norm.ppf(0.975)
    half = z * math.sqrt(var)
    return {"g": float(g), "var": float(var), "ci_low": float(g - half), "ci_high": float(g + half)}


def rci_case(pre, post, reliability, sd, higher_is_better, cutoff):
    pre = np.asarray(pre, float)
    post = np.asarray(post, float)
    sd_used = sd if sd is not None else float(np.std(pre, ddof=1))
    s_diff = sd_used * math.sqrt(2) * math.sqrt(1 - reliability)
    rci = (post - pre) / s_diff
    sign = 1 if higher_is_better else -1
    cats = np.where(sign * rci > 1.96, "reliable_improvement",
                    np.where(sign * rci < -1.96, "reliable_deterioration", "no_reliable_change"))
    n = len(pre)
    out = {
        "n": n, "sd": sd_used, "reliability": reliability, "s_diff": s_diff,
        "threshold": 1.96 * s_diff,
        "reliable_improvement": int((cats == "reliable_improvement").sum()),
        "no_reliable_change": int((cats == "no_reliable_change").sum()),
        "reliable_deterioration": int((cats == "reliable_deterioration").sum()),
        "rci": [float(x) for x in rci],
        "category": [str(c) for c in cats],
    }
    if cutoff is not None:
        clinical_pre = pre < cutoff if higher_is_better else pre > cutoff
        clinical_post = post < cutoff if higher_is_better else post > cutoff
        cs = (cats == "reliable_improvement") & clinical_pre & ~clinical_post
        out["clinical_at_baseline"] = int(clinical_pre.sum())
        out["clinically_significant"] = int(cs.sum())
    return out


def attrition_case(pre_c, post_c, pre_nc, reliability, sd, higher_is_better):
    all_pre = list(pre_c) + list(pre_nc)
    sd_used = sd if sd is not None else float(np.std(all_pre, ddof=1))
    decline = 1.96 * sd_used * math.sqrt(2) * math.sqrt(1 - reliability)
    worse = -decline if higher_is_better else decline
    n_b = len(all_pre)
    return {
        "n_baseline": n_b,
        "n_completers": len(pre_c),
        "n_non_completers": len(pre_nc),
        "completion_share": len(pre_c) / n_b,
        "baseline_mean_completers": float(np.mean(pre_c)),
        "baseline_mean_non_completers": float(np.mean(pre_nc)),
        "baseline_difference": hedges_g(pre_c, pre_nc),
        "high_attrition": bool(len(pre_c) / n_b < 0.70),
        "differential_attrition": bool(abs(hedges_g(pre_c, pre_nc)["g"]) > 0.2),
        "complete_case": paired_stats(pre_c, post_c),
        "assume_no_change": paired_stats(all_pre, list(post_c) + list(pre_nc)),
        "assumed_decline": decline,
        "assume_decline": paired_stats(all_pre, list(post_c) + [x + worse for x in pre_nc]),
    }


def rci_attrition():
    rng = np.random.default_rng(314)
    cases = []
    for n, n_nc, higher, cutoff, reliability, sd, shift in [
        (40, 25, True, 3.0, 0.85, None, 0.4),     # a hope scale: higher is better
        (30, 6, False, 20.0, 0.9, 6.5, -4.0),     # a symptom scale: lower is better, normative SD
        (12, 9, True, None, 0.7, None, 0.0),
    ]:
        centre = cutoff if cutoff is not None else 10.0
        spread = sd if sd is not None else 0.8
        start = centre + (-0.3 if higher else 0.3) * spread  # most start in the clinical range
        pre, post = correlated_pairs(rng, n, start, spread, shift, spread, 0.6)
        pre_nc = [round(float(x), 2) for x in centre + spread * rng.standard_normal(n_nc) - 0.1]
        cases.append({
            "settings": {"reliability": reliability, "sd": sd, "higher_is_better": higher,
                         "cutoff": cutoff},
            "pre": pre, "post": post, "non_completers_pre": pre_nc,
            "reliable_change": rci_case(pre, post, reliability, sd, higher, cutoff),
            "attrition": attrition_case(pre, post, pre_nc, reliability, sd, higher),
        })
    return {
        "generated_by": "tools/reference/make_reference.py",
        "versions": VERSIONS,
        "cases": cases,
    }


def write(name, obj):
    path = FIXTURES / name
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(obj, f, indent=1, ensure_ascii=False, allow_nan=False)
        f.write("\n")
    print(f"wrote {path.relative_to(ROOT)}")


def main():
    # statsmodels takes the square root of an untruncated negative DL tau^2 in the homogeneous
    # case and warns; those values are not used.
    warnings.filterwarnings("ignore", category=RuntimeWarning, module="statsmodels")
    FIXTURES.mkdir(parents=True, exist_ok=True)
    write("distributions.json", distributions())
    write("paired.json", paired())
    text, report = change_csv()
    path = FIXTURES / "change_generated.csv"
    path.write_text(text, encoding="utf-8", newline="")
    print(f"wrote {path.relative_to(ROOT)}")
    write("change_generated.json", report)
    write("meta.json", meta())
    write("rci_attrition.json", rci_attrition())


if __name__ == "__main__":
    main()
