//! The lease of an owed mail (confirmation, welcome, translator notice, account mail): how
//! long a job holds the row it claimed, and the check before the wire.
//!
//! A claim whose lease has run out is claimed again by the next job (the sweep queues it, or
//! the account mail loop's next look finds it), and that job sends the mail again. So a mail
//! goes to the relay only while its claim has time left for the longest a send can take, and
//! the lease is longer than that plus the work around the send; a fixed 45 s, shorter than the
//! SMTP timeout alone, let a slow relay's mail go out twice.
//!
//! The longest send is the transport's [`Mailer::bounded_send_limit`]: with SMTP one timeout
//! (`?timeout=` in `RUNDBRIEF_SMTP_URL`, 60 s by default) waiting for a place in the pool and
//! one for the delivery, which bounds the whole transaction, from connecting to the last
//! reply, not each reply (`SmtpTransport::bounded_send_limit` has the details). With the
//! default that makes a lease of 2 × 60 + 15 = 135 s; a crashed job's mail goes out that long
//! after its claim.

use std::collections::HashMap;
use std::fmt;
use std::sync::Mutex;

use rundbrief_mail::{BuiltMessage, Mailer, SendError};
use rundbrief_store::{ConfirmationOutcome, OwedMailKind, Store, StoreError};

use crate::confirmation::{ConfirmationError, MailOutcome, attempt_outcome};
use time::{Duration, OffsetDateTime};

/// What the lease allows between the claim and the wire: reading the row's owner, the checks
/// of what is still owed, rendering. A job slower than this sends nothing (see
/// [`time_for_a_send`]) and the mail waits for the claim to run out.
const BEFORE_SEND: Duration = Duration::seconds(10);

/// What the claim must still have after the longest send: the settle's commit, the whole
/// seconds the clock and the store keep (`SystemClock` rounds down, so a claim can end up to a
/// second before it reads), timers that fire late on a loaded machine, and the clocks of two
/// worker machines a little apart.
const AFTER_SEND: Duration = Duration::seconds(5);

/// How the delivery of an owed mail ended, when nothing failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Delivered {
    Sent,
    /// Not wanted any more (settled as skipped).
    NotWanted,
    /// Not sent, refused before the wire: its claim had too little time left for a send, or
    /// no place in the SMTP pool came free in time. The claim is given back without counting
    /// an attempt, and the mail is due again soon ([`end_attempt`]).
    Deferred,
}

/// How soon a deferred mail is due again: long enough that a busy pool or a slow machine gets
/// a moment, short enough that the mail is hardly later for it (a claim left to run out would
/// delay it by a whole lease).
const DUE_AGAIN_AFTER_DEFERRAL: Duration = Duration::seconds(5);

/// Deferrals of one mail in a row that come back after [`DUE_AGAIN_AFTER_DEFERRAL`]. A mail
/// deferred more often than that (a pool that stays busy, a machine that stays too slow) is
/// logged as an error each time and due again only after a whole lease: it never fails for
/// it, since nothing went to the relay, but it costs no more than one claim a lease.
const QUICK_DEFERRALS: u32 = 12;

/// Deferrals in a row per owed mail, in this process (another worker counts its own; a
/// restart starts from nought, which only lets a few more come back quickly). An entry goes
/// when its mail is settled here, or when its release finds the claim taken over.
#[derive(Debug, Default)]
pub(crate) struct Deferrals(Mutex<HashMap<(OwedMailKind, i64), u32>>);

impl Deferrals {
    /// Counts one more deferral of mail `id`; returns the deferrals in a row.
    fn note(&self, kind: OwedMailKind, id: i64) -> u32 {
        let mut counts = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let count = counts.entry((kind, id)).or_insert(0);
        *count = count.saturating_add(1);
        *count
    }

    fn forget(&self, kind: OwedMailKind, id: i64) {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).remove(&(kind, id));
    }
}

/// Ends the attempt at owed mail `id` of `kind`, claimed with `claimed_attempts` and a lease
/// of `lease`, from what its delivery returned (see [`attempt_outcome`]; `now` is the time
/// after the delivery, `what` and `ids` name the mail in the log: ids only, never
/// addresses): records the outcome, or, for a deferred delivery, gives the claim back without
/// the attempt. Returns the outcome recorded (none for a deferral) and what the job did.
///
/// Not an `async fn`: the log's `ids` (not `Send`) are used up before the future, which
/// borrows only `store` and `deferrals`; a caller awaits it in a statement of its own, after
/// the one that built `ids`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn end_attempt<'a>(
    store: &'a dyn Store,
    deferrals: &'a Deferrals,
    kind: OwedMailKind,
    id: i64,
    claimed_attempts: u32,
    delivered: Result<Delivered, ConfirmationError>,
    what: &str,
    ids: fmt::Arguments<'_>,
    now: OffsetDateTime,
    lease: Duration,
) -> impl Future<Output = Result<(Option<ConfirmationOutcome>, MailOutcome), StoreError>> + Send + use<'a>
{
    let (outcome, done) = attempt_outcome(delivered, claimed_attempts, now, what, ids);
    async move {
        record_attempt(store, deferrals, kind, id, claimed_attempts, outcome, now, lease).await?;
        Ok((outcome, done))
    }
}

/// Records `outcome` of the attempt at owed mail `id`, or, when there is none (the delivery
/// was deferred), gives the claim back without the attempt, due again soon.
#[allow(clippy::too_many_arguments)]
async fn record_attempt(
    store: &dyn Store,
    deferrals: &Deferrals,
    kind: OwedMailKind,
    id: i64,
    claimed_attempts: u32,
    outcome: Option<ConfirmationOutcome>,
    now: OffsetDateTime,
    lease: Duration,
) -> Result<(), StoreError> {
    let Some(outcome) = outcome else {
        let in_a_row = deferrals.note(kind, id);
        let due = if in_a_row <= QUICK_DEFERRALS {
            tracing::info!(
                ?kind,
                id,
                in_a_row,
                "owed mail deferred before the wire; due again soon"
            );
            now + DUE_AGAIN_AFTER_DEFERRAL
        } else {
            tracing::error!(
                ?kind,
                id,
                in_a_row,
                "owed mail deferred before the wire again and again (SMTP pool busy or this machine too slow); due again after a lease"
            );
            now + lease
        };
        // Nothing went on the wire, so the attempt is taken back. A job whose claim was taken
        // over meanwhile changes nothing: then the other job's claim stands.
        if !store.release_owed_mail(kind, id, claimed_attempts, due).await? {
            // The job that took the claim over (or settled it) counts from here.
            deferrals.forget(kind, id);
            tracing::warn!(?kind, id, "owed mail deferred, but its claim had been taken over");
        }
        return Ok(());
    };
    deferrals.forget(kind, id);
    let attempts = claimed_attempts;
    let settled = match kind {
        OwedMailKind::Confirmation => store.settle_confirmation(id, attempts, outcome, now),
        OwedMailKind::Welcome => store.settle_welcome(id, attempts, outcome, now),
        OwedMailKind::TranslatorNotice => {
            store.settle_translator_notice(id, attempts, outcome, now)
        }
        OwedMailKind::AccountMail => store.settle_account_mail(id, attempts, outcome, now),
    }
    .await?;
    if !settled {
        // Its lease ran out mid-attempt and another job claimed it (or settled it): that job's
        // outcome stands. A mail sent here may then go out twice; the lease is meant to
        // prevent it, so this is worth a look.
        tracing::warn!(
            ?kind,
            id,
            attempt = attempts,
            outcome = outcome.as_str(),
            "owed mail not settled: the job no longer held its claim"
        );
    }
    Ok(())
}

/// Sends an owed mail within [`Mailer::bounded_send_limit`], if the claim that ends at
/// `lease_until` still has time for that at `now` ([`time_for_a_send`], which logs `what`
/// with `ids` when not): `Sent`, or `Deferred` with nothing on the wire. The error does not
/// carry the recipient's address, which a relay's reply often quotes, since it ends up in the
/// log.
///
/// Not an `async fn`: the check, and with it `ids` (not `Send`), comes before the future; a
/// caller awaits it in a statement of its own, after the one that built `ids`.
pub(crate) fn send_owed<'a>(
    transport: &'a Mailer,
    message: &'a BuiltMessage,
    now: OffsetDateTime,
    lease_until: OffsetDateTime,
    what: &str,
    ids: fmt::Arguments<'_>,
) -> impl Future<Output = Result<Delivered, SendError>> + Send + use<'a> {
    let in_time = time_for_a_send(transport, now, lease_until, what, ids);
    async move {
        if !in_time {
            return Ok(Delivered::Deferred);
        }
        let sent = transport.send_built_bounded(message).await;
        sent.map_err(|error| error.without_address(&message.recipient))?;
        Ok(Delivered::Sent)
    }
}

/// The longest one send over `transport` takes, as a claim counts it.
fn longest_send(transport: &Mailer) -> Duration {
    Duration::try_from(transport.bounded_send_limit()).unwrap_or(Duration::MAX)
}

/// How long a job holds an owed mail it claims: the longest send over `transport`, with room
/// before and after it. The one lease of all four kinds.
pub(crate) fn mail_lease(transport: &Mailer) -> Duration {
    BEFORE_SEND + longest_send(transport) + AFTER_SEND
}

/// Whether a send over `transport` that starts at `now` ends, at the latest, with
/// [`AFTER_SEND`] to spare before the claim's lease ends at `lease_until`. Checked last before
/// the wire; when it is too late, logs `what` with `ids` (ids only, never addresses).
fn time_for_a_send(
    transport: &Mailer,
    now: OffsetDateTime,
    lease_until: OffsetDateTime,
    what: &str,
    ids: fmt::Arguments<'_>,
) -> bool {
    let needed = longest_send(transport) + AFTER_SEND;
    let left = lease_until - now;
    if left >= needed {
        return true;
    }
    tracing::warn!(
        %ids,
        left_s = left.whole_seconds(),
        needed_s = needed.whole_seconds(),
        "{what} not sent: its claim has too little time left for a send; the claim is given back and the mail is due again soon"
    );
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use rundbrief_mail::{SmtpConfig, SmtpTransport};

    fn smtp(timeout: &str) -> Mailer {
        smtp_at(&format!("smtp://127.0.0.1:2525?timeout={timeout}"))
    }

    fn smtp_at(url: &str) -> Mailer {
        let config = SmtpConfig::from_url(url);
        Mailer::Smtp(
            SmtpTransport::new(&config.unwrap_or_else(|e| panic!("{e}")))
                .unwrap_or_else(|e| panic!("{e}")),
        )
    }

    /// A relay that refuses the recipient quotes the address; the error that reaches the log
    /// does not.
    #[tokio::test]
    async fn a_refusal_reaches_the_log_without_the_address() {
        let listener =
            tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap_or_else(|e| panic!("{e}"));
        let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
        tokio::spawn(async move {
            use tokio::io::{AsyncBufReadExt as _, AsyncWriteExt as _};
            let Ok((stream, _)) = listener.accept().await else { return };
            let (read, mut write) = stream.into_split();
            let mut lines = tokio::io::BufReader::new(read).lines();
            let _ = write.write_all(b"220 relay ESMTP\r\n").await;
            while let Ok(Some(line)) = lines.next_line().await {
                let upper = line.to_ascii_uppercase();
                let reply: &[u8] = if upper.starts_with("EHLO") {
                    b"250 relay\r\n"
                } else if upper.starts_with("RCPT") {
                    b"550 5.1.1 <Anna@Example.org>: Recipient address rejected\r\n"
                } else if upper.starts_with("QUIT") {
                    break;
                } else {
                    b"250 OK\r\n"
                };
                let _ = write.write_all(reply).await;
            }
        });
        let relay = smtp_at(&format!("smtp://{addr}?timeout=5"));
        let message = BuiltMessage {
            message_id: "1@example.org".into(),
            envelope_from: "news@example.org".into(),
            recipient: "anna@example.org".into(),
            bytes: b"Subject: x\r\n\r\nx\r\n".to_vec(),
        };
        let now = OffsetDateTime::now_utc();
        let sending =
            send_owed(&relay, &message, now, now + mail_lease(&relay), "test", format_args!("1"));
        let Err(error) = sending.await else { panic!("refused") };
        let told = error.to_string();
        assert!(error.is_permanent() && told.contains("5.1.1"), "{told}");
        assert!(!told.to_ascii_lowercase().contains("anna@example.org"), "{told}");
    }

    #[tokio::test]
    async fn the_lease_outlasts_the_longest_send_of_the_configured_relay() {
        assert_eq!(mail_lease(&smtp("60")), Duration::seconds(135));
        assert_eq!(mail_lease(&smtp("5")), Duration::seconds(25));
        let outbox = Mailer::Outbox(rundbrief_mail::FileOutbox::new("/nonexistent"));
        assert!(mail_lease(&outbox) > Duration::seconds(60));
    }

    #[tokio::test]
    async fn a_send_starts_only_with_the_longest_send_and_the_settle_left() {
        let relay = smtp("5");
        let claimed = OffsetDateTime::UNIX_EPOCH;
        let until = claimed + mail_lease(&relay);
        let check = |after: i64| {
            time_for_a_send(
                &relay,
                claimed + Duration::seconds(after),
                until,
                "test",
                format_args!("mail=1"),
            )
        };
        // 25 s lease: 10 s before the send, 10 s for it, 5 s after.
        assert!(check(0));
        assert!(check(10));
        assert!(!check(11));
        assert!(!check(30));
    }
}
