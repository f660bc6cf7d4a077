//! Bounces and complaints in `/api/v1` (issue 20): a subscriber's list, and an issue's counts
//! per variant language with their rates. The raw mail is never part of an answer: it quotes
//! the reader's address and whatever the receiving server said.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use rundbrief_core::{IssueId, SubscriberId};
use serde::Serialize;
use utoipa::ToSchema;

use super::{Id, json, rfc3339};
use crate::AppState;
use crate::error::ApiError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/subscribers/{id}/bounces", get(subscriber_bounces))
        .route("/issues/{id}/bounces", get(issue_bounces))
}

/// One bounce or complaint of a subscriber.
#[derive(Debug, Serialize, ToSchema)]
pub struct BounceBody {
    pub id: i64,
    /// hard, soft or complaint.
    #[schema(example = "hard")]
    pub kind: String,
    /// As the report gives it, e.g. `5.1.1`.
    #[schema(example = "5.1.1")]
    pub status_code: Option<String>,
    /// The receiving server's words.
    pub diagnostic: Option<String>,
    /// The issue whose mail came back; `null` for a confirmation mail or an unknown one.
    pub issue_id: Option<i64>,
    /// RFC 3339.
    pub received_at: String,
    /// smtp, imap, inbound (a provider's webhook) or send (refused while sending).
    #[schema(example = "smtp")]
    pub source: String,
}

/// Bounces and complaints among the readers of one variant language.
#[derive(Debug, Serialize, ToSchema)]
pub struct BounceCountBody {
    /// The variant language; `null` for reports whose delivery is not known.
    #[schema(example = "de")]
    pub language: Option<String>,
    pub hard: i64,
    pub soft: i64,
    pub complaint: i64,
}

/// Bounces and complaints of an issue in all.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct BounceTotals {
    pub hard: i64,
    pub soft: i64,
    pub complaint: i64,
}

/// Shares of the mails that reached a receiving server, 0 to 1; `null` before any did.
#[derive(Debug, Serialize, ToSchema)]
pub struct BounceRates {
    pub hard: Option<f64>,
    pub soft: Option<f64>,
    pub complaint: Option<f64>,
}

/// An issue's bounces and complaints.
#[derive(Debug, Serialize, ToSchema)]
pub struct IssueBouncesBody {
    pub issue_id: i64,
    /// Per variant language, ordered by language, reports of unknown deliveries last.
    pub languages: Vec<BounceCountBody>,
    pub total: BounceTotals,
    /// Deliveries that reached a receiving server: sent, or bounced (afterwards or while
    /// sending). The base of `rates`.
    pub sent: i64,
    /// `total` divided by `sent`. Only in all: the ledger counts deliveries by the reader's
    /// language, the bounces by the variant's.
    pub rates: BounceRates,
}

#[utoipa::path(get, path = "/subscribers/{id}/bounces", tag = "subscribers",
    description = "The subscriber's bounces and complaints, newest first (at most 100), without the returned mails.",
    params(("id" = i64, Path)),
    responses((status = 200, body = Vec<BounceBody>)),
    security(("bearer" = [])))]
pub(crate) async fn subscriber_bounces(
    State(state): State<AppState>,
    Id(id): Id<SubscriberId>,
) -> Result<Response, ApiError> {
    let bounces = state.app.bounces_of(id).await?;
    // The store's type is mapped field by field here, so the raw mail can never slip in.
    let body: Vec<BounceBody> = bounces
        .into_iter()
        .map(|b| BounceBody {
            id: b.id,
            kind: b.kind.as_str().to_owned(),
            status_code: b.status_code,
            diagnostic: b.diagnostic,
            issue_id: b.issue_id.map(|i| i.0),
            received_at: rfc3339(b.received_at),
            source: b.source.as_str().to_owned(),
        })
        .collect();
    Ok(json(StatusCode::OK, &body))
}

#[utoipa::path(get, path = "/issues/{id}/bounces", tag = "issues",
    description = "Bounces and complaints of the issue per variant language and in all, with the rates over the mails that reached a receiving server.",
    params(("id" = i64, Path)),
    responses((status = 200, body = IssueBouncesBody)),
    security(("bearer" = [])))]
pub(crate) async fn issue_bounces(
    State(state): State<AppState>,
    Id(id): Id<IssueId>,
) -> Result<Response, ApiError> {
    let counts = state.app.bounce_counts(id).await?;
    let progress = state.campaigns.progress(id).await?;
    let sent = progress.total.sent + progress.total.bounced;
    let mut total = BounceTotals::default();
    for c in &counts {
        total.hard += c.hard;
        total.soft += c.soft;
        total.complaint += c.complaint;
    }
    let rate = |count: i64| (sent > 0).then(|| count as f64 / sent as f64);
    let rates = BounceRates {
        hard: rate(total.hard),
        soft: rate(total.soft),
        complaint: rate(total.complaint),
    };
    let body = IssueBouncesBody {
        issue_id: id.0,
        languages: counts
            .into_iter()
            .map(|c| BounceCountBody {
                language: c.language.map(|l| l.code().to_owned()),
                hard: c.hard,
                soft: c.soft,
                complaint: c.complaint,
            })
            .collect(),
        total,
        sent,
        rates,
    };
    Ok(json(StatusCode::OK, &body))
}
