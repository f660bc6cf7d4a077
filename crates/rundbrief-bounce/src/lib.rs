//! Reading mails that came back to the instance (issue 20): delivery status notifications
//! (RFC 3464), abuse feedback reports (ARF, RFC 5965), the bounce texts of MTAs and providers
//! that write no DSN, and auto-replies, which are recognised so that they are never counted.
//!
//! [`parse`] gives one [`Report`] per mail. The order of decisions:
//!
//! 1. an ARF report (`message/feedback-report`): `abuse` and `fraud` are complaints;
//! 2. a DSN (`message/delivery-status`): the failed recipient's status and diagnostic decide;
//!    a DSN that only says "delayed" (or "delivered") is not a bounce: the server is still
//!    trying, and if it gives up, a failure report follows;
//! 3. the texts of MTAs and providers without a DSN part (qmail, Exim, Postfix, Sendmail,
//!    Exchange, Gmail, Yahoo, GMX/Web.de, T-Online);
//! 4. auto-replies (RFC 3834 `Auto-Submitted`, the vendors' `X-Autoreply` headers, "Out of
//!    Office" / "Abwesenheitsnotiz" subjects);
//! 5. anything else is not a bounce.
//!
//! Bounce texts come before auto-replies because MTAs mark their own bounces
//! `Auto-Submitted: auto-replied` (Exim, Postfix); their texts are specific enough that a
//! vacation message never matches them, and a DSN part always wins.
//!
//! The failed recipient is read from the report only, never from the bounce's own From or To
//! (the MAILER-DAEMON and our bounce address): when the report does not name exactly one
//! recipient, [`Report::recipient`] is `None` rather than a guess. Hard and soft follow the
//! rules of [`classify_smtp`], public so that the send-time SMTP answers can use them too.

mod arf;
mod autoreply;
mod classify;
mod dsn;
mod fields;
mod mail;
mod text;

use mail_parser::MessageParser;
use rundbrief_core::EmailAddress;
use rundbrief_core::model::BounceKind;

pub use classify::{classify_reply, classify_smtp};

/// The longest diagnostic kept, in bytes: enough for any server's sentence, bounded for the
/// database.
pub const MAX_DIAGNOSTIC_LEN: usize = 500;

/// What one mail that came back says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub kind: BounceKind,
    /// The address that failed or complained, as the report names it; `None` when the report
    /// names none or several, so the caller falls back to VERP or gives up.
    pub recipient: Option<EmailAddress>,
    /// The enhanced status code (`5.1.1`), when the report or the server's answer had one.
    pub status: Option<String>,
    /// The remote server's answer, white space collapsed, at most [`MAX_DIAGNOSTIC_LEN`] bytes.
    pub diagnostic: Option<String>,
    /// Where our mail's bounces went: the envelope recipient of this report (`Delivered-To`,
    /// `X-Original-To`, `Envelope-To`, else `To`); for an ARF report, which goes to the
    /// feedback loop's registered address, the `Original-Mail-From` of the reported mail. The
    /// caller matches it against its VERP addresses.
    pub verp_to: Option<String>,
    /// The ARF `Feedback-Type` (`abuse`, `fraud`, `auth-failure`, ...), lower case.
    pub feedback_type: Option<String>,
}

impl Report {
    fn new(kind: BounceKind) -> Self {
        Self {
            kind,
            recipient: None,
            status: None,
            diagnostic: None,
            verp_to: None,
            feedback_type: None,
        }
    }
}

/// Reads one raw mail (RFC 5322 bytes, as the bounce mailbox received it). Never panics; input
/// that is not a mail at all is [`BounceKind::NotBounce`].
pub fn parse(raw: &[u8]) -> Report {
    let Some(message) = MessageParser::default().parse(raw) else {
        return Report::new(BounceKind::NotBounce);
    };
    let Some(mail) = mail::Mail::new(&message) else {
        return Report::new(BounceKind::NotBounce);
    };
    let mut report = arf::read(&mail)
        .or_else(|| dsn::read(&mail))
        .or_else(|| text::read(&mail))
        .unwrap_or_else(|| {
            Report::new(if autoreply::is_auto_reply(&mail) {
                BounceKind::AutoReply
            } else {
                BounceKind::NotBounce
            })
        });
    if report.verp_to.is_none() {
        report.verp_to = mail.envelope_to.clone();
    }
    report
}

/// White space collapsed and cut to [`MAX_DIAGNOSTIC_LEN`] bytes at a character boundary;
/// `None` when nothing is left. Control characters become spaces: a NUL is refused by
/// PostgreSQL's TEXT, so a hostile report would fail to store at every retry.
pub(crate) fn cap_diagnostic(text: &str) -> Option<String> {
    let text: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let mut out = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if out.len() > MAX_DIAGNOSTIC_LEN {
        let mut end = MAX_DIAGNOSTIC_LEN;
        while !out.is_char_boundary(end) {
            end -= 1;
        }
        out.truncate(end);
    }
    if out.is_empty() { None } else { Some(out) }
}
