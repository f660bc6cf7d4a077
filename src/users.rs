//! `rundbrief user create` and `rundbrief user list`, and the setup link `rundbrief serve`
//! logs while no account exists.

use std::io::{IsTerminal, Write};

use anyhow::{Context, bail};
use clap::Subcommand;
use rundbrief_app::AppError;
use rundbrief_app::accounts::{self, MIN_PASSWORD_CHARS};
use rundbrief_core::TokenSigner;
use rundbrief_core::model::Role;
use rundbrief_store::Store;

use crate::config::Config;

/// Where a script hands over the password; a terminal is asked instead when it is unset.
const PASSWORD_ENV: &str = "RUNDBRIEF_USER_PASSWORD";

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create an editor account. The password comes from RUNDBRIEF_USER_PASSWORD or is asked
    /// for on the terminal.
    Create {
        /// The address the editor signs in with.
        #[arg(long)]
        email: String,
        /// admin (everything: accounts, settings, API tokens), editor (compose, send,
        /// subscribers, imports), translator (edits the variants of --languages only) or
        /// viewer (read only).
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// A translator's languages, comma-separated codes (pl,ro); required for a
        /// translator, refused for other roles.
        #[arg(long)]
        languages: Option<String>,
    },
    /// List the accounts: id, e-mail address, role, languages, created.
    List,
    /// Remove an account's two-factor sign-in (its authenticator secret and recovery codes),
    /// for an editor who lost both. The account signs in with its password again, and sets two
    /// factors up anew at once if administrators require them.
    #[command(name = "reset-2fa")]
    ResetTwoFactor {
        /// The address the editor signs in with.
        email: String,
    },
}

fn parse_role(value: &str) -> Result<Role, String> {
    value.parse::<Role>().map_err(|e| e.to_string())
}

pub async fn run(config: &Config, command: UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::Create { email, role, languages } => {
            // Checked before connecting, so a typo costs no database round trip.
            let languages = match accounts::parse_languages(languages.as_deref().unwrap_or("")) {
                Ok(languages) => languages,
                Err(error) => bail!("--languages: {}", error.reason),
            };
            if role.has_languages() && languages.is_empty() {
                bail!("a translator needs --languages, e.g. --languages pl,ro");
            }
            if !role.has_languages() && !languages.is_empty() {
                bail!("--languages is only for the role translator, not for {role}");
            }
            let password = password()?;
            if let Err(error) = accounts::check_password(&password) {
                bail!("the password {}", error.reason);
            }
            let store = crate::db::connect(config).await?;
            create(&*store, &email, &password, role, &languages).await
        }
        UserCommand::List => {
            let store = crate::db::connect(config).await?;
            list(&*store).await
        }
        UserCommand::ResetTwoFactor { email } => {
            let email = rundbrief_core::EmailAddress::parse(&email)
                .map_err(|e| anyhow::anyhow!("not an e-mail address: {e}"))?;
            let store = crate::db::connect(config).await?;
            let Some(user) =
                store.user_by_email(&email).await.context("cannot read the account")?
            else {
                bail!("no account has this e-mail address");
            };
            store.remove_two_factor(user.id).await.context("cannot reset two-factor sign-in")?;
            tracing::info!(user = %user.id, "two-factor sign-in reset on the command line");
            let now = time::OffsetDateTime::now_utc();
            let target = Some(rundbrief_app::audit::Target::new("account", user.id.0));
            let action = "account.two_factor_reset";
            rundbrief_app::audit::record(
                &*store,
                now,
                rundbrief_app::audit::AuditActor::Cli,
                action,
                target,
                serde_json::Value::Null,
            )
            .await;
            let mut out = std::io::stdout().lock();
            writeln!(out, "Two-factor sign-in of account {} is reset.", user.id)?;
            Ok(())
        }
    }
}

async fn list(store: &dyn Store) -> anyhow::Result<()> {
    let users = store.users().await.context("cannot read the accounts")?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "id\temail\trole\tlanguages\tcreated")?;
    for user in users {
        let languages: Vec<&str> = user.languages.iter().map(|l| l.code()).collect();
        let languages = if languages.is_empty() { "-".to_owned() } else { languages.join(",") };
        let created = user
            .created_at
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        writeln!(out, "{}\t{}\t{}\t{languages}\t{created}", user.id, user.email, user.role)?;
    }
    Ok(())
}

fn password() -> anyhow::Result<String> {
    if let Ok(password) = std::env::var(PASSWORD_ENV) {
        return Ok(password);
    }
    if !std::io::stdin().is_terminal() {
        bail!("no password: set {PASSWORD_ENV} or run the command on a terminal");
    }
    let first = rpassword::prompt_password(format!(
        "Password (at least {MIN_PASSWORD_CHARS} characters): "
    ))
    .context("cannot read the password from the terminal")?;
    let second = rpassword::prompt_password("Repeat the password: ")
        .context("cannot read the password from the terminal")?;
    if first != second {
        bail!("the two passwords differ");
    }
    Ok(first)
}

async fn create(
    store: &dyn Store,
    email: &str,
    password: &str,
    role: Role,
    languages: &[rundbrief_core::Language],
) -> anyhow::Result<()> {
    let now = time::OffsetDateTime::now_utc();
    let user = match accounts::create_user(
        store,
        email,
        password,
        role,
        languages,
        now,
        Some(rundbrief_app::audit::AuditActor::Cli),
    )
    .await
    {
        Ok(user) => user,
        Err(AppError::Invalid(errors)) => {
            let reasons: Vec<String> =
                errors.iter().map(|e| format!("the {} {}", e.field, e.reason)).collect();
            bail!("{}", reasons.join("; "))
        }
        Err(AppError::Conflict(_)) => bail!("an account with this e-mail address exists already"),
        Err(error) => return Err(error).context("cannot create the account"),
    };
    tracing::info!(user = %user.id, role = %user.role, "account created");
    let mut out = std::io::stdout().lock();
    if user.languages.is_empty() {
        writeln!(out, "Account {} created with the role {}.", user.id, user.role)?;
    } else {
        let languages: Vec<&str> = user.languages.iter().map(|l| l.code()).collect();
        writeln!(
            out,
            "Account {} created with the role {} for the languages {}.",
            user.id,
            user.role,
            languages.join(",")
        )?;
    }
    Ok(())
}

/// Logs the one-time setup link while no account exists, so the first administrator can be
/// created in the browser. The link is a secret for as long as it works; it goes to the log
/// because that is where the operator of a fresh install looks.
pub async fn announce_setup(
    store: &dyn Store,
    signer: &TokenSigner,
    public_url: &str,
) -> anyhow::Result<()> {
    let now = time::OffsetDateTime::now_utc();
    let link = accounts::setup_link(store, signer, public_url, now)
        .await
        .context("cannot check for accounts")?;
    if let Some(link) = link {
        tracing::warn!(
            "no account exists yet: open {link} within {} hours to create the first administrator",
            accounts::SETUP_TTL.whole_hours()
        );
    }
    Ok(())
}
