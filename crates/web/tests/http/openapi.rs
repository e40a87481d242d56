//! The OpenAPI document: `docs/openapi.json` is the served document (`UPDATE_OPENAPI=1`
//! rewrites it).

use axum::http::StatusCode;
use serde_json::Value;

use crate::harness::*;

// ---------------------------------------------------------------- the OpenAPI document

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_document_matches_the_committed_copy() {
    let doc = sammen_web::api::openapi_document();
    let file = crate_dir().join("../../docs/openapi.json");
    if std::env::var_os("UPDATE_OPENAPI").is_some_and(|v| !v.is_empty() && v != "0") {
        std::fs::write(&file, format!("{doc}\n")).unwrap();
        println!("rewrote {}", file.display());
    }
    let committed = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("{}: {e}; run the test with UPDATE_OPENAPI=1 to write it", file.display()));
    assert!(
        committed.trim_end() == doc.trim_end(),
        "docs/openapi.json differs from the API's document; if the change is intended, run \
         `UPDATE_OPENAPI=1 cargo test -p sammen-web --test http openapi` and commit the file"
    );
    let parsed: Value = serde_json::from_str(&doc).unwrap();
    assert_eq!(parsed["openapi"], "3.1.0");
    assert_eq!(parsed["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
    on_every_backend("openapi", |env| {
        let doc = doc.clone();
        async move {
            let res = env.send(Req::get("/api/v1/openapi.json")).await;
            assert_eq!(res.status, StatusCode::OK, "{}: served without a token", env.backend);
            assert!(res.header("content-type").starts_with("application/json"));
            assert_eq!(res.body, doc, "{}: the served document is the document", env.backend);
        }
    })
    .await;
}
