//! Tests of the configuration: defaults, environment over file, errors that name the variable,
//! and the README's table against the keys.

use super::*;

/// The configuration with `pairs` (lower-case keys) given as environment variables.
fn with(pairs: &[(&str, &str)]) -> anyhow::Result<Config> {
    let vars = pairs
        .iter()
        .map(|(k, v)| (format!("{ENV_PREFIX}{}", k.to_ascii_uppercase()), (*v).to_owned()));
    Config::from_settings(extract(&layered(None, vars))?)
}

#[test]
fn no_configuration_means_sqlite_in_data_and_loopback_8080() {
    let config = with(&[]).expect("defaults are valid");
    assert_eq!(config.database_url, "sqlite://./data/rundbrief.db");
    assert_eq!(config.listen, "127.0.0.1:8080".parse().expect("addr"));
    assert_eq!(config.default_language, Language::De);
    assert_eq!(config.fallback_languages, vec![Language::De, Language::En]);
    assert_eq!(config.base_url(config.listen), "http://127.0.0.1:8080");
    assert_eq!(config.smtp_url, None);
    assert_eq!(config.from.to_string(), "Newsletter <newsletter@localhost>");
    assert_eq!((config.rate_limit, config.api_rate_limit, config.smtp_connections), (10, 600, 8));
    let sending = &config.sending;
    assert_eq!((sending.rate, sending.hourly_limit, sending.daily_limit), (None, None, None));
    assert_eq!((sending.batch_size, sending.max_attempts, sending.lease_seconds), (100, 8, 30));
}

#[test]
fn a_zero_send_rate_or_cap_means_unlimited() {
    let config =
        with(&[("send_rate", "0"), ("send_hourly_limit", "0"), ("send_daily_limit", "50000")])
            .expect("valid");
    assert_eq!(config.sending.rate, None);
    assert_eq!(config.sending.hourly_limit, None);
    assert_eq!(config.sending.daily_limit, Some(50_000));
    let config = with(&[("send_rate", "12.5")]).expect("valid");
    assert_eq!(config.sending.rate, Some(12.5));
}

#[test]
fn the_database_follows_the_data_dir_unless_given() {
    let config = with(&[("data_dir", "/srv/rb")]).expect("valid");
    assert_eq!(config.database_url, "sqlite:///srv/rb/rundbrief.db");
    let config =
        with(&[("data_dir", "/srv/rb"), ("database_url", "postgres://u@h/d")]).expect("valid");
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
        ("soft_bounce_limit", "0", "RUNDBRIEF_SOFT_BOUNCE_LIMIT"),
        ("soft_bounce_days", "0", "RUNDBRIEF_SOFT_BOUNCE_DAYS"),
        ("send_hourly_limit", "lots", "RUNDBRIEF_SEND_HOURLY_LIMIT"),
        ("worker_concurrency", "0", "RUNDBRIEF_WORKER_CONCURRENCY"),
        ("http_max_connections", "0", "RUNDBRIEF_HTTP_MAX_CONNECTIONS"),
        ("http_header_timeout", "0", "RUNDBRIEF_HTTP_HEADER_TIMEOUT"),
        ("time_zone", "+01:00", "RUNDBRIEF_TIME_ZONE"),
        ("time_zone", "Europe/Bonn", "RUNDBRIEF_TIME_ZONE"),
        ("bounce_domain", "bounces..example.org", "RUNDBRIEF_BOUNCE_DOMAIN"),
    ] {
        let err = with(&[(key, value)]).expect_err(key);
        assert!(format!("{err:#}").contains(expected), "{key}: {err:#}");
    }
}

#[test]
fn bounces_go_to_the_from_address_unless_a_bounce_domain_is_set() {
    assert_eq!(with(&[("bounce_local_part", "rp")]).expect("valid").bounce, None);
    let config = with(&[("bounce_domain", "Bounces.Example.org")]).expect("valid");
    let bounce = config.bounce.expect("a bounce address");
    assert_eq!((bounce.local_part(), bounce.domain()), ("bounce", "bounces.example.org"));
    let config =
        with(&[("bounce_domain", "b.example.org"), ("bounce_local_part", "rp")]).expect("valid");
    assert_eq!(config.bounce.map(|b| b.local_part().to_owned()).as_deref(), Some("rp"));
    let err = with(&[("bounce_domain", "b.example.org"), ("bounce_local_part", "a+b")])
        .expect_err("a '+' in the local part");
    assert!(format!("{err:#}").contains("RUNDBRIEF_BOUNCE_LOCAL_PART"), "{err:#}");
}

#[test]
fn the_inbound_listener_is_off_loopback_by_shorthand_and_needs_a_bounce_domain() {
    let config = with(&[]).expect("valid");
    assert_eq!(config.inbound_listen, None);
    assert!(!config.receives_mail());
    let err = with(&[("inbound_listen", ":2525")]).expect_err("no bounce domain");
    assert!(format!("{err:#}").contains("RUNDBRIEF_BOUNCE_DOMAIN"), "{err:#}");
    let domain = ("bounce_domain", "bounces.example.org");
    let config = with(&[domain, ("inbound_listen", ":2525")]).expect("valid");
    assert_eq!(config.inbound_listen, Some("127.0.0.1:2525".parse().expect("an address")));
    assert!(config.receives_mail());
    let config = with(&[domain, ("inbound_listen", "0.0.0.0:25")]).expect("valid");
    assert_eq!(config.inbound_listen, Some("0.0.0.0:25".parse().expect("an address")));
    let err = with(&[domain, ("inbound_listen", "mx:25")]).expect_err("no address");
    assert!(format!("{err:#}").contains("RUNDBRIEF_INBOUND_LISTEN"), "{err:#}");
    assert!(!with(&[domain]).expect("valid").receives_mail());
}

#[test]
fn listen_shorthand_and_languages_parse() {
    let config = with(&[
        ("listen", ":0"),
        ("fallback_languages", "en, fr"),
        ("public_url", "https://news.example.org/"),
    ])
    .expect("valid");
    assert_eq!(config.listen.port(), 0);
    assert_eq!(config.fallback_languages, vec![Language::En, Language::Fr]);
    assert_eq!(config.base_url(config.listen), "https://news.example.org");
}

#[test]
fn schedules_are_in_berlin_unless_another_zone_is_named() {
    let config = with(&[]).expect("valid");
    assert_eq!(config.time_zone.name(), "Europe/Berlin");
    let config = with(&[("time_zone", "Europe/Lisbon")]).expect("valid");
    assert_eq!(config.time_zone.name(), "Europe/Lisbon");
}

#[test]
fn environment_overrides_the_file_and_ignores_other_variables() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("rundbrief.toml");
    std::fs::write(&file, "listen = \"127.0.0.1:9000\"\nfallback_languages = [\"en\", \"de\"]\n")
        .expect("write");
    let vars = [
        ("RUNDBRIEF_LISTEN".to_owned(), "127.0.0.1:9001".to_owned()),
        ("RUNDBRIEF_UNRELATED".to_owned(), "x".to_owned()),
        ("RUNDBRIEF_REGIONS".to_owned(), String::new()),
        ("HOME".to_owned(), "/root".to_owned()),
    ];
    let config =
        Config::from_settings(extract(&layered(Some(&file), vars.into_iter())).expect("valid"))
            .expect("valid");
    assert_eq!(config.listen.port(), 9001);
    assert_eq!(config.fallback_languages, vec![Language::En, Language::De]);
}

#[test]
fn unknown_file_keys_are_refused_with_the_known_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("rundbrief.toml");
    std::fs::write(&file, "lisen = \":0\"\n").expect("write");
    let err = extract(&layered(Some(&file), std::iter::empty())).expect_err("typo");
    let message = format!("{err:#}");
    assert!(message.contains("lisen") && message.contains("listen"), "{message}");
}

#[test]
fn text_that_looks_like_a_number_stays_text() {
    let config = with(&[("secret_key", "12345678901234567890123456789012345"), ("regions", "7")])
        .expect("valid");
    assert_eq!(config.secret_key.as_deref(), Some("12345678901234567890123456789012345"));
    assert_eq!(config.regions, vec!["7".to_owned()]);
}

#[test]
fn debug_output_hides_secrets() {
    let config = with(&[
        ("secret_key", "very-secret-key-material-0123456789"),
        ("database_url", "postgres://app:hunter2@db/rundbrief"),
        ("smtp_url", "smtp://mailer:smtp-pass-77@mail.example.org:587?tls=starttls"),
    ])
    .expect("valid");
    let shown = format!("{config:?}");
    assert!(!shown.contains("very-secret"), "{shown}");
    assert!(!shown.contains("hunter2"), "{shown}");
    assert!(!shown.contains("smtp-pass-77"), "{shown}");
    assert!(shown.contains("mail.example.org"), "{shown}");
}

/// A default as the README writes it: text as is, whole numbers without a fraction,
/// nothing for a setting that is unset by default.
fn shown(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::Null => None,
        serde_json::Value::String(text) if text.is_empty() => None,
        serde_json::Value::String(text) => Some(text.clone()),
        serde_json::Value::Number(n) => Some(match n.as_f64() {
            Some(f) if f.fract() == 0.0 => format!("{}", f as i64),
            _ => n.to_string(),
        }),
        other => Some(other.to_string()),
    }
}

/// The README's configuration table names every key, and each default there is the one
/// in `Settings::default()`: a default changed in the code only fails here.
#[test]
fn the_readme_table_matches_the_keys_and_defaults() {
    let readme = include_str!("../../README.md");
    let defaults = serde_json::to_value(Settings::default()).expect("serialisable");
    let mut documented = Vec::new();
    for row in readme.lines().filter(|l| l.starts_with("| `RUNDBRIEF_")) {
        let cells: Vec<&str> = row.split(" | ").collect();
        assert!(cells.len() >= 3, "malformed row: {row}");
        let keys: Vec<String> = cells[0]
            .split('`')
            .filter(|t| t.starts_with(ENV_PREFIX))
            .map(|t| t[ENV_PREFIX.len()..].to_ascii_lowercase())
            .collect();
        let parts: Vec<&str> = cells[1].split(", ").collect();
        for (i, key) in keys.iter().enumerate() {
            let part = if parts.len() == keys.len() { parts[i] } else { cells[1] };
            let token = part.strip_prefix('`').and_then(|t| t.split('`').next());
            let code = defaults.get(key).unwrap_or_else(|| panic!("README names {key}"));
            match (token, shown(code)) {
                // A default derived from another setting (`<data dir>`, `<listen address>`).
                (Some(t), None) if t.contains('<') => {}
                (Some(t), Some(value)) => assert_eq!(t, value, "default of {key}"),
                (None, None) => {}
                (token, value) => panic!("{key}: README says {token:?}, the code {value:?}"),
            }
            documented.push(key.clone());
        }
    }
    documented.sort();
    let mut keys: Vec<String> = KEYS.iter().map(|k| (*k).to_owned()).collect();
    keys.sort();
    assert_eq!(documented, keys, "README rows and configuration keys differ");
    let mut fields: Vec<String> = defaults.as_object().expect("a table").keys().cloned().collect();
    fields.sort();
    assert_eq!(fields, keys, "KEYS and the fields of Settings differ");
}

/// The compose file sets only keys the binary reads: a misspelt or removed key there would be
/// ignored silently, and the deployment would run on a default.
#[test]
fn the_compose_file_names_only_known_keys() {
    let compose = include_str!("../../docker-compose.yml");
    let mut named = Vec::new();
    for (start, _) in compose.match_indices(ENV_PREFIX) {
        let rest = &compose[start + ENV_PREFIX.len()..];
        let end = rest
            .find(|c: char| !(c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'))
            .unwrap_or(rest.len());
        named.push(rest[..end].to_ascii_lowercase());
    }
    assert!(named.len() >= 6, "the compose file's keys were not found: {named:?}");
    for key in &named {
        assert!(
            KEYS.contains(&key.as_str()),
            "docker-compose.yml sets RUNDBRIEF_{}, an unknown key",
            key.to_ascii_uppercase()
        );
    }
    let defaults = serde_json::to_value(Settings::default()).expect("serialisable");
    for key in &named {
        assert!(defaults.get(key).is_some(), "{key} is no field of Settings");
    }
}

#[test]
fn the_bounce_mailbox_is_read_from_its_url_and_its_password_never_shown() {
    assert!(with(&[]).expect("valid").bounce_mailbox.is_none(), "not polled unless set");
    let config = with(&[
        ("bounce_imap_url", "imaps://bounces%40example.org:imap-pass-31@mail.example.org/Bounces"),
        ("bounce_imap_processed_folder", "Done"),
        ("bounce_imap_interval", "30"),
    ])
    .expect("valid");
    let mailbox = config.bounce_mailbox.as_ref().expect("polled");
    assert_eq!((mailbox.folder.as_str(), mailbox.processed_folder.as_str()), ("Bounces", "Done"));
    assert_eq!(mailbox.interval, Duration::from_secs(30));
    let shown = format!("{config:?}");
    assert!(!shown.contains("imap-pass-31") && shown.contains("mail.example.org"), "{shown}");
    let refused = with(&[("bounce_imap_url", "imap://u:imap-pass-31@mail.example.org/?tls=none")])
        .expect_err("plain text to another host");
    let said = format!("{refused:#}");
    assert!(
        said.starts_with("RUNDBRIEF_BOUNCE_IMAP_URL") && !said.contains("imap-pass-31"),
        "{said}"
    );
}
