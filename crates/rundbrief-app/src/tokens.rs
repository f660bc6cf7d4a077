//! API tokens: random secrets shown once, stored only as their SHA-256, each with a scope
//! (`read`, `write`, `send`), an optional expiry, and revocable. Shared by the CLI
//! (`rundbrief token ...`) and the admin UI (`/admin/tokens`).

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore as _;
use rundbrief_core::ApiTokenId;
use rundbrief_core::model::{ApiToken, NewApiToken, TokenScope, sha256_hex};
use rundbrief_store::Store;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, Duration, OffsetDateTime};

use crate::AppError;
use crate::audit::{AuditActor, Target, record};

/// Prefix of every token, so a leaked one is recognisable in code search and secret scanners.
pub const TOKEN_PREFIX: &str = "rbt_";

/// The longest expiry accepted as a duration: ten years.
const MAX_DAYS: i64 = 3660;

/// Creates a token named `name` and returns it with the secret, which is never stored.
/// Audited as `token.created` by `actor`.
pub async fn create(
    store: &dyn Store,
    name: &str,
    scope: TokenScope,
    expires_at: Option<OffsetDateTime>,
    at: OffsetDateTime,
    actor: AuditActor,
) -> Result<(ApiToken, String), AppError> {
    let name = crate::clean_optional_text("name", name)
        .map_err(|e| AppError::Invalid(vec![e]))?
        .ok_or_else(|| AppError::invalid("name", "must not be empty", "admin-tokens-error-name"))?;
    if expires_at.is_some_and(|end| end <= at) {
        return Err(AppError::invalid(
            "expires",
            "must be in the future",
            "admin-tokens-error-expires",
        ));
    }
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let secret = format!("{TOKEN_PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes));
    let new = NewApiToken { name, token_hash: sha256_hex(secret.as_bytes()), scope, expires_at };
    let token = store.create_api_token(&new, at).await?;
    let detail = serde_json::json!({ "scope": token.scope.to_string() });
    record(store, at, actor, "token.created", Some(Target::new("token", token.id.0)), detail).await;
    Ok((token, secret))
}

/// Revokes a token from `at` on; `NotFound` for an unknown id. Audited as `token.revoked`.
pub async fn revoke(
    store: &dyn Store,
    id: ApiTokenId,
    at: OffsetDateTime,
    actor: AuditActor,
) -> Result<(), AppError> {
    store.revoke_api_token(id, at).await?;
    let target = Some(Target::new("token", id.0));
    record(store, at, actor, "token.revoked", target, serde_json::Value::Null).await;
    Ok(())
}

/// When a token given `text` as its expiry stops working: a duration from `now` (`90d`,
/// `12h`, `30m`, `45s`), a date (`2027-01-01`: from the start of that day, UTC), or an RFC 3339
/// time. It must lie in the future.
pub fn parse_expiry(text: &str, now: OffsetDateTime) -> Result<OffsetDateTime, AppError> {
    let text = text.trim();
    let bad = || {
        AppError::invalid(
            "expires",
            format!(
                "`{}` is no expiry: give a duration such as 90d, 12h, 30m, 45s, or a date such \
                 as 2027-01-01",
                text.chars().take(40).collect::<String>()
            ),
            "admin-tokens-error-expires",
        )
    };
    let end = if let Ok(date) = Date::parse(text, format_description!("[year]-[month]-[day]")) {
        date.midnight().assume_utc()
    } else if let Ok(at) = OffsetDateTime::parse(text, &Rfc3339) {
        at
    } else {
        let split = text.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
        let (number, unit) = text.split_at(split);
        let number: i64 = number.parse().map_err(|_| bad())?;
        let length = match unit {
            "d" if number <= MAX_DAYS => Duration::days(number),
            "h" if number <= MAX_DAYS * 24 => Duration::hours(number),
            "m" if number <= MAX_DAYS * 24 * 60 => Duration::minutes(number),
            "s" if number <= MAX_DAYS * 24 * 3600 => Duration::seconds(number),
            _ => return Err(bad()),
        };
        now + length
    };
    if end <= now {
        return Err(AppError::invalid(
            "expires",
            "must be in the future",
            "admin-tokens-error-expires",
        ));
    }
    Ok(end)
}

/// The token a bearer secret belongs to, if it is live: unknown, revoked and expired secrets
/// are all `None`, so a caller cannot tell them apart. Secrets of the wrong shape are refused
/// without a database round trip.
pub async fn authenticate(
    store: &dyn Store,
    secret: &str,
    at: OffsetDateTime,
) -> Result<Option<ApiToken>, AppError> {
    if !secret.starts_with(TOKEN_PREFIX) || secret.len() > 128 {
        return Ok(None);
    }
    Ok(store.use_api_token(&sha256_hex(secret.as_bytes()), at).await?)
}

impl crate::App {
    /// The token a bearer secret of an API request belongs to, recording its use now.
    pub async fn authenticate_token(&self, secret: &str) -> Result<Option<ApiToken>, AppError> {
        authenticate(self.store().as_ref(), secret, self.now()).await
    }

    /// Every token, revoked and expired ones included.
    pub async fn api_tokens(&self) -> Result<Vec<ApiToken>, AppError> {
        Ok(self.store().api_tokens().await?)
    }

    pub async fn api_token(&self, id: ApiTokenId) -> Result<ApiToken, AppError> {
        Ok(self.store().api_token(id).await?)
    }

    /// Creates a token; `expires` is optional text as [`parse_expiry`] reads it. Returns the
    /// secret, to be shown once.
    pub async fn create_api_token(
        &self,
        actor: AuditActor,
        name: &str,
        scope: TokenScope,
        expires: &str,
    ) -> Result<(ApiToken, String), AppError> {
        let now = self.now();
        let expires_at =
            if expires.trim().is_empty() { None } else { Some(parse_expiry(expires, now)?) };
        create(self.store().as_ref(), name, scope, expires_at, now, actor).await
    }

    /// Revokes a token from now on; `NotFound` for an unknown id.
    pub async fn revoke_api_token(
        &self,
        actor: AuditActor,
        id: ApiTokenId,
    ) -> Result<(), AppError> {
        revoke(self.store().as_ref(), id, self.now(), actor).await
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn expiries_are_durations_dates_or_times_in_the_future() {
        let now = datetime!(2026-12-06 15:00:00 UTC);
        let ok = |text| parse_expiry(text, now).expect(text);
        assert_eq!(ok("90d"), now + Duration::days(90));
        assert_eq!(ok(" 12h "), now + Duration::hours(12));
        assert_eq!(ok("30m"), now + Duration::minutes(30));
        assert_eq!(ok("2s"), now + Duration::seconds(2));
        assert_eq!(ok("2027-01-01"), datetime!(2027-01-01 00:00:00 UTC));
        assert_eq!(ok("2027-01-01T08:00:00+01:00"), datetime!(2027-01-01 07:00:00 UTC));
        for bad in ["", "d", "90", "90x", "-1d", "0d", "2026-12-06", "2020-01-01", "99999d", "1.5d"]
        {
            assert!(parse_expiry(bad, now).is_err(), "{bad:?} was accepted");
        }
    }
}
