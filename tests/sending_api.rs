//! Black-box tests of the sending controls in `/api/v1` and `rundbrief issue`: a campaign sent
//! by `rundbrief serve` (web and workers in one process) to the loopback SMTP server, each
//! subscriber getting their own language or the fallback, with progress, pause, resume,
//! cancel, schedules and test mails. On SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use rundbrief_testkit::app::READERS;
use rundbrief_testkit::{Backend, Response, SmtpServer, TestApp, TestDb};
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");

struct Api {
    app: TestApp,
    token: String,
    smtp: SmtpServer,
}

impl Api {
    fn start(db: &TestDb, extra: &[(&str, &str)]) -> Self {
        let mut env = vec![("RUNDBRIEF_SEND_RETRY_SECONDS", "1")];
        env.extend_from_slice(extra);
        let (app, smtp) = TestApp::spawn_with_smtp(BIN, db, &env);
        let token = app.api_token("tests");
        Self { app, token, smtp }
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Response {
        self.app.api(&self.token, method, path, body.as_ref())
    }

    fn ok(&self, method: &str, path: &str, body: Option<Value>, status: u16) -> Value {
        let response = self.call(method, path, body);
        assert_eq!(response.status, status, "{method} {path}: {}", response.text());
        response.json()
    }

    fn problem(&self, method: &str, path: &str, body: Option<Value>, status: u16) -> String {
        let response = self.call(method, path, body);
        assert_eq!(response.status, status, "{method} {path}: {}", response.text());
        assert_eq!(response.header("content-type"), Some("application/problem+json"));
        response.json()["detail"].as_str().unwrap_or_default().to_owned()
    }

    fn subscriber(&self, email: &str, language: &str) {
        let body = json!({"email": email, "language": language, "consent": "obtained_elsewhere"});
        self.ok("POST", "/api/v1/subscribers", Some(body), 201);
    }

    /// An issue to everyone with ready German and Polish variants whose subjects name them.
    fn issue(&self) -> i64 {
        let body = json!({"title": "Dezember", "base_language": "de"});
        let id = self.ok("POST", "/api/v1/issues", Some(body), 201)["id"].as_i64().unwrap();
        for (lang, subject) in [("de", "Neuigkeiten im Dezember"), ("pl", "Aktualności grudniowe")]
        {
            let body = json!({
                "subject": subject, "preheader": "", "ready": true,
                "body_markdown": format!("# {subject}\n\nHallo {{{{ name }}}}."),
            });
            let response =
                self.call("PUT", &format!("/api/v1/issues/{id}/variants/{lang}"), Some(body));
            assert_eq!(response.status, 201, "{}", response.text());
        }
        id
    }

    fn progress(&self, issue: i64) -> Value {
        self.ok("GET", &format!("/api/v1/issues/{issue}/progress"), None, 200)
    }

    /// What was on the wire finishes, then nothing more may go out (`why` if it does): how
    /// many mails arrived in all.
    fn received_once_settled(&self, why: &str) -> usize {
        std::thread::sleep(Duration::from_secs(2));
        let settled = self.smtp.received_count();
        std::thread::sleep(Duration::from_secs(2));
        assert_eq!(self.smtp.received_count(), settled, "{why}");
        settled
    }

    fn wait_for_status(&self, issue: i64, status: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let progress = self.progress(issue);
            if progress["status"] == status {
                return progress;
            }
            assert!(Instant::now() < deadline, "not {status}: {progress}\n{}", self.app.log());
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

fn a_campaign_reaches_everyone_in_their_language_with_progress(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let api = Api::start(&db, &[]);
    for (email, lang) in READERS {
        api.subscriber(email, lang);
    }
    let issue = api.issue();
    let before = api.progress(issue);
    assert_eq!(
        (before["status"].as_str(), before["percent_done"].as_u64()),
        (Some("draft"), Some(0))
    );

    let started = api.ok("POST", &format!("/api/v1/issues/{issue}/send"), None, 202);
    assert_eq!(started["recipients"], 5);
    assert_eq!(started["issue"]["status"], "sending");
    let again = api.problem("POST", &format!("/api/v1/issues/{issue}/send"), None, 409);
    assert!(again.contains("sending"), "{again}");

    let done = api.wait_for_status(issue, "sent");
    assert_eq!(done["percent_done"], 100);
    assert_eq!(done["total"]["sent"], 5);
    assert_eq!(done["by_language"]["pl"]["sent"], 2);
    assert_eq!(done["by_language"]["fr"]["sent"], 1);
    for (email, lang) in READERS {
        let mail = api.smtp.wait_for(email, Duration::from_secs(5));
        let expected =
            if lang == "pl" { "Aktualności grudniowe" } else { "Neuigkeiten im Dezember" };
        assert_eq!(mail.subject(), expected, "{email}");
        assert_eq!(api.smtp.count_for(email), 1, "{email}");
    }
    // A sent issue is history.
    for control in ["pause", "resume", "cancel"] {
        api.problem("POST", &format!("/api/v1/issues/{issue}/{control}"), None, 409);
    }
}

fn pause_resume_and_cancel_follow_the_status(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    // Slow enough to pause in the middle: two messages a second.
    let api = Api::start(&db, &[("RUNDBRIEF_SEND_RATE", "2")]);
    for i in 0..12 {
        api.subscriber(&format!("reader{i}@example.org"), "de");
    }
    let issue = api.issue();
    let draft_pause = api.problem("POST", &format!("/api/v1/issues/{issue}/pause"), None, 409);
    assert!(draft_pause.contains("draft"), "{draft_pause}");
    api.ok("POST", &format!("/api/v1/issues/{issue}/send"), None, 202);
    let deadline = Instant::now() + Duration::from_secs(30);
    while api.smtp.received_count() < 2 {
        assert!(Instant::now() < deadline, "nothing sent:\n{}", api.app.log());
        std::thread::sleep(Duration::from_millis(50));
    }
    let paused = api.ok("POST", &format!("/api/v1/issues/{issue}/pause"), None, 200);
    assert_eq!(paused["status"], "paused");
    let held = api.received_once_settled("mail went out while paused");
    assert!(held < 12, "everything was sent before the pause took effect");
    let progress = api.progress(issue);
    assert_eq!(progress["status"], "paused");
    assert!(progress["total"]["pending"].as_u64().unwrap() > 0, "{progress}");

    api.ok("POST", &format!("/api/v1/issues/{issue}/resume"), None, 200);
    while api.smtp.received_count() <= held {
        assert!(Instant::now() < deadline + Duration::from_secs(30), "not resumed");
        std::thread::sleep(Duration::from_millis(50));
    }
    let cancelled = api.ok("POST", &format!("/api/v1/issues/{issue}/cancel"), None, 200);
    assert_eq!(cancelled["status"], "cancelled");
    api.received_once_settled("mail went out after the cancel");
    let counts = api.smtp.counts();
    assert!(counts.values().all(|n| *n == 1), "someone got it twice: {counts:?}");
    api.problem("POST", &format!("/api/v1/issues/{issue}/resume"), None, 409);
}

fn schedules_start_when_due_and_refuse_the_past(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let api = Api::start(&db, &[]);
    api.subscriber("anna@example.de", "de");
    let issue = api.issue();
    let path = format!("/api/v1/issues/{issue}/schedule");
    let past = (OffsetDateTime::now_utc() - time::Duration::hours(1)).format(&Rfc3339).unwrap();
    let detail = api.problem("POST", &path, Some(json!({"at": past})), 422);
    assert!(detail.contains("future"), "{detail}");
    let bad = api.call("POST", &path, Some(json!({"at": "tomorrow"})));
    assert_eq!(bad.status, 422, "{}", bad.text());
    assert!(bad.text().contains("RFC 3339"), "{}", bad.text());
    let unknown = api.call("POST", &path, Some(json!({"at": past, "when": 1})));
    assert_eq!(unknown.status, 422, "{}", unknown.text());

    let soon = (OffsetDateTime::now_utc() + time::Duration::seconds(2)).format(&Rfc3339).unwrap();
    let scheduled = api.ok("POST", &path, Some(json!({"at": soon})), 200);
    assert_eq!(scheduled["status"], "scheduled");
    assert!(scheduled["scheduled_at"].is_string());
    // The scheduler looks every few seconds.
    api.wait_for_status(issue, "sent");
    assert_eq!(api.smtp.count_for("anna@example.de"), 1);
}

fn test_mails_go_to_one_address_in_the_chosen_language(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let api = Api::start(&db, &[]);
    let issue = api.issue();
    let path = format!("/api/v1/issues/{issue}/test");
    let sent =
        api.ok("POST", &path, Some(json!({"to": "editor@example.org", "language": "pl"})), 200);
    assert_eq!(sent["variant_language"], "pl");
    let mail = api.smtp.wait_for("editor@example.org", Duration::from_secs(10));
    assert_eq!(mail.subject(), "[Test] Aktualności grudniowe");
    // Romanian readers get the German fallback, with the note in Romanian.
    let sent =
        api.ok("POST", &path, Some(json!({"to": "editor@example.org", "language": "ro"})), 200);
    assert_eq!(sent["variant_language"], "de");
    // Test mails stay out of the ledger and the issue stays a draft.
    let progress = api.progress(issue);
    assert_eq!(
        (progress["status"].as_str(), progress["total"]["sent"].as_u64()),
        (Some("draft"), Some(0))
    );
    let bad = api.call("POST", &path, Some(json!({"to": "not an address", "language": "pl"})));
    assert_eq!(bad.status, 422, "{}", bad.text());
    let missing = api.call(
        "POST",
        "/api/v1/issues/999999/test",
        Some(json!({"to": "e@example.org", "language": "de"})),
    );
    assert_eq!(missing.status, 404, "{}", missing.text());
}

fn controls_need_a_token_and_an_existing_issue(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let api = Api::start(&db, &[]);
    for (method, control) in [
        ("POST", "send"),
        ("POST", "pause"),
        ("POST", "resume"),
        ("POST", "cancel"),
        ("GET", "progress"),
    ] {
        let path = format!("/api/v1/issues/424242/{control}");
        let anonymous = api.app.request(method, &path, &[], b"");
        assert_eq!(anonymous.status, 401, "{method} {path}");
        api.problem(method, &path, None, 404);
    }
    let empty = api.ok("POST", "/api/v1/issues", Some(json!({"title": "Leer"})), 201);
    let id = empty["id"].as_i64().unwrap();
    let detail = api.problem("POST", &format!("/api/v1/issues/{id}/send"), None, 409);
    assert!(detail.contains("ready"), "{detail}");
}

fn the_cli_controls_the_same_issue(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let api = Api::start(&db, &[]);
    api.subscriber("anna@example.de", "de");
    let issue = api.issue().to_string();
    let cancelled = api.app.command(&["issue", "cancel", &issue]);
    assert!(cancelled.status.success(), "{}", String::from_utf8_lossy(&cancelled.stderr));
    assert!(String::from_utf8_lossy(&cancelled.stdout).contains("cancelled"));
    let again = api.app.command(&["issue", "send", &issue]);
    assert!(!again.status.success());
    let error = String::from_utf8_lossy(&again.stderr);
    assert!(error.contains("error: issue") && error.contains("cancelled"), "{error}");
    let progress = api.app.command(&["issue", "progress", &issue, "--json"]);
    let progress: Value = serde_json::from_slice(&progress.stdout).unwrap();
    assert_eq!(progress["status"], "cancelled");
    let missing = api.app.command(&["issue", "pause", "999999"]);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("does not exist"));
}

fn campaign_mails_are_dkim_signed_when_a_key_is_configured(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let key = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/crates/rundbrief-mail/tests/keys/ed25519-TEST-ONLY.pem"
    );
    let api = Api::start(
        &db,
        &[
            ("RUNDBRIEF_DKIM_KEY_FILE", key),
            ("RUNDBRIEF_DKIM_SELECTOR", "news2026"),
            ("RUNDBRIEF_FROM", "Servicestelle <newsletter@Example.ORG>"),
        ],
    );
    assert!(api.app.log().contains("news2026._domainkey.example.org"), "{}", api.app.log());
    api.subscriber("anna@example.de", "de");
    let issue = api.issue();
    api.ok("POST", &format!("/api/v1/issues/{issue}/send"), None, 202);
    let mail = api.smtp.wait_for("anna@example.de", Duration::from_secs(30));
    let signature = mail.header("DKIM-Signature").unwrap_or_default();
    for tag in ["a=ed25519-sha256", "d=example.org", "s=news2026", "bh=", "b="] {
        assert!(signature.contains(tag), "{tag} missing in {signature}");
    }
    let message_id = mail.header("Message-ID").unwrap_or_default();
    assert!(
        message_id.ends_with("@Example.ORG>")
            || message_id.to_ascii_lowercase().ends_with("@example.org>"),
        "{message_id}"
    );
}

rundbrief_testkit::on_both_backends!(
    a_campaign_reaches_everyone_in_their_language_with_progress,
    pause_resume_and_cancel_follow_the_status,
    schedules_start_when_due_and_refuse_the_past,
    test_mails_go_to_one_address_in_the_chosen_language,
    controls_need_a_token_and_an_existing_issue,
    the_cli_controls_the_same_issue,
    campaign_mails_are_dkim_signed_when_a_key_is_configured,
);
