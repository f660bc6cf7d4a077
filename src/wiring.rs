//! Builds the web state from the configuration: the mail transport (SMTP or the outbox), the
//! use cases and the rate limits.

use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use rundbrief_app::campaign::Campaigns;
use rundbrief_app::{App, ConfirmationQueue, Settings};
use rundbrief_core::TokenSigner;
use rundbrief_mail::{DkimSigner, Mailer, MessageWriter};
use rundbrief_store::Store;
use rundbrief_web::{AppState, RateLimiter};

use crate::config::{Config, redact_smtp_url};

/// How long a confirmation link stays valid.
const CONFIRM_LINK_HOURS: i64 = 48;

/// The use cases' settings; `public_url` is the base of links in mails.
pub fn settings(config: &Config, public_url: String) -> anyhow::Result<Settings> {
    // The organisation's name lives with the other operator-editable texts in the templates dir.
    let templates = rundbrief_render::Templates::load(Path::new(&config.templates_dir))
        .with_context(|| format!("templates in {}", config.templates_dir))?
        .with_fallback(&config.fallback_languages)
        .with_media_base(&public_url);
    Ok(Settings {
        public_url,
        organisation: templates.organisation.name.clone(),
        default_language: config.default_language,
        confirm_ttl: time::Duration::hours(CONFIRM_LINK_HOURS),
        confirmation_daily_limit: config.confirmation_daily_limit,
        regions: config.regions.clone(),
        fallback_languages: config.fallback_languages.clone(),
        templates: Arc::new(templates),
        from: config.from.clone(),
        message_writer: message_writer(config)?,
        soft_bounces: config.soft_bounces,
        bounce_match_unsigned: config.bounce_match_unsigned,
        machine_translation: config.machine_translation.clone(),
        media_max_bytes: config.media_max_bytes,
    })
}

/// Says at start what `templates/organisation.toml` still lacks: without a name, pages and
/// mails say "the newsletter"; without the legal links a public body cannot go live
/// (§ 5 DDG, GDPR Art. 13, BITV 2.0). The admin dashboard lists the same.
pub fn warn_about_organisation(config: &Config, organisation: &rundbrief_render::Organisation) {
    let file =
        Path::new(&config.templates_dir).join(rundbrief_render::Templates::ORGANISATION_FILE);
    let file = file.display();
    if organisation.name().is_none() {
        tracing::warn!(
            %file,
            key = "name",
            "no organisation name configured: pages and mails say \"the newsletter\"; set `name` (and `website`, `list_id`, `address`, `imprint`)"
        );
    }
    for key in organisation.missing_legal_links() {
        tracing::warn!(%file, key, "legal link missing: public pages and mails cannot link it; set it before going live");
    }
}

/// The writer every outgoing message goes through: Message-IDs in the sender's domain, and a
/// DKIM signature when `RUNDBRIEF_DKIM_KEY_FILE` is set.
fn message_writer(config: &Config) -> anyhow::Result<MessageWriter> {
    let domain = config.from.address().rsplit_once('@').map_or("localhost", |(_, d)| d);
    let writer = MessageWriter::new(domain)
        .with_context(|| format!("RUNDBRIEF_FROM: no Message-ID can be made for '{domain}'"))?;
    let Some(dkim) = &config.dkim else { return Ok(writer) };
    let pem = std::fs::read_to_string(&dkim.key_file).with_context(|| {
        format!("RUNDBRIEF_DKIM_KEY_FILE: cannot read {}", dkim.key_file.display())
    })?;
    let signer = DkimSigner::from_pem(&pem, &dkim.domain, &dkim.selector).with_context(|| {
        format!("RUNDBRIEF_DKIM_KEY_FILE: {} is not a usable DKIM key", dkim.key_file.display())
    })?;
    // The DNS name is what an operator must publish; the record itself is public too.
    tracing::info!(
        dns_name = %signer.dns_name(),
        algorithm = signer.algorithm().as_str(),
        "mail is DKIM-signed; publish the key as a TXT record at dns_name"
    );
    Ok(writer.with_dkim(Arc::new(signer)))
}

/// The transport the configuration asks for, and a log line saying which it is.
pub fn mailer(config: &Config) -> anyhow::Result<Mailer> {
    let outbox = config.data_dir.join("outbox");
    let mailer =
        Mailer::from_settings(config.smtp_url.as_deref(), config.smtp_connections, &outbox)
            .map_err(|e| anyhow::anyhow!("RUNDBRIEF_SMTP_URL: {e}"))?;
    match &config.smtp_url {
        Some(url) => tracing::info!(smtp = %redact_smtp_url(url), "mail goes out over SMTP"),
        None => tracing::info!(
            outbox = %outbox.display(),
            "RUNDBRIEF_SMTP_URL is not set: mail is written as .eml files to the outbox"
        ),
    }
    Ok(mailer)
}

/// The web state; confirmation mails are handed to `confirmations` (the job queue), which
/// whatever worker runs on this database sends.
pub fn app_state(
    config: &Config,
    store: Arc<dyn Store>,
    signer: TokenSigner,
    settings: Settings,
    confirmations: Arc<dyn ConfirmationQueue>,
    campaigns: Campaigns,
) -> anyhow::Result<AppState> {
    let app = App::new(store, signer, confirmations, settings);
    Ok(AppState::new(
        app,
        campaigns,
        RateLimiter::per_minute(config.rate_limit),
        RateLimiter::per_minute(config.api_rate_limit),
    )
    .with_time_zone(config.time_zone.clone())
    .with_trusted_proxies(config.trusted_proxies.clone())
    .with_signup(config.signup.clone()))
}
