//! One parsed mail as the readers see it: its header fields as raw text, its MIME parts with
//! their types, its readable text, the returned original's headers, and the addresses that
//! can never be the failed recipient (the bounce's own sender and receiver).

use mail_parser::decoders::html::html_to_text;
use mail_parser::{Header, Message, MessageParser, MessagePart, MimeHeaders, PartType};
use rundbrief_core::EmailAddress;

/// Local parts of the mail system's own addresses: never a reader's.
const SYSTEM_LOCAL_PARTS: &[&str] = &[
    "mailer-daemon",
    "mailerdaemon",
    "mail-daemon",
    "postmaster",
    "double-bounce",
    "nobody-bounce",
];

/// Envelope-recipient headers, most trustworthy first: set by the receiving MTA, then `To`.
const ENVELOPE_HEADERS: &[&str] =
    &["Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To", "X-Rcpt-To", "To"];

pub(crate) struct Mail<'a> {
    pub message: &'a Message<'a>,
    root: &'a MessagePart<'a>,
    /// The decoded subject, or empty.
    pub subject: String,
    /// The envelope recipient of this mail, as written.
    pub envelope_to: Option<String>,
    /// Lower-case addresses that are never the failed recipient.
    own: Vec<String>,
    /// The returned original's headers, when the report carries them.
    pub original: Original,
}

/// What the returned original message (a `message/rfc822` or `text/rfc822-headers` part)
/// tells.
#[derive(Debug, Default)]
pub(crate) struct Original {
    /// The addresses in its `To`.
    pub to: Vec<String>,
    /// Outlook.com's feedback loop names the complaining reader in this header of the original.
    pub hm_recipient: Vec<String>,
}

impl<'a> Mail<'a> {
    pub(crate) fn new(message: &'a Message<'a>) -> Option<Self> {
        let root = message.parts.first()?;
        let mut mail = Mail {
            message,
            root,
            subject: message.subject().unwrap_or_default().trim().to_owned(),
            envelope_to: None,
            own: Vec::new(),
            original: Original::default(),
        };
        mail.envelope_to = ENVELOPE_HEADERS
            .iter()
            .find_map(|name| mail.header(name).and_then(|v| find_addresses(&v).into_iter().next()));
        for name in ["From", "Sender", "Reply-To", "Return-Path", "Errors-To"]
            .iter()
            .chain(ENVELOPE_HEADERS)
        {
            for value in mail.headers(name) {
                mail.own.extend(find_addresses(&value).into_iter().map(|a| a.to_lowercase()));
            }
        }
        mail.read_original();
        Some(mail)
    }

    /// The first value of a header field of the mail, unfolded, undecoded.
    pub(crate) fn header(&self, name: &str) -> Option<String> {
        self.headers(name).into_iter().next()
    }

    /// Every value of a header field of the mail.
    pub(crate) fn headers(&self, name: &str) -> Vec<String> {
        raw_values(&self.root.headers, &self.message.raw_message, name)
    }

    /// The MIME parts of the mail itself (not those inside a returned message).
    pub(crate) fn parts(&self) -> impl Iterator<Item = &'a MessagePart<'a>> + 'a {
        self.message.parts.iter()
    }

    /// The text a person reads: the `text/plain` parts, else the first HTML body as text.
    pub(crate) fn text(&self) -> String {
        let mut out = String::new();
        for part in self.parts() {
            if let PartType::Text(text) = &part.body {
                let plain = part
                    .content_type()
                    .is_none_or(|ct| ct.subtype().is_none_or(|s| s.eq_ignore_ascii_case("plain")));
                if plain {
                    out.push_str(text);
                    out.push('\n');
                }
            }
        }
        if out.trim().is_empty() {
            for part in self.parts() {
                if let PartType::Html(html) = &part.body {
                    out.push_str(&html_to_text(html));
                    break;
                }
            }
        }
        out
    }

    /// `candidate` as a recipient: unwrapped (`rfc822; <a@b>`), valid, and none of the mail's
    /// own or the mail system's addresses.
    pub(crate) fn recipient(&self, candidate: &str) -> Option<EmailAddress> {
        let address = unwrap_address(candidate)?;
        let parsed = EmailAddress::parse(address).ok()?;
        let lower = parsed.as_str().to_lowercase();
        let local = parsed.local_part().to_lowercase();
        if self.own.contains(&lower) || SYSTEM_LOCAL_PARTS.contains(&local.as_str()) {
            return None;
        }
        // Feedback loops that hide the reader write a placeholder (`redacted@`, `xxxxxx@`).
        let placeholder = matches!(local.as_str(), "redacted" | "removed" | "anonymized")
            || local.len() >= 3 && local.chars().all(|c| matches!(c, 'x' | '*'));
        if placeholder {
            return None;
        }
        Some(parsed)
    }

    /// Exactly one recipient among `candidates` (duplicates by case-folded address allowed),
    /// else `None`.
    pub(crate) fn single_recipient<I, S>(&self, candidates: I) -> Option<EmailAddress>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut found: Option<EmailAddress> = None;
        for candidate in candidates {
            let Some(address) = self.recipient(candidate.as_ref()) else { continue };
            match &found {
                Some(f) if f.key() != address.key() => return None,
                Some(_) => {}
                None => found = Some(address),
            }
        }
        found
    }

    fn read_original(&mut self) {
        let message = self.message;
        for part in message.parts.iter() {
            let (ctype, subtype) = content_type(part);
            if let PartType::Message(nested) = &part.body {
                self.take_original(nested);
                return;
            }
            if ctype == "text" && subtype == "rfc822-headers" {
                let parser = MessageParser::default();
                if let Some(headers) = parser.parse_headers(part.contents()) {
                    self.take_original(&headers);
                    return;
                }
            }
        }
    }

    fn take_original(&mut self, original: &Message<'_>) {
        let Some(root) = original.parts.first() else { return };
        let raw = &original.raw_message;
        for value in raw_values(&root.headers, raw, "To") {
            self.original.to.extend(find_addresses(&value));
        }
        for value in raw_values(&root.headers, raw, "X-HmXmrOriginalRecipient") {
            self.original.hm_recipient.extend(find_addresses(&value));
        }
        // Our own sender addresses in the original are never the failed recipient either.
        for name in ["From", "Sender", "Return-Path", "Reply-To"] {
            for value in raw_values(&root.headers, raw, name) {
                self.own.extend(find_addresses(&value).into_iter().map(|a| a.to_lowercase()));
            }
        }
    }
}

/// A part's content type, lower case; `text/plain` when it has none (RFC 2045).
pub(crate) fn content_type(part: &MessagePart<'_>) -> (String, String) {
    match part.content_type() {
        Some(ct) => {
            (ct.ctype().to_ascii_lowercase(), ct.subtype().unwrap_or_default().to_ascii_lowercase())
        }
        None => ("text".to_owned(), "plain".to_owned()),
    }
}

/// The raw values of a header field, unfolded, in order. Raw, because unknown fields are all
/// that matter here and their parsed forms differ by name.
fn raw_values(headers: &[Header<'_>], raw: &[u8], name: &str) -> Vec<String> {
    headers
        .iter()
        .filter(|h| h.name.as_str().eq_ignore_ascii_case(name))
        .filter_map(|h| raw.get(h.offset_start as usize..h.offset_end as usize))
        .map(|bytes| {
            String::from_utf8_lossy(bytes).split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

/// `rfc822; <a@b>`, `"Name" <a@b>`, `<a@b>` → `a@b`.
pub(crate) fn unwrap_address(candidate: &str) -> Option<&str> {
    let mut s = candidate.trim();
    // An address type (RFC 3464 `rfc822;`, `utf-8;`) before the address.
    if let Some((kind, rest)) = s.split_once(';')
        && !kind.contains('@')
    {
        let kind = kind.trim();
        if !(kind.eq_ignore_ascii_case("rfc822") || kind.eq_ignore_ascii_case("utf-8")) {
            return None;
        }
        s = rest.trim();
    }
    if let (Some(open), Some(close)) = (s.rfind('<'), s.rfind('>'))
        && open < close
    {
        s = &s[open + 1..close];
    }
    let s = s.trim().trim_matches(|c| matches!(c, '"' | '\'' | '(' | ')' | ',' | '.' | ':'));
    (!s.is_empty()).then_some(s)
}

fn is_local_char(c: char) -> bool {
    c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c)
}

fn is_domain_char(c: char) -> bool {
    c.is_alphanumeric() || c == '.' || c == '-'
}

/// Every e-mail address written in `text`, in order: the longest run of address characters
/// on both sides of each `@`, with a dotted domain.
pub(crate) fn find_addresses(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices('@') {
        let before = &text[..at];
        let start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_local_char(*c))
            .last()
            .map_or(at, |(i, _)| i);
        let after = &text[at + 1..];
        let end = after
            .char_indices()
            .take_while(|(_, c)| is_domain_char(*c))
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8());
        let local = text[start..at].trim_start_matches(['.', '\'']);
        let domain = after[..end].trim_end_matches(['.', '-']);
        if local.is_empty() || !domain.contains('.') {
            continue;
        }
        out.push(format!("{local}@{domain}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_found_in_running_text() {
        assert_eq!(
            find_addresses("<a.b@example.org>: host mx said, and rfc822;c@example.net."),
            vec!["a.b@example.org", "c@example.net"]
        );
        assert_eq!(find_addresses("x@y and @ and a@localhost"), Vec::<String>::new());
        assert_eq!(find_addresses("nobody@contoso.com<mailto:nobody@contoso.com>").len(), 2);
    }

    #[test]
    fn addresses_are_unwrapped() {
        assert_eq!(unwrap_address("rfc822; <a@example.org>"), Some("a@example.org"));
        assert_eq!(unwrap_address("RFC822;a@example.org"), Some("a@example.org"));
        assert_eq!(unwrap_address("\"Anna\" <a@example.org>"), Some("a@example.org"));
        assert_eq!(unwrap_address("x400; /c=de/"), None);
    }
}
