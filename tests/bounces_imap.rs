//! The bounce mailbox end to end (issue 20): Debian's Dovecot, started by the test
//! unprivileged (as the current user, or as `dovecot` when the test runs as root) on loopback
//! ports with its own configuration, a self-signed certificate and one account, is the hosted
//! mailbox; `rundbrief serve` polls it over STARTTLS (on SQLite) or TLS from the
//! first byte (on PostgreSQL), trusting the certificate through `SSL_CERT_FILE`. DSNs and an
//! ARF complaint delivered into its INBOX (maildir files, as a mail server's local delivery
//! writes them) end with their readers bounced or complained and the mails moved to the
//! processed folder; a mail over 10 MB is moved unread. On SQLite, a mail that arrives while
//! another connection holds the database's write lock fails, stays in the INBOX not marked
//! seen, and is processed and moved once the lock is gone.
//!
//! Without Dovecot the test is SKIPPED, and fails when `CI` is set or
//! `RUNDBRIEF_TEST_IMAP_REQUIRED=1` (as in `.ci/run`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write as _;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::str::FromStr as _;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rundbrief_core::{EmailAddress, SubscriberStatus};
use rundbrief_store::Store;
use rundbrief_testkit::reports::{arf, dsn};
use rundbrief_testkit::{Backend, SmtpServer, TestApp, TestDb, campaign};
use sqlx::Connection as _;

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const MAIL_WAIT: Duration = Duration::from_secs(20);
/// A poll every second; a mail is processed a moment after it arrives.
const MOVE_WAIT: Duration = Duration::from_secs(60);
const USER: &str = "bounces";
const PASSWORD: &str = "Postfach-geheim-42";
const READERS: usize = 4;

fn reader(i: usize) -> String {
    format!("imap-reader{i}@example.de")
}

/// The test is skipped (`None`) or, when required, fails, with `reason`.
fn unavailable(reason: &str) -> Option<Dovecot> {
    let required = std::env::var_os("CI").is_some()
        || std::env::var("RUNDBRIEF_TEST_IMAP_REQUIRED").is_ok_and(|v| v == "1");
    assert!(!required, "the IMAP test is required (CI) but {reason}");
    let _ = writeln!(std::io::stderr(), "IMAP bounce mailbox test SKIPPED: {reason}");
    None
}

/// Runs `program args`; its stdout when it succeeds.
fn run(program: &str, args: &[&str]) -> Result<String, String> {
    let out = Command::new(program)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    if !out.status.success() {
        return Err(format!("{program} failed: {}", String::from_utf8_lossy(&out.stderr)));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// A Dovecot IMAP server of its own, stopped and removed when dropped.
struct Dovecot {
    child: Child,
    dir: tempfile::TempDir,
    /// STARTTLS (`imap://`) and TLS from the first byte (`imaps://`).
    port: u16,
    tls_port: u16,
    /// Owner of the mail files: the mail processes run as this user.
    owner: (u32, u32),
}

impl Dovecot {
    /// A server; `without_move` leaves MOVE out of its capabilities, so that clients copy,
    /// mark deleted and expunge instead.
    fn start(without_move: bool) -> Option<Self> {
        let Ok(binary) = run("sh", &["-c", "command -v dovecot || ls /usr/sbin/dovecot"]) else {
            return unavailable("dovecot is not installed (apt-get install dovecot-imapd)");
        };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path();
        // Dovecot runs unprivileged, every process of it as one user: the current one, or
        // (when the test runs as root, as in CI) the `dovecot` user the package creates.
        let root = run("id", &["-u"]).unwrap() == "0";
        let user = if root { "dovecot".to_owned() } else { run("id", &["-un"]).unwrap() };
        let owner: (u32, u32) = (
            run("id", &["-u", &user]).unwrap().parse().unwrap(),
            run("id", &["-g", &user]).unwrap().parse().unwrap(),
        );
        std::fs::write(
            path.join("openssl.cnf"),
            "[req]\ndistinguished_name = dn\nx509_extensions = leaf\nprompt = no\n\
             [dn]\nCN = 127.0.0.1\n[leaf]\nbasicConstraints = critical, CA:FALSE\n\
             subjectAltName = IP:127.0.0.1\nkeyUsage = critical, digitalSignature, keyEncipherment\n\
             extendedKeyUsage = serverAuth\n",
        )
        .unwrap();
        let p = |name: &str| path.join(name).display().to_string();
        run(
            "openssl",
            &[
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-config",
                &p("openssl.cnf"),
                "-keyout",
                &p("key.pem"),
                "-out",
                &p("cert.pem"),
            ],
        )
        .unwrap();
        std::fs::write(path.join("passwd"), format!("{USER}:{{PLAIN}}{PASSWORD}\n")).unwrap();
        for sub in ["run", "state", "home"] {
            std::fs::create_dir(path.join(sub)).unwrap();
        }
        let (port, tls_port) = (free_port(), free_port());
        let config = format!(
            "base_dir = {run}\nstate_dir = {state}\nlog_path = {log}\nprotocols = imap\n\
             listen = 127.0.0.1\nfirst_valid_uid = 1\nssl = required\n\
             ssl_cert = <{cert}\nssl_key = <{key}\n\
             default_internal_user = {user}\ndefault_internal_group = {user}\n\
             default_login_user = {user}\n\
             passdb {{\n  driver = passwd-file\n  args = scheme=PLAIN {passwd}\n}}\n\
             userdb {{\n  driver = static\n  args = uid={uid} gid={gid} home={home}/%u\n}}\n\
             mail_location = maildir:~/Maildir\n{capabilities}\n\
             service imap-login {{\n  inet_listener imap {{\n    address = 127.0.0.1\n    \
             port = {port}\n  }}\n  inet_listener imaps {{\n    address = 127.0.0.1\n    \
             port = {tls_port}\n    ssl = yes\n  }}\n  chroot =\n}}\n\
             service anvil {{\n  chroot =\n}}\n",
            run = p("run"),
            state = p("state"),
            log = p("dovecot.log"),
            cert = p("cert.pem"),
            key = p("key.pem"),
            passwd = p("passwd"),
            home = p("home"),
            uid = owner.0,
            gid = owner.1,
            capabilities = if without_move {
                "imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ UIDPLUS"
            } else {
                ""
            },
        );
        std::fs::write(path.join("dovecot.conf"), config).unwrap();
        for sub in ["cur", "new", "tmp"] {
            std::fs::create_dir_all(path.join(format!("home/{USER}/Maildir/{sub}"))).unwrap();
        }
        let mut command = Command::new(binary.lines().next().unwrap());
        command.args(["-F", "-c", &p("dovecot.conf")]).stdout(Stdio::null()).stderr(Stdio::null());
        if root {
            // Everything in the directory becomes the Dovecot user's, and so does the server.
            let out = Command::new("chown")
                .args(["-R", &format!("{}:{}", owner.0, owner.1), &p("")])
                .status()
                .unwrap();
            assert!(out.success(), "chown failed");
            std::os::unix::process::CommandExt::uid(&mut command, owner.0);
            std::os::unix::process::CommandExt::gid(&mut command, owner.1);
        }
        let dovecot = Self { child: command.spawn().unwrap(), dir, port, tls_port, owner };
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err()
            || TcpStream::connect(("127.0.0.1", tls_port)).is_err()
        {
            assert!(Instant::now() < deadline, "dovecot did not listen:\n{}", dovecot.log());
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(dovecot)
    }

    fn own(&self, path: &Path) {
        std::os::unix::fs::chown(path, Some(self.owner.0), Some(self.owner.1)).unwrap();
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("dovecot.log")).unwrap_or_default()
    }

    fn cert(&self) -> String {
        self.dir.path().join("cert.pem").display().to_string()
    }

    /// The mailbox over STARTTLS (`imap://`) or TLS from the first byte (`imaps://`).
    fn url(&self, implicit_tls: bool) -> String {
        match implicit_tls {
            false => format!("imap://{USER}:{PASSWORD}@127.0.0.1:{}/INBOX", self.port),
            true => format!("imaps://{USER}:{PASSWORD}@127.0.0.1:{}", self.tls_port),
        }
    }

    /// The names of the files of the mails in the INBOX (their maildir flags after `:2,`).
    fn inbox_files(&self) -> Vec<String> {
        ["cur", "new"]
            .iter()
            .flat_map(|sub| std::fs::read_dir(self.maildir().join(sub)).unwrap())
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    }

    fn maildir(&self) -> PathBuf {
        self.dir.path().join(format!("home/{USER}/Maildir"))
    }

    /// Delivers `mail` into the INBOX as a local delivery agent does: written under `tmp/`,
    /// then renamed into `new/`.
    fn deliver(&self, name: &str, mail: &str) {
        let tmp = self.maildir().join("tmp").join(name);
        std::fs::write(&tmp, mail).unwrap();
        self.own(&tmp);
        std::fs::rename(&tmp, self.maildir().join("new").join(name)).unwrap();
    }

    /// The mails in `folder` (`""` = INBOX).
    fn count(&self, folder: &str) -> usize {
        let base = if folder.is_empty() { self.maildir() } else { self.maildir().join(folder) };
        ["cur", "new"]
            .iter()
            .map(|sub| std::fs::read_dir(base.join(sub)).map_or(0, |d| d.count()))
            .sum()
    }

    /// Waits until the INBOX holds `inbox` mails and the processed folder `processed`.
    fn wait_for(&self, inbox: usize, processed: usize, app: &TestApp) {
        let deadline = Instant::now() + MOVE_WAIT;
        while (self.count(""), self.count(".Processed")) != (inbox, processed) {
            assert!(
                Instant::now() < deadline,
                "INBOX {} / Processed {}, expected {inbox} / {processed}\n{}\n{}",
                self.count(""),
                self.count(".Processed"),
                app.log(),
                self.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        // SIGTERM: the master stops its children before it exits.
        if let Some(pid) = rustix::process::Pid::from_raw(self.child.id() as i32) {
            let _ = rustix::process::kill_process(pid, rustix::process::Signal::TERM);
        }
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn mails_in_the_mailbox_are_processed_and_moved(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    // On PostgreSQL without MOVE: processed mails are copied, marked and expunged.
    let Some(dovecot) = Dovecot::start(backend == Backend::Postgres) else { return };
    // Both ways of TLS: STARTTLS on SQLite, TLS from the first byte on PostgreSQL.
    let url = dovecot.url(backend == Backend::Postgres);
    let cert = dovecot.cert();
    let env = [
        ("RUNDBRIEF_BOUNCE_DOMAIN", "bounces.example.org"),
        ("RUNDBRIEF_BOUNCE_IMAP_URL", url.as_str()),
        ("RUNDBRIEF_BOUNCE_IMAP_INTERVAL", "1"),
        ("SSL_CERT_FILE", cert.as_str()),
    ];
    let (app, smtp): (TestApp, SmtpServer) = TestApp::spawn_with_smtp(BIN, &db, &env);
    assert!(!app.log().contains(PASSWORD), "the password is never logged");
    let rt = tokio::runtime::Runtime::new().unwrap();
    let store: Arc<dyn Store> = rt.block_on(campaign::open(&db));
    let readers: Vec<String> = (0..READERS).map(reader).collect();
    let issue = rt.block_on(campaign::seed(&store, &readers));
    let sent = app.command(&["issue", "send", &issue.0.to_string()]);
    assert!(sent.status.success(), "{}", String::from_utf8_lossy(&sent.stderr));
    for address in &readers {
        smtp.wait_for(address, MAIL_WAIT);
    }
    let envelope_from = |address: &str| {
        let mails: Vec<_> =
            smtp.messages().into_iter().filter(|m| m.recipients == [address]).collect();
        assert_eq!(mails.len(), 1, "{address}");
        mails[0].from.clone()
    };
    // The poller reached the mailbox (over STARTTLS, the certificate checked) and made the
    // processed folder.
    app.log_once("folder for processed bounce mails created");
    wait_for_mailbox_worker(&app, 200, |state| state == "polling");

    dovecot.deliver("1.dsn", &dsn(&envelope_from(&readers[0]), &readers[0]));
    dovecot.deliver("2.dsn", &dsn(&envelope_from(&readers[1]), &readers[1]));
    dovecot.deliver("3.arf", &arf(&envelope_from(&readers[2]), &readers[2]));
    // A mail larger than any report is moved unread instead of being fetched at every poll.
    let huge = format!("Subject: huge\r\n\r\n{}\r\n", "x".repeat(10 * 1024 * 1024 + 1));
    dovecot.deliver("4.huge", &huge);
    dovecot.wait_for(0, 4, &app);
    app.log_once("larger than 10 MB");

    let status = |address: &str| {
        let email = EmailAddress::parse(address).unwrap();
        rt.block_on(store.subscriber_by_email(&email)).unwrap().unwrap().status
    };
    assert_eq!(status(&readers[0]), SubscriberStatus::Bounced);
    assert_eq!(status(&readers[1]), SubscriberStatus::Bounced);
    assert_eq!(status(&readers[2]), SubscriberStatus::Complained);
    assert_eq!(status(&readers[3]), SubscriberStatus::Active);
    let counts = rt.block_on(store.bounce_counts(issue)).unwrap();
    let hard: i64 = counts.iter().map(|c| c.hard).sum();
    let complaints: i64 = counts.iter().map(|c| c.complaint).sum();
    assert_eq!((hard, complaints), (2, 1), "{counts:?}");
    let log = app.log();
    assert!(!log.contains(&readers[0]) && !log.contains(PASSWORD), "no address, no password");

    if backend == Backend::Sqlite {
        // Another connection takes the write lock: recording the next mail fails (after the
        // store's busy timeout), and the mail stays where it is.
        let path = db.url.trim_start_matches("sqlite://").to_owned();
        let mut lock = rt
            .block_on(sqlx::SqliteConnection::connect_with(
                &sqlx::sqlite::SqliteConnectOptions::from_str(&format!("sqlite://{path}")).unwrap(),
            ))
            .unwrap();
        rt.block_on(sqlx::query("BEGIN EXCLUSIVE").execute(&mut lock)).unwrap();
        dovecot.deliver("5.dsn", &dsn(&envelope_from(&readers[3]), &readers[3]));
        // The store waits for the lock (its busy timeout, a pool the job workers also wait
        // in) before it gives up: longer than `log_once` waits.
        let deadline = Instant::now() + Duration::from_secs(120);
        while !app.log().contains("it stays in the bounce mailbox") {
            assert!(Instant::now() < deadline, "the failure was never logged:\n{}", app.log());
            std::thread::sleep(Duration::from_millis(200));
        }
        assert_eq!((dovecot.count(""), dovecot.count(".Processed")), (1, 4), "it stayed");
        let stayed = dovecot.inbox_files();
        assert!(
            stayed.iter().all(|name| !name.split(":2,").nth(1).unwrap_or("").contains('S')),
            "read with BODY.PEEK[]: not marked seen: {stayed:?}"
        );
        assert_eq!(status(&readers[3]), SubscriberStatus::Active);
        rt.block_on(sqlx::query("ROLLBACK").execute(&mut lock)).unwrap();
        drop(lock);
        // The next poll processes and moves it.
        dovecot.wait_for(0, 5, &app);
        assert_eq!(status(&readers[3]), SubscriberStatus::Bounced);
    }
    // Without its mailbox the process lives on, not ready, and says why.
    drop(dovecot);
    wait_for_mailbox_worker(&app, 503, |state| state["restarting"].is_string());
    app.log_once("cannot poll the bounce mailbox");
    drop(app);
}

/// Waits until `/readyz` answers `status` and its worker `bounce-mailbox` is as `expected`.
fn wait_for_mailbox_worker(
    app: &TestApp,
    status: u16,
    expected: impl Fn(&serde_json::Value) -> bool,
) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let response = app.get("/readyz", &[]);
        let body = response.json();
        if response.status == status && expected(&body["workers"]["bounce-mailbox"]) {
            return;
        }
        assert!(Instant::now() < deadline, "/readyz: {} {body}", response.status);
        std::thread::sleep(Duration::from_millis(100));
    }
}

rundbrief_testkit::on_both_backends!(mails_in_the_mailbox_are_processed_and_moved,);
