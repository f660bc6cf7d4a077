//! Scheduling from the editor UI in the configured IANA zone (`RUNDBRIEF_TIME_ZONE`), over
//! real HTTP without script: the form names the zone and offers no fixed UTC offsets, a wall
//! time the clocks skip is refused with a page that says so, a repeated one is its earlier
//! (summer-time) pass, and planned times are shown back in the zone.
#![allow(clippy::unwrap_used)]

use rundbrief_testkit::admin::create_ok;
use rundbrief_testkit::{AdminSession, TestApp, TestDb};
use serde_json::json;

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const EDITOR: &str = "redaktion@example.org";

/// A draft with a ready German variant for German readers; its id.
fn draft(app: &TestApp) -> i64 {
    let token = app.api_token("schedule");
    app.add_readers(&[("anna@example.de", "de")]);
    let body = json!({"title": "Dezember", "base_language": "de"});
    let created = app.api(&token, "POST", "/api/v1/issues", Some(&body));
    assert_eq!(created.status, 201, "{}", created.text());
    let id = created.json()["id"].as_i64().unwrap();
    let variant = json!({"subject": "Neuigkeiten", "preheader": "", "body_markdown": "# Hallo", "ready": true});
    let put = app.api(&token, "PUT", &format!("/api/v1/issues/{id}/variants/de"), Some(&variant));
    assert!(put.status < 300, "{}", put.text());
    id
}

/// The app on `db` without API rate limits (`env` on top), with the editor's account and a
/// draft; the draft's id.
fn start(db: &TestDb, env: &[(&str, &str)]) -> (TestApp, i64) {
    let mut all = vec![("RUNDBRIEF_API_RATE_LIMIT", "0")];
    all.extend_from_slice(env);
    let app = TestApp::spawn(BIN, db, &all);
    create_ok(&app, EDITOR, "editor");
    let id = draft(&app);
    (app, id)
}

#[test]
fn schedules_are_wall_times_in_europe_berlin_across_the_clock_changes() {
    let db = TestDb::sqlite();
    let (app, id) = start(&db, &[]);
    let mut session = AdminSession::new(&app).sign_in(EDITOR);
    let composer = format!("/admin/issues/{id}?lang=de");
    let action = format!("/admin/issues/{id}/schedule");

    let page = session.page(&composer);
    assert!(page.contains("Ortszeit in Europe/Berlin"), "the form names the zone");
    assert!(!page.contains("name=\"offset\"") && !page.contains("UTC+"), "no fixed offsets");

    // 2027-03-28: the clocks jump from 02:00 to 03:00.
    let skipped = session.submit(&composer, &action, &[("at", "2027-03-28T02:30")]);
    assert_eq!(skipped.status, 422, "{}", skipped.text());
    assert!(skipped.text().contains("2027-03-28 02:30 gibt es in Europe/Berlin nicht"));
    let token = app.api_token("check");
    let issue = app.api(&token, "GET", &format!("/api/v1/issues/{id}"), None).json();
    assert_eq!(issue["status"], "draft", "nothing was scheduled: {issue}");

    // 2027-10-31: 02:30 happens twice; the first pass, still summer time, is meant.
    let repeated = session.submit(&composer, &action, &[("at", "2027-10-31T02:30")]);
    assert_eq!(repeated.status, 303, "{}", repeated.text());
    let page = session.page(&composer);
    assert!(page.contains("2027-10-31 02:30 CEST (Europe/Berlin)"), "shown in the zone");
    assert!(page.contains("value=\"2027-10-31T02:30\""), "the form holds the planned time");
    let issue = app.api(&token, "GET", &format!("/api/v1/issues/{id}"), None).json();
    assert_eq!(issue["scheduled_at"], "2027-10-31T00:30:00Z", "{issue}");

    // A winter date: CET, one hour ahead of UTC.
    let winter = session.submit(&composer, &action, &[("at", "2027-12-01T08:00")]);
    assert_eq!(winter.status, 303, "{}", winter.text());
    let issue = app.api(&token, "GET", &format!("/api/v1/issues/{id}"), None).json();
    assert_eq!(issue["scheduled_at"], "2027-12-01T07:00:00Z", "{issue}");
    assert!(session.page("/admin/issues").contains("2027-12-01 08:00 CET (Europe/Berlin)"));
}

#[test]
fn another_zone_is_a_setting() {
    let db = TestDb::sqlite();
    let (app, id) = start(&db, &[("RUNDBRIEF_TIME_ZONE", "Europe/Sofia")]);
    let mut session = AdminSession::new(&app).sign_in(EDITOR);
    let composer = format!("/admin/issues/{id}?lang=en");
    let page = session.page(&composer);
    assert!(page.contains("Local time in Europe/Sofia"), "the form names the zone");
    let done = session.submit(
        &composer,
        &format!("/admin/issues/{id}/schedule"),
        &[("at", "2027-07-01T09:00")],
    );
    assert_eq!(done.status, 303, "{}", done.text());
    let token = app.api_token("check");
    let issue = app.api(&token, "GET", &format!("/api/v1/issues/{id}"), None).json();
    assert_eq!(issue["scheduled_at"], "2027-07-01T06:00:00Z", "{issue}");
    assert!(session.page(&composer).contains("2027-07-01 09:00 EEST (Europe/Sofia)"));
}
