//! End to end in a real headless Chromium, driven over WebDriver (`chromedriver`): an editor
//! signs in, creates an issue with German and Polish variants for a segment, sends it, watches
//! the progress bar reach 100 % through the server-sent events, and the loopback SMTP server
//! holds German mail for German readers and Polish mail for Polish ones.
//!
//! The browser comes from `rundbrief_testkit::browser`: Debian's `chromium` and
//! `chromium-driver`; without them the test says it SKIPPED, and fails when
//! `RUNDBRIEF_TEST_BROWSER_REQUIRED=1` (as in `.ci/run`).
//!
//! With `RUNDBRIEF_SCREENSHOTS=<dir>` it also saves the dashboard, the composer with its
//! translation matrix and the progress view at 1280 and 375 px wide as PNG (that is how
//! `docs/screenshots/` is made; see the README).
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use rundbrief_testkit::admin::{PASSWORD, create_ok};
use rundbrief_testkit::browser::{Browser, ELEMENT, programs, skip_or_fail};
use rundbrief_testkit::{SmtpServer, TestApp, TestDb};
use serde_json::json;

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const GERMAN: &str = "Neuigkeiten im Dezember";
const POLISH: &str = "Aktualności grudniowe";

/// Marks the open variant ready, saves it and waits for the page to say it is saved.
/// The page before may show a notice already, so the wait first needs a new document: a mark
/// set on this one is gone once the browser has loaded the next.
fn save_ready(browser: &Browser) {
    browser.click("#ready");
    browser.script("window.beforeSave = true; return true;");
    browser.click("form[data-live-preview] button[type=submit]:not([data-preview-button])");
    browser.wait_for(
        "the saved notice",
        "return !window.beforeSave && document.readyState === 'complete' \
         && !!document.querySelector('p.notice');",
        Duration::from_secs(10),
    );
}

#[test]
fn an_editor_sends_a_german_and_polish_issue_in_chromium() {
    let (chromium, chromedriver) = match programs() {
        Ok(found) => found,
        Err(reason) => return skip_or_fail(&reason),
    };
    let screenshots = std::env::var_os("RUNDBRIEF_SCREENSHOTS").map(PathBuf::from);
    if let Some(dir) = &screenshots {
        std::fs::create_dir_all(dir).unwrap();
    }
    let db = TestDb::sqlite();
    let smtp = SmtpServer::start();
    let smtp_url = smtp.url();
    // Two mails a second: slow enough to watch the bar move.
    let app = TestApp::spawn(
        BIN,
        &db,
        &[
            ("RUNDBRIEF_SMTP_URL", smtp_url.as_str()),
            ("RUNDBRIEF_API_RATE_LIMIT", "0"),
            ("RUNDBRIEF_SEND_RATE", "2"),
            ("RUNDBRIEF_SEND_RETRY_SECONDS", "1"),
        ],
    );
    let mut readers: Vec<(String, &str)> = Vec::new();
    for (language, count) in [("de", 5), ("pl", 4), ("fr", 2), ("it", 1)] {
        for i in 0..count {
            readers.push((format!("leser{i}@{language}.example.org"), language));
        }
    }
    app.add_readers(&readers);
    create_ok(&app, "redaktion@example.org", "editor");

    let browser = Browser::open(&chromium, &chromedriver);
    let url = |path: &str| format!("{}{path}", app.url);

    browser.go(&url("/admin/login?lang=de"));
    assert_eq!(browser.title(), "Anmelden – Rundbrief");
    browser.type_into("#email", "redaktion@example.org");
    browser.type_into("#password", PASSWORD);
    browser.click("main form button[type=submit]");
    browser.wait_for(
        "the dashboard",
        "return location.pathname === '/admin';",
        Duration::from_secs(10),
    );

    // A new issue for German, Polish and French readers; the count follows the boxes.
    browser.click("a[href='/admin/issues']");
    browser.click("a[href='/admin/issues/new']");
    browser.type_into("#title", "Dezember");
    for language in ["de", "pl", "fr"] {
        browser.click(&format!("input[name=languages][value={language}]"));
    }
    browser.wait_for(
        "the live recipient count",
        "return document.getElementById('recipient-count').textContent === '11 Adressen';",
        Duration::from_secs(10),
    );
    browser.click("form[action='/admin/issues'] button[type=submit]");
    browser.wait_for(
        "the composer",
        "return !!document.getElementById('matrix-title');",
        Duration::from_secs(10),
    );
    let issue = browser.path().split('?').next().unwrap().to_owned();

    browser.type_into("#subject", GERMAN);
    browser.type_into(
        "#body_markdown",
        &format!("# {GERMAN}\n\nHallo {{{{ name }}}}, hier sind die Neuigkeiten."),
    );
    save_ready(&browser);

    // Add Polish as a language, then write it; the preview follows the typing.
    browser.script("document.getElementById('add-language').value = 'pl';");
    browser.click("#add-language ~ button");
    browser.wait_for(
        "the Polish tab",
        "return location.search.indexOf('tab=pl') >= 0;",
        Duration::from_secs(10),
    );
    browser.type_into("#subject", POLISH);
    browser.type_into("#body_markdown", &format!("# {POLISH}\n\nDzień dobry {{{{ name }}}}."));
    let frame = browser.find("#preview-frame");
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        browser.call("POST", "/frame", Some(json!({"id": {ELEMENT: frame}})));
        let source = browser.call("GET", "/source", None);
        browser.call("POST", "/frame", Some(json!({"id": null})));
        if source.as_str().unwrap_or_default().contains("Dzień dobry") {
            break;
        }
        assert!(Instant::now() < deadline, "the live preview did not show the draft");
        std::thread::sleep(Duration::from_millis(200));
    }
    save_ready(&browser);

    // The matrix: Polish readers get Polish, French readers the German fallback.
    let pl = browser.text("#matrix tr[data-language=pl] td.receives");
    assert_eq!(pl, "Eigene Sprache");
    let fr = browser.text("#matrix tr[data-language=fr] td.receives");
    assert_eq!(fr, "Ersatz: Deutsch");
    if let Some(dir) = &screenshots {
        for width in [1280, 375] {
            browser.screenshot(dir, "composer", width, Some("#variant"));
        }
    }

    // Send, behind the confirmation with the count.
    browser.click(&format!("a[href='{issue}/send']"));
    assert!(browser.text("#send-count").contains("11"), "{}", browser.text("#send-count"));
    browser.click("#send-confirm");
    browser.wait_for(
        "the progress page",
        "return !!document.getElementById('progress-bar');",
        Duration::from_secs(10),
    );
    assert_eq!(browser.title(), "Versandfortschritt – Rundbrief");

    // The bar moves with the events (the script marks the box with the status it got) and
    // reaches 100 %.
    let mut shot_while_sending = false;
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let state = browser.script(
            "var b=document.getElementById('progress-bar');var box=document.getElementById('progress');\
             return [b ? Number(b.value) : -1, box ? box.getAttribute('data-status') : null];",
        );
        let percent = state[0].as_i64().unwrap_or(-1);
        if percent == 100 && state[1] == "sent" {
            break;
        }
        if let Some(dir) = screenshots.as_ref().filter(|_| !shot_while_sending && percent >= 30) {
            for width in [1280, 375] {
                browser.screenshot(dir, "progress", width, None);
            }
            shot_while_sending = true;
        }
        assert!(Instant::now() < deadline, "the bar did not reach 100 %: {state}\n{}", app.log());
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(browser.text("#total-sent"), "11");
    // The rate as German writes it, also after the events rewrote it: "2,0", not "2.0".
    let rate = browser.text("#progress-rate");
    assert!(rate.contains(',') && !rate.contains('.'), "rate {rate:?}");
    assert_eq!(browser.text("#progress-languages tr[data-language=pl] [data-field=sent]"), "4");

    for (email, language) in &readers {
        if *language == "it" {
            assert_eq!(smtp.count_for(email), 0, "{email} is outside the segment");
            continue;
        }
        let mail = smtp.wait_for(email, Duration::from_secs(10));
        let expected = if *language == "pl" { POLISH } else { GERMAN };
        assert_eq!(mail.subject(), expected, "{email}");
        assert_eq!(smtp.count_for(email), 1, "{email}");
    }

    // The dashboard last, so it shows the issue just sent.
    if let Some(dir) = &screenshots {
        browser.go(&url("/admin"));
        for width in [1280, 375] {
            browser.screenshot(dir, "dashboard", width, None);
        }
    }
}
