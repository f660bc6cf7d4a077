//! The sign-up form on other websites (issue 23) in a real headless Chromium: pages served by
//! a tiny HTTP server of this test on two more loopback ports, one of them an allowed origin
//! (`RUNDBRIEF_EMBED_ORIGINS`), frame `/subscribe/embed` and carry the editor's HTML snippet.
//! The frame loads on the allowed origin and is blocked on the other (CSP `frame-ancestors`);
//! the snippet and the framed form sign up with double opt-in (a pending subscriber and a
//! confirmation mail at the loopback SMTP server), with the proof of work off and on, solved
//! by the browser. Skips (saying so) without Chromium unless RUNDBRIEF_TEST_BROWSER_REQUIRED=1.
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rundbrief_testkit::admin::{AdminSession, create_ok};
use rundbrief_testkit::browser::{self, Browser, ELEMENT};
use rundbrief_testkit::{SmtpServer, TestApp, TestDb};
use serde_json::json;

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");

/// Pages by path, served on every port of the test's site server.
type Pages = Arc<Mutex<HashMap<String, String>>>;

/// A static HTTP server on a free loopback port: the other website. Returns its origin.
fn site(pages: &Pages) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let pages = Arc::clone(pages);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            // The rest of the head; these pages take no body.
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let path = request.split_whitespace().nth(1).unwrap_or("/").to_owned();
            let page = pages.lock().unwrap().get(&path).cloned();
            let (status, body) = match page {
                Some(body) => ("200 OK", body),
                None => ("404 Not Found", "not here".to_owned()),
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    origin
}

/// An HTML page of the other website around `body`.
fn website(body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Our website</title></head><body><h1>Our website</h1>{body}</body></html>"
    )
}

/// Undoes the HTML escaping of text in the editor's page (maud escapes & < > ").
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&")
}

/// The editor's HTML snippet in English, as the snippet page shows it.
fn snippet(app: &TestApp) -> String {
    create_ok(app, "editor@example.org", "editor");
    let mut session = AdminSession::new(app).sign_in("editor@example.org");
    let page = session.page("/admin/embed?form_lang=en");
    let start = page.find("id=\"snippet-form\"").unwrap();
    let text = &page[start..];
    let text = &text[text.find('>').unwrap() + 1..text.find("</textarea>").unwrap()];
    unescape(text)
}

/// Switches the browser into the frame `css` of the page (WebDriver "switch to frame").
fn into_frame(browser: &Browser, css: &str) {
    let frame = browser.find(css);
    browser.call("POST", "/frame", Some(json!({ "id": { ELEMENT: frame } })));
}

fn out_of_frame(browser: &Browser) {
    browser.call("POST", "/frame/parent", Some(json!({})));
}

/// The subscriber `email` is pending and got exactly one confirmation mail.
fn pending_with_mail(app: &TestApp, smtp: &SmtpServer, token: &str, email: &str) {
    let mail = smtp.wait_for(email, Duration::from_secs(30));
    assert!(mail.link_containing("/confirm/").is_some(), "a confirmation link: {}", mail.text());
    let q = email.replace('@', "%40");
    let found = app.api(token, "GET", &format!("/api/v1/subscribers?q={q}"), None).json();
    assert_eq!(found["items"][0]["status"], "pending", "{found}");
    assert_eq!(smtp.count_for(email), 1);
}

struct Setup {
    _db: TestDb,
    app: TestApp,
    smtp: SmtpServer,
    token: String,
    pages: Pages,
    allowed: String,
    other: String,
}

fn setup(pow: bool) -> Setup {
    let pages: Pages = Arc::default();
    let allowed = site(&pages);
    let other = site(&pages);
    let db = TestDb::sqlite();
    let mut env = vec![
        ("RUNDBRIEF_EMBED_ORIGINS", allowed.as_str()),
        // Unset: the instance's URL is its loopback address, which the snippet names.
        ("RUNDBRIEF_PUBLIC_URL", ""),
        ("RUNDBRIEF_RATE_LIMIT", "0"),
    ];
    if pow {
        env.extend([("RUNDBRIEF_SIGNUP_POW", "on"), ("RUNDBRIEF_SIGNUP_POW_DIFFICULTY", "20000")]);
    }
    let (app, smtp) = TestApp::spawn_with_smtp(BIN, &db, &env);
    let token = app.api_token("embed");
    let list =
        json!({"slug": "umwelt", "names": {"de": "Umwelt", "en": "Environment"}, "public": true});
    assert_eq!(app.api(&token, "POST", "/api/v1/lists", Some(&list)).status, 201);
    let frame = website(&format!(
        "<iframe id=\"signup\" src=\"{}/subscribe/embed?lang=en\" title=\"Sign up\" style=\"width:100%;height:900px\"></iframe>",
        app.url
    ));
    let form = website(&snippet(&app));
    let mut served = pages.lock().unwrap();
    served.insert("/frame.html".into(), frame);
    served.insert("/snippet.html".into(), form);
    drop(served);
    Setup { _db: db, app, smtp, token, pages, allowed, other }
}

/// Waits until the page and its frame have loaded (or been refused).
fn wait_for_frame(browser: &Browser) {
    browser.wait_for(
        "the page",
        "return document.readyState === 'complete';",
        Duration::from_secs(10),
    );
    std::thread::sleep(Duration::from_millis(500));
}

fn run(pow: bool) {
    let (chromium, driver) = match browser::programs() {
        Ok(programs) => programs,
        Err(reason) => return browser::skip_or_fail(&reason),
    };
    let Setup { _db, app, smtp, token, pages, allowed, other } = setup(pow);
    let _keep = &pages;
    let browser = Browser::open(&chromium, &driver);

    // On the allowed origin the frame shows the form.
    browser.go(&format!("{allowed}/frame.html"));
    wait_for_frame(&browser);
    into_frame(&browser, "#signup");
    browser.wait_for(
        "the embedded form",
        "return !!document.querySelector('form[action=\"/subscribe/embed\"] #email');",
        Duration::from_secs(10),
    );
    assert_eq!(browser.path(), "/subscribe/embed?lang=en");
    // The framed form signs up (with the proof of work solved by the script when it is on).
    let framed = if pow { "framed-pow@example.org" } else { "framed@example.org" };
    browser.type_into("#email", framed);
    browser.click("#consent");
    if pow {
        browser.wait_for(
            "the proof of work",
            "return document.querySelector('form').dataset.powState === 'done';",
            Duration::from_secs(30),
        );
        let salt = browser.script("return document.querySelector('input[name=pow_salt]').value;");
        assert!(salt.as_str().unwrap().contains('.'), "{salt}");
    }
    browser.click("button[type=submit]");
    browser.wait_for(
        "the check-inbox page in the frame",
        "return document.body && document.body.textContent.includes('Please check your inbox');",
        Duration::from_secs(15),
    );
    out_of_frame(&browser);
    pending_with_mail(&app, &smtp, &token, framed);

    // On another origin the browser refuses to show it: an error page, no form.
    browser.go(&format!("{other}/frame.html"));
    wait_for_frame(&browser);
    into_frame(&browser, "#signup");
    let inside = browser.script(
        "return {form: !!document.querySelector('form'), href: location.href, text: document.body ? document.body.textContent : ''};",
    );
    assert_eq!(inside["form"], false, "the frame must be blocked on {other}: {inside}");
    assert!(!inside["href"].as_str().unwrap().contains("/subscribe/embed"), "{inside}");
    out_of_frame(&browser);

    // The editor's snippet on the allowed site signs up too.
    let snippet_email = if pow { "snippet-pow@example.org" } else { "snippet@example.org" };
    browser.go(&format!("{allowed}/snippet.html"));
    browser.wait_for(
        "the snippet",
        "return !!document.querySelector('#rb-email');",
        Duration::from_secs(10),
    );
    browser.type_into("#rb-email", snippet_email);
    browser.click("input[name=topics]");
    browser.click("input[name=consent]");
    if pow {
        // The challenge comes from the instance (CORS for the allowed origin) and is solved here.
        browser.wait_for(
            "the snippet's proof of work",
            "return document.querySelector('form').dataset.powState === 'done';",
            Duration::from_secs(30),
        );
    }
    browser.click("button[type=submit]");
    let deadline = Instant::now() + Duration::from_secs(15);
    while !browser.script("return location.href;").as_str().unwrap().starts_with(&app.url) {
        assert!(Instant::now() < deadline, "the snippet did not reach the instance");
        std::thread::sleep(Duration::from_millis(100));
    }
    browser.wait_for(
        "the check-inbox page",
        "return document.body && document.body.textContent.includes('Please check your inbox');",
        Duration::from_secs(15),
    );
    pending_with_mail(&app, &smtp, &token, snippet_email);
    // The snippet's topic was taken.
    let q = snippet_email.replace('@', "%40");
    let found = app.api(&token, "GET", &format!("/api/v1/subscribers?q={q}"), None).json();
    let id = found["items"][0]["id"].as_i64().unwrap();
    let one = app.api(&token, "GET", &format!("/api/v1/subscribers/{id}"), None).json();
    assert_eq!(one["lists"].as_array().map(Vec::len), Some(1), "{one}");
}

#[test]
fn the_form_is_framed_only_by_the_allowed_origin_and_signs_up_from_there() {
    run(false);
}

#[test]
fn with_the_proof_of_work_the_browser_solves_it_and_signs_up() {
    run(true);
}
