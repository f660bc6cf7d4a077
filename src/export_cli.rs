//! `rundbrief export subscribers`: the subscriber export as CSV on the command line, the same
//! file the editor UI and `GET /api/v1/subscribers.csv` give, written page by page.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Subcommand;
use rundbrief_app::consent::write_csv;
use rundbrief_core::model::SubscriberFilter;
use rundbrief_core::{Language, ListId, SubscriberStatus};
use rundbrief_store::Store;

#[derive(Subcommand)]
pub enum ExportCommand {
    /// Write subscribers as CSV: id, email, name, language, status, region, audience, lists
    /// (slugs separated by commas), attributes (a JSON object), created_at, confirmed_at (RFC
    /// 3339, UTC). `rundbrief import` takes the file back. Without options: everyone.
    Subscribers {
        /// Only subscribers with this status (pending, active, unsubscribed, bounced,
        /// complained, erased).
        #[arg(long)]
        status: Option<SubscriberStatus>,
        /// Only subscribers of this language.
        #[arg(long, value_parser = crate::parse_language)]
        language: Option<Language>,
        /// Only subscribers of this list (its slug or id).
        #[arg(long)]
        list: Option<String>,
        /// Write to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// The list `slug_or_id` names.
async fn list_id(store: &dyn Store, slug_or_id: &str) -> anyhow::Result<ListId> {
    let lists = store.lists().await?;
    lists
        .iter()
        .find(|l| l.slug == slug_or_id || l.id.0.to_string() == slug_or_id)
        .map(|l| l.id)
        .with_context(|| format!("no list '{slug_or_id}' (give its slug or id)"))
}

pub async fn run(store: &dyn Store, command: ExportCommand) -> anyhow::Result<()> {
    let ExportCommand::Subscribers { status, language, list, output } = command;
    let list = match list {
        Some(list) => Some(list_id(store, &list).await?),
        None => None,
    };
    let filter = SubscriberFilter { status, language, list, ..Default::default() };
    let (mut out, target) = open_output(output.as_deref())?;
    let count = write_csv(store, &filter, &mut *out, rundbrief_app::audit::AuditActor::Cli).await?;
    out.flush().with_context(|| format!("cannot write {target}"))?;
    tracing::info!(subscribers = count, "subscribers exported");
    Ok(())
}

/// Where a CLI export goes: the file at `output` (created, buffered) or standard output, and
/// how to name it in an error.
pub(crate) fn open_output(output: Option<&Path>) -> anyhow::Result<(Box<dyn Write>, String)> {
    match output {
        Some(path) => {
            let file = std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            Ok((Box::new(std::io::BufWriter::new(file)), path.display().to_string()))
        }
        None => Ok((Box::new(std::io::stdout().lock()), "to standard output".to_owned())),
    }
}
