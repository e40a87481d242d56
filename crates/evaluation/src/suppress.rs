//! Privacy in aggregates: small counts are hidden, further counts are hidden so that no
//! hidden count can be worked out from the totals (complementary suppression), and means and
//! effects are withheld for small groups. The rules, the reader it protects against and why the
//! protection holds are in `docs/evaluation.md`, "Privacy in aggregates".
//!
//! A two-way table of counts with its row totals, column totals and grand total is seen as one
//! grid of `(rows + 1) × (columns + 1)` entries, the totals being the last row and column. Each
//! row and each column of that grid is one published equation (the entries add up to the total).
//! A hidden entry can be worked out exactly when every table consistent with the published
//! numbers gives it the same value. [`suppress_table`] hides entries until no hidden entry can be
//! worked out: an entry can take another value exactly when it lies on an alternating cycle of
//! hidden entries (+1, −1, +1, … around rows and columns) along which every entry that goes down
//! can go down; such cycles are found as paths in a small directed graph.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::EvalError;

/// The single mark of a hidden count in a published table. A hidden count may be small or may
/// have been hidden to protect a small one; the mark does not say which (see
/// `docs/evaluation.md`), so it is not `<5`, which would be false for the second kind.
pub const SUPPRESSED_MARKER: &str = "x";

/// The thresholds, configurable per organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuppressionRules {
    /// A count `n` with `0 < n < min_count` is hidden (primary suppression). Default 5.
    pub min_count: u64,
    /// Means, changes and effect sizes are given only for groups of at least this many people.
    /// Default 10.
    pub min_group_for_statistics: u64,
}

impl Default for SuppressionRules {
    fn default() -> Self {
        SuppressionRules { min_count: 5, min_group_for_statistics: 10 }
    }
}

/// Whether a mean, change or effect size may be shown for a group of `n` people:
/// `n ≥ min_group_for_statistics`.
pub fn statistic_allowed(n: u64, rules: &SuppressionRules) -> bool {
    n >= rules.min_group_for_statistics
}

/// One published entry: a count, or hidden. In JSON `{"shown": 12}` or `"suppressed"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cell {
    Shown(u64),
    Suppressed,
}

impl Cell {
    /// The count, when it is shown.
    pub fn shown(&self) -> Option<u64> {
        match self {
            Cell::Shown(n) => Some(*n),
            Cell::Suppressed => None,
        }
    }

    pub fn is_suppressed(&self) -> bool {
        matches!(self, Cell::Suppressed)
    }
}

impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cell::Shown(n) => write!(f, "{n}"),
            Cell::Suppressed => f.write_str(SUPPRESSED_MARKER),
        }
    }
}

/// Where an entry is: a cell, a row's total, a column's total or the grand total. Indices are
/// those of [`CountTable::rows`] and [`CountTable::columns`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Position {
    Cell { row: usize, column: usize },
    RowTotal { row: usize },
    ColumnTotal { column: usize },
    GrandTotal,
}

/// Why an entry was hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SuppressionReason {
    /// The count itself is above 0 and below `min_count`.
    Primary,
    /// Hidden so that another hidden entry (`protects`) cannot be worked out from the totals.
    Complementary,
}

/// One hidden entry, for the log. It carries no count: the log must not disclose what the table
/// hides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuppressionEvent {
    pub position: Position,
    /// The row's label; `None` for the column-totals row.
    pub row: Option<String>,
    /// The column's label; `None` for the row-totals column.
    pub column: Option<String>,
    pub reason: SuppressionReason,
    /// For a complementary suppression, the hidden entry it protects.
    pub protects: Option<Position>,
    /// The threshold applied.
    pub min_count: u64,
}

/// A two-way table of counts: `counts[row][column]`, one entry per row label and column label.
/// A one-way table (a list and its total) is a table with one row: see [`CountTable::one_way`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountTable {
    pub rows: Vec<String>,
    pub columns: Vec<String>,
    pub counts: Vec<Vec<u64>>,
}

impl CountTable {
    /// A one-way table: the categories are the columns of a single row named `label`. Its column
    /// totals repeat its cells and its grand total repeats its row total, and they are hidden
    /// together with them.
    pub fn one_way(label: impl Into<String>, categories: Vec<String>, counts: Vec<u64>) -> Self {
        CountTable { rows: vec![label.into()], columns: categories, counts: vec![counts] }
    }
}

/// The published table: every cell and total shown or hidden.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuppressedTable {
    pub rows: Vec<String>,
    pub columns: Vec<String>,
    pub cells: Vec<Vec<Cell>>,
    pub row_totals: Vec<Cell>,
    pub column_totals: Vec<Cell>,
    pub grand_total: Cell,
    /// The threshold applied.
    pub min_count: u64,
}

impl SuppressedTable {
    /// The entry at `position`; `None` when it is outside the table.
    pub fn get(&self, position: Position) -> Option<Cell> {
        match position {
            Position::Cell { row, column } => self.cells.get(row).and_then(|r| r.get(column)).copied(),
            Position::RowTotal { row } => self.row_totals.get(row).copied(),
            Position::ColumnTotal { column } => self.column_totals.get(column).copied(),
            Position::GrandTotal => Some(self.grand_total),
        }
    }

    /// Number of hidden entries, totals included.
    pub fn suppressed_count(&self) -> usize {
        self.cells
            .iter()
            .flatten()
            .chain(&self.row_totals)
            .chain(&self.column_totals)
            .chain([&self.grand_total])
            .filter(|c| c.is_suppressed())
            .count()
    }
}

/// The published table and one event per hidden entry: primary ones first (row by row, totals
/// last), then complementary ones in the order they were chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuppressionOutcome {
    pub table: SuppressedTable,
    pub events: Vec<SuppressionEvent>,
}

/// Hides every count `n` with `0 < n < min_count`, cells and totals alike, then hides the fewest
/// and smallest further entries so that no hidden entry can be worked out from what is shown.
///
/// Zeros are shown and never hidden. Deterministic: the same table and rules give the same
/// result. Fails only on malformed input (a row of the wrong length, labels that do not match the
/// counts, totals beyond `u64`).
pub fn suppress_table(table: &CountTable, rules: &SuppressionRules) -> Result<SuppressionOutcome, EvalError> {
    let mut grid = Grid::new(table)?;
    let mut events = Vec::new();
    for e in 0..grid.values.len() {
        let v = grid.values[e];
        if v > 0 && v < rules.min_count {
            grid.state[e] = Some(SuppressionReason::Primary);
            events.push(grid.event(table, e, SuppressionReason::Primary, None, rules.min_count));
        }
    }
    let mut protected = vec![false; grid.values.len()];
    loop {
        let mut target = None;
        for (e, done) in protected.iter_mut().enumerate() {
            if grid.state[e].is_none() || *done {
                continue;
            }
            // Adding hidden entries only adds cycles, so an entry once protected stays protected.
            if grid.can_change(e) {
                *done = true;
            } else {
                target = Some(e);
                break;
            }
        }
        let Some(e) = target else { break };
        let added = grid.protect(e);
        if added.is_empty() {
            // Cannot happen: hiding every non-zero entry protects every hidden entry (see the
            // documentation). Refuse rather than publish a table that discloses.
            return Err(EvalError::InvalidInput("the table could not be protected".into()));
        }
        for f in added {
            grid.state[f] = Some(SuppressionReason::Complementary);
            events.push(grid.event(table, f, SuppressionReason::Complementary, Some(grid.position(e)), rules.min_count));
        }
    }
    Ok(SuppressionOutcome { table: grid.publish(table, rules.min_count), events })
}

/// The cost of hiding further entries: the sum of their counts (the information lost), then how
/// many they are.
type Cost = (u128, u64);

/// The table as one grid with its totals, and what is hidden.
struct Grid {
    /// Interior rows and columns.
    m: usize,
    n: usize,
    /// `(m + 1) × (n + 1)` counts, row by row; row `m` holds the column totals, column `n` the row
    /// totals.
    values: Vec<u64>,
    state: Vec<Option<SuppressionReason>>,
}

impl Grid {
    fn new(table: &CountTable) -> Result<Grid, EvalError> {
        let (m, n) = (table.rows.len(), table.columns.len());
        if table.counts.len() != m {
            return Err(EvalError::InvalidInput(format!("{m} row labels but {} rows of counts", table.counts.len())));
        }
        let overflow = || EvalError::InvalidInput("the totals are too large".into());
        let w = n + 1;
        let mut values = vec![0u64; (m + 1) * w];
        for (i, row) in table.counts.iter().enumerate() {
            if row.len() != n {
                return Err(EvalError::InvalidInput(format!("row {} has {} counts, expected {n}", i + 1, row.len())));
            }
            for (j, &v) in row.iter().enumerate() {
                values[i * w + j] = v;
                values[i * w + n] = values[i * w + n].checked_add(v).ok_or_else(overflow)?;
                values[m * w + j] = values[m * w + j].checked_add(v).ok_or_else(overflow)?;
                values[m * w + n] = values[m * w + n].checked_add(v).ok_or_else(overflow)?;
            }
        }
        let len = values.len();
        Ok(Grid { m, n, values, state: vec![None; len] })
    }

    fn pos(&self, e: usize) -> (usize, usize) {
        (e / (self.n + 1), e % (self.n + 1))
    }

    fn position(&self, e: usize) -> Position {
        match self.pos(e) {
            (i, j) if i < self.m && j < self.n => Position::Cell { row: i, column: j },
            (i, _) if i < self.m => Position::RowTotal { row: i },
            (_, j) if j < self.n => Position::ColumnTotal { column: j },
            _ => Position::GrandTotal,
        }
    }

    fn event(
        &self,
        table: &CountTable,
        e: usize,
        reason: SuppressionReason,
        protects: Option<Position>,
        min_count: u64,
    ) -> SuppressionEvent {
        let (i, j) = self.pos(e);
        SuppressionEvent {
            position: self.position(e),
            row: table.rows.get(i).cloned(),
            column: table.columns.get(j).cloned(),
            reason,
            protects,
            min_count,
        }
    }

    fn is_interior(&self, e: usize) -> bool {
        let (i, j) = self.pos(e);
        i < self.m && j < self.n
    }

    /// Whether the entry's signed value may go down by one in another consistent table. Totals
    /// carry no bound of their own (they follow from the cells); a hidden cell is known to be at
    /// least 1, because zeros are shown.
    fn can_decrease(&self, e: usize) -> bool {
        !self.is_interior(e) || self.values[e] >= 2
    }

    fn row_node(&self, i: usize) -> usize {
        i
    }

    fn col_node(&self, j: usize) -> usize {
        self.m + 1 + j
    }

    fn nodes(&self) -> usize {
        self.m + self.n + 2
    }

    /// The arcs leaving `node`: `(entry, target node)`. Each entry `(i, j)` joins row node `i` and
    /// column node `j`; the arc row → column raises its signed value by one and the arc column →
    /// row lowers it (allowed only when [`Self::can_decrease`]). The signed value is the count for
    /// cells and the grand total and minus the count for row and column totals, so that every row
    /// and column of the grid sums to 0; a directed cycle then changes every row and column sum
    /// by +1 − 1 = 0, i.e. it is another table with the same published totals.
    fn arcs(&self, node: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        let w = self.n + 1;
        let (row, col) = if node <= self.m { (Some(node), None) } else { (None, Some(node - self.m - 1)) };
        let from_row = row.into_iter().flat_map(move |i| (0..w).map(move |j| (i * w + j, self.col_node(j))));
        let from_col = col.into_iter().flat_map(move |j| (0..=self.m).map(move |i| (i * w + j, self.row_node(i))));
        from_row.chain(from_col.filter(|&(e, _)| self.can_decrease(e)))
    }

    /// Whether hidden entry `e` can take another value: a directed cycle through one of its arcs,
    /// made of arcs of hidden entries.
    fn can_change(&self, e: usize) -> bool {
        let (i, j) = self.pos(e);
        let (r, c) = (self.row_node(i), self.col_node(j));
        self.reachable(e, c, r) || (self.can_decrease(e) && self.reachable(e, r, c))
    }

    fn reachable(&self, skip: usize, from: usize, to: usize) -> bool {
        let mut seen = vec![false; self.nodes()];
        let mut stack = vec![from];
        seen[from] = true;
        while let Some(u) = stack.pop() {
            if u == to {
                return true;
            }
            for (f, v) in self.arcs(u) {
                if f != skip && self.state[f].is_some() && !seen[v] {
                    seen[v] = true;
                    stack.push(v);
                }
            }
        }
        false
    }

    /// The cheapest path `from` ⇝ `to` that avoids `skip`, through hidden entries (free) and
    /// shown non-zero entries (costing their count): the shown entries on it.
    fn cheapest_path(&self, skip: usize, from: usize, to: usize) -> Option<(Cost, Vec<usize>)> {
        let mut best: Vec<Option<Cost>> = vec![None; self.nodes()];
        let mut via: Vec<Option<(usize, usize)>> = vec![None; self.nodes()];
        let mut heap = BinaryHeap::new();
        best[from] = Some((0, 0));
        heap.push(Reverse(((0u128, 0u64), from)));
        while let Some(Reverse((cost, u))) = heap.pop() {
            if best[u].is_some_and(|b| b < cost) {
                continue;
            }
            if u == to {
                break;
            }
            for (f, v) in self.arcs(u) {
                if f == skip {
                    continue;
                }
                let step: Cost = match self.state[f] {
                    Some(_) => (0, 0),
                    None if self.values[f] > 0 => (u128::from(self.values[f]), 1),
                    None => continue,
                };
                let next = (cost.0 + step.0, cost.1 + step.1);
                if best[v].is_none_or(|b| next < b) {
                    best[v] = Some(next);
                    via[v] = Some((u, f));
                    heap.push(Reverse((next, v)));
                }
            }
        }
        let cost = best[to]?;
        let mut added = Vec::new();
        let mut node = to;
        while node != from {
            let (prev, f) = via[node]?;
            if self.state[f].is_none() {
                added.push(f);
            }
            node = prev;
        }
        added.reverse();
        Some((cost, added))
    }

    /// The shown entries to hide so that `e` lies on a cycle: the cheaper of the two directions
    /// (raising `e` first on a tie).
    fn protect(&self, e: usize) -> Vec<usize> {
        let (i, j) = self.pos(e);
        let (r, c) = (self.row_node(i), self.col_node(j));
        let up = self.cheapest_path(e, c, r);
        let down = if self.can_decrease(e) { self.cheapest_path(e, r, c) } else { None };
        match (up, down) {
            (Some(a), Some(b)) => {
                if b.0 < a.0 {
                    b.1
                } else {
                    a.1
                }
            }
            (Some(a), None) => a.1,
            (None, Some(b)) => b.1,
            (None, None) => Vec::new(),
        }
    }

    fn publish(&self, table: &CountTable, min_count: u64) -> SuppressedTable {
        let w = self.n + 1;
        let cell = |e: usize| if self.state[e].is_some() { Cell::Suppressed } else { Cell::Shown(self.values[e]) };
        SuppressedTable {
            rows: table.rows.clone(),
            columns: table.columns.clone(),
            cells: (0..self.m).map(|i| (0..self.n).map(|j| cell(i * w + j)).collect()).collect(),
            row_totals: (0..self.m).map(|i| cell(i * w + self.n)).collect(),
            column_totals: (0..self.n).map(|j| cell(self.m * w + j)).collect(),
            grand_total: cell(self.m * w + self.n),
            min_count,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn table(counts: Vec<Vec<u64>>) -> CountTable {
        let rows = (0..counts.len()).map(|i| format!("r{i}")).collect();
        let columns = (0..counts.first().map_or(0, Vec::len)).map(|j| format!("c{j}")).collect();
        CountTable { rows, columns, counts }
    }

    /// Brute force: is there a table, with every hidden cell a whole number ≥ 1, that agrees with
    /// every shown cell and total and gives entry `target` the value `value`? Hidden cells are
    /// tried from 1 to `cap`; 0 in `x` marks a hidden cell not yet tried.
    fn feasible_with(g: &Grid, target: usize, value: u64, cap: u64) -> bool {
        let unknowns: Vec<usize> = (0..g.values.len()).filter(|&e| g.is_interior(e) && g.state[e].is_some()).collect();
        if unknowns.contains(&target) && value == 0 {
            return false;
        }
        let mut x: Vec<u64> = g.values.clone();
        for &u in &unknowns {
            x[u] = 0;
        }
        go(g, &mut x, &unknowns, 0, target, value, cap)
    }

    fn consistent(g: &Grid, x: &[u64], target: usize, value: u64) -> bool {
        let w = g.n + 1;
        let mut sum = vec![0u64; x.len()];
        let mut open = vec![false; x.len()];
        for i in 0..g.m {
            for j in 0..g.n {
                let e = i * w + j;
                let unset = g.state[e].is_some() && x[e] == 0;
                for t in [i * w + g.n, g.m * w + j, g.m * w + g.n] {
                    sum[t] += x[e];
                    open[t] |= unset;
                }
            }
        }
        (0..x.len()).filter(|&e| !g.is_interior(e)).all(|e| {
            let want = if e == target {
                Some(value)
            } else if g.state[e].is_none() {
                Some(g.values[e])
            } else {
                None
            };
            match want {
                Some(v) if open[e] => sum[e] <= v,
                Some(v) => sum[e] == v,
                None => true,
            }
        })
    }

    fn go(g: &Grid, x: &mut [u64], unknowns: &[usize], k: usize, target: usize, value: u64, cap: u64) -> bool {
        let Some(&u) = unknowns.get(k) else { return consistent(g, x, target, value) };
        let (lo, hi) = if u == target { (value, value) } else { (1, cap) };
        for v in lo..=hi {
            x[u] = v;
            if consistent(g, x, target, value) && go(g, x, unknowns, k + 1, target, value, cap) {
                return true;
            }
        }
        x[u] = 0;
        false
    }

    /// Brute force: does hidden entry `e` have a second possible value?
    fn has_second_value(g: &Grid, e: usize, cap: u64) -> bool {
        (0..=cap).filter(|&v| v != g.values[e]).any(|v| feasible_with(g, e, v, cap))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// The cycle test agrees with brute-force enumeration on any pattern of hidden non-zero
        /// entries of a small table, not only on the patterns `suppress_table` produces.
        #[test]
        fn cycle_test_matches_enumeration(
            counts in prop::collection::vec(prop::collection::vec(0u64..5, 3), 2),
            mask in prop::collection::vec(any::<bool>(), 12),
        ) {
            let t = table(counts);
            let mut g = Grid::new(&t).unwrap();
            for ((s, &v), &hide) in g.state.iter_mut().zip(&g.values).zip(&mask) {
                if hide && v > 0 {
                    *s = Some(SuppressionReason::Primary);
                }
            }
            let cap = g.values[g.values.len() - 1] + 2;
            for e in 0..g.values.len() {
                if g.state[e].is_some() {
                    prop_assert_eq!(g.can_change(e), has_second_value(&g, e, cap), "entry {:?} of {:?} hidden {:?}", g.pos(e), g.values, g.state);
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(12))]

        /// The same on 3 × 3 tables (slower: 300 cases were run once, these few on every run).
        #[test]
        fn cycle_test_matches_enumeration_3x3(
            counts in prop::collection::vec(prop::collection::vec(0u64..4, 3), 3),
            mask in prop::collection::vec(any::<bool>(), 16),
        ) {
            let t = table(counts);
            let mut g = Grid::new(&t).unwrap();
            for ((s, &v), &hide) in g.state.iter_mut().zip(&g.values).zip(&mask) {
                if hide && v > 0 {
                    *s = Some(SuppressionReason::Primary);
                }
            }
            let cap = g.values[g.values.len() - 1] + 2;
            for e in 0..g.values.len() {
                if g.state[e].is_some() {
                    prop_assert_eq!(g.can_change(e), has_second_value(&g, e, cap));
                }
            }
        }
    }

    #[test]
    fn a_large_table_is_protected_quickly() {
        // 40 sites × 25 categories of mostly small counts (a fixed pseudo-random sequence).
        let mut state = 12345u64;
        let counts: Vec<Vec<u64>> = (0..40)
            .map(|_| {
                (0..25)
                    .map(|_| {
                        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                        (state >> 33) % 12
                    })
                    .collect()
            })
            .collect();
        let t = table(counts);
        let out = suppress_table(&t, &SuppressionRules::default()).unwrap();
        let mut g = Grid::new(&t).unwrap();
        for e in 0..g.values.len() {
            if out.table.get(g.position(e)) == Some(Cell::Suppressed) {
                g.state[e] = Some(SuppressionReason::Primary);
            }
        }
        assert!((0..g.values.len()).all(|e| g.state[e].is_none() || g.can_change(e)));
        assert!(out.table.row_totals.iter().all(|c| !c.is_suppressed()));
    }

    #[test]
    fn a_lone_small_cell_takes_the_smallest_partners() {
        // 3 is hidden; its row and column each need a second hidden entry, and the four cells of
        // a rectangle are the cheapest cycle: 3, 6 (same row), 7 (same column), 9 (opposite).
        let t = table(vec![vec![3, 6, 20], vec![7, 9, 30], vec![40, 50, 60]]);
        let out = suppress_table(&t, &SuppressionRules::default()).unwrap();
        let hidden: Vec<Position> = out.events.iter().map(|e| e.position).collect();
        assert_eq!(
            hidden,
            vec![
                Position::Cell { row: 0, column: 0 },
                Position::Cell { row: 1, column: 0 },
                Position::Cell { row: 1, column: 1 },
                Position::Cell { row: 0, column: 1 },
            ]
        );
        assert!(out.events[1..].iter().all(|e| e.reason == SuppressionReason::Complementary));
        assert!(out.events[1..].iter().all(|e| e.protects == Some(Position::Cell { row: 0, column: 0 })));
        assert_eq!(out.table.row_totals, vec![Cell::Shown(29), Cell::Shown(46), Cell::Shown(150)]);
        assert_eq!(out.table.grand_total, Cell::Shown(225));
    }

    #[test]
    fn small_totals_are_hidden_too() {
        let t = CountTable::one_way("all", vec!["a".into(), "b".into(), "c".into()], vec![2, 0, 1]);
        let out = suppress_table(&t, &SuppressionRules::default()).unwrap();
        assert_eq!(out.table.cells[0], vec![Cell::Suppressed, Cell::Shown(0), Cell::Suppressed]);
        assert_eq!(out.table.row_totals, vec![Cell::Suppressed]);
        assert_eq!(out.table.grand_total, Cell::Suppressed);
        assert!(out.events.iter().all(|e| e.reason == SuppressionReason::Primary));
    }

    #[test]
    fn one_way_list_hides_a_second_category() {
        let t = CountTable::one_way("all", vec!["a".into(), "b".into(), "c".into()], vec![3, 12, 8]);
        let out = suppress_table(&t, &SuppressionRules::default()).unwrap();
        assert_eq!(out.table.cells[0], vec![Cell::Suppressed, Cell::Shown(12), Cell::Suppressed]);
        assert_eq!(out.table.row_totals, vec![Cell::Shown(23)]);
        assert_eq!(out.table.column_totals, vec![Cell::Suppressed, Cell::Shown(12), Cell::Suppressed]);
    }

    #[test]
    fn a_cell_of_one_cannot_go_down() {
        // Hidden cells are known to be ≥ 1: with 1 and 1 in one row of a 2 × 2 block the
        // rectangle would be pinned, so a further entry is hidden.
        let t = table(vec![vec![1, 1, 30], vec![6, 7, 30]]);
        let out = suppress_table(&t, &SuppressionRules::default()).unwrap();
        let mut g = Grid::new(&t).unwrap();
        for e in 0..g.values.len() {
            if out.table.get(g.position(e)) == Some(Cell::Suppressed) {
                g.state[e] = Some(SuppressionReason::Primary);
            }
        }
        assert!(out.table.suppressed_count() > 2);
        for e in 0..g.values.len() {
            if g.state[e].is_some() {
                assert!(has_second_value(&g, e, 80), "{:?}", g.position(e));
            }
        }
    }

    #[test]
    fn malformed_tables_are_refused() {
        let ragged = CountTable { rows: vec!["a".into(), "b".into()], columns: vec!["x".into()], counts: vec![vec![1], vec![1, 2]] };
        assert!(suppress_table(&ragged, &SuppressionRules::default()).is_err());
        let labels = CountTable { rows: vec!["a".into()], columns: vec!["x".into()], counts: vec![] };
        assert!(suppress_table(&labels, &SuppressionRules::default()).is_err());
        let huge = table(vec![vec![u64::MAX, 1]]);
        assert!(suppress_table(&huge, &SuppressionRules::default()).is_err());
    }

    #[test]
    fn statistics_need_ten() {
        let rules = SuppressionRules::default();
        assert!(!statistic_allowed(9, &rules));
        assert!(statistic_allowed(10, &rules));
        assert_eq!(Cell::Suppressed.to_string(), "x");
        assert_eq!(Cell::Shown(7).to_string(), "7");
        assert_eq!(serde_json::to_string(&Cell::Shown(7)).unwrap(), r#"{"shown":7}"#);
        assert_eq!(serde_json::to_string(&Cell::Suppressed).unwrap(), r#""suppressed""#);
    }
}
