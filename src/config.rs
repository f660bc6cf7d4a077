//! Configuration: built-in defaults, then `rundbrief.toml`, then `RUNDBRIEF_*` environment
//! variables, each overriding the one before. With nothing set at all, Rundbrief runs on SQLite
//! in `./data` and listens on 127.0.0.1:8080.

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};
use figment::Figment;
use figment::providers::{Format, Serialized, Toml};
use figment::value::{Dict, Value};
use rundbrief_core::Language;
use rundbrief_core::verp::{BounceAddress, BounceAddressError};
use rundbrief_jobs::DeliveryConfig;
use rundbrief_jobs::RetryPolicy;
use rundbrief_jobs::queue::{JobRuntime, WorkerSettings};
use rundbrief_mail::SmtpConfig;
use rundbrief_store::SoftBounceRule;
use serde::{Deserialize, Deserializer, Serialize};

/// The configuration file read when `--config` is not given; a missing file is fine.
pub const DEFAULT_CONFIG_FILE: &str = "rundbrief.toml";
const ENV_PREFIX: &str = "RUNDBRIEF_";

/// Every key, as it appears lower-case in the TOML file and upper-case with the prefix in the
/// environment. One list, so the file, the environment and the docs cannot disagree.
const KEYS: &[&str] = &[
    "data_dir",
    "database_url",
    "database_max_connections",
    "listen",
    "public_url",
    "secret_key",
    "default_language",
    "fallback_languages",
    "time_zone",
    "log",
    "log_format",
    "templates_dir",
    "smtp_url",
    "smtp_connections",
    "from",
    "regions",
    "rate_limit",
    "api_rate_limit",
    "confirmation_daily_limit",
    "media_max_bytes",
    "translator_notice_delay",
    "mt_url",
    "mt_api_key",
    "mt_provider",
    "mt_timeout",
    "send_rate",
    "send_hourly_limit",
    "send_daily_limit",
    "send_batch_size",
    "send_max_attempts",
    "send_retry_seconds",
    "send_lease_seconds",
    "send_pause_after_failures",
    "soft_bounce_limit",
    "soft_bounce_days",
    "worker_concurrency",
    "worker_id",
    "dkim_key_file",
    "dkim_selector",
    "dkim_domain",
    "bounce_domain",
    "bounce_local_part",
    "bounce_match",
    "inbound_listen",
    "bounce_imap_url",
    "bounce_imap_processed_folder",
    "bounce_imap_interval",
    "http_max_connections",
    "http_max_connections_per_ip",
    "http_header_timeout",
    "trusted_proxies",
    "metrics_listen",
    "embed_origins",
    "signup_thanks_url",
    "signup_pow",
    "signup_pow_difficulty",
];

#[derive(Clone)]
pub struct Config {
    pub data_dir: PathBuf,
    pub database_url: String,
    pub database_max_connections: u32,
    pub listen: SocketAddr,
    /// Base URL for links in mails; without one, links point at the listen address.
    pub public_url: Option<String>,
    /// HMAC key for tokens and cookies. `None` means: use (or create) the key file in the
    /// data dir.
    pub secret_key: Option<String>,
    pub default_language: Language,
    pub fallback_languages: Vec<Language>,
    /// The IANA zone editors schedule in and read times in (daylight saving by its rules).
    pub time_zone: rundbrief_web::TimeZone,
    /// A `tracing` filter such as `info` or `rundbrief=debug,sqlx=warn`.
    pub log: String,
    /// Log lines as text for people or as JSON objects for log shippers.
    pub log_format: LogFormat,
    /// Operator-editable mail templates (organisation block, imprint, mail style).
    pub templates_dir: String,
    /// `smtp://…`; `None` writes mail into `<data dir>/outbox` instead. May hold a password.
    pub smtp_url: Option<String>,
    pub smtp_connections: u32,
    /// The sender of every mail.
    pub from: rundbrief_mail::Mailbox,
    /// Regions offered on the sign-up form; empty hides the field.
    pub regions: Vec<String>,
    /// Sign-up and new-link form posts per client IP and minute; 0 = unlimited.
    pub rate_limit: u32,
    /// API requests per client IP and minute; 0 = unlimited.
    pub api_rate_limit: u32,
    /// Confirmation mails one address gets in 24 hours at most.
    pub confirmation_daily_limit: u32,
    /// The largest image upload taken, in bytes.
    pub media_max_bytes: u64,
    /// Seconds a new base-language text must rest before translators are mailed about it.
    pub translator_notice_delay: u32,
    /// The machine translation service for drafts; `None`: off.
    pub machine_translation: Option<rundbrief_app::machine_translation::MtSettings>,
    /// Soft bounces within how many days that make an address bounced.
    pub soft_bounces: SoftBounceRule,
    pub sending: SendSettings,
    pub dkim: Option<DkimSettings>,
    /// Where bounces go: with it, every campaign and confirmation mail has its own signed
    /// envelope sender there (VERP); without, the From address.
    pub bounce: Option<BounceAddress>,
    /// With a bounce domain, whether a returned mail that reached it without a signed address
    /// may still be matched to a subscriber by the address the report names
    /// (`RUNDBRIEF_BOUNCE_MATCH=address`); by default (`signed`) it changes nobody.
    pub bounce_match_unsigned: bool,
    /// Where the inbound SMTP/LMTP listener for the bounce domain binds; `None` = not run.
    pub inbound_listen: Option<SocketAddr>,
    /// The IMAP mailbox `worker` and `serve` poll for returned mails; `None` = not polled.
    pub bounce_mailbox: Option<crate::mailbox::MailboxSettings>,
    /// Timeouts and connection caps of the HTTP server.
    pub http: rundbrief_web::ServerLimits,
    /// Proxies whose `Forwarded` / `X-Forwarded-For` name the client; empty = none.
    pub trusted_proxies: rundbrief_web::TrustedProxies,
    /// Where `/metrics` is served (Prometheus text format); `None` = no metrics at all.
    pub metrics_listen: Option<SocketAddr>,
    /// Other sites that may embed the sign-up form, its thank-you page and the proof of work
    /// against bots (`RUNDBRIEF_EMBED_ORIGINS`, `RUNDBRIEF_SIGNUP_*`).
    pub signup: rundbrief_web::SignupSettings,
}

/// Where the DKIM key is and what it signs for; the key itself is read at start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DkimSettings {
    /// PEM: PKCS#8 (RSA or Ed25519) or PKCS#1 RSA.
    pub key_file: PathBuf,
    pub selector: String,
    /// The `d=` domain; the sender's domain unless given.
    pub domain: String,
}

/// How the sending engine paces, batches and gives up.
#[derive(Debug, Clone, PartialEq)]
pub struct SendSettings {
    /// Messages per second across all workers of one process; `None` = unlimited.
    pub rate: Option<f64>,
    /// Providers' caps over the last hour and day, across all processes.
    pub hourly_limit: Option<u32>,
    pub daily_limit: Option<u32>,
    /// Deliveries claimed per job run.
    pub batch_size: u32,
    /// Attempts per recipient before a transient failure becomes final.
    pub max_attempts: u32,
    /// Wait after the first transient failure; it doubles with each further attempt.
    pub retry_seconds: u32,
    /// How long a claim is exclusive; a crashed worker's claims are taken over after it.
    pub lease_seconds: u32,
    /// Failed sends in a row after which an issue pauses itself; 0 = never.
    pub pause_after_failures: u32,
    /// Delivery jobs running at once per worker process.
    pub worker_concurrency: u32,
    /// The worker identity claims are made under; `None` = `{hostname}/{role}/{slot}`.
    pub worker_id: Option<String>,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("data_dir", &self.data_dir)
            .field("database_url", &rundbrief_store::redact_url(&self.database_url))
            .field("database_max_connections", &self.database_max_connections)
            .field("listen", &self.listen)
            .field("public_url", &self.public_url)
            .field("secret_key", &self.secret_key.as_ref().map(|_| "<redacted>"))
            .field("default_language", &self.default_language)
            .field("fallback_languages", &self.fallback_languages)
            .field("time_zone", &self.time_zone)
            .field("log", &self.log)
            .field("log_format", &self.log_format)
            .field("templates_dir", &self.templates_dir)
            .field("smtp_url", &self.smtp_url.as_deref().map(redact_smtp_url))
            .field("smtp_connections", &self.smtp_connections)
            .field("from", &self.from.to_string())
            .field("regions", &self.regions)
            .field("rate_limit", &self.rate_limit)
            .field("api_rate_limit", &self.api_rate_limit)
            .field("confirmation_daily_limit", &self.confirmation_daily_limit)
            .field("media_max_bytes", &self.media_max_bytes)
            .field("translator_notice_delay", &self.translator_notice_delay)
            .field("machine_translation", &self.machine_translation)
            .field("soft_bounces", &self.soft_bounces)
            .field("sending", &self.sending)
            .field("dkim", &self.dkim)
            .field("bounce", &self.bounce)
            .field("inbound_listen", &self.inbound_listen)
            .field("bounce_mailbox", &self.bounce_mailbox)
            .field("http", &self.http)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("metrics_listen", &self.metrics_listen)
            .field("signup", &self.signup)
            .finish()
    }
}

/// How log lines are written (`RUNDBRIEF_LOG_FORMAT`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    /// One JSON object a line (tracing-subscriber's JSON layer), for log shippers.
    Json,
}

/// Every setting as the file and the environment give it, typed, before the checks that need
/// several of them or a parser of their own. Its `Default` is the one place defaults live:
/// layered under `rundbrief.toml` and the environment by figment, compared with the README's
/// table by a test.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub data_dir: String,
    pub database_url: Option<String>,
    pub database_max_connections: u32,
    pub listen: String,
    pub public_url: Option<String>,
    pub secret_key: Option<String>,
    pub default_language: String,
    pub fallback_languages: Words,
    pub time_zone: String,
    pub log: String,
    pub log_format: String,
    pub templates_dir: String,
    pub smtp_url: Option<String>,
    pub smtp_connections: u32,
    pub from: String,
    pub regions: Words,
    pub rate_limit: u32,
    pub api_rate_limit: u32,
    pub confirmation_daily_limit: u32,
    pub media_max_bytes: u64,
    pub translator_notice_delay: u32,
    pub mt_url: Option<String>,
    pub mt_api_key: Option<String>,
    pub mt_provider: String,
    pub mt_timeout: u32,
    pub send_rate: f64,
    pub send_hourly_limit: u32,
    pub send_daily_limit: u32,
    pub send_batch_size: u32,
    pub send_max_attempts: u32,
    pub send_retry_seconds: u32,
    pub send_lease_seconds: u32,
    pub send_pause_after_failures: u32,
    pub soft_bounce_limit: u32,
    pub soft_bounce_days: u32,
    pub worker_concurrency: u32,
    pub worker_id: Option<String>,
    pub dkim_key_file: Option<String>,
    pub dkim_selector: String,
    pub dkim_domain: Option<String>,
    pub bounce_domain: Option<String>,
    pub bounce_local_part: String,
    pub bounce_match: String,
    pub inbound_listen: Option<String>,
    pub bounce_imap_url: Option<String>,
    pub bounce_imap_processed_folder: String,
    pub bounce_imap_interval: u32,
    pub http_max_connections: u32,
    pub http_max_connections_per_ip: u32,
    pub http_header_timeout: u32,
    pub trusted_proxies: Words,
    pub metrics_listen: Option<String>,
    pub embed_origins: Words,
    pub signup_thanks_url: Option<String>,
    pub signup_pow: String,
    pub signup_pow_difficulty: u32,
}

impl Default for Settings {
    fn default() -> Self {
        // Each part's own defaults, read rather than written again here: this struct layers
        // them, the README documents them, and a test holds the two together.
        let http = rundbrief_web::ServerLimits::default();
        let retry = RetryPolicy::default();
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let seconds = |d: Duration| u32::try_from(d.as_secs()).unwrap_or(u32::MAX);
        Self {
            data_dir: "./data".into(),
            database_url: None,
            database_max_connections: 10,
            listen: "127.0.0.1:8080".into(),
            public_url: None,
            secret_key: None,
            default_language: "de".into(),
            fallback_languages: Words(
                DeliveryConfig::DEFAULT_FALLBACK_CHAIN
                    .iter()
                    .map(|l| l.code().to_owned())
                    .collect(),
            ),
            time_zone: rundbrief_web::zone::DEFAULT_TIME_ZONE.into(),
            log: "info".into(),
            log_format: "text".into(),
            templates_dir: "./templates".into(),
            smtp_url: None,
            smtp_connections: SmtpConfig::DEFAULT_MAX_CONNECTIONS,
            from: "Newsletter <newsletter@localhost>".into(),
            regions: Words::default(),
            rate_limit: 10,
            api_rate_limit: 600,
            confirmation_daily_limit: 3,
            media_max_bytes: rundbrief_app::media::DEFAULT_MAX_BYTES,
            translator_notice_delay: 600,
            mt_url: None,
            mt_api_key: None,
            mt_provider: "libretranslate".into(),
            mt_timeout: 20,
            send_rate: 0.0,
            send_hourly_limit: 0,
            send_daily_limit: 0,
            send_batch_size: JobRuntime::DEFAULT_BATCH_SIZE,
            send_max_attempts: retry.max_attempts,
            send_retry_seconds: seconds(retry.base),
            send_lease_seconds: seconds(DeliveryConfig::DEFAULT_LEASE),
            send_pause_after_failures: DeliveryConfig::DEFAULT_PAUSE_AFTER_FAILURES,
            soft_bounce_limit: SoftBounceRule::DEFAULT_LIMIT,
            soft_bounce_days: SoftBounceRule::DEFAULT_DAYS,
            worker_concurrency: count(WorkerSettings::DEFAULT_CONCURRENCY),
            worker_id: None,
            dkim_key_file: None,
            dkim_selector: "rundbrief".into(),
            dkim_domain: None,
            bounce_domain: None,
            bounce_local_part: BounceAddress::DEFAULT_LOCAL_PART.into(),
            bounce_match: "signed".into(),
            inbound_listen: None,
            bounce_imap_url: None,
            bounce_imap_processed_folder: "Processed".into(),
            bounce_imap_interval: 60,
            http_max_connections: count(http.max_connections),
            http_max_connections_per_ip: count(http.max_connections_per_ip),
            http_header_timeout: seconds(http.header_read_timeout),
            trusted_proxies: Words::default(),
            metrics_listen: None,
            embed_origins: Words::default(),
            signup_thanks_url: None,
            signup_pow: "off".into(),
            signup_pow_difficulty: u32::try_from(rundbrief_web::embed::DEFAULT_POW_DIFFICULTY)
                .unwrap_or(u32::MAX),
        }
    }
}

/// A comma-separated list (`"de,en"`, the only form an environment variable has) or, in the
/// file, an array of strings; blank items are dropped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Words(pub Vec<String>);

impl From<&str> for Words {
    fn from(text: &str) -> Self {
        Self(text.split(',').map(str::trim).filter(|w| !w.is_empty()).map(str::to_owned).collect())
    }
}

impl Serialize for Words {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0.join(","))
    }
}

impl<'de> Deserialize<'de> for Words {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Form {
            Text(String),
            List(Vec<String>),
        }
        Ok(match Form::deserialize(deserializer)? {
            Form::Text(text) => Words::from(text.as_str()),
            Form::List(items) => Words::from(items.join(",").as_str()),
        })
    }
}

/// `RUNDBRIEF_*` variables of known keys, as figment reads environment values; an empty
/// variable counts as unset, as it always has.
fn environment(vars: impl Iterator<Item = (String, String)>) -> Dict {
    let defaults = serde_json::to_value(Settings::default()).unwrap_or_default();
    vars.filter_map(|(name, value)| {
        let key = name.strip_prefix(ENV_PREFIX)?.to_ascii_lowercase();
        let known = KEYS.iter().find(|k| **k == key)?;
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        // Numbers are parsed; text stays text even when it looks like a number (a secret key
        // or a directory of digits).
        let numeric = defaults.get(*known).is_some_and(serde_json::Value::is_number);
        let parsed = match value.parse::<Value>() {
            Ok(number) if numeric => number,
            _ => Value::from(value.to_owned()),
        };
        Some(((*known).to_owned(), parsed))
    })
    .collect()
}

/// Defaults, then the file (when given), then `vars`: later layers win.
fn layered(file: Option<&Path>, vars: impl Iterator<Item = (String, String)>) -> Figment {
    let mut figment = Figment::from(Serialized::defaults(Settings::default()));
    if let Some(path) = file {
        figment = figment.merge(Toml::file_exact(path));
    }
    figment.merge(Serialized::globals(environment(vars)))
}

/// Reads the layers into [`Settings`]; errors name the variable (or the file) and the key.
fn extract(figment: &Figment) -> anyhow::Result<Settings> {
    figment.extract::<Settings>().map_err(|errors| {
        let lines: Vec<String> = errors
            .into_iter()
            .map(|e| {
                let key = e.path.last().cloned().unwrap_or_default();
                let from_file = e.metadata.as_ref().is_some_and(|m| m.name.contains("TOML"));
                let source = e.metadata.as_ref().and_then(|m| m.source.as_ref());
                match (from_file, source, key.is_empty()) {
                    (true, Some(source), _) => format!("{source}: {}", e.kind),
                    (_, _, false) => {
                        format!("{ENV_PREFIX}{}: {}", key.to_ascii_uppercase(), e.kind)
                    }
                    _ => e.kind.to_string(),
                }
            })
            .collect();
        anyhow::anyhow!("{}", lines.join("; "))
    })
}

impl Config {
    /// Loads the configuration. `file` is `--config`; when it is `None`, `rundbrief.toml` in
    /// the working directory is read if it exists.
    pub fn load(file: Option<&Path>) -> anyhow::Result<Self> {
        let default = Path::new(DEFAULT_CONFIG_FILE);
        let file = match file {
            Some(path) => {
                if !path.exists() {
                    bail!("cannot read configuration file {}: it does not exist", path.display());
                }
                Some(path)
            }
            None => default.exists().then_some(default),
        };
        Self::from_settings(extract(&layered(file, std::env::vars()))?)
    }

    fn from_settings(raw: Settings) -> anyhow::Result<Self> {
        // Set but empty in the file is unset, as in the environment.
        let some = |v: Option<String>| v.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let machine_translation = machine_translation(&raw)?;
        let sending = send_settings(&raw)?;
        let http = http_limits(&raw)?;
        let bounce = bounce_address(&raw)?;
        let inbound_listen = match some(raw.inbound_listen.clone()) {
            None => None,
            Some(_) if bounce.is_none() => bail!(
                "RUNDBRIEF_INBOUND_LISTEN: needs RUNDBRIEF_BOUNCE_DOMAIN, the domain whose mail it takes"
            ),
            Some(value) => Some(parse_listen(&value, "RUNDBRIEF_INBOUND_LISTEN")?),
        };
        let bounce_mailbox = bounce_mailbox(&raw)?;
        let data_dir = PathBuf::from(&raw.data_dir);
        let database_url = match some(raw.database_url) {
            Some(url) => url,
            None => format!("sqlite://{}", data_dir.join("rundbrief.db").display()),
        };
        rundbrief_store::Backend::from_url(&database_url)
            .map_err(|e| anyhow::anyhow!("RUNDBRIEF_DATABASE_URL: {e}"))?;
        let database_max_connections =
            at_least_one(raw.database_max_connections, "RUNDBRIEF_DATABASE_MAX_CONNECTIONS")?;
        let listen = parse_listen(&raw.listen, "RUNDBRIEF_LISTEN")?;
        let public_url = some(raw.public_url).map(|url| url.trim_end_matches('/').to_owned());
        if let Some(url) = &public_url
            && !(url.starts_with("http://") || url.starts_with("https://"))
        {
            bail!("RUNDBRIEF_PUBLIC_URL: '{url}' must start with http:// or https://");
        }
        let signup = signup_settings(
            &raw.embed_origins,
            raw.signup_thanks_url.as_deref(),
            &raw.signup_pow,
            raw.signup_pow_difficulty,
            public_url.as_deref(),
        )?;
        let default_language =
            Language::parse(&raw.default_language).context("RUNDBRIEF_DEFAULT_LANGUAGE")?;
        let fallback_languages = raw
            .fallback_languages
            .0
            .iter()
            .map(|code| Language::parse(code).context("RUNDBRIEF_FALLBACK_LANGUAGES"))
            .collect::<anyhow::Result<Vec<_>>>()?;
        let time_zone = rundbrief_web::TimeZone::named(&raw.time_zone)
            .map_err(|e| anyhow::anyhow!("RUNDBRIEF_TIME_ZONE: {e}"))?;
        let smtp_url = some(raw.smtp_url);
        if let Some(url) = &smtp_url {
            rundbrief_mail::SmtpConfig::from_url(url)
                .map_err(|e| anyhow::anyhow!("RUNDBRIEF_SMTP_URL: {e}"))?;
        }
        let from: rundbrief_mail::Mailbox = raw.from.parse().map_err(|e| {
            anyhow::anyhow!(
                "RUNDBRIEF_FROM: '{}' is not a sender like `Name <address>`: {e}",
                raw.from
            )
        })?;
        let dkim = some(raw.dkim_key_file.clone()).map(|file| {
            let default_domain = from.address().rsplit_once('@').map_or("", |(_, d)| d);
            DkimSettings {
                key_file: PathBuf::from(file),
                selector: raw.dkim_selector.clone(),
                domain: some(raw.dkim_domain.clone())
                    .unwrap_or_else(|| default_domain.to_owned())
                    .to_ascii_lowercase(),
            }
        });
        let trusted_proxies = rundbrief_web::TrustedProxies::parse(&raw.trusted_proxies.0)
            .map_err(|e| anyhow::anyhow!("RUNDBRIEF_TRUSTED_PROXIES: {e}"))?;
        let log_format = match raw.log_format.trim().to_ascii_lowercase().as_str() {
            "text" | "" => LogFormat::Text,
            "json" => LogFormat::Json,
            other => bail!("RUNDBRIEF_LOG_FORMAT: '{other}' is neither text nor json"),
        };
        let metrics_listen = some(raw.metrics_listen.clone())
            .map(|value| parse_listen(&value, "RUNDBRIEF_METRICS_LISTEN"))
            .transpose()?;
        Ok(Config {
            signup,
            http,
            trusted_proxies,
            metrics_listen,
            dkim,
            bounce,
            inbound_listen,
            bounce_mailbox,
            sending,
            smtp_url,
            smtp_connections: raw.smtp_connections.max(1),
            from,
            regions: raw.regions.0,
            rate_limit: raw.rate_limit,
            api_rate_limit: raw.api_rate_limit,
            confirmation_daily_limit: raw.confirmation_daily_limit,
            media_max_bytes: match raw.media_max_bytes {
                0 => bail!("RUNDBRIEF_MEDIA_MAX_BYTES: 0 would refuse every image"),
                bytes => bytes,
            },
            translator_notice_delay: raw.translator_notice_delay,
            machine_translation,
            bounce_match_unsigned: match raw.bounce_match.trim() {
                "signed" => false,
                "address" => true,
                other => bail!("RUNDBRIEF_BOUNCE_MATCH: '{other}' is neither signed nor address"),
            },
            soft_bounces: SoftBounceRule {
                limit: at_least_one(raw.soft_bounce_limit, "RUNDBRIEF_SOFT_BOUNCE_LIMIT")?,
                window: time::Duration::days(i64::from(at_least_one(
                    raw.soft_bounce_days,
                    "RUNDBRIEF_SOFT_BOUNCE_DAYS",
                )?)),
            },
            data_dir,
            database_url,
            database_max_connections,
            listen,
            public_url,
            secret_key: some(raw.secret_key),
            default_language,
            fallback_languages,
            time_zone,
            log: raw.log,
            log_format,
            templates_dir: raw.templates_dir,
        })
    }

    /// Whether mail to the bounce domain reaches this instance (the inbound listener or the
    /// polled mailbox): only then do campaign mails offer a `mailto:` unsubscribe, since a
    /// mail to it must be read to take effect.
    pub fn receives_mail(&self) -> bool {
        self.bounce.is_some() && (self.inbound_listen.is_some() || self.bounce_mailbox.is_some())
    }

    /// The base of links in mails and pages.
    pub fn base_url(&self, bound: SocketAddr) -> String {
        self.public_url.clone().unwrap_or_else(|| format!("http://{bound}"))
    }
}

/// The sending engine's settings: pace, caps, batches, retries, leases, identity.
fn send_settings(raw: &Settings) -> anyhow::Result<SendSettings> {
    if !(raw.send_rate.is_finite() && raw.send_rate >= 0.0) {
        bail!("RUNDBRIEF_SEND_RATE: '{}' is not a number of messages per second", raw.send_rate);
    }
    let sending = SendSettings {
        rate: (raw.send_rate > 0.0).then_some(raw.send_rate),
        hourly_limit: Some(raw.send_hourly_limit).filter(|n| *n > 0),
        daily_limit: Some(raw.send_daily_limit).filter(|n| *n > 0),
        batch_size: at_least_one(raw.send_batch_size, "RUNDBRIEF_SEND_BATCH_SIZE")?,
        max_attempts: at_least_one(raw.send_max_attempts, "RUNDBRIEF_SEND_MAX_ATTEMPTS")?,
        retry_seconds: at_least_one(raw.send_retry_seconds, "RUNDBRIEF_SEND_RETRY_SECONDS")?,
        lease_seconds: at_least_one(raw.send_lease_seconds, "RUNDBRIEF_SEND_LEASE_SECONDS")?,
        pause_after_failures: raw.send_pause_after_failures,
        worker_concurrency: at_least_one(raw.worker_concurrency, "RUNDBRIEF_WORKER_CONCURRENCY")?,
        worker_id: raw.worker_id.clone().map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()),
    };
    if let Some(id) = &sending.worker_id {
        rundbrief_store::check_worker(id)
            .map_err(|e| anyhow::anyhow!("RUNDBRIEF_WORKER_ID: {e}"))?;
    }
    Ok(sending)
}

/// `RUNDBRIEF_HTTP_*`: connection caps (at least 1; 0 per IP = no per-IP cap) and the header
/// timeout; the other limits keep the server's defaults.
fn http_limits(raw: &Settings) -> anyhow::Result<rundbrief_web::ServerLimits> {
    Ok(rundbrief_web::ServerLimits {
        max_connections: at_least_one(raw.http_max_connections, "RUNDBRIEF_HTTP_MAX_CONNECTIONS")?
            as usize,
        max_connections_per_ip: raw.http_max_connections_per_ip as usize,
        header_read_timeout: std::time::Duration::from_secs(
            at_least_one(raw.http_header_timeout, "RUNDBRIEF_HTTP_HEADER_TIMEOUT")?.into(),
        ),
        ..rundbrief_web::ServerLimits::default()
    })
}

/// `RUNDBRIEF_EMBED_ORIGINS`, `RUNDBRIEF_SIGNUP_THANKS_URL` (on the instance or an allowed
/// origin, so no open redirect), `RUNDBRIEF_SIGNUP_POW` with its difficulty.
fn signup_settings(
    origins: &Words,
    thanks: Option<&str>,
    pow: &str,
    difficulty: u32,
    public_url: Option<&str>,
) -> anyhow::Result<rundbrief_web::SignupSettings> {
    let pow = match pow.trim().to_ascii_lowercase().as_str() {
        "off" | "" => None,
        "on" => Some(u64::from(difficulty)),
        other => bail!("RUNDBRIEF_SIGNUP_POW: '{other}' is neither on nor off"),
    };
    rundbrief_web::SignupSettings::new(&origins.0, thanks, pow, public_url)
        .map_err(|e| anyhow::anyhow!(e))
}

/// `RUNDBRIEF_BOUNCE_DOMAIN` with `RUNDBRIEF_BOUNCE_LOCAL_PART`; the local part is checked
/// only with a domain, since alone it is not used.
fn bounce_address(raw: &Settings) -> anyhow::Result<Option<BounceAddress>> {
    let Some(domain) = raw.bounce_domain.as_deref().map(str::trim).filter(|d| !d.is_empty()) else {
        return Ok(None);
    };
    BounceAddress::new(&raw.bounce_local_part, domain).map(Some).map_err(|e| match e {
        BounceAddressError::LocalPart { .. } => anyhow::anyhow!("RUNDBRIEF_BOUNCE_LOCAL_PART: {e}"),
        BounceAddressError::Domain { .. } => anyhow::anyhow!("RUNDBRIEF_BOUNCE_DOMAIN: {e}"),
    })
}

/// `RUNDBRIEF_BOUNCE_IMAP_URL` with its folder and interval; those two are checked only with
/// a URL, since alone they are not used. Errors never repeat the URL (it holds a password).
fn bounce_mailbox(raw: &Settings) -> anyhow::Result<Option<crate::mailbox::MailboxSettings>> {
    let Some(url) = raw.bounce_imap_url.as_deref().map(str::trim).filter(|u| !u.is_empty()) else {
        return Ok(None);
    };
    let interval = at_least_one(raw.bounce_imap_interval, "RUNDBRIEF_BOUNCE_IMAP_INTERVAL")?;
    crate::mailbox::MailboxSettings::from_url(
        url,
        &raw.bounce_imap_processed_folder,
        Duration::from_secs(u64::from(interval)),
    )
    .map(Some)
    .map_err(|e| anyhow::anyhow!("RUNDBRIEF_BOUNCE_IMAP_URL: {e}"))
}

/// `value`, refused when 0: `name` must be at least 1.
fn at_least_one(value: u32, name: &str) -> anyhow::Result<u32> {
    if value == 0 {
        bail!("{name}: must be at least 1");
    }
    Ok(value)
}

/// The SMTP URL without its password, for logs.
pub fn redact_smtp_url(url: &str) -> String {
    rundbrief_mail::SmtpConfig::from_url(url)
        .map(|c| c.redacted_url())
        .unwrap_or_else(|_| "<invalid SMTP URL>".to_owned())
}

/// Accepts `host:port` and the shorthand `:port` (all interfaces on IPv4 is deliberately not
/// implied: `:0` means a free port on loopback, handy for tests and first runs).
fn parse_listen(value: &str, name: &str) -> anyhow::Result<SocketAddr> {
    let value = value.trim();
    let full = if value.starts_with(':') { format!("127.0.0.1{value}") } else { value.to_owned() };
    full.parse()
        .with_context(|| format!("{name}: '{value}' is not an address like 127.0.0.1:8080 or :0"))
}

#[cfg(test)]
mod tests;

/// `RUNDBRIEF_MT_URL` (off when unset), `RUNDBRIEF_MT_PROVIDER`, `RUNDBRIEF_MT_API_KEY`,
/// `RUNDBRIEF_MT_TIMEOUT`.
fn machine_translation(
    raw: &Settings,
) -> anyhow::Result<Option<rundbrief_app::machine_translation::MtSettings>> {
    use rundbrief_app::machine_translation::{MtProvider, MtSettings};
    let Some(url) = raw.mt_url.as_deref().map(str::trim).filter(|u| !u.is_empty()) else {
        return Ok(None);
    };
    let url: rundbrief_app::machine_translation::MtUrl =
        url.parse().map_err(|e| anyhow::anyhow!("RUNDBRIEF_MT_URL: not a URL ({e})"))?;
    if !matches!(url.scheme_str(), Some("http" | "https")) || url.host().is_none() {
        bail!("RUNDBRIEF_MT_URL: must be an http:// or https:// URL with a host");
    }
    let provider = match raw.mt_provider.trim().to_ascii_lowercase().as_str() {
        "libretranslate" | "" => MtProvider::LibreTranslate,
        "deepl" => MtProvider::DeepL,
        other => bail!("RUNDBRIEF_MT_PROVIDER: '{other}' is neither libretranslate nor deepl"),
    };
    let api_key = raw.mt_api_key.as_deref().map(str::trim).filter(|k| !k.is_empty());
    if provider == MtProvider::DeepL && api_key.is_none() {
        bail!("RUNDBRIEF_MT_PROVIDER=deepl needs RUNDBRIEF_MT_API_KEY");
    }
    Ok(Some(MtSettings {
        provider,
        url,
        api_key: api_key.map(str::to_owned),
        timeout: Duration::from_secs(u64::from(raw.mt_timeout.max(1))),
    }))
}
