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

/// Statuses of `emails` by the API, in order.
fn statuses(app: &TestApp, token: &str, ids: &[i64]) -> Vec<String> {
    ids.iter()
        .map(|id| {
            let s = api_json(app, token, "GET", &format!("/api/v1/subscribers/{id}"), None);
            s["status"].as_str().unwrap().to_owned()
        })
        .collect()
}

/// Ids on `list`, ascending.
fn on_list(app: &TestApp, token: &str, list: i64) -> Vec<i64> {
    let page = api_json(app, token, "GET", &format!("/api/v1/subscribers?list={list}"), None);
    let mut ids: Vec<i64> =
        page["items"].as_array().unwrap().iter().map(|s| s["id"].as_i64().unwrap()).collect();
    ids.sort_unstable();
    ids
}

/// Asks on the confirmation page of `query`, checks the title it names, then confirms.
fn act(session: &mut AdminSession<'_>, query: &str, title: &str) -> Response {
    let path = format!("/admin/subscribers/bulk?{query}");
    let page = session.page(&path);
    assert!(page.contains(title), "{title}: {page}");
    let token = rundbrief_testkit::admin::csrf_of(&page);
    session.post_with(&token, &path, &[])
}

fn acting_on_a_filter(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let (app, _smtp) = TestApp::spawn_with_smtp(BIN, &db, &[]);
    create_ok(&app, "editor@example.org", "editor");
    let token = app.api_token("seed");
    let body = json!({"slug": "news", "names": {"de": "Neuigkeiten", "en": "News"}});
    let list = api_json(&app, &token, "POST", "/api/v1/lists", Some(&body))["id"].as_i64().unwrap();
    let ids: Vec<i64> = [
        ("de1@example.org", "de"),
        ("de2@example.org", "de"),
        ("de3@example.org", "de"),
        ("pl1@example.org", "pl"),
        ("en1@example.org", "en"),
    ]
    .iter()
    .map(|(email, language)| {
        let body = json!({"email": email, "language": language, "consent": "obtained_elsewhere"});
        let created = app.post_subscriber(&token, &body);
        assert_eq!(created.status, 201, "{}", created.text());
        created.json()["id"].as_i64().unwrap()
    })
    .collect();
    let (de, others) = (&ids[..3], &ids[3..]);
    let mut editor = AdminSession::new(&app).sign_in("editor@example.org");
    let listing = editor.page("/admin/subscribers?language=de");
    assert!(listing.contains("id=\"bulk\""), "{listing}");
    assert!(listing.contains("name=\"language\" value=\"de\""), "{listing}");

    // Add to a list: exactly the three German subscribers.
    let query = format!("language=de&action=add&target={list}");
    let done = act(&mut editor, &query, "3 Abonnements zur Liste „Neuigkeiten“ hinzufügen?");
    assert_eq!(done.status, 303, "{}", done.text());
    let back = done.header("location").unwrap().to_owned();
    assert_eq!(back, "/admin/subscribers?language=de&applied=3");
    assert!(editor.page(&back).contains("Erledigt für 3 Abonnements."));
    assert_eq!(on_list(&app, &token, list), de.to_vec());

    // Remove from a list: the search narrows it to one.
    let query = format!("language=de&q=de1%40&action=remove&target={list}");
    let done = act(&mut editor, &query, "1 Abonnement aus der Liste „Neuigkeiten“ entfernen?");
    assert_eq!(done.status, 303, "{}", done.text());
    assert_eq!(on_list(&app, &token, list), de[1..].to_vec());

    // Unsubscribe everyone on the list: the filter's rows stop matching "active" midway, and
    // still exactly the counted ones change, each with a consent event.
    let query = format!("list={list}&status=active&action=unsubscribe");
    let done = act(&mut editor, &query, "2 Abonnements abbestellen?");
    assert_eq!(done.status, 303, "{}", done.text());
    assert_eq!(
        statuses(&app, &token, &ids),
        ["active", "unsubscribed", "unsubscribed", "active", "active"]
    );
    for id in &de[1..] {
        let consent =
            api_json(&app, &token, "GET", &format!("/api/v1/subscribers/{id}/consent"), None);
        let text = consent.to_string();
        assert_eq!(text.matches("\"unsubscribe\"").count(), 1, "{text}");
    }

    // Erase the unsubscribed ones: erased and suppressed, the others untouched.
    let done = act(&mut editor, "status=unsubscribed&action=erase", "2 Abonnements löschen?");
    assert_eq!(done.status, 303, "{}", done.text());
    assert_eq!(statuses(&app, &token, &ids), ["active", "erased", "erased", "active", "active"]);
    let again = app.post_subscriber(
        &token,
        &json!({"email": "de2@example.org", "consent": "obtained_elsewhere"}),
    );
    assert!(again.status >= 400, "an erased address stays suppressed: {}", again.text());
    assert_eq!(statuses(&app, &token, others), ["active", "active"]);

    // A viewer sees the count with the button disabled and may not apply the action.
    create_ok(&app, "viewer@example.org", "viewer");
    let mut viewer = AdminSession::new(&app).sign_in("viewer@example.org");
    let path = "/admin/subscribers/bulk?language=pl&action=unsubscribe";
    let page = viewer.page(path);
    assert!(page.contains("1 Abonnement abbestellen?"), "{page}");
    assert!(page.contains("disabled"), "{page}");
    let token_v = rundbrief_testkit::admin::csrf_of(&page);
    assert_eq!(viewer.post_with(&token_v, path, &[]).status, 403);
    assert_eq!(statuses(&app, &token, others), ["active", "active"]);
}

on_both_backends!(adding_by_hand, acting_on_a_filter);
