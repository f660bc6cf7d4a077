//! Machine-translation drafts (issue 21), black-box on the real binary against a small
//! LibreTranslate stand-in on a loopback port (axum, in this test): off by default (409 with
//! the reason); with `RUNDBRIEF_MT_URL` a Polish draft is filled from the German text, stored
//! not ready and marked `machine_drafted`, with the placeholder, the link target and the
//! emphasis intact; the stand-in's requests carry the text only, no subscriber's address or
//! name; a service that answers 500 or does not answer within the timeout leaves the variant
//! as it was, with the reason; a person's save of the same text makes it theirs. On SQLite and
//! PostgreSQL.
#![allow(clippy::unwrap_used)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use rundbrief_testkit::admin::Editor;
use rundbrief_testkit::{Backend, TestApp, TestDb};
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const GERMAN: &str = "# Hallo {{ name }}\n\nDas ist *wichtig*, siehe [unsere Seite](https://example.org/zeiten).\n\n- Montag\n";

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Translate,
    Fail,
    Hang,
}

#[derive(Clone)]
struct StandIn {
    mode: Arc<Mutex<Mode>>,
    requests: Arc<Mutex<Vec<String>>>,
}

/// "Translates" by upper-casing the text outside elements, as a service keeps tags.
fn shout(markup: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in markup.chars() {
        if c == '<' {
            in_tag = true;
        }
        if in_tag {
            out.push(c)
        } else {
            out.extend(c.to_uppercase())
        }
        if c == '>' {
            in_tag = false;
        }
    }
    out
}

async fn translate(State(stand_in): State<StandIn>, body: String) -> Response {
    stand_in.requests.lock().unwrap().push(body.clone());
    let mode = *stand_in.mode.lock().unwrap();
    match mode {
        Mode::Fail => (StatusCode::INTERNAL_SERVER_ERROR, "model crashed").into_response(),
        Mode::Hang => {
            tokio::time::sleep(Duration::from_secs(30)).await;
            StatusCode::GATEWAY_TIMEOUT.into_response()
        }
        Mode::Translate => {
            let request: Value = serde_json::from_str(&body).unwrap();
            let texts: Vec<Value> = match &request["q"] {
                Value::Array(items) => {
                    items.iter().map(|q| json!(shout(q.as_str().unwrap()))).collect()
                }
                other => vec![json!(shout(other.as_str().unwrap()))],
            };
            Json(json!({ "translatedText": texts })).into_response()
        }
    }
}

/// Starts the stand-in on its own thread; returns its base URL.
fn start_stand_in(stand_in: StandIn) -> String {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            let app = axum::Router::new()
                .route("/translate", axum::routing::post(translate))
                .with_state(stand_in);
            axum::serve(listener, app).await.unwrap();
        });
    });
    format!("http://{}", rx.recv().unwrap())
}

struct Api<'a> {
    app: &'a TestApp,
    token: String,
}

impl Api<'_> {
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        let response = self.app.api(&self.token, method, &format!("/api/v1{path}"), body.as_ref());
        let text = response.text();
        (response.status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// An issue with the German text; its id.
    fn issue(&self) -> i64 {
        let (status, issue) = self.call("POST", "/issues", Some(json!({"title": "Dezember"})));
        assert_eq!(status, 201, "{issue}");
        let id = issue["id"].as_i64().unwrap();
        let german = json!({"subject": "Neues für {{ name }}", "preheader": "", "body_markdown": GERMAN, "ready": true});
        let (status, body) = self.call("PUT", &format!("/issues/{id}/variants/de"), Some(german));
        assert!(status == 201 || status == 200, "{body}");
        id
    }
}

fn machine_drafts_are_flagged_protected_and_all_or_nothing(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    // Off by default.
    {
        let app = TestApp::spawn(BIN, &db, &[("RUNDBRIEF_API_RATE_LIMIT", "0")]);
        let api = Api { app: &app, token: app.api_token("off") };
        let id = api.issue();
        let (status, problem) =
            api.call("POST", &format!("/issues/{id}/variants/pl/machine-draft"), None);
        assert_eq!(status, 409, "{problem}");
        assert!(problem["detail"].as_str().unwrap().contains("RUNDBRIEF_MT_URL"), "{problem}");
        let (status, _) = api.call("GET", &format!("/issues/{id}/variants/pl"), None);
        assert_eq!(status, 404);
        // No button in the composer either.
        let mut editor = Editor::sign_in(&app, "redaktion@example.org");
        let page = editor.page(&format!("/admin/issues/{id}?tab=pl&lang=en"));
        assert!(page.contains("Save variant") || page.contains("variant-form"), "{page}");
        assert!(!page.contains("Draft with machine translation"), "{page}");
    }

    let stand_in = StandIn {
        mode: Arc::new(Mutex::new(Mode::Translate)),
        requests: Arc::new(Mutex::new(Vec::new())),
    };
    let url = start_stand_in(stand_in.clone());
    let app = TestApp::spawn(
        BIN,
        &db,
        &[
            ("RUNDBRIEF_API_RATE_LIMIT", "0"),
            ("RUNDBRIEF_MT_URL", url.as_str()),
            ("RUNDBRIEF_MT_API_KEY", "stand-in-key"),
            ("RUNDBRIEF_MT_TIMEOUT", "2"),
        ],
    );
    let api = Api { app: &app, token: app.api_token("mt") };
    for (email, name) in [("zofia@example.pl", "Zofia Kowalska"), ("anna@example.de", "Anna Berg")]
    {
        let body = json!({"email": email, "name": name, "language": "pl", "consent": "obtained_elsewhere"});
        let (status, created) = api.call("POST", "/subscribers", Some(body));
        assert_eq!(status, 201, "{created}");
    }
    let id = api.issue();
    let draft_path = format!("/issues/{id}/variants/pl/machine-draft");

    let (status, answer) = api.call("POST", &draft_path, None);
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["kept_source"], json!([]), "{answer}");
    let (_, pl) = api.call("GET", &format!("/issues/{id}/variants/pl"), None);
    assert_eq!(pl["ready"], false, "never ready by itself: {pl}");
    assert_eq!(pl["machine_drafted"], true, "{pl}");
    assert_eq!(pl["subject"], "NEUES FÜR {{ name }}");
    let body = pl["body_markdown"].as_str().unwrap();
    assert!(body.contains("# HALLO {{ name }}"), "{body}");
    assert!(body.contains("*WICHTIG*"), "{body}");
    assert!(body.contains("[UNSERE SEITE](https://example.org/zeiten)"), "{body}");
    assert!(body.contains("- MONTAG"), "{body}");
    let (_, de) = api.call("GET", &format!("/issues/{id}/variants/de"), None);
    assert_eq!(de["machine_drafted"], false);

    // The service saw the text only, in HTML mode with the key, and nobody's data.
    let requests = stand_in.requests.lock().unwrap().clone();
    assert_eq!(requests.len(), 1, "one request per variant");
    let request: Value = serde_json::from_str(&requests[0]).unwrap();
    assert_eq!((request["source"].clone(), request["target"].clone()), (json!("de"), json!("pl")));
    assert_eq!(
        (request["format"].clone(), request["api_key"].clone()),
        (json!("html"), json!("stand-in-key"))
    );
    for secret in
        ["zofia", "Zofia", "Kowalska", "anna@", "Berg", "example.pl", "https://example.org"]
    {
        assert!(!requests[0].contains(secret), "{secret} reached the service: {}", requests[0]);
    }
    assert!(requests[0].contains("<ph id="), "{}", requests[0]);

    // A failing service changes nothing and says why.
    let before = api.call("GET", &format!("/issues/{id}/variants/pl"), None).1;
    *stand_in.mode.lock().unwrap() = Mode::Fail;
    let (status, problem) = api.call("POST", &draft_path, None);
    assert_eq!(status, 502, "{problem}");
    assert!(problem["detail"].as_str().unwrap().contains("HTTP 500"), "{problem}");
    *stand_in.mode.lock().unwrap() = Mode::Hang;
    let started = std::time::Instant::now();
    let (status, problem) =
        api.call("POST", &format!("/issues/{id}/variants/ro/machine-draft"), None);
    assert_eq!(status, 502, "{problem}");
    assert!(problem["detail"].as_str().unwrap().contains("did not answer within 2 s"), "{problem}");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(api.call("GET", &format!("/issues/{id}/variants/pl"), None).1, before);
    assert_eq!(api.call("GET", &format!("/issues/{id}/variants/ro"), None).0, 404);

    // The base language is not a target.
    let (status, _) = api.call("POST", &format!("/issues/{id}/variants/de/machine-draft"), None);
    assert_eq!(status, 409);

    // The composer offers it to editors; the matrix says "machine draft".
    *stand_in.mode.lock().unwrap() = Mode::Translate;
    let mut editor = Editor::sign_in(&app, "lektorat@example.org");
    let page = editor.page(&format!("/admin/issues/{id}?tab=ro&lang=en"));
    assert!(page.contains("Draft with machine translation"), "{page}");
    let location = editor.post_ok(&format!("/admin/issues/{id}/variants/ro/machine-draft"), &[]);
    assert!(location.contains("tab=ro") && location.contains("done=machine"), "{location}");
    let page = editor.page(&format!("/admin/issues/{id}?tab=ro&lang=en"));
    let row = &page[page.find("<tr data-language=\"ro\">").unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains("machine draft"), "{row}");
    let (_, ro) = api.call("GET", &format!("/issues/{id}/variants/ro"), None);
    assert_eq!((ro["machine_drafted"].clone(), ro["ready"].clone()), (json!(true), json!(false)));

    // A person saving the same text, ready, makes it theirs.
    let mine = json!({"subject": before["subject"], "preheader": "", "body_markdown": before["body_markdown"], "ready": true});
    let (status, saved) = api.call("PUT", &format!("/issues/{id}/variants/pl"), Some(mine));
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["machine_drafted"], false, "{saved}");
    assert_eq!(saved["ready"], true);
    assert!(!app.log().contains("stand-in-key"), "the key was logged");
}

#[test]
fn machine_drafts_on_sqlite() {
    machine_drafts_are_flagged_protected_and_all_or_nothing(Backend::Sqlite);
}

#[test]
fn machine_drafts_on_postgres() {
    machine_drafts_are_flagged_protected_and_all_or_nothing(Backend::Postgres);
}
