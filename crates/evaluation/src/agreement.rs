//! Agreement between coders of qualitative material: percent agreement, Cohen's kappa and
//! Krippendorff's alpha (nominal).
//!
//! # The data
//!
//! The unit is a **segment** of a transcript (a speaker turn, or a paragraph where the
//! transcript marks no speakers). Every coder reads every segment and applies zero or more
//! codes to it, so for each (segment, code) a coder's value is *present* (applied) or *absent*.
//! A [`CodingTable`] holds exactly that:
//!
//! | field      | what it is                                                             |
//! |------------|------------------------------------------------------------------------|
//! | `coders`   | the coders' names (or ids), each index a coder                          |
//! | `segments` | the segments' names (or ids), each index a segment                      |
//! | `codes`    | the codes' names (or ids), each index a code; a code nobody applied counts |
//! | `applied`  | the set of `(segment, coder, code)` indices where the code was applied  |
//!
//! Any `(segment, coder, code)` not in `applied` is *absent*: every coder is taken to have
//! read every segment.
//!
//! # The figures, per code (over its segments) and overall
//!
//! * `n_segments`: the number of segments in the table (the same for every code).
//! * **Percent agreement**: the share of segments on which all coders give the same value
//!   (all applied the code, or none did). With two coders this is the usual observed
//!   agreement; with three or more it is the share of units where *all* agree (stricter than
//!   the average of the pairwise agreements). `None` with fewer than two coders or no
//!   segments.
//! * **Cohen's kappa**, only for exactly two coders: `κ = (p_o − p_e) / (1 − p_e)`, with `p_o`
//!   the observed agreement and `p_e = Σ_c p_A(c)·p_B(c)` the agreement expected from each
//!   coder's own marginal shares. Undefined (`None`) when `p_e = 1`, that is when both coders
//!   gave the same single value to every segment (both applied the code everywhere, or both
//!   nowhere).
//! * **Krippendorff's alpha (nominal)**, for two or more coders, missing values allowed (in
//!   [`krippendorff_alpha_nominal`]):
//!   `α = 1 − (n − 1) · Σ_u [(m_u² − Σ_c n_uc²) / (m_u − 1)] / (n² − Σ_c n_c²)`,
//!   where `m_u` is the number of values in unit `u`, `n_uc` how many of them are `c`, and a
//!   unit with fewer than two values is left out (it has no pair to compare); `n_c = Σ_u n_uc`
//!   and `n = Σ_u m_u` over the units kept. This is `1 − D_o / D_e` of Krippendorff's
//!   coincidence matrix. Undefined (`None`) when no variation is left (every value kept is
//!   the same, or no unit has two values): the expected disagreement is then 0.
//! * **Overall alpha**: Krippendorff's alpha over every (segment, code) pair as one unit, the
//!   coders' values present/absent.
//!
//! The tests hold the published values: Krippendorff's reliability-data example (4 coders,
//! 12 units, missing values, nominal α = 0.743) and the Cohen's kappa examples of the
//! literature; `scripts/check-agreement.py` recomputes the command's figures with nltk.

use std::collections::{BTreeMap, BTreeSet};

use sammen_tabular::{ColumnSpec, TableError, read_header};
use serde::Serialize;

use crate::EvalError;

/// Who applied which code to which segment; see the module documentation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CodingTable {
    pub coders: Vec<String>,
    pub segments: Vec<String>,
    pub codes: Vec<String>,
    /// `(segment, coder, code)` indices into the three lists above.
    pub applied: BTreeSet<(usize, usize, usize)>,
}

impl CodingTable {
    /// A table of the given coders, segments and codes with nothing applied yet.
    pub fn new(coders: Vec<String>, segments: Vec<String>, codes: Vec<String>) -> Self {
        Self { coders, segments, codes, applied: BTreeSet::new() }
    }

    /// Records that `coder` applied `code` to `segment` (indices). Indices out of range are
    /// ignored, so a table never refers to something it does not list.
    pub fn apply(&mut self, segment: usize, coder: usize, code: usize) {
        if segment < self.segments.len() && coder < self.coders.len() && code < self.codes.len() {
            self.applied.insert((segment, coder, code));
        }
    }

    /// A table from `(segment, coder, code)` rows by name, each list sorted and without
    /// duplicates. A row whose code is `None` only says that the coder read the segment (a
    /// segment no coder applied any code to still counts).
    pub fn from_rows<S, C, K>(rows: impl IntoIterator<Item = (S, C, Option<K>)>) -> Self
    where
        S: Into<String>,
        C: Into<String>,
        K: Into<String>,
    {
        let rows: Vec<(String, String, Option<String>)> =
            rows.into_iter().map(|(s, c, k)| (s.into(), c.into(), k.map(Into::into))).collect();
        let index =
            |names: BTreeSet<&String>| -> BTreeMap<String, usize> { names.into_iter().enumerate().map(|(i, n)| (n.clone(), i)).collect() };
        let segments = index(rows.iter().map(|r| &r.0).collect());
        let coders = index(rows.iter().map(|r| &r.1).collect());
        let codes = index(rows.iter().filter_map(|r| r.2.as_ref()).collect());
        let mut table = Self::new(coders.keys().cloned().collect(), segments.keys().cloned().collect(), codes.keys().cloned().collect());
        for (s, c, k) in &rows {
            if let Some(k) = k {
                table.apply(segments[s], coders[c], codes[k]);
            }
        }
        table
    }

    /// Whether `coder` applied `code` to `segment`.
    pub fn is_applied(&self, segment: usize, coder: usize, code: usize) -> bool {
        self.applied.contains(&(segment, coder, code))
    }
}

/// The agreement on one code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodeAgreement {
    pub code: String,
    pub n_segments: usize,
    pub percent_agreement: Option<f64>,
    /// Only for exactly two coders; `None` also when undefined (see the module documentation).
    pub cohen_kappa: Option<f64>,
    pub krippendorff_alpha: Option<f64>,
}

/// The agreement of a [`CodingTable`]: one entry per code, in the table's order of codes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreementReport {
    pub coders: Vec<String>,
    pub n_segments: usize,
    pub codes: Vec<CodeAgreement>,
    /// Krippendorff's alpha over every (segment, code) pair.
    pub overall_alpha: Option<f64>,
}

/// Percent agreement, Cohen's kappa and Krippendorff's alpha per code, and alpha overall.
pub fn agreement(table: &CodingTable) -> AgreementReport {
    let n_coders = table.coders.len();
    let n_segments = table.segments.len();
    let values =
        |segment: usize, code: usize| -> Vec<Option<bool>> { (0..n_coders).map(|c| Some(table.is_applied(segment, c, code))).collect() };
    let mut pooled: Vec<Vec<Option<bool>>> = Vec::with_capacity(n_segments * table.codes.len());
    let codes = table
        .codes
        .iter()
        .enumerate()
        .map(|(k, name)| {
            let units: Vec<Vec<Option<bool>>> = (0..n_segments).map(|s| values(s, k)).collect();
            let cohen_kappa = if n_coders == 2 {
                let pairs: Vec<(bool, bool)> = units.iter().map(|u| (u[0] == Some(true), u[1] == Some(true))).collect();
                cohen_kappa(&pairs)
            } else {
                None
            };
            let code = CodeAgreement {
                code: name.clone(),
                n_segments,
                percent_agreement: percent_agreement(&units),
                cohen_kappa,
                krippendorff_alpha: krippendorff_alpha_nominal(&units),
            };
            pooled.extend(units);
            code
        })
        .collect();
    AgreementReport { coders: table.coders.clone(), n_segments, codes, overall_alpha: krippendorff_alpha_nominal(&pooled) }
}

/// The share of units on which every coder who rated it gives the same value, over the units
/// at least two coders rated; `None` when there is no such unit.
pub fn percent_agreement<T: PartialEq>(units: &[Vec<Option<T>>]) -> Option<f64> {
    let mut rated = 0usize;
    let mut agreed = 0usize;
    for unit in units {
        let values: Vec<&T> = unit.iter().flatten().collect();
        if values.len() < 2 {
            continue;
        }
        rated += 1;
        if values.iter().all(|v| *v == values[0]) {
            agreed += 1;
        }
    }
    (rated > 0).then(|| agreed as f64 / rated as f64)
}

/// Cohen's kappa of two coders, one `(coder A, coder B)` pair of values per unit. `None` when
/// there are no pairs or the expected agreement is 1 (both coders gave one and the same value
/// throughout), where kappa is 0/0.
pub fn cohen_kappa<T: Ord>(pairs: &[(T, T)]) -> Option<f64> {
    let n = pairs.len();
    if n == 0 {
        return None;
    }
    let mut a: BTreeMap<&T, u128> = BTreeMap::new();
    let mut b: BTreeMap<&T, u128> = BTreeMap::new();
    let mut agreed: u128 = 0;
    for (x, y) in pairs {
        *a.entry(x).or_default() += 1;
        *b.entry(y).or_default() += 1;
        if x == y {
            agreed += 1;
        }
    }
    let n = n as u128;
    // p_e · n² and p_o · n² as integers, so "p_e = 1" is decided exactly.
    let expected: u128 = a.iter().map(|(value, count)| count * b.get(value).copied().unwrap_or(0)).sum();
    let total = n * n;
    if expected == total {
        return None;
    }
    // κ = (p_o − p_e) / (1 − p_e) = (agreed·n − expected) / (n² − expected).
    Some(((agreed * n) as f64 - expected as f64) / (total - expected) as f64)
}

/// Krippendorff's alpha for nominal data. Each unit lists one value per coder, `None` where
/// that coder did not rate the unit. Units with fewer than two values are left out; `None`
/// when the expected disagreement is 0 (no variation, or nothing pairable).
pub fn krippendorff_alpha_nominal<T: Ord>(units: &[Vec<Option<T>>]) -> Option<f64> {
    let mut totals: BTreeMap<&T, f64> = BTreeMap::new();
    let mut n = 0.0_f64;
    let mut observed = 0.0_f64;
    for unit in units {
        let mut counts: BTreeMap<&T, f64> = BTreeMap::new();
        let mut m = 0.0_f64;
        for value in unit.iter().flatten() {
            *counts.entry(value).or_default() += 1.0;
            m += 1.0;
        }
        if m < 2.0 {
            continue;
        }
        let same: f64 = counts.values().map(|c| c * c).sum();
        observed += (m * m - same) / (m - 1.0);
        n += m;
        for (value, count) in counts {
            *totals.entry(value).or_default() += count;
        }
    }
    let expected = n * n - totals.values().map(|c| c * c).sum::<f64>();
    if expected <= 0.0 {
        return None;
    }
    Some(1.0 - (n - 1.0) * observed / expected)
}

const fn column(key: &'static str) -> ColumnSpec {
    ColumnSpec { key, da: key, en: key, aliases: &[], required: true }
}

const CODING_COLUMNS: &[ColumnSpec] = &[column("segment"), column("coder"), column("code")];

/// Reads a coding file (CSV in any encoding and delimiter, `.xlsx` or `.ods`) with the columns
/// `segment,coder,code`, one row per code a coder applied to a segment. An empty `code` only
/// records that the coder read the segment. Every coder in the file is taken to have read
/// every segment in it. Needs at least two coders.
pub fn coding_table_from_file(bytes: &[u8], name: Option<&str>) -> Result<CodingTable, EvalError> {
    let table = crate::input::read_file(bytes, name)?;
    let Some(first) = table.rows.first() else {
        return Err(TableError::new("err-table-empty", 1).with_detail(sammen_tabular::header::known_columns(CODING_COLUMNS)).into());
    };
    let header = match read_header(first, CODING_COLUMNS) {
        (Some(h), errors) if errors.is_empty() => h,
        (_, mut errors) => return Err(errors.remove(0).into()),
    };
    let mut rows = Vec::new();
    for row in table.rows.iter().skip(1) {
        let values = header.values(row)?;
        let cell = |key: &str| values.get(key).unwrap_or("");
        let (segment, coder, code) = (cell("segment"), cell("coder"), cell("code"));
        if segment.is_empty() && coder.is_empty() && code.is_empty() {
            continue;
        }
        for (key, value) in [("segment", segment), ("coder", coder)] {
            if value.is_empty() {
                return Err(values.error("err-eval-missing-value", key).into());
            }
        }
        rows.push((segment.to_owned(), coder.to_owned(), (!code.is_empty()).then(|| code.to_owned())));
    }
    if rows.is_empty() {
        return Err(TableError::new("err-table-no-rows", first.line + 1).into());
    }
    let coding = CodingTable::from_rows(rows);
    if coding.coders.len() < 2 {
        return Err(EvalError::InvalidInput(format!(
            "agreement needs at least two coders; the file names {}",
            match coding.coders.as_slice() {
                [] => "none".to_owned(),
                [one] => format!("one ({one})"),
                more => more.len().to_string(),
            }
        )));
    }
    Ok(coding)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: Option<f64>, b: f64, tol: f64) {
        let a = a.expect("a value");
        assert!((a - b).abs() < tol, "{a} is not {b}");
    }

    /// Krippendorff (2011), "Computing Krippendorff's alpha-reliability", the reliability data
    /// of 4 observers and 12 units with missing values: nominal α = 0.743.
    #[test]
    fn krippendorff_published_example() {
        let rows: [[Option<u8>; 12]; 4] = [
            [Some(1), Some(2), Some(3), Some(3), Some(2), Some(1), Some(4), Some(1), Some(2), None, None, None],
            [Some(1), Some(2), Some(3), Some(3), Some(2), Some(2), Some(4), Some(1), Some(2), Some(5), None, Some(3)],
            [None, Some(3), Some(3), Some(3), Some(2), Some(3), Some(4), Some(2), Some(2), Some(5), Some(1), None],
            [Some(1), Some(2), Some(3), Some(3), Some(2), Some(4), Some(4), Some(1), Some(2), Some(5), Some(1), None],
        ];
        let units: Vec<Vec<Option<u8>>> = (0..12).map(|u| rows.iter().map(|r| r[u]).collect()).collect();
        let alpha = krippendorff_alpha_nominal(&units);
        close(alpha, 0.743, 0.0005);
        // The exact value from the coincidence matrix: n = 40 pairable values, n_c = 9, 13, 10,
        // 5, 3; observed disagreement Σ_{c≠k} o_ck = 2 (unit 2) + 4 (unit 6) + 2 (unit 8) = 8.
        close(alpha, 1.0 - 39.0 * 8.0 / (1600.0 - (81.0 + 169.0 + 100.0 + 25.0 + 9.0)), 1e-12);
        // Unit 12 holds a single value and is left out: removing it changes nothing.
        close(krippendorff_alpha_nominal(&units[..11]), alpha.unwrap(), 1e-12);
    }

    /// Wikipedia, "Cohen's kappa", the 50 proposals read by two readers: 20 yes/yes, 5 yes/no,
    /// 10 no/yes, 15 no/no; p_o = 0.7, p_e = 0.5, κ = 0.4.
    #[test]
    fn cohen_published_examples() {
        let table = |yy: usize, yn: usize, ny: usize, nn: usize| -> Vec<(bool, bool)> {
            [((true, true), yy), ((true, false), yn), ((false, true), ny), ((false, false), nn)]
                .into_iter()
                .flat_map(|(p, k)| std::iter::repeat_n(p, k))
                .collect()
        };
        close(cohen_kappa(&table(20, 5, 10, 15)), 0.4, 1e-12);
        // The same article's pair with equal p_o = 0.60 but different marginals:
        // 45/15/25/15 gives κ = 0.1304 and 25/35/5/35 gives κ = 0.2593.
        close(cohen_kappa(&table(45, 15, 25, 15)), 0.06 / 0.46, 1e-12);
        close(cohen_kappa(&table(45, 15, 25, 15)), 0.1304, 0.00005);
        close(cohen_kappa(&table(25, 35, 5, 35)), 0.14 / 0.54, 1e-12);
        close(cohen_kappa(&table(25, 35, 5, 35)), 0.2593, 0.00005);
    }

    /// Cohen (1960)'s own three-category example (Table 1): 200 units, observed agreement
    /// 0.70, chance agreement 0.41, κ = 0.492.
    #[test]
    fn cohen_three_categories() {
        // Rows: judge A's category, columns: judge B's, counts out of 200.
        let counts = [[88, 14, 18], [10, 40, 10], [2, 6, 12]];
        let pairs: Vec<(usize, usize)> = (0..3).flat_map(|a| (0..3).flat_map(move |b| std::iter::repeat_n((a, b), counts[a][b]))).collect();
        assert_eq!(pairs.len(), 200);
        close(cohen_kappa(&pairs), (0.70 - 0.41) / (1.0 - 0.41), 1e-12);
        close(cohen_kappa(&pairs), 0.492, 0.0005);
    }

    #[test]
    fn undefined_cases() {
        assert_eq!(cohen_kappa::<bool>(&[]), None);
        assert_eq!(cohen_kappa(&[(true, true), (true, true)]), None);
        // Constant but opposite coders: p_o = 0, p_e = 0, κ = 0.
        assert_eq!(cohen_kappa(&[(true, false), (true, false)]), Some(0.0));
        assert_eq!(krippendorff_alpha_nominal::<bool>(&[]), None);
        assert_eq!(krippendorff_alpha_nominal(&[vec![Some(1), Some(1)], vec![Some(1), Some(1)]]), None);
        // Variation only in a unit with one value: nothing pairable varies.
        assert_eq!(krippendorff_alpha_nominal(&[vec![Some(1), Some(1)], vec![Some(2), None]]), None);
        assert_eq!(krippendorff_alpha_nominal(&[vec![Some(1), None], vec![None, Some(2)]]), None);
        assert_eq!(percent_agreement::<bool>(&[vec![Some(true), None]]), None);
    }

    #[test]
    fn table_per_code_and_overall() {
        let rows = vec![
            ("s1", "anna", Some("hope")),
            ("s1", "bo", Some("hope")),
            ("s2", "anna", Some("hope")),
            ("s2", "bo", Some("identity")),
            ("s3", "anna", None),
            ("s3", "bo", None),
            ("s4", "anna", Some("everywhere")),
            ("s4", "bo", Some("everywhere")),
        ];
        let mut table = CodingTable::from_rows(rows);
        for s in 0..3 {
            for c in 0..2 {
                table.apply(s, c, 0);
            }
        }
        table.codes.push("unused".to_owned());
        assert_eq!(table.codes, ["everywhere", "hope", "identity", "unused"]);
        let report = agreement(&table);
        assert_eq!(report.coders, ["anna", "bo"]);
        assert_eq!(report.n_segments, 4);
        let [everywhere, hope, identity, unused] = report.codes.as_slice() else { panic!("four codes") };
        assert_eq!((everywhere.percent_agreement, everywhere.cohen_kappa, everywhere.krippendorff_alpha), (Some(1.0), None, None));
        assert_eq!((unused.percent_agreement, unused.cohen_kappa, unused.krippendorff_alpha), (Some(1.0), None, None));
        // hope: anna s1 s2, bo s1 → agree on 3 of 4; p_e = (2·1 + 2·3)/16 = 0.5; κ = 0.5.
        assert_eq!(hope.n_segments, 4);
        close(hope.percent_agreement, 0.75, 1e-12);
        close(hope.cohen_kappa, 0.5, 1e-12);
        // α: n = 8, one disagreeing unit → observed 2, expected 64 − (3² + 5²) = 30.
        close(hope.krippendorff_alpha, 1.0 - 7.0 * 2.0 / 30.0, 1e-12);
        // identity: only bo on s2 → κ = 0 (p_o = 0.75, p_e = 0.75).
        close(identity.cohen_kappa, 0.0, 1e-12);
        // Overall: 16 units, 2 disagreeing (hope s2, identity s2); present 8 + 3 + 1 = 12 of 32.
        close(report.overall_alpha, 1.0 - 31.0 * 4.0 / (1024.0 - (144.0 + 400.0)), 1e-12);
    }

    #[test]
    fn three_coders_no_kappa_and_strict_percent() {
        let rows = vec![
            ("s1", "a", Some("x")),
            ("s1", "b", Some("x")),
            ("s1", "c", Some("x")),
            ("s2", "a", Some("x")),
            ("s2", "b", None),
            ("s2", "c", None),
            ("s3", "a", None),
            ("s3", "b", None),
            ("s3", "c", None),
        ];
        let report = agreement(&CodingTable::from_rows(rows));
        let x = &report.codes[0];
        assert_eq!(x.cohen_kappa, None);
        close(x.percent_agreement, 2.0 / 3.0, 1e-12);
        // n = 9, present 4; unit s2 has m = 3 with 1/2 split: (9 − 5)/2 = 2. E = 81 − 16 − 25 = 40.
        close(x.krippendorff_alpha, 1.0 - 8.0 * 2.0 / 40.0, 1e-12);
    }

    #[test]
    fn reads_a_semicolon_file_in_windows_1252() {
        let mut bytes = b"Segment;Coder;Code\r\ns1;S\xf8ren;h\xe5b\r\ns1;Bo;h\xe5b\r\ns2;Bo;\r\n".to_vec();
        bytes.extend_from_slice(b"\r\n");
        let table = coding_table_from_file(&bytes, Some("coding.csv")).unwrap();
        assert_eq!(table.coders, ["Bo", "Søren"]);
        assert_eq!(table.segments, ["s1", "s2"]);
        assert_eq!(table.codes, ["håb"]);
        assert_eq!(table.applied.len(), 2);
    }

    #[test]
    fn bad_files() {
        let err = |bytes: &[u8]| coding_table_from_file(bytes, Some("c.csv")).unwrap_err();
        assert!(matches!(err(b""), EvalError::Input(e) if e.message == "err-table-empty"));
        assert!(matches!(err(b"segment,coder\ns1,a\n"), EvalError::Input(_)));
        assert!(matches!(err(b"segment,coder,code\ns1,,x\n"), EvalError::Input(e) if e.message == "err-eval-missing-value"));
        assert!(matches!(err(b"segment,coder,code\n"), EvalError::Input(e) if e.message == "err-table-no-rows"));
        assert!(matches!(err(b"segment,coder,code\ns1,a,x\ns2,a,y\n"), EvalError::InvalidInput(m) if m.contains("one (a)")));
    }

    fn binary_units(coders: usize) -> impl Strategy<Value = Vec<Vec<Option<bool>>>> {
        prop::collection::vec(prop::collection::vec(prop::option::weighted(0.85, any::<bool>()), coders), 1..40)
    }

    proptest! {
        #[test]
        fn alpha_in_range_and_symmetric(units in (2usize..5).prop_flat_map(binary_units)) {
            if let Some(a) = krippendorff_alpha_nominal(&units) {
                // Nominal alpha lies in [-1, 1] for these data (its floor is −1 only in the limit).
                prop_assert!((-1.0 - 1e-9..=1.0 + 1e-9).contains(&a), "{a}");
                let reversed: Vec<Vec<Option<bool>>> = units.iter().map(|u| u.iter().rev().copied().collect()).collect();
                let back = krippendorff_alpha_nominal(&reversed).unwrap();
                prop_assert!((a - back).abs() < 1e-12);
            } else {
                prop_assert_eq!(krippendorff_alpha_nominal(&units), None);
            }
        }

        #[test]
        fn kappa_in_range_and_symmetric(pairs in prop::collection::vec((0u8..3, 0u8..3), 1..60)) {
            let swapped: Vec<(u8, u8)> = pairs.iter().map(|&(a, b)| (b, a)).collect();
            match cohen_kappa(&pairs) {
                Some(k) => {
                    prop_assert!((-1.0 - 1e-9..=1.0 + 1e-9).contains(&k), "{k}");
                    prop_assert!((k - cohen_kappa(&swapped).unwrap()).abs() < 1e-12);
                }
                None => prop_assert_eq!(cohen_kappa(&swapped), None),
            }
        }

        #[test]
        fn perfect_agreement_is_one(values in prop::collection::vec(0u8..3, 2..40), coders in 2usize..5) {
            let varies = values.iter().any(|v| *v != values[0]);
            let units: Vec<Vec<Option<u8>>> = values.iter().map(|v| vec![Some(*v); coders]).collect();
            let pairs: Vec<(u8, u8)> = values.iter().map(|v| (*v, *v)).collect();
            let alpha = krippendorff_alpha_nominal(&units);
            let kappa = cohen_kappa(&pairs);
            if varies {
                prop_assert_eq!(alpha, Some(1.0));
                prop_assert_eq!(kappa, Some(1.0));
            } else {
                prop_assert_eq!(alpha, None);
                prop_assert_eq!(kappa, None);
            }
            prop_assert_eq!(percent_agreement(&units), Some(1.0));
        }

        #[test]
        fn two_coders_alpha_is_corrected_scotts_pi(pairs in prop::collection::vec(any::<(bool, bool)>(), 1..50)) {
            // With two coders and no missing values α = 1 − (2N − 1)/(2N) · (1 − π), π being
            // Scott's pi over N units (Krippendorff 2004, §11.3.1), computed here directly.
            let units: Vec<Vec<Option<bool>>> = pairs.iter().map(|&(a, b)| vec![Some(a), Some(b)]).collect();
            let n = pairs.len() as f64;
            let p_o = pairs.iter().filter(|(a, b)| a == b).count() as f64 / n;
            let share = pairs.iter().map(|&(a, b)| u8::from(a) + u8::from(b)).map(f64::from).sum::<f64>() / (2.0 * n);
            let p_e = share * share + (1.0 - share) * (1.0 - share);
            match krippendorff_alpha_nominal(&units) {
                Some(a) => {
                    let pi = (p_o - p_e) / (1.0 - p_e);
                    prop_assert!((a - (1.0 - (2.0 * n - 1.0) / (2.0 * n) * (1.0 - pi))).abs() < 1e-9, "{a} {pi}");
                }
                None => prop_assert!((p_e - 1.0).abs() < 1e-12),
            }
        }
    }
}
