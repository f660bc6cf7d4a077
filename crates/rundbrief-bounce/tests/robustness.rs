//! `parse` must never panic: every corpus mail cut at many lengths and with bytes flipped,
//! and inputs that are no mail at all.

use std::path::Path;

use rundbrief_bounce::parse;
use rundbrief_core::model::BounceKind;

/// A small deterministic generator (xorshift), so a failure names a reproducible case.
struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn corpus() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("corpus dir")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "eml"))
        .collect();
    files.sort();
    files.into_iter().map(|p| std::fs::read(p).expect("corpus file")).collect()
}

#[test]
fn truncated_mails_never_panic() {
    for raw in corpus() {
        let step = (raw.len() / 97).max(1);
        for len in (0..raw.len()).step_by(step) {
            let _ = parse(&raw[..len]);
        }
    }
}

#[test]
fn damaged_mails_never_panic() {
    let mut rng = Xorshift(0x9E37_79B9_7F4A_7C15);
    let specials = [b'\n', b'\r', b':', b';', b'<', b'>', b'@', b'-', b' ', b'=', 0xC3, 0xFF, 0];
    for raw in corpus() {
        for _ in 0..40 {
            let mut damaged = raw.clone();
            for _ in 0..8 {
                let at = (rng.next() % damaged.len().max(1) as u64) as usize;
                let byte = specials[(rng.next() % specials.len() as u64) as usize];
                if let Some(b) = damaged.get_mut(at) {
                    *b = byte;
                }
            }
            let _ = parse(&damaged);
        }
    }
}

#[test]
fn garbage_is_not_a_bounce() {
    let mut rng = Xorshift(42);
    for len in [0usize, 1, 2, 7, 64, 1000, 20_000] {
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let report = parse(&bytes);
        assert!(
            !matches!(report.kind, BounceKind::Hard | BounceKind::Complaint),
            "random bytes read as {:?}",
            report.kind
        );
    }
    for input in [
        &b""[..],
        b"\r\n\r\n",
        b"Content-Type: multipart/report; report-type=delivery-status; boundary=x\r\n\r\n--x\r\nContent-Type: message/delivery-status\r\n\r\nAction: failed\r\nStatus: 5.1.1\r\n",
        b"Content-Type: message/delivery-status\n\nFinal-Recipient: rfc822;\nAction: failed",
        b"Content-Type: multipart/report; report-type=feedback-report; boundary=\"b\"\n\n--b\nContent-Type: message/feedback-report\n\nFeedback-Type: abuse\nOriginal-Rcpt-To: <<<@@@>>>\n--b--",
        b"Subject: Undeliverable\nFrom: MAILER-DAEMON@x.example\n\n<@>:\n<a@b.c\n@@@@ 5.1.1 550",
        "From: postmaster@ä.example\nSubject: Unzustellbar: ü\n\nDie Nachricht konnte an folgende Empfänger oder Gruppen nicht übermittelt werden:\n\nä@ö.ü\n".as_bytes(),
    ] {
        let _ = parse(input);
    }
}

#[test]
fn a_dsn_without_a_recipient_names_nobody() {
    let raw = b"From: MAILER-DAEMON@mx.example\nTo: bounce@verein.example\nContent-Type: multipart/report; report-type=delivery-status; boundary=x\n\n--x\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example\n\nAction: failed\nStatus: 5.1.1\n--x--\n";
    let report = parse(raw);
    assert_eq!(report.kind, BounceKind::Hard);
    assert_eq!(report.recipient, None);
}

#[test]
fn the_bounce_s_own_addresses_are_never_the_recipient() {
    let raw = b"From: MAILER-DAEMON@mx.example\nTo: bounce@verein.example\nSubject: Undelivered Mail Returned to Sender\nContent-Type: multipart/report; report-type=delivery-status; boundary=x\n\n--x\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example\n\nFinal-Recipient: rfc822; bounce@verein.example\nAction: failed\nStatus: 5.1.1\n--x--\n";
    assert_eq!(parse(raw).recipient, None);
    let raw = b"From: Mail Delivery System <MAILER-DAEMON@mx.example>\nTo: bounce@verein.example\nSubject: Mail delivery failed\n\nThis message was created automatically by mail delivery software.\n\n  postmaster@mx.example\n    host unreachable\n";
    assert_eq!(parse(raw).recipient, None);
}

/// A NUL or other control character in a diagnostic would make PostgreSQL refuse the bounce
/// row (TEXT cannot hold 0x00): the inbound listener answered 451 for ever and the mailbox
/// poller stopped at that mail at every poll, leaving every later mail unprocessed.
#[test]
fn diagnostics_hold_no_control_characters() {
    let raw = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/gmail-address-not-found.eml"),
    )
    .expect("corpus file");
    let text = String::from_utf8(raw).expect("UTF-8 corpus mail");
    let hostile = text.replace("550 5.1.1 ", "550 5.1.1 \0bad\u{1b}[31m\u{7f}x ");
    assert_ne!(hostile, text, "the corpus mail has the diagnostic the test changes");
    let report = parse(hostile.as_bytes());
    let diagnostic = report.diagnostic.expect("a diagnostic");
    assert!(diagnostic.contains("bad"), "{diagnostic:?}");
    assert!(!diagnostic.chars().any(char::is_control), "{diagnostic:?}");
    assert_eq!(report.kind, BounceKind::Hard);
}
