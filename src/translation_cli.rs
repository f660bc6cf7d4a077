//! `rundbrief issue export-translation|import-translation`: translation files (XLIFF 2.0,
//! XLIFF 1.2, PO) of an issue's variant, through the same use cases as the API and the editor.

use std::io::{Read as _, Write as _};
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use rundbrief_app::AppError;
use rundbrief_core::{IssueId, Language};
use rundbrief_render::translation::TranslationFormat;
use rundbrief_store::RevisionAuthor;

use crate::config::Config;
use crate::{db, secret, wiring};

pub enum TranslationCommand {
    Export { issue: i64, lang: Language, format: TranslationFormat, out: Option<PathBuf> },
    Import { issue: i64, file: PathBuf },
}

pub fn parse_format(value: &str) -> Result<TranslationFormat, String> {
    TranslationFormat::parse(value)
        .ok_or_else(|| format!("'{value}' is not one of xliff2, xliff12, po"))
}

pub async fn run(config: &Config, command: TranslationCommand) -> anyhow::Result<()> {
    let (store, queue) = db::open(config).await?;
    let signer = secret::load_or_create(config.secret_key.as_deref(), &config.data_dir)?;
    let settings = wiring::settings(config, config.public_url.clone().unwrap_or_default())?;
    let confirmations: Arc<dyn rundbrief_app::ConfirmationQueue> = Arc::new(queue);
    let app = rundbrief_app::App::new(store, signer, confirmations, settings);
    match command {
        TranslationCommand::Export { issue, lang, format, out } => {
            let file = app
                .export_translation(IssueId(issue), lang, format)
                .await
                .map_err(|e| named(issue, e))?;
            match out {
                Some(path) => std::fs::write(&path, file.body.as_bytes())
                    .with_context(|| format!("cannot write {}", path.display()))?,
                None => {
                    let mut stdout = std::io::stdout().lock();
                    stdout
                        .write_all(file.body.as_bytes())
                        .context("cannot write to standard output")?;
                    stdout.flush().context("cannot write to standard output")?;
                }
            }
            Ok(())
        }
        TranslationCommand::Import { issue, file } => {
            let bytes = read(&file)?;
            // The command line is no account: the revision's author is "the command line".
            let author = RevisionAuthor { user: None, token: None };
            match app.import_translation(IssueId(issue), &bytes, None, author).await {
                Ok(imported) => {
                    let mut stdout = std::io::stdout().lock();
                    writeln!(
                        stdout,
                        "issue {issue}: {} saved from {} units, made from revision {} of the base text",
                        imported.variant.language.code(),
                        imported.units,
                        imported.source_revision
                    )
                    .context("cannot write to standard output")?;
                    Ok(())
                }
                Err(AppError::Invalid(problems)) => {
                    let mut stderr = std::io::stderr().lock();
                    for p in &problems {
                        writeln!(stderr, "{}: {}", p.field, p.reason)
                            .context("cannot write to standard error")?;
                    }
                    anyhow::bail!(
                        "the translation file was refused: {} problem(s), nothing was saved",
                        problems.len()
                    )
                }
                Err(e) => Err(named(issue, e)),
            }
        }
    }
}

fn named(issue: i64, error: AppError) -> anyhow::Error {
    match error {
        AppError::NotFound("issue") => anyhow::anyhow!("issue {issue} does not exist"),
        other => anyhow::anyhow!("{other}"),
    }
}

fn read(path: &PathBuf) -> anyhow::Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).context("cannot read standard input")?;
        return Ok(bytes);
    }
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}
