//! Abuse feedback reports (ARF, RFC 5965): a `multipart/report; report-type=feedback-report`
//! with a `message/feedback-report` part, sent by a mailbox provider's feedback loop when a
//! reader marks the mail as spam.

use rundbrief_core::model::BounceKind;

use crate::Report;
use crate::fields;
use crate::mail::{Mail, content_type, find_addresses};

/// The report, when the mail is an ARF report.
pub(crate) fn read(mail: &Mail<'_>) -> Option<Report> {
    let part = mail.parts().find(|p| {
        let (ctype, subtype) = content_type(p);
        ctype == "message" && subtype == "feedback-report"
    })?;
    let text = String::from_utf8_lossy(part.contents());
    let blocks = fields::blocks(&text);
    let block = blocks.first()?;
    let feedback_type = block.get("Feedback-Type").map(|t| t.trim().to_ascii_lowercase());
    // `abuse` is the spam button; `fraud` a phishing report, which must stop mail just the
    // same. `auth-failure` (DMARC failure reports, RFC 6591), `not-spam`, `virus` and `other`
    // say nothing about the reader's wish.
    let kind = match feedback_type.as_deref() {
        Some("abuse" | "fraud") => BounceKind::Complaint,
        _ => BounceKind::NotBounce,
    };
    // Who complained: the report's Original-Rcpt-To, else the returned original's recipient.
    // Yahoo and others redact the recipient; then there is none, and the caller uses VERP.
    let rcpt_to: Vec<&str> = block.all("Original-Rcpt-To").collect();
    let recipient = if rcpt_to.is_empty() {
        if mail.original.hm_recipient.is_empty() {
            mail.single_recipient(&mail.original.to)
        } else {
            mail.single_recipient(&mail.original.hm_recipient)
        }
    } else {
        mail.single_recipient(rcpt_to)
    };
    let verp_to = block
        .get("Original-Mail-From")
        .and_then(|v| find_addresses(v).into_iter().next())
        .or_else(|| mail.envelope_to.clone());
    Some(Report { kind, recipient, status: None, diagnostic: None, verp_to, feedback_type })
}
