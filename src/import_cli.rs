//! `rundbrief import FILE.csv`: an existing list into Rundbrief, with an explicit consent
//! choice, a dry run, a reject file of the rows to fix, and a progress bar on a terminal.

use std::collections::BTreeMap;
use std::io::{IsTerminal as _, Write as _};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, bail};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use rundbrief_app::import::columns::parse_map;
use rundbrief_app::import::{ImportConsent, ImportObserver, ImportOptions, RowResult, import_csv};
use rundbrief_core::Language;
use rundbrief_store::{ImportUpdate, Store};

#[derive(Args)]
pub struct ImportArgs {
    /// The CSV file: `,` `;` or tab separated, UTF-8 (with or without BOM) or Windows-1252.
    file: PathBuf,
    /// How the people in the file agreed to be mailed. Required: obtained-elsewhere (with
    /// --source), proof (the file's opt-in time and IP columns are the proof), or
    /// double-opt-in (each new address gets a confirmation mail in its language and stays
    /// pending until it confirms; the worker sends the mails at RUNDBRIEF_SEND_RATE, or 10 a
    /// second when that is unset).
    #[arg(long, value_enum)]
    consent: Option<ConsentArg>,
    /// Where consent was obtained, e.g. "Paper forms 2023"; recorded in each consent event.
    #[arg(long)]
    source: Option<String>,
    /// Who runs the import, for the consent log (default: the operating system user).
    #[arg(long)]
    by: Option<String>,
    /// Change existing subscribers in these fields (never their status): name, language, lists.
    #[arg(long, value_enum, value_delimiter = ',')]
    update: Vec<UpdateField>,
    /// Create lists the file names that do not exist yet, instead of rejecting the rows.
    #[arg(long)]
    create_lists: bool,
    /// Say per row what would happen, and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Read a column as a field: COLUMN=FIELD (email, name, first_name, last_name, language,
    /// lists, region, audience, optin_time, optin_ip, attribute, ignore). Repeatable.
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    map: Vec<String>,
    /// Write the rejected rows here: their original columns and `error`. Fix and import again.
    #[arg(long, value_name = "FILE")]
    rejects: Option<PathBuf>,
    /// Language of rows without one (default: the configured default_language).
    #[arg(long, value_parser = crate::parse_language)]
    language: Option<Language>,
    /// Rows per transaction.
    #[arg(long, default_value_t = rundbrief_app::import::DEFAULT_BATCH_SIZE)]
    batch_size: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ConsentArg {
    ObtainedElsewhere,
    Proof,
    DoubleOptIn,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum UpdateField {
    Name,
    Language,
    Lists,
}

/// `send_rate` (messages a second, `None` = unlimited) paces a double opt-in's mails.
pub async fn run(
    store: &dyn Store,
    default_language: Language,
    send_rate: Option<f64>,
    args: ImportArgs,
) -> anyhow::Result<()> {
    let consent = match (args.consent, args.source.as_deref().map(str::trim)) {
        (None, _) => bail!(
            "refusing to import without a consent choice: say how the people in this file \
             agreed to be mailed, with --consent obtained-elsewhere --source \"Paper forms 2023\" \
             or --consent proof (the file's opt-in time and IP columns)"
        ),
        (Some(ConsentArg::DoubleOptIn), _) => ImportConsent::double_opt_in(send_rate),
        (Some(ConsentArg::ObtainedElsewhere), Some(source)) if !source.is_empty() => {
            ImportConsent::ObtainedElsewhere { source: source.to_owned() }
        }
        (Some(ConsentArg::ObtainedElsewhere), _) => {
            bail!(
                "--consent obtained-elsewhere needs --source saying where, e.g. \"Paper forms 2023\""
            )
        }
        (Some(ConsentArg::Proof), _) => ImportConsent::ProofColumns,
    };
    let mut map = BTreeMap::new();
    for spec in &args.map {
        let (column, field) = parse_map(spec).map_err(anyhow::Error::msg)?;
        map.insert(column, field);
    }
    let options = ImportOptions {
        consent,
        by: args.by.clone().unwrap_or_else(os_user),
        file_name: args
            .file
            .file_name()
            .map_or_else(String::new, |name| name.to_string_lossy().into_owned()),
        update: ImportUpdate {
            name: args.update.contains(&UpdateField::Name),
            language: args.update.contains(&UpdateField::Language),
            lists: args.update.contains(&UpdateField::Lists),
        },
        create_lists: args.create_lists,
        dry_run: args.dry_run,
        map,
        default_language: args.language.unwrap_or(default_language),
        batch_size: args.batch_size.max(1),
    };
    let file = std::fs::File::open(&args.file)
        .with_context(|| format!("cannot open {}", args.file.display()))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut observer = CliObserver::new(&args, size)?;
    let now = time::OffsetDateTime::now_utc();
    // Audited before it runs, like an upload through the API: a long import broken off
    // midway has written batches all the same. The file's name may name people; not kept.
    let action = if args.dry_run { "import.previewed" } else { "import.started" };
    let detail = serde_json::json!({
        "consent": match options.consent {
            ImportConsent::ObtainedElsewhere { .. } => "obtained-elsewhere",
            ImportConsent::ProofColumns => "proof",
            ImportConsent::DoubleOptIn { .. } => "double-opt-in",
        },
        "create_lists": args.create_lists,
        "bytes": size,
    });
    rundbrief_app::audit::record(
        store,
        now,
        rundbrief_app::audit::AuditActor::Cli,
        action,
        None,
        detail,
    )
    .await;
    let report = import_csv(store, file, &options, now, &mut observer).await;
    observer.bar.finish_and_clear();
    if let Some(rejects) = observer.rejects.as_mut() {
        rejects.flush().context("cannot write the reject file")?;
    }
    let report = report?;
    let mut err = std::io::stderr().lock();
    if !report.ignored_columns.is_empty() {
        writeln!(
            err,
            "ignored columns (their field comes from an earlier column): {}",
            report.ignored_columns.join(", ")
        )?;
    }
    if !report.new_lists.is_empty() {
        let verb = if args.dry_run { "would create" } else { "created" };
        writeln!(err, "{verb} lists: {}", report.new_lists.join(", "))?;
    }
    let rate = observer.rows as f64 / observer.started.elapsed().as_secs_f64().max(0.001);
    let dry = if args.dry_run { " (dry run: nothing written)" } else { "" };
    if let ImportConsent::DoubleOptIn { pace } = options.consent
        && report.created > 0
    {
        let verb = if args.dry_run { "would be" } else { "are" };
        let minutes = (pace * report.created as f64).as_seconds_f64() / 60.0;
        writeln!(
            err,
            "{} confirmation mails {verb} queued, one every {:.2} s: the worker sends them \
             over {minutes:.1} min; the new subscribers stay pending until they confirm",
            report.created,
            pace.as_seconds_f64()
        )?;
    }
    writeln!(
        err,
        "import: {}{dry}; {} rows in {:.1} s, {rate:.0} rows/s",
        report.summary(),
        observer.rows,
        observer.started.elapsed().as_secs_f64()
    )?;
    tracing::info!(
        created = report.created,
        updated = report.updated,
        rejected = report.rejected,
        dry_run = args.dry_run,
        "import finished"
    );
    Ok(())
}

fn os_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .into_iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.is_empty()))
        .unwrap_or_else(|| "an unknown user".into())
}

/// Prints rejections (and in a dry run every row), writes the reject file, moves the bar.
struct CliObserver {
    dry_run: bool,
    rejects: Option<csv::Writer<std::fs::File>>,
    bar: ProgressBar,
    rows: u64,
    started: Instant,
    columns: usize,
}

impl CliObserver {
    fn new(args: &ImportArgs, size: u64) -> anyhow::Result<Self> {
        let rejects = match &args.rejects {
            Some(path) => Some(
                csv::WriterBuilder::new()
                    .flexible(true)
                    .from_path(path)
                    .with_context(|| format!("cannot create {}", path.display()))?,
            ),
            None => None,
        };
        let bar = if std::io::stderr().is_terminal() && !args.dry_run {
            let bar = ProgressBar::new(size);
            let style = ProgressStyle::with_template("{wide_bar} {percent:>3}% {msg} ETA {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        } else {
            ProgressBar::hidden()
        };
        Ok(Self {
            dry_run: args.dry_run,
            rejects,
            bar,
            rows: 0,
            started: Instant::now(),
            columns: 0,
        })
    }

    fn say(&self, line: String) {
        if self.bar.is_hidden() {
            let _ = writeln!(std::io::stderr(), "{line}");
        } else {
            self.bar.println(line);
        }
    }
}

impl ImportObserver for CliObserver {
    fn headers(&mut self, headers: &[String]) {
        self.columns = headers.len();
        if let Some(rejects) = self.rejects.as_mut() {
            let mut row = headers.to_vec();
            row.push("error".into());
            if let Err(error) = rejects.write_record(&row) {
                self.say(format!("cannot write the reject file: {error}"));
            }
        }
    }

    fn row(&mut self, line: u64, email: &str, result: &RowResult, record: &[String]) {
        self.rows += 1;
        match result {
            RowResult::Rejected(rejection) => {
                let column = if rejection.column.is_empty() {
                    String::new()
                } else {
                    format!(", column {}", rejection.column)
                };
                let message = format!("line {line}{column}: {}", rejection.reason);
                if let Some(rejects) = self.rejects.as_mut() {
                    // A short row is padded and a long one's surplus comes after `error`, so
                    // `error` stays in its column and no value of the row is lost.
                    let mut row: Vec<String> = record.iter().take(self.columns).cloned().collect();
                    row.resize(self.columns, String::new());
                    row.push(message.clone());
                    row.extend(record.iter().skip(self.columns).cloned());
                    if let Err(error) = rejects.write_record(&row) {
                        self.say(format!("cannot write the reject file: {error}"));
                    }
                }
                self.say(format!("rejected: {message}"));
            }
            other if self.dry_run => {
                let what = match other {
                    RowResult::Created => "would be created".to_owned(),
                    RowResult::Updated => "would be updated".to_owned(),
                    RowResult::Skipped(reason) => format!("would be skipped ({reason})"),
                    RowResult::Rejected(_) => String::new(),
                };
                let _ = writeln!(std::io::stdout(), "line {line}: {email}: {what}");
            }
            _ => {}
        }
    }

    fn progress(&mut self, bytes: u64) {
        self.bar.set_position(bytes);
        let rate = self.rows as f64 / self.started.elapsed().as_secs_f64().max(0.001);
        self.bar.set_message(format!("{} rows, {rate:.0} rows/s", self.rows));
    }
}
