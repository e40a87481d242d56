//! A sample report in Danish with every kind of block and chart.

#![allow(dead_code)] // each test file uses a different part of this module

use sammen_reports::{
    Band, Bar, BarValue, Bars, Block, Cell, Chart, ChartKind, Column, Flow, FlowLoss, FlowStep, Forest, ForestHeaders, ForestPooled,
    ForestRow, Lines, NumberStyle, PredictionInterval, Report, Series, Table,
};

pub fn chart(title: &str, kind: ChartKind) -> Chart {
    Chart {
        title: title.to_string(),
        description: format!("Beskrivelse af {title} til skærmlæsere."),
        x_label: String::from("Ændring i point"),
        y_label: String::from("Kommune"),
        numbers: NumberStyle::Danish,
        kind,
    }
}

pub fn bars() -> Chart {
    chart(
        "Deltagere pr. kommune",
        ChartKind::Bars(Bars {
            bars: vec![
                Bar { label: String::from("Aarhus"), value: BarValue::Value(42.0), text: String::from("42") },
                Bar { label: String::from("Ærø"), value: BarValue::Suppressed { below: 5.0 }, text: String::from("<5") },
                Bar {
                    label: String::from("Københavns Kommune, Center for Social Udvikling"),
                    value: BarValue::Value(17.0),
                    text: String::from("17"),
                },
            ],
            max: None,
        }),
    )
}

pub fn lines() -> Chart {
    chart(
        "Trivsel over tid",
        ChartKind::Lines(Lines {
            categories: vec![String::from("Start"), String::from("3 mdr."), String::from("6 mdr."), String::from("12 mdr.")],
            series: vec![
                Series { name: String::from("Deltagere"), values: vec![Some(12.5), Some(14.0), None, Some(16.25)] },
                Series { name: String::from("Peer-medarbejdere"), values: vec![Some(18.0), Some(18.5), Some(19.0), Some(19.5)] },
            ],
            y_range: (0.0, 35.0),
            band: Some(Band { label: String::from("Normalområde"), low: 15.0, high: 25.0 }),
        }),
    )
}

pub fn forest() -> Chart {
    let row = |label: &str, estimate: f64, ci_low: f64, ci_high: f64, weight: f64| ForestRow {
        label: label.to_string(),
        estimate,
        ci_low,
        ci_high,
        weight: Some(weight),
        text: format!("{estimate:.2} [{ci_low:.2}; {ci_high:.2}]").replace('.', ","),
        weight_text: format!("{weight:.1} %").replace('.', ","),
    };
    chart(
        "Ændring pr. sted",
        ChartKind::Forest(Forest {
            rows: vec![row("Aarhus", 0.4, 0.1, 0.7, 40.0), row("Odense", 0.2, -0.3, 0.7, 25.0), row("Ærø", 0.6, 0.05, 1.1, 35.0)],
            pooled: Some(ForestPooled {
                label: String::from("Samlet"),
                estimate: 0.41,
                ci_low: 0.2,
                ci_high: 0.62,
                text: String::from("0,41 [0,20; 0,62]"),
                prediction: Some(PredictionInterval {
                    label: String::from("Prædiktionsinterval"),
                    low: -0.1,
                    high: 0.9,
                    text: String::from("[−0,10; 0,90]"),
                }),
            }),
            headers: ForestHeaders {
                estimate_ci: String::from("d [95 % KI]"),
                weight: String::from("Vægt"),
                estimate: String::from("Estimat"),
                ci_low: String::from("KI nedre"),
                ci_high: String::from("KI øvre"),
            },
            favours: Some((String::from("Forværring"), String::from("Forbedring"))),
        }),
    )
}

pub fn flow() -> Chart {
    let step = |label: &str, count: u64, lost: Option<(&str, u64)>| FlowStep {
        label: label.to_string(),
        count,
        lost: lost.map(|(label, count)| FlowLoss { label: label.to_string(), count }),
    };
    chart(
        "Deltagerflow",
        ChartKind::Flow(Flow {
            steps: vec![
                step("Startet forløb", 120, None),
                step("Besvaret ved start", 110, Some(("Ingen besvarelse ved start", 10))),
                step("Besvaret efter 6 måneder", 80, Some(("Svarede ikke", 30))),
                step("Analyseret", 78, Some(("Ufuldstændige svar", 2))),
            ],
            stage_header: String::from("Trin"),
            count_header: String::from("Antal"),
        }),
    )
}

/// A table of `n` municipalities with a number column.
pub fn long_table(n: usize) -> Table {
    Table {
        caption: String::from("Tabel 2. Deltagere pr. kommune"),
        columns: vec![Column::left("Kommune"), Column::right("Deltagere"), Column::right("Andel")],
        rows: (0..n)
            .map(|i| {
                vec![
                    Cell::text(format!("Kommune nr. {i} – Ærø Å")),
                    Cell::number((i * 3).to_string(), (i * 3) as f64),
                    Cell::number(format!("{},5 %", i % 100), (i % 100) as f64 + 0.5),
                ]
            })
            .collect(),
        footnote: Some(String::from("Tal under 5 vises ikke (<5).")),
    }
}

pub fn report() -> Report {
    Report {
        title: String::from("Evaluering af peerstøtte i Region Midtjylland"),
        subtitle: Some(String::from("Forløb afsluttet 1. januar – 30. juni 2026")),
        generated_label: String::from("Udskrevet 22. november 2026"),
        page_label: String::from("side {n} af {m}"),
        blocks: vec![
            Block::Heading(1, String::from("Sammenfatning")),
            Block::Paragraph(String::from(
                "Deltagernes trivsel steg fra første til sidste måling. Æbler, øl og å: Danske bogstaver skal kunne læses i både PDF og regneark (café, 2 × 3, m², ≥ 5).",
            )),
            Block::Note(String::from("Ændring, ikke effekt: uden kontrolgruppe kan vi ikke sige, at forløbet var årsagen.")),
            Block::KeyValues(vec![
                (String::from("Deltagere"), String::from("120")),
                (String::from("Periode"), String::from("1. januar – 30. juni 2026")),
            ]),
            Block::Table(Table {
                caption: String::from("Tabel 1. Nøgletal"),
                columns: vec![Column::left("Mål"), Column::right("Før"), Column::right("Efter")],
                rows: vec![
                    vec![Cell::text("WHO-5 (gennemsnit)"), Cell::number("12,5", 12.5), Cell::number("16,25", 16.25)],
                    vec![Cell::text("Ensomhed (andel)"), Cell::number("0,45", 0.45), Cell::text("<5")],
                ],
                footnote: Some(String::from("Gennemsnit over besvarelser.")),
            }),
            Block::Heading(2, String::from("Figurer")),
            Block::Chart(bars()),
            Block::Chart(lines()),
            Block::Chart(forest()),
            Block::Chart(flow()),
            Block::Table(long_table(90)),
        ],
        lang: String::from("da"),
        created: Some(String::from("2026-11-22T10:27:00Z")),
    }
}
