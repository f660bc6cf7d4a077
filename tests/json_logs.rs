//! `RUNDBRIEF_LOG_FORMAT=json`: every line a running `serve` writes is one JSON object with
//! `level` and `message`, as log shippers read them; text stays the default.
#![allow(clippy::unwrap_used)]

use rundbrief_testkit::{TestApp, TestDb};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");

#[test]
fn json_log_lines_parse_with_level_and_message() {
    let db = TestDb::sqlite();
    let app = TestApp::spawn(BIN, &db, &[("RUNDBRIEF_LOG_FORMAT", "json")]);
    // A request that logs something of its own beside the start-up lines.
    assert_eq!(app.get("/healthz", &[]).status, 200);
    let log = app.log_once("listening on http://");
    let lines: Vec<&str> = log.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(lines.len() >= 2, "{log}");
    let mut messages = Vec::new();
    for line in &lines {
        let value: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not a JSON line ({e}): {line}"));
        let level = value["level"].as_str().unwrap_or_else(|| panic!("no level: {line}"));
        assert!(["TRACE", "DEBUG", "INFO", "WARN", "ERROR"].contains(&level), "{line}");
        let message = value["message"].as_str().unwrap_or_else(|| panic!("no message: {line}"));
        assert!(value["timestamp"].is_string(), "{line}");
        messages.push(message.to_owned());
    }
    let listening = lines.iter().find(|l| l.contains("listening on http://")).unwrap();
    let listening: serde_json::Value = serde_json::from_str(listening).unwrap();
    assert_eq!(listening["level"], "INFO");
    assert_eq!(listening["backend"], "sqlite", "fields sit beside the message: {listening}");
    assert!(messages.iter().any(|m| m.starts_with("Rundbrief listening on http://")), "{log}");
}

#[test]
fn text_is_the_default_and_other_formats_are_refused() {
    let db = TestDb::sqlite();
    let app = TestApp::spawn(BIN, &db, &[]);
    let log = app.log_once("listening on http://");
    let line = log.lines().find(|l| l.contains("listening on http://")).unwrap();
    assert!(serde_json::from_str::<serde_json::Value>(line).is_err(), "text: {line}");
    assert!(line.contains("INFO"), "{line}");
    let refused = app.command_with_env(&["serve"], &[("RUNDBRIEF_LOG_FORMAT", "xml")]);
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("RUNDBRIEF_LOG_FORMAT: 'xml'"), "{stderr}");
}
