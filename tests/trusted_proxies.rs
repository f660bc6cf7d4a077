//! `RUNDBRIEF_TRUSTED_PROXIES`: behind a trusted proxy the forwarded client is the one the
//! consent log records and the rate limit counts; without it the headers change nothing.
//! The real binary over real HTTP from loopback, on SQLite and on PostgreSQL.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use rundbrief_testkit::{Backend, TestApp, TestDb};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const CLIENT_A: &str = "203.0.113.7";
const CLIENT_B: &str = "198.51.100.20";

fn start(db: &TestDb, trusted: Option<&str>) -> TestApp {
    // Two form posts per client and minute: the third of one client is refused.
    let mut env = vec![("RUNDBRIEF_RATE_LIMIT", "2")];
    if let Some(trusted) = trusted {
        env.push(("RUNDBRIEF_TRUSTED_PROXIES", trusted));
    }
    TestApp::spawn_with_smtp(BIN, db, &env).0
}

/// The `ip` column of the consent log's sign-up row of `email`.
fn consent_ip(app: &TestApp, token: &str, email: &str) -> String {
    let q = email.replace('@', "%40");
    // A sign-up is a request row first; the subscriber is written a moment later.
    let deadline = Instant::now() + Duration::from_secs(15);
    let id = loop {
        let found = app.api(token, "GET", &format!("/api/v1/subscribers?q={q}"), None).json();
        if let Some(id) = found["items"][0]["id"].as_i64() {
            break id;
        }
        assert!(Instant::now() < deadline, "{email} never became a subscriber: {found}");
        std::thread::sleep(Duration::from_millis(50));
    };
    let log = app.api(token, "GET", &format!("/api/v1/consent-log?subscriber={id}"), None);
    assert_eq!(log.status, 200, "{}", log.text());
    let mut reader = csv::Reader::from_reader(&log.body[..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let ip = header.iter().position(|h| h == "ip").unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1, "one sign-up event: {rows:?}");
    assert_eq!(&rows[0][1], "signup");
    rows[0][ip].to_owned()
}

fn sign_up(app: &TestApp, email: &str, headers: &[(&str, &str)]) -> u16 {
    app.sign_up_on_form(email, "de", headers).status
}

fn behind_a_trusted_proxy_the_forwarded_client_counts(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let app = start(&db, Some("127.0.0.1/32"));
    let token = app.api_token("proxy");
    // X-Forwarded-For with a spoofed left part: the proxy appended the real client last.
    let a = [("X-Forwarded-For", "192.0.2.66, 203.0.113.7")];
    assert_eq!(sign_up(&app, "a1@example.org", &a), 200);
    assert_eq!(consent_ip(&app, &token, "a1@example.org"), CLIENT_A);
    let a_again = [("Forwarded", "for=203.0.113.7;proto=https")];
    assert_eq!(sign_up(&app, "a2@example.org", &a_again), 200, "RFC 7239 names the same client");
    assert_eq!(consent_ip(&app, &token, "a2@example.org"), CLIENT_A);
    assert_eq!(sign_up(&app, "a3@example.org", &a), 429, "client A has used its two posts");
    // Another client behind the same proxy is not held up by A.
    let b = [("X-Forwarded-For", CLIENT_B)];
    assert_eq!(sign_up(&app, "b1@example.org", &b), 200, "client B is another client");
    assert_eq!(consent_ip(&app, &token, "b1@example.org"), CLIENT_B);
    // The proxy's own requests (no header) are its own client.
    assert_eq!(sign_up(&app, "p1@example.org", &[]), 200);
    assert_eq!(consent_ip(&app, &token, "p1@example.org"), "127.0.0.1");
}

fn without_trusted_proxies_the_headers_are_ignored(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let app = start(&db, None);
    let token = app.api_token("proxy");
    let a = [("X-Forwarded-For", CLIENT_A)];
    assert_eq!(sign_up(&app, "a1@example.org", &a), 200);
    assert_eq!(consent_ip(&app, &token, "a1@example.org"), "127.0.0.1", "the TCP peer");
    let forwarded = [("Forwarded", "for=198.51.100.20")];
    assert_eq!(sign_up(&app, "a2@example.org", &forwarded), 200);
    assert_eq!(consent_ip(&app, &token, "a2@example.org"), "127.0.0.1");
    // A fresh spoofed address does not buy a fresh bucket.
    let b = [("X-Forwarded-For", CLIENT_B)];
    assert_eq!(sign_up(&app, "b1@example.org", &b), 429, "loopback has used its two posts");
    // A trusted network that does not hold the peer changes nothing either.
    drop(app);
    let app = start(&db, Some("10.0.0.0/8"));
    assert_eq!(sign_up(&app, "c1@example.org", &[("X-Forwarded-For", "192.0.2.1")]), 200);
    assert_eq!(consent_ip(&app, &token, "c1@example.org"), "127.0.0.1");
}

rundbrief_testkit::on_both_backends!(
    behind_a_trusted_proxy_the_forwarded_client_counts,
    without_trusted_proxies_the_headers_are_ignored,
);
