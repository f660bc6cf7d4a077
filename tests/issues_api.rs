//! Black-box tests of the issue part of `/api/v1`: issues, variants, the audience and previews,
//! through the real binary on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

use mail_parser::MessageParser;
use rundbrief_core::IssueId;
use rundbrief_core::model::IssueStatus;
use rundbrief_store::IssueStore;
use rundbrief_store_postgres::PgStore;
use rundbrief_store_sqlite::SqliteStore;
use rundbrief_testkit::{Backend, Response, SmtpServer, TestApp, TestDb};
use serde_json::{Value, json};
use time::OffsetDateTime;

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");

struct Api {
    app: TestApp,
    token: String,
    _smtp: SmtpServer,
}

impl Api {
    fn start(db: &TestDb) -> Self {
        let templates = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
        let (app, smtp) =
            TestApp::spawn_with_smtp(BIN, db, &[("RUNDBRIEF_TEMPLATES_DIR", templates)]);
        let token = app.api_token("tests");
        Self { app, token, _smtp: smtp }
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Response {
        self.app.api(&self.token, method, path, body.as_ref())
    }

    fn ok(&self, method: &str, path: &str, body: Option<Value>, status: u16) -> Value {
        let response = self.call(method, path, body);
        assert_eq!(response.status, status, "{method} {path}: {}", response.text());
        if response.body.is_empty() { Value::Null } else { response.json() }
    }

    fn issue(&self, title: &str, segment: Value) -> i64 {
        let body = json!({"title": title, "base_language": "de", "segment": segment});
        self.ok("POST", "/api/v1/issues", Some(body), 201)["id"].as_i64().unwrap()
    }

    fn variant(&self, issue: i64, lang: &str, subject: &str, body: &str, ready: bool) -> Response {
        self.call(
            "PUT",
            &format!("/api/v1/issues/{issue}/variants/{lang}"),
            Some(json!({"subject": subject, "preheader": "Kurz notiert", "body_markdown": body, "ready": ready})),
        )
    }

    /// A list with a German name; its id.
    fn list(&self, slug: &str, german_name: &str) -> i64 {
        let body = json!({"slug": slug, "names": {"de": german_name}});
        self.ok("POST", "/api/v1/lists", Some(body), 201)["id"].as_i64().unwrap()
    }

    fn subscriber(&self, email: &str, language: &str, lists: &[i64]) -> i64 {
        let body = json!({
            "email": email, "language": language, "lists": lists, "consent": "obtained_elsewhere",
        });
        self.ok("POST", "/api/v1/subscribers", Some(body), 201)["id"].as_i64().unwrap()
    }
}

/// A problem document with the given status, as RFC 9457 describes it.
fn assert_problem(response: &Response, status: u16) -> Value {
    assert_eq!(response.status, status, "{}", response.text());
    assert_eq!(response.header("content-type"), Some("application/problem+json"));
    let body = response.json();
    assert_eq!(body["status"], status);
    assert!(body["detail"].is_string(), "{body}");
    body
}

fn failing_fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|errors| errors.iter().map(|e| e["field"].as_str().unwrap().to_owned()).collect())
        .unwrap_or_default()
}

/// Moves an issue along as the sending engine would; the API under test has no such route.
fn force_status(db: &TestDb, issue: i64, to: IssueStatus, scheduled_at: Option<OffsetDateTime>) {
    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        let now = OffsetDateTime::now_utc();
        let id = IssueId(issue);
        match db.backend {
            Backend::Sqlite => {
                let store = SqliteStore::connect(&db.url).await.unwrap();
                store
                    .transition_issue(id, IssueStatus::Draft, to, scheduled_at, now)
                    .await
                    .unwrap();
                store.close().await;
            }
            Backend::Postgres => {
                let store = PgStore::connect(&db.url, 1).await.unwrap();
                store
                    .transition_issue(id, IssueStatus::Draft, to, scheduled_at, now)
                    .await
                    .unwrap();
                store.close().await;
            }
        }
    });
}

fn issues_are_created_listed_read_changed_and_deleted(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let api = Api::start(&db);
    let list = api.list("work", "Arbeit");

    let created = api.ok(
        "POST",
        "/api/v1/issues",
        Some(json!({
            "title": "  Dezember  ",
            "base_language": "de",
            "segment": {"lists": [list], "list_match": "all", "languages": ["pl", "de", "pl"],
                        "regions": ["Nord"], "audiences": ["citizen"]},
        })),
        201,
    );
    assert_eq!(created["title"], "Dezember", "trimmed");
    assert_eq!(created["status"], "draft");
    assert_eq!(created["editable"], true);
    assert_eq!(
        created["segment"],
        json!({"lists": [list], "list_match": "all", "languages": ["de", "pl"],
               "regions": ["Nord"], "audiences": ["citizen"]})
    );
    assert_eq!(created["variants"], json!([]));
    let id = created["id"].as_i64().unwrap();

    let plain = api.ok("POST", "/api/v1/issues", Some(json!({"title": "Januar"})), 201);
    assert_eq!(plain["base_language"], "de", "the instance default");
    assert_eq!(
        plain["segment"],
        json!({"lists": [], "list_match": "any", "languages": [], "regions": [], "audiences": []}),
        "everyone"
    );
    let third = api.issue("Februar", json!(null));

    let mut seen = Vec::new();
    let mut cursor = String::new();
    loop {
        let page = api.ok("GET", &format!("/api/v1/issues?limit=2{cursor}"), None, 200);
        seen.extend(page["items"].as_array().unwrap().iter().map(|i| i["id"].as_i64().unwrap()));
        assert!(page["items"][0].get("variants").is_none(), "lists stay small");
        match page["next_cursor"].as_i64() {
            Some(next) => cursor = format!("&cursor={next}"),
            None => break,
        }
    }
    assert_eq!(seen, [third, plain["id"].as_i64().unwrap(), id], "newest first, each once");

    let got = api.ok("GET", &format!("/api/v1/issues/{id}"), None, 200);
    assert_eq!(got["title"], "Dezember");
    let patched = api.ok(
        "PATCH",
        &format!("/api/v1/issues/{id}"),
        Some(json!({"title": "Dezember 2025", "segment": {"languages": ["ro"]}})),
        200,
    );
    assert_eq!(patched["title"], "Dezember 2025");
    assert_eq!(patched["base_language"], "de", "absent fields stay");
    assert_eq!(patched["segment"]["languages"], json!(["ro"]));
    assert_eq!(patched["segment"]["lists"], json!([]), "a segment replaces the segment");
    let patched =
        api.ok("PATCH", &format!("/api/v1/issues/{id}"), Some(json!({"base_language": "en"})), 200);
    assert_eq!(
        (patched["base_language"].clone(), patched["title"].clone()),
        (json!("en"), json!("Dezember 2025"))
    );

    assert_eq!(api.ok("DELETE", &format!("/api/v1/issues/{id}"), None, 204), Value::Null);
    assert_problem(&api.call("GET", &format!("/api/v1/issues/{id}"), None), 404);
    assert_problem(&api.call("DELETE", &format!("/api/v1/issues/{id}"), None), 404);
}

fn bad_issue_requests_are_refused_with_problem_documents(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let api = Api::start(&db);
    let id = api.issue("März", json!({}));

    let problem = assert_problem(
        &api.call(
            "POST",
            "/api/v1/issues",
            Some(json!({
                "base_language": "tr", "colour": "red",
                "segment": {"lists": [4242], "list_match": "some", "languages": ["xx"],
                            "audiences": ["admin"], "regions": ["ok", "   "], "lnaguages": []},
            })),
        ),
        422,
    );
    let fields = failing_fields(&problem);
    for field in [
        "title",
        "base_language",
        "colour",
        "segment.lists",
        "segment.list_match",
        "segment.languages",
        "segment.audiences",
        "segment.regions",
        "segment.lnaguages",
    ] {
        assert!(fields.iter().any(|f| f == field), "{field} not reported: {problem}");
    }
    let long = "x".repeat(201);
    assert_problem(&api.call("POST", "/api/v1/issues", Some(json!({"title": long}))), 422);
    assert_problem(&api.call("POST", "/api/v1/issues", Some(json!({"title": "   "}))), 422);
    assert_problem(&api.call("POST", "/api/v1/issues", Some(json!({"title": "a\u{0}b"}))), 422);
    let lists = assert_problem(
        &api.call(
            "POST",
            "/api/v1/issues",
            Some(json!({"title": "x", "segment": {"lists": [77]}})),
        ),
        422,
    );
    assert_eq!(failing_fields(&lists), ["segment.lists"], "a list that does not exist");
    assert_problem(
        &api.call("POST", "/api/v1/issues", Some(json!({"title": "x", "segment": []}))),
        422,
    );
    assert_eq!(
        api.ok("GET", "/api/v1/issues", None, 200)["items"].as_array().unwrap().len(),
        1,
        "refused requests write nothing"
    );

    let path = format!("/api/v1/issues/{id}");
    let patch =
        assert_problem(&api.call("PATCH", &path, Some(json!({"title": 5, "status": "sent"}))), 422);
    assert_eq!(failing_fields(&patch).len(), 2, "{patch}");
    assert_eq!(api.ok("GET", &path, None, 200)["title"], "März");
    assert_problem(&api.call("GET", "/api/v1/issues?limit=0", None), 422);
    assert_problem(&api.call("GET", "/api/v1/issues?sort=title", None), 422);

    // Unknown issues and malformed ids are 404 on every route.
    for (method, route) in [
        ("GET", "/api/v1/issues/999999"),
        ("PATCH", "/api/v1/issues/999999"),
        ("DELETE", "/api/v1/issues/999999"),
        ("GET", "/api/v1/issues/abc"),
        ("GET", "/api/v1/issues/999999/variants/de"),
        ("PUT", "/api/v1/issues/999999/variants/de"),
        ("DELETE", "/api/v1/issues/999999/variants/de"),
        ("GET", "/api/v1/issues/999999/audience"),
        ("GET", "/api/v1/issues/999999/preview/de"),
    ] {
        let body = match method {
            "PATCH" => Some(json!({"title": "x"})),
            "PUT" => Some(json!({"subject": "x", "body_markdown": "y"})),
            _ => None,
        };
        let problem = assert_problem(&api.call(method, route, body), 404);
        assert!(problem["detail"].as_str().unwrap().contains("not found"), "{problem}");
    }

    // Every route needs the token.
    for (method, route) in [
        ("GET", "/api/v1/issues".to_owned()),
        ("POST", "/api/v1/issues".to_owned()),
        ("GET", path.clone()),
        ("PATCH", path.clone()),
        ("DELETE", path.clone()),
        ("PUT", format!("{path}/variants/de")),
        ("GET", format!("{path}/variants/de")),
        ("GET", format!("{path}/audience")),
        ("GET", format!("{path}/preview/de")),
    ] {
        let response = api.app.request(
            method,
            &route,
            &[("Content-Type", "application/json")],
            br#"{"title": "x"}"#,
        );
        assert_problem(&response, 401);
        assert_eq!(response.header("www-authenticate"), Some("Bearer"));
    }
    assert_eq!(api.ok("GET", &path, None, 200)["title"], "März", "nothing changed");
}

fn variants_are_put_read_and_deleted(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let api = Api::start(&db);
    let id = api.issue("April", json!({}));
    let path = format!("/api/v1/issues/{id}/variants/pl");

    let created =
        api.variant(id, "pl", "Wiadomości dla {{ name }}", "# Cześć\n\nZażółć gęślą jaźń.", false);
    assert_eq!(created.status, 201, "{}", created.text());
    let created = created.json();
    assert_eq!(created["language"], "pl");
    assert_eq!(created["issue_id"], id);
    assert_eq!(created["ready"], false);
    assert_eq!(created["preheader"], "Kurz notiert");

    let replaced = api.ok(
        "PUT",
        &path,
        Some(json!({"subject": "Nowości", "body_markdown": "Zażółć gęślą jaźń.", "ready": true})),
        200,
    );
    assert_eq!(replaced["ready"], true);
    assert_eq!(replaced["preheader"], "", "PUT replaces the whole variant");
    let got = api.ok("GET", &path, None, 200);
    assert_eq!(got["body_markdown"], "Zażółć gęślą jaźń.", "stored byte for byte");
    assert_eq!(got["subject"], "Nowości");
    assert_eq!(api.variant(id, "de", "Neuigkeiten", "Text", false).status, 201);
    let issue = api.ok("GET", &format!("/api/v1/issues/{id}"), None, 200);
    let summary: Vec<(String, bool)> = issue["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["language"].as_str().unwrap().to_owned(), v["ready"].as_bool().unwrap()))
        .collect();
    assert_eq!(summary, [("de".to_owned(), false), ("pl".to_owned(), true)]);

    let bad = assert_problem(
        &api.call("PUT", &path, Some(json!({"subject": 1, "ready": "yes", "extra": true}))),
        422,
    );
    let fields = failing_fields(&bad);
    for field in ["subject", "body_markdown", "ready", "extra"] {
        assert!(fields.iter().any(|f| f == field), "{field} not reported: {bad}");
    }
    assert_problem(
        &api.call("PUT", &path, Some(json!({"subject": "a\nb", "body_markdown": "x"}))),
        422,
    );
    let language = assert_problem(&api.variant(id, "tr", "x", "y", false), 422);
    assert_eq!(failing_fields(&language), ["lang"]);
    assert_problem(&api.call("GET", &format!("/api/v1/issues/{id}/variants/xx"), None), 422);
    assert_problem(&api.call("GET", &format!("/api/v1/issues/{id}/variants/fr"), None), 404);
    assert_eq!(
        api.ok("GET", &path, None, 200)["subject"],
        "Nowości",
        "refused PUTs change nothing"
    );

    assert_eq!(api.ok("DELETE", &path, None, 204), Value::Null);
    assert_problem(&api.call("GET", &path, None), 404);
    assert_problem(&api.call("DELETE", &path, None), 404);
}

fn a_ready_variant_must_render(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let api = Api::start(&db);
    let id = api.issue("Mai", json!({}));
    let path = format!("/api/v1/issues/{id}/variants/de");

    let body = "Zeile eins\n\nHallo {{ vorname }}";
    let problem = assert_problem(&api.variant(id, "de", "Hallo {{ name }}", body, true), 422);
    assert_eq!(failing_fields(&problem), ["body_markdown"]);
    let reason = problem["errors"][0]["reason"].as_str().unwrap();
    assert!(reason.contains("vorname") && reason.contains("line 3"), "{reason}");
    assert_problem(&api.call("GET", &path, None), 404);

    let problem = assert_problem(&api.variant(id, "de", "Hallo {{ Name }}", "Text", true), 422);
    assert_eq!(failing_fields(&problem), ["subject"]);
    let problem = assert_problem(&api.variant(id, "de", "Betreff", "  \n", true), 422);
    assert_eq!(failing_fields(&problem), ["body_markdown"]);
    let problem = assert_problem(&api.variant(id, "de", "", "Text", true), 422);
    assert_eq!(failing_fields(&problem), ["subject"]);

    // A draft may be unfinished; the preview then says what is wrong with it.
    assert_eq!(api.variant(id, "de", "Hallo", body, false).status, 201);
    let preview =
        assert_problem(&api.call("GET", &format!("/api/v1/issues/{id}/preview/de"), None), 422);
    assert!(preview["errors"][0]["reason"].as_str().unwrap().contains("vorname"), "{preview}");
    let fixed = api.variant(
        id,
        "de",
        "Hallo {{ name }}",
        "Hallo {{name}}, [abmelden]({{ unsubscribe_url }})",
        true,
    );
    assert_eq!(fixed.status, 200, "{}", fixed.text());
}

fn sent_issues_are_frozen_and_only_drafts_are_deleted(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let api = Api::start(&db);
    let sent = api.issue("Juni", json!({}));
    assert_eq!(api.variant(sent, "de", "Juni", "Text", true).status, 201);
    force_status(&db, sent, IssueStatus::Sent, None);
    let path = format!("/api/v1/issues/{sent}");
    let issue = api.ok("GET", &path, None, 200);
    assert_eq!((issue["status"].clone(), issue["editable"].clone()), (json!("sent"), json!(false)));

    for response in [
        api.variant(sent, "de", "Juni!", "Anders", true),
        api.variant(sent, "pl", "Czerwiec", "Tekst", false),
        api.call("DELETE", &format!("{path}/variants/de"), None),
        api.call("PATCH", &path, Some(json!({"title": "Juli"}))),
    ] {
        let problem = assert_problem(&response, 409);
        let detail = problem["detail"].as_str().unwrap();
        assert!(detail.contains("is sent") && detail.contains("draft or scheduled"), "{detail}");
    }
    let delete = assert_problem(&api.call("DELETE", &path, None), 409);
    assert!(delete["detail"].as_str().unwrap().contains("only drafts can be deleted"), "{delete}");
    let variant = api.ok("GET", &format!("{path}/variants/de"), None, 200);
    assert_eq!(
        (variant["subject"].clone(), variant["body_markdown"].clone()),
        (json!("Juni"), json!("Text"))
    );
    assert_eq!(api.ok("GET", &path, None, 200)["title"], "Juni");
    // What was sent can still be looked at.
    assert_eq!(api.call("GET", &format!("{path}/preview/de"), None).status, 200);
    assert_eq!(api.call("GET", &format!("{path}/audience"), None).status, 200);

    let scheduled = api.issue("Juli", json!({}));
    let far = OffsetDateTime::now_utc() + time::Duration::days(365 * 50);
    force_status(&db, scheduled, IssueStatus::Scheduled, Some(far));
    let path = format!("/api/v1/issues/{scheduled}");
    let issue = api.ok("PATCH", &path, Some(json!({"title": "Juli (neu)"})), 200);
    assert_eq!(
        (issue["status"].clone(), issue["editable"].clone()),
        (json!("scheduled"), json!(true))
    );
    assert!(issue["scheduled_at"].is_string());
    assert_eq!(api.variant(scheduled, "de", "Juli", "Text", true).status, 201);
    let delete = assert_problem(&api.call("DELETE", &path, None), 409);
    assert!(delete["detail"].as_str().unwrap().contains("is scheduled"), "{delete}");
}

fn the_audience_shows_which_variant_each_language_gets(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let api = Api::start(&db);
    let list = api.list("housing", "Wohnen");
    api.subscriber("pl1@example.org", "pl", &[list]);
    api.subscriber("pl2@example.org", "pl", &[list]);
    api.subscriber("de1@example.org", "de", &[list]);
    api.subscriber("en1@example.org", "en", &[list]);
    api.subscriber("ga1@example.org", "ga", &[list]);
    api.subscriber("other@example.org", "fr", &[]);
    let gone = api.subscriber("gone@example.org", "pl", &[list]);
    api.ok(
        "PATCH",
        &format!("/api/v1/subscribers/{gone}"),
        Some(json!({"status": "unsubscribed"})),
        200,
    );
    let pending = json!({"email": "pending@example.org", "language": "pl", "lists": [list]});
    api.ok("POST", "/api/v1/subscribers", Some(pending), 201);

    let id = api.issue("Wohnen", json!({"lists": [list]}));
    let path = format!("/api/v1/issues/{id}/audience");
    let audience = api.ok("GET", &path, None, 200);
    assert_eq!(audience["total"], 5, "active subscribers of the list only: {audience}");
    assert_eq!(audience["without_variant"], 5, "nothing is ready yet");
    assert_eq!(audience["fallback_languages"], json!(["de", "en"]));
    assert!(audience["languages"].as_array().unwrap().iter().all(|l| l["choice"] == "none"));

    assert_eq!(api.variant(id, "de", "Wohnen", "Deutsch", true).status, 201);
    assert_eq!(api.variant(id, "en", "Housing", "English", true).status, 201);
    assert_eq!(api.variant(id, "pl", "Mieszkanie", "Polski (Entwurf)", false).status, 201);
    let audience = api.ok("GET", &path, None, 200);
    assert_eq!(audience["ready_variants"], json!(["de", "en"]));
    assert_eq!(
        audience["languages"],
        json!([
            {"language": "de", "recipients": 1, "variant": "de", "choice": "own"},
            {"language": "en", "recipients": 1, "variant": "en", "choice": "own"},
            {"language": "ga", "recipients": 1, "variant": "de", "choice": "fallback"},
            {"language": "pl", "recipients": 2, "variant": "de", "choice": "fallback"},
        ]),
        "Polish readers get German while their own variant is a draft"
    );
    assert_eq!(
        (audience["total"].clone(), audience["without_variant"].clone()),
        (json!(5), json!(0))
    );

    // The chain is followed in order: without German, English stands in.
    api.ok("DELETE", &format!("/api/v1/issues/{id}/variants/de"), None, 204);
    assert_eq!(api.variant(id, "pl", "Mieszkanie", "Polski", true).status, 200);
    let audience = api.ok("GET", &path, None, 200);
    let by_language = |code: &str| -> Value {
        audience["languages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["language"] == code)
            .unwrap()
            .clone()
    };
    assert_eq!(by_language("pl")["choice"], "own");
    assert_eq!(
        (by_language("de")["variant"].clone(), by_language("de")["choice"].clone()),
        (json!("en"), json!("fallback"))
    );

    api.ok(
        "PATCH",
        &format!("/api/v1/issues/{id}"),
        Some(json!({"segment": {"languages": ["pl", "fr"]}})),
        200,
    );
    let audience = api.ok("GET", &path, None, 200);
    assert_eq!(
        audience["total"], 3,
        "two Polish readers of the list and the French one: {audience}"
    );
}

fn previews_show_the_mail_a_reader_of_a_language_gets(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let api = Api::start(&db);
    let id = api.issue("Dezember", json!({}));
    let base = format!("/api/v1/issues/{id}/preview");
    let nothing = assert_problem(&api.call("GET", &format!("{base}/pl"), None), 409);
    let detail = nothing["detail"].as_str().unwrap();
    assert!(
        detail.contains("no variant for pl readers") && detail.contains("pl, de, en"),
        "{detail}"
    );

    let body = "# Hallo {{ name }}\n\nBeratung in **Prignitz**: Zażółć gęślą jaźń.\n\n[Termine](https://example.org/termine)";
    assert_eq!(api.variant(id, "de", "Neuigkeiten für {{ name }}", body, true).status, 201);
    assert_eq!(api.variant(id, "en", "News for {{ name }}", "English text.", true).status, 201);

    let html = api.call("GET", &format!("{base}/pl?name=Ania"), None);
    assert_eq!(html.status, 200, "{}", html.text());
    assert_eq!(html.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(html.header("content-language"), Some("de"), "German stands in for Polish");
    assert_eq!(html.header("content-security-policy"), Some("sandbox"));
    let page = html.text();
    assert!(page.contains("Hallo Ania"), "{page}");
    assert!(page.contains("Zażółć gęślą jaźń"));
    assert!(page.contains("To wydanie nie jest jeszcze dostępne"), "the Polish fallback note");
    assert!(page.contains("https://news.example.org/unsubscribe/"));

    let text = api.call("GET", &format!("{base}/en?format=text"), None);
    assert_eq!(text.status, 200);
    assert_eq!(text.header("content-type"), Some("text/plain; charset=utf-8"));
    assert_eq!(text.header("content-language"), Some("en"));
    assert!(text.text().contains("English text."), "{}", text.text());
    assert!(!text.text().contains('<'), "no markup in the text part");

    let eml = api.call("GET", &format!("{base}/pl?format=eml"), None);
    assert_eq!(eml.status, 200, "{}", eml.text());
    assert_eq!(eml.header("content-type"), Some("message/rfc822"));
    let message = MessageParser::default().parse(&eml.body).expect("a parsable message");
    let fallback_name = rundbrief_i18n::Locales::embedded().text(
        rundbrief_core::Language::De,
        "mail-name-fallback",
        &[],
    );
    assert_eq!(message.subject(), Some(format!("Neuigkeiten für {fallback_name}").as_str()));
    assert_eq!(message.header_raw("Content-Language").map(str::trim), Some("de"));
    let unsubscribe = message.header_raw("List-Unsubscribe").expect("List-Unsubscribe");
    assert!(unsubscribe.contains("https://news.example.org/unsubscribe/"), "{unsubscribe}");
    assert_eq!(
        message.header_raw("List-Unsubscribe-Post").map(str::trim),
        Some("List-Unsubscribe=One-Click")
    );
    assert!(message.body_text(0).unwrap().contains("https://example.org/termine"));

    // The own-language draft is previewed before it is ready; other readers keep the fallback.
    assert_eq!(api.variant(id, "pl", "Nowości", "Polski szkic.", false).status, 201);
    let own = api.call("GET", &format!("{base}/pl?format=text"), None);
    assert_eq!(own.header("content-language"), Some("pl"));
    assert!(own.text().contains("Polski szkic."));
    assert_eq!(
        api.ok("GET", &format!("/api/v1/issues/{id}/audience"), None, 200)["ready_variants"],
        json!(["de", "en"])
    );

    for query in ["format=pdf", "colour=red", "name=%00"] {
        assert_problem(&api.call("GET", &format!("{base}/pl?{query}"), None), 422);
    }
    let language = assert_problem(&api.call("GET", &format!("{base}/tr"), None), 422);
    assert_eq!(failing_fields(&language), ["lang"]);
}

rundbrief_testkit::on_both_backends!(
    issues_are_created_listed_read_changed_and_deleted,
    bad_issue_requests_are_refused_with_problem_documents,
    variants_are_put_read_and_deleted,
    a_ready_variant_must_render,
    sent_issues_are_frozen_and_only_drafts_are_deleted,
    the_audience_shows_which_variant_each_language_gets,
    previews_show_the_mail_a_reader_of_a_language_gets,
);
