//! The real `rundbrief` binary on a free loopback port, with a database of its own.
//!
//! PostgreSQL databases follow the storage contract tests: the server comes from
//! `RUNDBRIEF_TEST_POSTGRES_URL` (default the local server as `postgres`), each test gets a
//! fresh database that is dropped afterwards, and an unreachable server skips the test with a
//! visible message unless `RUNDBRIEF_TEST_POSTGRES_REQUIRED=1` makes it a failure.

use std::io::Write;
use std::process::{Child, Command, Output, Stdio};
use std::str::FromStr;
use std::sync::{Arc, Mutex, Once};

use sqlx::postgres::PgConnectOptions;
use sqlx::{AssertSqlSafe, ConnectOptions, Connection};

use crate::http::{self, Response};
use crate::smtp::SmtpServer;

const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";
/// A fixed key, so tests can also sign tokens of their own if they need to.
pub const SECRET_KEY: &str = "rundbrief-test-secret-key-0123456789abcdef";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A database for one test, removed when dropped.
pub struct TestDb {
    pub url: String,
    pub backend: Backend,
    postgres: Option<(PgConnectOptions, String)>,
    _dir: tempfile::TempDir,
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime")
}

fn skip(reason: &str) {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Past the harness's capture, so the skip is visible in every run.
        let _ = writeln!(std::io::stderr(), "PostgreSQL black-box tests SKIPPED: {reason}");
    });
}

impl TestDb {
    /// `None` only for PostgreSQL when no server is reachable and none is required.
    pub fn new(backend: Backend) -> Option<Self> {
        match backend {
            Backend::Sqlite => Some(Self::sqlite()),
            Backend::Postgres => Self::postgres(),
        }
    }

    pub fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let url = format!("sqlite://{}", dir.path().join("rundbrief.db").display());
        Self { url, backend: Backend::Sqlite, postgres: None, _dir: dir }
    }

    pub fn postgres() -> Option<Self> {
        let required = std::env::var("RUNDBRIEF_TEST_POSTGRES_REQUIRED").is_ok_and(|v| v == "1");
        let base = std::env::var("RUNDBRIEF_TEST_POSTGRES_URL")
            .unwrap_or_else(|_| DEFAULT_POSTGRES_URL.into());
        let admin = PgConnectOptions::from_str(&base).expect("RUNDBRIEF_TEST_POSTGRES_URL");
        let name = format!("rundbrief_bb_{}", uuid::Uuid::new_v4().simple());
        let created = on_server(&admin, format!("CREATE DATABASE {name}"));
        match created {
            Ok(()) => {}
            Err(e) if !required => {
                skip(&format!("cannot use {base}: {e}"));
                return None;
            }
            Err(e) => panic!("PostgreSQL is required for this run but {base} failed: {e}"),
        }
        let mut url = url_without_database(&base);
        url.push('/');
        url.push_str(&name);
        Some(Self {
            url,
            backend: Backend::Postgres,
            postgres: Some((admin, name)),
            _dir: tempfile::tempdir().expect("tempdir"),
        })
    }
}

/// Runs one statement (creating or dropping a test database) on the server `admin` points at.
fn on_server(admin: &PgConnectOptions, sql: String) -> Result<(), sqlx::Error> {
    runtime().block_on(async {
        let mut conn = admin.connect().await?;
        sqlx::query(AssertSqlSafe(sql)).execute(&mut conn).await?;
        conn.close().await
    })
}

/// `postgres://user@host:port/db?x` without `/db?x`.
fn url_without_database(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("postgres", url));
    let authority = rest.split(['/', '?']).next().unwrap_or_default();
    format!("{scheme}://{authority}")
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.postgres.take() {
            let _ = on_server(&admin, format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}

/// The readers of the black-box campaigns: two in German, two in Polish and one in French
/// (the language an issue with German and Polish variants falls back to German for).
pub const READERS: [(&str, &str); 5] = [
    ("anna@example.de", "de"),
    ("jan@example.pl", "pl"),
    ("ola@example.pl", "pl"),
    ("lea@example.at", "de"),
    ("marie@example.fr", "fr"),
];

/// A running `rundbrief serve`, killed when dropped.
pub struct TestApp {
    child: Child,
    pub url: String,
    log: Arc<Mutex<String>>,
    bin: String,
    env: Vec<(String, String)>,
    pub dir: tempfile::TempDir,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `bin serve` in `dir` with exactly `env`, once it listens: the child, its URL, its log.
fn serve(
    bin: &str,
    dir: &std::path::Path,
    env: &[(String, String)],
) -> (Child, String, Arc<Mutex<String>>) {
    let mut command = Command::new(bin);
    command
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .envs(env.iter().map(|(k, v)| (k, v)))
        .arg("serve")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("spawn rundbrief");
    let log = crate::process::capture_log(&mut child);
    crate::process::wait_for_log(&log, "listening on http://");
    let url = crate::process::logged_url(&log.lock().unwrap()).expect("the logged address");
    (child, url, log)
}

impl TestApp {
    /// Starts `bin` as [`spawn`](Self::spawn) does, mailing through a fresh loopback SMTP server,
    /// without API rate limits and with a public URL for links in mail; `env` comes on top.
    pub fn spawn_with_smtp(bin: &str, db: &TestDb, env: &[(&str, &str)]) -> (Self, SmtpServer) {
        let smtp = SmtpServer::start();
        let mut all = vec![
            ("RUNDBRIEF_API_RATE_LIMIT", "0"),
            ("RUNDBRIEF_PUBLIC_URL", "https://news.example.org"),
        ];
        all.extend_from_slice(env);
        (Self::spawn_on_smtp(bin, db, &smtp, &all), smtp)
    }

    /// Starts `bin` as [`spawn`](Self::spawn) does, mailing through `smtp`; `env` comes on top.
    pub fn spawn_on_smtp(bin: &str, db: &TestDb, smtp: &SmtpServer, env: &[(&str, &str)]) -> Self {
        let url = smtp.url();
        let mut all = vec![("RUNDBRIEF_SMTP_URL", url.as_str())];
        all.extend_from_slice(env);
        Self::spawn(bin, db, &all)
    }

    /// Starts `bin` (pass `env!("CARGO_BIN_EXE_rundbrief")`) in a fresh working directory on
    /// `db`, with `env` on top of a clean environment.
    pub fn spawn(bin: &str, db: &TestDb, env: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut all: Vec<(String, String)> = vec![
            ("RUNDBRIEF_LISTEN".into(), "127.0.0.1:0".into()),
            ("RUNDBRIEF_DATABASE_URL".into(), db.url.clone()),
            ("RUNDBRIEF_DATABASE_MAX_CONNECTIONS".into(), "4".into()),
            ("RUNDBRIEF_SECRET_KEY".into(), SECRET_KEY.into()),
            ("RUNDBRIEF_LOG".into(), "info,sqlx=warn".into()),
        ];
        all.extend(env.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
        let (child, url, log) = serve(bin, dir.path(), &all);
        Self { child, url, log, bin: bin.to_owned(), env: all, dir }
    }

    /// Kills the server with SIGKILL, as a crash or the OOM killer would.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Starts the server again on the same database, directory and settings (a new port);
    /// the log starts anew.
    pub fn restart(&mut self) {
        self.kill();
        let (child, url, log) = serve(&self.bin, self.dir.path(), &self.env);
        (self.child, self.url, self.log) = (child, url, log);
    }

    /// Everything the server logged so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// The log once it contains `marker` (at most 30 s): a line written just before or after
    /// the response reaches the test through a pipe and a reader thread, a moment later.
    pub fn log_once(&self, marker: &str) -> String {
        crate::process::wait_for_log(&self.log, marker);
        self.log()
    }

    /// Runs another command of the binary against the same database and settings.
    pub fn command(&self, args: &[&str]) -> Output {
        Command::new(&self.bin)
            .current_dir(self.dir.path())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .args(args)
            .output()
            .expect("run rundbrief")
    }

    /// [`TestApp::command`] with `env` on top of the server's environment.
    pub fn command_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        Command::new(&self.bin)
            .current_dir(self.dir.path())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .envs(env.iter().copied())
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("run rundbrief")
    }

    /// Creates an API token with `rundbrief token create` and returns the secret.
    pub fn api_token(&self, name: &str) -> String {
        let output = self.command(&["token", "create", "--name", name]);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(str::trim)
            .find(|l| l.starts_with("rbt_"))
            .expect("the token on stdout")
            .to_owned()
    }

    pub fn get(&self, path: &str, headers: &[(&str, &str)]) -> Response {
        http::get(&self.url, path, headers)
    }

    pub fn post_form(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Response {
        http::post_form(&self.url, path, fields, headers)
    }

    /// Signs `email` up on the public form in the language `lang` (a code) with consent, as a
    /// person in a browser does: the page in that language, the honeypot left empty.
    pub fn sign_up_on_form(&self, email: &str, lang: &str, headers: &[(&str, &str)]) -> Response {
        let fields = [
            ("email", email),
            ("language", lang),
            ("consent", "yes"),
            ("lang", lang),
            ("website", ""),
        ];
        self.post_form("/subscribe", &fields, headers)
    }

    /// Presses "erase" on a reader's preferences page at `path`: unconfirmed it only asks,
    /// confirmed it erases the reader's data.
    pub fn press_erase(&self, path: &str, confirmed: bool) -> Response {
        let mut fields = vec![("action", "erase")];
        if confirmed {
            fields.push(("confirm", "yes"));
        }
        self.post_form(path, &fields, &[])
    }

    pub fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Response {
        http::request(&self.url, method, path, headers, body)
    }

    /// A JSON API call with a bearer token.
    pub fn api(
        &self,
        token: &str,
        method: &str,
        path: &str,
        body: Option<&serde_json::Value>,
    ) -> Response {
        let auth = format!("Bearer {token}");
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let mut headers = vec![("Authorization", auth.as_str()), ("Accept", "application/json")];
        if !body.is_empty() {
            headers.push(("Content-Type", "application/json"));
        }
        http::request(&self.url, method, path, &headers, body.as_bytes())
    }

    /// `POST /api/v1/subscribers` with `body`, as an integrating system creates a subscriber.
    pub fn post_subscriber(&self, token: &str, body: &serde_json::Value) -> Response {
        self.api(token, "POST", "/api/v1/subscribers", Some(body))
    }

    /// Adds readers through the API as an integrating system would; with consent obtained
    /// elsewhere they are active at once, so issues reach them without a confirmation round.
    pub fn add_readers<E: AsRef<str>>(&self, readers: &[(E, &str)]) {
        let token = self.api_token("fixtures");
        for (email, language) in readers {
            let body = serde_json::json!({
                "email": email.as_ref(),
                "language": language,
                "consent": "obtained_elsewhere",
            });
            let response = self.post_subscriber(&token, &body);
            assert_eq!(response.status, 201, "{}", response.text());
        }
    }
}
