#!/usr/bin/env python3
"""The DuckDB side of the partnership-report benchmark (bench/report.sh; BENCHMARKS.md).

    python bench/report_duckdb.py ANSWERS.csv [--threads N]

ANSWERS.csv holds one row per item answer, `participant,site,wave,item,value`, as written by
`crates/app/examples/report_bench_data.rs --csv`. Per participant and wave the QPR-15 score is
the sum of the 15 item values (crates/instruments/definitions/qpr-15.json: choice codes
"0".."4" weighted 0..4, no reversed items, aggregation "sum", all 15 items required, range
0-60, no conversion table; so a wave with fewer than 15 answers has no score). Baseline and
closure are paired per participant, and per site the script computes n (pairs), mean_pre,
mean_post, mean_change (closure - baseline), sd_change (sample SD, n - 1) and r (Pearson
between the two scores): the same per-site change as `sammen report`.

Two timings, both measured here, in one process:

  seconds        from reading the CSV to the result: a fresh in-memory DuckDB connection,
                 the query over read_csv(...) with the column types given (no sniffing);
  seconds_table  the same query over a table already loaded from the CSV (loading it,
                 `seconds_load`, is not included).

Prints one JSON object: {"sites": [...], "seconds": ..., "seconds_table": ...,
"seconds_load": ..., "duckdb": VERSION, "threads": N, "rows": ...}.
"""

import argparse
import json
import sys
import time

import duckdb

COLUMNS = {"participant": "INTEGER", "site": "VARCHAR", "wave": "VARCHAR", "item": "INTEGER", "value": "INTEGER"}
ITEMS = 15  # QPR-15: every item is required for a score

# One pass over the answers gives each participant's two sums (and how many items each wave
# has); a second, tiny aggregation gives the per-site statistics.
QUERY = """
WITH per_participant AS (
    SELECT participant,
           site,
           sum(value) FILTER (WHERE wave = 'baseline') AS pre,
           count(*)   FILTER (WHERE wave = 'baseline') AS n_pre,
           sum(value) FILTER (WHERE wave = 'closure')  AS post,
           count(*)   FILTER (WHERE wave = 'closure')  AS n_post
    FROM {source}
    GROUP BY participant, site
), pairs AS (
    SELECT site, pre::DOUBLE AS pre, post::DOUBLE AS post, (post - pre)::DOUBLE AS d
    FROM per_participant
    WHERE n_pre = {items} AND n_post = {items}
)
SELECT site,
       count(*)          AS n,
       avg(pre)          AS mean_pre,
       avg(post)         AS mean_post,
       avg(d)            AS mean_change,
       stddev_samp(d)    AS sd_change,
       corr(pre, post)   AS r
FROM pairs
GROUP BY site
ORDER BY site
"""


def csv_source(path):
    cols = ", ".join(f"'{k}': '{v}'" for k, v in COLUMNS.items())
    quoted = path.replace("'", "''")
    return f"read_csv('{quoted}', header = true, delim = ',', quote = '\"', columns = {{{cols}}})"


def run(con, source):
    rows = con.execute(QUERY.format(source=source, items=ITEMS)).fetchall()
    return [
        {"site": s, "n": n, "mean_pre": a, "mean_post": b, "mean_change": c, "sd_change": sd, "r": r}
        for (s, n, a, b, c, sd, r) in rows
    ]


def same(a, b, tol=1e-9):
    """Equal site by site; floating-point figures to `tol` (parallel sums may differ in the last bits)."""
    if [(x["site"], x["n"]) for x in a] != [(y["site"], y["n"]) for y in b]:
        return False
    for x, y in zip(a, b):
        for k in ("mean_pre", "mean_post", "mean_change", "sd_change", "r"):
            if (x[k] is None) != (y[k] is None) or (x[k] is not None and abs(x[k] - y[k]) > tol):
                return False
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("csv")
    ap.add_argument("--threads", type=int, default=0, help="DuckDB threads (default: DuckDB's own, all cores)")
    args = ap.parse_args()
    config = {"threads": args.threads} if args.threads else {}

    # 1. From the CSV file to the result.
    t0 = time.perf_counter()
    con = duckdb.connect(":memory:", config=config)
    sites = run(con, csv_source(args.csv))
    seconds = time.perf_counter() - t0
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
    con.close()

    # 2. The same query over a table already in DuckDB.
    con = duckdb.connect(":memory:", config=config)
    t0 = time.perf_counter()
    con.execute(f"CREATE TABLE answers AS SELECT * FROM {csv_source(args.csv)}")
    seconds_load = time.perf_counter() - t0
    rows = con.execute("SELECT count(*) FROM answers").fetchone()[0]
    t0 = time.perf_counter()
    sites_table = run(con, "answers")
    seconds_table = time.perf_counter() - t0
    con.close()
    if not same(sites, sites_table):
        print("report_duckdb: the query over the table and over the CSV disagree", file=sys.stderr)
        return 1

    json.dump(
        {
            "sites": sites,
            "seconds": seconds,
            "seconds_table": seconds_table,
            "seconds_load": seconds_load,
            "duckdb": duckdb.__version__,
            "threads": threads,
            "rows": rows,
        },
        sys.stdout,
    )
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
