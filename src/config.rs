//! Configuration: built-in defaults, then `rundbrief.toml`, then `RUNDBRIEF_*` environment
//! variables, each overriding the one before. With nothing set at all, Rundbrief runs on SQLite
//! in `./data` and listens on 127.0.0.1:8080.

use std::collections::BTreeMap;
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use rundbrief_core::Language;

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
    "log",
    "templates_dir",
    "smtp_url",
    "smtp_connections",
    "from",
    "regions",
    "rate_limit",
    "api_rate_limit",
    "confirmation_daily_limit",
    "send_rate",
    "send_hourly_limit",
    "send_daily_limit",
    "send_batch_size",
    "send_max_attempts",
    "send_retry_seconds",
    "send_lease_seconds",
    "send_pause_after_failures",
    "worker_concurrency",
    "worker_id",
    "dkim_key_file",
    "dkim_selector",
    "dkim_domain",
    "http_max_connections",
    "http_max_connections_per_ip",
    "http_header_timeout",
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
    /// A `tracing` filter such as `info` or `rundbrief=debug,sqlx=warn`.
    pub log: String,
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
    pub sending: SendSettings,
    pub dkim: Option<DkimSettings>,
    /// Timeouts and connection caps of the HTTP server.
    pub http: rundbrief_web::ServerLimits,
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
            .field("log", &self.log)
            .field("templates_dir", &self.templates_dir)
            .field("smtp_url", &self.smtp_url.as_deref().map(redact_smtp_url))
            .field("smtp_connections", &self.smtp_connections)
            .field("from", &self.from.to_string())
            .field("regions", &self.regions)
            .field("rate_limit", &self.rate_limit)
            .field("api_rate_limit", &self.api_rate_limit)
            .field("confirmation_daily_limit", &self.confirmation_daily_limit)
            .field("sending", &self.sending)
            .field("dkim", &self.dkim)
            .field("http", &self.http)
            .finish()
    }
}

/// Raw values by key, from the file or the environment, before they are parsed.
type RawValues = BTreeMap<&'static str, String>;

impl Config {
    /// Loads the configuration. `file` is `--config`; when it is `None`, `rundbrief.toml` in
    /// the working directory is read if it exists.
    pub fn load(file: Option<&Path>) -> anyhow::Result<Self> {
        let mut raw = RawValues::new();
        match file {
            Some(path) => read_file(path, &mut raw)?,
            None => {
                let default = Path::new(DEFAULT_CONFIG_FILE);
                if default.exists() {
                    read_file(default, &mut raw)?;
                }
            }
        }
        read_env(std::env::vars(), &mut raw);
        Self::from_raw(&raw)
    }

    fn from_raw(raw: &RawValues) -> anyhow::Result<Self> {
        let get = |key: &str| raw.get(key).map(|v| v.trim()).filter(|v| !v.is_empty());
        let data_dir = PathBuf::from(get("data_dir").unwrap_or("./data"));
        let database_url = match get("database_url") {
            Some(url) => url.to_owned(),
            None => format!("sqlite://{}", data_dir.join("rundbrief.db").display()),
        };
        rundbrief_store::Backend::from_url(&database_url)
            .map_err(|e| anyhow::anyhow!("RUNDBRIEF_DATABASE_URL: {e}"))?;
        let database_max_connections = match get("database_max_connections") {
            Some(v) => v.parse().ok().filter(|n| *n > 0).with_context(|| {
                format!("RUNDBRIEF_DATABASE_MAX_CONNECTIONS: '{v}' is not a positive number")
            })?,
            None => 10,
        };
        let listen = parse_listen(get("listen").unwrap_or("127.0.0.1:8080"))?;
        let public_url = get("public_url").map(|url| url.trim_end_matches('/').to_owned());
        if let Some(url) = &public_url
            && !(url.starts_with("http://") || url.starts_with("https://"))
        {
            bail!("RUNDBRIEF_PUBLIC_URL: '{url}' must start with http:// or https://");
        }
        let default_language = match get("default_language") {
            Some(v) => Language::parse(v).context("RUNDBRIEF_DEFAULT_LANGUAGE")?,
            None => Language::De,
        };
        let fallback_languages = match get("fallback_languages") {
            Some(v) => v
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|code| Language::parse(code).context("RUNDBRIEF_FALLBACK_LANGUAGES"))
                .collect::<anyhow::Result<Vec<_>>>()?,
            None => vec![Language::De, Language::En],
        };
        let smtp_url = get("smtp_url").map(str::to_owned);
        if let Some(url) = &smtp_url {
            rundbrief_mail::SmtpConfig::from_url(url)
                .map_err(|e| anyhow::anyhow!("RUNDBRIEF_SMTP_URL: {e}"))?;
        }
        let smtp_connections =
            count(get("smtp_connections"), "RUNDBRIEF_SMTP_CONNECTIONS", 8)?.max(1);
        let from_text = get("from").unwrap_or("Newsletter <newsletter@localhost>");
        let from: rundbrief_mail::Mailbox = from_text.parse().map_err(|e| {
            anyhow::anyhow!(
                "RUNDBRIEF_FROM: '{from_text}' is not a sender like `Name <address>`: {e}"
            )
        })?;
        let regions = get("regions")
            .map(|v| {
                v.split(',').map(str::trim).filter(|r| !r.is_empty()).map(str::to_owned).collect()
            })
            .unwrap_or_default();
        let rate_limit = count(get("rate_limit"), "RUNDBRIEF_RATE_LIMIT", 10)?;
        let api_rate_limit = count(get("api_rate_limit"), "RUNDBRIEF_API_RATE_LIMIT", 600)?;
        let confirmation_daily_limit =
            count(get("confirmation_daily_limit"), "RUNDBRIEF_CONFIRMATION_DAILY_LIMIT", 3)?;
        let rate = match get("send_rate") {
            Some(v) => {
                let rate: f64 = v
                    .parse()
                    .ok()
                    .filter(|r: &f64| r.is_finite() && *r >= 0.0)
                    .with_context(|| {
                        format!("RUNDBRIEF_SEND_RATE: '{v}' is not a number of messages per second")
                    })?;
                (rate > 0.0).then_some(rate)
            }
            None => None,
        };
        let positive = |key: &str, name: &str, default: u32| -> anyhow::Result<u32> {
            let n = count(get(key), name, default)?;
            if n == 0 {
                bail!("{name}: must be at least 1");
            }
            Ok(n)
        };
        let optional_cap = |key: &str, name: &str| -> anyhow::Result<Option<u32>> {
            Ok(Some(count(get(key), name, 0)?).filter(|n| *n > 0))
        };
        let sending = SendSettings {
            rate,
            hourly_limit: optional_cap("send_hourly_limit", "RUNDBRIEF_SEND_HOURLY_LIMIT")?,
            daily_limit: optional_cap("send_daily_limit", "RUNDBRIEF_SEND_DAILY_LIMIT")?,
            batch_size: positive("send_batch_size", "RUNDBRIEF_SEND_BATCH_SIZE", 100)?,
            max_attempts: positive("send_max_attempts", "RUNDBRIEF_SEND_MAX_ATTEMPTS", 8)?,
            retry_seconds: positive("send_retry_seconds", "RUNDBRIEF_SEND_RETRY_SECONDS", 60)?,
            lease_seconds: positive("send_lease_seconds", "RUNDBRIEF_SEND_LEASE_SECONDS", 30)?,
            pause_after_failures: count(
                get("send_pause_after_failures"),
                "RUNDBRIEF_SEND_PAUSE_AFTER_FAILURES",
                25,
            )?,
            worker_concurrency: positive("worker_concurrency", "RUNDBRIEF_WORKER_CONCURRENCY", 4)?,
            worker_id: get("worker_id").map(str::to_owned),
        };
        if let Some(id) = &sending.worker_id {
            rundbrief_store::check_worker(id)
                .map_err(|e| anyhow::anyhow!("RUNDBRIEF_WORKER_ID: {e}"))?;
        }
        let dkim = match get("dkim_key_file") {
            Some(file) => {
                let default_domain = from.address().rsplit_once('@').map_or("", |(_, d)| d);
                Some(DkimSettings {
                    key_file: PathBuf::from(file),
                    selector: get("dkim_selector").unwrap_or("rundbrief").to_owned(),
                    domain: get("dkim_domain").unwrap_or(default_domain).to_ascii_lowercase(),
                })
            }
            None => None,
        };
        let http = http_limits(&get)?;
        Ok(Config {
            http,
            dkim,
            sending,
            smtp_url,
            smtp_connections,
            from,
            regions,
            rate_limit,
            api_rate_limit,
            confirmation_daily_limit,
            data_dir,
            database_url,
            database_max_connections,
            listen,
            public_url,
            secret_key: get("secret_key").map(str::to_owned),
            default_language,
            fallback_languages,
            log: get("log").unwrap_or("info").to_owned(),
            templates_dir: get("templates_dir").unwrap_or("./templates").to_owned(),
        })
    }

    /// The base of links in mails and pages.
    pub fn base_url(&self, bound: SocketAddr) -> String {
        self.public_url.clone().unwrap_or_else(|| format!("http://{bound}"))
    }
}

/// `RUNDBRIEF_HTTP_*`: connection caps (at least 1; 0 per IP = no per-IP cap) and the header
/// timeout in seconds; the other limits keep their defaults.
fn http_limits<'a>(
    get: &impl Fn(&str) -> Option<&'a str>,
) -> anyhow::Result<rundbrief_web::ServerLimits> {
    let defaults = rundbrief_web::ServerLimits::default();
    let as_count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let max_connections = count(
        get("http_max_connections"),
        "RUNDBRIEF_HTTP_MAX_CONNECTIONS",
        as_count(defaults.max_connections),
    )?;
    if max_connections == 0 {
        bail!("RUNDBRIEF_HTTP_MAX_CONNECTIONS: must be at least 1");
    }
    let per_ip = count(
        get("http_max_connections_per_ip"),
        "RUNDBRIEF_HTTP_MAX_CONNECTIONS_PER_IP",
        as_count(defaults.max_connections_per_ip),
    )?;
    let header_seconds = count(
        get("http_header_timeout"),
        "RUNDBRIEF_HTTP_HEADER_TIMEOUT",
        as_count(defaults.header_read_timeout.as_secs() as usize),
    )?;
    if header_seconds == 0 {
        bail!("RUNDBRIEF_HTTP_HEADER_TIMEOUT: must be at least 1 second");
    }
    Ok(rundbrief_web::ServerLimits {
        max_connections: max_connections as usize,
        max_connections_per_ip: per_ip as usize,
        header_read_timeout: std::time::Duration::from_secs(header_seconds.into()),
        ..defaults
    })
}

/// A non-negative count, or `default` when unset.
fn count(value: Option<&str>, name: &str, default: u32) -> anyhow::Result<u32> {
    match value {
        Some(v) => v.parse().with_context(|| format!("{name}: '{v}' is not a whole number")),
        None => Ok(default),
    }
}

/// The SMTP URL without its password, for logs.
pub fn redact_smtp_url(url: &str) -> String {
    rundbrief_mail::SmtpConfig::from_url(url)
        .map(|c| c.redacted_url())
        .unwrap_or_else(|_| "<invalid SMTP URL>".to_owned())
}

/// Accepts `host:port` and the shorthand `:port` (all interfaces on IPv4 is deliberately not
/// implied: `:0` means a free port on loopback, handy for tests and first runs).
fn parse_listen(value: &str) -> anyhow::Result<SocketAddr> {
    let full = if value.starts_with(':') { format!("127.0.0.1{value}") } else { value.to_owned() };
    full.parse().with_context(|| {
        format!("RUNDBRIEF_LISTEN: '{value}' is not an address like 127.0.0.1:8080 or :0")
    })
}

fn read_file(path: &Path, raw: &mut RawValues) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read configuration file {}", path.display()))?;
    let table: toml::Table =
        text.parse().with_context(|| format!("{} is not valid TOML", path.display()))?;
    for (key, value) in table {
        let Some(known) = KEYS.iter().find(|k| **k == key) else {
            bail!("{}: unknown key '{key}'; known keys: {}", path.display(), KEYS.join(", "));
        };
        let text = match value {
            toml::Value::String(s) => s,
            toml::Value::Integer(i) => i.to_string(),
            toml::Value::Array(items) => items
                .iter()
                .map(|item| item.as_str().map(str::to_owned).unwrap_or_else(|| item.to_string()))
                .collect::<Vec<_>>()
                .join(","),
            other => other.to_string(),
        };
        raw.insert(known, text);
    }
    Ok(())
}

fn read_env(vars: impl Iterator<Item = (String, String)>, raw: &mut RawValues) {
    for (name, value) in vars {
        let Some(key) = name.strip_prefix(ENV_PREFIX) else { continue };
        let key = key.to_ascii_lowercase();
        if let Some(known) = KEYS.iter().find(|k| **k == key) {
            raw.insert(known, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(pairs: &[(&'static str, &str)]) -> RawValues {
        pairs.iter().map(|(k, v)| (*k, (*v).to_owned())).collect()
    }

    #[test]
    fn no_configuration_means_sqlite_in_data_and_loopback_8080() {
        let config = Config::from_raw(&RawValues::new()).expect("defaults are valid");
        assert_eq!(config.database_url, "sqlite://./data/rundbrief.db");
        assert_eq!(config.listen, "127.0.0.1:8080".parse().expect("addr"));
        assert_eq!(config.default_language, Language::De);
        assert_eq!(config.fallback_languages, vec![Language::De, Language::En]);
        assert_eq!(config.base_url(config.listen), "http://127.0.0.1:8080");
        assert_eq!(config.smtp_url, None);
        assert_eq!(config.from.to_string(), "Newsletter <newsletter@localhost>");
        assert_eq!(
            (config.rate_limit, config.api_rate_limit, config.smtp_connections),
            (10, 600, 8)
        );
        let sending = &config.sending;
        assert_eq!((sending.rate, sending.hourly_limit, sending.daily_limit), (None, None, None));
        assert_eq!((sending.batch_size, sending.max_attempts, sending.lease_seconds), (100, 8, 30));
    }

    #[test]
    fn a_zero_send_rate_or_cap_means_unlimited() {
        let config = Config::from_raw(&raw(&[
            ("send_rate", "0"),
            ("send_hourly_limit", "0"),
            ("send_daily_limit", "50000"),
        ]))
        .expect("valid");
        assert_eq!(config.sending.rate, None);
        assert_eq!(config.sending.hourly_limit, None);
        assert_eq!(config.sending.daily_limit, Some(50_000));
        let config = Config::from_raw(&raw(&[("send_rate", "12.5")])).expect("valid");
        assert_eq!(config.sending.rate, Some(12.5));
    }

    #[test]
    fn the_database_follows_the_data_dir_unless_given() {
        let config = Config::from_raw(&raw(&[("data_dir", "/srv/rb")])).expect("valid");
        assert_eq!(config.database_url, "sqlite:///srv/rb/rundbrief.db");
        let config = Config::from_raw(&raw(&[
            ("data_dir", "/srv/rb"),
            ("database_url", "postgres://u@h/d"),
        ]))
        .expect("valid");
        assert_eq!(config.database_url, "postgres://u@h/d");
    }

    #[test]
    fn bad_values_name_the_variable() {
        for (key, value, expected) in [
            ("database_url", "mysql://x", "RUNDBRIEF_DATABASE_URL"),
            ("listen", "localhost", "RUNDBRIEF_LISTEN"),
            ("default_language", "tr", "RUNDBRIEF_DEFAULT_LANGUAGE"),
            ("fallback_languages", "de,xx", "RUNDBRIEF_FALLBACK_LANGUAGES"),
            ("public_url", "example.org", "RUNDBRIEF_PUBLIC_URL"),
            ("database_max_connections", "0", "RUNDBRIEF_DATABASE_MAX_CONNECTIONS"),
            ("smtp_url", "http://mail.example.org", "RUNDBRIEF_SMTP_URL"),
            ("from", "not an address", "RUNDBRIEF_FROM"),
            ("rate_limit", "-1", "RUNDBRIEF_RATE_LIMIT"),
            ("send_rate", "fast", "RUNDBRIEF_SEND_RATE"),
            ("send_rate", "-3", "RUNDBRIEF_SEND_RATE"),
            ("send_batch_size", "0", "RUNDBRIEF_SEND_BATCH_SIZE"),
            ("send_hourly_limit", "lots", "RUNDBRIEF_SEND_HOURLY_LIMIT"),
            ("worker_concurrency", "0", "RUNDBRIEF_WORKER_CONCURRENCY"),
            ("http_max_connections", "0", "RUNDBRIEF_HTTP_MAX_CONNECTIONS"),
            ("http_header_timeout", "0", "RUNDBRIEF_HTTP_HEADER_TIMEOUT"),
        ] {
            let err = Config::from_raw(&raw(&[(key, value)])).expect_err(key);
            assert!(format!("{err:#}").contains(expected), "{key}: {err:#}");
        }
    }

    #[test]
    fn listen_shorthand_and_languages_parse() {
        let config = Config::from_raw(&raw(&[
            ("listen", ":0"),
            ("fallback_languages", "en, fr"),
            ("public_url", "https://news.example.org/"),
        ]))
        .expect("valid");
        assert_eq!(config.listen.port(), 0);
        assert_eq!(config.fallback_languages, vec![Language::En, Language::Fr]);
        assert_eq!(config.base_url(config.listen), "https://news.example.org");
    }

    #[test]
    fn environment_overrides_the_file_and_ignores_other_variables() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("rundbrief.toml");
        std::fs::write(
            &file,
            "listen = \"127.0.0.1:9000\"\nfallback_languages = [\"en\", \"de\"]\n",
        )
        .expect("write");
        let mut values = RawValues::new();
        read_file(&file, &mut values).expect("valid file");
        read_env(
            [
                ("RUNDBRIEF_LISTEN".to_owned(), "127.0.0.1:9001".to_owned()),
                ("RUNDBRIEF_UNRELATED".to_owned(), "x".to_owned()),
                ("HOME".to_owned(), "/root".to_owned()),
            ]
            .into_iter(),
            &mut values,
        );
        let config = Config::from_raw(&values).expect("valid");
        assert_eq!(config.listen.port(), 9001);
        assert_eq!(config.fallback_languages, vec![Language::En, Language::De]);
    }

    #[test]
    fn unknown_file_keys_are_refused_with_the_known_ones() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("rundbrief.toml");
        std::fs::write(&file, "lisen = \":0\"\n").expect("write");
        let err = read_file(&file, &mut RawValues::new()).expect_err("typo");
        let message = format!("{err:#}");
        assert!(message.contains("lisen") && message.contains("listen"), "{message}");
    }

    #[test]
    fn debug_output_hides_secrets() {
        let config = Config::from_raw(&raw(&[
            ("secret_key", "very-secret-key-material-0123456789"),
            ("database_url", "postgres://app:hunter2@db/rundbrief"),
            ("smtp_url", "smtp://mailer:smtp-pass-77@mail.example.org:587?tls=starttls"),
        ]))
        .expect("valid");
        let shown = format!("{config:?}");
        assert!(!shown.contains("very-secret"), "{shown}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(!shown.contains("smtp-pass-77"), "{shown}");
        assert!(shown.contains("mail.example.org"), "{shown}");
    }
}
