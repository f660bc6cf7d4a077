//! The subscriber export as `rundbrief export subscribers`, `GET /api/v1/subscribers.csv` and
//! the editor UI's download of the current filter: the real binary on SQLite and PostgreSQL,
//! more subscribers than one store page, parsed back with the csv crate.
#![allow(clippy::unwrap_used)]

use rundbrief_core::model::{NewList, NewSubscriber};
use rundbrief_core::{EmailAddress, Language, SubscriberStatus};
use rundbrief_testkit::admin::{AdminSession, create_ok};
use rundbrief_testkit::{Backend, TestApp, TestDb, campaign};
use serde_json::json;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
/// More than one page of the store (1000), so the export pages.
const SEEDED: usize = 1100;
const COLUMNS: [&str; 11] = [
    "id",
    "email",
    "name",
    "language",
    "status",
    "region",
    "audience",
    "lists",
    "attributes",
    "created_at",
    "confirmed_at",
];
/// Comma, quote, newline and letters beyond ASCII in one name.
const HARD_NAME: &str = "Kowalska, \"Zoë\"\nŁódź – Ελένη";

fn csv_records(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(bytes);
    let header = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
    (header, rows)
}

fn column(name: &str) -> usize {
    COLUMNS.iter().position(|c| *c == name).unwrap()
}

/// A running app with `SEEDED` active readers, a list `news`, a pending reader from the API
/// and, straight in the store, a Polish reader on `news` with a name that needs quoting.
fn started(db: &TestDb) -> (TestApp, rundbrief_testkit::SmtpServer, String) {
    // Written before the app starts: on SQLite a second writer beside it would wait for locks.
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let store = campaign::open(db).await;
        let addresses: Vec<String> =
            (0..SEEDED).map(|i| format!("reader{i:05}@example.org")).collect();
        campaign::seed(&store, &addresses).await;
        let now = OffsetDateTime::now_utc();
        let names = std::collections::BTreeMap::from([(Language::De, "Neuigkeiten".to_owned())]);
        let news = NewList { slug: "news".into(), names, public: true };
        let news = store.create_list(&news, now).await.unwrap();
        let mut new =
            NewSubscriber::pending(EmailAddress::parse("zoe@example.pl").unwrap(), Language::Pl);
        new.status = SubscriberStatus::Active;
        new.name = Some(HARD_NAME.into());
        new.audience = Some("counsellor".into());
        new.attributes.insert("org".into(), json!("Caritas, \"Łódź\""));
        let zoe = store.create_subscriber(&new, now).await.unwrap();
        store.subscribe(zoe.id, news.id, now).await.unwrap();
    });
    drop(rt);
    let (app, smtp) = TestApp::spawn_with_smtp(BIN, db, &[("RUNDBRIEF_RATE_LIMIT", "0")]);
    let token = app.api_token("export");
    let pending = json!({"email": "pending@example.de", "language": "de", "region": "Prignitz"});
    let created = app.post_subscriber(&token, &pending);
    assert_eq!(created.status, 201, "{}", created.text());
    (app, smtp, token)
}

/// The seeded readers in Polish, and Zoë.
fn polish_count() -> usize {
    (0..SEEDED).filter(|i| i % 3 == 1).count() + 1
}

fn cli_and_api_export_every_field_and_filter(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let (app, _smtp, token) = started(&db);

    // The CLI into a file: everyone, in id order, every field.
    let file = app.dir.path().join("subscribers.csv");
    let out = app.command(&["export", "subscribers", "--output", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let everyone = std::fs::read(&file).unwrap();
    let (header, rows) = csv_records(&everyone);
    assert_eq!(header, COLUMNS);
    assert_eq!(rows.len(), SEEDED + 2);
    let ids: Vec<i64> = rows.iter().map(|r| r[0].parse().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "ids in order, none twice");
    for row in &rows {
        let created = OffsetDateTime::parse(&row[column("created_at")], &Rfc3339).unwrap();
        assert_eq!(created.offset(), time::UtcOffset::UTC);
        assert!(row[column("created_at")].ends_with('Z'));
    }
    let zoe = rows.iter().find(|r| r[column("email")] == "zoe@example.pl").unwrap();
    assert_eq!(zoe[column("name")], HARD_NAME);
    assert_eq!(zoe[column("language")], "pl");
    assert_eq!(zoe[column("status")], "active");
    assert_eq!(zoe[column("audience")], "counsellor");
    assert_eq!(zoe[column("lists")], "news");
    let attributes: serde_json::Value = serde_json::from_str(&zoe[column("attributes")]).unwrap();
    assert_eq!(attributes, json!({"org": "Caritas, \"Łódź\""}));
    let pending = rows.iter().find(|r| r[column("email")] == "pending@example.de").unwrap();
    assert_eq!(pending[column("status")], "pending");
    assert_eq!(pending[column("region")], "Prignitz");
    assert_eq!(pending[column("confirmed_at")], "");
    assert_eq!(pending[column("lists")], "");
    assert_eq!(pending[column("attributes")], "");

    // Filters on the CLI, to standard output; a list by slug.
    let out = app.command(&["export", "subscribers", "--language", "pl", "--list", "news"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (_, polish_news) = csv_records(&out.stdout);
    assert_eq!(polish_news, vec![zoe.clone()]);
    let out = app.command(&["export", "subscribers", "--status", "pending"]);
    let (_, pending_only) = csv_records(&out.stdout);
    assert_eq!(pending_only, vec![pending.clone()]);
    let out = app.command(&["export", "subscribers", "--list", "no-such-list"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no list 'no-such-list'"));

    // The API gives the same file, streamed, and takes the same filters.
    let auth = format!("Bearer {token}");
    let response = app.get("/api/v1/subscribers.csv", &[("Authorization", &auth)]);
    assert_eq!(response.status, 200);
    assert!(response.header("content-type").unwrap().starts_with("text/csv"));
    assert!(response.header("content-disposition").unwrap().starts_with("attachment"));
    assert_eq!(response.body, everyone);
    let polish =
        app.get("/api/v1/subscribers.csv?language=pl&status=active", &[("Authorization", &auth)]);
    let (_, polish_rows) = csv_records(&polish.body);
    assert_eq!(polish_rows.len(), polish_count());
    assert!(polish_rows.iter().all(|r| r[column("language")] == "pl"));
    let bad = app.get("/api/v1/subscribers.csv?language=xx", &[("Authorization", &auth)]);
    assert_eq!(bad.status, 422, "{}", bad.text());
    assert!(bad.text().contains("language"));
    let unknown = app.get("/api/v1/subscribers.csv?colour=red", &[("Authorization", &auth)]);
    assert_eq!(unknown.status, 422);
    assert_eq!(app.get("/api/v1/subscribers.csv", &[]).status, 401);
}

fn the_editor_ui_downloads_the_current_filter(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let (app, _smtp, _token) = started(&db);
    assert_eq!(app.get("/admin/subscribers.csv", &[]).status, 303, "no session, no file");
    create_ok(&app, "viewer@example.org", "viewer");
    let mut viewer = AdminSession::new(&app).sign_in("viewer@example.org");
    let list = viewer.page("/admin/subscribers?language=pl");
    assert!(list.contains("/admin/subscribers.csv?language=pl"), "the link keeps the filter");
    let file = viewer.get("/admin/subscribers.csv?language=pl");
    assert_eq!(file.status, 200);
    assert!(file.header("content-type").unwrap().starts_with("text/csv"));
    let (header, rows) = csv_records(&file.body);
    assert_eq!(header, COLUMNS);
    assert_eq!(rows.len(), polish_count());
    assert!(rows.iter().all(|r| r[column("language")] == "pl"));
    assert!(rows.iter().any(|r| r[column("name")] == HARD_NAME));
    let everyone = viewer.get("/admin/subscribers.csv");
    assert_eq!(csv_records(&everyone.body).1.len(), SEEDED + 2);
}

rundbrief_testkit::on_both_backends!(
    cli_and_api_export_every_field_and_filter,
    the_editor_ui_downloads_the_current_filter,
);
