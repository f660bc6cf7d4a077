//! `RUNDBRIEF_BOUNCE_IMAP_URL` and its companions: where the bounce mailbox is, how to reach
//! it safely, which folder to read and where processed mails go.

use std::fmt;
use std::net::IpAddr;
use std::time::Duration;

/// How the connection is protected. Plain text exists only for a server on this machine
/// (`?tls=none`), since the URL carries the mailbox password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImapSecurity {
    /// `imaps://`: TLS from the first byte (port 993 unless given).
    Tls,
    /// `imap://`: STARTTLS, required; a server that does not offer it is refused.
    StartTls,
    /// `imap://…?tls=none`: no TLS, only to a loopback address.
    None,
}

/// The bounce mailbox: server, account, folders and poll interval.
#[derive(Clone, PartialEq, Eq)]
pub struct MailboxSettings {
    pub host: String,
    pub port: u16,
    pub security: ImapSecurity,
    pub user: String,
    pub password: String,
    /// The folder that is read (the URL's path; `INBOX` without one).
    pub folder: String,
    /// Where processed mails are moved to; created when missing.
    pub processed_folder: String,
    /// Time between two polls.
    pub interval: Duration,
}

impl fmt::Debug for MailboxSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MailboxSettings")
            .field("url", &self.redacted_url())
            .field("processed_folder", &self.processed_folder)
            .field("interval", &self.interval)
            .finish()
    }
}

impl MailboxSettings {
    /// Reads `url` (`imaps://user:password@host[:port][/folder]`, `imap://…` for STARTTLS,
    /// `imap://…?tls=none` for plain text to loopback). User and password are percent-decoded,
    /// so an address as user name is written `user%40example.org`.
    pub fn from_url(
        input: &str,
        processed_folder: &str,
        interval: Duration,
    ) -> Result<Self, String> {
        let url = url::Url::parse(input.trim()).map_err(|e| format!("not a URL: {e}"))?;
        let (default_port, tls) = match url.scheme() {
            "imaps" => (993, ImapSecurity::Tls),
            "imap" => (143, ImapSecurity::StartTls),
            other => return Err(format!("scheme '{other}' is neither imaps nor imap")),
        };
        let host = match url.host() {
            Some(url::Host::Ipv6(ip)) => ip.to_string(),
            Some(host) => host.to_string(),
            None => return Err("the URL names no host".to_owned()),
        };
        let decode = |text: &str, what: &str| {
            percent_encoding::percent_decode_str(text)
                .decode_utf8()
                .map(|t| t.into_owned())
                .map_err(|_| format!("the {what} is not UTF-8 once decoded"))
        };
        let user = decode(url.username(), "user name")?;
        let password = decode(url.password().unwrap_or_default(), "password")?;
        if user.is_empty() || password.is_empty() {
            return Err("the URL needs a user and a password: imaps://user:password@host".into());
        }
        let mut security = tls;
        for (key, value) in url.query_pairs() {
            match (key.as_ref(), value.as_ref(), tls) {
                ("tls", "none", ImapSecurity::StartTls) => security = ImapSecurity::None,
                ("tls", "starttls", ImapSecurity::StartTls) => {}
                _ => return Err(format!("unknown option {key}={value}; only imap://…?tls=none")),
            }
        }
        if security == ImapSecurity::None && !is_loopback(&host) {
            return Err(format!(
                "?tls=none sends the password in plain text and is allowed only to a loopback \
                 address, not to {host}; use imaps:// or imap:// (STARTTLS)"
            ));
        }
        let folder = decode(url.path().trim_start_matches('/'), "folder")?;
        let folder = if folder.is_empty() { "INBOX".to_owned() } else { folder };
        let processed_folder = processed_folder.trim().to_owned();
        if processed_folder.is_empty() || processed_folder.eq_ignore_ascii_case(&folder) {
            return Err("the processed folder must be another folder than the one read".into());
        }
        if [&folder, &processed_folder].iter().any(|f| f.contains(['\r', '\n', '"', '\\'])) {
            return Err("folder names cannot hold quotes, backslashes or line breaks".into());
        }
        if interval.is_zero() {
            return Err("the poll interval must be at least 1 second".into());
        }
        Ok(Self {
            host,
            port: url.port().unwrap_or(default_port),
            security,
            user,
            password,
            folder,
            processed_folder,
            interval,
        })
    }

    /// The URL without the password, for logs.
    pub fn redacted_url(&self) -> String {
        let scheme = if self.security == ImapSecurity::Tls { "imaps" } else { "imap" };
        let host =
            if self.host.contains(':') { format!("[{}]", self.host) } else { self.host.clone() };
        let query = if self.security == ImapSecurity::None { "?tls=none" } else { "" };
        format!("{scheme}://{}:***@{host}:{}/{}{query}", self.user, self.port, self.folder)
    }
}

/// `localhost` or an address of the loopback network: a connection that never leaves the host.
fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: Duration = Duration::from_secs(60);

    fn parse(url: &str) -> Result<MailboxSettings, String> {
        MailboxSettings::from_url(url, "Processed", MINUTE)
    }

    #[test]
    fn imaps_is_tls_on_993_and_reads_inbox_by_default() {
        let s = parse("imaps://bounces%40example.org:s3cr%2Ft@mail.example.org").expect("valid");
        assert_eq!(
            (s.host.as_str(), s.port, s.security),
            ("mail.example.org", 993, ImapSecurity::Tls)
        );
        assert_eq!((s.user.as_str(), s.password.as_str()), ("bounces@example.org", "s3cr/t"));
        assert_eq!(s.folder, "INBOX");
        assert!(!format!("{s:?}").contains("s3cr"), "the password never shows: {s:?}");
        assert_eq!(s.redacted_url(), "imaps://bounces@example.org:***@mail.example.org:993/INBOX");
    }

    #[test]
    fn imap_is_starttls_with_the_folder_from_the_path() {
        let s = parse("imap://u:p@mail.example.org:1143/INBOX.Bounces").expect("valid");
        assert_eq!((s.port, s.security), (1143, ImapSecurity::StartTls));
        assert_eq!(s.folder, "INBOX.Bounces");
    }

    #[test]
    fn plain_text_only_to_loopback() {
        let s = parse("imap://u:p@127.0.0.1:1143/?tls=none").expect("loopback may");
        assert_eq!(s.security, ImapSecurity::None);
        assert!(parse("imap://u:p@[::1]/?tls=none").is_ok());
        let refused = parse("imap://u:p@mail.example.org/?tls=none").expect_err("remote may not");
        assert!(refused.contains("loopback"), "{refused}");
        assert!(parse("imaps://u:p@127.0.0.1/?tls=none").is_err(), "imaps is always TLS");
    }

    #[test]
    fn refuses_what_cannot_work() {
        assert!(parse("pop3://u:p@mail.example.org").is_err());
        assert!(parse("imaps://mail.example.org").is_err(), "no credentials");
        assert!(parse("imaps://u:p@mail.example.org/?tls=maybe").is_err());
        assert!(MailboxSettings::from_url("imaps://u:p@h/INBOX", "inbox", MINUTE).is_err());
        assert!(MailboxSettings::from_url("imaps://u:p@h", "Processed", Duration::ZERO).is_err());
    }
}
