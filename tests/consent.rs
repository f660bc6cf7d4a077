//! Black-box tests of consent v2 and its export, erasure in two steps, coming back after
//! unsubscribing or erasure, and the subscriber's own data: the real binary, real HTTP, and
//! real SMTP to a loopback server, on SQLite and on PostgreSQL.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use rundbrief_core::{Language, TokenPurpose, TokenSigner};
use rundbrief_testkit::{Backend, SmtpServer, TestApp, TestDb};
use serde_json::json;

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const MAIL_WAIT: Duration = Duration::from_secs(15);
const UA: &str = "consent-test/2.0 (\"quoted\", with comma)";

fn start(db: &TestDb, smtp: &SmtpServer) -> TestApp {
    let url = smtp.url();
    let env = vec![
        ("RUNDBRIEF_SMTP_URL", url.as_str()),
        ("RUNDBRIEF_RATE_LIMIT", "0"),
        ("RUNDBRIEF_FROM", "Servicestelle <news@example.org>"),
    ];
    TestApp::spawn(BIN, db, &env)
}

fn path_of(link: &str) -> String {
    let rest = link.trim_start_matches("http://");
    rest[rest.find('/').unwrap()..].to_owned()
}

fn text(lang: Language, id: &str) -> String {
    rundbrief_i18n::Locales::embedded().text(lang, id, &[])
}

fn signup(app: &TestApp, email: &str, lang: Language) -> rundbrief_testkit::Response {
    app.sign_up_on_form(email, lang.code(), &[("User-Agent", UA)])
}

/// Signs `email` up through the form and confirms through the mail's link; returns the
/// number of mails that address has had.
fn sign_up_and_confirm(app: &TestApp, smtp: &SmtpServer, email: &str, lang: Language) -> usize {
    let before = smtp.count_for(email);
    let response = signup(app, email, lang);
    assert_eq!(response.status, 200, "{}", response.text());
    let deadline = std::time::Instant::now() + MAIL_WAIT;
    while smtp.count_for(email) == before {
        assert!(std::time::Instant::now() < deadline, "no confirmation mail to {email}");
        std::thread::sleep(Duration::from_millis(50));
    }
    let mail = smtp.wait_for(email, MAIL_WAIT);
    let confirm = path_of(&mail.link_containing("/confirm/").unwrap());
    let done = app.post_form(&confirm, &[], &[("User-Agent", UA)]);
    assert_eq!(done.status, 200, "{}", done.text());
    smtp.count_for(email)
}

fn find(app: &TestApp, token: &str, email: &str) -> serde_json::Value {
    let q = email.replace('@', "%40");
    let body = app.api(token, "GET", &format!("/api/v1/subscribers?q={q}"), None).json();
    let items = body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{body}");
    items[0].clone()
}

fn csv_records(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(bytes);
    let header = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
    (header, rows)
}

fn signer() -> TokenSigner {
    TokenSigner::new(rundbrief_testkit::app::SECRET_KEY.as_bytes()).unwrap()
}

fn new_sign_ups_store_consent_v2_and_the_log_exports_as_csv(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let smtp = SmtpServer::start();
    let app = start(&db, &smtp);
    let token = app.api_token("tests");
    // The form shows the v2 text.
    let form = app.get("/subscribe?lang=pl", &[]);
    let v2 = rundbrief_i18n::Locales::embedded().text(
        Language::Pl,
        "subscribe-consent-v2",
        &[("organisation", rundbrief_i18n::Arg::Str("\u{1}"))],
    );
    let tail = v2.rsplit('\u{1}').next().unwrap().split('.').next().unwrap().to_owned();
    assert!(form.text().contains(tail.trim()), "the form shows v2: {tail}");

    sign_up_and_confirm(&app, &smtp, "pl@example.org", Language::Pl);
    sign_up_and_confirm(&app, &smtp, "de@example.org", Language::De);
    let pl = find(&app, &token, "pl@example.org")["id"].as_i64().unwrap();
    let de = find(&app, &token, "de@example.org")["id"].as_i64().unwrap();

    // One subscriber, through the API.
    let response = app.api(&token, "GET", &format!("/api/v1/consent-log?subscriber={pl}"), None);
    assert_eq!(response.status, 200, "{}", response.text());
    assert!(response.header("content-type").unwrap().starts_with("text/csv"));
    let (header, rows) = csv_records(&response.body);
    assert_eq!(
        header,
        ["subscriber_id", "event", "text_version", "language", "time", "ip", "user_agent"]
    );
    assert_eq!(rows.len(), 2, "{rows:?}");
    let events: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(events, ["signup", "confirm"]);
    for row in &rows {
        assert_eq!(row[0], pl.to_string());
        assert_eq!(row[2], "subscribe-consent-v2");
        assert_eq!(row[3], "pl");
        let at =
            time::OffsetDateTime::parse(&row[4], &time::format_description::well_known::Rfc3339);
        assert!(at.is_ok() && row[4].ends_with('Z'), "{}", row[4]);
        assert_eq!(row[5], "127.0.0.1");
        assert_eq!(row[6], UA, "quoted and read back whole");
    }
    // A filter of the subscriber list, and everyone.
    let german = app.api(&token, "GET", "/api/v1/consent-log?language=de", None);
    let (_, rows) = csv_records(&german.body);
    assert!(!rows.is_empty() && rows.iter().all(|r| r[0] == de.to_string()), "{rows:?}");
    let everyone = app.api(&token, "GET", "/api/v1/consent-log", None);
    assert_eq!(csv_records(&everyone.body).1.len(), 4);
    // Refusals are problem documents.
    let unknown = app.api(&token, "GET", "/api/v1/consent-log?subscriber=999999", None);
    assert_eq!(unknown.status, 404, "{}", unknown.text());
    let bad = app.api(&token, "GET", "/api/v1/consent-log?status=sleepy", None);
    assert_eq!(bad.status, 422, "{}", bad.text());
    assert_eq!(app.get("/api/v1/consent-log", &[]).status, 401);

    // The CLI writes the same file.
    let out = app.dir.path().join("consent.csv");
    let output = app.command(&[
        "consent",
        "export",
        "--subscriber",
        &pl.to_string(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let file = std::fs::read(&out).unwrap();
    assert_eq!(file, response.body, "CLI and API give the same export");
    let output = app.command(&["consent", "export", "--language", "de"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let (_, rows) = csv_records(&output.stdout);
    assert!(!rows.is_empty() && rows.iter().all(|r| r[0] == de.to_string()));
}

fn erasure_asks_twice_and_people_can_come_back(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let smtp = SmtpServer::start();
    let app = start(&db, &smtp);
    let token = app.api_token("tests");

    // Unsubscribed: the pages say so and offer the way back; a new sign-up is confirmed by mail.
    let email = "back@example.org";
    let mails = sign_up_and_confirm(&app, &smtp, email, Language::Ro);
    let id = find(&app, &token, email)["id"].as_i64().unwrap();
    let unsubscribe = signer().sign(TokenPurpose::Unsubscribe, id, None);
    assert_eq!(app.post_form(&format!("/unsubscribe/{unsubscribe}"), &[], &[]).status, 200);
    let again = app.get(&format!("/unsubscribe/{unsubscribe}"), &[]);
    assert!(
        again.text().contains(&text(Language::Ro, "unsubscribe-done-title")),
        "not asked again"
    );
    assert!(again.text().contains("/subscribe?lang=ro"));
    let prefs = signer().sign(TokenPurpose::Preferences, id, None);
    let page = app.get(&format!("/preferences/{prefs}"), &[]);
    assert!(page.text().contains(&text(Language::Ro, "unsubscribed-status-text")));
    assert!(page.text().contains("/subscribe?lang=ro"));
    assert!(sign_up_and_confirm(&app, &smtp, email, Language::Ro) > mails, "a new mail");
    assert_eq!(find(&app, &token, email)["status"], "active");
    let history = app.api(&token, "GET", &format!("/api/v1/subscribers/{id}/consent"), None).json();
    let actions: Vec<&str> =
        history.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["signup", "confirm", "unsubscribe", "signup", "confirm"]);

    // Erasure: the first press only asks.
    let first = app.press_erase(&format!("/preferences/{prefs}"), false);
    assert_eq!(first.status, 200);
    assert!(first.text().contains(&text(Language::Ro, "erase-confirm-title")));
    assert!(first.text().contains("name=\"confirm\""));
    assert_eq!(find(&app, &token, email)["status"], "active", "nothing erased yet");
    let second = app.press_erase(&format!("/preferences/{prefs}"), true);
    assert_eq!(second.status, 200);
    assert!(second.text().contains(&text(Language::Ro, "preferences-erased-title")));
    let erased = app.api(&token, "GET", &format!("/api/v1/subscribers/{id}"), None).json();
    assert_eq!(erased["status"], "erased");

    // The API and imports stay refused; the person's own sign-up is confirmed by mail.
    let create = json!({"email": email, "language": "ro", "consent": "obtained_elsewhere"});
    let refused = app.api(&token, "POST", "/api/v1/subscribers", Some(&create));
    assert_eq!(refused.status, 409, "{}", refused.text());
    let before = smtp.count_for(email);
    assert!(sign_up_and_confirm(&app, &smtp, email, Language::Ro) > before);
    let back = find(&app, &token, email);
    assert_eq!(back["status"], "active");
    let new_id = back["id"].as_i64().unwrap();
    assert_ne!(new_id, id, "a new record; the erased one stays erased");
    let history =
        app.api(&token, "GET", &format!("/api/v1/subscribers/{new_id}/consent"), None).json();
    let rows = history.as_array().unwrap();
    let actions: Vec<&str> = rows.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["signup", "confirm"]);
    assert!(rows.iter().all(|e| e["text_version"] == "subscribe-consent-v2"));
    // Active again, so the API still answers "exists" rather than creating a second one.
    let duplicate = app.api(&token, "POST", "/api/v1/subscribers", Some(&create));
    assert_eq!(duplicate.status, 409);
}

fn the_data_export_holds_the_link_holders_data_only(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let smtp = SmtpServer::start();
    let app = start(&db, &smtp);
    let token = app.api_token("tests");
    let list = app.api(
        &token,
        "POST",
        "/api/v1/lists",
        Some(&json!({"slug": "work", "names": {"de": "Arbeit", "el": "Εργασία"}, "public": true})),
    );
    let list_id = list.json()["id"].as_i64().unwrap();
    sign_up_and_confirm(&app, &smtp, "mine@example.org", Language::El);
    sign_up_and_confirm(&app, &smtp, "other-person@example.org", Language::De);
    let mine = find(&app, &token, "mine@example.org")["id"].as_i64().unwrap();
    let other = find(&app, &token, "other-person@example.org")["id"].as_i64().unwrap();
    let put = app.api(&token, "PUT", &format!("/api/v1/subscribers/{mine}/lists/{list_id}"), None);
    assert!(put.status < 300, "{}", put.text());

    let prefs = signer().sign(TokenPurpose::Preferences, mine, None);
    let page = app.get(&format!("/preferences/{prefs}"), &[]);
    assert!(page.text().contains(&format!("/preferences/{prefs}/data")), "linked from preferences");
    let json_response = app.get(&format!("/preferences/{prefs}/export.json"), &[]);
    assert_eq!(json_response.status, 200);
    assert!(json_response.header("content-disposition").unwrap().starts_with("attachment"));
    let raw = json_response.text();
    let data = json_response.json();
    assert_eq!(data["profile"]["email"], "mine@example.org");
    assert_eq!(data["profile"]["id"], mine);
    assert_eq!(data["lists"][0]["name"], "Εργασία");
    let consent = data["consent"].as_array().unwrap();
    assert_eq!(consent.len(), 2);
    assert_eq!(consent[0]["text_version"], "subscribe-consent-v2");
    assert!(consent[0]["text"].as_str().unwrap().len() > 100, "the text itself");
    assert!(data["sent_issues"].as_array().unwrap().is_empty());
    assert!(!raw.contains("other-person"), "nobody else's address");
    assert!(!raw.contains(&format!("\"id\": {other}")), "nobody else's id");

    let html = app.get(&format!("/preferences/{prefs}/data"), &[]);
    assert_eq!(html.status, 200);
    let html = html.text();
    assert!(html.contains("lang=\"el\""));
    assert!(html.contains(&text(Language::El, "data-title")));
    assert!(html.contains("mine@example.org") && !html.contains("other-person"));
    assert!(html.contains(&format!("/preferences/{prefs}/export.json")));
    // A forged link shows nothing.
    assert!(app.get("/preferences/forged/export.json", &[]).status >= 400);
}

fn the_editor_ui_shows_any_consent_text_and_downloads_the_log(backend: Backend) {
    use rundbrief_testkit::admin::{AdminSession, create_ok};
    let Some(db) = TestDb::new(backend) else { return };
    let smtp = SmtpServer::start();
    let app = start(&db, &smtp);
    let token = app.api_token("tests");
    sign_up_and_confirm(&app, &smtp, "hu@example.org", Language::Hu);
    sign_up_and_confirm(&app, &smtp, "sv@example.org", Language::Sv);
    let hu = find(&app, &token, "hu@example.org")["id"].as_i64().unwrap();
    create_ok(&app, "viewer@example.org", "viewer");
    let mut viewer = AdminSession::new(&app).sign_in("viewer@example.org");

    // The detail page links each event's version to its text in the language it was shown in.
    let detail = viewer.page(&format!("/admin/subscribers/{hu}"));
    let link = "/admin/consent-texts?version=subscribe-consent-v2&amp;lang=hu";
    assert!(detail.contains(link), "{detail}");
    assert!(detail.contains(&format!("/admin/subscribers/{hu}/consent.csv")));
    let organisation_free = |lang: Language, id: &str| {
        let full = rundbrief_i18n::Locales::embedded().text(
            lang,
            id,
            &[("organisation", rundbrief_i18n::Arg::Str("\u{1}"))],
        );
        full.rsplit('\u{1}').next().unwrap().chars().take(40).collect::<String>()
    };
    let page = viewer.page(&link.replace("&amp;", "&"));
    assert!(page.contains("lang=\"hu\""));
    assert!(page.contains(&organisation_free(Language::Hu, "subscribe-consent-v2")));
    // Any version in any language.
    let old = viewer.page("/admin/consent-texts?version=subscribe-consent-v1&lang=el");
    assert!(old.contains(&organisation_free(Language::El, "subscribe-consent-v1")));

    // One subscriber's log, and the list's filters, as CSV.
    let one = viewer.get(&format!("/admin/subscribers/{hu}/consent.csv"));
    assert_eq!(one.status, 200);
    assert!(one.header("content-type").unwrap().starts_with("text/csv"));
    let (_, rows) = csv_records(&one.body);
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r[0] == hu.to_string() && r[3] == "hu" && r[6] == UA));
    let list = viewer.page("/admin/subscribers?language=sv");
    assert!(list.contains("/admin/consent-log.csv?language=sv"), "the export keeps the filters");
    let filtered = viewer.get("/admin/consent-log.csv?language=sv");
    let (_, rows) = csv_records(&filtered.body);
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r[3] == "sv"));
    let everyone = viewer.get("/admin/consent-log.csv");
    assert_eq!(csv_records(&everyone.body).1.len(), 4);
}

/// A sign-up made under the old consent text (a request written before v2, processed after)
/// is confirmed under that text: the record names what the person actually agreed to.
#[test]
fn a_sign_up_under_the_old_text_is_confirmed_under_that_text() {
    use sqlx::Connection as _;
    let db = TestDb::sqlite();
    let smtp = SmtpServer::start();
    let app = start(&db, &smtp);
    let token = app.api_token("tests");
    let request = rundbrief_app::SignupRequest {
        email: "old@example.org".into(),
        name: None,
        language: Language::De,
        topics: vec![],
        region: None,
        audience: None,
        page_language: Language::De,
        consent_version: "subscribe-consent-v1".into(),
        ip: Some("192.0.2.9".into()),
        user_agent: Some("old form".into()),
    };
    let payload = serde_json::to_string(&request).unwrap();
    let now = time::OffsetDateTime::now_utc().replace_nanosecond(0).unwrap();
    let at = now.format(&time::format_description::well_known::Rfc3339).unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let mut conn = sqlx::SqliteConnection::connect(&db.url).await.unwrap();
        sqlx::query("INSERT INTO signup_requests (payload, created_at) VALUES ($1, $2)")
            .bind(&payload)
            .bind(&at)
            .execute(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
    });
    // No job was queued for the row: the sweep finds it.
    let mail = smtp.wait_for("old@example.org", Duration::from_secs(20));
    let confirm = path_of(&mail.link_containing("/confirm/").unwrap());
    assert_eq!(app.post_form(&confirm, &[], &[]).status, 200);
    let id = find(&app, &token, "old@example.org")["id"].as_i64().unwrap();
    let history = app.api(&token, "GET", &format!("/api/v1/subscribers/{id}/consent"), None).json();
    let rows: Vec<(&str, &str)> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["action"].as_str().unwrap(), e["text_version"].as_str().unwrap()))
        .collect();
    assert_eq!(rows, [("signup", "subscribe-consent-v1"), ("confirm", "subscribe-consent-v1")]);
}

rundbrief_testkit::on_both_backends!(
    new_sign_ups_store_consent_v2_and_the_log_exports_as_csv,
    erasure_asks_twice_and_people_can_come_back,
    the_data_export_holds_the_link_holders_data_only,
    the_editor_ui_shows_any_consent_text_and_downloads_the_log,
);
