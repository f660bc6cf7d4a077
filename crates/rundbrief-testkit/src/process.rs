//! Any `rundbrief` command as a child process on a test database: `worker` processes the
//! crash tests kill with SIGKILL, and one-shot commands such as `issue send`.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::app::{SECRET_KEY, TestDb};

/// The environment every process of a test shares, `extra` on top.
fn environment(
    db: &TestDb,
    dir: &std::path::Path,
    extra: &[(&str, &str)],
) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = vec![
        ("RUNDBRIEF_LISTEN".into(), "127.0.0.1:0".into()),
        ("RUNDBRIEF_DATA_DIR".into(), dir.display().to_string()),
        ("RUNDBRIEF_DATABASE_URL".into(), db.url.clone()),
        ("RUNDBRIEF_DATABASE_MAX_CONNECTIONS".into(), "8".into()),
        ("RUNDBRIEF_SECRET_KEY".into(), SECRET_KEY.into()),
        ("RUNDBRIEF_LOG".into(), "info,sqlx=warn".into()),
    ];
    all.extend(extra.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
    all
}

fn command(bin: &str, db: &TestDb, dir: &std::path::Path, env: &[(&str, &str)]) -> Command {
    let mut command = Command::new(bin);
    command
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .envs(environment(db, dir, env));
    command
}

/// Runs `rundbrief ARGS` to completion on `db`.
pub fn run(
    bin: &str,
    db: &TestDb,
    dir: &std::path::Path,
    env: &[(&str, &str)],
    args: &[&str],
) -> Output {
    command(bin, db, dir, env).args(args).output().expect("run rundbrief")
}

/// Collects the child's stderr, line by line, into a log the test can read at any time.
pub(crate) fn capture_log(child: &mut Child) -> Arc<Mutex<String>> {
    let stderr = child.stderr.take().expect("stderr piped");
    let log = Arc::new(Mutex::new(String::new()));
    let sink = Arc::clone(&log);
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Ok(mut log) = sink.lock() {
                log.push_str(&line);
                log.push('\n');
            }
        }
    });
    log
}

/// Waits (at most 30 s) until `log` contains `marker`.
pub(crate) fn wait_for_log(log: &Mutex<String>, marker: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let text = log.lock().unwrap().clone();
        if text.contains(marker) {
            return;
        }
        assert!(Instant::now() < deadline, "'{marker}' never logged:\n{text}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The base URL in a web process's `listening on http://…` line.
pub(crate) fn logged_url(log: &str) -> Option<String> {
    let at = log.find("listening on http://")?;
    // A JSON log line (`RUNDBRIEF_LOG_FORMAT=json`) ends the message with a quote.
    let rest = &log[at + "listening on ".len()..];
    rest.split(|c: char| c.is_whitespace() || c == '"').next().map(str::to_owned)
}

/// A long-running `rundbrief` process (e.g. `worker`), killed when dropped.
pub struct TestProcess {
    child: Child,
    log: Arc<Mutex<String>>,
}

impl TestProcess {
    /// Starts `rundbrief ARGS` and waits until its log shows `ready`.
    pub fn spawn(
        bin: &str,
        db: &TestDb,
        dir: &std::path::Path,
        env: &[(&str, &str)],
        args: &[&str],
        ready: &str,
    ) -> Self {
        let process = Self::start(bin, db, dir, env, args);
        wait_for_log(&process.log, ready);
        process
    }

    /// Starts `rundbrief ARGS` without waiting for anything: for a one-shot command (e.g. an
    /// `import`) that a test kills while it works.
    pub fn start(
        bin: &str,
        db: &TestDb,
        dir: &std::path::Path,
        env: &[(&str, &str)],
        args: &[&str],
    ) -> Self {
        let mut child = command(bin, db, dir, env)
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn rundbrief");
        let log = capture_log(&mut child);
        Self { child, log }
    }

    /// Whether the process has ended (on its own; [`kill`](Self::kill) waits anyway).
    pub fn exited(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(Some(_)))
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// The base URL a web process logged (`listening on http://…`).
    pub fn url(&self) -> String {
        logged_url(&self.log()).expect("not a web process")
    }

    /// SIGKILL: no shutdown, no flushing, like a power cut of the process.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for TestProcess {
    fn drop(&mut self) {
        self.kill();
    }
}
