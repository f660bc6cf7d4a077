//! The translation workflow (issue 21) end to end in a real headless Chromium, driven over
//! WebDriver (`chromedriver`), in one browser window: an editor writes the German variant of
//! an issue in the composer and downloads its XLIFF 2.0 file for Polish from the translation
//! page (the link's own URL, fetched by the page with the editor's session); every target is
//! filled with the inline codes kept, as a translator's tool does; a translator for Polish
//! signs in, chooses the file in the import form (its script puts the text into the form),
//! imports it and marks the Polish variant ready, and the matrix says so. The editor then
//! changes a paragraph of the German text: the matrix says Polish needs an update, and its
//! link shows the paragraph before and after.
//!
//! The browser comes from `rundbrief_testkit::browser`, as in tests/admin_browser.rs: Debian's
//! `chromium` and `chromium-driver`; without them the test says it SKIPPED, and fails when
//! `RUNDBRIEF_TEST_BROWSER_REQUIRED=1` (as in `.ci/run`).
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use rundbrief_testkit::admin::{PASSWORD, create_ok};
use rundbrief_testkit::browser::{Browser, programs, skip_or_fail};
use rundbrief_testkit::{TestApp, TestDb};
use serde_json::json;

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const SUBJECT: &str = "Neues für {{ name }}";
const BODY: &str = "# Dezember\n\nHallo {{ name }}, wir haben *wichtige* Neuigkeiten auf [unserer Seite](https://example.org/neu).\n\nDer Markt beginnt am Samstag.\n";
const WAIT: Duration = Duration::from_secs(15);

fn sign_in(browser: &Browser, base: &str, email: &str) {
    browser.go(&format!("{base}/admin/login?lang=de"));
    browser.type_into("#email", email);
    browser.type_into("#password", PASSWORD);
    browser.click("main form button[type=submit]");
    browser.wait_for("the dashboard", "return location.pathname === '/admin';", WAIT);
}

fn sign_out(browser: &Browser) {
    browser.click("form[action='/admin/logout'] button[type=submit]");
    browser.wait_for("the login page", "return location.pathname === '/admin/login';", WAIT);
}

/// Saves the open variant (its form's own button) and waits for the page to say so.
/// Saves the composer and waits for the page the save answers with. The page before may
/// show a notice already (the import's), so the wait first needs a new document: a mark set
/// on this one is gone once the browser has loaded the next.
fn save(browser: &Browser) {
    browser.script("window.beforeSave = true; return true;");
    browser.click("form[data-live-preview] button[type=submit]:not([data-preview-button])");
    browser.wait_for(
        "the saved notice",
        "return !window.beforeSave && document.readyState === 'complete' \
         && !!document.querySelector('p.notice');",
        WAIT,
    );
}

fn value(browser: &Browser, css: &str) -> String {
    browser
        .script(&format!("return document.querySelector('{css}').value;"))
        .as_str()
        .unwrap()
        .to_owned()
}

/// What a translator's tool does with an XLIFF 2.0 file: after each `<source>` a `<target>`
/// with "PL " before the same content, so every `<ph>` and `<pc>` stays as it was.
fn fill_targets(xliff: &str) -> String {
    let mut out = String::new();
    let mut rest = xliff;
    while let Some(start) = rest.find("<source>") {
        let end = start + rest[start..].find("</source>").unwrap() + "</source>".len();
        let inner = &rest[start + "<source>".len()..end - "</source>".len()];
        out.push_str(&rest[..end]);
        out.push_str(&format!("\n        <target>PL {inner}</target>"));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn a_translation_goes_out_as_xliff_comes_back_and_goes_stale_in_chromium() {
    let (chromium, chromedriver) = match programs() {
        Ok(found) => found,
        Err(reason) => return skip_or_fail(&reason),
    };
    let db = TestDb::sqlite();
    let app = TestApp::spawn(BIN, &db, &[("RUNDBRIEF_API_RATE_LIMIT", "0")]);
    app.add_readers(&[("leser@example.de", "de"), ("czytelnik@example.pl", "pl")]);
    create_ok(&app, "redaktion@example.org", "editor");
    let made = app.command_with_env(
        &[
            "user",
            "create",
            "--email",
            "tlumacz@example.org",
            "--role",
            "translator",
            "--languages",
            "pl",
        ],
        &[("RUNDBRIEF_USER_PASSWORD", PASSWORD)],
    );
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));

    let browser = Browser::open(&chromium, &chromedriver);
    let base = app.url.clone();

    // The editor writes the German variant for German and Polish readers.
    sign_in(&browser, &base, "redaktion@example.org");
    browser.go(&format!("{base}/admin/issues/new"));
    browser.type_into("#title", "Dezember");
    for language in ["de", "pl"] {
        browser.click(&format!("input[name=languages][value={language}]"));
    }
    browser.click("form[action='/admin/issues'] button[type=submit]");
    browser.wait_for("the composer", "return !!document.getElementById('matrix-title');", WAIT);
    let issue = browser.path().split('?').next().unwrap().to_owned();
    let id = issue.rsplit('/').next().unwrap().to_owned();
    browser.type_into("#subject", SUBJECT);
    browser.type_into("#preheader", "Kurz notiert");
    browser.type_into("#body_markdown", BODY);
    browser.click("#ready");
    save(&browser);
    assert_eq!(browser.text("#matrix tr[data-language=pl] td .badge"), "fehlt");

    // The translation page's XLIFF 2.0 link for Polish gives the file, as an attachment.
    browser.click("#translation-files-link");
    browser.wait_for(
        "the translation page",
        &format!("return location.pathname === '{issue}/translation';"),
        WAIT,
    );
    assert_eq!(browser.title(), "Übersetzungsdateien – Rundbrief");
    let link = browser
        .script(
            "return document.querySelector(\"#translation-files tr[data-language=pl] a[href$='format=xliff2']\").getAttribute('href');",
        )
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(link, format!("{issue}/variants/pl/translation?format=xliff2"));
    let download = browser.script_async(&format!(
        "var done=arguments[0];fetch('{link}').then(function(r){{return r.text().then(function(t){{\
         done([r.status, r.headers.get('content-disposition'), t]);}});}});"
    ));
    assert_eq!(download[0], 200, "{download}");
    assert!(download[1].as_str().unwrap().starts_with("attachment; filename="), "{download}");
    let exported = download[2].as_str().unwrap();
    assert!(exported.contains("trgLang=\"pl\""), "{exported}");
    assert!(exported.contains("Der Markt beginnt am Samstag."), "{exported}");
    assert_eq!(exported.matches("<source>").count(), 5, "subject, preheader, 3 blocks");
    assert!(!exported.contains("<target>"), "nothing translated yet: {exported}");
    let filled = fill_targets(exported);
    assert_eq!(filled.matches("<target>PL ").count(), 5);
    let file = app.dir.path().join(format!("rundbrief-{id}-pl.xlf"));
    std::fs::write(&file, &filled).unwrap();
    sign_out(&browser);

    // The translator imports the file through the form for Polish and marks it ready.
    sign_in(&browser, &base, "tlumacz@example.org");
    browser.go(&format!("{base}{issue}/translation"));
    assert!(
        browser.script("return !document.querySelector(\"form[data-language=any]\");") == true,
        "a translator gets no form for any language"
    );
    let input = browser.find("#translation-file-pl");
    browser.call(
        "POST",
        &format!("/element/{input}/value"),
        Some(json!({ "text": file.to_str().unwrap() })),
    );
    browser.wait_for(
        "the file's text in the form",
        "return document.getElementById('translation-text-pl').value.indexOf('<target>PL ') > 0;",
        WAIT,
    );
    browser.click("form[data-language=pl] button[type=submit]");
    browser.wait_for(
        "the Polish variant",
        &format!(
            "return location.pathname === '{issue}' && location.search.indexOf('tab=pl') >= 0;"
        ),
        WAIT,
    );
    assert_eq!(value(&browser, "#subject"), "PL Neues für {{ name }}");
    assert_eq!(value(&browser, "#preheader"), "PL Kurz notiert");
    let body = value(&browser, "#body_markdown");
    assert!(
        body.contains(
            "PL Hallo {{ name }}, wir haben *wichtige* Neuigkeiten auf [unserer Seite](https://example.org/neu)."
        ),
        "placeholder, emphasis and link kept: {body}"
    );
    assert!(body.contains("PL Der Markt beginnt am Samstag."), "{body}");
    assert_eq!(browser.text("#matrix tr[data-language=pl] td .badge"), "Entwurf");
    browser.click("#ready");
    save(&browser);
    assert_eq!(browser.text("#matrix tr[data-language=pl] td .badge"), "fertig");
    assert_eq!(browser.text("#matrix tr[data-language=pl] td.receives"), "Eigene Sprache");
    assert!(
        browser.script("return !document.querySelector('#matrix tr[data-language=pl] .stale');")
            == true,
        "a fresh translation is not stale"
    );
    sign_out(&browser);

    // The editor changes one paragraph of the German text.
    sign_in(&browser, &base, "redaktion@example.org");
    browser.go(&format!("{base}{issue}?tab=de"));
    browser.type_into("#body_markdown", &BODY.replace("Samstag", "Sonntag"));
    save(&browser);
    assert_eq!(browser.text("#matrix tr[data-language=pl] td .badge"), "fertig");
    assert_eq!(browser.text("#matrix tr[data-language=pl] a.stale"), "muss aktualisiert werden");
    browser.click("#matrix tr[data-language=pl] a.stale");
    browser.wait_for(
        "what changed",
        &format!("return location.pathname === '{issue}/variants/pl/changes';"),
        WAIT,
    );
    assert_eq!(browser.title(), "Muss aktualisiert werden: Polski – Rundbrief");
    let note = browser.text("#stale-note");
    assert!(note.contains("Version 1") && note.contains("Version 2"), "{note}");
    let rows = browser.script(
        "return Array.from(document.querySelectorAll('#changes tbody tr'))\
         .map(function (tr) { return [tr.className, tr.cells[0].textContent, \
         tr.cells[2].textContent, tr.cells[3].textContent]; });",
    );
    assert_eq!(
        rows,
        json!([[
            "changed",
            "geändert",
            "Der Markt beginnt am Samstag.",
            "Der Markt beginnt am Sonntag."
        ]]),
        "only the changed paragraph"
    );
}
