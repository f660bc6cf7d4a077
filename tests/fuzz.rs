//! Property test: random methods, paths, headers, form fields and JSON bodies thrown at every
//! public page and API endpoint of the running binary, on SQLite and PostgreSQL.
//!
//! Properties: no response is a 5xx, the server never drops a connection (a panic would), a
//! refused sign-up or API create leaves no subscriber behind, and afterwards every subscriber
//! still has the consent record it was created with.
#![allow(clippy::unwrap_used)]

use std::io::Write as _;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use rundbrief_core::{TokenPurpose, TokenSigner};
use rundbrief_testkit::{Backend, SmtpServer, TestApp, TestDb, http};
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const CASES: u32 = 800;

const ENDPOINTS: &[&str] = &[
    "/subscribe",
    "/subscribe/resend",
    "/confirm/{seg}",
    "/unsubscribe/{seg}",
    "/preferences/{seg}",
    "/",
    "/healthz",
    "/{seg}",
    "/api/v1/subscribers",
    "/api/v1/subscribers/{seg}",
    "/api/v1/subscribers/{seg}/consent",
    "/api/v1/subscribers/{seg}/lists/{seg2}",
    "/api/v1/lists",
    "/api/v1/lists/{seg}",
    "/api/v1/openapi.json",
];
const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
const FORM_KEYS: &[&str] = &[
    "email",
    "name",
    "language",
    "topics",
    "region",
    "audience",
    "consent",
    "website",
    "lang",
    "action",
    "List-Unsubscribe",
];
const JSON_KEYS: &[&str] = &[
    "email",
    "name",
    "language",
    "region",
    "audience",
    "attributes",
    "lists",
    "consent",
    "slug",
    "names",
    "public",
    "status",
];

#[derive(Debug, Clone)]
enum Segment {
    Junk(String),
    Id(i64),
    Token(u8, i64),
}

#[derive(Debug, Clone)]
enum Body {
    Raw(Vec<u8>),
    Form(Vec<(String, String)>),
    Json(Value),
}

#[derive(Debug, Clone)]
struct Case {
    method: &'static str,
    endpoint: &'static str,
    seg: Segment,
    seg2: Segment,
    query: String,
    auth: u8,
    junk_auth: String,
    content_type: Option<String>,
    headers: Vec<(&'static str, String)>,
    body: Body,
    with_email: bool,
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{0,12}",
        "[ -~]{0,80}",
        any::<String>(),
        Just("de".to_owned()),
        Just("yes".to_owned()),
        Just("1".to_owned()),
        Just("erase".to_owned()),
        Just("One-Click".to_owned()),
        Just("citizen".to_owned()),
        Just("\u{0}".to_owned()),
        "[a-z]{1,8}@[a-z]{1,8}\\.org",
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| json!(f)),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(("[a-z]{2}", inner), 0..4)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

fn segment() -> impl Strategy<Value = Segment> {
    prop_oneof![
        "[A-Za-z0-9._~-]{0,90}".prop_map(Segment::Junk),
        "(%[0-9A-F]{2}){1,6}".prop_map(Segment::Junk),
        (0i64..6).prop_map(Segment::Id),
        (0u8..3, 0i64..6).prop_map(|(p, id)| Segment::Token(p, id)),
    ]
}

fn body() -> impl Strategy<Value = Body> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..300).prop_map(Body::Raw),
        prop::collection::vec(
            (prop_oneof![prop::sample::select(FORM_KEYS).prop_map(str::to_owned), text()], text()),
            0..10
        )
        .prop_map(Body::Form),
        prop::collection::vec((prop::sample::select(JSON_KEYS), json_value()), 0..8).prop_map(
            |pairs| Body::Json(Value::Object(
                pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
            ))
        ),
        json_value().prop_map(Body::Json),
    ]
}

fn case() -> impl Strategy<Value = Case> {
    let content_type = prop::option::weighted(
        0.85,
        prop_oneof![
            3 => Just("application/x-www-form-urlencoded".to_owned()),
            3 => Just("application/json".to_owned()),
            1 => Just("multipart/form-data; boundary=x".to_owned()),
            1 => Just("text/plain".to_owned()),
            1 => "[ -~]{0,40}",
        ],
    );
    let header = prop_oneof![
        Just("Accept-Language"),
        Just("Cookie"),
        Just("User-Agent"),
        Just("Accept"),
        Just("X-Forwarded-For"),
    ];
    (
        (
            prop_oneof![4 => Just("POST"), 3 => Just("GET"), 2 => prop::sample::select(METHODS)],
            prop::sample::select(ENDPOINTS),
            segment(),
            segment(),
        ),
        (
            "[a-z_]{0,8}(=[a-zA-Z0-9_%.:-]{0,20})?(&lang=[a-zA-Z-]{0,6})?",
            prop_oneof![3 => Just(0u8), 1 => 1u8..3],
            "[ -~]{0,60}",
        ),
        content_type,
        prop::collection::vec((header, "[ -~]{0,120}"), 0..4),
        body(),
        any::<bool>(),
    )
        .prop_map(
            |(
                (method, endpoint, seg, seg2),
                (query, auth, junk_auth),
                content_type,
                headers,
                body,
                with_email,
            )| Case {
                method,
                endpoint,
                seg,
                seg2,
                query,
                auth,
                junk_auth,
                content_type,
                headers,
                body,
                with_email,
            },
        )
}

fn render_segment(seg: &Segment, signer: &TokenSigner) -> String {
    match seg {
        Segment::Junk(s) => s.clone(),
        Segment::Id(id) => id.to_string(),
        Segment::Token(p, id) => {
            let purpose =
                [TokenPurpose::Confirm, TokenPurpose::Unsubscribe, TokenPurpose::Preferences]
                    [*p as usize % 3];
            signer.sign(purpose, *id, None)
        }
    }
}

fn fuzz(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let smtp = SmtpServer::start();
    let smtp_url = smtp.url();
    let app = TestApp::spawn(
        BIN,
        &db,
        &[
            ("RUNDBRIEF_SMTP_URL", &smtp_url),
            ("RUNDBRIEF_RATE_LIMIT", "0"),
            ("RUNDBRIEF_API_RATE_LIMIT", "0"),
        ],
    );
    let token = app.api_token("fuzz");
    let seeded = app.api(
        &token,
        "POST",
        "/api/v1/lists",
        Some(&json!({"slug": "topic", "names": {"de": "Thema"}, "public": true})),
    );
    assert_eq!(seeded.status, 201);
    for i in 0..3 {
        let s = app.api(
            &token,
            "POST",
            "/api/v1/subscribers",
            Some(&json!({"email": format!("seed{i}@example.org"), "lists": [1]})),
        );
        assert_eq!(s.status, 201);
    }
    let signer = TokenSigner::new(rundbrief_testkit::app::SECRET_KEY.as_bytes()).unwrap();

    let mut runner =
        TestRunner::new(Config { cases: CASES, failure_persistence: None, ..Config::default() });
    let counter = std::sync::atomic::AtomicUsize::new(0);
    let statuses = std::sync::Mutex::new(std::collections::BTreeMap::<u16, usize>::new());
    let result = runner.run(&case(), |case| {
        let n = counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let email = format!("fz{n}x{}@example.org", backend as u8);
        let path = case
            .endpoint
            .replace("{seg}", &render_segment(&case.seg, &signer))
            .replace("{seg2}", &render_segment(&case.seg2, &signer));
        let path = if case.query.is_empty() { path } else { format!("{path}?{}", case.query) };
        let bearer = format!("Bearer {token}");
        let junk = format!("Bearer {}", case.junk_auth);
        let mut headers: Vec<(&str, &str)> =
            case.headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
        match case.auth {
            0 => headers.push(("Authorization", &bearer)),
            1 => headers.push(("Authorization", &junk)),
            _ => {}
        }
        if let Some(ct) = &case.content_type {
            headers.push(("Content-Type", ct));
        }
        let body: Vec<u8> = match &case.body {
            Body::Raw(bytes) => bytes.clone(),
            Body::Form(fields) => {
                let mut fields: Vec<(&str, &str)> =
                    fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                if case.with_email {
                    fields.insert(0, ("email", &email));
                }
                http::encode_form(&fields).into_bytes()
            }
            Body::Json(value) => {
                let mut value = value.clone();
                if case.with_email
                    && let Value::Object(map) = &mut value
                {
                    map.insert("email".into(), json!(email));
                }
                value.to_string().into_bytes()
            }
        };
        let response = app.request(case.method, &path, &headers, &body);
        *statuses.lock().unwrap().entry(response.status).or_default() += 1;
        prop_assert!(
            response.status < 500,
            "{} {path} -> {}: {}",
            case.method,
            response.status,
            response.text()
        );
        let creates = case.method == "POST"
            && (path.starts_with("/subscribe?")
                || path == "/subscribe"
                || path.starts_with("/api/v1/subscribers"));
        if case.with_email && creates && response.status >= 400 {
            let found =
                app.api(&token, "GET", &format!("/api/v1/subscribers?q=fz{n}x"), None).json();
            prop_assert_eq!(
                found["items"].as_array().map(Vec::len),
                Some(0),
                "a refused request left a subscriber: {:?}",
                case
            );
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}\nserver log:\n{}", app.log());
    }
    assert!(!app.log().contains("panicked"), "{}", app.log());
    // The generator reaches both accepted and refused requests of many kinds.
    let statuses = statuses.into_inner().unwrap();
    assert_eq!(statuses.values().sum::<usize>(), CASES as usize, "{statuses:?}");
    for status in [200, 401, 404, 415, 422] {
        assert!(statuses.contains_key(&status), "never saw {status}: {statuses:?}");
    }
    let _ = writeln!(std::io::stderr(), "fuzz statuses ({backend:?}): {statuses:?}");

    // Every subscriber kept the consent record it was created with.
    let mut cursor = String::new();
    let mut total = 0;
    loop {
        let page =
            app.api(&token, "GET", &format!("/api/v1/subscribers?limit=500{cursor}"), None).json();
        for s in page["items"].as_array().unwrap() {
            total += 1;
            let events = app
                .api(&token, "GET", &format!("/api/v1/subscribers/{}/consent", s["id"]), None)
                .json();
            let first = events[0]["action"].as_str().unwrap_or_default();
            assert!(["signup", "import"].contains(&first), "{s} has consent log {events}");
            if s["status"] == "erased" {
                assert!(s["email"].is_null() && s["name"].is_null(), "{s}");
            } else {
                assert!(s["email"].is_string(), "{s}");
            }
        }
        match page["next_cursor"].as_i64() {
            Some(next) => cursor = format!("&cursor={next}"),
            None => break,
        }
    }
    assert!(total >= 3);
}

#[test]
fn random_requests_never_cause_5xx_or_partial_writes_sqlite() {
    fuzz(Backend::Sqlite);
}

#[test]
fn random_requests_never_cause_5xx_or_partial_writes_postgres() {
    fuzz(Backend::Postgres);
}
