//! Delivery status notifications (RFC 3464): a `message/delivery-status` part (or RFC 6533's
//! `message/global-delivery-status`) with one block for the message and one per recipient.

use rundbrief_core::model::BounceKind;

use crate::classify::{self, Status};
use crate::fields::{self, Block};
use crate::mail::{Mail, content_type};
use crate::text;
use crate::{Report, cap_diagnostic};

/// The report, when the mail has a delivery-status part naming at least one recipient.
pub(crate) fn read(mail: &Mail<'_>) -> Option<Report> {
    let mut recipients: Vec<Block> = Vec::new();
    for part in mail.parts() {
        let (ctype, subtype) = content_type(part);
        if ctype == "message"
            && (subtype == "delivery-status" || subtype == "global-delivery-status")
        {
            let text = String::from_utf8_lossy(part.contents());
            recipients.extend(fields::blocks(&text).into_iter().filter(is_recipient_block));
        }
    }
    // The failed recipient if any; a DSN about several recipients (one failed, one delayed
    // or delivered) is about the failed one.
    let chosen =
        recipients.iter().find(|b| action(b) == Action::Failed).or_else(|| recipients.first())?;
    let recipient = chosen
        .get("Original-Recipient")
        .and_then(|r| mail.recipient(r))
        .or_else(|| chosen.get("Final-Recipient").and_then(|r| mail.recipient(r)));
    let mut diagnostic =
        chosen.get("Diagnostic-Code").map(strip_type).unwrap_or_default().to_owned();
    let status_field = chosen.get("Status").and_then(Status::parse);
    let kind = match action(chosen) {
        Action::Failed => {
            let code = classify::find_code(&diagnostic).unwrap_or(0);
            let status = status_field.map(|s| s.to_string());
            let mut kind = classify::rule(code, status.as_deref(), &diagnostic);
            // Exim and Sendmail write no Diagnostic-Code for failures without an SMTP answer
            // ("Unrouteable address", a full local mailbox, a timeout): then the human part's
            // lines about the recipient are the diagnostic, and decide when the status alone
            // does not.
            if (kind.is_none() || diagnostic.trim().is_empty())
                && let Some(block) = recipient.as_ref().and_then(|r| text::block_for(mail, r))
            {
                if kind.is_none() {
                    kind = text::rule_for_block(&block);
                }
                if diagnostic.trim().is_empty() {
                    diagnostic = block;
                }
            }
            match kind
                .unwrap_or_else(|| classify::classify_smtp(code, status.as_deref(), &diagnostic))
            {
                // "Failed" with a success status is a contradiction; the action wins.
                BounceKind::NotBounce => BounceKind::Soft,
                kind => kind,
            }
        }
        // Delayed: the server is still trying; a failure report follows if it gives up.
        // Delivered, relayed, expanded: no failure at all.
        Action::Delayed | Action::Other => BounceKind::NotBounce,
    };
    let status = match status_field {
        Some(s) if s.subject == 0 && s.detail == 0 => Status::find(&diagnostic).or(Some(s)),
        Some(s) => Some(s),
        None => Status::find(&diagnostic),
    };
    Some(Report {
        kind,
        recipient,
        status: status.map(|s| s.to_string()),
        diagnostic: cap_diagnostic(&diagnostic),
        verp_to: mail.envelope_to.clone(),
        feedback_type: None,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Failed,
    Delayed,
    Other,
}

fn is_recipient_block(block: &Block) -> bool {
    block.get("Final-Recipient").is_some()
        || block.get("Original-Recipient").is_some()
        || block.get("Action").is_some()
}

/// The block's action; without one (some servers omit it), a 5.x.x or 4.x.x status says
/// failed or delayed.
fn action(block: &Block) -> Action {
    let named = block.get("Action").map(|a| a.trim().to_ascii_lowercase());
    match named.as_deref() {
        Some(a) if a.starts_with("failed") => Action::Failed,
        Some(a) if a.starts_with("delayed") => Action::Delayed,
        Some(_) => Action::Other,
        None => match block.get("Status").and_then(Status::parse).map(|s| s.class) {
            Some(5) => Action::Failed,
            Some(4) => Action::Delayed,
            _ => Action::Other,
        },
    }
}

/// `smtp; 550 5.1.1 ...` → `550 5.1.1 ...` (the diagnostic type, RFC 3464 2.3.6).
fn strip_type(value: &str) -> &str {
    match value.split_once(';') {
        Some((kind, rest)) if !kind.is_empty() && kind.len() <= 12 && !kind.contains(' ') => {
            rest.trim()
        }
        _ => value.trim(),
    }
}
