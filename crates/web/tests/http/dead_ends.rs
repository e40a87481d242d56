//! Pages a new user reaches and cannot leave or use: each link leads somewhere that works, each
//! refusal says why, in the reader's language. A participant's link that no longer opens says so
//! kindly and points to no staff login; the public is offered language names, not codes.

use axum::http::StatusCode;
use sammen_app::measurement as ms;
use sammen_app::people as app_people;
use sammen_app::{Ctx, directory};
use sammen_domain::directory::{PartnershipInput, ProgrammeInput};
use sammen_domain::journey::intake::ConsentInput;
use sammen_domain::measurement::PlanInput;
use sammen_domain::people::Role::{Administrator, Coordinator};
use sammen_domain::people::{ParticipantInput, PeerWorkerInput};
use sammen_domain::{InvitationId, OrgId, ParticipantId, ProgrammeId, UserId};
use sammen_i18n::Lang;
use sammen_instruments::ResponseScale;
use sammen_store::StoreError;

use crate::harness::{Browser, Env, Req, Resp, ctx_of, excerpt, on_every_backend};

/// The languages the public self-referral form offers by name (`language-<code>`), as the page
/// sends them.
pub const OFFERED_LANGUAGES: &[&str] =
    &["da", "en", "ar", "tr", "so", "pl", "uk", "de", "fa", "ur", "ti", "sv", "no", "fr", "es", "ru", "ku", "kl"];

/// An organisation with a coordinator signed in, and the coordinator as the use cases see them.
struct Org {
    id: OrgId,
    user: UserId,
    ctx: Ctx,
    browser: Browser,
}

async fn org(env: &Env, name: &str, email: &str) -> Org {
    let id = env.org(name).await;
    let user = env.staff(id, email, Coordinator).await;
    let browser = env.login(email).await;
    let ctx = ctx_of(&env.app, user, Some(id)).await;
    Org { id, user, ctx, browser }
}

async fn programme(env: &Env, o: &Org, name: &str, instrument: &str) -> ProgrammeId {
    let input = ProgrammeInput::parse(name, None, &["individual".into()], &["phone".into()], "", true).unwrap();
    let id = directory::save_programme(&env.app, &o.ctx, None, input).await.unwrap().id;
    let plan = PlanInput::parse(instrument, true, None, false, None, None, None).unwrap();
    ms::create_plan(&env.app, &o.ctx, id, plan).await.unwrap();
    id
}

/// A participant started in `programme` (so invited to its baseline at once).
async fn started(env: &Env, o: &Org, name: &str, email: Option<&str>, programme: ProgrammeId, languages: &str) -> ParticipantId {
    let input = ParticipantInput::parse(Some(name), None, None, None, None, email, Some(&programme.to_string()), "active", languages, 2026)
        .unwrap();
    app_people::create_participant(&env.app, &o.ctx, input, None).await.unwrap().id
}

async fn invitation(env: &Env, o: &Org, p: ParticipantId) -> InvitationId {
    ms::participant_measurements(&env.app, &o.ctx, p).await.unwrap().invitations[0].id
}

fn get(path: &str, b: &Browser) -> Req {
    Req::get(path).cookie(&b.cookie)
}

fn post(path: &str, b: &Browser, pairs: &[(&str, String)]) -> Req {
    let mut all = vec![("csrf", b.csrf.clone())];
    all.extend(pairs.iter().cloned());
    Req::new("POST", path).cookie(&b.cookie).form(&all)
}

fn assert_has(what: &str, r: &Resp, needle: &str) {
    assert!(r.body.contains(needle), "{what}: no {needle:?} in: {}", excerpt(&r.body));
}

fn assert_lacks(what: &str, r: &Resp, needle: &str) {
    assert!(!r.body.contains(needle), "{what}: {needle:?} should not be in: {}", excerpt(&r.body));
}

/// The text of one message, as a page escapes it.
fn text(env: &Env, lang: Lang, key: &str) -> String {
    crate::harness::html(&env.i18n.t(lang, key))
}

// ---------------------------------------------------------------- answers as FHIR

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fhir_link_of_an_answer_downloads_in_the_ui_session_authorised_and_audited() {
    on_every_backend("fhir in the ui", |env| async move {
        let b = env.backend;
        let a = org(&env, "Aarby Kommune", "koordinator@a.test").await;
        let p = app_people::create_participant(&env.app, &a.ctx, crate::harness::participant_input("Frida FHIR"), None).await.unwrap();
        let response =
            ms::start_response(&env.app, &a.ctx, p.id, "sammen-chime-checkin", sammen_domain::measurement::ResponseSource::WithPeer, None)
                .await
                .unwrap();
        let page = env.send(get(&format!("/responses/{response}"), &a.browser)).await;
        assert_eq!(page.status, StatusCode::OK, "{b}");
        let link = format!("/responses/{response}/fhir.json");
        assert_has(b, &page, &format!("href=\"{link}\""));

        let head = env.audit_head().await;
        let r = env.send(get(&link, &a.browser)).await;
        assert_eq!(r.status, StatusCode::OK, "{b}: the signed-in user gets the file: {}", excerpt(&r.body));
        assert_eq!(r.header("content-type"), "application/fhir+json", "{b}");
        assert!(
            r.header("content-disposition").starts_with("attachment; filename=\"besvarelse-"),
            "{b}: {}",
            r.header("content-disposition")
        );
        let doc = r.json();
        assert_eq!(doc["resourceType"], "QuestionnaireResponse", "{b}");
        assert_eq!(doc["id"], response.to_string(), "{b}");
        let audit = env.audit_after(head).await;
        assert!(
            audit.iter().any(|e| e.event.action == sammen_domain::audit::AuditAction::Export
                && e.event.subject_id.as_deref() == Some(&p.id.to_string())
                && e.event.actor == Some(a.user.to_string())),
            "{b}: the export is audited like the API's: {audit:?}"
        );

        // Another organisation's coordinator: not found, as for the page itself.
        let other = org(&env, "Bebro Kommune", "koordinator@b.test").await;
        assert_eq!(env.send(get(&link, &other.browser)).await.status, StatusCode::NOT_FOUND, "{b}");
        // Without a session: the login, never the API's JSON 401.
        let anonymous = env.send(Req::get(&link)).await;
        assert_eq!((anonymous.status, anonymous.location()), (StatusCode::SEE_OTHER, "/login"), "{b}");
    })
    .await;
}

// ---------------------------------------------------------------- a licensed instrument without text

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitation_to_an_instrument_without_text_offers_no_link_and_says_why() {
    on_every_backend("no text, no link", |env| async move {
        let b = env.backend;
        let a = org(&env, "Aarby Kommune", "koordinator@a.test").await;
        // WHO-5's wording is licensed: Sammen ships its structure, not its text.
        let who5 = programme(&env, &a, "Trivsel", "who-5").await;
        let chime = programme(&env, &a, "Recovery", "sammen-chime-checkin").await;
        let unlinked = started(&env, &a, "Ulla Uden", None, who5, "da").await;
        let linked = started(&env, &a, "Lise Link", None, chime, "da").await;
        let (inv, ok_inv) = (invitation(&env, &a, unlinked).await, invitation(&env, &a, linked).await);

        let page = env.send(get(&format!("/participants/{unlinked}/measurements"), &a.browser)).await;
        assert_eq!(page.status, StatusCode::OK, "{b}");
        assert_lacks(b, &page, &format!("/invitations/{inv}/link"));
        assert_has(b, &page, &text(&env, Lang::Da, "measure-no-text-reason"));
        assert_has(b, &page, "href=\"/instruments/who-5\"");
        // An instrument with text still offers the link.
        let page = env.send(get(&format!("/participants/{linked}/measurements"), &a.browser)).await;
        assert_has(b, &page, &format!("/invitations/{ok_inv}/link"));
        assert_lacks(b, &page, &text(&env, Lang::Da, "measure-no-text-reason"));

        // Posted anyway: refused, and the page says why.
        let r = env.send(post(&format!("/invitations/{inv}/link"), &a.browser, &[])).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}: {}", excerpt(&r.body));
        assert_has(b, &r, &text(&env, Lang::Da, "err-instrument-no-text"));
        assert_lacks(b, &r, &text(&env, Lang::Da, "error-validation"));
    })
    .await;
}

// ---------------------------------------------------------------- a link that no longer opens

/// The token of the link shown after `POST /invitations/{id}/link`.
fn token_of(page: &Resp) -> String {
    let at = page.body.find("/a/").unwrap_or_else(|| panic!("no link in: {}", excerpt(&page.body))) + 3;
    page.body[at..at + 43].to_owned()
}

/// Every item of the CHIME check-in answered with its first option.
fn all_answers() -> Vec<(String, String)> {
    let def = ms::shipped_definition("sammen-chime-checkin", None).unwrap();
    def.items
        .iter()
        .map(|i| {
            let v = match &i.response {
                ResponseScale::Choice { options } => options[0].code.clone(),
                ResponseScale::Numeric { min, .. } => min.to_string(),
            };
            (format!("i.{}", i.link_id), v)
        })
        .collect()
}

/// The participant's page: no staff login, no link into the staff pages.
fn assert_for_a_participant(what: &str, r: &Resp) {
    assert_eq!(r.status, StatusCode::GONE, "{what}: {}", excerpt(&r.body));
    assert_lacks(what, r, "/login");
    assert_lacks(what, r, "href=\"/\"");
    assert_lacks(what, r, "nav-");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_link_that_no_longer_opens_tells_the_participant_kindly_in_their_language_what_to_do() {
    on_every_backend("closed link", |env| async move {
        let b = env.backend;
        let a = org(&env, "Aarby Kommune", "koordinator@a.test").await;
        let chime = programme(&env, &a, "Recovery", "sammen-chime-checkin").await;
        let english = started(&env, &a, "Emma English", None, chime, "ar,en").await;
        let inv = invitation(&env, &a, english).await;
        let token = token_of(&env.send(post(&format!("/invitations/{inv}/link"), &a.browser, &[])).await);
        let link = format!("/a/{token}");
        assert_eq!(env.send(Req::get(&link)).await.status, StatusCode::OK, "{b}: the link opens");
        let mut answers: Vec<(&str, String)> = Vec::new();
        let pairs = all_answers();
        for (k, v) in &pairs {
            answers.push((k.as_str(), v.clone()));
        }
        answers.push(("go", "finish".into()));
        let done = env.send(Req::new("POST", &link).form(&answers)).await;
        assert_eq!(done.status, StatusCode::OK, "{b}: {}", excerpt(&done.body));

        // Answered: thanked, in the participant's language (the first Sammen speaks), nothing to do.
        let used = env.send(Req::get(&link)).await;
        assert_for_a_participant(b, &used);
        assert_has(b, &used, "<html lang=\"en\">");
        assert_has(b, &used, &text(&env, Lang::En, "link-closed-used-title"));
        assert_has(b, &used, &text(&env, Lang::En, "link-closed-nothing-lost"));
        // The language they chose on the page wins.
        let chosen = env.send(Req::get(&link).cookie("sammen_lang=da")).await;
        assert_for_a_participant(b, &chosen);
        assert_has(b, &chosen, &text(&env, Lang::Da, "link-closed-used-title"));
        // Posting to it again: the same page, nothing saved.
        let again = env.send(Req::new("POST", &link).form(&answers)).await;
        assert_for_a_participant(b, &again);
        assert_has(b, &again, &text(&env, Lang::En, "link-closed-used"));

        // Replaced by a new link: the old one is unknown; said in Danish by default, or in the
        // browser's language.
        let danish = started(&env, &a, "Dorte Dansk", None, chime, "da").await;
        let inv = invitation(&env, &a, danish).await;
        let old = token_of(&env.send(post(&format!("/invitations/{inv}/link"), &a.browser, &[])).await);
        env.send(post(&format!("/invitations/{inv}/link"), &a.browser, &[])).await;
        let replaced = env.send(Req::get(&format!("/a/{old}"))).await;
        assert_for_a_participant(b, &replaced);
        assert_has(b, &replaced, &text(&env, Lang::Da, "link-closed-unknown"));
        assert_has(b, &replaced, &text(&env, Lang::Da, "link-closed-what-now"));
        let mistyped = env.send(Req::get("/a/not-a-link").header("accept-language", "en-GB,en;q=0.8")).await;
        assert_for_a_participant(b, &mistyped);
        assert_has(b, &mistyped, &text(&env, Lang::En, "link-closed-unknown"));
    })
    .await;
}

// ---------------------------------------------------------------- the public self-referral form

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_self_referral_form_offers_language_names_and_keeps_codes() {
    on_every_backend("self-referral languages", |env| async move {
        let b = env.backend;
        let a = org(&env, "Aarby Kommune", "koordinator@a.test").await;
        let form = env.send(Req::get(&format!("/self-referral/{}", a.id))).await;
        assert_eq!(form.status, StatusCode::OK, "{b}");
        for code in OFFERED_LANGUAGES {
            assert_has(b, &form, &format!("name=\"languages\" value=\"{code}\""));
            assert_has(b, &form, &format!(">{}</label>", text(&env, Lang::Da, &format!("language-{code}"))));
        }
        assert_lacks(b, &form, "id=\"f-languages\" name=\"languages\" type=\"text\"");
        assert_lacks(b, &form, &text(&env, Lang::Da, "referral-languages-hint"));
        let english = env.send(Req::get(&format!("/self-referral/{}", a.id)).cookie("sammen_lang=en")).await;
        assert_has(b, &english, ">Arabic</label>");

        let r = env
            .send(Req::new("POST", &format!("/self-referral/{}", a.id)).form(&[
                ("name", "Sara Selv".into()),
                ("phone", "20304050".into()),
                ("languages", "ar".into()),
                ("languages", "da".into()),
                ("reason", "Jeg vil gerne tale med en, der har prøvet det.".into()),
                ("consent_support", "on".into()),
                ("website", String::new()),
            ]))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{b}: {}", excerpt(&r.body));
        assert_has(b, &r, &text(&env, Lang::Da, "self-referral-done-title"));
        let org_id = a.id;
        let languages = env
            .app
            .db
            .read(move |c| -> Result<Vec<String>, StoreError> {
                let q = sammen_store::people::ParticipantQuery::in_org(org_id);
                let (rows, _) = sammen_store::people::search_participants(c, &q, sammen_store::Page { offset: 0, limit: 10 })?;
                Ok(rows.into_iter().map(|p| p.languages).collect())
            })
            .await
            .unwrap();
        assert_eq!(languages, vec!["ar,da".to_owned()], "{b}: the record keeps the codes");
    })
    .await;
}

// ---------------------------------------------------------------- postings and the job page

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_closed_posting_is_shown_closed_and_the_job_page_address_is_a_link() {
    on_every_backend("closed posting", |env| async move {
        use sammen_domain::workforce::recruitment::PostingInput;
        use sammen_domain::workforce::roles::RoleInput;
        let b = env.backend;
        let org_id = env.org("Aarby Kommune").await;
        let admin = env.staff(org_id, "admin@a.test", Administrator).await;
        let browser = env.login("admin@a.test").await;
        let admin = ctx_of(&env.app, admin, Some(org_id)).await;
        let role = RoleInput::parse(
            "Peer-medarbejder",
            "Støtte i recovery",
            "Samtaler",
            "outpatient_clinic",
            &["individual_support".into()],
            "paid",
            "12",
            "permanent",
            "",
            &[],
        )
        .unwrap();
        let role = sammen_app::workforce::roles::save_role(&env.app, &admin, None, role).await.unwrap().id;
        let (_, history) = sammen_app::workforce::roles::role(&env.app, &admin, role).await.unwrap();
        let role_key = history.last().unwrap().id.to_string();
        let posting = crate::workforce::recruitment_posting(&env, &admin, &role_key).await;

        // The list names the public job page as a link.
        let list = env.send(get("/postings", &browser)).await;
        assert_eq!(list.status, StatusCode::OK, "{b}");
        assert_has(b, &list, &format!("<a href=\"/jobs/{org_id}\">"));

        // Closed: the staff page still offers the job page, which shows it marked closed, without the form.
        let closed =
            PostingInput::parse(&role_key, crate::workforce::POSTING_INTRO, "Sundhedshuset", "2026-03-20", "2026-04-15", "closed").unwrap();
        sammen_app::workforce::recruitment::save_posting(&env.app, &admin, Some(posting), closed).await.unwrap();
        let staff = env.send(get(&format!("/postings/{posting}"), &browser)).await;
        let public = format!("/jobs/{org_id}/{posting}");
        assert_has(b, &staff, &format!("href=\"{public}\""));
        let page = env.send(Req::get(&public)).await;
        assert_eq!(page.status, StatusCode::OK, "{b}: a closed posting is shown, not \"not found\": {}", excerpt(&page.body));
        assert_has(b, &page, &text(&env, Lang::Da, "jobs-closed"));
        assert_has(b, &page, crate::workforce::POSTING_INTRO);
        assert_lacks(b, &page, "enctype=\"multipart/form-data\"");
        // Applying to it is still refused.
        let apply = env
            .send(Req::new("POST", &public).raw(
                "multipart/form-data; boundary=x",
                b"--x\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nA\r\n--x--\r\n".to_vec(),
            ))
            .await;
        assert_eq!(apply.status, StatusCode::NOT_FOUND, "{b}");

        // A draft has no public page, and the staff page does not offer one.
        let draft =
            PostingInput::parse(&role_key, crate::workforce::POSTING_INTRO, "Sundhedshuset", "2026-03-20", "2026-04-15", "draft").unwrap();
        let posting = sammen_app::workforce::recruitment::save_posting(&env.app, &admin, None, draft).await.unwrap();
        let public = format!("/jobs/{org_id}/{posting}");
        let staff = env.send(get(&format!("/postings/{posting}"), &browser)).await;
        assert_lacks(b, &staff, &format!("href=\"{public}\""));
        assert_has(b, &staff, &text(&env, Lang::Da, "posting-draft-not-public"));
        assert_eq!(env.send(Req::get(&public)).await.status, StatusCode::NOT_FOUND, "{b}");
    })
    .await;
}

// ---------------------------------------------------------------- a partner and a course

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partner_reading_a_participant_is_not_linked_to_courses_it_may_not_open() {
    on_every_backend("partner course link", |env| async move {
        let b = env.backend;
        let a = org(&env, "Aarby Kommune", "koordinator@a.test").await;
        let partner = org(&env, "Bebro Kommune", "koordinator@b.test").await;
        let agreement = PartnershipInput::parse(
            "Udskrivningsmentorer",
            "Peer-medarbejdere følger borgere fra udskrivning",
            "Samtykke (art. 9, stk. 2, litra a)",
            &["participant_record".into()],
            "2026-01-01",
            None,
            &[a.id.to_string(), partner.id.to_string()],
        )
        .unwrap();
        directory::save_partnership(&env.app, &Env::cli(), None, agreement).await.unwrap();
        let peer = PeerWorkerInput::parse("Per Peer", None, None, "paid", "active", "da", &["phone".into()]).unwrap();
        let peer = app_people::save_peer(&env.app, &a.ctx, None, peer).await.unwrap().id;
        let p =
            app_people::create_participant(&env.app, &a.ctx, crate::harness::participant_input("Dorte Deltager"), None).await.unwrap().id;
        let today = time::macros::date!(2026 - 03 - 02);
        let sharing =
            ConsentInput::parse("partner_sharing", "Samtykke givet i samtale", &["partners".into()], "written", None, today).unwrap();
        sammen_app::journey::intake::record_consent(&env.app, &a.ctx, p, sharing).await.unwrap();
        let (org_id, course) = (a.id, env.app.next_id::<sammen_domain::CourseId>());
        env.app
            .db
            .write(move |tx| -> Result<(), StoreError> {
                use sammen_domain::journey::courses::{CourseStatus, OfferState};
                sammen_store::journey::courses::insert_course(
                    tx.conn(),
                    &sammen_store::rows::CourseRow {
                        id: course.into(),
                        organisation_id: org_id.into(),
                        programme_id: None,
                        participant_id: p.into(),
                        peer_id: peer.into(),
                        status: CourseStatus::Active.into(),
                        offer: OfferState::Accepted.into(),
                        match_score: None,
                        match_parts: None,
                        approved_by: None,
                        approved_at: None,
                        responded_at: None,
                        decline_reason: None,
                        started_on: Some(today.into()),
                        ended_on: None,
                        end_reason: None,
                        handed_over_from: None,
                        handover_note: None,
                        created_at: 0,
                        updated_at: 0,
                    },
                )
            })
            .await
            .unwrap();
        let courses = format!("/participants/{p}/courses");
        let link = format!("href=\"/courses/{course}\"");

        // The owner's coordinator opens the course from the list.
        let own = env.send(get(&courses, &a.browser)).await;
        assert_eq!(own.status, StatusCode::OK, "{b}");
        assert_has(b, &own, &link);
        assert_lacks(b, &own, &text(&env, Lang::Da, "courses-not-opened"));
        // The partner reads the participant and sees the course, but gets no link it cannot follow.
        let theirs = env.send(get(&courses, &partner.browser)).await;
        assert_eq!(theirs.status, StatusCode::OK, "{b}: {}", excerpt(&theirs.body));
        assert_has(b, &theirs, "Per Peer");
        assert_lacks(b, &theirs, &link);
        assert_has(b, &theirs, &text(&env, Lang::Da, "courses-not-opened"));
        assert_eq!(env.send(get(&format!("/courses/{course}"), &partner.browser)).await.status, StatusCode::NOT_FOUND, "{b}");
    })
    .await;
}

// ---------------------------------------------------------------- the instrument pages in Danish

#[test]
fn every_shipped_instrument_has_its_licence_and_omissions_in_both_languages() {
    let i18n = sammen_i18n::I18n::new().unwrap();
    let mut missing = Vec::new();
    for d in ms::shipped_definitions().unwrap() {
        let mut keys = vec![format!("instrument-licence-{}", d.id)];
        keys.extend((1..=d.omitted.len()).map(|n| format!("instrument-omitted-{}-{n}", d.id)));
        for lang in [Lang::Da, Lang::En] {
            keys.iter().filter(|k| !i18n.has(lang, k)).for_each(|k| missing.push(format!("{k} ({})", lang.code())));
            // No stale entry: one message per omission, no more.
            let extra = format!("instrument-omitted-{}-{}", d.id, d.omitted.len() + 1);
            if i18n.has(lang, &extra) {
                missing.push(format!("{extra} ({}) has no omission in the definition", lang.code()));
            }
        }
    }
    assert!(missing.is_empty(), "instrument texts out of step with the definitions:\n{}", missing.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_instrument_pages_are_danish_throughout() {
    on_every_backend("instrument pages in Danish", |env| async move {
        let b = env.backend;
        let a = org(&env, "Aarby Kommune", "koordinator@a.test").await;
        for d in ms::shipped_definitions().unwrap() {
            let page = env.send(get(&format!("/instruments/{}", d.id), &a.browser)).await;
            assert_eq!(page.status, StatusCode::OK, "{b}: {}", d.id);
            let what = format!("{b}: {}", d.id);
            assert_has(&what, &page, &text(&env, Lang::Da, &format!("instrument-licence-{}", d.id)));
            assert_lacks(&what, &page, &crate::harness::html(&d.licence.note));
            for o in &d.omitted {
                assert_lacks(&what, &page, &crate::harness::html(o));
            }
            assert_lacks(&what, &page, ">linkId<");
            assert_lacks(&what, &page, "data-label=\"CHIME\"");
            assert_has(&what, &page, &text(&env, Lang::Da, "instrument-item-id"));
        }
        // The check-in's own note is Sammen's words, so it is translated too.
        let page = env.send(get("/instruments/sammen-chime-checkin", &a.browser)).await;
        assert_has(b, &page, &text(&env, Lang::Da, "instrument-citation-sammen-chime-checkin-1"));
        assert_lacks(b, &page, "Written for Sammen");
        // English readers get English.
        let en = env.send(Req::get("/instruments/who-5").cookie(&format!("{}; sammen_lang=en", a.browser.cookie))).await;
        assert_has(b, &en, &text(&env, Lang::En, "instrument-licence-who-5"));
        assert_has(b, &en, &text(&env, Lang::En, "instrument-omitted-who-5-1"));
    })
    .await;
}

// ---------------------------------------------------------------- pooling summaries

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pooling_form_names_the_bad_line_in_the_fields_own_error() {
    on_every_backend("pooling error", |env| async move {
        let b = env.backend;
        let a = org(&env, "Aarby Kommune", "koordinator@a.test").await;
        let bad = "site,n,mean_pre,mean_post,sd_pre,r\nNord,40,50,56,12,0.5\nSyd,35,48,51,11,0.6\nØst,30,47,x,12,0.5\n";
        let r = env
            .send(post(
                "/reports/pool",
                &a.browser,
                &[("summaries", bad.into()), ("method", "reml".into()), ("direction", "higher".into()), ("format", "html".into())],
            ))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}: {}", excerpt(&r.body));
        let place = "Linje 4, kolonne 4 (mean_post): »x« er ikke et tal.";
        // In the summary at the top (what a screen reader announces) and under the field.
        let summary = r.body.split("id=\"error-summary\"").nth(1).unwrap_or_default().split("</div>").next().unwrap_or_default();
        assert!(summary.contains(place), "{b}: the summary names the line: {summary}");
        let field = r.body.split("id=\"e-summaries\"").nth(1).unwrap_or_default().split("</p>").next().unwrap_or_default();
        assert!(field.contains(place), "{b}: the field's error names the line: {field}");
        assert_lacks(b, &r, &text(&env, Lang::Da, "err-summary-file"));
    })
    .await;
}

// ---------------------------------------------------------------- the outbox

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_outbox_table_is_a_named_focusable_region_on_the_organisations_clock() {
    on_every_backend("outbox", |env| async move {
        let b = env.backend;
        let a = org(&env, "Aarby Kommune", "koordinator@a.test").await;
        let chime = programme(&env, &a, "Recovery", "sammen-chime-checkin").await;
        // Invited at 09:00 UTC on 2 March: the link is mailed at once.
        started(&env, &a, "Mette Mail", Some("mette@example.test"), chime, "da").await;
        let r = env.send(get("/outbox", &a.browser)).await;
        assert_eq!(r.status, StatusCode::OK, "{b}");
        let title = text(&env, Lang::Da, "nav-outbox");
        assert_has(b, &r, &format!("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{title}\">"));
        // Copenhagen is an hour ahead of UTC in March.
        assert_has(b, &r, "2026-03-02 10:00");
        assert_lacks(b, &r, "2026-03-02 09:00");
    })
    .await;
}
