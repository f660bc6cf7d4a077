//! Black-box tests of the process's defences: slow clients cannot exhaust its connections or
//! file descriptors, and what it writes to disk is readable by its own user only.
#![allow(clippy::unwrap_used)]

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::{Duration, Instant};

use rundbrief_testkit::{TestApp, TestDb, TestProcess, http};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
/// Short, so the tests see slow connections closed; the default is 10 s.
const HEADER_TIMEOUT: Duration = Duration::from_secs(2);
const HEADER_TIMEOUT_SECS: &str = "2";

fn address(url: &str) -> SocketAddr {
    url.trim_start_matches("http://").trim_end_matches('/').parse().expect("a socket address")
}

/// A slow-loris client: the request line and one header, then nothing.
fn slow_connection(addr: SocketAddr) -> TcpStream {
    let mut stream =
        TcpStream::connect_timeout(&addr, Duration::from_secs(5)).expect("connect a slow client");
    stream.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").expect("send half a request");
    stream
}

/// `GET /healthz` on a fresh connection; the status and how long the answer took.
fn health(addr: SocketAddr) -> (Result<u16, String>, Duration) {
    let started = Instant::now();
    let outcome = (|| {
        let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(3))
            .map_err(|e| format!("connect: {e}"))?;
        stream.set_read_timeout(Some(Duration::from_secs(3))).map_err(|e| e.to_string())?;
        stream
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .map_err(|e| format!("write: {e}"))?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).map_err(|e| format!("read: {e}"))?;
        let text = String::from_utf8_lossy(&raw);
        text.split_whitespace()
            .nth(1)
            .and_then(|code| code.parse().ok())
            .ok_or_else(|| format!("no status line in {text:?}"))
    })();
    (outcome, started.elapsed())
}

fn assert_healthy_within_a_second(addr: SocketAddr, when: &str, log: &dyn Fn() -> String) {
    let (status, took) = health(addr);
    assert!(
        status == Ok(200) && took < Duration::from_secs(1),
        "/healthz {when}: {status:?} after {took:?}\n{}",
        log()
    );
}

/// Whether the server has closed the connection: EOF, a reset, or an answer followed by EOF.
/// `false` while it still holds it open.
fn closed_by_server(stream: &mut TcpStream) -> bool {
    stream.set_read_timeout(Some(Duration::from_millis(300))).expect("read timeout");
    let mut buf = [0u8; 512];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return false;
            }
            Err(_) => return true,
        }
    }
}

/// Opens `count` slow connections, checks `/healthz` throughout the header timeout, and that
/// the server closed every slow connection once it has passed.
fn flood(addr: SocketAddr, count: usize, log: &dyn Fn() -> String) {
    let mut slow = Vec::with_capacity(count);
    for i in 0..count {
        slow.push(slow_connection(addr));
        if i == count / 2 {
            assert_healthy_within_a_second(addr, "halfway through opening", log);
        }
    }
    let opened = Instant::now();
    let mut checks = 0;
    while opened.elapsed() < HEADER_TIMEOUT {
        assert_healthy_within_a_second(
            addr,
            &format!("{:?} into the flood", opened.elapsed()),
            log,
        );
        checks += 1;
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(checks >= 5, "only {checks} health checks during the header timeout");
    // Give the server the header timeout plus a second from the last slow connection.
    let until = opened + HEADER_TIMEOUT + Duration::from_secs(1);
    if let Some(rest) = until.checked_duration_since(Instant::now()) {
        std::thread::sleep(rest);
    }
    let still_open = slow.iter_mut().map(closed_by_server).filter(|closed| !closed).count();
    assert_eq!(still_open, 0, "slow connections still open after the header timeout\n{}", log());
    assert_healthy_within_a_second(addr, "after the flood", log);
}

/// 300 slow connections against a process with 256 file descriptors, all from one address
/// (with the per-IP cap out of the way, so the overall cap and the descriptor limit are what
/// is tested): the server sheds the slow connections and keeps answering health checks.
#[test]
fn slow_clients_cannot_exhaust_file_descriptors() {
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let server = TestProcess::spawn(
        "sh",
        &db,
        dir.path(),
        &[
            ("RUNDBRIEF_HTTP_HEADER_TIMEOUT", HEADER_TIMEOUT_SECS),
            ("RUNDBRIEF_HTTP_MAX_CONNECTIONS_PER_IP", "1000"),
        ],
        &["-c", "ulimit -n 256 && exec \"$0\" serve", BIN],
        "listening on http://",
    );
    let log = || server.log();
    assert!(
        log().contains("HTTP connections capped below the file-descriptor limit"),
        "the connection cap should follow the 256 descriptors:\n{}",
        log()
    );
    flood(address(&server.url()), 300, &log);
}

/// The per-IP cap (here 16) makes one address's slow connections give way to its own new
/// ones, so a health check from the same address still gets through.
#[test]
fn one_address_over_its_cap_still_gets_health_checks_through() {
    let db = TestDb::sqlite();
    let app = TestApp::spawn(
        BIN,
        &db,
        &[
            ("RUNDBRIEF_HTTP_HEADER_TIMEOUT", HEADER_TIMEOUT_SECS),
            ("RUNDBRIEF_HTTP_MAX_CONNECTIONS_PER_IP", "16"),
        ],
    );
    let log = || app.log();
    flood(address(&app.url), 60, &log);
}

/// After a sign-up with the file outbox on SQLite, everything under the data directory is
/// private: files 0600, directories 0700, including what an older version left 0755/0644.
#[cfg(unix)]
#[test]
fn the_data_directory_is_private_to_the_service() {
    use std::os::unix::fs::PermissionsExt;

    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // As an older version left it.
    std::fs::create_dir(&data).unwrap();
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    let legacy = data.join("legacy.eml");
    std::fs::write(&legacy, "To: old@example.org\r\n").unwrap();
    std::fs::set_permissions(&legacy, std::fs::Permissions::from_mode(0o644)).unwrap();

    let database_url = format!("sqlite://{}", data.join("rundbrief.db").display());
    let data_dir = data.display().to_string();
    let server = TestProcess::spawn(
        BIN,
        &db,
        dir.path(),
        &[
            ("RUNDBRIEF_DATA_DIR", &data_dir),
            ("RUNDBRIEF_DATABASE_URL", &database_url),
            // Unset: the key is generated into the data directory.
            ("RUNDBRIEF_SECRET_KEY", ""),
            ("RUNDBRIEF_RATE_LIMIT", "0"),
        ],
        &["serve"],
        "listening on http://",
    );
    let fields = [
        ("email", "private@example.org"),
        ("language", "de"),
        ("consent", "yes"),
        ("lang", "de"),
        ("website", ""),
    ];
    let signed_up = http::post_form(&server.url(), "/subscribe", &fields, &[]);
    assert_eq!(signed_up.status, 200, "{}", signed_up.text());

    let outbox = data.join("outbox");
    let deadline = Instant::now() + Duration::from_secs(15);
    while !std::fs::read_dir(&outbox).is_ok_and(|mut entries| {
        entries.any(|e| e.is_ok_and(|e| e.path().extension().is_some_and(|x| x == "eml")))
    }) {
        assert!(Instant::now() < deadline, "no .eml in {}\n{}", outbox.display(), server.log());
        std::thread::sleep(Duration::from_millis(50));
    }

    let mut seen = Vec::new();
    let mut wrong = Vec::new();
    check_tree(&data, &mut seen, &mut wrong);
    assert!(wrong.is_empty(), "not private: {wrong:?}\nall: {seen:?}");
    for expected in ["secret.key", "rundbrief.db", "rundbrief.db-wal", "outbox", "legacy.eml"] {
        assert!(
            seen.iter().any(|(path, _)| path.ends_with(expected)),
            "{expected} missing from {seen:?}"
        );
    }
}

/// Every file and directory under `dir` (and `dir` itself) with its mode; `wrong` gets those
/// that are not 0600 files or 0700 directories.
#[cfg(unix)]
fn check_tree(dir: &Path, seen: &mut Vec<(String, String)>, wrong: &mut Vec<(String, String)>) {
    check_mode(dir, 0o700, seen, wrong);
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if entry.file_type().unwrap().is_dir() {
            check_tree(&path, seen, wrong);
        } else {
            check_mode(&path, 0o600, seen, wrong);
        }
    }
}

#[cfg(unix)]
fn check_mode(
    path: &Path,
    want: u32,
    seen: &mut Vec<(String, String)>,
    wrong: &mut Vec<(String, String)>,
) {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::symlink_metadata(path).unwrap().permissions().mode() & 0o7777;
    let entry = (path.display().to_string(), format!("{mode:o}"));
    if mode != want {
        wrong.push(entry.clone());
    }
    seen.push(entry);
}
