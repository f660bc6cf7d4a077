//! The import upload end to end in a real headless Chromium, driven over WebDriver
//! (`chromedriver`): an editor signs in, opens `/admin/imports`, chooses a CSV file in the file
//! input (WebDriver types the file's path into it, as a person picks it), maps a column with
//! another name, chooses the consent option and its source, and runs the preview: `imports.js`
//! sends the file, the preview lists each row's outcome. "Start import" then runs the import;
//! the page follows its progress to the end and shows the report with the counts and the
//! link to the rejected rows.
//!
//! The browser comes from `rundbrief_testkit::browser`, as in tests/admin_browser.rs: Debian's
//! `chromium` and `chromium-driver`; without them the test says it SKIPPED, and fails when
//! `RUNDBRIEF_TEST_BROWSER_REQUIRED=1` (as in `.ci/run`).
#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use rundbrief_testkit::admin::{PASSWORD, create_ok};
use rundbrief_testkit::browser::{Browser, programs, skip_or_fail};
use rundbrief_testkit::{TestApp, TestDb};
use serde_json::json;

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
/// Good rows in the file: enough that the import takes a while and its page reloads.
const GOOD: usize = 30_000;

/// The digits of a number as the page writes it ("30.000", "30,000", "30 000").
fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

#[test]
fn an_editor_uploads_previews_and_imports_a_csv_file_in_chromium() {
    let (chromium, chromedriver) = match programs() {
        Ok(found) => found,
        Err(reason) => return skip_or_fail(&reason),
    };
    let db = TestDb::sqlite();
    let (app, _smtp) = TestApp::spawn_with_smtp(BIN, &db, &[("RUNDBRIEF_API_RATE_LIMIT", "0")]);
    create_ok(&app, "redaktion@example.org", "editor");

    // A German spreadsheet: the address column is called "Kontakt", which no alias knows;
    // lines 3 and 6 are broken.
    let mut csv = String::from("Kontakt;Name;Sprache\n");
    for i in 0..GOOD {
        writeln!(csv, "leserin{i}@example.de;Leserin {i};de").unwrap();
        if i == 0 {
            csv.push_str("keine-adresse;Kaputt;de\n");
        }
        if i == 2 {
            csv.push_str("dritte@example.de;Falsch;klingonisch\n");
        }
    }
    let file = app.dir.path().join("mitglieder.csv");
    std::fs::write(&file, &csv).unwrap();

    let browser = Browser::open(&chromium, &chromedriver);
    let url = |path: &str| format!("{}{path}", app.url);
    browser.go(&url("/admin/login?lang=de"));
    browser.type_into("#email", "redaktion@example.org");
    browser.type_into("#password", PASSWORD);
    browser.click("main form button[type=submit]");
    browser.wait_for(
        "the dashboard",
        "return location.pathname === '/admin';",
        Duration::from_secs(10),
    );

    browser.go(&url("/admin/imports"));
    assert_eq!(browser.title(), "Abonnements importieren – Rundbrief");
    // Choosing the file: WebDriver's "send keys" to a file input is the path of the file.
    let input = browser.find("#file");
    browser.call(
        "POST",
        &format!("/element/{input}/value"),
        Some(json!({ "text": file.to_str().unwrap() })),
    );
    let chosen = browser.script("return document.getElementById('file').files[0].name;");
    assert_eq!(chosen, "mitglieder.csv");

    // Without a consent choice the server refuses, and the script says so above the form.
    browser.click("#import-form button[type=submit]");
    browser.wait_for(
        "the consent error",
        "var e=document.getElementById('import-errors');return !e.hidden && e.textContent.length>0;",
        Duration::from_secs(20),
    );
    assert!(browser.path().starts_with("/admin/imports"), "{}", browser.path());

    browser.type_into("#map", "Kontakt=email");
    browser.click("#consent-elsewhere");
    browser.type_into("#source", "Mitgliederliste 2026");
    browser.click("#import-form button[type=submit]");
    browser.wait_for(
        "the preview's page",
        "return /^\\/admin\\/imports\\/\\d+$/.test(location.pathname);",
        Duration::from_secs(30),
    );
    let preview_path = browser.path();
    // The page reloads itself while the dry run runs; then it lists each row's outcome.
    browser.wait_for(
        "the preview",
        "return !!document.getElementById('import-preview');",
        Duration::from_secs(120),
    );
    assert_eq!(browser.title(), "Vorschau des Imports – Rundbrief");
    let outcomes = browser.script(
        "return Array.from(document.querySelectorAll('#import-preview tbody tr'))\
         .map(function (tr) { return [tr.getAttribute('data-outcome'), tr.cells[0].textContent, tr.cells[1].textContent]; });",
    );
    let outcomes = outcomes.as_array().unwrap();
    assert_eq!(outcomes.len(), 50, "the first 50 rows: {outcomes:?}");
    let rejected: Vec<&str> = outcomes
        .iter()
        .filter(|row| row[0] == "rejected")
        .map(|row| row[1].as_str().unwrap())
        .collect();
    assert_eq!(rejected, ["3", "6"], "the broken lines: {outcomes:?}");
    assert!(
        outcomes.iter().any(|row| row[0] == "created" && row[2] == "leserin0@example.de"),
        "{outcomes:?}"
    );
    assert_eq!(digits(&browser.text("#import-totals [data-count=created]")), GOOD.to_string());
    assert_eq!(digits(&browser.text("#import-totals [data-count=rejected]")), "2");
    let token = app.api_token("check");
    let search = |email: &str| {
        let path = format!("/api/v1/subscribers?q={}", email.replace('@', "%40"));
        app.api(&token, "GET", &path, None).json()["items"].as_array().unwrap().len()
    };
    assert_eq!(search("leserin0@example.de"), 0, "the preview writes nothing");

    // Start: a new job's page, which follows the import to its end.
    browser.click("form[action$='/start'] button[type=submit]");
    browser.wait_for(
        "the import's page",
        &format!(
            "return /^\\/admin\\/imports\\/\\d+$/.test(location.pathname) && location.pathname !== '{preview_path}';"
        ),
        Duration::from_secs(10),
    );
    assert_eq!(browser.title(), "Import – Rundbrief");
    let mut seen = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        let state = browser.script(
            "var p=document.getElementById('import-progress');var box=document.getElementById('import');\
             return [p ? Number(p.value) : -1, box ? box.hasAttribute('data-reload-seconds') : true];",
        );
        let percent = state[0].as_i64().unwrap_or(-1);
        if seen.last() != Some(&percent) {
            seen.push(percent);
        }
        if percent == 100 && state[1] == false {
            break;
        }
        assert!(Instant::now() < deadline, "the import did not end: {seen:?}\n{}", app.log());
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "progress only grows: {seen:?}");
    assert_eq!(browser.text("#import-status"), "Fertig");
    assert_eq!(digits(&browser.text("#import-percent")), "100");
    assert_eq!(digits(&browser.text("#import-totals [data-count=created]")), GOOD.to_string());
    assert_eq!(digits(&browser.text("#import-totals [data-count=rejected]")), "2");
    assert_eq!(digits(&browser.text("#import-totals [data-count=updated]")), "0");
    // The rejected rows by line and column, and the file to fix them by.
    let lines = browser.script(
        "return Array.from(document.querySelectorAll('#import-rejects tbody tr'))\
         .map(function (tr) { return tr.cells[0].textContent + ':' + tr.cells[1].textContent; });",
    );
    assert_eq!(lines, json!(["3:Kontakt", "6:Sprache"]));
    let link =
        browser.script("return document.getElementById('rejects-csv').getAttribute('href');");
    let link = link.as_str().unwrap().to_owned();
    assert!(link.ends_with("/rejects.csv"), "{link}");
    let fetched = browser.script_async(&format!(
        "var done=arguments[0];fetch('{link}').then(function(r){{return r.text();}}).then(done);"
    ));
    assert!(fetched.as_str().unwrap().starts_with("line,column,reason\r\n3,"), "{fetched}");
    assert_eq!(search("leserin0@example.de"), 1);
    assert_eq!(search(&format!("leserin{}@example.de", GOOD - 1)), 1);
    assert_eq!(search("dritte@example.de"), 0);
}
