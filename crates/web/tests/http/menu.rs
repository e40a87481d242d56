//! The main menu: each role is offered exactly the pages it may use, grouped by area, and the
//! menu is one disclosure with labelled areas in both languages.

use axum::http::StatusCode;
use sammen_i18n::Lang;

use crate::harness::*;

/// The links of the page's main menu, in order.
fn menu_links(body: &str) -> Vec<String> {
    let start = body.find("class=\"main-nav\"").unwrap_or_else(|| panic!("no menu in: {}", excerpt(body)));
    let nav = &body[start..start + body[start..].find("</nav>").unwrap()];
    nav.split("href=\"").skip(1).map(|s| s.split('"').next().unwrap().to_owned()).collect()
}

/// The ids of the menu's area groups, in order.
fn menu_areas(body: &str) -> Vec<String> {
    body.split("<ul aria-labelledby=\"menu-").skip(1).map(|s| s.split('"').next().unwrap().to_owned()).collect()
}

/// Logs a demo account in, as a browser does.
async fn demo_login(env: &Env, email: &str) -> String {
    let r = env.send(Req::new("POST", "/login").form(&[("email", email.into()), ("password", sammen_demo::DEMO_PASSWORD.into())])).await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/"), "{}: login of {email}: {}", env.backend, excerpt(&r.body));
    r.set_cookie("sammen_session").unwrap().split(';').next().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ui_every_demo_role_sees_its_menu_and_every_item_opens() {
    on_every_backend("menu", |env| async move {
        let b = env.backend;
        let app = env.app.clone();
        let logins = tokio::task::spawn_blocking(move || sammen_demo::seed(&app)).await.unwrap().unwrap().unwrap();
        let org = "Søby Kommune";
        let manager_tail = [
            "/instruments",
            "/outbox",
            "/reports",
            "/studies",
            "/roles",
            "/postings",
            "/training",
            "/supervision",
            "/wellbeing",
            "/workforce",
        ];
        let admin: Vec<&str> = ["/", "/referrals", "/groups", "/participants", "/peer-workers", "/staff", "/import"]
            .into_iter()
            .chain(manager_tail)
            .chain(["/organisations", "/partnerships", "/programmes", "/audit", "/account"])
            .collect();
        let coordinator: Vec<&str> = admin.iter().copied().filter(|h| !["/organisations", "/audit"].contains(h)).collect();
        let expected: Vec<(&str, Vec<&str>)> = vec![
            ("administrator", admin),
            ("coordinator", coordinator),
            (
                "supervisor",
                vec![
                    "/",
                    "/peer-workers",
                    "/staff",
                    "/instruments",
                    "/studies",
                    "/roles",
                    "/postings",
                    "/training",
                    "/supervision",
                    "/programmes",
                    "/account",
                ],
            ),
            (
                "peer_worker",
                vec![
                    "/",
                    "/my",
                    "/groups",
                    "/participants",
                    "/instruments",
                    "/studies",
                    "/roles",
                    "/postings",
                    "/training",
                    "/supervision",
                    "/wellbeing",
                    "/programmes",
                    "/account",
                ],
            ),
            ("referrer", vec!["/", "/referrals", "/roles", "/programmes", "/account"]),
            ("evaluator", vec!["/", "/instruments", "/reports", "/studies", "/roles", "/partnerships", "/programmes", "/account"]),
            ("system_administrator", vec!["/", "/organisations", "/partnerships", "/audit", "/account"]),
            ("external_supervisor", vec!["/", "/supervision", "/account"]),
        ];
        for (role, want) in expected {
            let login = logins
                .iter()
                .find(|l| l.role == role && (l.organisation == org || l.organisation.is_empty()))
                .unwrap_or_else(|| panic!("{b}: a demo login for {role}"));
            let cookie = demo_login(&env, &login.email).await;
            let home = env.send(Req::get("/").cookie(&cookie)).await;
            assert_eq!(home.status, StatusCode::OK, "{b}: {role}");
            let links = menu_links(&home.body);
            assert_eq!(links, want, "{b}: the menu of the {role}");
            // Grouped by area, in the menu's order, and every group has a visible label.
            let areas = menu_areas(&home.body);
            let order = ["journey", "people", "measurement", "workforce", "directory", "access"];
            let mut sorted = areas.clone();
            sorted.sort_by_key(|a| order.iter().position(|o| o == a));
            assert_eq!(areas, sorted, "{b}: {role}");
            assert!(areas.iter().all(|a| home.body.contains(&format!("<span class=\"menu-heading\" id=\"menu-{a}\">"))), "{b}: {role}");
            // Every item opens for the role: never a refusal, never a missing page.
            for href in &links {
                let page = env.send(Req::get(href).cookie(&cookie)).await;
                assert_eq!(page.status, StatusCode::OK, "{b}: the {role} follows {href}: {}", excerpt(&page.body));
                assert!(
                    page.body.contains(&format!("href=\"{href}\" aria-current=\"page\"")),
                    "{b}: {role}: {href} is marked as the current page"
                );
                // The peer's own page puts today's work first, then the caseload, then the calendar.
                if *href == "/my" {
                    let at = |id: &str| page.body.find(&format!("<h2 id=\"{id}\"")).unwrap_or_else(|| panic!("{b}: /my has no {id}"));
                    let order = ["h-today", "h-caseload", "h-upcoming", "h-calendar"].map(at);
                    assert!(order.windows(2).all(|w| w[0] < w[1]), "{b}: /my sections in order: {order:?}");
                    for first in ["h-offers", "h-to-log"] {
                        if let Some(i) = page.body.find(&format!("<h2 id=\"{first}\"")) {
                            assert!(i < order[1], "{b}: {first} comes before the caseload");
                        }
                    }
                }
            }
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ui_the_menu_is_one_disclosure_with_labelled_areas_in_both_languages() {
    on_every_backend("menu markup", |env| async move {
        let b = env.backend;
        let s = small(&env).await;
        let page = env.send(Req::get("/participants").cookie(&s.browser.cookie)).await;
        let body = &page.body;
        // A landmark named "Menu", holding one disclosure whose toggle says "Menu"; closed in
        // the markup (the style sheet and script open it on a wide screen).
        let menu = html(&env.i18n.t(Lang::Da, "nav-menu"));
        assert!(body.contains(&format!("<nav aria-label=\"{menu}\" class=\"main-nav\">")), "{b}: {}", excerpt(body));
        assert!(body.contains(&format!("<details id=\"nav-toggle\" class=\"nav-toggle\">\n      <summary>{menu}</summary>")), "{b}");
        assert!(body.contains("href=\"/participants\" aria-current=\"page\""), "{b}: the current page is marked");
        for area in ["journey", "people", "access"] {
            let label = html(&env.i18n.t(Lang::Da, &format!("nav-area-{area}")));
            assert!(body.contains(&format!("<span class=\"menu-heading\" id=\"menu-{area}\">{label}</span>")), "{b}: {area}");
            assert!(body.contains(&format!("<ul aria-labelledby=\"menu-{area}\">")), "{b}: {area}");
        }
        let en = env.send(Req::get("/participants").cookie(&format!("{}; sammen_lang=en", s.browser.cookie))).await;
        assert!(en.body.contains(&html(&env.i18n.t(Lang::En, "nav-area-people"))), "{b}");
        // No inline script or style: the page keeps to its content security policy.
        assert!(!body.contains("<script>") && !body.contains("<style") && !body.contains(" style=\""), "{b}");
    })
    .await;
}
