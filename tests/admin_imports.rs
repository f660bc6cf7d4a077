//! Importing a CSV file in the editor UI (`/admin/imports`): upload (as the form's script
//! sends it: the file as the body, the CSRF token in a header), the dry run's preview, "start
//! import", and the report with its rejected rows. A viewer may look but not import. Against
//! the real binary, on both backends.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use rundbrief_testkit::admin::{AdminSession, create_ok, csrf_of};
use rundbrief_testkit::{Backend, Response, TestApp, TestDb};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");

/// The upload as `imports.js` sends it.
fn upload(session: &AdminSession<'_>, token: &str, query: &str, body: &[u8]) -> Response {
    let cookie = session.jar.header();
    session.app.request(
        "POST",
        &format!("/admin/imports?{query}"),
        &[("Cookie", &cookie), ("X-CSRF-Token", token), ("Content-Type", "text/csv")],
        body,
    )
}

/// The job's page once it no longer refreshes itself (the job is done or failed).
fn finished_page(session: &mut AdminSession<'_>, path: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let page = session.page(path);
        if !page.contains("data-reload-seconds") {
            return page;
        }
        assert!(Instant::now() < deadline, "{path} still running:\n{page}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn an_editor_previews_starts_and_reads_the_report_of_an_import(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let (app, _smtp) = TestApp::spawn_with_smtp(BIN, &db, &[]);
    create_ok(&app, "editor@example.org", "editor");
    let mut session = AdminSession::new(&app).sign_in("editor@example.org");
    let subscribers = session.page("/admin/subscribers");
    assert!(subscribers.contains("href=\"/admin/imports\""), "linked from the subscribers");
    let overview = session.page("/admin/imports");
    assert!(overview.contains("id=\"import-form\""), "{overview}");
    assert!(overview.contains("/admin/static/imports.js"));
    let token = csrf_of(&overview);
    assert_eq!(session.get("/admin/static/imports.js").status, 200);

    // No consent choice: refused with the field named, nothing stored.
    let csv = "email;name\nana@example.pt;Ana\nbroken;X\nbernd@example.de;Bernd\n";
    let refused = upload(&session, &token, "language=de", csv.as_bytes());
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert_eq!(refused.json()["errors"][0]["field"], "consent");
    // Without the token (or with another) the guard refuses.
    let forged = upload(&session, "forged", "consent=proof", csv.as_bytes());
    assert_eq!(forged.status, 403);

    // Mappings as the form's lines send them: an unknown field is the map field's problem, a
    // column the file does not have the file's; each names what is wrong, in the UI's words.
    let mapped = "consent=proof&language=de&map=Kontakt%3Demail&map=Farbe%3Dlieblingsfarbe";
    let field = upload(&session, &token, mapped, b"Kontakt;Seit\nana@example.pt;2021-01-01\n");
    assert_eq!(field.status, 422, "{}", field.text());
    let problem = &field.json()["errors"][0];
    assert_eq!(problem["field"], "map");
    let message = problem["message"].as_str().unwrap();
    let worded =
        ["Eine Spaltenzuordnung", "A column mapping"].iter().any(|w| message.starts_with(w));
    assert!(worded && message.contains("'lieblingsfarbe'"), "{message}");
    let mapped = "consent=proof&language=de&map=Kontackt%3Demail&map=Seit%3Doptin_time";
    let column = upload(&session, &token, mapped, b"Kontakt;Seit\nana@example.pt;2021-01-01\n");
    assert_eq!(column.status, 422, "{}", column.text());
    assert!(column.json()["errors"][0]["message"].as_str().unwrap().contains("'kontackt'"));
    assert!(session.page("/admin/imports").contains("id=\"map\""), "the form has the field");

    let query =
        "consent=obtained-elsewhere&source=Sommerfest%202026&language=de&file_name=fest.csv";
    let uploaded = upload(&session, &token, query, csv.as_bytes());
    assert_eq!(uploaded.status, 201, "{}", uploaded.text());
    let preview_path = uploaded.json()["location"].as_str().unwrap().to_owned();
    let preview = finished_page(&mut session, &preview_path);
    assert!(preview.contains("id=\"import-preview\""), "{preview}");
    assert!(preview.contains("ana@example.pt") && preview.contains("bernd@example.de"));
    assert_eq!(preview.matches("data-outcome=\"created\"").count(), 2, "{preview}");
    assert_eq!(preview.matches("data-outcome=\"rejected\"").count(), 1, "{preview}");
    let token_api = app.api_token("check");
    let search = |email: &str| {
        let path = format!("/api/v1/subscribers?q={}", email.replace('@', "%40"));
        app.api(&token_api, "GET", &path, None).json()["items"].as_array().unwrap().len()
    };
    assert_eq!(search("ana@example.pt"), 0, "the preview writes nothing");

    let start = format!("{preview_path}/start");
    let started = session.post_with(&token, &start, &[]);
    assert_eq!(started.status, 303, "{}", started.text());
    let job_path = started.header("location").unwrap().to_owned();
    assert_ne!(job_path, preview_path);
    let report = finished_page(&mut session, &job_path);
    assert!(report.contains("data-count=\"created\">2<"), "{report}");
    assert!(report.contains("data-count=\"rejected\">1<"), "{report}");
    assert!(report.contains("id=\"import-rejects\""), "{report}");
    assert!(report.contains("<td class=\"num\">3</td><td>email</td>"), "line and column: {report}");
    assert!(report.contains("account "), "who: {report}");
    assert!(!report.contains("ana@example.pt"), "a report keeps no addresses");
    assert_eq!(search("ana@example.pt"), 1);
    assert_eq!(search("bernd@example.de"), 1);
    let rejects = session.get(&format!("{job_path}/rejects.csv"));
    assert_eq!(rejects.status, 200);
    assert!(rejects.text().starts_with("line,column,reason\r\n3,\"email\","), "{}", rejects.text());
    // A preview is started once: its file went to the import.
    assert_eq!(session.post_with(&token, &start, &[]).status, 409);
    let overview = session.page("/admin/imports");
    assert_eq!(overview.matches("fest.csv").count(), 2, "preview and import listed");

    // A viewer sees the imports but cannot upload or start one.
    create_ok(&app, "viewer@example.org", "viewer");
    let mut viewer = AdminSession::new(&app).sign_in("viewer@example.org");
    let page = viewer.page(&preview_path);
    assert!(page.contains("disabled"), "the start button is disabled for a viewer");
    let viewer_token = csrf_of(&viewer.page("/admin/imports"));
    assert_eq!(upload(&viewer, &viewer_token, query, csv.as_bytes()).status, 403);
    assert_eq!(viewer.post_with(&viewer_token, &start, &[]).status, 403);
}

rundbrief_testkit::on_both_backends!(an_editor_previews_starts_and_reads_the_report_of_an_import);
