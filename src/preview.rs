//! `rundbrief preview`: one variant of an issue exactly as a subscriber of a given language
//! would receive it. The work is `rundbrief_app::preview`, which the API's preview shares.

use rundbrief_app::{AppError, PreviewFormat};
use rundbrief_core::token::TokenSigner;
use rundbrief_core::{IssueId, Language};
use rundbrief_store::Store;

use crate::config::Config;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The HTML part, as a mail client shows it.
    Html,
    /// The plain-text part.
    Text,
    /// The complete message (RFC 5322), as handed to an SMTP server without 8BITMIME.
    Eml,
    /// The complete message as handed to an SMTP server that offers 8BITMIME.
    #[value(name = "eml-8bit")]
    Eml8bit,
}

pub struct PreviewRequest<'a> {
    pub issue: i64,
    pub language: Language,
    pub format: Format,
    pub name: Option<&'a str>,
}

pub async fn preview(
    config: &Config,
    store: &dyn Store,
    signer: &TokenSigner,
    request: &PreviewRequest<'_>,
) -> anyhow::Result<Vec<u8>> {
    let settings = crate::wiring::settings(config, config.base_url(config.listen))?;
    let format = match request.format {
        Format::Html => PreviewFormat::Html,
        Format::Text => PreviewFormat::Text,
        Format::Eml => PreviewFormat::Eml,
        Format::Eml8bit => PreviewFormat::Eml8Bit,
    };
    let id = IssueId(request.issue);
    let app_request = rundbrief_app::PreviewRequest {
        issue: id,
        language: request.language,
        format,
        name: request.name,
        recipient: None,
    };
    match rundbrief_app::preview(store, signer, &settings, &app_request).await {
        Ok(preview) => Ok(preview.bytes),
        Err(AppError::NotFound("issue")) => anyhow::bail!("issue {id} does not exist"),
        Err(AppError::Conflict(why)) => anyhow::bail!("{why}"),
        Err(other) => Err(other.into()),
    }
}
