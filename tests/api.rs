//! Black-box tests of the JSON API `/api/v1`: bearer tokens from `rundbrief token create`,
//! RFC 9457 problem documents for every kind of bad request, and an OpenAPI document that
//! matches what the server answers. Each on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

use rundbrief_testkit::{Backend, Response, SmtpServer, TestApp, TestDb};
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");

fn start(db: &TestDb, smtp: &SmtpServer, extra: &[(&str, &str)]) -> TestApp {
    let url = smtp.url();
    let mut env = vec![("RUNDBRIEF_SMTP_URL", url.as_str()), ("RUNDBRIEF_API_RATE_LIMIT", "0")];
    env.extend_from_slice(extra);
    TestApp::spawn(BIN, db, &env)
}

/// A problem document with the given status, as RFC 9457 describes it.
fn assert_problem(response: &Response, status: u16) -> Value {
    assert_eq!(response.status, status, "{}", response.text());
    assert_eq!(response.header("content-type"), Some("application/problem+json"));
    let body = response.json();
    assert_eq!(body["status"], status);
    assert!(
        body["title"].is_string() && body["type"].is_string() && body["detail"].is_string(),
        "{body}"
    );
    body
}

fn token_create_prints_a_token_that_is_stored_only_as_a_hash(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let smtp = SmtpServer::start();
    let app = start(&db, &smtp, &[]);
    let token = app.api_token("crm-sync");
    assert!(token.len() > 40, "{token}");
    assert_eq!(app.api(&token, "GET", "/api/v1/subscribers", None).status, 200);
    let other = app.api_token("second");
    assert_ne!(token, other, "every token is new");

    let missing = app.get("/api/v1/subscribers", &[]);
    assert_problem(&missing, 401);
    assert_eq!(missing.header("www-authenticate"), Some("Bearer"));
    assert_problem(&app.api("rbt_not-a-real-token", "GET", "/api/v1/subscribers", None), 401);
    assert_problem(&app.api(&format!("{token}x"), "GET", "/api/v1/lists", None), 401);
    assert_problem(&app.get("/api/v1/subscribers", &[("Authorization", "Basic YTpi")]), 401);

    if backend == Backend::Sqlite {
        let path = db.url.trim_start_matches("sqlite://");
        let mut stored = std::fs::read(path).unwrap();
        stored.extend(std::fs::read(format!("{path}-wal")).unwrap_or_default());
        let needle = token.as_bytes();
        assert!(
            !stored.windows(needle.len()).any(|w| w == needle),
            "the secret itself is never stored"
        );
    }
    let empty = app.command(&["token", "create", "--name", " "]);
    assert!(!empty.status.success());
}

fn bad_requests_get_problem_documents_never_500(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let smtp = SmtpServer::start();
    let app = start(&db, &smtp, &[]);
    let token = app.api_token("tests");
    let auth = format!("Bearer {token}");
    let post = |content_type: &str, body: &[u8]| {
        app.request(
            "POST",
            "/api/v1/subscribers",
            &[("Authorization", &auth), ("Content-Type", content_type)],
            body,
        )
    };

    let malformed = assert_problem(&post("application/json", b"{\"email\": "), 400);
    assert!(malformed["detail"].as_str().unwrap().contains("malformed JSON"));
    assert_problem(&post("text/plain", b"{}"), 415);
    assert_problem(
        &app.request("POST", "/api/v1/subscribers", &[("Authorization", &auth)], b"{}"),
        415,
    );
    let huge = format!("{{\"email\": \"{}\"}}", "a".repeat(200_000));
    assert_problem(&post("application/json", huge.as_bytes()), 413);

    let invalid = assert_problem(
        &post(
            "application/json",
            br#"{"email": "nope", "language": "tr", "audience": "x", "colour": 1, "lists": [999]}"#,
        ),
        422,
    );
    let fields: Vec<&str> = invalid["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    for field in ["email", "language", "audience", "colour", "lists"] {
        assert!(fields.contains(&field), "{field} not reported: {invalid}");
    }
    assert!(
        invalid["errors"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| !e["reason"].as_str().unwrap().is_empty())
    );
    assert_problem(&post("application/json", b"[1, 2]"), 422);
    assert_problem(&post("application/json", br#"{"email": 5}"#), 422);
    assert_problem(
        &post("application/json", br#"{"email": "a@example.org", "name": "x\u0000y"}"#),
        422,
    );
    assert_problem(
        &post("application/json", br#"{"email": "a@example.org", "attributes": {"k": "\u0000"}}"#),
        422,
    );
    let all = app.api(&token, "GET", "/api/v1/subscribers", None).json();
    assert_eq!(all["items"], json!([]), "refused requests write nothing");

    let created = post("application/json", br#"{"email": "dup@example.org", "language": "sk"}"#);
    assert_eq!(created.status, 201, "{}", created.text());
    assert_eq!(created.json()["status"], "pending", "double opt-in by default");
    smtp.wait_for("dup@example.org", std::time::Duration::from_secs(15));
    assert_problem(&post("application/json", br#"{"email": "DUP@example.org"}"#), 409);

    assert_problem(&app.api(&token, "GET", "/api/v1/subscribers/999999", None), 404);
    assert_problem(&app.api(&token, "GET", "/api/v1/subscribers/abc", None), 404);
    assert_problem(&app.api(&token, "GET", "/api/v1/nothing-here", None), 404);
    assert_problem(&app.api(&token, "DELETE", "/api/v1/lists/77", None), 404);
    assert_problem(
        &app.api(&token, "GET", "/api/v1/subscribers?status=happy&limit=0&cursor=x", None),
        422,
    );
    assert_problem(&app.api(&token, "GET", "/api/v1/subscribers?q=%00", None), 422);
    assert_problem(
        &app.api(&token, "POST", "/api/v1/lists", Some(&json!({"slug": "Bad Slug!", "names": {}}))),
        422,
    );
    assert_problem(
        &app.api(&token, "PATCH", "/api/v1/subscribers/1", Some(&json!({"status": "active"}))),
        422,
    );
    assert_problem(&app.api(&token, "PUT", "/api/v1/subscribers", None), 405);
}

fn the_api_is_rate_limited_per_ip(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let smtp = SmtpServer::start();
    let app = start(&db, &smtp, &[("RUNDBRIEF_API_RATE_LIMIT", "5")]);
    let token = app.api_token("tests");
    let statuses: Vec<u16> =
        (0..6).map(|_| app.api(&token, "GET", "/api/v1/lists", None).status).collect();
    assert_eq!(statuses[..5], [200; 5]);
    let limited = app.api(&token, "GET", "/api/v1/lists", None);
    assert_problem(&limited, 429);
    assert!(limited.header("retry-after").is_some());
}

fn subscribers_lists_and_subscriptions_round_trip(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let smtp = SmtpServer::start();
    let app = start(&db, &smtp, &[]);
    let token = app.api_token("tests");
    let api = |method: &str, path: &str, body: Option<Value>| {
        app.api(&token, method, path, body.as_ref())
    };

    let list = api(
        "POST",
        "/api/v1/lists",
        Some(
            json!({"slug": "housing", "names": {"de": "Wohnen", "pl": "Mieszkanie"}, "public": true}),
        ),
    );
    assert_eq!(list.status, 201, "{}", list.text());
    let list = list.json();
    assert_eq!(list["names"]["pl"], "Mieszkanie");
    let list_id = list["id"].as_i64().unwrap();
    assert_eq!(
        api("POST", "/api/v1/lists", Some(json!({"slug": "housing", "names": {"de": "X"}}))).status,
        409
    );
    let renamed = api(
        "PUT",
        &format!("/api/v1/lists/{list_id}"),
        Some(json!({"slug": "housing", "names": {"de": "Wohnen", "ro": "Locuințe"}})),
    );
    assert_eq!(renamed.status, 200);
    assert_eq!(renamed.json()["names"], json!({"de": "Wohnen", "ro": "Locuințe"}));
    assert_eq!(renamed.json()["public"], false);

    let mut ids = Vec::new();
    for (i, lang) in ["de", "pl", "pl", "ro", "el"].iter().enumerate() {
        let body = json!({
            "email": format!("p{i}@example.org"), "name": format!("Person {i}"), "language": lang,
            "region": if i % 2 == 0 { "Nord" } else { "Süd" }, "audience": "citizen",
            "attributes": {"source": "fair"}, "lists": if i < 2 { vec![list_id] } else { vec![] },
            "consent": "obtained_elsewhere",
        });
        let created = api("POST", "/api/v1/subscribers", Some(body));
        assert_eq!(created.status, 201, "{}", created.text());
        ids.push(created.json()["id"].as_i64().unwrap());
    }
    assert_eq!(smtp.messages().len(), 0);
    let items = |query: &str| -> Vec<i64> {
        let page = api("GET", &format!("/api/v1/subscribers?{query}"), None);
        assert_eq!(page.status, 200, "{query}: {}", page.text());
        page.json()["items"].as_array().unwrap().iter().map(|s| s["id"].as_i64().unwrap()).collect()
    };
    assert_eq!(items("language=pl"), ids[1..3]);
    assert_eq!(items("region=S%C3%BCd"), [ids[1], ids[3]]);
    assert_eq!(items(&format!("list={list_id}")), ids[..2]);
    assert_eq!(items("q=PERSON%203"), [ids[3]]);
    assert_eq!(items("status=pending"), Vec::<i64>::new());
    assert_eq!(
        items("created_from=2000-01-01T00:00:00Z&created_before=2000-01-02T00:00:00Z"),
        Vec::<i64>::new()
    );

    let mut seen = Vec::new();
    let mut cursor = String::new();
    loop {
        let page = api("GET", &format!("/api/v1/subscribers?limit=2{cursor}"), None).json();
        seen.extend(page["items"].as_array().unwrap().iter().map(|s| s["id"].as_i64().unwrap()));
        match page["next_cursor"].as_i64() {
            Some(next) => cursor = format!("&cursor={next}"),
            None => break,
        }
    }
    assert_eq!(seen, ids, "cursor pagination visits everyone once, in order");

    let patched = api(
        "PATCH",
        &format!("/api/v1/subscribers/{}", ids[0]),
        Some(json!({"name": null, "language": "fr", "region": null})),
    );
    assert_eq!(patched.status, 200, "{}", patched.text());
    let patched = patched.json();
    assert_eq!(
        (patched["name"].clone(), patched["language"].clone(), patched["region"].clone()),
        (json!(null), json!("fr"), json!(null))
    );
    assert_eq!(patched["audience"], "citizen", "absent fields stay");
    let unsubscribed = api(
        "PATCH",
        &format!("/api/v1/subscribers/{}", ids[1]),
        Some(json!({"status": "unsubscribed"})),
    );
    assert_eq!(unsubscribed.json()["status"], "unsubscribed");

    let sub_path = format!("/api/v1/subscribers/{}/lists/{list_id}", ids[4]);
    assert_eq!(api("PUT", &sub_path, None).status, 204);
    assert_eq!(api("PUT", &sub_path, None).status, 204, "idempotent");
    assert_eq!(
        api("GET", &format!("/api/v1/subscribers/{}", ids[4]), None).json()["lists"],
        json!([list_id])
    );
    assert_eq!(api("DELETE", &sub_path, None).status, 204);
    assert_eq!(
        api("GET", &format!("/api/v1/subscribers/{}", ids[4]), None).json()["lists"],
        json!([])
    );
    assert_eq!(api("PUT", &format!("/api/v1/subscribers/{}/lists/4242", ids[4]), None).status, 404);

    assert_eq!(api("DELETE", &format!("/api/v1/subscribers/{}", ids[2]), None).status, 204);
    let erased = api("GET", &format!("/api/v1/subscribers/{}", ids[2]), None).json();
    assert_eq!((erased["status"].clone(), erased["email"].clone()), (json!("erased"), json!(null)));
    let again = api("POST", "/api/v1/subscribers", Some(json!({"email": "p2@example.org"})));
    assert_eq!(again.status, 409, "an erased address stays suppressed");

    assert_eq!(api("DELETE", &format!("/api/v1/lists/{list_id}"), None).status, 204);
    assert_eq!(api("GET", &format!("/api/v1/lists/{list_id}"), None).status, 404);
}

/// The server with its OpenAPI document (read without a token) and one list, subscriber and
/// issue, so that every documented path can be called with ids that exist.
struct Documented {
    _db: TestDb,
    _smtp: SmtpServer,
    app: TestApp,
    token: String,
    doc: Value,
    list: Value,
    subscriber: Value,
    issue: Value,
}

fn documented(backend: Backend) -> Option<Documented> {
    let db = TestDb::new(backend)?;
    let smtp = SmtpServer::start();
    let app = start(&db, &smtp, &[]);
    let token = app.api_token("tests");
    let doc = app.get("/api/v1/openapi.json", &[]);
    assert_eq!(doc.status, 200, "the document needs no token");
    let doc = doc.json();
    let list = app
        .api(&token, "POST", "/api/v1/lists", Some(&json!({"slug": "a", "names": {"de": "A"}})))
        .json();
    let subscriber = app
        .api(
            &token,
            "POST",
            "/api/v1/subscribers",
            Some(&json!({"email": "o@example.org", "consent": "obtained_elsewhere"})),
        )
        .json();
    let issue = app.api(&token, "POST", "/api/v1/issues", Some(&json!({"title": "Mai"}))).json();
    Some(Documented { _db: db, _smtp: smtp, app, token, doc, list, subscriber, issue })
}

fn the_openapi_document_matches_the_server(backend: Backend) {
    // The database and the SMTP server must live as long as the test: bound, not dropped.
    let Some(Documented { _db, _smtp, app, token, doc, list, subscriber, issue }) =
        documented(backend)
    else {
        return;
    };
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1."));
    let mut checked = 0;
    let mut operations: Vec<(&String, String, &String, &Value)> = Vec::new();
    for (path, methods) in doc["paths"].as_object().unwrap() {
        let concrete = if path.starts_with("/lists") {
            path.replace("{id}", &list["id"].to_string())
        } else if path.starts_with("/issues") {
            path.replace("{id}", &issue["id"].to_string()).replace("{lang}", "de")
        } else {
            path.replace("{id}", &subscriber["id"].to_string())
                .replace("{list_id}", &list["id"].to_string())
        };
        for (method, operation) in methods.as_object().unwrap() {
            operations.push((path, concrete.clone(), method, operation));
        }
    }
    // Deletions last, so the other operations still find what they act on.
    operations.sort_by_key(|(_, _, method, _)| *method == "delete");
    // Every documented operation answers with one of its documented statuses, once with a
    // plausible body and once with junk.
    for (path, concrete, method, operation) in operations {
        let documented: Vec<&String> = operation["responses"].as_object().unwrap().keys().collect();
        let bodies: Vec<Option<Value>> = if operation.get("requestBody").is_some() {
            vec![Some(json!({"junk": true})), Some(json!({}))]
        } else {
            vec![None]
        };
        for body in bodies {
            let response = app.api(
                &token,
                &method.to_uppercase(),
                &format!("/api/v1{concrete}"),
                body.as_ref(),
            );
            assert!(
                documented.contains(&&response.status.to_string()),
                "{method} {path} answered {} (documented: {documented:?}): {}",
                response.status,
                response.text()
            );
            checked += 1;
        }
    }
    assert!(checked >= 28, "{checked}");
    let problem = &doc["components"]["schemas"]["Problem"]["properties"];
    for key in ["type", "title", "status", "detail", "errors"] {
        assert!(problem[key].is_object(), "Problem lacks {key}");
    }
}

/// Whether a request needs a token follows from the route, not from how the path ends: every
/// path and method of the OpenAPI document (with real ids, so a handler would find what it
/// looks for), every method on it the document does not list, and paths no route has, answer
/// 401 without a valid token. Only `GET /api/v1/openapi.json` is public.
fn every_api_route_needs_a_token_except_the_document(backend: Backend) {
    // The database and the SMTP server must live as long as the test: bound, not dropped.
    let Some(Documented { _db, _smtp, app, token, doc, list, subscriber, issue }) =
        documented(backend)
    else {
        return;
    };
    let base = doc["servers"][0]["url"].as_str().unwrap().to_owned();
    assert_eq!(base, "/api/v1");
    let (list, subscriber, issue) =
        (list["id"].to_string(), subscriber["id"].to_string(), issue["id"].to_string());

    let all_methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
    let mut paths: Vec<String> = Vec::new();
    let mut documented = 0;
    for (path, methods) in doc["paths"].as_object().unwrap() {
        let id = if path.starts_with("/lists") {
            &list
        } else if path.starts_with("/issues") {
            &issue
        } else {
            &subscriber
        };
        let concrete = path
            .replace("{id}", id)
            .replace("{list_id}", &list)
            .replace("{lang}", "de")
            .replace("{revision}", "1");
        assert!(!concrete.contains('{'), "a parameter without a value: {path}");
        for method in methods.as_object().unwrap().keys() {
            assert!(all_methods.contains(&method.to_uppercase().as_str()), "{method} {path}");
            documented += 1;
        }
        paths.push(format!("{base}{concrete}"));
    }
    assert!(documented >= 28, "the document lists the API: {documented} operations");
    // Paths that end like the document, and paths no route has, fall to the same check.
    for extra in [
        "/api/v1/issues/1/variants/openapi.json",
        "/api/v1/issues/openapi.json",
        "/api/v1/lists/openapi.json",
        "/api/v1/openapi.json/",
        "/api/v1/openapi.json/openapi.json",
        "/api/v1/nothing/here/openapi.json",
        "/api/v1/nothing",
    ] {
        paths.push(extra.to_owned());
    }
    let wrong = format!("Bearer {token}x");
    let mut checked = 0;
    for path in &paths {
        for method in all_methods {
            for headers in [vec![], vec![("Authorization", wrong.as_str())]] {
                let response = app.request(method, path, &headers, b"");
                assert_eq!(
                    response.status,
                    401,
                    "{method} {path} with {headers:?}: {}",
                    response.text()
                );
                assert_eq!(response.header("www-authenticate"), Some("Bearer"), "{method} {path}");
                checked += 1;
            }
        }
    }
    assert!(checked > 2 * all_methods.len() * 10, "{checked}");
    // The report's probe, with a body: refused before the handler could parse anything.
    let body = json!({"subject": "x", "body": "y", "status": "ready"}).to_string();
    let probe = app.request(
        "PUT",
        "/api/v1/issues/1/variants/openapi.json",
        &[("Content-Type", "application/json")],
        body.as_bytes(),
    );
    assert_problem(&probe, 401);
    // The document itself: public for GET and HEAD only.
    assert_eq!(app.request("HEAD", "/api/v1/openapi.json", &[], b"").status, 200);
    for method in ["POST", "PUT", "PATCH", "DELETE"] {
        let response = app.request(method, "/api/v1/openapi.json", &[], b"");
        assert_problem(&response, 401);
        let auth = format!("Bearer {token}");
        let with_token =
            app.request(method, "/api/v1/openapi.json", &[("Authorization", auth.as_str())], b"");
        assert_problem(&with_token, 405);
    }
}

rundbrief_testkit::on_both_backends!(
    token_create_prints_a_token_that_is_stored_only_as_a_hash,
    bad_requests_get_problem_documents_never_500,
    the_api_is_rate_limited_per_ip,
    subscribers_lists_and_subscriptions_round_trip,
    the_openapi_document_matches_the_server,
    every_api_route_needs_a_token_except_the_document,
);
