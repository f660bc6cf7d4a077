//! The sans-IO half of the inbound listener: SMTP/LMTP command lines, envelope paths, and
//! lines read with a bound on their length (RFC 5321, RFC 2033).

use tokio::io::{AsyncBufRead, AsyncBufReadExt as _};

/// A command line as the client sent it (without CRLF).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `HELO`/`EHLO` (SMTP) or `LHLO` (LMTP): the greeting decides the protocol.
    Hello {
        protocol: Protocol,
        extended: bool,
    },
    /// `MAIL FROM:<path>`; `size` is the `SIZE=` parameter when given.
    Mail {
        size: Option<u64>,
    },
    /// `RCPT TO:<address>`, the address without brackets.
    Rcpt(String),
    Data,
    Rset,
    Noop,
    Quit,
    Vrfy,
    Help,
    /// Known to SMTP, not offered here (`STARTTLS`, `AUTH`, `EXPN`, `BDAT`, `TURN` …).
    NotImplemented,
    /// A command this listener does not know, or a known one with bad arguments.
    Unknown,
    Syntax(&'static str),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    Smtp,
    Lmtp,
}

/// Reads one command line.
pub fn command(line: &[u8]) -> Command {
    let Ok(line) = std::str::from_utf8(line) else {
        return Command::Syntax("the command is not UTF-8");
    };
    let line = line.trim_end_matches(['\r', '\n']);
    let (verb, rest) = line.split_once(' ').unwrap_or((line, ""));
    let rest = rest.trim();
    match verb.to_ascii_uppercase().as_str() {
        "HELO" | "EHLO" | "LHLO" if rest.is_empty() => Command::Syntax("a domain is needed"),
        "HELO" => Command::Hello { protocol: Protocol::Smtp, extended: false },
        "EHLO" => Command::Hello { protocol: Protocol::Smtp, extended: true },
        "LHLO" => Command::Hello { protocol: Protocol::Lmtp, extended: true },
        "MAIL" => match prefixed(rest, "FROM:").map(path_and_params) {
            Some(Ok((_, params))) => match size(params) {
                Ok(size) => Command::Mail { size },
                Err(reason) => Command::Syntax(reason),
            },
            Some(Err(reason)) => Command::Syntax(reason),
            None => Command::Syntax("MAIL FROM:<address> is expected"),
        },
        "RCPT" => match prefixed(rest, "TO:").map(path_and_params) {
            Some(Ok(("", _))) => Command::Syntax("an address is needed"),
            Some(Ok((path, _))) => Command::Rcpt(path.to_owned()),
            Some(Err(reason)) => Command::Syntax(reason),
            None => Command::Syntax("RCPT TO:<address> is expected"),
        },
        "DATA" if rest.is_empty() => Command::Data,
        "RSET" if rest.is_empty() => Command::Rset,
        "NOOP" => Command::Noop,
        "QUIT" if rest.is_empty() => Command::Quit,
        "VRFY" => Command::Vrfy,
        "HELP" => Command::Help,
        "STARTTLS" | "AUTH" | "EXPN" | "BDAT" | "TURN" | "ETRN" | "ATRN" => Command::NotImplemented,
        _ => Command::Unknown,
    }
}

/// `rest` after a case-insensitive `prefix` (`FROM:`, `TO:`), allowing the space some
/// clients put after the colon.
fn prefixed<'a>(rest: &'a str, prefix: &str) -> Option<&'a str> {
    let head = rest.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| rest[prefix.len()..].trim_start())
}

/// `<path> PARAM=VALUE …`: the path without brackets (empty for the null sender `<>`) and
/// the parameters. A source route (`<@a,@b:user@c>`) is read as its final address.
fn path_and_params(text: &str) -> Result<(&str, &str), &'static str> {
    let inner = text.strip_prefix('<').ok_or("the address must be in angle brackets")?;
    let end = inner.find('>').ok_or("the address must be in angle brackets")?;
    let (path, params) = (&inner[..end], &inner[end + 1..]);
    let path = match path.strip_prefix('@') {
        Some(route) => route.split_once(':').map_or("", |(_, address)| address),
        None => path,
    };
    if path.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("the address has spaces or control characters");
    }
    Ok((path, params.trim()))
}

/// The `SIZE=` parameter of `MAIL FROM`; other parameters (`BODY=8BITMIME`, `SMTPUTF8`) need
/// nothing from a receiver that keeps the bytes as they come.
fn size(params: &str) -> Result<Option<u64>, &'static str> {
    let mut declared = None;
    for param in params.split_ascii_whitespace() {
        let (key, value) = param.split_once('=').unwrap_or((param, ""));
        if key.eq_ignore_ascii_case("SIZE") {
            declared = Some(value.parse().map_err(|_| "SIZE= needs a number")?);
        }
    }
    Ok(declared)
}

/// The domain of an address, for the relay check; `None` without one.
pub fn domain(address: &str) -> Option<&str> {
    address.rsplit_once('@').map(|(_, domain)| domain).filter(|d| !d.is_empty())
}

/// How one bounded line read ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    /// A whole line (ending in LF) is in the buffer.
    Complete,
    /// The line was longer than the limit: it was read to its end and dropped.
    TooLong,
    /// The connection ended (a partial last line is dropped).
    Eof,
}

/// Reads one line into `buf` (cleared first), keeping at most `limit` bytes of it: a client
/// cannot make the listener hold more than that however long its line.
pub async fn read_line<R: AsyncBufRead + Unpin>(
    reader: &mut R,
    buf: &mut Vec<u8>,
    limit: usize,
) -> std::io::Result<Line> {
    buf.clear();
    let mut too_long = false;
    loop {
        let available = reader.fill_buf().await?;
        if available.is_empty() {
            return Ok(Line::Eof);
        }
        let (take, done) = match available.iter().position(|b| *b == b'\n') {
            Some(at) => (at + 1, true),
            None => (available.len(), false),
        };
        if !too_long {
            if buf.len() + take > limit {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(&available[..take]);
            }
        }
        reader.consume(take);
        if done {
            return Ok(if too_long { Line::TooLong } else { Line::Complete });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greetings_decide_the_protocol() {
        let smtp = Command::Hello { protocol: Protocol::Smtp, extended: true };
        assert_eq!(command(b"EHLO mx.example.org\r\n"), smtp);
        assert_eq!(command(b"ehlo mx.example.org"), smtp);
        assert_eq!(
            command(b"HELO mx"),
            Command::Hello { protocol: Protocol::Smtp, extended: false }
        );
        assert_eq!(
            command(b"LHLO postfix"),
            Command::Hello { protocol: Protocol::Lmtp, extended: true }
        );
        assert!(matches!(command(b"EHLO"), Command::Syntax(_)));
    }

    #[test]
    fn envelope_paths_and_size() {
        assert_eq!(command(b"MAIL FROM:<>"), Command::Mail { size: None });
        assert_eq!(
            command(b"mail from: <a@b.org> SIZE=1234 BODY=8BITMIME"),
            Command::Mail { size: Some(1234) }
        );
        assert!(matches!(command(b"MAIL FROM:<a@b> SIZE=x"), Command::Syntax(_)));
        assert!(matches!(command(b"MAIL FROM:a@b"), Command::Syntax(_)));
        assert!(matches!(command(b"MAIL TO:<a@b>"), Command::Syntax(_)));
        assert_eq!(
            command(b"RCPT TO:<Bounce+d1-x@Bounces.Example.org>"),
            Command::Rcpt("Bounce+d1-x@Bounces.Example.org".into())
        );
        assert_eq!(command(b"RCPT TO:<@relay.org:a@b.org>"), Command::Rcpt("a@b.org".into()));
        assert!(matches!(command(b"RCPT TO:<>"), Command::Syntax(_)));
        assert!(matches!(command(b"RCPT TO:<a b@c>"), Command::Syntax(_)));
        assert_eq!(domain("x@Bounces.example.org"), Some("Bounces.example.org"));
        assert_eq!(domain("postmaster"), None);
    }

    #[test]
    fn other_commands() {
        assert_eq!(command(b"DATA"), Command::Data);
        assert_eq!(command(b"rset"), Command::Rset);
        assert_eq!(command(b"NOOP anything"), Command::Noop);
        assert_eq!(command(b"QUIT"), Command::Quit);
        assert_eq!(command(b"VRFY postmaster"), Command::Vrfy);
        assert_eq!(command(b"STARTTLS"), Command::NotImplemented);
        assert_eq!(command(b"AUTH PLAIN x"), Command::NotImplemented);
        assert_eq!(command(b"GET / HTTP/1.1"), Command::Unknown);
        assert_eq!(command(b"DATA now"), Command::Unknown);
        assert!(matches!(command(&[0xff, 0xfe]), Command::Syntax(_)));
    }

    #[tokio::test]
    async fn lines_are_bounded() {
        let input = format!("short\r\n{}\r\nnext\r\nend", "x".repeat(100));
        let mut reader = tokio::io::BufReader::with_capacity(8, input.as_bytes());
        let mut buf = Vec::new();
        assert_eq!(read_line(&mut reader, &mut buf, 20).await.expect("readable"), Line::Complete);
        assert_eq!(buf, b"short\r\n");
        assert_eq!(read_line(&mut reader, &mut buf, 20).await.expect("readable"), Line::TooLong);
        assert!(buf.is_empty());
        assert_eq!(read_line(&mut reader, &mut buf, 20).await.expect("readable"), Line::Complete);
        assert_eq!(buf, b"next\r\n");
        assert_eq!(read_line(&mut reader, &mut buf, 20).await.expect("readable"), Line::Eof);
    }
}
