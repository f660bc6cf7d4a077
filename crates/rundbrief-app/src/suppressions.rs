//! The suppression list for editors and the API (issue 20): suppressed addresses by their hash,
//! searched by address (hashed the same way, so the search needs no stored address), and
//! lifting a bounce's or complaint's suppression with a reason, recorded with who and when.
//!
//! A lift does not bring the reader back: their status stays `bounced` or `complained`, and
//! only a new sign-up through the form, confirmed by mail, makes them active again
//! (`outbox.rs`). An erasure's suppression is never lifted here; the person's own confirmed
//! sign-up lifts it.

use rundbrief_core::EmailAddress;
use rundbrief_core::model::{Page, SuppressionReason, suppression_hash};
pub use rundbrief_store::{
    LiftedBy, SuppressedAddress, SuppressionCursor, SuppressionFilter, SuppressionLift,
    SuppressionPage,
};
use rundbrief_store::{NewSuppressionLift, StoreError};
use time::OffsetDateTime;

use crate::audit::{AuditActor, Target};
use crate::validate::clean_optional_text;
use crate::{App, AppError, FieldError};

/// Which suppressed address a lift is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiftTarget {
    /// The address as typed; hashed like every suppression.
    Address(String),
    /// The hash the list shows, the only handle on an erased subscriber's address.
    Hash(String),
}

/// The hash of an address typed into a search or a lift, or the field error for `field`.
pub fn address_hash(field: &str, text: &str) -> Result<String, FieldError> {
    EmailAddress::parse(text.trim()).map(|email| suppression_hash(&email)).map_err(|error| {
        FieldError::new(field, error.to_string(), "admin-suppressions-error-email")
    })
}

/// Whether `text` has the form of a suppression hash: 64 lower-case hex digits.
pub fn is_hash(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A page cursor as text for links and the API: the suppression's time in seconds since
/// 1970, a dot, its hash.
pub fn cursor_text(cursor: &SuppressionCursor) -> String {
    format!("{}.{}", cursor.created_at.unix_timestamp(), cursor.email_hash)
}

/// The cursor [`cursor_text`] wrote; `None` for anything else.
pub fn parse_cursor(text: &str) -> Option<SuppressionCursor> {
    let (seconds, hash) = text.split_once('.')?;
    let created_at = OffsetDateTime::from_unix_timestamp(seconds.parse().ok()?).ok()?;
    is_hash(hash).then(|| SuppressionCursor { created_at, email_hash: hash.to_owned() })
}

impl App {
    /// Suppressions newest first, of one reason and one address when given (`address` is
    /// checked and hashed: a malformed one is a field error of `email`).
    pub async fn suppressions(
        &self,
        reason: Option<SuppressionReason>,
        address: Option<&str>,
        after: Option<&SuppressionCursor>,
        limit: u32,
    ) -> Result<SuppressionPage, AppError> {
        let email_hash = match address.map(str::trim).filter(|a| !a.is_empty()) {
            Some(address) => {
                Some(address_hash("email", address).map_err(|e| AppError::Invalid(vec![e]))?)
            }
            None => None,
        };
        let filter = SuppressionFilter { reason, email_hash };
        Ok(self.store().suppressions(&filter, after, limit).await?)
    }

    /// The suppression of the address with `email_hash`, if there is one.
    pub async fn suppression(
        &self,
        email_hash: &str,
    ) -> Result<Option<SuppressedAddress>, AppError> {
        let filter = SuppressionFilter { reason: None, email_hash: Some(email_hash.to_owned()) };
        Ok(self.store().suppressions(&filter, None, 1).await?.items.into_iter().next())
    }

    /// Lifts the suppression of `target` with `reason` (required, one line of at most 200
    /// characters), recorded with `by` and the time; a subscriber who has the address gets a
    /// `suppression_lifted` consent event and keeps their status. Field errors name `reason`
    /// and `email`; an address that is not suppressed is `NotFound("suppression")`, an
    /// erasure's suppression a `Conflict`.
    pub async fn lift_suppression(
        &self,
        target: LiftTarget,
        reason: &str,
        by: LiftedBy,
    ) -> Result<SuppressionLift, AppError> {
        let mut errors = Vec::new();
        let reason = match clean_optional_text("reason", reason) {
            Ok(Some(reason)) => Some(reason),
            Ok(None) => {
                errors.push(FieldError::new(
                    "reason",
                    "is required: say why the address may be mailed again",
                    "admin-suppressions-error-reason",
                ));
                None
            }
            Err(error) => {
                errors.push(FieldError { message_id: "admin-suppressions-error-reason", ..error });
                None
            }
        };
        let email_hash = match target {
            LiftTarget::Address(text) => match address_hash("email", &text) {
                Ok(hash) => Some(hash),
                Err(error) => {
                    errors.push(error);
                    None
                }
            },
            LiftTarget::Hash(hash) if is_hash(&hash) => Some(hash),
            LiftTarget::Hash(_) => {
                errors.push(FieldError::new(
                    "email_hash",
                    "must be 64 lower-case hexadecimal digits",
                    "admin-suppressions-error-email",
                ));
                None
            }
        };
        let (Some(reason), Some(email_hash)) = (reason, email_hash) else {
            return Err(AppError::Invalid(errors));
        };
        let lift = NewSuppressionLift { email_hash, reason, by };
        let lifted = match self.store().lift_suppression(&lift, self.now()).await {
            Ok(lifted) => lifted,
            Err(StoreError::NotFound("suppression")) => {
                return Err(AppError::NotFound("suppression"));
            }
            Err(error) => return Err(error.into()),
        };
        // Ids only: the hash stands for an address, so it stays out of the log too.
        let (user, token) = match lifted.by {
            LiftedBy::User(user) => (Some(user.0), None),
            LiftedBy::Token(token) => (None, Some(token.0)),
        };
        tracing::info!(
            lift = lifted.id,
            subscriber_id = lifted.subscriber_id.map(|s| s.0),
            previous = lifted.previous_reason.as_str(),
            user_id = user,
            token_id = token,
            "suppression lifted"
        );
        let actor = match lifted.by {
            LiftedBy::User(user) => AuditActor::User(user),
            LiftedBy::Token(token) => AuditActor::Token(token),
        };
        let detail = serde_json::json!({
            "subscriber": lifted.subscriber_id.map(|s| s.0),
            "previous_reason": lifted.previous_reason.as_str(),
        });
        let target = Some(Target::new("suppression_lift", lifted.id));
        self.record(actor, "suppression.lifted", target, detail).await;
        Ok(lifted)
    }

    /// Recorded lifts, newest first; of one address (its hash) when given.
    pub async fn suppression_lifts(
        &self,
        email_hash: Option<&str>,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Page<SuppressionLift>, AppError> {
        Ok(self.store().suppression_lifts(email_hash, before, limit).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_survives_its_text_and_nothing_else_passes() {
        let cursor = SuppressionCursor {
            created_at: time::macros::datetime!(2026-12-06 10:00 UTC),
            email_hash: "ab".repeat(32),
        };
        assert_eq!(parse_cursor(&cursor_text(&cursor)), Some(cursor));
        for bad in ["", "1.", "x.abab", "1.ABAB", &format!("1.{}", "g".repeat(64))] {
            assert_eq!(parse_cursor(bad), None, "{bad}");
        }
    }

    #[test]
    fn addresses_are_hashed_like_every_suppression() {
        let typed = address_hash("email", "  Anna@Example.org ").expect("valid");
        let email = EmailAddress::parse("anna@example.org").expect("valid");
        assert_eq!(typed, suppression_hash(&email));
        assert!(is_hash(&typed));
        let refused = address_hash("email", "no address").expect_err("refused");
        assert_eq!(refused.field, "email");
    }
}
