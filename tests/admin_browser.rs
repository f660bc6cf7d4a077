//! End to end in a real headless Chromium, driven over WebDriver (`chromedriver`): an editor
//! signs in, creates an issue with German and Polish variants for a segment, sends it, watches
//! the progress bar reach 100 % through the server-sent events, and the loopback SMTP server
//! holds German mail for German readers and Polish mail for Polish ones.
//!
//! Needs Debian's `chromium` and `chromium-driver` (or `RUNDBRIEF_TEST_CHROMIUM` and
//! `RUNDBRIEF_TEST_CHROMEDRIVER`). Without them the test says it SKIPPED, and fails when
//! `RUNDBRIEF_TEST_BROWSER_REQUIRED=1` (as in `.ci/run`).
//!
//! With `RUNDBRIEF_SCREENSHOTS=<dir>` it also saves the dashboard, the composer with its
//! translation matrix and the progress view at 1280 and 375 px wide as PNG (that is how
//! `docs/screenshots/` is made; see the README).
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use rundbrief_testkit::admin::{PASSWORD, create_ok};
use rundbrief_testkit::{SmtpServer, TestApp, TestDb};
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const GERMAN: &str = "Neuigkeiten im Dezember";
const POLISH: &str = "Aktualności grudniowe";
/// WebDriver's key for an element reference.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

fn find_program(env: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(env) {
        return Some(PathBuf::from(path));
    }
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// The browser and its driver, or why the test cannot run.
fn browser() -> Result<(PathBuf, PathBuf), String> {
    let chromium = find_program("RUNDBRIEF_TEST_CHROMIUM", &["chromium", "chromium-browser"])
        .ok_or("no chromium on PATH (apt-get install chromium chromium-driver)")?;
    let driver = find_program("RUNDBRIEF_TEST_CHROMEDRIVER", &["chromedriver"])
        .ok_or("no chromedriver on PATH (apt-get install chromium-driver)")?;
    Ok((chromium, driver))
}

/// `chromedriver` on a free port, stopped when dropped.
struct Driver {
    child: Child,
    base: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Driver {
    fn start(program: &Path) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(program)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let base = format!("http://127.0.0.1:{port}");
        let driver = Self { child, base };
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        driver
    }

    /// One WebDriver command. chromedriver keeps connections open whatever the request says,
    /// so the answer is read up to its `Content-Length` rather than to the end.
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let host = self.base.trim_start_matches("http://");
        let mut stream = TcpStream::connect(host).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(body.as_bytes()).unwrap();
        let mut reader = BufReader::new(stream);
        let mut status_line = String::new();
        reader.read_line(&mut status_line).unwrap();
        let status: u16 = status_line.split_whitespace().nth(1).unwrap().parse().unwrap();
        let mut length = 0;
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if line.trim().is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().unwrap();
            }
        }
        let mut answer = vec![0; length];
        reader.read_exact(&mut answer).unwrap();
        let answer = String::from_utf8_lossy(&answer);
        assert_eq!(status, 200, "{method} {path}: {answer}");
        serde_json::from_str::<Value>(&answer).unwrap()["value"].clone()
    }
}

/// One browser window.
struct Browser {
    driver: Driver,
    session: String,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let path = format!("/session/{}", self.session);
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.driver.call("DELETE", &path, None);
        }));
    }
}

impl Browser {
    fn open(chromium: &Path, driver: &Path) -> Self {
        let driver = Driver::start(driver);
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium.to_string_lossy(),
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=de-DE",
                    "--hide-scrollbars",
                ],
            },
        }}});
        let session = driver.call("POST", "/session", Some(capabilities))["sessionId"]
            .as_str()
            .unwrap()
            .to_owned();
        Self { driver, session }
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.driver.call(method, &format!("/session/{}{path}", self.session), body)
    }

    fn go(&self, url: &str) {
        self.call("POST", "/url", Some(json!({ "url": url })));
    }

    fn find(&self, css: &str) -> String {
        let found =
            self.call("POST", "/element", Some(json!({"using": "css selector", "value": css})));
        found[ELEMENT].as_str().unwrap().to_owned()
    }

    fn click(&self, css: &str) {
        let element = self.find(css);
        self.call("POST", &format!("/element/{element}/click"), Some(json!({})));
    }

    fn type_into(&self, css: &str, text: &str) {
        let element = self.find(css);
        self.call("POST", &format!("/element/{element}/clear"), Some(json!({})));
        self.call("POST", &format!("/element/{element}/value"), Some(json!({ "text": text })));
    }

    fn script(&self, script: &str) -> Value {
        self.call("POST", "/execute/sync", Some(json!({"script": script, "args": []})))
    }

    fn text(&self, css: &str) -> String {
        let element = self.find(css);
        self.call("GET", &format!("/element/{element}/text"), None).as_str().unwrap().to_owned()
    }

    fn title(&self) -> String {
        self.call("GET", "/title", None).as_str().unwrap_or_default().to_owned()
    }

    fn path(&self) -> String {
        self.script("return location.pathname + location.search;").as_str().unwrap().to_owned()
    }

    /// Waits until `script` returns true.
    /// Marks the open variant ready, saves it and waits for the page to say it is saved.
    fn save_ready(&self) {
        self.click("#ready");
        self.click("form[data-live-preview] button[type=submit]:not([data-preview-button])");
        self.wait_for(
            "the saved notice",
            "return !!document.querySelector('p.notice');",
            Duration::from_secs(10),
        );
    }

    fn wait_for(&self, what: &str, script: &str, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        while self.script(script) != Value::Bool(true) {
            assert!(Instant::now() < deadline, "timed out waiting for {what} on {}", self.path());
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The page (down to the bottom of `until`, or all of it) at `width` CSS pixels, as PNG.
    fn screenshot(&self, dir: &Path, name: &str, width: u32, until: Option<&str>) {
        let metrics = |height: u64| {
            let params = json!({"width": width, "height": height, "deviceScaleFactor": 1,
                "mobile": width < 600});
            self.call(
                "POST",
                "/goog/cdp/execute",
                Some(json!({"cmd": "Emulation.setDeviceMetricsOverride", "params": params})),
            );
        };
        metrics(900);
        self.script("window.scrollTo(0, 0);");
        std::thread::sleep(Duration::from_millis(300));
        let bottom = match until {
            Some(css) => format!(
                "var e=document.querySelector('{css}');return Math.ceil(e.getBoundingClientRect().bottom+window.scrollY+16);"
            ),
            None => "return Math.ceil(document.documentElement.scrollHeight);".to_owned(),
        };
        let height = self.script(&bottom).as_u64().unwrap_or(900).clamp(600, 6000);
        metrics(height);
        self.script("window.scrollTo(0, 0);");
        std::thread::sleep(Duration::from_millis(300));
        let png = self.call("GET", "/screenshot", None);
        let bytes =
            base64::engine::general_purpose::STANDARD.decode(png.as_str().unwrap()).unwrap();
        std::fs::write(dir.join(format!("{name}-{width}.png")), bytes).unwrap();
        self.call(
            "POST",
            "/goog/cdp/execute",
            Some(json!({"cmd": "Emulation.clearDeviceMetricsOverride", "params": {}})),
        );
    }
}

fn skip_or_fail(reason: &str) {
    if std::env::var("RUNDBRIEF_TEST_BROWSER_REQUIRED").is_ok_and(|v| v == "1") {
        panic!("the browser test is required (RUNDBRIEF_TEST_BROWSER_REQUIRED=1) but {reason}");
    }
    let _ = writeln!(std::io::stderr(), "browser end-to-end test SKIPPED: {reason}");
}

#[test]
fn an_editor_sends_a_german_and_polish_issue_in_chromium() {
    let (chromium, chromedriver) = match browser() {
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
    browser.save_ready();

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
    browser.save_ready();

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
