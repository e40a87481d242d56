//! Interview studies (measurement area): the pages for the roles that may see them and 404 for
//! the others, forms with bad input answered with translated errors, the coding page's htmx
//! answer, the API's JSON; and the fixture the authorisation matrix uses for the studies' id
//! routes (`crate::measurement::rule`).

use axum::http::StatusCode;
use sammen_app::Ctx;
use sammen_app::measurement::qualitative as q;
use sammen_domain::measurement::qualitative::{InterviewInput, StudyInput, TranscriptInput};
use sammen_domain::people::Role::{Administrator, Coordinator, Evaluator, PeerWorker, Referrer, Supervisor};
use sammen_domain::{CodeId, OrgId, PartnershipId, SegmentId, StudyId, StudyInterviewId, UserId};
use sammen_store::StoreError;

use crate::harness::*;

pub const TRANSCRIPT: &str = "I: Hvordan var det at møde din peer?\n\nD: Vi mødtes på biblioteket hver tirsdag, og hun lyttede.\n\nI: Og nu?\n\nD: Jeg tror på, at det kan blive bedre.";

pub fn study_input(name: &str, scope_kind: &str, scope_id: Option<&str>) -> StudyInput {
    let guide = [("Hvordan var det at møde din peer?".to_owned(), "What was it like to meet your peer?".to_owned())];
    StudyInput::parse(name, "At forstå deltagernes oplevelser.", "Alle, der afsluttede i efteråret.", scope_kind, scope_id, false, &guide)
        .unwrap()
}

pub fn interview_input(interviewer: UserId, text: &str) -> InterviewInput {
    InterviewInput::parse(
        "relative",
        None,
        None,
        "2026-02-10",
        &interviewer.to_string(),
        "2026-02-10",
        "written",
        false,
        "",
        TranscriptInput::Typed(text.to_owned()),
    )
    .unwrap()
}

/// Organisation A's interview studies for the authorisation matrix: a study of A whose coders
/// are A's evaluator and A's peer-worker account, with an interview both coders have finished
/// and one still open; and a study C made for the partnership of A and C, whose parties decide
/// for themselves whether their interviews join.
#[derive(Clone)]
pub struct StudyFixture {
    pub study: StudyId,
    pub partnership_study: StudyId,
    /// Coded and marked done by both coders.
    pub done: StudyInterviewId,
    pub done_segment: SegmentId,
    pub done_segment_span: (usize, usize),
    /// Not yet coded.
    pub open: StudyInterviewId,
    pub open_segment: SegmentId,
    /// The first code of the codebook, and another to merge into.
    pub code: CodeId,
    pub code_values: (String, String, String),
    pub other_code: CodeId,
    pub coders: [UserId; 2],
    /// The study as a REFI-QDA project, for the import route to read back in.
    pub qdpx: Vec<u8>,
}

impl StudyFixture {
    pub async fn new(env: &Env, admin: &Ctx, org: OrgId, org_c: OrgId, partnership: PartnershipId, coders: [UserId; 2]) -> Self {
        let app = &env.app;
        let study = q::create_study(app, admin, study_input("Interviews i Aarby", "organisation", None)).await.unwrap();
        let admin_c = env.staff(org_c, "administrator@c.test", Administrator).await;
        let admin_c = ctx_of(app, admin_c, Some(org_c)).await;
        let partnership_study =
            q::create_study(app, &admin_c, study_input("Fælles interviews", "partnership", Some(&partnership.to_string()))).await.unwrap();
        for c in coders {
            q::add_coder(app, admin, study, c).await.unwrap();
        }
        let done = q::add_interview(app, admin, study, interview_input(coders[0], TRANSCRIPT)).await.unwrap();
        let open = q::add_interview(app, admin, study, interview_input(coders[0], TRANSCRIPT)).await.unwrap();
        let codes = q::codebook(app, admin, study).await.unwrap();
        let (code, other_code) = (codes[0].id, codes[1].id);
        let code_values = (codes[0].name.clone(), codes[0].description.clone(), codes[0].example.clone());
        let seg = q::interview(app, admin, done).await.unwrap().segments[1].clone();
        for c in coders {
            let ctx = ctx_of(app, c, Some(org)).await;
            q::set_segment_codes(app, &ctx, seg.id, vec![code], None, None).await.unwrap();
            q::mark_done(app, &ctx, done, true).await.unwrap();
        }
        let open_segment = q::interview(app, admin, open).await.unwrap().segments[1].id;
        let qdpx = q::exchange::export_qdpx(app, admin, study).await.unwrap().1;
        StudyFixture {
            study,
            partnership_study,
            done,
            done_segment: seg.id,
            done_segment_span: (seg.start, seg.end),
            open,
            open_segment,
            code,
            code_values,
            other_code,
            coders,
            qdpx,
        }
    }

    /// A new interview of the study (for the route that withdraws its consent).
    pub async fn fresh_interview(&self, env: &Env, admin: &Ctx) -> String {
        q::add_interview(&env.app, admin, self.study, interview_input(self.coders[0], TRANSCRIPT)).await.unwrap().to_string()
    }

    /// A new code of the study (for the route that merges it away).
    pub async fn fresh_code(&self, env: &Env, admin: &Ctx, n: u32) -> String {
        let input =
            sammen_domain::measurement::qualitative::CodeInput::parse(&format!("Engangskode {n}"), "Til sammenlægning.", "", None).unwrap();
        q::add_code(&env.app, admin, self.study, input).await.unwrap().to_string()
    }

    /// What the studies' routes could change, as text.
    pub fn snapshot(&self, c: &mut sammen_store::DbConnection) -> Result<String, StoreError> {
        use sammen_store::measurement::qualitative as sq;
        let mut s = String::new();
        for study in [self.study, self.partnership_study] {
            let st = sq::study(c, study)?.map(|r| (r.name, r.purpose, r.sampling));
            let coders: Vec<_> = sq::coders(c, study)?.into_iter().map(|r| r.user_id).collect();
            let parties: Vec<_> = sq::parties(c, study)?.into_iter().map(|p| (p.organisation_id, p.joined)).collect();
            let interviews: Vec<_> = sq::interviews_of(c, study)?.into_iter().map(|i| (i.id, i.status, i.transcript.is_some())).collect();
            let ids: Vec<StudyInterviewId> = interviews.iter().map(|i| i.0.get()).collect();
            let codings: Vec<_> =
                sq::codings_of(c, &ids)?.into_iter().map(|r| (r.segment_id, r.code_id, r.kind, r.coder_user_id)).collect();
            let done: Vec<_> = sq::done_of(c, &ids)?.into_iter().map(|r| (r.interview_id, r.coder_user_id)).collect();
            let codes: Vec<_> = sq::codes_of(c, study)?.into_iter().map(|r| (r.name, r.description, r.retired, r.merged_into)).collect();
            let quotes = sq::quotes_of(c, study)?.len();
            s += &format!(
                "study {st:?} coders {coders:?} parties {parties:?} interviews {interviews:?} codings {codings:?} done {done:?} codes {codes:?} quotes {quotes}\n"
            );
        }
        Ok(s)
    }
}

// ---------------------------------------------------------------- pages and API

/// Organisation A with a study whose coders are its evaluator and its supervisor, one interview,
/// and every role signed in.
struct Scene {
    study: StudyId,
    interview: StudyInterviewId,
    org: OrgId,
    users: Vec<(sammen_domain::people::Role, UserId, Browser)>,
}

impl Scene {
    fn browser(&self, role: sammen_domain::people::Role) -> &Browser {
        &self.users.iter().find(|u| u.0 == role).unwrap().2
    }
    fn user(&self, role: sammen_domain::people::Role) -> UserId {
        self.users.iter().find(|u| u.0 == role).unwrap().1
    }
}

async fn scene(env: &Env) -> Scene {
    let org = env.org(ORG_A).await;
    let mut users = Vec::new();
    for role in [Administrator, Coordinator, Supervisor, PeerWorker, Referrer, Evaluator] {
        let email = format!("{}@a.test", role.code());
        let user = env.staff(org, &email, role).await;
        users.push((role, user, env.login(&email).await));
    }
    let admin = ctx_of(&env.app, users[0].1, Some(org)).await;
    let study = q::create_study(&env.app, &admin, study_input("Interviews om peerstøtte", "organisation", None)).await.unwrap();
    let s = Scene { study, interview: StudyInterviewId::from_uuid(uuid::Uuid::nil()), org, users };
    for role in [Evaluator, Supervisor] {
        q::add_coder(&env.app, &admin, study, s.user(role)).await.unwrap();
    }
    let interview = q::add_interview(&env.app, &admin, study, interview_input(s.user(Evaluator), TRANSCRIPT)).await.unwrap();
    Scene { interview, ..s }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ui_study_pages_open_for_the_roles_that_may_see_them_and_are_not_found_for_the_others() {
    on_every_backend("qualitative-pages", |env| async move {
        let b = env.backend;
        let s = scene(&env).await;
        let (study, interview) = (s.study, s.interview);
        // (path, roles that get the page)
        let readers = [Administrator, Coordinator, Supervisor, Evaluator];
        let transcript = [Administrator, Supervisor, Evaluator];
        let coders = [Supervisor, Evaluator];
        let pages: Vec<(String, &[sammen_domain::people::Role])> = vec![
            (format!("/studies/{study}"), &readers),
            (format!("/studies/{study}/codebook"), &readers),
            (format!("/studies/{study}/agreement"), &readers),
            (format!("/studies/{study}/interviews/new"), &transcript),
            (format!("/study-interviews/{interview}"), &transcript),
            (format!("/study-interviews/{interview}/coding"), &coders),
        ];
        for (path, allowed) in &pages {
            for (role, _, browser) in &s.users {
                let r = env.send(Req::get(path).cookie(&browser.cookie)).await;
                if allowed.contains(role) {
                    assert_eq!(r.status, StatusCode::OK, "{b}: {path} as {role}: {}", excerpt(&r.body));
                } else {
                    assert_eq!(r.status, StatusCode::NOT_FOUND, "{b}: {path} as {role} must be not found: {}", excerpt(&r.body));
                }
            }
        }
        // The list: the study for those who may see it, nothing for the referrer and peer worker.
        for (role, _, browser) in &s.users {
            let r = env.send(Req::get("/studies").cookie(&browser.cookie)).await;
            assert_eq!(r.status, StatusCode::OK, "{b}: /studies as {role}");
            assert_eq!(r.body.contains("Interviews om peerstøtte"), readers.contains(role), "{b}: /studies as {role}");
        }
        // Only those who may create studies see the form.
        for (role, _, browser) in &s.users {
            let r = env.send(Req::get("/studies/new").cookie(&browser.cookie)).await;
            let may = [Administrator, Evaluator].contains(role);
            assert_eq!(r.status, if may { StatusCode::OK } else { StatusCode::NOT_FOUND }, "{b}: /studies/new as {role}");
        }
        // The transcript is pseudonymised text in segments; the coordinator's study page does
        // not link to it.
        let r = env.send(Req::get(&format!("/study-interviews/{interview}")).cookie(&s.browser(Administrator).cookie)).await;
        assert!(r.body.contains("Vi mødtes på biblioteket"), "{b}: {}", excerpt(&r.body));
        let r = env.send(Req::get(&format!("/studies/{study}")).cookie(&s.browser(Coordinator).cookie)).await;
        assert!(!r.body.contains(&format!("/study-interviews/{interview}")), "{b}: no transcript link for the coordinator");
        let _ = s.org;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ui_study_forms_with_bad_input_answer_with_translated_errors() {
    on_every_backend("qualitative-forms", |env| async move {
        let b = env.backend;
        let s = scene(&env).await;
        let ev = s.browser(Evaluator);
        // A study without a name, purpose or programme, and a guide question in one language only.
        let r = env
            .send(Req::new("POST", "/studies").cookie(&ev.cookie).form(&[
                ("csrf", ev.csrf.clone()),
                ("name", String::new()),
                ("purpose", String::new()),
                ("scope_kind", "programme".into()),
                ("guide_da", "Hvordan gik det?".into()),
            ]))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}: {}", excerpt(&r.body));
        assert!(r.body.contains(&html("Skriv hvert spørgsmål på både dansk og engelsk")), "{b}: {}", excerpt(&r.body));
        for msg in ["id=\"error-summary\"", "href=\"#f-name\"", "href=\"#f-scope_id\""] {
            assert!(r.body.contains(msg), "{b}: {msg} in {}", excerpt(&r.body));
        }
        assert!(r.body.contains("Hvordan gik det?"), "{b}: the form keeps what was typed");
        // In English.
        let r = env
            .send(
                Req::new("POST", "/studies")
                    .cookie(&format!("{}; sammen_lang=en", ev.cookie))
                    .form(&[("csrf", ev.csrf.clone()), ("name", "X".into()), ("purpose", "Y".into()), ("scope_kind", "organisation".into()), ("guide_en", "How?".into())]),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(r.body.contains("Write each question in both Danish and English"), "{b}: {}", excerpt(&r.body));

        // Editing a study: its scope is shown, not offered; an empty name is refused and
        // nothing is changed; a valid change is kept, with the scope the study had.
        let edit = format!("/studies/{}/edit", s.study);
        let r = env.send(Req::new("GET", &edit).cookie(&ev.cookie)).await;
        assert_eq!(r.status, StatusCode::OK, "{b}: {}", excerpt(&r.body));
        assert!(!r.body.contains("name=\"scope_kind\""), "{b}: the scope cannot be chosen again");
        let r = env
            .send(Req::new("POST", &edit).cookie(&ev.cookie).form(&[
                ("csrf", ev.csrf.clone()),
                ("name", String::new()),
                ("purpose", "Nyt formål".into()),
                ("scope_kind", "organisation".into()),
            ]))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}: {}", excerpt(&r.body));
        assert!(r.body.contains("href=\"#f-name\""), "{b}: {}", excerpt(&r.body));
        let r = env
            .send(Req::new("POST", &edit).cookie(&ev.cookie).form(&[
                ("csrf", ev.csrf.clone()),
                ("name", "Fortællinger om forløbet".into()),
                ("purpose", "Nyt formål".into()),
                ("sampling", "Alle, der afsluttede i foråret.".into()),
                ("scope_kind", "organisation".into()),
                ("guide_da", "Hvordan var det?".into()),
                ("guide_en", "How was it?".into()),
            ]))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{b}: {}", excerpt(&r.body));
        let r = env.send(Req::new("GET", &format!("/studies/{}", s.study)).cookie(&ev.cookie)).await;
        for text in ["Fortællinger om forløbet", "Nyt formål", "Alle, der afsluttede i foråret.", "Hvordan var det?"] {
            assert!(r.body.contains(&html(text)), "{b}: {text} in {}", excerpt(&r.body));
        }
        // A coordinator may not edit it.
        let co = s.browser(Coordinator);
        let r = env.send(Req::new("GET", &edit).cookie(&co.cookie)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{b}");

        // An interview without a transcript, and with both a typed transcript and a file.
        let admin = s.browser(Administrator);
        let path = format!("/studies/{}/interviews", s.study);
        let r = env
            .send(Req::new("POST", &path).cookie(&admin.cookie).form(&[
                ("csrf", admin.csrf.clone()),
                ("kind", "participant".into()),
                ("interviewed_on", "2026-02-30".into()),
                ("interviewer", s.user(Evaluator).to_string()),
                ("consent_given_on", "2026-02-10".into()),
                ("consent_method", "written".into()),
            ]))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}: {}", excerpt(&r.body));
        assert!(r.body.contains(&html("Transskriptionen er tom")), "{b}: {}", excerpt(&r.body));
        let boundary = "sammenBoundary7";
        let mut body = String::new();
        for (k, v) in [
            ("csrf", admin.csrf.as_str()),
            ("kind", "relative"),
            ("interviewed_on", "2026-02-10"),
            ("interviewer", &s.user(Evaluator).to_string()),
            ("consent_given_on", "2026-02-10"),
            ("consent_method", "verbal"),
            ("transcript", "I: Hej"),
        ] {
            body += &format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n");
        }
        let with_file = |body: &str, bytes: &str| {
            format!("{body}--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"t.txt\"\r\nContent-Type: text/plain\r\n\r\n{bytes}\r\n--{boundary}--\r\n")
        };
        let ct = format!("multipart/form-data; boundary={boundary}");
        let r = env.send(Req::new("POST", &path).cookie(&admin.cookie).raw(&ct, with_file(&body, "D: Hej").into_bytes())).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}: {}", excerpt(&r.body));
        assert!(r.body.contains(&html("men ikke begge dele")), "{b}: {}", excerpt(&r.body));
        // A file alone is read and segmented.
        let no_text = body.replace("I: Hej", "");
        let r = env
            .send(Req::new("POST", &path).cookie(&admin.cookie).raw(&ct, with_file(&no_text, "I: Hej\nD: Goddag\n").into_bytes()))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{b}: {}", excerpt(&r.body));
        let page = env.send(Req::get(r.location()).cookie(&admin.cookie)).await;
        assert!(page.body.contains("D: Goddag"), "{b}: {}", excerpt(&page.body));
        // A file that is no transcript.
        let r = env
            .send(Req::new("POST", &path).cookie(&admin.cookie).raw(&ct, with_file(&no_text, "\u{0}\u{1}PK\u{3}\u{4}garbage").into_bytes()))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}: {}", excerpt(&r.body));

        // A code without a name.
        let r = env
            .send(Req::new("POST", &format!("/studies/{}/codes", s.study)).cookie(&ev.cookie).form(&[
                ("csrf", ev.csrf.clone()),
                ("name", String::new()),
                ("description", String::new()),
            ]))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}: {}", excerpt(&r.body));
        assert!(r.body.contains("href=\"#f-name\""), "{b}: {}", excerpt(&r.body));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ui_coding_is_blind_saved_per_segment_with_htmx_and_compared_when_both_are_done() {
    on_every_backend("qualitative-coding", |env| async move {
        let b = env.backend;
        let s = scene(&env).await;
        let admin = ctx_of(&env.app, s.user(Administrator), Some(s.org)).await;
        let codes = q::codebook(&env.app, &admin, s.study).await.unwrap();
        let iv = q::interview(&env.app, &admin, s.interview).await.unwrap();
        let seg = &iv.segments[1];
        let (hope, peer) = (codes.iter().find(|c| c.name == "Håb og optimisme").unwrap().id, codes[1].id);
        let coding = format!("/study-interviews/{}/coding", s.interview);
        let save = |who: &Browser, codes: Vec<CodeId>, htmx: bool| {
            let mut form = vec![("csrf", who.csrf.clone()), ("interview", s.interview.to_string()), ("memo", "Et godt sted".into())];
            form.extend(codes.iter().map(|c| ("codes", c.to_string())));
            let req = Req::new("POST", &format!("/study-segments/{}/codes", seg.id)).cookie(&who.cookie).form(&form);
            if htmx { req.header("hx-request", "true") } else { req }
        };
        let (ev, sup) = (s.browser(Evaluator), s.browser(Supervisor));
        // With htmx the answer is the segment alone, saved.
        let r = env.send(save(ev, vec![hope, peer], true)).await;
        assert_eq!(r.status, StatusCode::OK, "{b}: {}", excerpt(&r.body));
        assert!(r.body.starts_with("<section") && r.body.contains("Afsnit 2 er gemt"), "{b}: {}", excerpt(&r.body));
        assert!(r.body.contains(&format!("value=\"{hope}\" checked")), "{b}: {}", excerpt(&r.body));
        // Without it, back to the coding page.
        let r = env.send(save(sup, vec![hope], false)).await;
        assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, coding.as_str()), "{b}");
        // Blind: the supervisor sees only their own codes.
        let page = env.send(Req::get(&coding).cookie(&sup.cookie)).await;
        assert!(
            page.body.contains(&format!("value=\"{hope}\" checked")) && !page.body.contains(&format!("value=\"{peer}\" checked")),
            "{b}"
        );
        // No comparison before both are done.
        let cmp = format!("/study-interviews/{}/comparison", s.interview);
        let r = env.send(Req::get(&cmp).cookie(&ev.cookie)).await;
        assert!(r.status.is_client_error(), "{b}: {}", r.status);
        for who in [ev, sup] {
            let r = env
                .send(
                    Req::new("POST", &format!("/study-interviews/{}/done", s.interview))
                        .cookie(&who.cookie)
                        .form(&[("csrf", who.csrf.clone()), ("done", "true".into())]),
                )
                .await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{b}");
        }
        // Done: saving again is refused with a translated message.
        let r = env.send(save(ev, vec![hope], true)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}: {}", excerpt(&r.body));
        let r = env.send(Req::get(&cmp).cookie(&ev.cookie)).await;
        assert_eq!(r.status, StatusCode::OK, "{b}: {}", excerpt(&r.body));
        assert!(r.body.contains("Uenige") && r.body.contains("Enige"), "{b}: disagreement in words: {}", excerpt(&r.body));
        // Consensus.
        let r = env
            .send(Req::new("POST", &format!("/study-segments/{}/consensus", seg.id)).cookie(&ev.cookie).form(&[
                ("csrf", ev.csrf.clone()),
                ("interview", s.interview.to_string()),
                ("codes", hope.to_string()),
            ]))
            .await;
        assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, cmp.as_str()), "{b}: {}", excerpt(&r.body));
        // The agreement page and the API.
        let r = env.send(Req::get(&format!("/studies/{}/agreement", s.study)).cookie(&s.browser(Coordinator).cookie)).await;
        assert_eq!(r.status, StatusCode::OK, "{b}");
        assert!(r.body.contains("Krippendorffs alfa") && r.body.contains("1 interviews og 4 afsnit"), "{b}: {}", excerpt(&r.body));
        let (_, token) = env.token(s.user(Coordinator), Some(s.org), sammen_app::access::auth::TokenScope::Read).await;
        let r = env.send(Req::get("/api/v1/studies").bearer(&token)).await;
        assert_eq!(r.status, StatusCode::OK, "{b}");
        let list = r.json();
        assert_eq!(list[0]["interviews"], 1, "{b}: {list}");
        assert_eq!(list[0]["coders"], 2, "{b}: {list}");
        let keys: Vec<&str> = list[0].as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["coders", "id", "interviews", "name"], "{b}");
        let r = env.send(Req::get(&format!("/api/v1/studies/{}", s.study)).bearer(&token)).await;
        assert_eq!(r.status, StatusCode::OK, "{b}");
        assert!(!r.body.contains("biblioteket"), "{b}: no transcript in the API");
        assert_eq!(r.json()["interviews"][0]["all_done"], true, "{b}");
        let r = env.send(Req::get(&format!("/api/v1/studies/{}/agreement", s.study)).bearer(&token)).await;
        assert_eq!(r.status, StatusCode::OK, "{b}");
        assert_eq!(r.json()["segments"], 4, "{b}");
    })
    .await;
}
