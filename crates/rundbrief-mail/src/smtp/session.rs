//! One SMTP session: greeting, EHLO, STARTTLS, AUTH and mail transactions, with command
//! pipelining (RFC 2920) when the server offers it.
//!
//! lettre's connection type sends every command on its own and waits for its reply, so one
//! message costs four round trips (MAIL, RCPT, DATA, content), and it copies every message byte
//! by byte to dot-stuff it. On loopback those round trips, each a wake-up of both sides, were
//! the largest cost of a campaign. Here MAIL, RCPT and DATA go out in one write and their
//! replies are read together: two round trips per message, and one on a busy pool, where the
//! next message's envelope goes out behind this one's content (`super::handoff`). Message
//! content is written as it is unless a line starts with a dot, which encoded bodies
//! (quoted-printable, base64) never have, so the usual case costs one copy into the send
//! buffer.
//!
//! Messages with 8-bit content go with `BODY=8BITMIME` (RFC 6152), and only to a server that
//! offers it; the pool tells the writer whether the server does (`Transport::accepts_8bit`).
//!
//! The network layer (TCP, implicit TLS and the STARTTLS upgrade, certificate checks) is
//! [`Stream`]: tokio and tokio-rustls.

use super::stream::{Stream, TlsSettings};
use crate::error::SendError;

/// A reply longer than this is not SMTP; a broken or hostile peer must not make us buffer
/// without end.
const MAX_REPLY_BYTES: usize = 64 * 1024;

/// Appends MAIL FROM (with `body_parameter`), one RCPT TO per recipient and DATA, each ending
/// in CRLF.
fn put_envelope(out: &mut Vec<u8>, from: &str, body_parameter: &str, recipients: &[&str]) {
    for piece in [b"MAIL FROM:<".as_slice(), from.as_bytes(), b">", body_parameter.as_bytes()] {
        out.extend_from_slice(piece);
    }
    out.extend_from_slice(b"\r\n");
    for recipient in recipients {
        for piece in [b"RCPT TO:<".as_slice(), recipient.as_bytes(), b">\r\n"] {
            out.extend_from_slice(piece);
        }
    }
    out.extend_from_slice(b"DATA\r\n");
}

/// The MAIL parameter that declares content with 8-bit bytes (RFC 6152).
fn body_parameter(eight_bit: bool) -> &'static str {
    if eight_bit { " BODY=8BITMIME" } else { "" }
}

/// The pipelined envelope of one message, to go out behind another message's content
/// ([`Session::finish`]): for a session whose server offers PIPELINING, and 8BITMIME when
/// `eight_bit`.
pub(crate) fn envelope(from: &str, recipients: &[&str], eight_bit: bool) -> Vec<u8> {
    let mut out = Vec::new();
    put_envelope(&mut out, from, body_parameter(eight_bit), recipients);
    out
}

/// A server reply: the code and the text of all its lines, joined by spaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reply {
    pub code: u16,
    pub text: String,
}

impl Reply {
    fn is_positive(&self) -> bool {
        (200..400).contains(&self.code)
    }

    fn into_error(self) -> SendError {
        SendError::from_reply(self.code, &self.text)
    }
}

/// What the server offered in its EHLO reply, as far as we use it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Extensions {
    pub pipelining: bool,
    pub eight_bit_mime: bool,
    pub starttls: bool,
    pub auth_plain: bool,
    pub auth_login: bool,
}

impl Extensions {
    fn from_ehlo(lines: &[String]) -> Self {
        let mut found = Self::default();
        // The first line is the server's greeting name, the others one keyword each.
        for line in lines.iter().skip(1) {
            let mut words = line.split_whitespace();
            let Some(keyword) = words.next() else { continue };
            let keyword = keyword.to_ascii_uppercase();
            // Some servers still announce "AUTH=PLAIN LOGIN" (pre-RFC 4954 syntax).
            let (keyword, first_mechanism) = match keyword.split_once('=') {
                Some((k, m)) => (k.to_owned(), Some(m.to_owned())),
                None => (keyword, None),
            };
            match keyword.as_str() {
                "PIPELINING" => found.pipelining = true,
                "8BITMIME" => found.eight_bit_mime = true,
                "STARTTLS" => found.starttls = true,
                "AUTH" => {
                    for mechanism in first_mechanism.into_iter().chain(words.map(str::to_owned)) {
                        match mechanism.to_ascii_uppercase().as_str() {
                            "PLAIN" => found.auth_plain = true,
                            "LOGIN" => found.auth_login = true,
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        found
    }
}

/// An open, greeted session. Any I/O or protocol error marks it broken: it is then dropped,
/// never reused, because its state on the server is unknown.
pub(crate) struct Session {
    stream: Stream,
    /// Bytes received and not yet parsed, from `consumed` on.
    input: Vec<u8>,
    consumed: usize,
    /// What the next write sends, reused between messages.
    output: Vec<u8>,
    extensions: Extensions,
    broken: bool,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("extensions", &self.extensions)
            .field("broken", &self.broken)
            .finish_non_exhaustive()
    }
}

impl Session {
    /// Reads the greeting and says EHLO.
    pub async fn open(stream: Stream, hello: &str) -> Result<Self, SendError> {
        let mut session = Self {
            stream,
            input: Vec::with_capacity(1024),
            consumed: 0,
            output: Vec::new(),
            extensions: Extensions::default(),
            broken: false,
        };
        let greeting = session.read_reply().await?;
        if greeting.code != 220 {
            session.broken = true;
            return Err(greeting.into_error());
        }
        session.ehlo(hello).await?;
        Ok(session)
    }

    pub fn extensions(&self) -> &Extensions {
        &self.extensions
    }

    pub fn is_broken(&self) -> bool {
        self.broken
    }

    async fn ehlo(&mut self, hello: &str) -> Result<(), SendError> {
        self.output.clear();
        self.output.extend_from_slice(format!("EHLO {hello}\r\n").as_bytes());
        self.flush_output().await?;
        let (reply, lines) = self.read_reply_lines().await?;
        if reply.code != 250 {
            self.broken = true;
            return Err(reply.into_error());
        }
        self.extensions = Extensions::from_ehlo(&lines);
        Ok(())
    }

    /// Switches to TLS (RFC 3207) and greets again, as the server's offer may change.
    pub async fn starttls(&mut self, tls: &TlsSettings, hello: &str) -> Result<(), SendError> {
        let reply = self.command("STARTTLS\r\n").await?;
        if reply.code != 220 {
            self.broken = true;
            return Err(reply.into_error());
        }
        // Anything the server sent after its 220 arrived in plain text and could have been
        // injected; it must not be read as if it came through TLS.
        if self.consumed != self.input.len() {
            self.broken = true;
            return Err(SendError::transient("SMTP protocol problem: data after STARTTLS reply"));
        }
        if let Err(e) = self.stream.upgrade(tls).await {
            self.broken = true;
            return Err(SendError::transient(format!("SMTP TLS failure: {e}")));
        }
        self.ehlo(hello).await
    }

    /// Logs in with AUTH PLAIN, or LOGIN when that is all the server offers.
    pub async fn authenticate(&mut self, user: &str, password: &str) -> Result<(), SendError> {
        use base64::Engine as _;
        let b64 = |s: &[u8]| base64::engine::general_purpose::STANDARD.encode(s);
        let reply = if self.extensions.auth_plain {
            let token = b64(format!("\0{user}\0{password}").as_bytes());
            self.command(&format!("AUTH PLAIN {token}\r\n")).await?
        } else if self.extensions.auth_login {
            let mut reply = self.command("AUTH LOGIN\r\n").await?;
            for answer in [user, password] {
                if reply.code != 334 {
                    break;
                }
                reply = self.command(&format!("{}\r\n", b64(answer.as_bytes()))).await?;
            }
            reply
        } else {
            return Err(SendError::transient(
                "SMTP server offers no authentication mechanism we support (PLAIN, LOGIN)",
            ));
        };
        if reply.code == 235 {
            Ok(())
        } else {
            self.broken = true;
            Err(reply.into_error())
        }
    }

    /// Whether the server still answers.
    pub async fn noop(&mut self) -> bool {
        matches!(self.command("NOOP\r\n").await, Ok(reply) if reply.code == 250)
    }

    /// The first half of a mail transaction: MAIL, each RCPT and DATA, up to the server's
    /// go-ahead for the content; [`Self::finish`] sends it. `from` is the reverse path (empty
    /// for the null sender `<>`); addresses must already be validated (no CR, LF or `<>`).
    /// `eight_bit` says whether the content has 8-bit bytes.
    pub async fn start(
        &mut self,
        from: &str,
        recipients: &[&str],
        eight_bit: bool,
    ) -> Result<(), SendError> {
        super::check_recipients(recipients)?;
        // RFC 6152: 8-bit content needs the server's consent and must be declared.
        if eight_bit && !self.extensions.eight_bit_mime {
            // Transient: the pool now knows the server lacks 8BITMIME, and the retry is written
            // with quoted-printable and base64.
            return Err(SendError::transient(
                "the SMTP server does not offer 8BITMIME, and the message has 8-bit content",
            ));
        }
        if self.extensions.pipelining {
            self.output.clear();
            put_envelope(&mut self.output, from, body_parameter(eight_bit), recipients);
            self.flush_output().await?;
            return self.read_envelope_replies(recipients.len()).await;
        }
        let mut envelope = Vec::new();
        put_envelope(&mut envelope, from, body_parameter(eight_bit), recipients);
        let commands = recipients.len() + 2;
        let lines = envelope.split_inclusive(|&b| b == b'\n');
        for (index, command) in lines.enumerate() {
            let reply = self.command_bytes(command).await?;
            let accepted =
                if index == commands - 1 { reply.code == 354 } else { reply.is_positive() };
            if !accepted {
                return Err(self.refused(reply, false).await);
            }
        }
        Ok(())
    }

    /// Reads the replies to a pipelined envelope of `recipients` recipients (MAIL, each RCPT
    /// and DATA), written by [`Self::start`] or behind the previous message's content
    /// ([`Self::finish`]). Every pipelined command gets its reply, refused or not; all are read
    /// to stay in step with the server.
    pub async fn read_envelope_replies(&mut self, recipients: usize) -> Result<(), SendError> {
        let last = recipients + 1;
        let mut refusal = None;
        let mut data_accepted = false;
        for index in 0..=last {
            let reply = self.read_reply().await?;
            if index == last {
                data_accepted = reply.code == 354;
                if !data_accepted && refusal.is_none() {
                    refusal = Some(reply);
                }
            } else if !reply.is_positive() && refusal.is_none() {
                refusal = Some(reply);
            }
        }
        match refusal {
            Some(refusal) => Err(self.refused(refusal, data_accepted).await),
            None => Ok(()),
        }
    }

    /// Leaves the session ready for the next message after a refused envelope, and turns the
    /// refusal into the error.
    async fn refused(&mut self, refusal: Reply, data_accepted: bool) -> SendError {
        if data_accepted {
            // The server took DATA although a recipient was refused (possible with several
            // recipients). Ending the data would deliver an empty message to the others;
            // closing the connection mid-data makes the server drop the transaction.
            self.broken = true;
        } else {
            // MAIL may have been accepted: start over for the next message.
            match self.command("RSET\r\n").await {
                Ok(reset) if reset.is_positive() => {}
                Ok(_) => self.broken = true,
                Err(e) => return e,
            }
        }
        refusal.into_error()
    }

    /// The second half of a mail transaction: the content and the server's verdict on it.
    ///
    /// `next`, another message's envelope ([`envelope`]), goes out in the same write, after the
    /// content: RFC 2920 3.1 lets content be the first "command" of a pipelined group. Its
    /// replies follow this message's and are left unread, for [`Self::read_envelope_replies`].
    /// One write and one wait per message instead of two, for the server as for us.
    pub async fn finish(&mut self, message: &[u8], next: Option<&[u8]>) -> Result<(), SendError> {
        self.output.clear();
        dot_stuff(message, &mut self.output);
        if !self.output.ends_with(b"\r\n") {
            self.output.extend_from_slice(b"\r\n");
        }
        self.output.extend_from_slice(b".\r\n");
        if let Some(next) = next {
            self.output.extend_from_slice(next);
        }
        self.flush_output().await?;
        let reply = self.read_reply().await?;
        if reply.is_positive() { Ok(()) } else { Err(reply.into_error()) }
    }

    async fn command(&mut self, line: &str) -> Result<Reply, SendError> {
        self.command_bytes(line.as_bytes()).await
    }

    async fn command_bytes(&mut self, line: &[u8]) -> Result<Reply, SendError> {
        self.output.clear();
        self.output.extend_from_slice(line);
        self.flush_output().await?;
        self.read_reply().await
    }

    async fn flush_output(&mut self) -> Result<(), SendError> {
        self.stream.write_all(&self.output).await.map_err(|e| {
            self.broken = true;
            SendError::transient(format!("SMTP connection failed: {e}"))
        })
    }

    async fn read_reply(&mut self) -> Result<Reply, SendError> {
        self.read_reply_lines().await.map(|(reply, _)| reply)
    }

    /// Reads one reply, possibly of several lines (`250-...` up to `250 ...`); also returns
    /// the text of each line.
    async fn read_reply_lines(&mut self) -> Result<(Reply, Vec<String>), SendError> {
        let mut lines = Vec::new();
        let mut code = None;
        let mut size = 0;
        loop {
            let line = self.read_line().await?;
            size += line.len();
            let parsed = parse_reply_line(&line).filter(|(c, _, _)| code.is_none_or(|k| k == *c));
            let Some((line_code, last, text)) = parsed else {
                self.broken = true;
                return Err(SendError::transient("SMTP protocol problem: malformed reply"));
            };
            code = Some(line_code);
            lines.push(text.to_owned());
            if last {
                let text = lines.join(" ");
                return Ok((Reply { code: line_code, text }, lines));
            }
            if size > MAX_REPLY_BYTES {
                self.broken = true;
                return Err(SendError::transient("SMTP protocol problem: reply too long"));
            }
        }
    }

    /// The next line without its line break.
    async fn read_line(&mut self) -> Result<String, SendError> {
        loop {
            if let Some(end) = memchr::memchr(b'\n', &self.input[self.consumed..]) {
                let start = self.consumed;
                self.consumed += end + 1;
                let line = &self.input[start..start + end];
                let line = line.strip_suffix(b"\r").unwrap_or(line);
                let line = String::from_utf8_lossy(line).into_owned();
                if self.consumed == self.input.len() {
                    self.input.clear();
                    self.consumed = 0;
                }
                return Ok(line);
            }
            if self.input.len() - self.consumed > MAX_REPLY_BYTES {
                self.broken = true;
                return Err(SendError::transient("SMTP protocol problem: reply too long"));
            }
            let mut chunk = [0_u8; 4096];
            let read = self.stream.read(&mut chunk).await.map_err(|e| {
                self.broken = true;
                SendError::transient(format!("SMTP connection failed: {e}"))
            })?;
            if read == 0 {
                self.broken = true;
                return Err(SendError::transient(
                    "SMTP connection failed: the server closed the connection",
                ));
            }
            self.input.extend_from_slice(&chunk[..read]);
        }
    }
}

/// `250-text` → `(250, false, "text")`, `250 text` or `250` → `(250, true, ...)`.
fn parse_reply_line(line: &str) -> Option<(u16, bool, &str)> {
    let digits = line.get(..3)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let code: u16 = digits.parse().ok()?;
    if !(200..600).contains(&code) {
        return None;
    }
    match line.as_bytes().get(3) {
        None => Some((code, true, "")),
        Some(b' ') => Some((code, true, &line[4..])),
        Some(b'-') => Some((code, false, &line[4..])),
        Some(_) => None,
    }
}

/// Appends `message` with a dot doubled at the start of every line (RFC 5321 4.5.2).
fn dot_stuff(message: &[u8], out: &mut Vec<u8>) {
    out.reserve(message.len() + 5);
    let mut rest = 0;
    if message.first() == Some(&b'.') {
        out.push(b'.');
    }
    for newline in memchr::memmem::find_iter(message, b"\n.") {
        out.extend_from_slice(&message[rest..=newline]);
        out.push(b'.');
        rest = newline + 1;
    }
    out.extend_from_slice(&message[rest..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reply_lines_parse() {
        assert_eq!(parse_reply_line("250-PIPELINING"), Some((250, false, "PIPELINING")));
        assert_eq!(parse_reply_line("250 2.0.0 Ok"), Some((250, true, "2.0.0 Ok")));
        assert_eq!(parse_reply_line("354"), Some((354, true, "")));
        for bad in ["", "25", "abc def", "250x", "099 low", "700 high"] {
            assert_eq!(parse_reply_line(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn dots_at_line_starts_are_doubled_and_nothing_else_changes() {
        let cases: [(&[u8], &[u8]); 5] = [
            (b"plain\r\ntext\r\n", b"plain\r\ntext\r\n"),
            (b".start\r\n", b"..start\r\n"),
            (b"a\r\n.\r\nb.c\r\n..d\r\n", b"a\r\n..\r\nb.c\r\n...d\r\n"),
            (b"end\r\n.", b"end\r\n.."),
            (b"", b""),
        ];
        for (input, expected) in cases {
            let mut out = Vec::new();
            dot_stuff(input, &mut out);
            assert_eq!(out, expected, "{:?}", String::from_utf8_lossy(input));
        }
    }

    #[test]
    fn envelope_declares_8bit_content() {
        let mut out = Vec::new();
        put_envelope(&mut out, "b@x.example", " BODY=8BITMIME", &["a@y.example", "c@y.example"]);
        assert_eq!(
            out,
            b"MAIL FROM:<b@x.example> BODY=8BITMIME\r\nRCPT TO:<a@y.example>\r\n\
              RCPT TO:<c@y.example>\r\nDATA\r\n"
        );
        out.clear();
        put_envelope(&mut out, "", "", &["a@y.example"]);
        assert_eq!(out, b"MAIL FROM:<>\r\nRCPT TO:<a@y.example>\r\nDATA\r\n");
    }

    #[test]
    fn ehlo_offers_are_read() {
        let lines: Vec<String> =
            ["mx.example.org", "PIPELINING", "SIZE 1000", "AUTH=LOGIN", "starttls", "8bitmime"]
                .map(str::to_owned)
                .into();
        let offers = Extensions::from_ehlo(&lines);
        assert_eq!(
            offers,
            Extensions {
                pipelining: true,
                eight_bit_mime: true,
                starttls: true,
                auth_plain: false,
                auth_login: true
            }
        );
        let lines: Vec<String> = ["mx", "AUTH LOGIN PLAIN CRAM-MD5"].map(str::to_owned).into();
        let offers = Extensions::from_ehlo(&lines);
        assert!(offers.auth_plain && offers.auth_login && !offers.pipelining);
        assert!(!offers.eight_bit_mime);
    }
}
