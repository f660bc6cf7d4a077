//! Imports through the API (`POST /api/v1/imports`): a CSV body becomes a background job whose
//! progress and report `GET /api/v1/imports/{id}` reads; the consent choice is required; a job
//! of a killed server is finished by the next one. Against the real binary, on both backends.
#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;
use std::io::{Read as _, Write as _};
use std::time::{Duration, Instant};

use rundbrief_testkit::{Backend, Response, TestApp, TestDb};
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");

fn start(db: &TestDb) -> TestApp {
    TestApp::spawn_with_smtp(BIN, db, &[]).0
}

fn post_csv(app: &TestApp, token: &str, query: &str, content_type: &str, body: &[u8]) -> Response {
    let auth = format!("Bearer {token}");
    app.request(
        "POST",
        &format!("/api/v1/imports{query}"),
        &[("Authorization", &auth), ("Content-Type", content_type)],
        body,
    )
}

/// Polls the import until it is done or failed.
fn finished(app: &TestApp, token: &str, id: i64, within: Duration) -> Value {
    let deadline = Instant::now() + within;
    loop {
        let response = app.api(token, "GET", &format!("/api/v1/imports/{id}"), None);
        assert_eq!(response.status, 200, "{}", response.text());
        let job = response.json();
        if job["status"] == "done" || job["status"] == "failed" {
            return job;
        }
        assert!(Instant::now() < deadline, "import {id} not finished: {job}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn subscriber(app: &TestApp, token: &str, email: &str) -> Option<Value> {
    let path = format!("/api/v1/subscribers?q={}", email.replace('@', "%40"));
    let page = app.api(token, "GET", &path, None).json();
    page["items"].as_array().unwrap().iter().find(|s| s["email"] == email).cloned()
}

fn an_api_import_runs_in_the_background_and_keeps_its_report(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let app = start(&db);
    let token = app.api_token("crm");
    let list = json!({"slug": "news", "names": {"de": "Neuigkeiten"}});
    assert_eq!(app.api(&token, "POST", "/api/v1/lists", Some(&list)).status, 201);
    let csv = "email;name;language;lists\n\
               ana@example.pt;Ana;pt;news\n\
               bernd@example.de;Bernd;;news\n\
               not-an-address;X;de;\n\
               cleo@example.fr;Cléo;fr;\n\
               ANA@example.pt;Ana again;pt;\n";
    let query = "?consent=obtained-elsewhere&source=Paper%20forms%202023&language=de\
                 &file_name=members.csv";
    let response = post_csv(&app, &token, query, "text/csv; charset=utf-8", csv.as_bytes());
    assert_eq!(response.status, 202, "{}", response.text());
    let started = response.json();
    let id = started["id"].as_i64().unwrap();
    assert_eq!(response.header("location"), Some(format!("/api/v1/imports/{id}").as_str()));
    assert_eq!(started["links"]["self"], format!("/api/v1/imports/{id}"));
    assert!(["queued", "running", "done"].contains(&started["status"].as_str().unwrap()));

    let job = finished(&app, &token, id, Duration::from_secs(30));
    assert_eq!(job["status"], "done", "{job}");
    assert_eq!(job["file_name"], "members.csv");
    assert_eq!(job["consent"], "obtained-elsewhere");
    assert!(job["created_by"].as_str().unwrap().contains("API token"), "{job}");
    assert_eq!(job["progress"]["rows"], 5);
    assert_eq!(job["progress"]["percent"], 100);
    let report = &job["report"];
    assert_eq!(report["created"], 3, "{report}");
    assert_eq!(report["rejected"], 2, "{report}");
    let rejects = report["rejects"].as_array().unwrap();
    assert_eq!(rejects.len(), 2);
    assert_eq!(rejects[0]["line"], 4);
    assert_eq!(rejects[0]["column"], "email");
    assert_eq!(rejects[1]["line"], 6);
    assert!(rejects[1]["reason"].as_str().unwrap().contains("earlier"), "{report}");
    assert!(report.get("preview").is_none(), "only a dry run keeps addresses in its report");

    let bernd = subscriber(&app, &token, "bernd@example.de").expect("imported");
    assert_eq!(bernd["status"], "active");
    assert_eq!(bernd["language"], "de", "the import's default language");
    let consent = app
        .api(&token, "GET", &format!("/api/v1/subscribers/{}/consent", bernd["id"]), None)
        .json();
    assert!(consent.to_string().contains("Paper forms 2023"), "{consent}");
    assert!(subscriber(&app, &token, "not-an-address").is_none());

    // Listed, newest first; the same file again creates nobody twice.
    let again = post_csv(&app, &token, query, "text/csv", csv.as_bytes()).json();
    let second = again["id"].as_i64().unwrap();
    let job = finished(&app, &token, second, Duration::from_secs(30));
    assert_eq!(job["report"]["created"], 0, "{job}");
    assert_eq!(job["report"]["skipped"]["exists"], 3, "{job}");
    let listed = app.api(&token, "GET", "/api/v1/imports", None).json();
    let ids: Vec<i64> =
        listed["items"].as_array().unwrap().iter().map(|j| j["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, vec![second, id]);
    // The uploaded file of a finished import is not kept.
    let files = std::fs::read_dir(app.dir.path().join("data/imports")).unwrap().count();
    assert_eq!(files, 0, "uploads are removed once imported");
}

fn an_import_without_a_consent_choice_or_csv_is_refused(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let app = start(&db);
    let token = app.api_token("crm");
    let csv = b"email\nana@example.pt\n";
    let problem = |response: &Response, status: u16| {
        assert_eq!(response.status, status, "{}", response.text());
        assert_eq!(response.header("content-type"), Some("application/problem+json"));
        response.json()
    };
    let none = problem(&post_csv(&app, &token, "", "text/csv", csv), 422);
    assert_eq!(none["errors"][0]["field"], "consent", "{none}");
    assert!(none["errors"][0]["reason"].as_str().unwrap().contains("obtained-elsewhere"));
    let no_source =
        problem(&post_csv(&app, &token, "?consent=obtained-elsewhere", "text/csv", csv), 422);
    assert_eq!(no_source["errors"][0]["field"], "source", "{no_source}");
    let unknown =
        problem(&post_csv(&app, &token, "?consent=proof&update=status", "text/csv", csv), 422);
    assert_eq!(unknown["errors"][0]["field"], "update", "{unknown}");
    let json_body =
        post_csv(&app, &token, "?consent=obtained-elsewhere&source=x", "application/json", b"{}");
    problem(&json_body, 415);
    let no_email = problem(
        &post_csv(&app, &token, "?consent=obtained-elsewhere&source=x", "text/csv", b"name\nAna\n"),
        422,
    );
    assert!(
        no_email["errors"][0]["reason"].as_str().unwrap().contains("no e-mail column"),
        "{no_email}"
    );
    let no_proof = problem(&post_csv(&app, &token, "?consent=proof", "text/csv", csv), 422);
    assert!(no_proof.to_string().contains("opt-in time"), "{no_proof}");
    // A body declared larger than 256 MB is refused before it is read.
    let host = app.url.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(host).unwrap();
    write!(
        stream,
        "POST /api/v1/imports?consent=proof HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: text/csv\r\nContent-Length: 300000000\r\nConnection: close\r\n\r\nemail\n"
    )
    .unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("application/problem+json"), "{answer}");
    // Without a token nothing is stored.
    assert_eq!(
        app.request("POST", "/api/v1/imports?consent=proof", &[("Content-Type", "text/csv")], csv)
            .status,
        401
    );
    let listed = app.api(&token, "GET", "/api/v1/imports", None).json();
    assert_eq!(listed["items"], json!([]), "refusals leave no job");
    assert!(subscriber(&app, &token, "ana@example.pt").is_none());
}

fn a_dry_run_previews_each_row_and_writes_nothing(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let app = start(&db);
    let token = app.api_token("crm");
    let existing =
        json!({"email": "old@example.de", "language": "de", "consent": "obtained_elsewhere"});
    let created = app.post_subscriber(&token, &existing);
    assert_eq!(created.status, 201, "{}", created.text());
    let csv = "email,language\nnew@example.de,de\nold@example.de,de\nbroken,de\n";
    let query = "?consent=double-opt-in&dry_run=true";
    let response = post_csv(&app, &token, query, "text/csv", csv.as_bytes());
    assert_eq!(response.status, 202, "{}", response.text());
    let id = response.json()["id"].as_i64().unwrap();
    let job = finished(&app, &token, id, Duration::from_secs(30));
    assert_eq!(job["dry_run"], true);
    let preview = job["report"]["preview"].as_array().unwrap();
    let outcomes: Vec<(&str, &str)> = preview
        .iter()
        .map(|row| (row["email"].as_str().unwrap(), row["outcome"].as_str().unwrap()))
        .collect();
    // Rows are told in the order they are settled: rejections at once, stored rows per batch.
    assert!(outcomes.contains(&("new@example.de", "created")), "{outcomes:?}");
    assert!(outcomes.contains(&("old@example.de", "skipped")), "{outcomes:?}");
    assert!(outcomes.contains(&("broken", "rejected")), "{outcomes:?}");
    assert!(subscriber(&app, &token, "new@example.de").is_none(), "a dry run writes nothing");
}

/// `map=COLUMN=FIELD` (repeated), as `rundbrief import --map`: columns with names no alias
/// knows fill the fields they are mapped to; an unknown field or a column the file does not
/// have is refused with its name, before anything is stored.
fn columns_with_other_names_are_mapped_as_with_the_cli(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let app = start(&db);
    let token = app.api_token("crm");
    let csv = "Kontakt;Rufname;Seit;Farbe\n\
               ana@example.pt;Ana;2021-03-04 10:11:12;blau\n\
               bernd@example.de;Bernd;2022-05-06;grün\n";
    let query = "?consent=proof&language=de&map=Kontakt%3Demail&map=Rufname%3Dname\
                 &map=Seit%3Doptin_time";
    let response = post_csv(&app, &token, query, "text/csv", csv.as_bytes());
    assert_eq!(response.status, 202, "{}", response.text());
    let id = response.json()["id"].as_i64().unwrap();
    let job = finished(&app, &token, id, Duration::from_secs(30));
    assert_eq!(job["report"]["created"], 2, "{job}");
    let ana = subscriber(&app, &token, "ana@example.pt").expect("imported by the mapped column");
    assert_eq!(ana["name"], "Ana");
    assert_eq!(ana["attributes"]["Farbe"], "blau", "unmapped columns stay attributes: {ana}");
    let consent =
        app.api(&token, "GET", &format!("/api/v1/subscribers/{}/consent", ana["id"]), None).json();
    assert!(consent.to_string().contains("2021-03-04"), "the mapped opt-in time: {consent}");

    let refused = |query: &str| {
        let response = post_csv(&app, &token, query, "text/csv", csv.as_bytes());
        assert_eq!(response.status, 422, "{query}: {}", response.text());
        response.json()
    };
    let field = refused("?consent=proof&map=Kontakt%3Demail&map=Farbe%3Dlieblingsfarbe");
    assert_eq!(field["errors"][0]["field"], "map", "{field}");
    assert!(field.to_string().contains("'lieblingsfarbe' is not a field"), "{field}");
    let column = refused("?consent=proof&map=Kontackt%3Demail&map=Seit%3Doptin_time");
    assert!(column.to_string().contains("'kontackt'"), "names the missing column: {column}");
    assert!(column.to_string().contains("Kontakt, Rufname, Seit, Farbe"), "{column}");
    let shape = refused("?consent=proof&map=Kontakt");
    assert!(shape.to_string().contains("COLUMN=FIELD"), "{shape}");
    let listed = app.api(&token, "GET", "/api/v1/imports", None).json();
    assert_eq!(listed["items"].as_array().unwrap().len(), 1, "refusals leave no job");
}

fn a_killed_server_finishes_the_import_after_its_restart(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let mut app = start(&db);
    let token = app.api_token("crm");
    let rows = 40_000;
    let mut csv = String::from("email,name\n");
    for i in 0..rows {
        writeln!(csv, "reader{i}@example.org,Reader {i}").unwrap();
    }
    let query = "?consent=obtained-elsewhere&source=Old%20system";
    let response = post_csv(&app, &token, query, "text/csv", csv.as_bytes());
    assert_eq!(response.status, 202, "{}", response.text());
    let id = response.json()["id"].as_i64().unwrap();
    // Killed while it runs, after some rows are in.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let job = app.api(&token, "GET", &format!("/api/v1/imports/{id}"), None).json();
        if job["progress"]["rows"].as_i64().unwrap_or(0) > 0 {
            assert_eq!(job["status"], "running", "{job}");
            break;
        }
        assert!(Instant::now() < deadline, "no progress: {job}");
        std::thread::sleep(Duration::from_millis(20));
    }
    app.kill();
    app.restart();
    // The dead runner's lease (15 s) runs out, then the restarted server reads the file again.
    let job = finished(&app, &token, id, Duration::from_secs(120));
    assert_eq!(job["status"], "done", "{job}");
    let report = &job["report"];
    let created = report["created"].as_i64().unwrap();
    let existing = report["skipped"]["exists"].as_i64().unwrap_or(0);
    assert_eq!(created + existing, rows, "{report}");
    assert!(existing > 0, "the rows of the first run are found, not written twice: {report}");
    let last = subscriber(&app, &token, &format!("reader{}@example.org", rows - 1)).unwrap();
    let consent =
        app.api(&token, "GET", &format!("/api/v1/subscribers/{}/consent", last["id"]), None).json();
    assert_eq!(consent.as_array().map(Vec::len), Some(1), "one consent event: {consent}");
}

rundbrief_testkit::on_both_backends!(
    an_api_import_runs_in_the_background_and_keeps_its_report,
    an_import_without_a_consent_choice_or_csv_is_refused,
    a_dry_run_previews_each_row_and_writes_nothing,
    columns_with_other_names_are_mapped_as_with_the_cli,
    a_killed_server_finishes_the_import_after_its_restart,
);
