//! Black-box tests of copying an issue (issue 23): an issue is sent by `rundbrief serve` to
//! the loopback SMTP server, then copied through `/api/v1` and through the editor UI's button
//! (with its CSRF token). Each copy is a draft with the same variants and segment and no
//! sending history; the original stays as it was, and the copy sends on its own. Templates:
//! marked through the API and the issue page, offered on the new-issue page, started from.
//! On SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use rundbrief_testkit::admin::Editor;
use rundbrief_testkit::app::READERS;
use rundbrief_testkit::{Backend, SmtpServer, TestApp, TestDb};
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const GERMAN: &str = "Neuigkeiten im Dezember";
const POLISH: &str = "Aktualności grudniowe";

struct Api {
    app: TestApp,
    token: String,
    smtp: SmtpServer,
}

impl Api {
    fn start(db: &TestDb) -> Self {
        let (app, smtp) =
            TestApp::spawn_with_smtp(BIN, db, &[("RUNDBRIEF_SEND_RETRY_SECONDS", "1")]);
        let token = app.api_token("tests");
        Self { app, token, smtp }
    }

    fn ok(&self, method: &str, path: &str, body: Option<Value>, status: u16) -> Value {
        let response = self.app.api(&self.token, method, path, body.as_ref());
        assert_eq!(response.status, status, "{method} {path}: {}", response.text());
        response.json()
    }

    /// A sent issue to German, Polish and French readers, with a ready German and a Polish
    /// variant (the German one written twice, so it has two revisions).
    fn sent_issue(&self) -> i64 {
        let body = json!({"title": "Dezember", "base_language": "de",
            "segment": {"languages": ["de", "pl", "fr"]}});
        let id = self.ok("POST", "/api/v1/issues", Some(body), 201)["id"].as_i64().unwrap();
        for (lang, subject) in [("de", "Entwurf"), ("de", GERMAN), ("pl", POLISH)] {
            let body = json!({
                "subject": subject, "preheader": format!("{subject}: kurz"), "ready": true,
                "body_markdown": format!("# {subject}\n\nHallo {{{{ name }}}}."),
            });
            let path = format!("/api/v1/issues/{id}/variants/{lang}");
            self.app.api(&self.token, "PUT", &path, Some(&body));
        }
        self.ok("POST", &format!("/api/v1/issues/{id}/send"), None, 202);
        let deadline = Instant::now() + Duration::from_secs(60);
        while self.progress(id)["status"] != "sent" {
            assert!(Instant::now() < deadline, "not sent:\n{}", self.app.log());
            std::thread::sleep(Duration::from_millis(100));
        }
        id
    }

    fn progress(&self, issue: i64) -> Value {
        self.ok("GET", &format!("/api/v1/issues/{issue}/progress"), None, 200)
    }

    fn issue(&self, issue: i64) -> Value {
        self.ok("GET", &format!("/api/v1/issues/{issue}"), None, 200)
    }

    /// The copy has the original's segment and variants, and nothing of its sending.
    fn assert_a_fresh_copy_of(&self, copy: &Value, original: &Value) {
        let id = copy["id"].as_i64().unwrap();
        assert_ne!(id, original["id"].as_i64().unwrap());
        assert_eq!(copy["status"], "draft", "{copy}");
        assert_eq!(copy["scheduled_at"], Value::Null, "{copy}");
        assert_eq!(copy["base_language"], original["base_language"]);
        assert_eq!(copy["segment"], original["segment"]);
        let texts = |issue: &Value| -> Vec<Value> {
            issue["variants"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| json!([v["language"], v["ready"]]))
                .collect()
        };
        assert_eq!(texts(copy), texts(original), "{copy}");
        assert_eq!(texts(copy).len(), 2);
        for lang in ["de", "pl"] {
            let variant = |issue: i64| {
                self.ok("GET", &format!("/api/v1/issues/{issue}/variants/{lang}"), None, 200)
            };
            let (theirs, ours) = (variant(original["id"].as_i64().unwrap()), variant(id));
            for field in ["subject", "preheader", "body_markdown", "ready"] {
                assert_eq!(ours[field], theirs[field], "{lang} {field}");
            }
            // Each copied variant starts at revision 1, the translation current.
            let revisions = self.ok(
                "GET",
                &format!("/api/v1/issues/{id}/variants/{lang}/revisions"),
                None,
                200,
            );
            assert_eq!(revisions.as_array().map(Vec::len), Some(1), "{revisions}");
            assert_eq!(ours["stale"], false, "{ours}");
        }
        let progress = self.progress(id);
        assert_eq!(progress["status"], "draft", "{progress}");
        assert_eq!(progress["percent_done"], 0, "{progress}");
        for count in progress["total"].as_object().unwrap().values() {
            assert_eq!(count, 0, "{progress}");
        }
        let bounces = self.ok("GET", &format!("/api/v1/issues/{id}/bounces"), None, 200);
        assert_eq!(bounces["sent"], 0, "{bounces}");
        assert_eq!(bounces["total"], json!({"hard": 0, "soft": 0, "complaint": 0}));
    }
}

fn a_sent_issue_copies_through_the_api_as_a_fresh_draft(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let api = Api::start(&db);
    api.app.add_readers(&READERS);
    let id = api.sent_issue();
    assert_eq!(api.smtp.received_count(), 5);
    let original = api.issue(id);
    let original_progress = api.progress(id);

    let copy = api.ok("POST", &format!("/api/v1/issues/{id}/copy"), None, 201);
    assert_eq!(copy["title"], "Copy of Dezember");
    api.assert_a_fresh_copy_of(&copy, &original);
    let named = api.ok("POST", &format!("/api/v1/issues/{id}/copy?title=Januar"), None, 201);
    assert_eq!(named["title"], "Januar");
    api.assert_a_fresh_copy_of(&named, &original);

    // The original is as it was.
    assert_eq!(api.issue(id), original);
    assert_eq!(api.progress(id), original_progress);

    // Refusals: a blank title, an unknown parameter, a missing issue, a read-only token.
    let blank =
        api.app.api(&api.token, "POST", &format!("/api/v1/issues/{id}/copy?title=%20"), None);
    assert_eq!(blank.status, 422, "{}", blank.text());
    let unknown = api.app.api(&api.token, "POST", &format!("/api/v1/issues/{id}/copy?x=1"), None);
    assert_eq!(unknown.status, 422, "{}", unknown.text());
    let missing = api.app.api(&api.token, "POST", "/api/v1/issues/99999/copy", None);
    assert_eq!(missing.status, 404, "{}", missing.text());

    // The copy goes out on its own, to the same readers once more; the original's mails stay.
    let copy_id = copy["id"].as_i64().unwrap();
    api.ok("POST", &format!("/api/v1/issues/{copy_id}/send"), None, 202);
    let deadline = Instant::now() + Duration::from_secs(60);
    while api.progress(copy_id)["status"] != "sent" {
        assert!(Instant::now() < deadline, "copy not sent:\n{}", api.app.log());
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(api.smtp.received_count(), 10);
    assert_eq!(api.progress(copy_id)["total"]["sent"], 5);
    assert_eq!(api.progress(id), original_progress);
}

fn an_editor_copies_from_the_list_and_the_issue_page(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let api = Api::start(&db);
    api.app.add_readers(&READERS);
    let id = api.sent_issue();
    let original = api.issue(id);
    let mut editor = Editor::sign_in(&api.app, "redaktion@example.org");

    // The button is on the list and on the issue page, as a form with the CSRF token.
    let action = format!("action=\"/admin/issues/{id}/copy\"");
    let list = editor.page("/admin/issues");
    assert!(list.contains(&action), "{list}");
    assert!(list.contains("Kopieren"), "{list}");
    let page = editor.page(&format!("/admin/issues/{id}"));
    assert!(page.contains(&action), "{page}");

    let location = editor.post_ok(&format!("/admin/issues/{id}/copy"), &[]);
    let copy_id: i64 = location
        .strip_prefix("/admin/issues/")
        .and_then(|rest| rest.strip_suffix("?done=copied"))
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("{location}"));
    let page = editor.page(&location);
    assert!(page.contains("Dies ist eine Kopie"), "{page}");
    assert!(page.contains("Kopie von Dezember"), "{page}");
    let copy = api.issue(copy_id);
    assert_eq!(copy["title"], "Kopie von Dezember");
    api.assert_a_fresh_copy_of(&copy, &original);
    assert_eq!(api.issue(id), original);

    // Without a CSRF token nothing is copied.
    let before = api.ok("GET", "/api/v1/issues", None, 200)["items"].as_array().unwrap().len();
    let mut stranger =
        rundbrief_testkit::admin::AdminSession::new(&api.app).sign_in("redaktion@example.org");
    let refused = stranger.request("POST", &format!("/admin/issues/{id}/copy"), &[]);
    assert_eq!(refused.status, 403, "{}", refused.text());
    let after = api.ok("GET", "/api/v1/issues", None, 200)["items"].as_array().unwrap().len();
    assert_eq!(before, after);
}

fn templates_are_marked_listed_and_started_from(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let api = Api::start(&db);
    api.app.add_readers(&READERS);
    let id = api.sent_issue();
    let original = api.issue(id);
    let templates = |api: &Api| -> Vec<i64> {
        let list = api.ok("GET", "/api/v1/templates", None, 200);
        list.as_array().unwrap().iter().map(|i| i["id"].as_i64().unwrap()).collect()
    };
    assert!(templates(&api).is_empty());

    // Through the API: on, listed, off; a body without the flag is refused.
    let path = format!("/api/v1/issues/{id}/template");
    let on = api.ok("PUT", &path, Some(json!({"template": true})), 200);
    assert_eq!(on, json!({"template": true}));
    assert_eq!(templates(&api), vec![id]);
    api.ok("PUT", &path, Some(json!({"template": false})), 200);
    assert!(templates(&api).is_empty());
    let refused = api.app.api(&api.token, "PUT", &path, Some(&json!({})));
    assert_eq!(refused.status, 422, "{}", refused.text());
    let missing = api.app.api(
        &api.token,
        "PUT",
        "/api/v1/issues/99999/template",
        Some(&json!({"template": true})),
    );
    assert_eq!(missing.status, 404, "{}", missing.text());

    // In the editor UI: the toggle on the issue page, then the new-issue page offers it.
    let mut editor = Editor::sign_in(&api.app, "redaktion@example.org");
    let page = editor.page(&format!("/admin/issues/{id}"));
    assert!(page.contains("Als Vorlage anbieten"), "{page}");
    let location = editor.post_ok(&format!("/admin/issues/{id}/template"), &[("template", "on")]);
    assert_eq!(location, format!("/admin/issues/{id}?done=template"));
    assert_eq!(templates(&api), vec![id]);
    let page = editor.page(&location);
    assert!(page.contains("Nicht mehr als Vorlage anbieten"), "{page}");
    let new = editor.page("/admin/issues/new");
    assert!(new.contains("Mit einer Vorlage beginnen"), "{new}");
    assert!(new.contains(&format!("action=\"/admin/issues/{id}/copy\"")), "{new}");

    // Starting from it: a fresh draft titled like the template, no template itself.
    let location = editor.post_ok(&format!("/admin/issues/{id}/copy"), &[("title", "Dezember")]);
    let copy_id: i64 = location
        .strip_prefix("/admin/issues/")
        .and_then(|rest| rest.strip_suffix("?done=copied"))
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("{location}"));
    let copy = api.issue(copy_id);
    assert_eq!(copy["title"], "Dezember");
    api.assert_a_fresh_copy_of(&copy, &original);
    assert_eq!(templates(&api), vec![id]);
    assert_eq!(api.issue(id), original);

    // Off again in the UI; the new-issue page then offers nothing.
    editor.post_ok(&format!("/admin/issues/{id}/template"), &[("template", "off")]);
    assert!(templates(&api).is_empty());
    let new = editor.page("/admin/issues/new");
    assert!(!new.contains("Mit einer Vorlage beginnen"), "{new}");
}

/// The archive flag (migration 0015) through the API: read with the issue, written alone.
fn the_archive_flag_is_read_and_written_through_the_api(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let api = Api::start(&db);
    let body = json!({"title": "Intern", "base_language": "de", "segment": {}});
    let id = api.ok("POST", "/api/v1/issues", Some(body), 201)["id"].as_i64().unwrap();
    assert_eq!(api.issue(id)["public"], true, "public unless the editor says no");
    let path = format!("/api/v1/issues/{id}/public");
    let off = api.ok("PUT", &path, Some(json!({"public": false})), 200);
    assert_eq!(off, json!({"public": false}));
    assert_eq!(api.issue(id)["public"], false);
    api.ok("PUT", &path, Some(json!({"public": true})), 200);
    assert_eq!(api.issue(id)["public"], true);
    let wrong = api.app.api(&api.token, "PUT", &path, Some(&json!({"public": "no"})));
    assert_eq!(wrong.status, 422, "{}", wrong.text());
    let unknown = json!({"public": true});
    let missing = api.app.api(&api.token, "PUT", "/api/v1/issues/99999/public", Some(&unknown));
    assert_eq!(missing.status, 404, "{}", missing.text());
    assert_eq!(api.app.api(&api.token, "GET", &path, None).status, 405);
}

rundbrief_testkit::on_both_backends!(
    a_sent_issue_copies_through_the_api_as_a_fresh_draft,
    an_editor_copies_from_the_list_and_the_issue_page,
    templates_are_marked_listed_and_started_from,
    the_archive_flag_is_read_and_written_through_the_api,
);
