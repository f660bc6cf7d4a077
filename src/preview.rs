//! `rundbrief preview`: one variant of an issue exactly as a subscriber of a given language
//! would receive it, through the same renderer and message writer as a real send.

use std::path::Path;

use anyhow::{Context, bail};
use rundbrief_core::token::{TokenPurpose, TokenSigner};
use rundbrief_core::{IssueId, Language};
use rundbrief_i18n::Locales;
use rundbrief_mail::{Email, ListHeaders, ListId, MessageWriter};
use rundbrief_render::{Personalisation, Templates, VariantSource, choose_variant, prepare};
use rundbrief_store::{Store, StoreError};

use crate::config::Config;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The HTML part, as a mail client shows it.
    Html,
    /// The plain-text part.
    Text,
    /// The complete message (RFC 5322), as handed to the SMTP server.
    Eml,
}

/// What a preview stands in for: a subscriber who does not exist. Links carry a token for
/// subscriber 0, which no row has, so following them from a preview changes nothing.
const PREVIEW_SUBSCRIBER: i64 = 0;
const PREVIEW_ADDRESS: &str = "preview@example.invalid";

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
    let id = IssueId(request.issue);
    store.issue(id).await.map_err(|e| match e {
        StoreError::NotFound(_) => anyhow::anyhow!("issue {id} does not exist"),
        other => other.into(),
    })?;
    let variants = store.variants(id).await?;
    // The editor previews their own draft of this language even before it is marked ready;
    // for every other language only ready variants stand in, as in a real send.
    let candidates: Vec<Language> = variants
        .iter()
        .filter(|v| v.ready || v.language == request.language)
        .map(|v| v.language)
        .collect();
    let Some(chosen) = choose_variant(request.language, &candidates, &config.fallback_languages)
    else {
        let chain: Vec<&str> = std::iter::once(request.language)
            .chain(config.fallback_languages.iter().copied())
            .map(Language::code)
            .collect();
        bail!(
            "issue {id} has no variant for {} readers: none of {} exists and is ready",
            request.language.code(),
            chain.join(", ")
        );
    };
    let variant =
        variants.iter().find(|v| v.language == chosen).context("the chosen variant vanished")?;
    let templates = Templates::load(Path::new(&config.templates_dir))
        .with_context(|| format!("templates in {}", config.templates_dir))?;
    let source = VariantSource {
        language: variant.language,
        subject: &variant.subject,
        preheader: &variant.preheader,
        markdown: &variant.body_markdown,
    };
    let prepared = prepare(&templates, Locales::embedded(), &source, request.language)
        .with_context(|| format!("issue {id}, {} variant", variant.language.code()))?;

    let base = config.base_url(config.listen);
    let unsubscribe_url = format!(
        "{base}/unsubscribe/{}",
        signer.sign(TokenPurpose::Unsubscribe, PREVIEW_SUBSCRIBER, None)
    );
    let preferences_url = format!(
        "{base}/preferences/{}",
        signer.sign(TokenPurpose::Preferences, PREVIEW_SUBSCRIBER, None)
    );
    let who = Personalisation {
        name: request.name,
        email: PREVIEW_ADDRESS,
        unsubscribe_url: &unsubscribe_url,
        preferences_url: &preferences_url,
    };
    match request.format {
        Format::Html => Ok(prepared.render_html(&who).into_bytes()),
        Format::Text => Ok(prepared.render_text(&who).into_bytes()),
        Format::Eml => {
            let subject = prepared.subject(&who);
            let html = prepared.render_html(&who);
            let text = prepared.render_text(&who);
            let list_id =
                ListId::new(Some(&templates.organisation.name), &templates.organisation.list_id)
                    .context("list_id in templates/organisation.toml")?;
            let list = ListHeaders {
                list_id: &list_id,
                unsubscribe_url: &unsubscribe_url,
                unsubscribe_mailto: None,
            };
            let email = Email::campaign(
                &config.from,
                PREVIEW_ADDRESS,
                &subject,
                &text,
                &html,
                prepared.language(),
                list,
            );
            let domain = config.from.address().rsplit('@').next().unwrap_or("localhost");
            let mut writer = MessageWriter::new(domain).context("sender domain")?;
            Ok(writer.build(&email).context("building the message")?.bytes)
        }
    }
}
