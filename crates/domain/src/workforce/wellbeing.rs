//! Wellbeing check-ins of peer workers: three short scales (stress, role
//! clarity, support; 0–10 with anchored ends) and free text, private to the peer; and the only
//! view managers get, monthly aggregates with every group of fewer than five people suppressed.

use crate::validation::{ValidationErrors, optional_text};

/// The scales, in the order the form asks them. Each is 0 to 10; the labels of the ends are the
/// Fluent messages `wellbeing-<scale>-low` and `wellbeing-<scale>-high`.
pub const SCALES: [&str; 3] = ["stress", "role_clarity", "support"];
pub const SCALE_MAX: i64 = 10;
/// Fewer distinct people than this in a group: nothing of the group is shown but that it was suppressed.
pub const MIN_PEOPLE: usize = 5;

/// A check-in as answered.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckInInput {
    pub stress: i64,
    pub role_clarity: i64,
    pub support: i64,
    pub note: Option<String>,
    pub shared: bool,
}

fn scale(raw: &str) -> Result<i64, &'static str> {
    match raw.trim().parse::<i64>() {
        Ok(n) if (0..=SCALE_MAX).contains(&n) => Ok(n),
        _ => Err("err-scale"),
    }
}

impl CheckInInput {
    pub fn parse(stress: &str, role_clarity: &str, support: &str, note: Option<&str>, shared: bool) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let s = e.check("stress", scale(stress));
        let r = e.check("role_clarity", scale(role_clarity));
        let p = e.check("support", scale(support));
        let note = e.check("note", optional_text(note, 4000));
        match (s, r, p, note) {
            (Some(stress), Some(role_clarity), Some(support), Some(note)) if e.is_empty() => {
                Ok(Self { stress, role_clarity, support, note, shared })
            }
            _ => Err(e),
        }
    }
}

/// One check-in as the aggregate sees it: the month (`YYYY-MM`), who answered (any stable
/// key) and the three answers.
#[derive(Debug, Clone)]
pub struct Answer {
    pub month: String,
    pub person: String,
    pub stress: i64,
    pub role_clarity: i64,
    pub support: i64,
}

/// One month of an organisation's check-ins.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthAggregate {
    pub month: String,
    /// `None` when the month is suppressed (fewer than [`MIN_PEOPLE`] people answered).
    pub shown: Option<Shown>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    pub check_ins: usize,
    pub people: usize,
    pub stress: f64,
    pub role_clarity: f64,
    pub support: f64,
}

/// Monthly aggregates, newest month first. A month with fewer than [`MIN_PEOPLE`] distinct
/// people shows nothing, not even its count. No total across months is published, so no
/// suppressed month can be worked out from the others.
pub fn aggregate(answers: &[Answer]) -> Vec<MonthAggregate> {
    let mut months: Vec<&str> = answers.iter().map(|a| a.month.as_str()).collect();
    months.sort_unstable();
    months.dedup();
    months
        .into_iter()
        .rev()
        .map(|m| {
            let of: Vec<&Answer> = answers.iter().filter(|a| a.month == m).collect();
            let mut people: Vec<&str> = of.iter().map(|a| a.person.as_str()).collect();
            people.sort_unstable();
            people.dedup();
            let n = of.len() as f64;
            let mean = |f: fn(&Answer) -> i64| of.iter().map(|a| f(a) as f64).sum::<f64>() / n;
            let shown = (people.len() >= MIN_PEOPLE).then(|| Shown {
                check_ins: of.len(),
                people: people.len(),
                stress: mean(|a| a.stress),
                role_clarity: mean(|a| a.role_clarity),
                support: mean(|a| a.support),
            });
            MonthAggregate { month: m.to_owned(), shown }
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn a(month: &str, person: &str, s: i64) -> Answer {
        Answer { month: month.into(), person: person.into(), stress: s, role_clarity: 5, support: 8 }
    }

    #[test]
    fn months_under_five_people_are_suppressed() {
        let mut answers: Vec<Answer> = (0..5).map(|i| a("2026-02", &format!("p{i}"), i)).collect();
        // Many check-ins by four people are still four people.
        answers.extend((0..10).map(|i| a("2026-03", &format!("p{}", i % 4), 3)));
        let out = aggregate(&answers);
        assert_eq!(out.iter().map(|m| m.month.as_str()).collect::<Vec<_>>(), ["2026-03", "2026-02"]);
        assert_eq!(out[0].shown, None, "four people");
        let feb = out[1].shown.clone().unwrap();
        assert_eq!((feb.check_ins, feb.people, feb.stress, feb.support), (5, 5, 2.0, 8.0));
    }

    #[test]
    fn a_check_in_is_parsed_with_its_errors() {
        let c = CheckInInput::parse("3", "7", "10", Some(" travl uge "), true).unwrap();
        assert_eq!((c.stress, c.support, c.note.as_deref(), c.shared), (3, 10, Some("travl uge"), true));
        let e = CheckInInput::parse("11", "-1", "x", None, false).unwrap_err();
        for f in ["stress", "role_clarity", "support"] {
            assert_eq!(e.message_for(f), Some("err-scale"), "{f}");
        }
    }
}
