//! `/readyz` of a `serve` process (web and workers in one): ready only while the database
//! answers and has every migration of the binary, and the SMTP relay the workers send through
//! answers its probe. The relay is the loopback test server, or a port where nothing listens.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use rundbrief_testkit::{Response, TestApp, TestDb};
use sqlx::Connection as _;

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");

/// `/readyz` once `done` holds for it, at most 20 s (the first SMTP probe follows the start).
fn readyz_once(app: &TestApp, done: impl Fn(&Response) -> bool) -> Response {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let response = app.get("/readyz", &[]);
        if done(&response) {
            return response;
        }
        assert!(Instant::now() < deadline, "never as expected: {}", response.text());
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn ready_with_a_reachable_relay_and_a_migrated_database() {
    let db = TestDb::sqlite();
    let (app, _smtp) = TestApp::spawn_with_smtp(BIN, &db, &[]);
    let response = readyz_once(&app, |r| r.status == 200);
    let body = response.json();
    assert_eq!(body["status"], "ready", "{body}");
    assert_eq!(body["database"]["migrated"], true, "{body}");
    assert_eq!(body["smtp"]["reachable"], true, "{body}");
    assert!(body["smtp"]["server"].as_str().unwrap().starts_with("127.0.0.1:"), "{body}");
}

#[test]
fn a_closed_smtp_port_is_503_naming_the_relay_without_its_password() {
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
        // Dropped here: nothing listens on the port any more.
    };
    let url = format!("smtp://relay-user:relay-pass-5521@127.0.0.1:{closed}");
    let db = TestDb::sqlite();
    let app = TestApp::spawn(BIN, &db, &[("RUNDBRIEF_SMTP_URL", &url)]);
    let response = readyz_once(&app, |r| r.json()["smtp"]["reachable"] == false);
    assert_eq!(response.status, 503, "{}", response.text());
    let body = response.json();
    assert_eq!(body["status"], "unavailable", "{body}");
    let error = body["smtp"]["error"].as_str().unwrap();
    assert!(error.contains("SMTP connection failed"), "{body}");
    assert!(body["smtp"]["server"].as_str().unwrap().contains(&format!(":{closed}")), "{body}");
    // The database is fine; the relay alone makes the process not ready.
    assert_eq!(body["database"]["migrated"], true, "{body}");
    assert!(!response.text().contains("relay-pass-5521"), "{}", response.text());
    // Not even the user name: it can be an access key id, and /readyz answers anyone.
    assert!(!response.text().contains("relay-user"), "{}", response.text());
    assert!(!app.log().contains("relay-pass-5521"), "{}", app.log());
}

#[test]
fn a_database_without_a_migration_of_the_binary_is_503_naming_it() {
    let db = TestDb::sqlite();
    let (app, _smtp) = TestApp::spawn_with_smtp(BIN, &db, &[]);
    readyz_once(&app, |r| r.status == 200);
    // As if the database had been restored from a dump older than the running binary.
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
        let mut conn = sqlx::SqliteConnection::connect(&db.url).await.unwrap();
        let deleted = sqlx::query("DELETE FROM _sqlx_migrations WHERE version = 8")
            .execute(&mut conn)
            .await
            .unwrap();
        assert_eq!(deleted.rows_affected(), 1);
        conn.close().await.unwrap();
    });
    let response = app.get("/readyz", &[]);
    assert_eq!(response.status, 503, "{}", response.text());
    let body = response.json();
    assert_eq!(body["database"]["reachable"], true, "{body}");
    assert_eq!(body["database"]["migrated"], false, "{body}");
    assert_eq!(
        body["database"]["missing_migrations"],
        serde_json::json!(["0008 bounces"]),
        "{body}"
    );
    assert_eq!(body["smtp"]["reachable"], true, "{body}");
}
