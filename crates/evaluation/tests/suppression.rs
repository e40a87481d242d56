//! Small-number suppression: no small count is shown, and no hidden count can be worked out
//! from what is shown, checked on random tables by a line-by-line recovery attempt and, on tiny
//! tables, by enumerating every table consistent with the published numbers.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use sammen_evaluation::{Cell, CountTable, Position, SuppressedTable, SuppressionReason, SuppressionRules, suppress_table};

fn labelled(counts: Vec<Vec<u64>>) -> CountTable {
    let rows = (0..counts.len()).map(|i| format!("row {i}")).collect();
    let columns = (0..counts.first().map_or(0, Vec::len)).map(|j| format!("col {j}")).collect();
    CountTable { rows, columns, counts }
}

/// Counts that are often small, sometimes zero, sometimes large, in tables of 1–6 × 1–6.
fn tables() -> impl Strategy<Value = CountTable> {
    let count = prop_oneof![3 => 0u64..5, 2 => 0u64..15, 1 => 0u64..200];
    (1usize..=6, 1usize..=6)
        .prop_flat_map(move |(m, n)| prop::collection::vec(prop::collection::vec(count.clone(), n), m))
        .prop_map(labelled)
}

fn rules() -> impl Strategy<Value = SuppressionRules> {
    prop_oneof![Just(SuppressionRules::default()), (1u64..12).prop_map(|k| SuppressionRules { min_count: k, min_group_for_statistics: 10 })]
}

/// The table as a grid with its totals: `(m + 1) × (n + 1)` entries, `None` where hidden.
fn published_grid(t: &SuppressedTable) -> Vec<Vec<Option<u64>>> {
    let mut g: Vec<Vec<Option<u64>>> =
        t.cells.iter().zip(&t.row_totals).map(|(r, tot)| r.iter().chain([tot]).map(Cell::shown).collect()).collect();
    g.push(t.column_totals.iter().chain([&t.grand_total]).map(Cell::shown).collect());
    g
}

fn true_grid(t: &CountTable) -> Vec<Vec<u64>> {
    let n = t.columns.len();
    let mut g: Vec<Vec<u64>> = t.counts.iter().map(|r| r.iter().copied().chain([r.iter().sum()]).collect()).collect();
    let totals: Vec<u64> = (0..=n).map(|j| g.iter().map(|r| r[j]).sum()).collect();
    g.push(totals);
    g
}

/// The attempt of a reader with one equation at a time: a hidden entry whose row (or column)
/// has every other entry shown is the total minus the cells (or a total is the sum of cells).
/// Returns the entries it recovers.
fn single_equation_recoveries(published: &[Vec<Option<u64>>]) -> Vec<(usize, usize, u64)> {
    let (rows, cols) = (published.len(), published[0].len());
    let mut found = Vec::new();
    let lines: Vec<Vec<(usize, usize)>> =
        (0..rows).map(|i| (0..cols).map(|j| (i, j)).collect()).chain((0..cols).map(|j| (0..rows).map(|i| (i, j)).collect())).collect();
    for line in lines {
        let hidden: Vec<(usize, usize)> = line.iter().copied().filter(|&(i, j)| published[i][j].is_none()).collect();
        if let [(hi, hj)] = hidden[..] {
            // The last entry of a line is its total.
            let &(ti, tj) = line.last().unwrap();
            let parts: u64 = line[..line.len() - 1].iter().filter(|&&p| p != (hi, hj)).map(|&(i, j)| published[i][j].unwrap()).sum();
            let value = if (hi, hj) == (ti, tj) { parts } else { published[ti][tj].unwrap() - parts };
            found.push((hi, hj, value));
        }
    }
    found
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// (a) No shown count, cell or total, is below the threshold unless it is 0; shown counts
    /// are the true counts; every hidden entry has exactly one event, primary exactly when the
    /// count is small.
    #[test]
    fn no_small_count_is_shown(t in tables(), r in rules()) {
        let out = suppress_table(&t, &r).unwrap();
        let published = published_grid(&out.table);
        let truth = true_grid(&t);
        for (i, row) in published.iter().enumerate() {
            for (j, cell) in row.iter().enumerate() {
                match cell {
                    Some(v) => {
                        prop_assert!(*v == 0 || *v >= r.min_count, "shown {} at ({}, {})", v, i, j);
                        prop_assert_eq!(*v, truth[i][j]);
                    }
                    None => prop_assert!(truth[i][j] > 0, "a zero was hidden"),
                }
            }
        }
        prop_assert_eq!(out.events.len(), out.table.suppressed_count());
        for e in &out.events {
            prop_assert_eq!(out.table.get(e.position), Some(Cell::Suppressed));
            let (i, j) = match e.position {
                Position::Cell { row, column } => (row, column),
                Position::RowTotal { row } => (row, t.columns.len()),
                Position::ColumnTotal { column } => (t.rows.len(), column),
                Position::GrandTotal => (t.rows.len(), t.columns.len()),
            };
            let small = truth[i][j] > 0 && truth[i][j] < r.min_count;
            prop_assert_eq!(e.reason == SuppressionReason::Primary, small);
            prop_assert_eq!(e.protects.is_some(), !small);
        }
        let mut positions: Vec<Position> = out.events.iter().map(|e| e.position).collect();
        positions.sort();
        positions.dedup();
        prop_assert_eq!(positions.len(), out.events.len());
    }

    /// (b) No hidden entry can be worked out from its row or its column alone: every row and
    /// column of the grid (totals included) with a hidden entry has at least two.
    #[test]
    fn no_single_equation_recovers_a_hidden_count(t in tables(), r in rules()) {
        let out = suppress_table(&t, &r).unwrap();
        let recovered = single_equation_recoveries(&published_grid(&out.table));
        prop_assert!(recovered.is_empty(), "recovered {:?} from {:?}", recovered, out.table);
    }

    /// (c) Deterministic: the same input gives the same table and events, down to the JSON.
    #[test]
    fn deterministic(t in tables(), r in rules()) {
        let a = suppress_table(&t, &r).unwrap();
        let b = suppress_table(&t.clone(), &r).unwrap();
        prop_assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
        prop_assert_eq!(a, b);
    }
}

/// Every table consistent with the published numbers, with each hidden cell a whole number in
/// `1..=cap` (hidden cells are at least 1 because zeros are shown; allowing 0 as well, as a
/// reader who did not know that would, only adds tables): for each hidden entry, the set of
/// values it takes, stopping at two.
struct Enumeration<'a> {
    published: &'a [Vec<Option<u64>>],
    unknowns: Vec<(usize, usize)>,
    cap: u64,
    x: Vec<Vec<u64>>,
    /// For each hidden entry of the grid: the first value seen, and whether a second was seen.
    seen: Vec<((usize, usize), Option<u64>, bool)>,
}

impl Enumeration<'_> {
    fn lines_ok(&self) -> bool {
        let (rows, cols) = (self.published.len(), self.published[0].len());
        let mut ok = true;
        for i in 0..rows - 1 {
            let sum: u64 = (0..cols - 1).map(|j| self.x[i][j]).sum();
            let open = (0..cols - 1).any(|j| self.published[i][j].is_none() && self.x[i][j] == 0);
            ok &= self.published[i][cols - 1].is_none_or(|t| if open { sum <= t } else { sum == t });
        }
        for j in 0..cols - 1 {
            let sum: u64 = (0..rows - 1).map(|i| self.x[i][j]).sum();
            let open = (0..rows - 1).any(|i| self.published[i][j].is_none() && self.x[i][j] == 0);
            ok &= self.published[rows - 1][j].is_none_or(|t| if open { sum <= t } else { sum == t });
        }
        let total: u64 = (0..rows - 1).map(|i| (0..cols - 1).map(|j| self.x[i][j]).sum::<u64>()).sum();
        let open = self.unknowns.iter().any(|&(i, j)| self.x[i][j] == 0);
        ok && self.published[rows - 1][cols - 1].is_none_or(|t| if open { total <= t } else { total == t })
    }

    fn record(&mut self) {
        let (rows, cols) = (self.published.len(), self.published[0].len());
        for k in 0..self.seen.len() {
            let ((i, j), first, _) = self.seen[k];
            let value = if i < rows - 1 && j < cols - 1 {
                self.x[i][j]
            } else if i < rows - 1 {
                (0..cols - 1).map(|c| self.x[i][c]).sum()
            } else if j < cols - 1 {
                (0..rows - 1).map(|r| self.x[r][j]).sum()
            } else {
                self.x.iter().take(rows - 1).map(|r| r.iter().take(cols - 1).sum::<u64>()).sum()
            };
            match first {
                None => self.seen[k].1 = Some(value),
                Some(f) if f != value => self.seen[k].2 = true,
                _ => {}
            }
        }
    }

    fn done(&self) -> bool {
        self.seen.iter().all(|s| s.2)
    }

    fn go(&mut self, k: usize) {
        if self.done() {
            return;
        }
        let Some(&(i, j)) = self.unknowns.get(k) else {
            self.record();
            return;
        };
        for v in 1..=self.cap {
            self.x[i][j] = v;
            if self.lines_ok() {
                self.go(k + 1);
            }
            if self.done() {
                return;
            }
        }
        self.x[i][j] = 0;
    }
}

/// (b) exactly, on tiny tables: every hidden entry takes at least two values among the tables
/// consistent with what is published.
fn every_hidden_entry_has_two_values(t: &CountTable, r: &SuppressionRules) -> Result<(), String> {
    let out = suppress_table(t, r).map_err(|e| e.to_string())?;
    check_published(&published_grid(&out.table), &true_grid(t))
}

fn check_published(published: &[Vec<Option<u64>>], truth: &[Vec<u64>]) -> Result<(), String> {
    let (rows, cols) = (published.len(), published[0].len());
    let hidden: Vec<(usize, usize)> =
        (0..rows).flat_map(|i| (0..cols).map(move |j| (i, j))).filter(|&(i, j)| published[i][j].is_none()).collect();
    let unknowns: Vec<(usize, usize)> = hidden.iter().copied().filter(|&(i, j)| i < rows - 1 && j < cols - 1).collect();
    let mut x: Vec<Vec<u64>> = published.iter().map(|r| r.iter().map(|c| c.unwrap_or(0)).collect()).collect();
    for &(i, j) in &unknowns {
        x[i][j] = 0;
    }
    // Beyond the true grand total + 2 no further table is needed: a second value, if any,
    // shows up within ±1 of the true one.
    let cap = truth[rows - 1][cols - 1] + 2;
    // Visit the entries one at a time, so that each gets a search that starts from it.
    for &target in &hidden {
        let mut en = Enumeration { published, unknowns: unknowns.clone(), cap, x: x.clone(), seen: vec![(target, None, false)] };
        // Put the target's own row and column first so that its value varies early.
        en.unknowns.sort_by_key(|&(i, j)| (i != target.0 && j != target.1, i, j));
        en.go(0);
        if !en.done() {
            return Err(format!("hidden entry {target:?} has one possible value in {published:?} (truth {truth:?})"));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    #[test]
    fn hidden_counts_have_two_possible_values_3x3(counts in prop::collection::vec(prop::collection::vec(0u64..7, 3), 3)) {
        prop_assume!(counts.iter().flatten().sum::<u64>() <= 30);
        let t = labelled(counts);
        prop_assert_eq!(every_hidden_entry_has_two_values(&t, &SuppressionRules::default()), Ok(()));
    }

    #[test]
    fn hidden_counts_have_two_possible_values_small_shapes(
        counts in (1usize..=3, 1usize..=4).prop_flat_map(|(m, n)| prop::collection::vec(prop::collection::vec(0u64..9, n), m)),
        k in 2u64..7,
    ) {
        prop_assume!(counts.iter().flatten().sum::<u64>() <= 30);
        let rules = SuppressionRules { min_count: k, min_group_for_statistics: 10 };
        prop_assert_eq!(every_hidden_entry_has_two_values(&labelled(counts), &rules), Ok(()));
    }
}

#[test]
fn enumeration_catches_a_recoverable_table() {
    // The checker itself: a table published with a single hidden cell in a row is caught.
    let published = vec![vec![None, Some(6), Some(9)], vec![Some(7), Some(9), Some(16)], vec![Some(10), Some(15), Some(25)]];
    assert_eq!(single_equation_recoveries(&published), vec![(0, 0, 3), (0, 0, 3)]);
}

#[test]
fn enumeration_catches_recovery_by_combining_equations() {
    // Two hidden 2 × 2 blocks joined by one hidden cell (0, 2): every row and column with a
    // hidden entry has two, so no single equation recovers anything, but rows 0 and 1 together
    // minus columns 0 and 1 together give the joining cell. `suppress_table` never publishes
    // this (the cell is on no cycle); the enumeration must see it.
    let truth_cells = vec![vec![2u64; 4]; 4];
    let truth = true_grid(&labelled(truth_cells));
    let hidden = [(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3), (0, 2)];
    let published: Vec<Vec<Option<u64>>> = truth
        .iter()
        .enumerate()
        .map(|(i, r)| r.iter().enumerate().map(|(j, &v)| (!hidden.contains(&(i, j))).then_some(v)).collect())
        .collect();
    assert!(single_equation_recoveries(&published).is_empty());
    let err = check_published(&published, &truth).unwrap_err();
    assert!(err.starts_with("hidden entry (0, 2) has one possible value"), "{err}");
}

#[test]
fn a_worked_example() {
    // Participants by site and how far they got. Aarhus has 3 who dropped out. To stop the 3
    // being read off Aarhus's total or the column's total, another Aarhus count and the same two
    // columns at another site are hidden: the cheapest such rectangle, Vejle's 11 and 9 (20)
    // rather than Odense's 8 and 15 (23). All totals stay shown.
    let t = CountTable {
        rows: vec!["Aarhus".into(), "Odense".into(), "Vejle".into()],
        columns: vec!["dropped out".into(), "ongoing".into(), "completed".into()],
        counts: vec![vec![3, 12, 20], vec![8, 15, 31], vec![11, 9, 40]],
    };
    let out = suppress_table(&t, &SuppressionRules::default()).unwrap();
    let shown: Vec<String> = out.table.cells.iter().map(|r| r.iter().map(ToString::to_string).collect::<Vec<_>>().join(" ")).collect();
    assert_eq!(shown, vec!["x x 20", "8 15 31", "x x 40"]);
    assert_eq!(out.table.row_totals, vec![Cell::Shown(35), Cell::Shown(54), Cell::Shown(60)]);
    assert_eq!(out.table.column_totals, vec![Cell::Shown(22), Cell::Shown(36), Cell::Shown(91)]);
    assert_eq!(out.table.grand_total, Cell::Shown(149));
    assert_eq!(out.events.len(), 4);
    assert_eq!(out.events[0].row.as_deref(), Some("Aarhus"));
    assert_eq!(out.events[0].column.as_deref(), Some("dropped out"));
    assert_eq!(out.events[0].reason, SuppressionReason::Primary);
    let json = serde_json::to_string(&out.events[1]).unwrap();
    assert_eq!(
        json,
        r#"{"position":{"kind":"cell","row":2,"column":0},"row":"Vejle","column":"dropped out","reason":"complementary","protects":{"kind":"cell","row":0,"column":0},"min_count":5}"#
    );
}
