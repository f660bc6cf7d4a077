//! A real headless Chromium driven over WebDriver (`chromedriver`), for the browser tests
//! (`tests/admin_browser.rs`, `tests/a11y_browser.rs`).
//!
//! Needs Debian's `chromium` and `chromium-driver` (or `RUNDBRIEF_TEST_CHROMIUM` and
//! `RUNDBRIEF_TEST_CHROMEDRIVER`). Without them a test calls [`skip_or_fail`]: it says it
//! SKIPPED, and fails when `RUNDBRIEF_TEST_BROWSER_REQUIRED=1` (as in `.ci/run`).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{Value, json};

/// WebDriver's key for an element reference.
pub const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

fn find_program(env: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(env) {
        return Some(PathBuf::from(path));
    }
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// The browser and its driver, or why a browser test cannot run.
pub fn programs() -> Result<(PathBuf, PathBuf), String> {
    let chromium = find_program("RUNDBRIEF_TEST_CHROMIUM", &["chromium", "chromium-browser"])
        .ok_or("no chromium on PATH (apt-get install chromium chromium-driver)")?;
    let driver = find_program("RUNDBRIEF_TEST_CHROMEDRIVER", &["chromedriver"])
        .ok_or("no chromedriver on PATH (apt-get install chromium-driver)")?;
    Ok((chromium, driver))
}

/// Whether `.ci/run` (or the developer) asked that browser tests run rather than skip.
pub fn required() -> bool {
    std::env::var("RUNDBRIEF_TEST_BROWSER_REQUIRED").is_ok_and(|v| v == "1")
}

/// A browser test cannot run: it fails when required, else it says so (`.ci/run` looks for
/// the word SKIPPED).
pub fn skip_or_fail(reason: &str) {
    if required() {
        panic!("the browser test is required (RUNDBRIEF_TEST_BROWSER_REQUIRED=1) but {reason}");
    }
    let _ = writeln!(std::io::stderr(), "browser end-to-end test SKIPPED: {reason}");
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
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
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

/// One browser window, closed when dropped.
pub struct Browser {
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
    /// A window 1280 px wide whose browser prefers German.
    pub fn open(chromium: &Path, driver: &Path) -> Self {
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

    /// A WebDriver command on this session.
    pub fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.driver.call(method, &format!("/session/{}{path}", self.session), body)
    }

    pub fn go(&self, url: &str) {
        self.call("POST", "/url", Some(json!({ "url": url })));
    }

    /// The element reference of the first match of `css`.
    pub fn find(&self, css: &str) -> String {
        let found =
            self.call("POST", "/element", Some(json!({"using": "css selector", "value": css})));
        found[ELEMENT].as_str().unwrap().to_owned()
    }

    pub fn click(&self, css: &str) {
        let element = self.find(css);
        self.call("POST", &format!("/element/{element}/click"), Some(json!({})));
    }

    pub fn type_into(&self, css: &str, text: &str) {
        let element = self.find(css);
        self.call("POST", &format!("/element/{element}/clear"), Some(json!({})));
        self.call("POST", &format!("/element/{element}/value"), Some(json!({ "text": text })));
    }

    pub fn script(&self, script: &str) -> Value {
        self.call("POST", "/execute/sync", Some(json!({"script": script, "args": []})))
    }

    /// Runs `script`, which gets a callback as its last argument (`arguments[0]`), and
    /// returns what it passes to that callback.
    pub fn script_async(&self, script: &str) -> Value {
        self.call("POST", "/execute/async", Some(json!({"script": script, "args": []})))
    }

    pub fn text(&self, css: &str) -> String {
        let element = self.find(css);
        self.call("GET", &format!("/element/{element}/text"), None).as_str().unwrap().to_owned()
    }

    pub fn title(&self) -> String {
        self.call("GET", "/title", None).as_str().unwrap_or_default().to_owned()
    }

    pub fn path(&self) -> String {
        self.script("return location.pathname + location.search;").as_str().unwrap().to_owned()
    }

    /// Waits until `script` returns true.
    pub fn wait_for(&self, what: &str, script: &str, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        while self.script(script) != Value::Bool(true) {
            assert!(Instant::now() < deadline, "timed out waiting for {what} on {}", self.path());
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Lays the page out as a screen `width` CSS pixels wide (and `height` high), as a phone
    /// would; [`Self::reset_width`] undoes it.
    pub fn set_width(&self, width: u32, height: u64) {
        let params = json!({"width": width, "height": height, "deviceScaleFactor": 1,
            "mobile": width < 600});
        self.call(
            "POST",
            "/goog/cdp/execute",
            Some(json!({"cmd": "Emulation.setDeviceMetricsOverride", "params": params})),
        );
    }

    pub fn reset_width(&self) {
        self.call(
            "POST",
            "/goog/cdp/execute",
            Some(json!({"cmd": "Emulation.clearDeviceMetricsOverride", "params": {}})),
        );
    }

    /// The page (down to the bottom of `until`, or all of it) at `width` CSS pixels, as PNG.
    pub fn screenshot(&self, dir: &Path, name: &str, width: u32, until: Option<&str>) {
        self.set_width(width, 900);
        self.script("window.scrollTo(0, 0);");
        std::thread::sleep(Duration::from_millis(300));
        let bottom = match until {
            Some(css) => format!(
                "var e=document.querySelector('{css}');return Math.ceil(e.getBoundingClientRect().bottom+window.scrollY+16);"
            ),
            None => "return Math.ceil(document.documentElement.scrollHeight);".to_owned(),
        };
        let height = self.script(&bottom).as_u64().unwrap_or(900).clamp(600, 6000);
        self.set_width(width, height);
        self.script("window.scrollTo(0, 0);");
        std::thread::sleep(Duration::from_millis(300));
        let png = self.call("GET", "/screenshot", None);
        let bytes =
            base64::engine::general_purpose::STANDARD.decode(png.as_str().unwrap()).unwrap();
        std::fs::write(dir.join(format!("{name}-{width}.png")), bytes).unwrap();
        self.reset_width();
    }
}
