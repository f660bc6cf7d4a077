//! Complete RFC 5322 messages: campaign mails with List-* headers and transactional mails
//! without, each `multipart/alternative` with a text and an HTML part, optionally DKIM-signed.
//!
//! A purpose-built writer instead of lettre's `MessageBuilder`: a campaign renders one message
//! per subscriber, and the writer reuses its buffers, encodes each body in one pass and hashes
//! it for DKIM once: about four times faster than lettre's builder on the same input (compare
//! both in `benches/build.rs`). The tests cross-check the output with independent parsers and
//! with lettre's builder.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use rand::Rng as _;
use rundbrief_core::Language;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc2822;

use crate::dkim::{self, DkimSigner};
use crate::encode::{self, TransferEncoding};
use crate::error::MessageError;

/// A sender: optional display name and an ASCII address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailbox {
    name: Option<String>,
    address: String,
}

impl Mailbox {
    /// A mailbox from a display name (any Unicode, no line breaks) and an address.
    pub fn new(name: Option<&str>, address: &str) -> Result<Self, MessageError> {
        check_address(address, "from")?;
        let name = optional_phrase(name, "from name")?;
        Ok(Self { name: name.map(str::to_owned), address: address.to_owned() })
    }

    /// The display name, if any.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The address.
    pub fn address(&self) -> &str {
        &self.address
    }
}

impl FromStr for Mailbox {
    type Err = MessageError;

    /// Parses `Name <address>`, `"Name" <address>` or a bare `address`, the forms of
    /// `RUNDBRIEF_FROM`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (name, value) = split_display_form(s);
        Self::new(name, value)
    }
}

impl fmt::Display for Mailbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.name {
            Some(name) => write!(f, "{name} <{}>", self.address),
            None => f.write_str(&self.address),
        }
    }
}

/// Splits `Name <value>` or `"Name" <value>` into name and value; anything else is a bare
/// value. Both `RUNDBRIEF_FROM` and the `List-Id` setting are written this way.
fn split_display_form(s: &str) -> (Option<&str>, &str) {
    let s = s.trim();
    match (s.rfind('<'), s.strip_suffix('>')) {
        (Some(open), Some(inner)) => {
            let name = s[..open].trim();
            let name = name.strip_prefix('"').and_then(|n| n.strip_suffix('"')).unwrap_or(name);
            (Some(name), &inner[open + 1..])
        }
        _ => (None, s),
    }
}

/// A display name or description: trimmed, `None` when blank, refused with a line break.
fn optional_phrase<'s>(
    value: Option<&'s str>,
    field: &'static str,
) -> Result<Option<&'s str>, MessageError> {
    let value = value.map(str::trim).filter(|v| !v.is_empty());
    if let Some(value) = value {
        check_no_line_break(value, field)?;
    }
    Ok(value)
}

/// A `List-Id` (RFC 2919): optional description and an identifier like
/// `newsletter.example.org`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListId {
    description: Option<String>,
    id: String,
}

impl ListId {
    /// A list id from a description (any Unicode) and a dot-atom identifier.
    pub fn new(description: Option<&str>, id: &str) -> Result<Self, MessageError> {
        let valid_id = id.contains('.')
            && id.split('.').all(|part| !part.is_empty() && part.bytes().all(is_atext))
            && id.len() <= 255;
        if !valid_id {
            return Err(MessageError::InvalidListId);
        }
        let description = optional_phrase(description, "list description")?;
        Ok(Self { description: description.map(str::to_owned), id: id.to_owned() })
    }

    /// The identifier without angle brackets.
    pub fn id(&self) -> &str {
        &self.id
    }
}

impl FromStr for ListId {
    type Err = MessageError;

    /// Parses `"Description" <id>`, `Description <id>`, `<id>` or a bare `id`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (name, value) = split_display_form(s);
        Self::new(name, value)
    }
}

/// The per-subscriber list headers of a campaign mail.
#[derive(Debug, Clone, Copy)]
pub struct ListHeaders<'a> {
    /// The list's `List-Id`.
    pub list_id: &'a ListId,
    /// The subscriber's one-click unsubscribe URL. With `https://` it also gets
    /// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058, which requires HTTPS); an
    /// `http://` URL (local test setups) is listed without it.
    pub unsubscribe_url: &'a str,
    /// A `mailto:` URI (or bare address) that unsubscribes, if the instance receives mail.
    pub unsubscribe_mailto: Option<&'a str>,
}

/// One message to write. Construct with [`Email::campaign`] or [`Email::transactional`] and
/// adjust the public fields.
#[derive(Debug, Clone, Copy)]
pub struct Email<'a> {
    /// Sender.
    pub from: &'a Mailbox,
    /// Recipient address.
    pub to: &'a str,
    /// Subject, any Unicode without line breaks.
    pub subject: &'a str,
    /// The text/plain part.
    pub text: &'a str,
    /// The text/html part.
    pub html: &'a str,
    /// Language of the content (`Content-Language`).
    pub language: Language,
    /// List headers (campaigns); `None` for transactional mail. With them the message also gets
    /// `Precedence: bulk`.
    pub list: Option<ListHeaders<'a>>,
    /// Per-message bounce address (VERP): the envelope sender (`MAIL FROM`) instead of the
    /// From address. Not written into the message: the final MTA adds `Return-Path` from the
    /// envelope, and a sender must not (RFC 5321, 4.4).
    pub return_path: Option<&'a str>,
    /// Adds `Auto-Submitted: auto-generated` (RFC 3834), so auto-responders stay quiet.
    pub auto_submitted: bool,
    /// More headers (`Reply-To`, `Feedback-ID`, `X-...`). Headers this crate writes itself, and
    /// `Bcc`, are refused.
    pub extra_headers: &'a [(&'a str, &'a str)],
    /// The `Date`; `None` means now.
    pub date: Option<OffsetDateTime>,
    /// The next hop takes 8-bit bodies (SMTP 8BITMIME): a UTF-8 part whose lines fit goes as it
    /// is (`8bit`) instead of quoted-printable or base64. ASCII parts whose lines fit go as
    /// `7bit` either way.
    pub eight_bit: bool,
}

impl<'a> Email<'a> {
    /// A campaign mail with list headers.
    pub fn campaign(
        from: &'a Mailbox,
        to: &'a str,
        subject: &'a str,
        text: &'a str,
        html: &'a str,
        language: Language,
        list: ListHeaders<'a>,
    ) -> Self {
        Self { list: Some(list), ..Self::plain(from, to, subject, text, html, language) }
    }

    /// A transactional mail (double opt-in confirmation, ...): no list headers,
    /// `Auto-Submitted: auto-generated`.
    pub fn transactional(
        from: &'a Mailbox,
        to: &'a str,
        subject: &'a str,
        text: &'a str,
        html: &'a str,
        language: Language,
    ) -> Self {
        Self { auto_submitted: true, ..Self::plain(from, to, subject, text, html, language) }
    }

    /// The fields both kinds share, with every option off.
    fn plain(
        from: &'a Mailbox,
        to: &'a str,
        subject: &'a str,
        text: &'a str,
        html: &'a str,
        language: Language,
    ) -> Self {
        Self {
            from,
            to,
            subject,
            text,
            html,
            language,
            list: None,
            return_path: None,
            auto_submitted: false,
            extra_headers: &[],
            date: None,
            eight_bit: false,
        }
    }
}

/// A written message, ready for a transport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltMessage {
    /// The Message-ID without angle brackets, for the delivery ledger.
    pub message_id: String,
    /// The envelope sender: `Email::return_path` if given, else the From address.
    pub envelope_from: String,
    /// The envelope recipient.
    pub recipient: String,
    /// The complete message.
    pub bytes: Vec<u8>,
}

/// Headers the writer owns; extra headers may not repeat them.
const MANAGED_HEADERS: [&str; 18] = [
    "from",
    "to",
    "cc",
    "bcc",
    "subject",
    "date",
    "message-id",
    "mime-version",
    "content-type",
    "content-transfer-encoding",
    "content-language",
    "list-id",
    "list-unsubscribe",
    "list-unsubscribe-post",
    "precedence",
    "auto-submitted",
    "return-path",
    "dkim-signature",
];

/// Writes messages. Keep one per worker and reuse it: its buffers grow to the size of a message
/// once and are not allocated again.
#[derive(Debug, Clone)]
pub struct MessageWriter {
    message_id_domain: String,
    signers: Vec<Arc<DkimSigner>>,
    /// The DKIM-Signature fields of the message being written, before they go in front of it.
    signatures: Vec<u8>,
    scratch: Vec<u8>,
}

impl MessageWriter {
    /// A writer whose Message-IDs end in `@message_id_domain`.
    pub fn new(message_id_domain: &str) -> Result<Self, MessageError> {
        let valid = !message_id_domain.is_empty()
            && message_id_domain.len() <= 253
            && message_id_domain.split('.').all(|l| {
                !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            });
        if !valid {
            return Err(MessageError::InvalidDomain);
        }
        Ok(Self {
            message_id_domain: message_id_domain.to_ascii_lowercase(),
            signers: Vec::new(),
            signatures: Vec::new(),
            scratch: Vec::new(),
        })
    }

    /// Adds a DKIM signer. Several signers (say RSA and Ed25519) each add a signature.
    pub fn with_dkim(mut self, signer: Arc<DkimSigner>) -> Self {
        self.signers.push(signer);
        self
    }

    /// Writes `email` and returns it with its envelope.
    pub fn build(&mut self, email: &Email<'_>) -> Result<BuiltMessage, MessageError> {
        let mut bytes = Vec::new();
        let message_id = self.write(email, &mut bytes)?;
        Ok(BuiltMessage {
            message_id,
            envelope_from: email.return_path.unwrap_or_else(|| email.from.address()).to_owned(),
            recipient: email.to.to_owned(),
            bytes,
        })
    }

    /// Writes `email` into `out` (cleared first) and returns its Message-ID without angle
    /// brackets. The allocation-free path for hot loops.
    pub fn write(&mut self, email: &Email<'_>, out: &mut Vec<u8>) -> Result<String, MessageError> {
        check_address(email.to, "to")?;
        if let Some(return_path) = email.return_path {
            check_address(return_path, "return-path")?;
        }
        check_no_line_break(email.subject, "subject")?;
        for (name, value) in email.extra_headers {
            check_extra_header(name, value)?;
        }
        let unsubscribe = match &email.list {
            Some(list) => Some((
                check_unsubscribe_url(list.unsubscribe_url)?,
                list.unsubscribe_mailto.map(check_mailto).transpose()?,
            )),
            None => None,
        };

        let (id, boundary) = {
            let mut rng = rand::rng();
            (rng.random::<u128>(), rng.random::<u128>())
        };
        let message_id = format!("{id:032x}@{}", self.message_id_domain);
        let date = email.date.unwrap_or_else(OffsetDateTime::now_utc);

        // Header and body go straight into `out`, so a message is written once and not copied
        // afterwards; DKIM signatures, which need both, are put in front at the end.
        out.clear();
        // Room for the encoded bodies and any signatures, so that neither the body nor putting
        // the signatures in front reallocates in the common case.
        out.reserve(2048 + email.text.len() * 2 + email.html.len() * 2 + 700 * self.signers.len());
        let head = &mut *out;
        head.extend_from_slice(b"Date: ");
        // Formatting a valid date into a Vec cannot fail; fall back to the epoch rather than
        // panic if `time` ever disagrees.
        if date.format_into(head, &Rfc2822).is_err() {
            head.extend_from_slice(b"Thu, 01 Jan 1970 00:00:00 +0000");
        }
        head.extend_from_slice(b"\r\nFrom: ");
        if let Some(name) = email.from.name() {
            let col = encode::phrase(name, 6, head);
            let address = email.from.address().as_bytes();
            // Fold before the address when the line would grow past 78 characters.
            let gap: &[u8] = if col + address.len() + 3 > 78 { b"\r\n <" } else { b" <" };
            put(head, &[gap, address, b">\r\n"]);
        } else {
            put(head, &[email.from.address().as_bytes(), b"\r\n"]);
        }
        put(head, &[b"To: ", email.to.as_bytes(), b"\r\nSubject: "]);
        encode::unstructured(email.subject, 9, head);
        put(
            head,
            &[
                b"\r\nMessage-ID: <",
                message_id.as_bytes(),
                b">\r\nMIME-Version: 1.0\r\nContent-Language: ",
                email.language.code().as_bytes(),
                b"\r\n",
            ],
        );
        if let (Some(list), Some((url, mailto))) = (&email.list, unsubscribe) {
            write_list_headers(head, list, url, mailto);
        }
        if email.auto_submitted {
            head.extend_from_slice(b"Auto-Submitted: auto-generated\r\n");
        }
        for (name, value) in email.extra_headers {
            put(head, &[name.as_bytes(), b": "]);
            encode::unstructured(value, name.len() + 2, head);
            head.extend_from_slice(b"\r\n");
        }
        let mut boundary_text = [0u8; 36];
        boundary_text[..4].copy_from_slice(b"=_rb");
        // "=_" can occur in neither quoted-printable nor base64 output, so the boundary never
        // collides with encoded content; a part sent as it is gets checked (`write_part`).
        hex32(boundary, &mut boundary_text[4..]);
        put(
            head,
            &[b"Content-Type: multipart/alternative;\r\n boundary=\"", &boundary_text, b"\"\r\n"],
        );

        let head_len = out.len();
        out.extend_from_slice(b"\r\n");
        let body_start = out.len();
        let mut canonical = true;
        for (content_type, content) in [("text/plain", email.text), ("text/html", email.html)] {
            let encoding = write_part(
                out,
                &boundary_text,
                content_type,
                content.as_bytes(),
                email.eight_bit,
                &mut self.scratch,
            );
            canonical &=
                matches!(encoding, TransferEncoding::QuotedPrintable | TransferEncoding::Base64);
        }
        put(out, &[b"--", &boundary_text, b"--\r\n"]);

        if !self.signers.is_empty() {
            self.sign(out, head_len, body_start, canonical, date)?;
        }
        Ok(message_id)
    }

    /// Puts a DKIM signature per signer in front of the message in `out`, whose header ends at
    /// `head_len` and whose body starts at `body_start`.
    fn sign(
        &mut self,
        out: &mut Vec<u8>,
        head_len: usize,
        body_start: usize,
        canonical: bool,
        date: OffsetDateTime,
    ) -> Result<(), MessageError> {
        let body = &out[body_start..];
        // Encoded parts are relaxed-canonical as written (see `encode/mod.rs`); text sent as it
        // is may have runs of spaces or trailing ones, so its hash needs the canonical form.
        let body_hash = if canonical {
            dkim::canonical_body_hash(body)
        } else {
            self.scratch.clear();
            dkim::relaxed_body(body, &mut self.scratch);
            dkim::canonical_body_hash(&self.scratch)
        };
        let timestamp = u64::try_from(date.unix_timestamp()).unwrap_or(0);
        let signatures = &mut self.signatures;
        signatures.clear();
        for signer in &self.signers {
            signer.sign_prepared(&out[..head_len], body_hash.as_ref(), timestamp, signatures)?;
        }
        prepend(out, signatures);
        Ok(())
    }
}

/// `List-Id`, `List-Unsubscribe` (the one-click URL, and a `mailto:` when the instance takes
/// mail) and, for an `https` URL, `List-Unsubscribe-Post` (RFC 2369, 2919, 8058).
fn write_list_headers(head: &mut Vec<u8>, list: &ListHeaders<'_>, url: &str, mailto: Option<&str>) {
    head.extend_from_slice(b"List-Id: ");
    let id = list.list_id.id.as_bytes();
    if let Some(description) = &list.list_id.description {
        let col = encode::phrase(description, 9, head);
        head.extend_from_slice(if col + id.len() + 3 > 78 { b"\r\n" } else { b"" });
        head.push(b' ');
    }
    put(head, &[b"<", id, b">\r\n"]);
    put(head, &[b"List-Unsubscribe: <", url.as_bytes(), b">"]);
    if let Some(mailto) = mailto {
        // Fold between the two URIs: each is one unbreakable token.
        head.extend_from_slice(b",\r\n <");
        if !mailto.get(..7).is_some_and(|s| s.eq_ignore_ascii_case("mailto:")) {
            head.extend_from_slice(b"mailto:");
        }
        put(head, &[mailto.as_bytes(), b">"]);
    }
    head.extend_from_slice(b"\r\n");
    if url.starts_with("https://") {
        head.extend_from_slice(b"List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
    }
    head.extend_from_slice(b"Precedence: bulk\r\n");
}

/// Writes one part and returns how it was encoded.
fn write_part(
    body: &mut Vec<u8>,
    boundary: &[u8],
    content_type: &str,
    content: &[u8],
    allow_8bit: bool,
    scratch: &mut Vec<u8>,
) -> TransferEncoding {
    // Without 8BITMIME, non-ASCII text is encoded anyway: no need to put it in canonical form
    // and measure its lines first (the usual case of a server that does not offer it).
    let canonical = (allow_8bit || !encode::has_8bit(content))
        .then(|| encode::canonical_line_breaks(content, scratch));
    let unencoded = canonical.and_then(|canonical| {
        TransferEncoding::unencoded(canonical, allow_8bit)
            // The boundary is random, so content containing it is all but impossible; encoded,
            // it cannot contain it at all.
            .filter(|_| memchr::memmem::find(canonical, boundary).is_none())
    });
    let encoding = unencoded.unwrap_or_else(|| TransferEncoding::for_body(content));
    put(
        body,
        &[
            b"--",
            boundary,
            b"\r\nContent-Type: ",
            content_type.as_bytes(),
            b"; charset=utf-8\r\nContent-Transfer-Encoding: ",
            encoding.as_str().as_bytes(),
            b"\r\n\r\n",
        ],
    );
    match encoding {
        TransferEncoding::QuotedPrintable => encode::quoted_printable(content, body),
        TransferEncoding::Base64 => match canonical {
            Some(canonical) => encode::base64_lines(canonical, body),
            None => encode::base64_lines(encode::canonical_line_breaks(content, scratch), body),
        },
        // Only chosen when `canonical` was computed.
        TransferEncoding::SevenBit | TransferEncoding::EightBit => {
            body.extend_from_slice(canonical.unwrap_or(content));
        }
    }
    // This CRLF belongs to the next boundary delimiter, not to the content.
    body.extend_from_slice(b"\r\n");
    encoding
}

/// Puts `front` before the contents of `out`: one move of the message, as a copy into a
/// fresh buffer would cost too, but without needing a second message-sized buffer.
fn prepend(out: &mut Vec<u8>, front: &[u8]) {
    let len = out.len();
    out.resize(len + front.len(), 0);
    out.copy_within(..len, front.len());
    out[..front.len()].copy_from_slice(front);
}

#[inline]
fn put(buf: &mut Vec<u8>, pieces: &[&[u8]]) {
    for piece in pieces {
        buf.extend_from_slice(piece);
    }
}

fn hex32(value: u128, out: &mut [u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for (i, slot) in out.iter_mut().take(32).enumerate() {
        *slot = HEX[((value >> (124 - 4 * i)) & 15) as usize];
    }
}

/// RFC 5322 `atext`.
fn is_atext(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&b)
}

/// A plain ASCII `local@domain` with a dot-atom local part and a host name domain: what SMTP
/// without SMTPUTF8 accepts and what needs no quoting in a header.
fn check_address(address: &str, field: &'static str) -> Result<(), MessageError> {
    let err = MessageError::InvalidAddress { field };
    let (local, domain) = address.rsplit_once('@').ok_or(err.clone())?;
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && local.split('.').all(|part| !part.is_empty() && part.bytes().all(is_atext));
    let domain_ok = !domain.is_empty()
        && domain.len() <= 253
        && domain.split('.').all(|label| {
            !label.is_empty() && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    if local_ok && domain_ok { Ok(()) } else { Err(err) }
}

fn check_no_line_break(value: &str, field: &'static str) -> Result<(), MessageError> {
    if value.contains(['\r', '\n']) { Err(MessageError::LineBreak { field }) } else { Ok(()) }
}

/// A URI for `List-Unsubscribe`: printable ASCII without the characters that would end or
/// split the angle-bracketed list (RFC 2369 wants literal commas encoded).
fn is_header_uri(uri: &str) -> bool {
    !uri.is_empty()
        && uri.len() <= 900
        && uri.bytes().all(|b| (0x21..0x7f).contains(&b) && !matches!(b, b'<' | b'>' | b',' | b'"'))
}

fn check_unsubscribe_url(url: &str) -> Result<&str, MessageError> {
    let lower = url.get(..8).map(str::to_ascii_lowercase).unwrap_or_default();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return Err(MessageError::InvalidUnsubscribe {
            kind: "url",
            reason: "must start with https:// (or http:// for local tests)",
        });
    }
    if !is_header_uri(url) {
        return Err(MessageError::InvalidUnsubscribe {
            kind: "url",
            reason: "must be printable ASCII without spaces, commas, quotes or angle brackets",
        });
    }
    Ok(url)
}

fn check_mailto(mailto: &str) -> Result<&str, MessageError> {
    if !is_header_uri(mailto) || !mailto.contains('@') {
        return Err(MessageError::InvalidUnsubscribe {
            kind: "mailto",
            reason: "must be a mailto: URI or address in printable ASCII without commas",
        });
    }
    Ok(mailto)
}

fn check_extra_header(name: &str, value: &str) -> Result<(), MessageError> {
    let refuse = |reason| MessageError::ExtraHeader { name: name.to_owned(), reason };
    // RFC 5322 field-name: printable ASCII except colon.
    if name.is_empty() || !name.bytes().all(|b| (0x21..0x7f).contains(&b) && b != b':') {
        return Err(refuse("invalid header name"));
    }
    if MANAGED_HEADERS.iter().any(|m| m.eq_ignore_ascii_case(name)) {
        return Err(refuse("this header is written by the message builder"));
    }
    if value.contains(['\r', '\n']) {
        return Err(refuse("value contains a line break"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mailbox_parses_config_forms() {
        let m: Mailbox =
            "Newsletter <newsletter@localhost>".parse().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(m.name(), Some("Newsletter"));
        assert_eq!(m.address(), "newsletter@localhost");
        let m: Mailbox =
            "\"Rundbrief, Land\" <a@b.example>".parse().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(m.name(), Some("Rundbrief, Land"));
        let m: Mailbox = "a@b.example".parse().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(m.name(), None);
        assert!("Bad <no-at>".parse::<Mailbox>().is_err());
        assert!("x\r\nBcc: y <a@b.example>".parse::<Mailbox>().is_err());
    }

    #[test]
    fn addresses_are_checked() {
        for ok in ["a@b.example", "first.last+tag@sub.example.org", "x@localhost"] {
            assert!(check_address(ok, "to").is_ok(), "{ok}");
        }
        for bad in [
            "",
            "a",
            "@b",
            "a@",
            "a b@c.d",
            "a@b c",
            "ä@b.example",
            "a@b.example>",
            "a..b@c.d",
            "a@b\r\n.c",
        ] {
            assert!(check_address(bad, "to").is_err(), "{bad}");
        }
    }

    #[test]
    fn list_id_parses() {
        let id: ListId =
            "\"Rundbrief\" <newsletter.example.org>".parse().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(id.id(), "newsletter.example.org");
        assert_eq!(id.description.as_deref(), Some("Rundbrief"));
        assert!("<no dots>".parse::<ListId>().is_err());
    }

    #[test]
    fn extra_headers_cannot_replace_managed_ones() {
        assert!(check_extra_header("Reply-To", "a@b.example").is_ok());
        assert!(check_extra_header("bcc", "a@b.example").is_err());
        assert!(check_extra_header("Subject", "x").is_err());
        assert!(check_extra_header("X-Bad Name", "x").is_err());
        assert!(check_extra_header("X-Ok", "a\r\nBcc: x").is_err());
    }
}
