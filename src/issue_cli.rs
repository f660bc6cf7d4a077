//! `rundbrief issue send|schedule|pause|resume|cancel|progress`: the sending controls on the
//! command line, through the same use cases as the API (and `export-translation`,
//! `import-translation`, carried out by `translation_cli`).

use std::io::Write as _;
use std::time::Duration;

use anyhow::Context;
use clap::Subcommand;
use rundbrief_app::campaign::{Campaigns, Progress};
use rundbrief_core::IssueId;
use rundbrief_core::model::IssueStatus;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

#[derive(Subcommand)]
pub enum IssueCommand {
    /// Send a draft or scheduled issue now.
    Send {
        issue: i64,
        /// Print progress until the issue is sent, paused or cancelled (a worker must run).
        #[arg(long)]
        wait: bool,
    },
    /// Schedule a draft for a later time (RFC 3339, e.g. 2026-12-01T08:00:00+01:00).
    Schedule {
        issue: i64,
        #[arg(long, value_parser = parse_time)]
        at: OffsetDateTime,
    },
    /// Stop a sending issue after the messages already on the wire.
    Pause { issue: i64 },
    /// Continue a paused issue where it stopped.
    Resume { issue: i64 },
    /// Cancel an issue that has not finished; nothing more is sent.
    Cancel { issue: i64 },
    /// Counts per status and language, rate and ETA.
    Progress {
        issue: i64,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Write a translation file of the base variant for LANG (to standard output or --out).
    ExportTranslation {
        issue: i64,
        #[arg(long, value_parser = crate::parse_language)]
        lang: rundbrief_core::Language,
        /// xliff2, xliff12 or po.
        #[arg(long, value_parser = crate::translation_cli::parse_format)]
        format: rundbrief_render::translation::TranslationFormat,
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
    /// Check a translation file and save it as the next revision of its language's variant;
    /// exits 1 naming each unit that does not fit (nothing is saved then).
    ImportTranslation { issue: i64, file: std::path::PathBuf },
}

impl IssueCommand {
    /// The translation-file commands, which need the use cases rather than the campaigns.
    pub fn translation(&self) -> Option<crate::translation_cli::TranslationCommand> {
        use crate::translation_cli::TranslationCommand;
        match self {
            Self::ExportTranslation { issue, lang, format, out } => {
                Some(TranslationCommand::Export {
                    issue: *issue,
                    lang: *lang,
                    format: *format,
                    out: out.clone(),
                })
            }
            Self::ImportTranslation { issue, file } => {
                Some(TranslationCommand::Import { issue: *issue, file: file.clone() })
            }
            _ => None,
        }
    }

    fn issue(&self) -> i64 {
        match self {
            Self::Send { issue, .. }
            | Self::Schedule { issue, .. }
            | Self::Pause { issue }
            | Self::Resume { issue }
            | Self::Cancel { issue }
            | Self::Progress { issue, .. }
            | Self::ExportTranslation { issue, .. }
            | Self::ImportTranslation { issue, .. } => *issue,
        }
    }
}

fn parse_time(value: &str) -> Result<OffsetDateTime, String> {
    OffsetDateTime::parse(value, &Rfc3339).map_err(|e| {
        format!("'{value}' is not an RFC 3339 time like 2026-12-01T08:00:00+01:00: {e}")
    })
}

pub async fn run(campaigns: &Campaigns, command: IssueCommand) -> anyhow::Result<()> {
    let issue = command.issue();
    control(campaigns, command).await.map_err(|error| match error.downcast_ref() {
        // The one error whose generic text ("issue not found") would not name the issue.
        Some(rundbrief_app::AppError::NotFound(_)) => {
            anyhow::anyhow!("issue {issue} does not exist")
        }
        _ => error,
    })
}

async fn control(campaigns: &Campaigns, command: IssueCommand) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match command {
        IssueCommand::Send { issue, wait } => {
            let started =
                campaigns.send_now(rundbrief_app::audit::AuditActor::Cli, IssueId(issue)).await?;
            writeln!(out, "issue {issue} is sending to {} recipients", started.recipients)?;
            drop(out);
            if wait {
                follow(campaigns, IssueId(issue)).await?;
            }
        }
        IssueCommand::Schedule { issue, at } => {
            let scheduled = campaigns
                .schedule(rundbrief_app::audit::AuditActor::Cli, IssueId(issue), at)
                .await?;
            let when = scheduled.scheduled_at.unwrap_or(at).format(&Rfc3339)?;
            writeln!(out, "issue {issue} is scheduled for {when}")?;
        }
        IssueCommand::Pause { issue } => {
            campaigns.pause(rundbrief_app::audit::AuditActor::Cli, IssueId(issue)).await?;
            writeln!(out, "issue {issue} is paused")?;
        }
        IssueCommand::Resume { issue } => {
            campaigns.resume(rundbrief_app::audit::AuditActor::Cli, IssueId(issue)).await?;
            writeln!(out, "issue {issue} is sending again")?;
        }
        IssueCommand::Cancel { issue } => {
            campaigns.cancel(rundbrief_app::audit::AuditActor::Cli, IssueId(issue)).await?;
            writeln!(out, "issue {issue} is cancelled")?;
        }
        IssueCommand::ExportTranslation { .. } | IssueCommand::ImportTranslation { .. } => {
            anyhow::bail!("translation files are handled by translation_cli")
        }
        IssueCommand::Progress { issue, json } => {
            let progress = campaigns.progress(IssueId(issue)).await?;
            if json {
                serde_json::to_writer_pretty(&mut out, &progress)
                    .context("cannot write the progress")?;
                writeln!(out)?;
            } else {
                print_table(&mut out, &progress)?;
            }
        }
    }
    Ok(())
}

/// Prints one progress line a second until the issue stops sending.
async fn follow(campaigns: &Campaigns, issue: IssueId) -> anyhow::Result<()> {
    loop {
        let progress = campaigns.progress(issue).await?;
        let total = &progress.total;
        let mut out = std::io::stdout().lock();
        writeln!(
            out,
            "{:>3}% sent {} failed {} bounced {} skipped {} open {} ({:.0}/s)",
            progress.percent_done(),
            total.sent,
            total.failed,
            total.bounced,
            total.skipped,
            total.open(),
            progress.rate_per_second
        )?;
        if progress.status != IssueStatus::Sending {
            writeln!(out, "issue {issue} is {}", progress.status)?;
            if let Some(reason) = &progress.status_reason {
                writeln!(out, "{reason}")?;
            }
            return Ok(());
        }
        drop(out);
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

fn print_table(out: &mut impl std::io::Write, progress: &Progress) -> anyhow::Result<()> {
    writeln!(
        out,
        "issue {} is {} ({}% done)",
        progress.issue,
        progress.status,
        progress.percent_done()
    )?;
    if let Some(reason) = &progress.status_reason {
        writeln!(out, "reason: {reason}")?;
    }
    writeln!(
        out,
        "{:<6}{:>9}{:>9}{:>9}{:>9}{:>9}{:>9}",
        "lang", "pending", "sending", "sent", "failed", "bounced", "skipped"
    )?;
    let rows = progress.by_language.iter().map(|(l, p)| (l.code(), p));
    for (label, p) in rows.chain(std::iter::once(("all", &progress.total))) {
        writeln!(
            out,
            "{label:<6}{:>9}{:>9}{:>9}{:>9}{:>9}{:>9}",
            p.pending, p.sending, p.sent, p.failed, p.bounced, p.skipped
        )?;
    }
    match progress.eta_seconds {
        Some(eta) => writeln!(out, "rate {:.1}/s, about {eta} s left", progress.rate_per_second)?,
        None => writeln!(out, "rate {:.1}/s", progress.rate_per_second)?,
    }
    Ok(())
}
