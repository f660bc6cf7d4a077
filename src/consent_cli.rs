//! `rundbrief consent export`: the consent log as CSV on the command line, the same file the
//! editor UI and `GET /api/v1/consent-log` give, written page by page.

use std::io::Write as _;
use std::path::PathBuf;

use anyhow::Context;
use clap::Subcommand;
use rundbrief_app::consent::{ConsentExport, write_csv};
use rundbrief_core::model::SubscriberFilter;
use rundbrief_core::{Language, ListId, SubscriberId, SubscriberStatus};
use rundbrief_store::Store;

#[derive(Subcommand)]
pub enum ConsentCommand {
    /// Write the consent log as CSV: subscriber_id, event, text_version, language, time (RFC
    /// 3339, UTC), ip, user_agent. Without options: everyone's events.
    Export {
        /// Only this subscriber's events.
        #[arg(long)]
        subscriber: Option<i64>,
        /// Only subscribers of this list (its id).
        #[arg(long)]
        list: Option<i64>,
        /// Only subscribers with this status (pending, active, unsubscribed, bounced,
        /// complained, erased).
        #[arg(long)]
        status: Option<SubscriberStatus>,
        /// Only subscribers of this language.
        #[arg(long, value_parser = crate::parse_language)]
        language: Option<Language>,
        /// Write to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

pub async fn run(store: &dyn Store, command: ConsentCommand) -> anyhow::Result<()> {
    let ConsentCommand::Export { subscriber, list, status, language, output } = command;
    let export = ConsentExport {
        subscriber: subscriber.map(SubscriberId),
        filter: SubscriberFilter { status, language, list: list.map(ListId), ..Default::default() },
    };
    let (mut out, target) = crate::export_cli::open_output(output.as_deref())?;
    let count = write_csv(store, &export, &mut *out, rundbrief_app::audit::AuditActor::Cli).await?;
    out.flush().with_context(|| format!("cannot write {target}"))?;
    tracing::info!(events = count, "consent log exported");
    Ok(())
}
