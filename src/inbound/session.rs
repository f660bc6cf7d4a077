//! One inbound connection: the SMTP or LMTP dialogue (RFC 5321, RFC 2033), driven by the
//! commands of [`super::parse`]. Each accepted mail is handed to
//! [`App::process_returned_mail`] once per recipient, and the reply after `DATA` comes only
//! once that has been committed: a 250 is a promise the mail is recorded, a 451 makes the
//! sending MTA keep it and try again.

use std::time::Duration;

use rundbrief_app::AppError;
use rundbrief_app::returned::{MAX_RETURNED_MAIL_BYTES, Returned};
use rundbrief_store::BounceSource;
use tokio::io::{AsyncBufRead, AsyncWrite, AsyncWriteExt as _};

use super::Inbound;
use super::parse::{self, Command, Line, Protocol};

/// RFC 5321 allows 512 octets per command line; ESMTP parameters add a little.
const COMMAND_LINE: usize = 2048;
/// RFC 5321 allows 1000 per text line; mail generators exceed it, so some slack, but a line
/// can never hold the whole size budget.
const DATA_LINE: usize = 64 * 1024;
/// Recipients of one mail; a bounce has one.
const MAX_RECIPIENTS: usize = 100;
/// Commands that fail before the connection is closed (a client speaking something else).
const MAX_ERRORS: usize = 10;
/// How long the listener waits for any one line: RFC 5321 suggests minutes, which would let
/// idle clients hold the connection slots; an MTA sends its next line in well under this.
pub const LINE_TIMEOUT: Duration = Duration::from_secs(60);

/// Runs the dialogue until QUIT, the end of the connection, or too many errors.
pub async fn run<R, W>(inbound: &Inbound, mut reader: R, mut writer: W) -> std::io::Result<()>
where
    R: AsyncBufRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let host = inbound.verp.base().domain();
    reply(&mut writer, &format!("220 {host} Rundbrief ESMTP/LMTP ready")).await?;
    let mut protocol = None;
    let mut mail = false;
    let mut recipients: Vec<String> = Vec::new();
    let mut errors = 0;
    let mut line = Vec::with_capacity(512);
    loop {
        if errors >= MAX_ERRORS {
            return reply(&mut writer, "421 4.7.0 Too many errors, closing").await;
        }
        let read = tokio::time::timeout(
            LINE_TIMEOUT,
            parse::read_line(&mut reader, &mut line, COMMAND_LINE),
        )
        .await;
        match read {
            Err(_) => return reply(&mut writer, "421 4.4.2 Idle for too long, closing").await,
            Ok(Ok(Line::Eof)) => return Ok(()),
            Ok(Ok(Line::TooLong)) => {
                errors += 1;
                reply(&mut writer, "500 5.5.2 Line too long").await?;
                continue;
            }
            Ok(Ok(Line::Complete)) => {}
            Ok(Err(error)) => return Err(error),
        }
        let command = parse::command(&line);
        let answer = match command {
            Command::Hello { protocol: greeted, extended } => {
                protocol = Some(greeted);
                (mail, recipients) = (false, Vec::new());
                if extended {
                    // One write, so a pipelining client reads the whole reply at once.
                    let text = format!(
                        "250-{host}\r\n250-PIPELINING\r\n250-SIZE {MAX_RETURNED_MAIL_BYTES}\r\n\
                         250-8BITMIME\r\n250 ENHANCEDSTATUSCODES"
                    );
                    reply(&mut writer, &text).await?;
                    continue;
                }
                format!("250 {host}")
            }
            Command::Quit => return reply(&mut writer, "221 2.0.0 Bye").await,
            Command::Noop => "250 2.0.0 OK".to_owned(),
            Command::Rset => {
                (mail, recipients) = (false, Vec::new());
                "250 2.0.0 OK".to_owned()
            }
            Command::Vrfy => "252 2.1.5 Cannot verify, but will accept mail for the domain".into(),
            Command::Help => {
                "214 2.0.0 Commands: LHLO EHLO HELO MAIL RCPT DATA RSET NOOP VRFY QUIT".into()
            }
            Command::NotImplemented => {
                errors += 1;
                "502 5.5.1 Not offered here".into()
            }
            Command::Unknown => {
                errors += 1;
                "500 5.5.2 Unknown command".into()
            }
            Command::Syntax(reason) => {
                errors += 1;
                format!("501 5.5.4 {reason}")
            }
            _ if protocol.is_none() => {
                errors += 1;
                "503 5.5.1 Say LHLO, EHLO or HELO first".into()
            }
            Command::Mail { .. } if mail => "503 5.5.1 Nested MAIL command".into(),
            Command::Mail { size: Some(size) }
                if size > u64::try_from(MAX_RETURNED_MAIL_BYTES).unwrap_or(u64::MAX) =>
            {
                "552 5.3.4 Message size exceeds the fixed limit".into()
            }
            // Any sender, the null sender `<>` of bounces above all.
            Command::Mail { .. } => {
                mail = true;
                "250 2.1.0 OK".into()
            }
            Command::Rcpt(_) if !mail => "503 5.5.1 MAIL first".into(),
            Command::Rcpt(_) if recipients.len() >= MAX_RECIPIENTS => {
                "452 4.5.3 Too many recipients".into()
            }
            Command::Rcpt(address) => {
                let ours = parse::domain(&address)
                    .is_some_and(|d| d.eq_ignore_ascii_case(inbound.verp.base().domain()));
                if ours {
                    recipients.push(address);
                    "250 2.1.5 OK".into()
                } else {
                    errors += 1;
                    tracing::info!(peer = %inbound.peer, "inbound: relaying refused");
                    "550 5.7.1 Relaying denied: only mail for the bounce domain is taken".into()
                }
            }
            Command::Data if recipients.is_empty() => "503 5.5.1 No valid recipients".into(),
            Command::Data => {
                reply(&mut writer, "354 End data with <CR><LF>.<CR><LF>").await?;
                let Some(body) = read_data(&mut reader, &mut line).await? else {
                    // The connection ended, or went idle, before the mail did.
                    return Ok(());
                };
                let taken = std::mem::take(&mut recipients);
                mail = false;
                let lmtp = protocol == Some(Protocol::Lmtp);
                match body {
                    Data::TooLarge => {
                        let text = "552 5.3.4 Message size exceeds the fixed limit";
                        let count = if lmtp { taken.len() } else { 1 };
                        for _ in 0..count {
                            reply(&mut writer, text).await?;
                        }
                    }
                    Data::LineTooLong => {
                        let text = "500 5.5.2 Line too long";
                        let count = if lmtp { taken.len() } else { 1 };
                        for _ in 0..count {
                            reply(&mut writer, text).await?;
                        }
                    }
                    Data::Mail(raw) => deliver(inbound, &mut writer, &raw, &taken, lmtp).await?,
                }
                continue;
            }
        };
        reply(&mut writer, &answer).await?;
    }
}

/// What came after `DATA`.
enum Data {
    Mail(Vec<u8>),
    TooLarge,
    LineTooLong,
}

/// Reads the mail up to the lone `.`, undoing dot-stuffing; beyond the size limit or a line
/// limit it reads on to the end without keeping anything, so the dialogue stays in step.
/// `None` when the connection ends or idles first.
async fn read_data<R: AsyncBufRead + Unpin>(
    reader: &mut R,
    line: &mut Vec<u8>,
) -> std::io::Result<Option<Data>> {
    let mut raw = Vec::new();
    let (mut too_large, mut too_long) = (false, false);
    loop {
        let read = tokio::time::timeout(LINE_TIMEOUT, parse::read_line(reader, line, DATA_LINE));
        match read.await {
            Err(_) | Ok(Ok(Line::Eof)) => return Ok(None),
            Ok(Ok(Line::TooLong)) => too_long = true,
            Ok(Ok(Line::Complete)) => {
                let line = line.as_slice();
                if line == b".\r\n" || line == b".\n" {
                    break;
                }
                let text = line.strip_prefix(b".").unwrap_or(line);
                if raw.len() + text.len() > MAX_RETURNED_MAIL_BYTES {
                    too_large = true;
                    raw = Vec::new();
                }
                if !too_large && !too_long {
                    raw.extend_from_slice(text);
                }
            }
            Ok(Err(error)) => return Err(error),
        }
    }
    Ok(Some(match (too_large, too_long) {
        (true, _) => Data::TooLarge,
        (_, true) => Data::LineTooLong,
        _ => Data::Mail(raw),
    }))
}

/// Records the mail for each recipient and answers: LMTP once per recipient, SMTP once for
/// all. SMTP can only say one thing, so one failure makes it a 451 for the whole mail; the
/// retry may then record it again for a recipient that succeeded, which for a bounce (one
/// recipient) does not arise.
async fn deliver<W: AsyncWrite + Unpin>(
    inbound: &Inbound,
    writer: &mut W,
    raw: &[u8],
    recipients: &[String],
    lmtp: bool,
) -> std::io::Result<()> {
    let mut worst: Option<String> = None;
    for recipient in recipients {
        let outcome = inbound
            .app
            .process_returned_mail(
                raw,
                Some(recipient.as_str()),
                Some(&inbound.verp),
                BounceSource::Smtp,
            )
            .await;
        let answer = match outcome {
            Ok(returned) => {
                tracing::info!(peer = %inbound.peer, bytes = raw.len(), outcome = said(returned), "inbound mail taken");
                // A forged bounce address is accepted and dropped (the use case logged it):
                // refusing it would tell a guesser at once which signatures are wrong, and
                // a feedback report names its address only in the body anyway.
                "250 2.0.0 OK".to_owned()
            }
            Err(AppError::Invalid(_)) => "554 5.6.0 The mail cannot be read".to_owned(),
            Err(error) => {
                tracing::error!(peer = %inbound.peer, %error, "inbound mail not recorded; the sender will retry");
                "451 4.3.0 Cannot record the mail now, try again later".to_owned()
            }
        };
        if lmtp {
            reply(writer, &answer).await?;
        } else if !answer.starts_with('2') {
            worst = Some(answer);
            break;
        }
    }
    if !lmtp {
        reply(writer, worst.as_deref().unwrap_or("250 2.0.0 OK")).await?;
    }
    Ok(())
}

/// A word for the log: what became of the mail, without anything from its content.
fn said(returned: Returned) -> &'static str {
    match returned {
        Returned::ForgedAddress => "forged bounce address, ignored",
        Returned::Unsubscribed(_) => "unsubscribed",
        Returned::Applied(rundbrief_app::bounces::BounceApplied::Ignored) => "no bounce, ignored",
        Returned::Applied(rundbrief_app::bounces::BounceApplied::Stored(_)) => "recorded",
    }
}

async fn reply<W: AsyncWrite + Unpin>(writer: &mut W, text: &str) -> std::io::Result<()> {
    writer.write_all(text.as_bytes()).await?;
    writer.write_all(b"\r\n").await?;
    writer.flush().await
}
