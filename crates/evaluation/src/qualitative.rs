//! The numbers of a qualitative interview study: which codes and themes each interview touched
//! (the matrix of interviews × codes, rolled up to the CHIME themes), the profile of themes
//! across the interviews, and who was interviewed set beside everyone who took part, so that a
//! sample of the most contented participants shows in numbers.
//!
//! Pure: codes and themes are named by the caller's keys; the functions count, divide and
//! suppress. The published forms ([`publish_profile`], [`SampleComparison`]) apply the
//! organisation's small-number rules: an interview is a person, so a count of interviews is a
//! count of people.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::suppress::{Cell, SuppressionRules, statistic_allowed};

/// The themes a code can roll up to, in the order reports show them: the five CHIME processes,
/// then concrete life changes and difficulties.
pub const THEMES: [&str; 7] = ["connectedness", "hope", "identity", "meaning", "empowerment", "life_change", "difficulty"];

/// The five CHIME processes among [`THEMES`].
pub const CHIME_THEMES: [&str; 5] = ["connectedness", "hope", "identity", "meaning", "empowerment"];

/// A code of the codebook as the analysis sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixCode {
    /// The caller's key for the code (an id).
    pub key: String,
    pub name: String,
    /// The theme it rolls up to (one of [`THEMES`]), if any.
    pub theme: Option<String>,
}

/// One interview: its label (the pseudonym) and the codes applied in it, one key per coded
/// passage (a code applied to three passages appears three times).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixInterview {
    pub label: String,
    pub codings: Vec<String>,
}

/// A code's column of the matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodeTotal {
    pub key: String,
    pub name: String,
    pub theme: Option<String>,
    /// Coded passages across all interviews.
    pub codings: u64,
    /// Interviews with at least one passage coded so.
    pub interviews: u64,
    /// `interviews` over the number of interviews (0 when there are none).
    pub share: f64,
}

/// A theme rolled up from its codes: an interview touches a theme when any of its codes was
/// applied in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeTotal {
    pub theme: String,
    pub codings: u64,
    pub interviews: u64,
    pub share: f64,
}

/// Interviews × codes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Matrix {
    /// The interviews' labels, one row each.
    pub interviews: Vec<String>,
    /// The codes, one column each, in the order given.
    pub codes: Vec<CodeTotal>,
    /// `counts[interview][code]`: coded passages.
    pub counts: Vec<Vec<u64>>,
    /// Every theme of [`THEMES`], in that order, touched or not.
    pub themes: Vec<ThemeTotal>,
    /// `theme_counts[interview][theme]`: coded passages of the theme's codes.
    pub theme_counts: Vec<Vec<u64>>,
}

fn share(k: u64, n: usize) -> f64 {
    if n == 0 { 0.0 } else { k as f64 / n as f64 }
}

/// Counts each code in each interview and rolls the codes up to their themes. A coding whose
/// key is not among `codes` is left out.
pub fn matrix(codes: &[MatrixCode], interviews: &[MatrixInterview]) -> Matrix {
    let index: BTreeMap<&str, usize> = codes.iter().enumerate().map(|(i, c)| (c.key.as_str(), i)).collect();
    let theme_of: Vec<Option<usize>> = codes.iter().map(|c| c.theme.as_deref().and_then(|t| THEMES.iter().position(|x| *x == t))).collect();
    let n = interviews.len();
    let mut counts = vec![vec![0u64; codes.len()]; n];
    let mut theme_counts = vec![vec![0u64; THEMES.len()]; n];
    for (row, interview) in interviews.iter().enumerate() {
        for key in &interview.codings {
            if let Some(&j) = index.get(key.as_str()) {
                counts[row][j] += 1;
                if let Some(t) = theme_of[j] {
                    theme_counts[row][t] += 1;
                }
            }
        }
    }
    let column = |grid: &[Vec<u64>], j: usize| -> (u64, u64) {
        grid.iter().fold((0, 0), |(sum, touched), r| (sum + r[j], touched + u64::from(r[j] > 0)))
    };
    let code_totals = codes
        .iter()
        .enumerate()
        .map(|(j, c)| {
            let (codings, touched) = column(&counts, j);
            CodeTotal {
                key: c.key.clone(),
                name: c.name.clone(),
                theme: c.theme.clone(),
                codings,
                interviews: touched,
                share: share(touched, n),
            }
        })
        .collect();
    let themes = THEMES
        .iter()
        .enumerate()
        .map(|(t, name)| {
            let (codings, touched) = column(&theme_counts, t);
            ThemeTotal { theme: (*name).to_owned(), codings, interviews: touched, share: share(touched, n) }
        })
        .collect();
    Matrix { interviews: interviews.iter().map(|i| i.label.clone()).collect(), codes: code_totals, counts, themes, theme_counts }
}

/// A published count of interviews touching a theme, and its share when the count is shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublishedTheme {
    pub theme: String,
    pub interviews: Cell,
    pub share: Option<f64>,
}

/// The theme profile for publication, with the number of interviews it rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublishedProfile {
    pub interviews: Cell,
    pub themes: Vec<PublishedTheme>,
    /// How many counts were hidden.
    pub hidden: usize,
}

/// Whether a count `k` of people out of a published `n` may be shown: `k` itself and the
/// `n − k` it leaves are each 0 or at least `min_count`. Hiding only small `k` would let a
/// reader work out a small `n − k` ("all but two said …") from the published total.
pub fn count_publishable(k: u64, n: u64, rules: &SuppressionRules) -> bool {
    let ok = |x: u64| x == 0 || x >= rules.min_count;
    ok(k) && ok(n.saturating_sub(k))
}

/// The matrix's theme profile under the organisation's rules. The number of interviews is hidden
/// when it is small; then every theme's count is hidden too (each could be a count of nearly
/// everyone interviewed). Otherwise a theme's count is shown when [`count_publishable`].
pub fn publish_profile(m: &Matrix, rules: &SuppressionRules) -> PublishedProfile {
    let n = m.interviews.len() as u64;
    let total_shown = n == 0 || n >= rules.min_count;
    let mut hidden = usize::from(!total_shown);
    let themes = m
        .themes
        .iter()
        .map(|t| {
            if total_shown && count_publishable(t.interviews, n, rules) {
                PublishedTheme { theme: t.theme.clone(), interviews: Cell::Shown(t.interviews), share: Some(t.share) }
            } else {
                hidden += 1;
                PublishedTheme { theme: t.theme.clone(), interviews: Cell::Suppressed, share: None }
            }
        })
        .collect();
    PublishedProfile { interviews: if total_shown { Cell::Shown(n) } else { Cell::Suppressed }, themes, hidden }
}

/// One person who took part in the programme, for the comparison of who was interviewed.
#[derive(Debug, Clone, PartialEq)]
pub struct Taker {
    /// Whether the study interviewed them.
    pub interviewed: bool,
    /// Their score at the start, when they answered.
    pub baseline: Option<f64>,
    /// Days in the programme: from the start of their course to its end, or to today while it
    /// runs.
    pub days: Option<i64>,
    /// `Some(true)` when their course ended as completed, `Some(false)` when it ended otherwise,
    /// `None` while it runs.
    pub completed: Option<bool>,
}

/// One group's figures; a statistic is `None` when the group is too small for it (or has no
/// values), and the counts are hidden when small.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupFigures {
    /// People in the group.
    pub people: Cell,
    /// How many have a baseline score, and its mean.
    pub baseline_n: Cell,
    pub baseline_mean: Option<f64>,
    /// Median days in the programme.
    pub median_days: Option<f64>,
    /// Of those whose course ended, how many ended it completed, and the share.
    pub ended: Cell,
    pub completed_share: Option<f64>,
}

/// Interviewees beside every participant of the programme (interviewees included).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SampleComparison {
    pub interviewed: GroupFigures,
    pub everyone: GroupFigures,
    /// The interviewees' baseline mean minus everyone's, when both are shown.
    pub baseline_difference: Option<f64>,
    /// The interviewees' completion share minus everyone's, when both are shown.
    pub completion_difference: Option<f64>,
}

/// The median of the values (the mean of the middle two for an even count); `None` when empty.
pub fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) { (values[mid - 1] + values[mid]) / 2.0 } else { values[mid] })
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

fn count_cell(k: u64, rules: &SuppressionRules) -> Cell {
    if k == 0 || k >= rules.min_count { Cell::Shown(k) } else { Cell::Suppressed }
}

fn figures<'a>(people: impl Iterator<Item = &'a Taker>, rules: &SuppressionRules) -> GroupFigures {
    let people: Vec<&Taker> = people.collect();
    let baselines: Vec<f64> = people.iter().filter_map(|p| p.baseline).collect();
    let mut days: Vec<f64> = people.iter().filter_map(|p| p.days).map(|d| d as f64).collect();
    let ended: Vec<bool> = people.iter().filter_map(|p| p.completed).collect();
    let completed = ended.iter().filter(|c| **c).count() as u64;
    let allowed = |n: usize| statistic_allowed(n as u64, rules);
    GroupFigures {
        people: count_cell(people.len() as u64, rules),
        baseline_n: count_cell(baselines.len() as u64, rules),
        baseline_mean: if allowed(baselines.len()) { mean(&baselines) } else { None },
        median_days: if allowed(days.len()) { median(&mut days) } else { None },
        ended: count_cell(ended.len() as u64, rules),
        completed_share: if allowed(ended.len()) { Some(share(completed, ended.len())) } else { None },
    }
}

/// Compares the interviewees with everyone who took part, under the organisation's rules:
/// means, medians and shares only for groups of at least `min_group_for_statistics`.
pub fn compare_sample(takers: &[Taker], rules: &SuppressionRules) -> SampleComparison {
    let interviewed = figures(takers.iter().filter(|t| t.interviewed), rules);
    let everyone = figures(takers.iter(), rules);
    let diff = |a: Option<f64>, b: Option<f64>| a.zip(b).map(|(a, b)| a - b);
    SampleComparison {
        baseline_difference: diff(interviewed.baseline_mean, everyone.baseline_mean),
        completion_difference: diff(interviewed.completed_share, everyone.completed_share),
        interviewed,
        everyone,
    }
}

/// One person's CHIME profile at the start and at their latest follow-up: per process in
/// [`CHIME_THEMES`] order, the 0–1 mean of their mapped items, `None` where not answered.
#[derive(Debug, Clone, PartialEq)]
pub struct ChimePair {
    pub baseline: Option<[Option<f64>; 5]>,
    pub follow_up: Option<[Option<f64>; 5]>,
}

/// A process of the programme's check-in profile: the people with both a baseline and a
/// follow-up value for it, and their mean at each (a change, not an effect).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChimeCheckInDomain {
    pub domain: String,
    pub people: Cell,
    pub baseline: Option<f64>,
    pub follow_up: Option<f64>,
    pub change: Option<f64>,
}

/// The programme's CHIME check-in profile, paired people only (so baseline and follow-up
/// describe the same people), with means only for groups of at least
/// `min_group_for_statistics`.
pub fn chime_check_in_profile(people: &[ChimePair], rules: &SuppressionRules) -> Vec<ChimeCheckInDomain> {
    CHIME_THEMES
        .iter()
        .enumerate()
        .map(|(i, domain)| {
            let pairs: Vec<(f64, f64)> =
                people.iter().filter_map(|p| Some((p.baseline.as_ref()?[i]?, p.follow_up.as_ref()?[i]?))).collect();
            let n = pairs.len();
            let allowed = statistic_allowed(n as u64, rules);
            let before = if allowed { mean(&pairs.iter().map(|p| p.0).collect::<Vec<_>>()) } else { None };
            let after = if allowed { mean(&pairs.iter().map(|p| p.1).collect::<Vec<_>>()) } else { None };
            ChimeCheckInDomain {
                domain: (*domain).to_owned(),
                people: count_cell(n as u64, rules),
                baseline: before,
                follow_up: after,
                change: before.zip(after).map(|(a, b)| b - a),
            }
        })
        .collect()
}

/// The distinct themes touched by one interview's codings (a helper for callers that need the
/// set rather than the counts).
pub fn themes_touched(m: &Matrix, interview: usize) -> BTreeSet<&'static str> {
    m.theme_counts
        .get(interview)
        .map_or_else(BTreeSet::new, |row| row.iter().enumerate().filter(|(_, c)| **c > 0).map(|(t, _)| THEMES[t]).collect())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::float_cmp)]
mod tests {
    use super::*;

    fn code(key: &str, theme: Option<&str>) -> MatrixCode {
        MatrixCode { key: key.into(), name: format!("Code {key}"), theme: theme.map(str::to_owned) }
    }

    fn interview(label: &str, codings: &[&str]) -> MatrixInterview {
        MatrixInterview { label: label.into(), codings: codings.iter().map(|s| (*s).to_owned()).collect() }
    }

    fn sample() -> Matrix {
        let codes = vec![
            code("peer", Some("connectedness")),
            code("group", Some("connectedness")),
            code("hope", Some("hope")),
            code("hard", Some("difficulty")),
            code("other", None),
        ];
        let interviews = vec![
            interview("D1", &["peer", "peer", "group", "hope"]),
            interview("D2", &["group", "hard", "unknown"]),
            interview("D3", &["other"]),
            interview("D4", &[]),
        ];
        matrix(&codes, &interviews)
    }

    #[test]
    fn counts_codes_and_interviews_touching_them() {
        let m = sample();
        assert_eq!(m.interviews, vec!["D1", "D2", "D3", "D4"]);
        assert_eq!(m.counts[0], vec![2, 1, 1, 0, 0]);
        assert_eq!(m.counts[1], vec![0, 1, 0, 1, 0]);
        let peer = &m.codes[0];
        assert_eq!((peer.codings, peer.interviews, peer.share), (2, 1, 0.25));
        let group = &m.codes[1];
        assert_eq!((group.codings, group.interviews, group.share), (2, 2, 0.5));
        assert_eq!(m.codes[4].interviews, 1);
    }

    #[test]
    fn codes_roll_up_to_their_theme_once_per_interview() {
        let m = sample();
        assert_eq!(m.themes.len(), THEMES.len());
        let connectedness = &m.themes[0];
        // D1 applied two connectedness codes three times; it is one interview touching the theme.
        assert_eq!((connectedness.codings, connectedness.interviews, connectedness.share), (4, 2, 0.5));
        let difficulty = m.themes.iter().find(|t| t.theme == "difficulty").unwrap();
        assert_eq!((difficulty.codings, difficulty.interviews), (1, 1));
        let identity = m.themes.iter().find(|t| t.theme == "identity").unwrap();
        assert_eq!((identity.codings, identity.interviews, identity.share), (0, 0, 0.0));
        assert_eq!(themes_touched(&m, 0), BTreeSet::from(["connectedness", "hope"]));
        assert!(themes_touched(&m, 3).is_empty());
    }

    #[test]
    fn an_empty_study_has_zero_shares() {
        let m = matrix(&[code("a", Some("hope"))], &[]);
        assert_eq!(m.codes[0].share, 0.0);
        assert!(m.themes.iter().all(|t| t.interviews == 0 && t.share == 0.0));
    }

    #[test]
    fn small_counts_and_their_complements_are_hidden() {
        let rules = SuppressionRules { min_count: 3, min_group_for_statistics: 5 };
        assert!(count_publishable(0, 10, &rules));
        assert!(!count_publishable(2, 10, &rules));
        assert!(count_publishable(5, 10, &rules));
        assert!(!count_publishable(9, 10, &rules), "all but one is as telling as one");
        assert!(count_publishable(10, 10, &rules));
    }

    #[test]
    fn the_profile_hides_by_the_rules() {
        let codes = vec![code("a", Some("hope")), code("b", Some("meaning")), code("c", Some("difficulty"))];
        let mut interviews: Vec<MatrixInterview> = (0..8).map(|i| interview(&format!("D{i}"), &["a"])).collect();
        interviews[0].codings.push("c".into());
        for i in interviews.iter_mut().take(4) {
            i.codings.push("b".into());
        }
        let m = matrix(&codes, &interviews);
        let rules = SuppressionRules { min_count: 3, min_group_for_statistics: 5 };
        let p = publish_profile(&m, &rules);
        assert_eq!(p.interviews, Cell::Shown(8));
        let get = |t: &str| p.themes.iter().find(|x| x.theme == t).unwrap().clone();
        assert_eq!(get("hope").interviews, Cell::Shown(8));
        assert_eq!(get("hope").share, Some(1.0));
        assert_eq!(get("meaning").interviews, Cell::Shown(4));
        assert_eq!(get("difficulty").interviews, Cell::Suppressed);
        assert_eq!(get("difficulty").share, None);
        assert_eq!(get("identity").interviews, Cell::Shown(0));
        assert_eq!(p.hidden, 1);

        // Three interviews under the default rules: the total is small, so is every theme.
        let small = matrix(&codes, &interviews[..3]);
        let p = publish_profile(&small, &SuppressionRules::default());
        assert_eq!(p.interviews, Cell::Suppressed);
        assert!(p.themes.iter().all(|t| t.interviews == Cell::Suppressed));
        assert_eq!(p.hidden, THEMES.len() + 1);
    }

    fn taker(interviewed: bool, baseline: Option<f64>, days: Option<i64>, completed: Option<bool>) -> Taker {
        Taker { interviewed, baseline, days, completed }
    }

    #[test]
    fn medians() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), Some(2.5));
    }

    #[test]
    fn interviewees_are_compared_with_everyone() {
        let mut takers = Vec::new();
        // Six interviewees: high baseline, long stays, all completed.
        for i in 0..6 {
            takers.push(taker(true, Some(30.0 + i as f64), Some(200 + i), Some(true)));
        }
        // Ten others: lower baseline, shorter, half dropped out, two still running.
        for i in 0..10 {
            let completed = if i < 2 { None } else { Some(i % 2 == 0) };
            takers.push(taker(false, if i == 9 { None } else { Some(20.0) }, Some(100), completed));
        }
        let rules = SuppressionRules { min_count: 3, min_group_for_statistics: 5 };
        let c = compare_sample(&takers, &rules);
        assert_eq!(c.interviewed.people, Cell::Shown(6));
        assert_eq!(c.interviewed.baseline_mean, Some(32.5));
        assert_eq!(c.interviewed.median_days, Some(202.5));
        assert_eq!(c.interviewed.completed_share, Some(1.0));
        assert_eq!(c.everyone.people, Cell::Shown(16));
        assert_eq!(c.everyone.baseline_n, Cell::Shown(15));
        let everyone_mean = (6.0 * 32.5 + 9.0 * 20.0) / 15.0;
        assert!((c.everyone.baseline_mean.unwrap() - everyone_mean).abs() < 1e-12);
        assert_eq!(c.everyone.median_days, Some(100.0));
        // Ended: 6 interviewees + 8 others, of whom 4 completed.
        assert_eq!(c.everyone.ended, Cell::Shown(14));
        assert!((c.everyone.completed_share.unwrap() - 10.0 / 14.0).abs() < 1e-12);
        assert!((c.baseline_difference.unwrap() - (32.5 - everyone_mean)).abs() < 1e-12);
        assert!(c.completion_difference.unwrap() > 0.0);
    }

    #[test]
    fn small_groups_get_counts_but_no_statistics() {
        let takers: Vec<Taker> = (0..12).map(|i| taker(i < 4, Some(i as f64), Some(10 * i), Some(true))).collect();
        let c = compare_sample(&takers, &SuppressionRules::default());
        assert_eq!(c.interviewed.people, Cell::Suppressed);
        assert_eq!(c.interviewed.baseline_mean, None);
        assert_eq!(c.interviewed.median_days, None);
        assert_eq!(c.interviewed.completed_share, None);
        assert_eq!(c.everyone.people, Cell::Shown(12));
        assert_eq!(c.everyone.baseline_mean, Some(5.5));
        assert_eq!(c.baseline_difference, None);
    }

    #[test]
    fn the_check_in_profile_pairs_people() {
        let both = |b: f64, f: f64| ChimePair { baseline: Some([Some(b); 5]), follow_up: Some([Some(f); 5]) };
        let mut people: Vec<ChimePair> = (0..4).map(|_| both(0.4, 0.6)).collect();
        // Only a baseline: not paired, left out of both means.
        people.push(ChimePair { baseline: Some([Some(0.0); 5]), follow_up: None });
        // Hope unanswered at follow-up.
        people.push(ChimePair { baseline: Some([Some(0.2); 5]), follow_up: Some([Some(0.5), None, Some(0.5), Some(0.5), Some(0.5)]) });
        let rules = SuppressionRules { min_count: 2, min_group_for_statistics: 5 };
        let p = chime_check_in_profile(&people, &rules);
        assert_eq!(p.len(), 5);
        assert_eq!(p[0].domain, "connectedness");
        assert_eq!(p[0].people, Cell::Shown(5));
        assert!((p[0].baseline.unwrap() - (0.4 * 4.0 + 0.2) / 5.0).abs() < 1e-12);
        assert!((p[0].follow_up.unwrap() - (0.6 * 4.0 + 0.5) / 5.0).abs() < 1e-12);
        assert!((p[0].change.unwrap() - 0.22).abs() < 1e-12);
        // Hope: four paired people, below the threshold for a mean.
        assert_eq!(p[1].people, Cell::Shown(4));
        assert_eq!(p[1].baseline, None);
        assert_eq!(p[1].change, None);
    }
}
