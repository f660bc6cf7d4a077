//! `rundbrief bounces process [FILE]`: one mail that came back (a bounce, a feedback report, an
//! auto-reply), from FILE or standard input, read and recorded as the worker's ways in do.
//! Behind a mail server it is the pipe a transport hands each mail to the bounce domain, e.g.
//! Postfix `bounces unix - n n - - pipe user=rundbrief argv=/usr/bin/rundbrief bounces process
//! --to ${recipient}`; by hand it replays a saved `.eml`.

use std::io::{Read, Write as _};
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use clap::Subcommand;
use rundbrief_app::bounces::BounceApplied;
use rundbrief_app::returned::{MAX_RETURNED_MAIL_BYTES, Returned};
use rundbrief_core::verp::Verp;
use rundbrief_store::BounceSource;

use crate::config::Config;
use crate::{db, secret, wiring};

#[derive(Subcommand)]
pub enum BouncesCommand {
    /// Read one returned mail and record what it reports (exit 0 also when it is no bounce).
    Process {
        /// The mail (RFC 5322, e.g. a saved .eml); standard input when absent or `-`.
        file: Option<PathBuf>,
        /// The address the mail was delivered to (the envelope recipient), when the mail
        /// server knows it; otherwise the mail's Delivered-To, X-Original-To or To header.
        #[arg(long)]
        to: Option<String>,
    },
}

pub async fn run(config: &Config, command: BouncesCommand) -> anyhow::Result<()> {
    let BouncesCommand::Process { file, to } = command;
    let raw = read_mail(file.as_ref())?;
    let (store, queue) = db::open(config).await?;
    let signer = secret::load_or_create(config.secret_key.as_deref(), &config.data_dir)?;
    let verp = config.bounce.clone().map(|base| Verp::new(signer.clone(), base));
    let public_url = config.public_url.clone().unwrap_or_default();
    let settings = wiring::settings(config, public_url)?;
    let confirmations: Arc<dyn rundbrief_app::ConfirmationQueue> = Arc::new(queue);
    let app = rundbrief_app::App::new(store, signer, confirmations, settings);
    let returned = app
        .process_returned_mail(&raw, to.as_deref(), verp.as_ref(), BounceSource::Inbound)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    // The outcome for whoever runs it; ids only, like the logs.
    let said = match returned {
        Returned::ForgedAddress => {
            "ignored: sent to a bounce address this instance did not sign".to_owned()
        }
        Returned::Unsubscribed(subscriber) => {
            format!("unsubscribed subscriber {subscriber} (mail to their unsubscribe address)")
        }
        Returned::Applied(BounceApplied::Ignored) => {
            "ignored: an automatic reply or no report".to_owned()
        }
        Returned::Applied(BounceApplied::Stored(outcome)) => format!(
            "recorded bounce {} (subscriber {}): {:?}",
            outcome.id,
            outcome.subscriber.map_or_else(|| "unknown".to_owned(), |s| s.0.to_string()),
            outcome.effect
        ),
    };
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{said}").context("cannot write to standard output")
}

/// The whole mail, refusing one larger than any report needs before holding it all.
fn read_mail(file: Option<&PathBuf>) -> anyhow::Result<Vec<u8>> {
    let limit = u64::try_from(MAX_RETURNED_MAIL_BYTES).unwrap_or(u64::MAX) + 1;
    let mut raw = Vec::new();
    match file.filter(|f| f.as_os_str() != "-") {
        Some(path) => std::fs::File::open(path)
            .with_context(|| format!("cannot open {}", path.display()))?
            .take(limit)
            .read_to_end(&mut raw)
            .with_context(|| format!("cannot read {}", path.display()))?,
        None => std::io::stdin()
            .lock()
            .take(limit)
            .read_to_end(&mut raw)
            .context("cannot read the mail from standard input")?,
    };
    if raw.len() > MAX_RETURNED_MAIL_BYTES {
        anyhow::bail!("the mail is larger than 10 MB; no bounce report is");
    }
    Ok(raw)
}
