//! Downloads as served: every workbook passes `scripts/check-xlsx.py` (sheet names, Excel
//! tables with frozen header rows, numbers with formats, title and language), every CSV starts
//! with a byte-order mark and uses the reader's separator, and every file keeps its name in
//! `filename*` with an ASCII `filename` beside it.

use axum::http::StatusCode;
use tower::ServiceExt as _;

use crate::authz::{self, World};
use crate::harness::*;

/// The status, headers and bytes of one request.
async fn fetch(env: &Env, req: Req) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let res = env.router.clone().oneshot(req.build()).await.unwrap();
    let (parts, body) = res.into_parts();
    let bytes = http_body_util::BodyExt::collect(body).await.unwrap().to_bytes().to_vec();
    (parts.status, parts.headers, bytes)
}

fn disposition(headers: &axum::http::HeaderMap) -> String {
    headers.get("content-disposition").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workbooks_and_csv_files_open_right_and_keep_their_names() {
    on_every_backend("downloads", |env| async move {
        let b = env.backend;
        let w = World::new(&env).await;
        let admin = w.callers.iter().find(|c| c.who == authz::Who::A(sammen_domain::people::Role::Administrator)).unwrap();
        let cookie = admin.browser.cookie.clone();
        let mut books = Vec::new();

        // The workforce overview.
        let (status, headers, xlsx) = fetch(&env, Req::get("/workforce/overview.xlsx").cookie(&cookie)).await;
        assert_eq!(status, StatusCode::OK, "{b}");
        let name = disposition(&headers);
        assert!(
            name.starts_with("attachment; filename=\"medarbejderoverblik-") && name.contains("; filename*=UTF-8''medarbejderoverblik-"),
            "{b}: {name}"
        );
        books.push(sammen_test_support::tools::temp_file("overview.xlsx", &xlsx));
        let (status, headers, csv) = fetch(&env, Req::get("/workforce/overview.csv").cookie(&cookie)).await;
        assert_eq!(status, StatusCode::OK, "{b}");
        assert_eq!(headers.get("content-type").unwrap(), "text/csv; charset=utf-8", "{b}");
        assert!(csv.starts_with("\u{feff}measure;group;label;value\r\n".as_bytes()), "{b}: {}", String::from_utf8_lossy(&csv));

        // A pooled result, as workbook and as CSV.
        let pool = |format: &str| {
            Req::new("POST", "/reports/pool").cookie(&cookie).form(&[
                ("csrf", admin.browser.csrf.clone()),
                ("summaries", "site,yi,vi\nÆrø,0.31,0.04\nNord,0.12,0.05\nSyd,0.55,0.03\n".into()),
                ("method", "reml".into()),
                ("direction", "higher".into()),
                ("format", format.into()),
            ])
        };
        let (status, headers, xlsx) = fetch(&env, pool("xlsx")).await;
        assert_eq!(status, StatusCode::OK, "{b}: {}", String::from_utf8_lossy(&xlsx));
        let name = disposition(&headers);
        assert!(name.contains("filename=\"puljet-resultat-") && name.ends_with(".xlsx"), "{b}: {name}");
        books.push(sammen_test_support::tools::temp_file("pooled.xlsx", &xlsx));
        let (status, _, csv) = fetch(&env, pool("csv")).await;
        assert_eq!(status, StatusCode::OK, "{b}");
        let text = String::from_utf8(csv).unwrap();
        assert!(text.starts_with("\u{feff}measure;group;label;value\r\n"), "{b}: {text}");
        assert!(text.contains("effect_yi;site;Ærø;0,31\r\n") && text.contains("pooled_k;overall;;3\r\n"), "{b}: {text}");

        let script = sammen_test_support::tools::repo_root().join("scripts/check-xlsx.py");
        for (_dir, file) in &books {
            let out = std::process::Command::new(sammen_test_support::tools::python())
                .arg(&script)
                .arg(file)
                .args(["--lang", "da"])
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{b}: scripts/check-xlsx.py {}: {}{}",
                file.display(),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
    })
    .await;
}
