//! "What people told us": the evaluation report's section on the interview studies of its
//! scope. For each study, the themes with how many interviews touched them (suppressed by the
//! organisation's rules: an interview is a person), the quotes the study cleared for
//! publication, how well the coders agreed, the CHIME profile of the interviews beside the
//! programme's CHIME check-in (a change, not an effect), and who was interviewed set beside
//! everyone who took part, so that a sample of the most contented shows in numbers.
//!
//! [`section`] turns a study's facts into published numbers; [`blocks`] turns them into the
//! document's blocks, which the web page, the PDF and the XLSX all show.

use sammen_evaluation::qualitative::{
    CHIME_THEMES, ChimeCheckInDomain, ChimePair, MatrixCode, MatrixInterview, PublishedProfile, SampleComparison, THEMES, Taker,
    chime_check_in_profile, compare_sample, matrix, publish_profile,
};
use sammen_evaluation::{Cell, SUPPRESSED_MARKER, SuppressionRules};
use sammen_i18n::{Arg, I18n, Lang};
use sammen_reports::{Bar, BarValue, Bars, Block, Cell as RCell, Chart, ChartKind, Column, NumberStyle, Table};
use serde::Serialize;

/// A quote the study cleared for publication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportQuote {
    /// The code it was cleared under, and that code's theme.
    pub code: String,
    pub theme: Option<String>,
    /// The interview's pseudonym (e.g. `D2`) and the kind of person interviewed (a code).
    pub pseudonym: String,
    pub kind: String,
    pub text: String,
}

/// How well the coders agreed, over the interviews every coder finished.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreementFigures {
    pub coders: usize,
    pub interviews: usize,
    pub segments: usize,
    /// Krippendorff's alpha over every (segment, code) unit.
    pub overall_alpha: Option<f64>,
    /// Per code applied at least once: name, percent agreement, Cohen's kappa (two coders),
    /// Krippendorff's alpha.
    pub per_code: Vec<CodeAgreementFigures>,
}

/// One code's agreement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodeAgreementFigures {
    pub code: String,
    pub percent_agreement: Option<f64>,
    pub cohen_kappa: Option<f64>,
    pub krippendorff_alpha: Option<f64>,
}

/// What the report needs to know of one study, read by the caller under the report's
/// authorisation.
#[derive(Debug, Clone)]
pub struct StudyFacts {
    pub name: String,
    pub purpose: String,
    pub sampling: String,
    pub codes: Vec<MatrixCode>,
    /// The active interviews with their codings (the consensus where settled, otherwise every
    /// coder's; see the analysis).
    pub interviews: Vec<MatrixInterview>,
    pub quotes: Vec<ReportQuote>,
    pub agreement: Option<AgreementFigures>,
    /// Everyone who took part in the study's programme(s), with whether they were interviewed.
    pub takers: Vec<Taker>,
    /// The CHIME check-in profiles of the same people, at the start and their latest follow-up.
    pub chime: Vec<ChimePair>,
}

/// One study's section, as published.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QualitativeSection {
    pub study: String,
    pub purpose: String,
    pub sampling: String,
    pub profile: PublishedProfile,
    pub quotes: Vec<ReportQuote>,
    pub agreement: Option<AgreementFigures>,
    pub comparison: SampleComparison,
    pub check_in: Vec<ChimeCheckInDomain>,
    /// Counts hidden in this section (the theme profile, the comparison and the check-in).
    pub hidden: usize,
}

/// The published numbers of a study under the organisation's rules.
pub fn section(facts: StudyFacts, rules: &SuppressionRules) -> QualitativeSection {
    let m = matrix(&facts.codes, &facts.interviews);
    let profile = publish_profile(&m, rules);
    let comparison = compare_sample(&facts.takers, rules);
    let check_in = chime_check_in_profile(&facts.chime, rules);
    let hidden_cells = |cells: &[Cell]| cells.iter().filter(|c| c.is_suppressed()).count();
    let hidden = profile.hidden
        + hidden_cells(&[
            comparison.interviewed.people,
            comparison.interviewed.baseline_n,
            comparison.interviewed.ended,
            comparison.everyone.people,
            comparison.everyone.baseline_n,
            comparison.everyone.ended,
        ])
        + hidden_cells(&check_in.iter().map(|d| d.people).collect::<Vec<_>>());
    QualitativeSection {
        study: facts.name,
        purpose: facts.purpose,
        sampling: facts.sampling,
        profile,
        quotes: facts.quotes,
        agreement: facts.agreement,
        comparison,
        check_in,
        hidden,
    }
}

struct Words<'a> {
    i18n: &'a I18n,
    lang: Lang,
    style: NumberStyle,
}

impl Words<'_> {
    fn t(&self, id: &str) -> String {
        self.i18n.t(self.lang, id)
    }
    fn a(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.i18n.t_args(self.lang, id, args)
    }
    fn num(&self, x: Option<f64>, decimals: usize) -> RCell {
        match x {
            Some(v) => RCell::number(self.style.format(v, decimals), v),
            None => RCell::text("–"),
        }
    }
    fn share(&self, x: Option<f64>) -> RCell {
        match x {
            Some(v) => RCell::number(format!("{} %", self.style.format(v * 100.0, 0)), v),
            None => RCell::text("–"),
        }
    }
    fn count(&self, c: Cell) -> RCell {
        match c {
            Cell::Shown(n) => RCell::number(n.to_string(), n as f64),
            Cell::Suppressed => RCell::text(SUPPRESSED_MARKER),
        }
    }
    fn theme(&self, code: &str) -> String {
        self.t(&format!("qtheme-{code}"))
    }
}

/// The section's blocks, in the report's language; nothing when there is no study.
pub fn blocks(sections: &[QualitativeSection], rules: &SuppressionRules, i18n: &I18n, lang: Lang) -> Vec<Block> {
    if sections.is_empty() {
        return Vec::new();
    }
    let w = Words { i18n, lang, style: if lang == Lang::Da { NumberStyle::Danish } else { NumberStyle::English } };
    let mut b = vec![Block::Heading(1, w.t("qrpt-title")), Block::Paragraph(w.t("qrpt-intro"))];
    for s in sections {
        study_blocks(&w, s, rules, &mut b);
    }
    b
}

fn study_blocks(w: &Words<'_>, s: &QualitativeSection, rules: &SuppressionRules, b: &mut Vec<Block>) {
    b.push(Block::Heading(2, s.study.clone()));
    let interviews = s.profile.interviews.to_string();
    let mut facts = vec![(w.t("qrpt-interviews"), interviews)];
    if !s.purpose.trim().is_empty() {
        facts.push((w.t("qrpt-purpose"), s.purpose.clone()));
    }
    if !s.sampling.trim().is_empty() {
        facts.push((w.t("qrpt-sampling"), s.sampling.clone()));
    }
    b.push(Block::KeyValues(facts));

    // Themes.
    b.push(Block::Heading(3, w.t("qrpt-themes")));
    let rows = s.profile.themes.iter().map(|t| vec![RCell::text(w.theme(&t.theme)), w.count(t.interviews), w.share(t.share)]).collect();
    b.push(Block::Table(Table {
        caption: w.t("qrpt-themes-table"),
        columns: vec![
            Column::left(w.t("qrpt-theme")),
            Column::right(w.t("qrpt-interviews-touching")).fixed(0),
            Column::right(w.t("qrpt-share")).percent(0),
        ],
        rows,
        footnote: Some(w.a("qrpt-themes-note", &[("min", Arg::from(rules.min_count))])),
    }));
    let n = match s.profile.interviews {
        Cell::Shown(n) => n.max(1) as f64,
        Cell::Suppressed => rules.min_count.max(1) as f64,
    };
    let bars = s
        .profile
        .themes
        .iter()
        .filter(|t| CHIME_THEMES.contains(&t.theme.as_str()) || THEMES.contains(&t.theme.as_str()))
        .map(|t| Bar {
            label: w.theme(&t.theme),
            value: t
                .share
                .map_or(BarValue::Suppressed { below: (rules.min_count as f64 / n * 100.0).min(100.0) }, |v| BarValue::Value(v * 100.0)),
            text: t.share.map_or_else(|| SUPPRESSED_MARKER.to_owned(), |v| format!("{} %", w.style.format(v * 100.0, 0))),
        })
        .collect();
    b.push(Block::Chart(Chart {
        title: w.t("qrpt-profile-chart"),
        description: w.a("qrpt-profile-chart-desc", &[("n", Arg::from(interviews_text(s)))]),
        x_label: w.t("qrpt-share-axis"),
        y_label: String::new(),
        numbers: w.style,
        kind: ChartKind::Bars(Bars { bars, max: Some(100.0) }),
    }));

    // Quotes.
    b.push(Block::Heading(3, w.t("qrpt-quotes")));
    if s.quotes.is_empty() {
        b.push(Block::Paragraph(w.t("qrpt-quotes-none")));
    } else {
        let mut themes: Vec<Option<&str>> = Vec::new();
        for q in &s.quotes {
            if !themes.contains(&q.theme.as_deref()) {
                themes.push(q.theme.as_deref());
            }
        }
        for theme in themes {
            let items = s
                .quotes
                .iter()
                .filter(|q| q.theme.as_deref() == theme)
                .map(|q| {
                    w.a(
                        "qrpt-quote",
                        &[
                            ("text", Arg::from(q.text.trim())),
                            ("pseudonym", Arg::from(q.pseudonym.as_str())),
                            ("kind", Arg::from(w.t(&format!("qkind-{}", q.kind)))),
                            ("code", Arg::from(q.code.as_str())),
                        ],
                    )
                })
                .collect();
            b.push(Block::Paragraph(theme.map_or_else(|| w.t("qtheme-none"), |t| w.theme(t))));
            b.push(Block::List(items));
        }
    }

    // Agreement.
    b.push(Block::Heading(3, w.t("qrpt-agreement")));
    match &s.agreement {
        Some(a) if a.coders >= 2 && a.segments > 0 => {
            b.push(Block::Paragraph(w.a(
                "qrpt-agreement-how",
                &[("coders", Arg::from(a.coders)), ("interviews", Arg::from(a.interviews)), ("segments", Arg::from(a.segments))],
            )));
            b.push(Block::KeyValues(vec![(
                w.t("qrpt-overall-alpha"),
                a.overall_alpha.map_or_else(|| "–".to_owned(), |x| w.style.format(x, 2)),
            )]));
            let rows = a
                .per_code
                .iter()
                .map(|c| {
                    vec![RCell::text(c.code.clone()), w.share(c.percent_agreement), w.num(c.cohen_kappa, 2), w.num(c.krippendorff_alpha, 2)]
                })
                .collect();
            b.push(Block::Table(Table {
                caption: w.t("qrpt-agreement-table"),
                columns: vec![
                    Column::left(w.t("qrpt-code")),
                    Column::right(w.t("qrpt-percent-agreement")).percent(0),
                    Column::right("κ").fixed(2),
                    Column::right("α").fixed(2),
                ],
                rows,
                footnote: Some(w.t("qrpt-agreement-note")),
            }));
        }
        _ => b.push(Block::Paragraph(w.t("qrpt-agreement-none"))),
    }

    // The CHIME profile of the interviews beside the check-in.
    b.push(Block::Heading(3, w.t("qrpt-chime")));
    b.push(Block::Paragraph(w.t("qrpt-chime-how")));
    b.push(chime_table(w, &s.check_in, rules, |domain| s.profile.themes.iter().find(|t| t.theme == domain).and_then(|t| t.share)));
    b.push(Block::Note(w.t("rpt-change-not-effect")));

    // Who was interviewed.
    b.push(Block::Heading(3, w.t("qrpt-sample")));
    b.push(Block::Note(w.t("qrpt-sample-caution")));
    let c = &s.comparison;
    b.push(sample_table(
        w,
        c,
        w.a("qrpt-sample-note", &[("min", Arg::from(rules.min_count)), ("stats", Arg::from(rules.min_group_for_statistics))]),
    ));
    match (c.baseline_difference, c.completion_difference) {
        (None, None) => b.push(Block::Paragraph(w.t("qrpt-sample-too-small"))),
        (baseline, completion) => b.push(Block::Paragraph(w.a(
            "qrpt-sample-difference",
            &[
                ("baseline", Arg::from(baseline.map_or_else(|| "–".to_owned(), |x| w.style.format(x, 1)))),
                ("completion", Arg::from(completion.map_or_else(|| "–".to_owned(), |x| w.style.format(x * 100.0, 0)))),
            ],
        ))),
    }
}

/// The CHIME profile told in the interviews beside the programme's check-in, one row a domain.
fn chime_table(w: &Words<'_>, check_in: &[ChimeCheckInDomain], rules: &SuppressionRules, told: impl Fn(&str) -> Option<f64>) -> Block {
    Block::Table(Table {
        caption: w.t("qrpt-chime-table"),
        columns: vec![
            Column::left(w.t("qrpt-theme")),
            Column::right(w.t("qrpt-share")).percent(0),
            Column::right(w.t("qrpt-check-in-people")).fixed(0),
            Column::right(w.t("qrpt-check-in-baseline")).fixed(2),
            Column::right(w.t("qrpt-check-in-follow-up")).fixed(2),
            Column::right(w.t("qrpt-check-in-change")).fixed(2),
        ],
        rows: CHIME_THEMES
            .iter()
            .map(|domain| {
                let check = check_in.iter().find(|d| d.domain == *domain);
                vec![
                    RCell::text(w.theme(domain)),
                    w.share(told(domain)),
                    check.map_or_else(|| RCell::text("–"), |c| w.count(c.people)),
                    w.num(check.and_then(|c| c.baseline), 2),
                    w.num(check.and_then(|c| c.follow_up), 2),
                    w.num(check.and_then(|c| c.change), 2),
                ]
            })
            .collect(),
        footnote: Some(w.a("qrpt-chime-note", &[("stats", Arg::from(rules.min_group_for_statistics))])),
    })
}

/// Who was interviewed against everyone who took part.
fn sample_table(w: &Words<'_>, c: &SampleComparison, footnote: String) -> Block {
    let group = |name: String, g: &sammen_evaluation::qualitative::GroupFigures| {
        vec![
            RCell::text(name),
            w.count(g.people),
            w.count(g.baseline_n),
            w.num(g.baseline_mean, 1),
            w.num(g.median_days, 0),
            w.count(g.ended),
            w.share(g.completed_share),
        ]
    };
    Block::Table(Table {
        caption: w.t("qrpt-sample-table"),
        columns: vec![
            Column::left(w.t("qrpt-group")),
            Column::right(w.t("qrpt-people")).fixed(0),
            Column::right(w.t("qrpt-baseline-n")).fixed(0),
            Column::right(w.t("qrpt-baseline-mean")).fixed(1),
            Column::right(w.t("qrpt-median-days")).fixed(0),
            Column::right(w.t("qrpt-ended")).fixed(0),
            Column::right(w.t("qrpt-completed-share")).percent(0),
        ],
        rows: vec![group(w.t("qrpt-interviewed"), &c.interviewed), group(w.t("qrpt-everyone"), &c.everyone)],
        footnote: Some(footnote),
    })
}

fn interviews_text(s: &QualitativeSection) -> String {
    s.profile.interviews.to_string()
}

/// The analysis page of a study as a document (the web page shows it; tables and an SVG
/// chart): the themes, the matrix, the passages of each code, the CHIME profile beside the
/// check-in, and who was interviewed. For the study's readers; the counts are not suppressed
/// (they already see each interview's pseudonym), the check-in and the comparison are.
pub fn analysis_document(v: &crate::measurement::qualitative::analysis::AnalysisView, i18n: &I18n, lang: Lang) -> sammen_reports::Report {
    let w = Words { i18n, lang, style: if lang == Lang::Da { NumberStyle::Danish } else { NumberStyle::English } };
    let mut b = Vec::new();
    let n = v.matrix.interviews.len();
    b.push(Block::Paragraph(w.a("qan-basis", &[("n", Arg::from(n)), ("pending", Arg::from(v.pending))])));
    if !v.sampling.trim().is_empty() {
        b.push(Block::KeyValues(vec![(w.t("qrpt-sampling"), v.sampling.clone())]));
    }

    b.push(Block::Heading(2, w.t("qrpt-themes")));
    b.push(Block::Table(Table {
        caption: w.t("qrpt-themes-table"),
        columns: vec![
            Column::left(w.t("qrpt-theme")),
            Column::right(w.t("qrpt-interviews-touching")).fixed(0),
            Column::right(w.t("qrpt-share")).percent(0),
            Column::right(w.t("qan-passages")).fixed(0),
        ],
        rows: v
            .matrix
            .themes
            .iter()
            .map(|t| {
                vec![
                    RCell::text(w.theme(&t.theme)),
                    w.count(Cell::Shown(t.interviews)),
                    w.share(Some(t.share)),
                    w.count(Cell::Shown(t.codings)),
                ]
            })
            .collect(),
        footnote: None,
    }));
    b.push(Block::Chart(Chart {
        title: w.t("qrpt-profile-chart"),
        description: w.a("qrpt-profile-chart-desc", &[("n", Arg::from(n))]),
        x_label: w.t("qrpt-share-axis"),
        y_label: String::new(),
        numbers: w.style,
        kind: ChartKind::Bars(Bars {
            bars: v
                .matrix
                .themes
                .iter()
                .map(|t| Bar {
                    label: w.theme(&t.theme),
                    value: BarValue::Value(t.share * 100.0),
                    text: format!("{} %", w.style.format(t.share * 100.0, 0)),
                })
                .collect(),
            max: Some(100.0),
        }),
    }));

    // The matrix: codes applied at least once, one row each, a column per interview.
    b.push(Block::Heading(2, w.t("qan-matrix")));
    let used: Vec<usize> = (0..v.matrix.codes.len()).filter(|j| v.matrix.codes[*j].codings > 0).collect();
    if used.is_empty() {
        b.push(Block::Paragraph(w.t("qan-matrix-empty")));
    } else {
        let mut columns = vec![Column::left(w.t("qrpt-code")), Column::left(w.t("qrpt-theme"))];
        columns.extend(
            v.matrix
                .interviews
                .iter()
                .zip(&v.kinds)
                .map(|(p, k)| Column::right(format!("{p} ({})", w.t(&format!("qkind-{}", k.code())))).fixed(0)),
        );
        columns.push(Column::right(w.t("qrpt-interviews-touching")).fixed(0));
        columns.push(Column::right(w.t("qrpt-share")).percent(0));
        let rows = used
            .iter()
            .map(|&j| {
                let c = &v.matrix.codes[j];
                let mut row =
                    vec![RCell::text(c.name.clone()), RCell::text(c.theme.as_deref().map_or_else(|| w.t("qtheme-none"), |t| w.theme(t)))];
                row.extend(v.matrix.counts.iter().map(|r| w.count(Cell::Shown(r[j]))));
                row.push(w.count(Cell::Shown(c.interviews)));
                row.push(w.share(Some(c.share)));
                row
            })
            .collect();
        b.push(Block::Table(Table { caption: w.t("qan-matrix-table"), columns, rows, footnote: Some(w.t("qan-matrix-note")) }));
    }

    // Passages per code.
    b.push(Block::Heading(2, w.t("qan-quotes")));
    if v.quotes.is_empty() {
        b.push(Block::Paragraph(w.t("qan-quotes-none")));
    }
    for c in &v.quotes {
        b.push(Block::Heading(3, c.name.clone()));
        b.push(Block::List(
            c.quotes
                .iter()
                .map(|q| {
                    let mark = if q.cleared { format!(" – {}", w.t("qan-cleared")) } else { String::new() };
                    format!("»{}« ({}, {}){mark}", q.text, q.pseudonym, w.t(&format!("qkind-{}", q.kind.code())))
                })
                .collect(),
        ));
    }

    // CHIME beside the check-in, and who was interviewed.
    b.push(Block::Heading(2, w.t("qrpt-chime")));
    b.push(Block::Paragraph(w.t("qrpt-chime-how")));
    b.push(chime_table(&w, &v.check_in, &v.rules, |domain| v.matrix.themes.iter().find(|t| t.theme == domain).map(|t| t.share)));
    b.push(Block::Note(w.t("rpt-change-not-effect")));
    b.push(Block::Heading(2, w.t("qrpt-sample")));
    b.push(Block::Note(w.t("qrpt-sample-caution")));
    let c = &v.comparison;
    b.push(sample_table(
        &w,
        c,
        w.a(
            "qan-sample-note",
            &[
                ("instrument", Arg::from(v.baseline_instrument.clone().unwrap_or_else(|| "–".to_owned()))),
                ("min", Arg::from(v.rules.min_count)),
                ("stats", Arg::from(v.rules.min_group_for_statistics)),
            ],
        ),
    ));
    sammen_reports::Report {
        title: v.name.clone(),
        subtitle: Some(v.purpose.clone()).filter(|p| !p.trim().is_empty()),
        generated_label: String::new(),
        page_label: w.t("rpt-page"),
        blocks: b,
        lang: lang.code().to_owned(),
        created: None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn facts(interviews: usize) -> StudyFacts {
        let codes = vec![
            MatrixCode { key: "a".into(), name: "Relationen til peer".into(), theme: Some("connectedness".into()) },
            MatrixCode { key: "b".into(), name: "Håb".into(), theme: Some("hope".into()) },
            MatrixCode { key: "c".into(), name: "Svært".into(), theme: Some("difficulty".into()) },
        ];
        let interviews = (0..interviews)
            .map(|i| MatrixInterview {
                label: format!("D{}", i + 1),
                codings: if i % 3 == 0 { vec!["a".into(), "c".into()] } else { vec!["a".into(), "b".into()] },
            })
            .collect();
        StudyFacts {
            name: "Peerstøtte fortalt".into(),
            purpose: "Hvad betyder peerstøtten?".into(),
            sampling: "Deltagere, der sagde ja".into(),
            codes,
            interviews,
            quotes: vec![ReportQuote {
                code: "Håb".into(),
                theme: Some("hope".into()),
                pseudonym: "D2".into(),
                kind: "participant".into(),
                text: "Jeg tror på, at det bliver bedre.".into(),
            }],
            agreement: Some(AgreementFigures {
                coders: 2,
                interviews: 3,
                segments: 40,
                overall_alpha: Some(0.71),
                per_code: vec![CodeAgreementFigures {
                    code: "Håb".into(),
                    percent_agreement: Some(0.9),
                    cohen_kappa: Some(0.7),
                    krippendorff_alpha: Some(0.69),
                }],
            }),
            takers: (0..20)
                .map(|i| Taker { interviewed: i < 3, baseline: Some(f64::from(i)), days: Some(100), completed: Some(i % 2 == 0) })
                .collect(),
            chime: Vec::new(),
        }
    }

    #[test]
    fn a_small_study_is_suppressed_and_counted() {
        let s = section(facts(3), &SuppressionRules::default());
        assert_eq!(s.profile.interviews, Cell::Suppressed);
        assert!(s.profile.themes.iter().all(|t| t.interviews.is_suppressed()));
        // Interviewees (3) hidden; everyone (20) shown with statistics.
        assert_eq!(s.comparison.interviewed.people, Cell::Suppressed);
        assert_eq!(s.comparison.everyone.people, Cell::Shown(20));
        assert!(s.hidden >= THEMES.len() + 1 + 3);
    }

    #[test]
    fn the_document_carries_the_section_in_both_languages() {
        let i18n = I18n::new().unwrap();
        let rules = SuppressionRules { min_count: 3, min_group_for_statistics: 5 };
        let s = section(facts(9), &rules);
        assert_eq!(s.profile.interviews, Cell::Shown(9));
        for lang in [Lang::Da, Lang::En] {
            let blocks = blocks(std::slice::from_ref(&s), &rules, &i18n, lang);
            let text = format!("{blocks:?}");
            assert!(!text.contains("qrpt-"), "{lang:?}: a message is missing: {text}");
            assert!(text.contains("Jeg tror på, at det bliver bedre."));
            assert!(blocks.iter().any(|b| matches!(b, Block::Chart(_))));
        }
        let da = format!("{:?}", blocks(&[s], &rules, &i18n, Lang::Da));
        assert!(da.contains("Hvad folk fortalte os"));
        assert!(blocks(&[], &rules, &i18n, Lang::Da).is_empty());
    }
}
