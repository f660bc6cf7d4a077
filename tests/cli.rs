//! Black-box tests of the `rundbrief` binary: they start the real program in a temporary
//! working directory, as an operator would, and talk to it over HTTP.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");

/// A command with a clean environment: no RUNDBRIEF_* variable of the developer's shell leaks
/// into a test.
fn rundbrief(cwd: &Path) -> Command {
    let mut command = Command::new(BIN);
    command.current_dir(cwd).env_clear().env("PATH", std::env::var_os("PATH").unwrap_or_default());
    command
}

struct Server {
    child: Child,
    url: String,
    /// Everything the server logged so far.
    log: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `rundbrief serve` and waits for the log line that names the address.
fn start(mut command: Command) -> Server {
    let mut child = command.stderr(Stdio::piped()).stdout(Stdio::null()).spawn().expect("spawn");
    let stderr = child.stderr.take().expect("stderr");
    let (tx, rx) = std::sync::mpsc::channel();
    let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let sink = log.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Ok(mut log) = sink.lock() {
                log.push_str(&line);
                log.push('\n');
            }
            if let Some(at) = line.find("listening on http://") {
                let url = line[at + "listening on ".len()..].split_whitespace().next();
                let _ = tx.send(url.unwrap_or_default().to_owned());
            }
        }
    });
    let url = rx.recv_timeout(Duration::from_secs(20)).expect("server announced its address");
    Server { child, url, log }
}

/// A minimal HTTP/1.1 GET; returns status code and body.
fn get(url: &str, path: &str) -> (u16, String) {
    let host = url.trim_start_matches("http://");
    let mut stream = TcpStream::connect(host).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n")
        .expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    let status = response.split_whitespace().nth(1).and_then(|s| s.parse().ok()).expect("status");
    let body = response.split("\r\n\r\n").nth(1).unwrap_or_default().to_owned();
    (status, body)
}

fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn serve_without_any_configuration_uses_sqlite_in_data_and_answers_healthz() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Only the port is overridden, so parallel test runs do not fight over 8080.
    let mut command = rundbrief(dir.path());
    command.env("RUNDBRIEF_LISTEN", "127.0.0.1:0");
    let started = Instant::now();
    let server = start(command);
    let (status, body) = get(&server.url, "/healthz");
    assert_eq!(status, 200, "{body}");
    let health: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(health["status"], "ok");
    // Ready once the workers poll, which follows the listener by a moment.
    let mut ready = get(&server.url, "/readyz");
    while ready.0 != 200 && started.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(50));
        ready = get(&server.url, "/readyz");
    }
    let (status, body) = ready;
    assert_eq!(status, 200, "{body}");
    let ready: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(ready["status"], "ready", "{body}");
    assert_eq!(ready["database"]["backend"], "sqlite");
    assert_eq!(ready["workers"]["deliver"], "polling", "{body}");
    assert_eq!(ready["workers"]["confirm"], "polling", "{body}");
    assert!(started.elapsed() < Duration::from_secs(3), "took {:?}", started.elapsed());
    assert!(dir.path().join("data/rundbrief.db").exists());
    assert!(dir.path().join("data/secret.key").exists());
    let check = rundbrief(dir.path())
        .arg("healthcheck")
        .env("RUNDBRIEF_LISTEN", server.url.trim_start_matches("http://"))
        .output()
        .expect("run healthcheck");
    assert!(check.status.success(), "{}", stderr_of(&check));
    // The compose file's web health check: readiness, not only liveness.
    let check = rundbrief(dir.path())
        .args(["healthcheck", "--ready"])
        .env("RUNDBRIEF_LISTEN", server.url.trim_start_matches("http://"))
        .output()
        .expect("run healthcheck --ready");
    assert!(check.status.success(), "{}", stderr_of(&check));
}

#[test]
fn healthcheck_fails_when_nothing_listens() {
    let output = rundbrief(Path::new("."))
        .arg("healthcheck")
        .env("RUNDBRIEF_LISTEN", "127.0.0.1:1")
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr_of(&output).contains("nothing answers on 127.0.0.1:1"));
}

#[test]
fn unreachable_postgres_exits_1_with_one_readable_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let output = rundbrief(dir.path())
        .args(["serve"])
        .env("RUNDBRIEF_DATABASE_URL", "postgres://nobody@127.0.0.1:1/x")
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr_of(&output);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(lines[0].starts_with("error: cannot connect to PostgreSQL"), "{stderr}");
    assert!(lines[0].contains("127.0.0.1:1"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn unsupported_database_scheme_is_refused_before_anything_starts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let output = rundbrief(dir.path())
        .env("RUNDBRIEF_DATABASE_URL", "mysql://root@localhost/db")
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr_of(&output);
    assert!(stderr.contains("unsupported database URL scheme 'mysql'"), "{stderr}");
    assert!(!dir.path().join("data").exists(), "nothing may be created on a config error");
}

#[test]
fn the_config_file_is_read_and_the_environment_overrides_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("rundbrief.toml"),
        "data_dir = \"state\"\nlisten = \"127.0.0.1:1\"\n",
    )
    .expect("write config");
    let mut command = rundbrief(dir.path());
    command.env("RUNDBRIEF_LISTEN", ":0");
    let server = start(command);
    assert_eq!(get(&server.url, "/healthz").0, 200);
    assert!(dir.path().join("state/rundbrief.db").exists(), "data_dir from the file");
}

#[test]
fn a_broken_config_file_names_the_problem() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("custom.toml");
    std::fs::write(&file, "listen = \":0\"\nsmtp = \"x\"\n").expect("write config");
    let output =
        rundbrief(dir.path()).arg("--config").arg(&file).arg("migrate").output().expect("run");
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("custom.toml") && stderr.contains("unknown field: found `smtp`"),
        "{stderr}"
    );
}

#[test]
fn migrate_creates_the_schema_and_can_run_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    for _ in 0..2 {
        let output = rundbrief(dir.path()).arg("migrate").output().expect("run");
        assert!(output.status.success(), "{}", stderr_of(&output));
        assert!(stderr_of(&output).contains("database schema is up to date"));
    }
    assert!(dir.path().join("data/rundbrief.db").exists());
}

#[test]
fn help_describes_every_command() {
    let output = rundbrief(Path::new(".")).arg("--help").output().expect("run");
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    for word in ["serve", "migrate", "--config"] {
        assert!(help.contains(word), "--help lacks {word}: {help}");
    }
    let output = rundbrief(Path::new(".")).args(["serve", "--help"]).output().expect("run");
    assert!(output.status.success());
}

#[test]
fn secrets_never_reach_the_log() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut command = rundbrief(dir.path());
    command
        .env("RUNDBRIEF_LISTEN", ":0")
        .env("RUNDBRIEF_SECRET_KEY", "a-configured-secret-key-of-enough-length-1234")
        .env("RUNDBRIEF_LOG", "trace");
    let server = start(command);
    assert_eq!(get(&server.url, "/healthz").0, 200);
    std::thread::sleep(Duration::from_millis(200));
    let log = server.log.lock().expect("log").clone();
    assert!(log.contains("TRACE") || log.contains("DEBUG"), "trace logging was on: {log}");
    assert!(!log.contains("a-configured-secret"), "{log}");
    assert!(!dir.path().join("data/secret.key").exists(), "a configured key is not replaced");
}

#[test]
fn an_unusable_dkim_key_stops_the_start_with_the_variable_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let key = dir.path().join("dkim.pem");
    std::fs::write(&key, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n")
        .expect("write");
    for file in [key.display().to_string(), dir.path().join("missing.pem").display().to_string()] {
        let output = rundbrief(dir.path())
            .args(["serve"])
            .env("RUNDBRIEF_LISTEN", "127.0.0.1:0")
            .env("RUNDBRIEF_DKIM_KEY_FILE", &file)
            .output()
            .expect("run");
        assert_eq!(output.status.code(), Some(1));
        let stderr = stderr_of(&output);
        let error = stderr.lines().find(|l| l.starts_with("error: ")).unwrap_or_default();
        assert!(error.contains("RUNDBRIEF_DKIM_KEY_FILE"), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}
