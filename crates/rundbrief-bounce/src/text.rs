//! Bounces without a DSN part: the texts qmail, Exim, Postfix, Sendmail, Exchange, Gmail,
//! Yahoo, GMX/Web.de and T-Online write for people. The failed address is read from the
//! report's own lines (`<a@b>:` entries, Exim's indented address, Exchange's recipient line) or
//! the `X-Failed-Recipients` header, and only if exactly one address is named.

use rundbrief_core::EmailAddress;
use rundbrief_core::model::BounceKind;

use crate::classify::{self, Status, contains_any, normalise};
use crate::mail::{Mail, find_addresses, unwrap_address};
use crate::{Report, cap_diagnostic};

/// Sentences only a mail system writes: enough on their own.
const STRONG_SIGNATURES: &[&str] = &[
    "this is the qmail-send program",
    "this message was created automatically by mail delivery software",
    "diese nachricht wurde automatisch vom mail-system erstellt",
    "diese nachricht wurde automatisch vom mailsystem erstellt",
    "this is the mail system at host",
    "i'm sorry to have to inform you that your message could not be delivered",
    "the following addresses had permanent fatal errors",
    "sorry, we were unable to deliver your message",
    "delivery has failed to these recipients or groups",
    "your message did not reach some or all of the intended recipients",
    "did not reach the following recipient",
    "die nachricht konnte an folgende empfänger oder gruppen nicht übermittelt werden",
    "fehler bei der zustellung an folgende empfänger",
    "failed addresses follow",
    "delivery to the following recipient failed permanently",
    "delivery to the following recipient has been delayed",
    "your message wasn't delivered to",
    "ihre nachricht wurde nicht an",
];

/// Sentences a person could write too: a bounce only from a mail system's sender.
const WEAK_SIGNATURES: &[&str] = &[
    "could not be delivered",
    "couldn't be delivered",
    "konnte nicht zugestellt werden",
    "nicht zugestellt werden",
    "unable to deliver",
    "message not delivered",
    "delivery failed",
    "zustellung fehlgeschlagen",
    "has not yet been delivered",
    "returned to sender",
];

/// Subjects of bounces, at the start of the subject.
const SUBJECT_PREFIXES: &[&str] = &[
    "undeliverable",
    "undelivered mail",
    "unzustellbar",
    "nicht zustellbar",
    "mail delivery failed",
    "mail delivery failure",
    "delivery status notification",
    "delivery failure",
    "delivery failed",
    "failure notice",
    "returned mail",
    "non-delivery",
    "nondeliverable",
    "warning: message",
    "zustellung fehlgeschlagen",
    "benachrichtigung zum übermittlungsstatus",
];

/// Where a bounce text ends and the returned message begins; addresses after these are the
/// original's, not the report's.
const ORIGINAL_MARKERS: &[&str] = &[
    "below this line is a copy of the message",
    "this is a copy of the message",
    "original message follows",
    "unsent message follows",
    "returned message follows",
    "original message headers",
    "header of the original message is following",
    "message text follows",
    "-----original message-----",
    "----- original message -----",
    "die ursprüngliche nachricht",
    "kopie der nachricht",
];

/// Warnings that delivery is late, not failed.
const DELAY_PHRASES: &[&str] = &[
    "has not yet been delivered",
    "has been delayed",
    "delivery delayed",
    "delivery attempts will continue",
    "will continue to try",
    "will keep trying",
    "will be retried",
    "noch nicht zugestellt",
    "zustellung verzögert",
    "weitere zustellversuche",
];

/// Words that say the mail system gave up.
const PERMANENT_PHRASES: &[&str] = &[
    "permanent error",
    "failed permanently",
    "permanently",
    "given up",
    "gave up",
    "could not be delivered",
    "dauerhafter fehler",
    "permanenter fehler",
];

/// Mail-system senders.
const SYSTEM_SENDERS: &[&str] = &[
    "mailer-daemon",
    "mailer daemon",
    "mail-daemon",
    "postmaster",
    "mail delivery",
    "microsoftexchange",
    "mail administrator",
];

/// The report, when the mail is a bounce text.
pub(crate) fn read(mail: &Mail<'_>) -> Option<Report> {
    let body = mail.text();
    let norm_body = normalise(&body);
    let subject = normalise(&mail.subject);
    let from_system = mail.header("From").is_some_and(|f| {
        let from = f.to_lowercase();
        contains_any(&from, SYSTEM_SENDERS)
    });
    let strong = contains_any(&norm_body, STRONG_SIGNATURES);
    let weak = contains_any(&norm_body, WEAK_SIGNATURES)
        || SUBJECT_PREFIXES.iter().any(|p| subject.starts_with(p));
    if !(strong || weak && from_system) {
        return None;
    }
    let section = report_section(&body);
    let norm_section = normalise(section);
    let entries = entries(section);
    let recipient = choose_recipient(mail, &entries, section);
    let block = recipient
        .as_ref()
        .and_then(|r| entries.iter().find(|e| same_address(&e.address, r)))
        .map(|e| e.block.as_str())
        .filter(|b| !b.trim().is_empty());

    let delayed = (contains_any(&norm_section, DELAY_PHRASES) || subject.contains("(delay)"))
        && !contains_any(&norm_section, PERMANENT_PHRASES);
    let kind = if delayed {
        BounceKind::NotBounce
    } else {
        let by_block = block.and_then(decide);
        match by_block.or_else(|| decide(failure_lines(section).as_str())) {
            // A 2.x.x in a transcript ("250 2.1.0 Sender ok") is a step, not the outcome.
            Some(BounceKind::NotBounce) | None => BounceKind::Soft,
            Some(kind) => kind,
        }
    };
    let diagnostic_source = block.map_or_else(|| failure_lines(section), str::to_owned);
    Some(Report {
        kind,
        recipient,
        status: Status::find(&diagnostic_source).map(|s| s.to_string()),
        diagnostic: cap_diagnostic(&diagnostic_source),
        verp_to: mail.envelope_to.clone(),
        feedback_type: None,
    })
}

fn decide(text: &str) -> Option<BounceKind> {
    let code = classify::find_code(text).unwrap_or(0);
    classify::decide(code, None, text)
}

/// The kind the lines of a text block give by a rule of the tables, if any.
pub(crate) fn rule_for_block(block: &str) -> Option<BounceKind> {
    let code = classify::find_code(block).unwrap_or(0);
    classify::rule(code, None, block)
}

/// The lines the human-readable part of a report gives about `recipient`, if it lists it.
pub(crate) fn block_for(mail: &Mail<'_>, recipient: &EmailAddress) -> Option<String> {
    let body = mail.text();
    entries(report_section(&body))
        .into_iter()
        .find(|e| same_address(&e.address, recipient) && !e.block.trim().is_empty())
        .map(|e| e.block)
}

/// The lines of the report that carry a failure: those with a 4xx/5xx code or status or a
/// known phrase, so the transcript's "250 OK" lines do not speak for the outcome.
fn failure_lines(section: &str) -> String {
    let mut out = String::new();
    for line in section.lines() {
        let code = classify::find_code(line);
        let status = Status::find(line);
        let failing = matches!(code, Some(400..=599))
            || status.is_some_and(|s| s.class != 2)
            || classify::decide(0, None, line).is_some();
        if failing && !matches!(code, Some(200..=299)) {
            out.push_str(line.trim());
            out.push('\n');
        }
    }
    out
}

/// The text before the returned message.
fn report_section(body: &str) -> &str {
    let lower = body.to_ascii_lowercase();
    let end = ORIGINAL_MARKERS.iter().filter_map(|m| lower.find(m)).min().unwrap_or(body.len());
    // `to_ascii_lowercase` keeps byte offsets. The cut goes to the start of the marker's line,
    // so its dashes and bars (`|----- Message text follows`) stay out of the report.
    let end = body.get(..end).and_then(|head| head.rfind('\n')).map_or(0, |nl| nl + 1).min(end);
    body.get(..end).unwrap_or(body)
}

/// One failed address the report lists, with the lines about it.
#[derive(Debug)]
struct Entry {
    address: String,
    block: String,
}

/// Lines that start with an address: `<a@b>:` (qmail, Yahoo, Postfix, T-Online, Sendmail),
/// Exim's indented `a@b`, Exchange's `a@b<mailto:a@b>`. The block is the rest of the line and
/// the lines after it up to a blank line or the next entry.
fn entries(section: &str) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    let mut open = false;
    for line in section.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            open = false;
            continue;
        }
        // An indented line under an open entry continues it, even when it starts with the
        // address again (Postfix wraps `said: 550 5.1.1\n    <a@b>: Recipient address ...`).
        if open && line.starts_with([' ', '\t']) {
            if let Some(last) = out.last_mut() {
                last.block.push('\n');
                last.block.push_str(trimmed);
            }
            continue;
        }
        if let Some((address, rest)) = leading_address(trimmed) {
            out.push(Entry { address, block: rest.to_owned() });
            open = true;
            continue;
        }
        if open && let Some(last) = out.last_mut() {
            last.block.push('\n');
            last.block.push_str(trimmed);
        }
    }
    out
}

/// The address a line starts with, and the rest of the line. Postfix writes
/// `<final@b> (expanded from <sent@b>): ...`: the address we sent to is the expanded-from one.
fn leading_address(line: &str) -> Option<(String, &str)> {
    let (token, rest) = if let Some(inner) = line.strip_prefix('<') {
        let close = inner.find('>')?;
        (&inner[..close], &inner[close + 1..])
    } else {
        let end = line
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '(' | ','))
            .unwrap_or(line.len());
        // GMX writes the address quoted: `"a@b":`.
        (line[..end].trim_end_matches(':').trim_matches('"'), &line[end..])
    };
    if !token.contains('@') || find_addresses(token).first().map(String::as_str) != Some(token) {
        return None;
    }
    let rest = rest.trim_start();
    if let Some(after) = rest.strip_prefix("(expanded from <")
        && let Some(close) = after.find(">)")
    {
        let sent = &after[..close];
        if find_addresses(sent).first().map(String::as_str) == Some(sent) {
            return Some((sent.to_owned(), after[close + 2..].trim_start_matches(':').trim()));
        }
    }
    let rest = rest.strip_prefix(':').unwrap_or(rest).trim();
    // Exchange writes the address twice, `a@b<mailto:a@b>`; that is not a diagnostic.
    let rest = if rest.starts_with("<mailto:") { "" } else { rest };
    Some((token.to_owned(), rest))
}

fn same_address(candidate: &str, address: &EmailAddress) -> bool {
    unwrap_address(candidate)
        .and_then(|c| EmailAddress::parse(c).ok())
        .is_some_and(|c| c.key() == address.key())
}

/// `X-Failed-Recipients` (Exim, Gmail) if it names one address that the entries, if any,
/// agree with; else the entries' one address; else the one address in the report text.
fn choose_recipient(mail: &Mail<'_>, entries: &[Entry], section: &str) -> Option<EmailAddress> {
    let failed: Vec<String> =
        mail.headers("X-Failed-Recipients").iter().flat_map(|v| find_addresses(v)).collect();
    if !failed.is_empty() {
        let address = mail.single_recipient(&failed)?;
        let listed = entries.iter().filter(|e| mail.recipient(&e.address).is_some());
        let mut listed = listed.peekable();
        if listed.peek().is_some() && !listed.any(|e| same_address(&e.address, &address)) {
            return None;
        }
        return Some(address);
    }
    if entries.iter().any(|e| mail.recipient(&e.address).is_some()) {
        return mail.single_recipient(entries.iter().map(|e| e.address.as_str()));
    }
    mail.single_recipient(find_addresses(section))
}
