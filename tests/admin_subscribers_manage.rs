//! Black-box tests of adding a subscriber by hand in the editor UI (issue 19), on SQLite and
//! PostgreSQL: the consent choice (obtained elsewhere with its source and the editor's account
//! in the consent log, or a double-opt-in mail through the loopback SMTP server), addresses
//! that must not be revived, field errors, and a viewer who may not add anyone.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use rundbrief_testkit::admin::create_ok;
use rundbrief_testkit::{AdminSession, Backend, Response, TestApp, TestDb, on_both_backends};
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const FORM: &str = "/admin/subscribers/new";

fn add(session: &mut AdminSession<'_>, fields: &[(&str, &str)]) -> Response {
    session.submit(FORM, FORM, fields)
}

/// The id of the subscriber a successful add redirected to.
fn added_id(response: &Response) -> i64 {
    assert_eq!(response.status, 303, "{}", response.text());
    let location = response.header("location").unwrap();
    let rest = location.strip_prefix("/admin/subscribers/").unwrap_or_else(|| panic!("{location}"));
    rest.split('?').next().unwrap().parse().unwrap()
}

fn api_json(app: &TestApp, token: &str, method: &str, path: &str, body: Option<&Value>) -> Value {
    let response = app.api(token, method, path, body);
    assert!(response.status < 300, "{method} {path}: {} {}", response.status, response.text());
    if response.body.is_empty() { Value::Null } else { response.json() }
}

fn adding_by_hand(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let (app, smtp) = TestApp::spawn_with_smtp(BIN, &db, &[]);
    create_ok(&app, "editor@example.org", "editor");
    let token = app.api_token("seed");
    let list = api_json(
        &app,
        &token,
        "POST",
        "/api/v1/lists",
        Some(&json!({"slug": "news", "names": {"de": "Neuigkeiten", "en": "News"}})),
    )["id"]
        .as_i64()
        .unwrap();
    let list_value = list.to_string();
    let mut editor = AdminSession::new(&app).sign_in("editor@example.org");
    assert!(editor.page("/admin/subscribers").contains("href=\"/admin/subscribers/new\""));

    // Consent obtained elsewhere: active at once, on the list, the consent log names the
    // source and the editor's account.
    let id = added_id(&add(
        &mut editor,
        &[
            ("email", "paper@example.org"),
            ("name", "Jana Nováková"),
            ("language", "cs"),
            ("audience", "citizen"),
            ("lists", &list_value),
            ("consent", "obtained-elsewhere"),
            ("source", "Paper forms 2023"),
        ],
    ));
    let stored = api_json(&app, &token, "GET", &format!("/api/v1/subscribers/{id}"), None);
    assert_eq!(stored["status"], "active", "{stored}");
    assert_eq!(stored["language"], "cs", "{stored}");
    assert_eq!(stored["name"], "Jana Nováková", "{stored}");
    let consent = api_json(&app, &token, "GET", &format!("/api/v1/subscribers/{id}/consent"), None)
        .to_string();
    assert!(consent.contains("Paper forms 2023"), "{consent}");
    assert!(consent.contains("editor@example.org"), "{consent}");
    assert!(consent.contains("\"import\""), "{consent}");
    let subscribed = app.api(&token, "GET", &format!("/api/v1/subscribers?list={list}"), None);
    assert!(subscribed.text().contains("paper@example.org"), "{}", subscribed.text());
    assert_eq!(smtp.count_for("paper@example.org"), 0, "no mail for consent obtained elsewhere");

    // Double opt-in: pending, and the normal confirmation mail in the subscriber's language.
    let id = added_id(&add(
        &mut editor,
        &[("email", "doi@example.org"), ("language", "de"), ("consent", "double-opt-in")],
    ));
    let stored = api_json(&app, &token, "GET", &format!("/api/v1/subscribers/{id}"), None);
    assert_eq!(stored["status"], "pending", "{stored}");
    let mail = smtp.wait_for("doi@example.org", Duration::from_secs(20));
    assert!(mail.subject().contains("Bitte bestätigen Sie"), "{}", mail.subject());
    assert!(mail.link_containing("/confirm/").is_some(), "{}", mail.text());

    // Field errors, tied to their fields; nothing is written.
    let refused = add(&mut editor, &[("email", "not an address"), ("language", "de")]);
    assert_eq!(refused.status, 422);
    let page = refused.text();
    assert!(page.contains("id=\"error-summary\""), "{page}");
    assert!(page.contains("aria-describedby=\"email-error\""), "{page}");
    assert!(page.contains("id=\"consent-error\""), "{page}");
    let refused = add(
        &mut editor,
        &[("email", "nosource@example.org"), ("language", "de"), ("consent", "obtained-elsewhere")],
    );
    assert_eq!(refused.status, 422);
    assert!(refused.text().contains("id=\"source-error\""), "{}", refused.text());

    // Never revives anyone: an erased (suppressed) and an unsubscribed address are refused.
    for (email, change) in [("gone@example.org", "DELETE"), ("left@example.org", "PATCH")] {
        let body = json!({"email": email, "language": "en", "consent": "obtained_elsewhere"});
        let created = app.post_subscriber(&token, &body);
        assert_eq!(created.status, 201, "{}", created.text());
        let id = created.json()["id"].as_i64().unwrap();
        let patch = json!({"status": "unsubscribed"});
        let body = (change == "PATCH").then_some(&patch);
        api_json(&app, &token, change, &format!("/api/v1/subscribers/{id}"), body);
        let refused = add(
            &mut editor,
            &[
                ("email", email),
                ("language", "en"),
                ("consent", "obtained-elsewhere"),
                ("source", "x"),
            ],
        );
        assert_eq!(refused.status, 422, "{email}: {}", refused.text());
        let page = refused.text();
        // The editor UI speaks German by default.
        let expected = if change == "DELETE" { "ist gesperrt" } else { "gibt es bereits" };
        assert!(page.contains(expected), "{email}: {page}");
    }
    let left = app.api(&token, "GET", "/api/v1/subscribers?status=unsubscribed", None).text();
    assert!(left.contains("left@example.org"), "{left}");
    assert_eq!(smtp.count_for("gone@example.org") + smtp.count_for("left@example.org"), 0);

    // A viewer sees the form disabled and may not post it.
    create_ok(&app, "viewer@example.org", "viewer");
    let mut viewer = AdminSession::new(&app).sign_in("viewer@example.org");
    assert!(viewer.page(FORM).contains("<fieldset class=\"plain\" disabled"));
    let denied = add(
        &mut viewer,
        &[("email", "viewer-added@example.org"), ("language", "en"), ("consent", "double-opt-in")],
    );
    assert_eq!(denied.status, 403, "{}", denied.text());
    let all = app.api(&token, "GET", "/api/v1/subscribers?q=viewer-added", None).text();
    assert!(!all.contains("viewer-added@example.org"), "{all}");
}

on_both_backends!(adding_by_hand);
