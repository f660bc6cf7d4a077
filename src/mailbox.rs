//! The bounce mailbox (issue 20): `worker` and `serve` poll an IMAP folder
//! (`RUNDBRIEF_BOUNCE_IMAP_URL`) and hand each mail in it to
//! [`App::process_returned_mail`](rundbrief_app::App::process_returned_mail), the usual set-up
//! with a hosted mailbox that receives the bounce domain's mail.
//!
//! Each poll is one session: connect, log in, select the folder, list the mails by UID, fetch
//! each with `BODY.PEEK[]` (so nothing is marked read before it is processed), process it, and
//! only then move it to the processed folder (`UID MOVE`, else `UID COPY` + `\Deleted` +
//! `UID EXPUNGE`). No mail is ever deleted unprocessed: one that fails (the database is away)
//! stays where it is and is tried again at the next poll. A mail moved after processing but
//! before the move completed is processed again next time; a report counts twice at worst.
//! Mails over [`MAX_RETURNED_MAIL_BYTES`] are no report; they are moved unread, with a log
//! line, so that they are not fetched again at every poll.
//!
//! The poller reports as the worker `bounce-mailbox` into `/readyz`: ready after a poll that
//! reached the mailbox, not ready while it cannot (wrong password, server away), retried with
//! a backoff that doubles up to 15 minutes.

mod connection;
pub mod settings;

use std::time::Duration;

use anyhow::{Context, anyhow};
use futures::TryStreamExt as _;
use rundbrief_app::App;
use rundbrief_app::bounces::BounceApplied;
use rundbrief_app::health::Readiness;
use rundbrief_app::returned::{MAX_RETURNED_MAIL_BYTES, Returned};
use rundbrief_core::verp::Verp;
use rundbrief_store::BounceSource;
use tokio::sync::watch;

use connection::ImapSession;
pub use settings::MailboxSettings;

/// The poller's name in `/readyz`.
const WORKER: &str = "bounce-mailbox";
/// The longest wait between two attempts to reach a mailbox that failed.
const MAX_BACKOFF: Duration = Duration::from_secs(15 * 60);
/// How long one IMAP command may take (a fetch moves at most 10 MB).
const COMMAND_TIMEOUT: Duration = Duration::from_secs(120);

/// Polls one mailbox until the process stops.
pub struct Poller {
    settings: MailboxSettings,
    app: App,
    verp: Option<Verp>,
    readiness: Readiness,
}

/// What one poll did, for the log.
#[derive(Debug, Default)]
struct Polled {
    processed: usize,
    too_large: usize,
    failed: usize,
}

/// One mail in the folder, as the listing shows it.
struct Listed {
    uid: u32,
    size: Option<u32>,
}

/// What the server can do that changes how a mail is moved.
struct Moves {
    r#move: bool,
    uidplus: bool,
}

impl Poller {
    pub fn new(
        settings: MailboxSettings,
        app: App,
        verp: Option<Verp>,
        readiness: Readiness,
    ) -> Self {
        readiness.worker_starting(WORKER);
        Self { settings, app, verp, readiness }
    }

    /// Polls every interval until `stop` turns true; a failed poll is retried after a backoff.
    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        let interval = self.settings.interval;
        tracing::info!(
            host = %self.settings.host,
            port = self.settings.port,
            folder = %self.settings.folder,
            processed_folder = %self.settings.processed_folder,
            interval_s = interval.as_secs(),
            "polling the bounce mailbox"
        );
        let mut failures: u32 = 0;
        loop {
            let wait = match self.poll(&stop).await {
                Ok(polled) => {
                    if failures > 0 {
                        tracing::info!("the bounce mailbox is reachable again");
                    }
                    failures = 0;
                    self.readiness.worker_polling(WORKER);
                    if polled.processed + polled.too_large + polled.failed > 0 {
                        tracing::info!(
                            processed = polled.processed,
                            too_large = polled.too_large,
                            failed = polled.failed,
                            "bounce mailbox polled"
                        );
                    }
                    interval
                }
                Err(error) => {
                    failures = failures.saturating_add(1);
                    let wait = backoff(interval, failures);
                    let error = format!("{error:#}");
                    tracing::warn!(
                        %error,
                        failures,
                        retry_in_s = wait.as_secs(),
                        "cannot poll the bounce mailbox; its mails stay there"
                    );
                    self.readiness.worker_restarting(WORKER, &error);
                    wait
                }
            };
            tokio::select! {
                () = tokio::time::sleep(wait) => {}
                _ = stop.wait_for(|stopped| *stopped) => break,
            }
        }
        self.readiness.worker_stopped(WORKER);
    }

    /// One session: every mail in the folder processed and moved, or left for the next poll.
    async fn poll(&self, stop: &watch::Receiver<bool>) -> anyhow::Result<Polled> {
        let mut session = connection::open(&self.settings).await?;
        let polled = self.work(&mut session, stop).await;
        // Courtesy only: what was moved is moved, the server ends the session anyway.
        let _ = tokio::time::timeout(Duration::from_secs(5), session.logout()).await;
        polled
    }

    async fn work(
        &self,
        session: &mut ImapSession,
        stop: &watch::Receiver<bool>,
    ) -> anyhow::Result<Polled> {
        let capabilities = step("CAPABILITY", session.capabilities()).await?;
        let moves = Moves {
            r#move: capabilities.has_str("MOVE"),
            uidplus: capabilities.has_str("UIDPLUS"),
        };
        self.ensure_processed_folder(session).await?;
        let folder = &self.settings.folder;
        let selected = step("SELECT", session.select(folder))
            .await
            .with_context(|| format!("cannot open the folder {folder}"))?;
        let mut polled = Polled::default();
        if selected.exists == 0 {
            return Ok(polled);
        }
        for mail in list(session).await? {
            if *stop.borrow() {
                break;
            }
            let size = mail.size.map_or(0, |s| usize::try_from(s).unwrap_or(usize::MAX));
            if size > MAX_RETURNED_MAIL_BYTES {
                tracing::warn!(
                    uid = mail.uid,
                    size,
                    "a mail in the bounce mailbox is larger than 10 MB, which no report is; \
                     moved to the processed folder unread"
                );
                self.move_out(session, mail.uid, &moves).await?;
                polled.too_large += 1;
                continue;
            }
            let Some(raw) = fetch(session, mail.uid).await? else {
                // Expunged by someone else since the listing.
                continue;
            };
            match self
                .app
                .process_returned_mail(&raw, None, self.verp.as_ref(), BounceSource::Imap)
                .await
            {
                Ok(returned) => {
                    self.move_out(session, mail.uid, &moves).await?;
                    polled.processed += 1;
                    log_returned(mail.uid, returned);
                }
                Err(error) => {
                    polled.failed += 1;
                    tracing::warn!(
                        uid = mail.uid,
                        %error,
                        "a returned mail could not be processed; it stays in the bounce \
                         mailbox and is tried again at the next poll"
                    );
                    // With the database away the next ones fail alike, each after a wait.
                    if matches!(error, rundbrief_app::AppError::Store(_)) {
                        break;
                    }
                }
            }
        }
        Ok(polled)
    }

    /// Creates the processed folder unless it exists.
    async fn ensure_processed_folder(&self, session: &mut ImapSession) -> anyhow::Result<()> {
        let name = &self.settings.processed_folder;
        // LIST's pattern is sent as it is: quoted here (the settings refuse quotes in names).
        let pattern = format!("\"{name}\"");
        let found = step("LIST", async {
            let names = session.list(Some(""), Some(&pattern)).await?;
            names.try_collect::<Vec<_>>().await
        })
        .await?;
        if !found.iter().any(|found| found.name() == name.as_str()) {
            step("CREATE", session.create(name))
                .await
                .with_context(|| format!("cannot create the folder {name}"))?;
            tracing::info!(folder = %name, "folder for processed bounce mails created");
        }
        Ok(())
    }

    /// Moves the mail `uid` to the processed folder.
    async fn move_out(
        &self,
        session: &mut ImapSession,
        uid: u32,
        moves: &Moves,
    ) -> anyhow::Result<()> {
        let set = uid.to_string();
        let target = &self.settings.processed_folder;
        if moves.r#move {
            return step("UID MOVE", session.uid_mv(&set, target)).await;
        }
        step("UID COPY", session.uid_copy(&set, target)).await?;
        step("UID STORE", async {
            session
                .uid_store(&set, "+FLAGS.SILENT (\\Deleted)")
                .await?
                .try_collect::<Vec<_>>()
                .await
        })
        .await?;
        if moves.uidplus {
            step("UID EXPUNGE", async {
                session.uid_expunge(&set).await?.try_collect::<Vec<_>>().await
            })
            .await?;
        } else {
            // Without UIDPLUS only a plain EXPUNGE removes it, with any other mail marked
            // deleted in this folder: the bounce mailbox is Rundbrief's alone.
            step("EXPUNGE", async { session.expunge().await?.try_collect::<Vec<_>>().await })
                .await?;
        }
        Ok(())
    }
}

/// The mails in the selected folder, oldest first, without those already marked deleted (a
/// move whose expunge did not happen).
async fn list(session: &mut ImapSession) -> anyhow::Result<Vec<Listed>> {
    let fetched = step("UID FETCH", async {
        session.uid_fetch("1:*", "(UID RFC822.SIZE FLAGS)").await?.try_collect::<Vec<_>>().await
    })
    .await?;
    let mut mails: Vec<Listed> = fetched
        .iter()
        .filter(|f| !f.flags().any(|flag| flag == async_imap::types::Flag::Deleted))
        .filter_map(|f| Some(Listed { uid: f.uid?, size: f.size }))
        .collect();
    mails.sort_by_key(|m| m.uid);
    Ok(mails)
}

/// The whole mail `uid`, read without setting `\Seen`; `None` when it is gone.
async fn fetch(session: &mut ImapSession, uid: u32) -> anyhow::Result<Option<Vec<u8>>> {
    let fetched = step("UID FETCH", async {
        session.uid_fetch(uid.to_string(), "BODY.PEEK[]").await?.try_collect::<Vec<_>>().await
    })
    .await?;
    Ok(fetched.iter().find(|f| f.uid == Some(uid)).and_then(|f| f.body()).map(<[u8]>::to_vec))
}

/// Runs one IMAP command with the command timeout; the error names the command.
async fn step<T>(
    command: &'static str,
    future: impl Future<Output = Result<T, async_imap::error::Error>>,
) -> anyhow::Result<T> {
    tokio::time::timeout(COMMAND_TIMEOUT, future)
        .await
        .map_err(|_| anyhow!("{command}: no answer within {} s", COMMAND_TIMEOUT.as_secs()))?
        .with_context(|| format!("{command} failed"))
}

/// The wait after `failures` failed polls in a row: the interval, doubled per failure, at
/// most 15 minutes (or the interval, when that is longer).
fn backoff(interval: Duration, failures: u32) -> Duration {
    let doubled = interval.saturating_mul(1 << failures.saturating_sub(1).min(16));
    doubled.min(MAX_BACKOFF.max(interval))
}

/// One line per processed mail: ids and the effect, never addresses.
fn log_returned(uid: u32, returned: Returned) {
    match returned {
        Returned::ForgedAddress => {
            tracing::info!(uid, "returned mail to a bounce address we did not sign; ignored")
        }
        Returned::Unsubscribed(subscriber) => {
            tracing::info!(uid, subscriber = subscriber.0, "mail to an unsubscribe address")
        }
        Returned::Applied(BounceApplied::Ignored) => {
            tracing::info!(uid, "returned mail is an automatic reply or no report; ignored")
        }
        Returned::Applied(BounceApplied::Stored(outcome)) => tracing::info!(
            uid,
            bounce = outcome.id,
            subscriber = outcome.subscriber.map(|s| s.0),
            effect = ?outcome.effect,
            "returned mail recorded"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backoff_doubles_up_to_fifteen_minutes() {
        let minute = Duration::from_secs(60);
        assert_eq!(backoff(minute, 1), minute);
        assert_eq!(backoff(minute, 2), 2 * minute);
        assert_eq!(backoff(minute, 4), 8 * minute);
        assert_eq!(backoff(minute, 10), MAX_BACKOFF);
        assert_eq!(backoff(minute, u32::MAX), MAX_BACKOFF);
        let hour = Duration::from_secs(3600);
        assert_eq!(backoff(hour, 3), hour, "never shorter than the interval");
    }
}
