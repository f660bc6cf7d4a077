//! The marks of deliveries that are settled without a send, or sent, and the metrics of every
//! outcome (`rundbrief_messages_{sent,failed,retried,skipped}_total{issue,language}`). The
//! counters go through the `metrics` facade: a process without a recorder
//! (`RUNDBRIEF_METRICS_LISTEN` unset) counts nothing and pays next to nothing.

use rundbrief_core::model::Delivery;
use rundbrief_core::{IssueId, Language};
use rundbrief_store::SentDelivery;
use tokio::sync::OwnedSemaphorePermit;

use super::DeliveryContext;
use crate::error::JobError;

/// How a delivery ended, as the counters name it.
#[derive(Debug, Clone, Copy)]
pub(super) enum Outcome {
    Sent,
    Failed,
    Retried,
    Skipped,
}

/// Counts one delivery of `issue` in `language` (the variant's, or the reader's where no
/// variant was chosen; `none` where the reader is gone).
pub(super) fn count(outcome: Outcome, issue: IssueId, language: Option<Language>) {
    let name = match outcome {
        Outcome::Sent => "rundbrief_messages_sent_total",
        Outcome::Failed => "rundbrief_messages_failed_total",
        Outcome::Retried => "rundbrief_messages_retried_total",
        Outcome::Skipped => "rundbrief_messages_skipped_total",
    };
    let language = language.map_or("none", |l| l.code());
    metrics::counter!(name, "issue" => issue.0.to_string(), "language" => language).increment(1);
}

pub(super) async fn skip(
    ctx: &DeliveryContext,
    delivery: &Delivery,
    language: Option<Language>,
    reason: &str,
) -> Result<(), JobError> {
    tracing::info!(
        issue_id = %delivery.issue_id,
        delivery_id = %delivery.id,
        subscriber_id = %delivery.subscriber_id,
        reason,
        "delivery skipped"
    );
    ctx.store.mark_skipped(delivery.id, reason).await?;
    count(Outcome::Skipped, delivery.issue_id, language);
    Ok(())
}

/// Commits the mark of an accepted message; the message stops counting as in flight after.
/// Counted as sent once the mark is committed, so the counter matches the ledger.
pub(super) async fn record_sent(
    ctx: &DeliveryContext,
    issue: IssueId,
    sent: SentDelivery,
    in_flight: OwnedSemaphorePermit,
) -> Result<(), JobError> {
    let (delivery, language) = (sent.id, sent.language);
    ctx.recorder.record(ctx.store.as_ref(), sent).await?;
    drop(in_flight);
    count(Outcome::Sent, issue, Some(language));
    tracing::debug!(issue_id = %issue, delivery_id = %delivery, "sent");
    Ok(())
}
