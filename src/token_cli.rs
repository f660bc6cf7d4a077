//! `rundbrief token create|list|revoke`: API tokens on the command line, the same use cases as
//! the admin UI's `/admin/tokens`. The secret is printed once, at creation; the database keeps
//! only its hash, so `list` cannot show it.

use std::io::Write as _;

use clap::Subcommand;
use rundbrief_app::AppError;
use rundbrief_app::tokens;
use rundbrief_core::ApiTokenId;
use rundbrief_core::model::{ApiToken, TokenScope};
use rundbrief_store::Store;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

#[derive(Subcommand)]
pub enum TokenCommand {
    /// Create an API token and print it once; the database stores only its hash.
    Create {
        /// What the token is for, e.g. the system that uses it.
        #[arg(long)]
        name: String,
        /// What it may do: read (GET only), write (read plus changes to subscribers, lists,
        /// issues, variants, imports) or send (write plus sending, scheduling, pausing,
        /// resuming, cancelling and test mails). Without it: send, what every token could do
        /// before scopes existed, so existing scripts keep working.
        #[arg(long, default_value = "send")]
        scope: TokenScope,
        /// When it stops working: a duration (90d, 12h, 30m, 45s) or a date (2027-01-01, from
        /// the start of that day, UTC). Without it the token works until revoked.
        #[arg(long, value_name = "WHEN")]
        expires: Option<String>,
    },
    /// List every token: id, name, scope, created, expires, last use, revoked. Never the
    /// secret, which is not stored.
    List,
    /// Revoke a token by its id; it is refused from now on (401) and stays in the list.
    Revoke {
        /// The token's id, as `token list` shows it.
        id: i64,
    },
}

pub async fn run(store: &dyn Store, command: TokenCommand) -> anyhow::Result<()> {
    let now = OffsetDateTime::now_utc();
    match command {
        TokenCommand::Create { name, scope, expires } => {
            let expires_at = expires
                .as_deref()
                .map(|text| tokens::parse_expiry(text, now))
                .transpose()
                .map_err(plain)?;
            let (token, secret) = tokens::create(
                store,
                &name,
                scope,
                expires_at,
                now,
                rundbrief_app::audit::AuditActor::Cli,
            )
            .await
            .map_err(plain)?;
            tracing::info!(token = %token.id, scope = %token.scope, "API token created");
            let mut out = std::io::stdout().lock();
            writeln!(out, "{secret}")?;
            writeln!(out)?;
            writeln!(
                out,
                "API token {} ({}, scope {}{}) created. It is shown only this once; send it as",
                token.id,
                token.name,
                token.scope,
                token
                    .expires_at
                    .map(|at| format!(", expires {}", time_text(at)))
                    .unwrap_or_default()
            )?;
            writeln!(out, "`Authorization: Bearer <token>`.")?;
            Ok(())
        }
        TokenCommand::List => {
            let all = store.api_tokens().await?;
            let mut out = std::io::stdout().lock();
            out.write_all(table(&all, now).as_bytes())?;
            Ok(())
        }
        TokenCommand::Revoke { id } => {
            match tokens::revoke(store, ApiTokenId(id), now, rundbrief_app::audit::AuditActor::Cli)
                .await
            {
                Ok(()) => {
                    tracing::info!(token = id, "API token revoked");
                    writeln!(std::io::stdout().lock(), "API token {id} revoked.")?;
                    Ok(())
                }
                Err(AppError::NotFound(_)) => {
                    anyhow::bail!("no API token has the id {id}; `rundbrief token list` shows them")
                }
                Err(other) => Err(other.into()),
            }
        }
    }
}

/// The use case's refusal as one line (`expires: must be in the future`).
fn plain(error: AppError) -> anyhow::Error {
    match error {
        AppError::Invalid(fields) => anyhow::anyhow!(
            "{}",
            fields
                .iter()
                .map(|f| format!("--{}: {}", f.field, f.reason))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        other => anyhow::anyhow!("{other}"),
    }
}

fn time_text(at: OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_default()
}

/// The list as aligned columns; `-` for what is not set, and `(expired)` after an expiry that
/// has passed.
fn table(tokens: &[ApiToken], now: OffsetDateTime) -> String {
    let optional = |at: Option<OffsetDateTime>| at.map(time_text).unwrap_or_else(|| "-".into());
    let mut rows = vec![
        ["ID", "NAME", "SCOPE", "CREATED", "EXPIRES", "LAST USED", "REVOKED"].map(str::to_owned),
    ];
    for token in tokens {
        let mut expires = optional(token.expires_at);
        if token.expires_at.is_some_and(|at| at <= now) {
            expires.push_str(" (expired)");
        }
        rows.push([
            token.id.0.to_string(),
            token.name.clone(),
            token.scope.to_string(),
            time_text(token.created_at),
            expires,
            optional(token.last_used_at),
            optional(token.revoked_at),
        ]);
    }
    let mut widths = [0usize; 7];
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in &rows {
        let cells: Vec<String> =
            row.iter().zip(widths).map(|(cell, width)| format!("{cell:<width$}")).collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn the_list_shows_every_column_and_marks_what_has_expired() {
        let now = datetime!(2026-12-06 15:00:00 UTC);
        let token = ApiToken {
            id: ApiTokenId(3),
            name: "crm".into(),
            token_hash: "secret-hash".into(),
            scope: TokenScope::Read,
            created_at: datetime!(2026-12-01 10:00:00 UTC),
            expires_at: Some(datetime!(2026-12-02 00:00:00 UTC)),
            revoked_at: None,
            last_used_at: Some(datetime!(2026-12-01 11:00:00 UTC)),
        };
        let text = table(&[token], now);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("ID  NAME  SCOPE"), "{text}");
        assert!(lines[1].contains("read"), "{text}");
        assert!(lines[1].contains("2026-12-02T00:00:00Z (expired)"), "{text}");
        assert!(lines[1].contains("2026-12-01T11:00:00Z"), "{text}");
        assert!(lines[1].ends_with('-'), "not revoked: {text}");
        assert!(!text.contains("secret-hash"));
    }
}
