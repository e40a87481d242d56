//! The demo's interview study: Søby Kommune's evaluators ask what the peer support meant to
//! three participants of its programme. Two coders (accounts of their own) code the invented,
//! pseudonymised interviews blind, partly disagreeing, mark them done and settle a consensus on
//! the first; the study clears two quotes. Everything goes through the app's use cases, so it is
//! authorised and audited as it would be in use.

use std::future::Future;

use sammen_app::domain::audit::AuditAction;
use sammen_app::domain::measurement::qualitative::{CodeInput, InterviewInput, StudyInput, TranscriptInput};
use sammen_app::domain::people::{Password, Role};
use sammen_app::domain::{CodeId, OrgId, ParticipantId, UserId};
use sammen_app::measurement::qualitative as q;
use sammen_app::store::access as sta;
use sammen_app::store::rows::{MembershipRow, ParticipantRow, ProgrammeRow, UserRow};
use sammen_app::store::{StoreError, Stored, Tx, Unstore};
use sammen_app::{App, AppError, AppResult, Ctx, Via, access::auth};

use crate::{DEMO_PASSWORD, DemoLogin, event};

/// The organisation of the study (its slug in the demo's e-mail addresses) and its name.
const SLUG: &str = "soby";
const ORG_NAME: &str = "Søby Kommune";

/// The coders: e-mail, name, role.
const CODERS: [(&str, &str, Role); 2] = [
    ("camilla.norgaard@soby.example", "Camilla Nørgaard", Role::Evaluator),
    ("rasmus.kjaer@soby.example", "Rasmus Kjær", Role::Supervisor),
];

/// The coders' logins.
pub(crate) fn logins() -> Vec<DemoLogin> {
    CODERS
        .iter()
        .map(|(email, _, role)| DemoLogin { email: (*email).into(), role: role.code().into(), organisation: ORG_NAME.into() })
        .collect()
}

const ONE: &str = "I: Kan du fortælle, hvordan det var at møde din peer første gang?
D: Jeg var meget nervøs. Men [peer] sagde med det samme, at hun selv havde været indlagt, og så faldt der ligesom noget på plads. Jeg behøvede ikke forklare alting.
I: Hvad har jeres samtaler betydet for dig?
D: At der var en, der troede på mig, før jeg selv gjorde. For første gang i lang tid tror jeg på, at det kan blive bedre.
I: Har der været noget, der var svært?
D: Ja, da forløbet sluttede. Det kom lidt brat, og jeg faldt tilbage i nogle uger. Jeg havde gerne haft et par samtaler mere.
I: Hvordan går det nu?
D: Jeg er startet på et hold på daghøjskolen, to dage om ugen. Det havde jeg ikke turdet for et år siden.";

const TWO: &str = "I: Hvorfor sagde du ja til at få en peer?
D: Min sagsbehandler foreslog det. Jeg var skeptisk, jeg havde mødt mange fagfolk, og ingen af dem vidste, hvordan det føles.
I: Og hvordan oplevede du det så?
D: Det var anderledes. Vi gik mest ture, og [peer] fortalte om sine egne dårlige perioder. Jeg skammer mig ikke længere så meget over at fortælle, at jeg har det svært.
I: Er der sket noget i dit liv, mens du har haft en peer?
D: Jeg har fået kontakt med min bror igen. Vi ses hver anden søndag. Og jeg har lært at mærke efter, før det går galt.
I: Var der noget, du savnede?
D: Det var svært at komme ud til mødestedet uden bil, så nogle gange aflyste jeg. Og jeg havde regnet med mere hjælp til papirerne fra kommunen.";

const THREE: &str = "I: Hvad har været det vigtigste for dig i forløbet?
D: Gruppen om torsdagen. At se, at de andre også kæmpede med det samme, og at man kunne grine sammen bagefter.
I: Hvordan har det påvirket din hverdag?
D: Jeg har fået faste ting at gå til. Jeg hjælper nu til i caféen på væresteden, og det betyder noget for mig, at de regner med mig.
I: Tænker du anderledes om dig selv nu?
D: Jeg er ikke bare min diagnose. Det jeg har været igennem, kan jeg måske bruge til at hjælpe andre en dag.
I: Var der noget, der ikke fungerede?
D: I starten følte jeg ikke rigtig, at jeg og [peer] fandt hinanden. Det tog lang tid, før jeg turde sige noget i gruppen.";

/// Runs a use case to completion from the demo's synchronous code: on the caller's runtime when
/// there is one (the demo is seeded from a blocking thread there), else on a runtime of its own.
fn run<T>(f: impl Future<Output = AppResult<T>>) -> AppResult<T> {
    match tokio::runtime::Handle::try_current() {
        Ok(h) => h.block_on(f),
        Err(_) => tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| AppError::Internal(format!("starting a runtime for the demo: {e}")))?
            .block_on(f),
    }
}

fn ctx_of(app: &App, user: UserId, org: OrgId) -> AppResult<Ctx> {
    let actor = app.db.read_blocking(|c| -> AppResult<_> {
        let u = sta::user_by_id(c, user)?.ok_or(AppError::NotFound)?;
        Ok(auth::load_actor(c, &u)?.0)
    })?;
    Ok(Ctx { actor, org: Some(org), route: "cli demo".into(), via: Via::Cli, can_write: true })
}

/// The study, its coders, three interviews coded by both, a consensus and two cleared quotes.
pub(crate) fn seed(app: &App, programmes: &[ProgrammeRow], participants: &[ParticipantRow]) -> AppResult<Vec<DemoLogin>> {
    let Some(evaluator) = app.db.read_blocking(|c| sta::user_by_email(c, &format!("evaluator@{SLUG}.example")))? else {
        return Ok(Vec::new());
    };
    let Some(org) = evaluator.organisation_id.get() else { return Ok(Vec::new()) };
    let Some(programme) = programmes.iter().find(|p| p.organisation_id.get() == org) else { return Ok(Vec::new()) };
    let people: Vec<ParticipantId> =
        participants.iter().filter(|p| p.programme_id.get() == Some(programme.id.get())).map(|p| p.id.get()).take(3).collect();
    if people.len() < 3 {
        return Ok(Vec::new());
    }

    // The coders' accounts.
    let pw = Password::parse(DEMO_PASSWORD).map_err(|m| AppError::Internal(m.into()))?;
    let now = app.now();
    let mut coders = Vec::new();
    for (email, name, role) in CODERS {
        let id: UserId = app.next_id();
        let user = UserRow {
            id: Stored(id),
            organisation_id: Some(Stored(org)),
            email: email.into(),
            display_name: name.into(),
            password_hash: auth::hash_password(app, &pw)?,
            system_admin: false,
            totp_secret: None,
            totp_enabled: false,
            totp_last_step: None,
            active: true,
            password_changed_at: now.micros(),
            created_at: now.micros(),
            updated_at: now.micros(),
        };
        let membership = MembershipRow { user_id: Stored(id), organisation_id: Stored(org), role: role.into(), created_at: now.micros() };
        app.db.write_blocking(move |tx: &mut Tx<'_>| -> Result<(), StoreError> {
            sta::insert_user(tx.conn(), &user)?;
            sta::insert_membership(tx.conn(), &membership)?;
            tx.audit(event(now, AuditAction::Create, "user", &id.to_string(), Some(&org.to_string())));
            Ok(())
        })?;
        coders.push(id);
    }
    let evaluator = ctx_of(app, evaluator.id.get(), org)?;
    let c1 = ctx_of(app, coders[0], org)?;
    let c2 = ctx_of(app, coders[1], org)?;

    let guide = vec![
        ("Hvordan var det at møde din peer første gang?".to_owned(), "What was it like to meet your peer for the first time?".to_owned()),
        ("Hvad har samtalerne betydet for dig?".to_owned(), "What have the conversations meant to you?".to_owned()),
        (
            "Er der sket noget i dit liv, mens du har haft en peer?".to_owned(),
            "Has anything changed in your life while you had a peer?".to_owned(),
        ),
        ("Var der noget, der var svært eller ikke fungerede?".to_owned(), "Was anything hard, or did anything not work?".to_owned()),
    ];
    let input = StudyInput::parse(
        "Deltagernes fortællinger 2026",
        "At forstå, hvad peerstøtten har betydet for deltagerne, kodet i CHIME, så det kan stå ved siden af målingerne i evalueringen.",
        "Koordinatoren spurgte de deltagere, der havde afsluttet eller var langt i forløbet; de tre første, der sagde ja, blev interviewet. Det kan give et for positivt billede.",
        "programme",
        Some(&programme.id.to_string()),
        false,
        &guide,
    )
    .map_err(AppError::Validation)?;
    let study = run(q::create_study(app, &evaluator, input))?;
    for c in &coders {
        run(q::add_coder(app, &evaluator, study, *c))?;
    }
    let codes = run(q::codebook(app, &evaluator, study))?;
    let code = |name: &str| -> AppResult<CodeId> {
        codes.iter().find(|c| c.name == name).map(|c| c.id).ok_or_else(|| AppError::Internal(format!("demo code {name}")))
    };
    let zone = crate::zone_of(app, org);
    let today = now.date_in(&zone);
    let day = |n: i64| sammen_app::domain::time::format_date(today - time::Duration::days(n));

    // (transcript, participant, interviewer, coder 1's codes per answer, coder 2's codes per answer)
    type Codes<'a> = [&'a [&'a str]; 4];
    let interviews: [(&str, ParticipantId, usize, Codes<'_>, Codes<'_>); 3] = [
        (
            ONE,
            people[0],
            0,
            [
                &["Forbundethed til peer"],
                &["Håb og optimisme", "Inspiration til ny mening"],
                &["Afslutningen var svær", "Belastning og tilbagefald"],
                &["Uddannelse", "Prøve nye ting"],
            ],
            [
                &["Forbundethed til peer"],
                &["Håb og optimisme"],
                &["Afslutningen var svær"],
                &["Uddannelse", "Handlekraft: sætte mål og handle"],
            ],
        ),
        (
            TWO,
            people[1],
            1,
            [
                &["Uindfriede forventninger"],
                &["Forbundethed til peer", "Mindre selvstigmatisering"],
                &["(Gen)etablerede relationer", "Personlige ressourcer"],
                &["Praktiske barrierer", "Uindfriede forventninger"],
            ],
            [
                &[],
                &["Forbundethed til peer", "Mindre selvstigmatisering"],
                &["Forbundethed til andre (familie, venner)", "Personlige ressourcer"],
                &["Praktiske barrierer"],
            ],
        ),
        (
            THREE,
            people[2],
            0,
            [
                &["Forbundethed til andre i gruppen"],
                &["Indhold i hverdagen", "Mening gennem værdsatte roller"],
                &["Identitet", "(Gen)finde mening i erfaringer"],
                &["Relationen fungerede ikke"],
            ],
            [
                &["Forbundethed til andre i gruppen"],
                &["Indhold i hverdagen", "Værdsatte sociale roller"],
                &["Identitet", "(Gen)finde mening i erfaringer"],
                &["Relationen fungerede ikke", "Belastning og tilbagefald"],
            ],
        ),
    ];
    let mut first = None;
    for (n, (text, person, interviewer, by1, by2)) in interviews.iter().enumerate() {
        let offset = 40 - 10 * n as i64;
        let input = InterviewInput::parse(
            "participant",
            Some(&person.to_string()),
            None,
            &day(offset),
            &coders[*interviewer].to_string(),
            &day(offset + 3),
            "written",
            false,
            "",
            TranscriptInput::Typed((*text).into()),
        )
        .map_err(AppError::Validation)?;
        let recorder = if *interviewer == 0 { &c1 } else { &c2 };
        let id = run(q::add_interview(app, recorder, study, input))?;
        let view = run(q::interview(app, recorder, id))?;
        // The participant's answers are the even speaker turns after each question.
        let answers: Vec<_> = view.segments.iter().filter(|s| s.speaker.as_deref() == Some("D")).collect();
        for (ctx, by) in [(&c1, by1), (&c2, by2)] {
            for (segment, names) in answers.iter().zip(by.iter()) {
                if names.is_empty() {
                    continue;
                }
                let ids = names.iter().map(|n| code(n)).collect::<AppResult<Vec<_>>>()?;
                let memo = (n == 1 && std::ptr::eq(ctx, &c1) && segment.position == answers[0].position)
                    .then(|| "Skepsis over for fagfolk før forløbet; ikke en kritik af peer-støtten selv.".to_owned());
                run(q::set_segment_codes(app, ctx, segment.id, ids, memo, None))?;
            }
            run(q::mark_done(app, ctx, id, true))?;
        }
        first.get_or_insert((id, answers.iter().map(|s| (s.id, s.start, s.end)).collect::<Vec<_>>()));
    }

    // A consensus on the first interview, and two quotes cleared for publication.
    if let Some((id, answers)) = first {
        let settled: [&[&str]; 4] = [
            &["Forbundethed til peer"],
            &["Håb og optimisme", "Inspiration til ny mening"],
            &["Afslutningen var svær", "Belastning og tilbagefald"],
            &["Uddannelse", "Prøve nye ting", "Handlekraft: sætte mål og handle"],
        ];
        for ((segment, _, _), names) in answers.iter().zip(settled) {
            let ids = names.iter().map(|n| code(n)).collect::<AppResult<Vec<_>>>()?;
            run(q::settle_consensus(app, &c1, *segment, ids))?;
        }
        let (_, start, end) = answers[0];
        run(q::set_quote_cleared(app, &evaluator, id, code("Forbundethed til peer")?, start, end, true))?;
        let (_, start, end) = answers[1];
        run(q::set_quote_cleared(app, &evaluator, id, code("Håb og optimisme")?, start, end, true))?;
    }
    // A code of the study's own, with its change kept.
    let own = CodeInput::parse(
        "Gåture",
        "Samtaler, der foregår mens man går en tur.",
        "Vi gik mest ture.",
        Some(&code("Forbundethed til peer")?.to_string()),
    )
    .map_err(AppError::Validation)?;
    run(q::add_code(app, &evaluator, study, own))?;
    Ok(logins())
}
