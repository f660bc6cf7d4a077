//! The rules that turn a remote server's answer into a [`BounceKind`]: one table of enhanced
//! status codes (RFC 3463) and one of phrases, shared by the DSN reader and the provider texts,
//! and used for the SMTP answers at send time too (`SendError::is_no_such_user`): a
//! `552 5.2.2 mailbox full` is then soft wherever it is seen.
//!
//! The guiding rule: hard means the address itself is gone (no such user, no such domain,
//! account disabled), because a hard bounce suppresses the reader for good. Everything that is
//! about the message, the sender or the sending server's reputation (spam filters, policy,
//! DMARC, size) is soft: it is not the reader's fault, and enough soft bounces within the
//! window still end in "bounced".

use rundbrief_core::model::BounceKind;

/// Classifies one failure answer: `code` is the SMTP reply code (0 when unknown), `enhanced`
/// the RFC 3463 status (`"5.1.1"`), when the answer or the report carried one, and `text` the
/// server's words. A 2xx answer or a 2.x.x status is no failure ([`BounceKind::NotBounce`]);
/// an answer that says nothing classifiable is [`BounceKind::Soft`] (counted, not suppressed).
pub fn classify_smtp(code: u16, enhanced: Option<&str>, text: &str) -> BounceKind {
    decide(code, enhanced, text).unwrap_or(BounceKind::Soft)
}

/// [`classify_smtp`], or `None` when neither a code, a status nor a phrase says anything, so a
/// caller with more text (a whole provider bounce) can try that instead.
pub(crate) fn decide(code: u16, enhanced: Option<&str>, text: &str) -> Option<BounceKind> {
    rule(code, enhanced, text).or_else(|| {
        // RFC 5321: 550 mailbox unavailable, 551 user not local, 553 mailbox name not allowed.
        // A bare 551 or 553 names the address; a bare 550 or 554 is as often a filter.
        match (class_of(code, status_of(enhanced, text)), code) {
            (None, _) => None,
            (_, 551 | 553) => Some(BounceKind::Hard),
            _ => Some(BounceKind::Soft),
        }
    })
}

/// The status to go by: the given one, refined by a more precise one in the text when it is a
/// bare x.0.0, else the first in the text.
fn status_of(enhanced: Option<&str>, text: &str) -> Option<Status> {
    match enhanced.and_then(Status::parse) {
        Some(s) if s.subject == 0 && s.detail == 0 => Status::find(text).or(Some(s)),
        Some(s) => Some(s),
        None => Status::find(text),
    }
}

fn class_of(code: u16, status: Option<Status>) -> Option<u8> {
    match status {
        Some(s) => Some(s.class),
        None if (200..600).contains(&code) => u8::try_from(code / 100).ok(),
        None => None,
    }
}

/// The decision by a rule of the tables: the class when it is 2 or 4, a status that decides, a
/// phrase. `None` when only the bare class of a failure is known (a `5.0.0` without words),
/// so a reader with more text (the human part of a DSN) can look there.
pub(crate) fn rule(code: u16, enhanced: Option<&str>, text: &str) -> Option<BounceKind> {
    let status = status_of(enhanced, text);
    let class = class_of(code, status);
    if class == Some(2) {
        return Some(BounceKind::NotBounce);
    }
    let text = normalise(text);
    // About our side or the message, whatever the code says.
    if contains_any(&text, SENDER_PHRASES) || contains_any(&text, FULL_PHRASES) {
        return Some(BounceKind::Soft);
    }
    if class == Some(4) {
        return Some(BounceKind::Soft);
    }
    if let Some(s) = status
        && s.class == 5
        && let Some(kind) = by_status(s, &text)
    {
        return Some(kind);
    }
    if contains_any(&text, POLICY_PHRASES) {
        return Some(BounceKind::Soft);
    }
    if contains_any(&text, GONE_PHRASES) {
        return Some(BounceKind::Hard);
    }
    None
}

/// Classifies a reply as one string (`"550 5.1.1 <x@example.org>: User unknown"`), taking the
/// reply code and the enhanced status from the text itself.
pub fn classify_reply(text: &str) -> BounceKind {
    let code = find_code(text).unwrap_or(0);
    classify_smtp(code, None, text)
}

/// The decision by the enhanced status of a permanent failure, or `None` when the status does
/// not decide (x.0.0 and codes used for many things) and the phrases must.
fn by_status(s: Status, text: &str) -> Option<BounceKind> {
    use BounceKind::{Hard, Soft};
    Some(match (s.subject, s.detail) {
        // Bad destination mailbox, system or syntax; mailbox moved; null MX (RFC 7505);
        // 5.1.0 "other address status" is how several servers say "address rejected".
        (1, 0..=4 | 6 | 10) => Hard,
        // 5.1.7 / 5.1.8: the sender's address is bad, not the reader's.
        (1, _) => Soft,
        // Mailbox disabled (Gmail, Yahoo: the account is closed), unless it is a rate limit.
        (2, 1) if contains_any(text, RATE_PHRASES) => Soft,
        (2, 1) => Hard,
        // Full, message too large, other mailbox trouble.
        (2, _) => Soft,
        // Unable to route: the domain does not resolve (Postfix "Host or domain name not found").
        (4, 4) => Hard,
        // Office 365's directory-based edge blocking answers an unknown recipient with
        // "5.4.1 Recipient address rejected: Access denied".
        (4, 1) if text.contains("recipient address rejected") => Hard,
        (4, _) => Soft,
        // Mail system, protocol, content and security/policy: about us or the message.
        (3 | 5 | 6 | 7, _) => Soft,
        _ => return None,
    })
}

/// An RFC 3463 status code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Status {
    pub class: u8,
    pub subject: u16,
    pub detail: u16,
}

impl Status {
    /// Parses a whole status token such as `5.1.1` (surrounding space allowed).
    pub(crate) fn parse(token: &str) -> Option<Self> {
        let token = token.trim();
        let token = token.split([' ', '\t', '(', ';']).next()?;
        let mut parts = token.split('.');
        let class: u8 = parse_digits(parts.next()?, 1)?;
        let subject: u16 = parse_digits(parts.next()?, 3)?;
        let detail: u16 = parse_digits(parts.next()?, 3)?;
        if parts.next().is_some() || !matches!(class, 2 | 4 | 5) {
            return None;
        }
        Some(Self { class, subject, detail })
    }

    /// The first status code standing as a word in `text` (`550 5.1.1 ...`, `550-5.1.1`,
    /// qmail's `(#5.1.1)`), never a piece of an IP address or a version number.
    pub(crate) fn find(text: &str) -> Option<Self> {
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if !matches!(b, b'2' | b'4' | b'5') || bytes.get(i + 1) != Some(&b'.') {
                continue;
            }
            let before_ok = i == 0
                || matches!(
                    bytes[i - 1],
                    b' ' | b'\t'
                        | b'\n'
                        | b'\r'
                        | b'#'
                        | b'('
                        | b'['
                        | b';'
                        | b':'
                        | b'-'
                        | b'"'
                        | b'='
                );
            if !before_ok {
                continue;
            }
            // A status is at most `5.999.999`: looking further than that would make a long run
            // of digits and dots (a hostile mail) quadratic.
            let window = &bytes[i..bytes.len().min(i + 12)];
            let end = window
                .iter()
                .position(|c| !(c.is_ascii_digit() || *c == b'.'))
                .map_or(i + window.len(), |p| i + p);
            let token = text.get(i..end)?.trim_end_matches('.');
            // A trailing dot ends a sentence; anything more (a fourth number) is an address.
            if token.matches('.').count() != 2 {
                continue;
            }
            if let Some(status) = Self::parse(token) {
                return Some(status);
            }
        }
        None
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.class, self.subject, self.detail)
    }
}

fn parse_digits<T: std::str::FromStr>(s: &str, max_len: usize) -> Option<T> {
    if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// The first SMTP reply code standing as a word in `text` (`said: 550 ...`, `554: delivery
/// error`, `550-5.1.1`).
pub(crate) fn find_code(text: &str) -> Option<u16> {
    let bytes = text.as_bytes();
    for i in 0..bytes.len().saturating_sub(2) {
        let word = &bytes[i..i + 3];
        if !matches!(word[0], b'2' | b'4' | b'5') || !word.iter().all(u8::is_ascii_digit) {
            continue;
        }
        let before_ok =
            i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r' | b'(' | b';' | b'=');
        let after_ok = matches!(bytes.get(i + 3), None | Some(b' ' | b'-' | b':' | b'\r' | b'\n'));
        if before_ok && after_ok {
            return std::str::from_utf8(word).ok()?.parse().ok();
        }
    }
    None
}

/// Lower case, typographic apostrophes straightened, runs of white space (the line breaks of
/// a wrapped diagnostic) made one space, so a phrase matches however the server wrapped it.
pub(crate) fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        match c {
            '\u{2019}' | '\u{2018}' => out.push('\''),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

pub(crate) fn contains_any(text: &str, phrases: &[&str]) -> bool {
    phrases.iter().any(|p| text.contains(p))
}

/// The sender's address or domain was refused: our configuration, not the reader.
const SENDER_PHRASES: &[&str] = &[
    "sender address rejected",
    "sender verify failed",
    "sender rejected",
    "sender domain",
    "absender abgelehnt",
];

/// The mailbox exists but is full: temporary by nature, whatever code the server chose.
const FULL_PHRASES: &[&str] = &[
    "mailbox full",
    "mailbox is full",
    "mailbox has exceeded",
    "mailbox size limit",
    "over quota",
    "overquota",
    "quota exceeded",
    "exceeded quota",
    "quotaexceeded",
    "exceeded storage allocation",
    "exceeds storage",
    "insufficient storage",
    "not enough storage",
    "out of storage",
    "user is over",
    "postfach voll",
    "postfach ist voll",
    "postfach des empfängers ist voll",
    "mailbox voll",
    "speicherplatz",
    "speicherkontingent",
    "kontingent überschritten",
    "quota überschritten",
];

/// Rate limits: temporary even under a 5.2.1.
const RATE_PHRASES: &[&str] =
    &["too quickly", "too many", "rate limit", "rate-limit", "try again later", "zu viele"];

/// Filters and policy: the message or the sending server was refused, the address may be fine.
const POLICY_PHRASES: &[&str] = &[
    "spam",
    "blocked",
    "block list",
    "blocklist",
    "blacklist",
    "denylist",
    "listed at",
    "listed on",
    "policy",
    "reputation",
    "unsolicited",
    "dmarc",
    "spf",
    "dkim",
    "not authenticated",
    "authentication",
    "rejected due to",
    "content rejected",
    "message rejected",
    "virus",
    "malware",
    "relay access denied",
    "relaying denied",
    "relay not permitted",
    "no smtp service",
    "ptr resource record",
    "too many",
    "rate limit",
    "blockiert",
    "abgewiesen aufgrund",
    "richtlinie",
];

/// The address is gone: no such user, no such domain, account closed. English and German,
/// as the large German providers and Exchange in German write them.
const GONE_PHRASES: &[&str] = &[
    "user unknown",
    "unknown user",
    "unknown recipient",
    "recipient unknown",
    "recipient not found",
    "recipientnotfound",
    "unknown local part",
    "unknown address",
    "address unknown",
    "no such user",
    "no such recipient",
    "no such mailbox",
    "no such address",
    "no such domain",
    "no mailbox",
    "mailbox not found",
    "mailbox unavailable",
    "mailbox is unavailable",
    "mailbox does not exist",
    "user does not exist",
    "user doesn't exist",
    "address does not exist",
    "account does not exist",
    "does not exist",
    "doesn't exist",
    "doesn't have a",
    "not a valid mailbox",
    "invalid mailbox",
    "invalid recipient",
    "invalid address",
    "bad destination mailbox",
    "unrouteable address",
    "unroutable address",
    "domain not found",
    "host not found",
    "host or domain name not found",
    "couldn't be found",
    "could not be found",
    "account has been disabled",
    "account is disabled",
    "account disabled",
    "mailbox is disabled",
    "mailbox disabled",
    "account is inactive",
    "account has been deactivated",
    "no longer active",
    "not our customer",
    "benutzer unbekannt",
    "unbekannter benutzer",
    "empfänger unbekannt",
    "unbekannter empfänger",
    "adresse unbekannt",
    "unbekannte adresse",
    "empfängeradresse ist unbekannt",
    "postfach unbekannt",
    "existiert nicht",
    "gibt es nicht",
    "nicht gefunden",
    "nicht vorhanden",
    "ungültige empfänger",
    "ungültiger empfänger",
    "ungültige adresse",
    "ungültige e-mail-adresse",
    "postfach wurde deaktiviert",
    "konto wurde deaktiviert",
];

#[cfg(test)]
mod tests {
    use super::*;
    use BounceKind::{Hard, NotBounce, Soft};

    #[test]
    fn the_status_table_decides_permanent_failures() {
        let cases: &[(u16, Option<&str>, &str, BounceKind)] = &[
            (550, Some("5.1.1"), "<x@example.org>: Recipient address rejected: User unknown", Hard),
            (550, Some("5.1.2"), "Host or domain name not found", Hard),
            (550, Some("5.1.10"), "RESOLVER.ADR.RecipientNotFound; not found", Hard),
            (556, Some("5.1.10"), "Recipient address has null MX", Hard),
            (552, Some("5.2.2"), "mailbox full", Soft),
            (452, Some("4.2.2"), "The email account that you tried to reach is over quota", Soft),
            (550, Some("5.2.1"), "The email account that you tried to reach is disabled", Hard),
            (550, Some("5.2.1"), "user is receiving mail too quickly", Soft),
            (552, Some("5.3.4"), "Message size exceeds fixed limit", Soft),
            (550, Some("5.7.1"), "Message rejected as spam by Content Filtering", Soft),
            (550, Some("5.7.26"), "Unauthenticated email from example.org is not accepted", Soft),
            (550, Some("5.4.1"), "Recipient address rejected: Access denied. AS(201806281)", Hard),
            (554, Some("5.4.4"), "Host or domain name not found", Hard),
            (550, Some("5.1.8"), "Sender address rejected: Domain not found", Soft),
            (421, Some("4.7.0"), "Try again later, closing connection", Soft),
            (450, Some("4.1.1"), "Recipient address rejected: unverified address", Soft),
            (250, Some("2.0.0"), "OK", NotBounce),
        ];
        for &(code, enhanced, text, want) in cases {
            assert_eq!(classify_smtp(code, enhanced, text), want, "{code} {enhanced:?} {text}");
        }
    }

    #[test]
    fn phrases_decide_when_the_code_does_not() {
        assert_eq!(
            classify_smtp(550, None, "Requested action not taken: mailbox unavailable"),
            Hard
        );
        assert_eq!(
            classify_smtp(552, None, "Requested mail action aborted: exceeded storage allocation"),
            Soft
        );
        assert_eq!(classify_smtp(550, Some("5.0.0"), "Benutzer unbekannt"), Hard);
        assert_eq!(classify_smtp(550, None, "Das Postfach des Empfängers ist voll"), Soft);
        assert_eq!(
            classify_smtp(554, None, "Transaction failed: Reject due to policy restrictions"),
            Soft
        );
        assert_eq!(classify_smtp(0, None, "Sorry, no mailbox here by that name. (#5.1.1)"), Hard);
        assert_eq!(classify_smtp(0, None, "Die E-Mail-Adresse existiert nicht"), Hard);
        assert_eq!(classify_smtp(550, None, "Administrative prohibition"), Soft);
        assert_eq!(classify_smtp(553, None, "sorry, that address is not allowed"), Hard);
        assert_eq!(classify_smtp(0, None, ""), Soft);
    }

    #[test]
    fn a_wrapped_reply_still_matches() {
        let text = "550-5.1.1 The email account that you tried to reach does\n    not exist.";
        assert_eq!(classify_reply(text), Hard);
        assert_eq!(
            classify_reply("552-5.2.2 The email account that you tried to reach is over\n quota"),
            Soft
        );
    }

    #[test]
    fn status_codes_are_found_as_words_only() {
        assert_eq!(
            Status::find("said: 550 5.1.1 <x>").map(|s| s.to_string()).as_deref(),
            Some("5.1.1")
        );
        assert_eq!(Status::find("(#5.2.2)").map(|s| s.to_string()).as_deref(), Some("5.2.2"));
        assert_eq!(
            Status::find("550-5.7.26 Unauthenticated").map(|s| s.to_string()).as_deref(),
            Some("5.7.26")
        );
        assert_eq!(Status::find("host mx[192.0.2.10] said"), None);
        assert_eq!(Status::find("relay 5.9.10.11 refused"), None);
        assert_eq!(find_code("host a[203.0.113.250] said: 554: delivery error"), Some(554));
        assert_eq!(find_code("no code here 2026"), None);
    }
}
