//! API tokens: random secrets shown once, stored only as their SHA-256.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore as _;
use rundbrief_core::model::{ApiToken, sha256_hex};
use rundbrief_store::Store;
use time::OffsetDateTime;

use crate::AppError;

/// Prefix of every token, so a leaked one is recognisable in code search and secret scanners.
pub const TOKEN_PREFIX: &str = "rbt_";

/// Creates a token named `name` and returns it with the secret, which is never stored.
pub async fn create(
    store: &dyn Store,
    name: &str,
    at: OffsetDateTime,
) -> Result<(ApiToken, String), AppError> {
    let name = crate::clean_optional_text("name", name)
        .map_err(|e| AppError::Invalid(vec![e]))?
        .ok_or_else(|| AppError::invalid("name", "must not be empty", "error-form-summary"))?;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let secret = format!("{TOKEN_PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes));
    let token = store.create_api_token(&name, &sha256_hex(secret.as_bytes()), at).await?;
    Ok((token, secret))
}

/// The token a bearer secret belongs to, if any. Secrets of the wrong shape are refused
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
}
